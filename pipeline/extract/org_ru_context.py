"""Russian context rules: organisations that their syntactic slot shows, where news NER has
none, and stretches that are titles, not organisations. One named function per rule, each
with its example; :func:`context_spans` runs them in order.
"""
from __future__ import annotations

import re
from functools import partial
from typing import Sequence, Union

from pipeline.extract.org_common import _CYR, _LAT
from pipeline.extract.org_ru_complete import NUMBERED, PLACE_KIND, genitive_name
from pipeline.extract.org_ru_words import (
    RuSentence, adjectives_before, as_sentence, can_be_org_name, chosen, close_quote, genitive_run, is_gent,
    is_adjective, known_common, known_person_name, lemma, ordinal_word, participle, person_gent, plural_only,
    readings, relational_adj,
    remit_end, ru_body_descriptors, ru_descriptors, word_before,
)
from pipeline.extract.org_ru_tidy import tidy_span
from pipeline.resources import load_set

# a Latin-script name: Google, 3Com, comScore, Hewlett-Packard, baltinfo.ru, Sun Microsystems
_LATIN_NAME = (r"[A-Za-z0-9](?:[\w&'’-]|\.(?=[A-Za-z0-9]))*"
               r"(?:\s+(?:[A-Z0-9](?:[\w&'’-]|\.(?=[A-Za-z0-9]))*|of|and|&|de|und))*")
# a report verb or a source phrase before a named source: сообщает baltinfo.ru, согласно comScore
_SOURCE_CUE = re.compile(
    r"(?<![\w-])(?:сообща(?:ет|ют)|сообщил[аио]?|сообщили|переда(?:ёт|ет|ют)|пиш(?:ет|ут)|"
    r"цитиру(?:ет|ют)|[Сс]огласно|[Пп]о (?:данным|сведениям|информации|оценкам)|"
    r"со ссылкой на)\s+(" + _LATIN_NAME + ")")
# a deal or a stake whose object is a company: покупка 3Com, акции Google
_DEAL_CUE = re.compile(
    r"(?<![\w-])(?:покупк[аеиуо]й?|приобретени[еяю]м?|поглощени[еяю]м?|акци(?:и|й|ям|ями|ях))"
    r"\s+(" + _LATIN_NAME + ")")
# a piece of writing, its publisher and its title: в статье Частного корреспондента «…»
_PIECE = re.compile(
    r"(?<![\w-])(?:стать(?:е|я|ю|и)|колонк[еиу]|заметк[еиу]|публикаци(?:и|я|ю)|"
    r"материал(?:е|а)?|интервью|репортаж(?:е|а)?)\s+"
    r"((?:[А-ЯЁA-Z][\w-]*)(?:\s+[\w-]+){0,3}?)?\s*[«\"“„]")
# nouns of bodies that are told apart by a number: 13-я экспедиция, 1-я армия, 2-й фронт
_NUMBERED_BODY = ("экспедиция", "армия", "фронт", "дивизия", "полк", "бригада", "флот",
                  "эскадра")
_MINISTRY = re.compile(r"(?<![\w-])министерств(?:о|а|у|ом|е)(?![\w-])")
_DESC_QUOTE = re.compile(r"(?<![\w-])([А-Яа-яЁё-]{3,})\s*[«\"“„]")
_DESC_NAME = re.compile(r"(?<![\w-])([А-Яа-яЁё-]{3,}) ((?:[A-ZА-ЯЁ][\w’'-]*)(?: [A-ZА-ЯЁ][\w’'-]*){0,2})"
                        r"(?![\w«»\"-])")
_OFFICE = re.compile(r"(?<![\w-])(?:ведомств|департамент)[а-я]{0,3}(?![\w-])")
_MISSION = re.compile(r"(?<![\w-])(?:посольств|представительств|консульств|генконсульств)"
                      r"[а-я]{0,3} в ")
_AL_NAME = re.compile(r"(?<![\w-])(?:Аль|Эль)-[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")
_PRESS = re.compile(r"(?<![\w-])(?:([Пп]ресс-служб(?:а|ы|е|у|ой))|[Аа]дминистраци(?:я|и|ю|ей)|"
                    r"[Пп]равительств(?:о|а|у|ом|е)|[Кк]абинет(?:а|у|ом|е)?)(?![\w-])")
# titles of the head a government or an administration is named after
_HEAD_TITLES = ("президент", "премьер-министр", "премьер", "губернатор", "мэр", "канцлер",
                "глава", "председатель")


class _Slots:
    """What the rules of one sentence share: natasha's spans, the spans taken, the additions
    and the stretches to clear."""

    def __init__(self, sent: RuSentence, spans, taken):
        self.sent = sent
        self.text = sent.text
        self.spans = list(spans)
        self.persons = [(a, b) for a, b, t in spans if t == "PER"]
        self.places = [(a, b) for a, b, t in spans if t in ("LOC", "ORG")]
        self.taken = list(taken)
        self.adds: list[tuple[int, int]] = []
        self.blocks: list[tuple[int, int]] = []

    def free(self, s: int, e: int) -> bool:
        """Neither a span taken, nor a person, nor an addition overlaps ``s:e``."""
        return not any(s < b and a < e for a, b in self.taken + self.persons + self.adds)

    def unclaimed(self, s: int, e: int) -> bool:
        """Neither a span taken nor an addition overlaps ``s:e``."""
        return not any(s < b and a < e for a, b in self.taken + self.adds)


def latin_source(name: str) -> bool:
    """A Latin-script token sequence that reads as a name: capitalised, a digit or an inner
    capital (3Com, comScore) or a web address (baltinfo.ru); not a Roman numeral."""
    first = name.split()[0]
    if not _LAT.search(first) or re.fullmatch(r"[IVXLCDM]+", first):
        return False
    return first[:1].isupper() or first[:1].isdigit() or bool(
        re.search(r"[a-z][A-Z]", first)) or bool(re.search(r"\.[a-z]{2,4}$", first))


def rule_latin_source(x: _Slots) -> None:
    """A Latin-script name after a report verb or a source phrase (the source of a news item
    is a medium or a company): ``сообщает baltinfo.ru``, ``согласно comScore``; or as what a
    deal or stake is in: ``покупка 3Com``, ``акции Google``."""
    for rx in (_SOURCE_CUE, _DEAL_CUE):
        for m in rx.finditer(x.text):
            s, e = m.span(1)
            while e > s and x.text[e - 1] in ".-’'&":
                e -= 1
            if e > s and latin_source(x.text[s:e]) and x.free(s, e):
                x.adds.append((s, e))


_post_verbs = partial(load_set, "ru/org_post_verbs.txt")
_post_places = partial(load_set, "ru/org_post_places.txt")


# possessives between a preposition and a medium (в своём Twitter); readers of a medium
_OWN = frozenset(("свой", "его", "ее", "их", "мой", "наш"))
_FOLLOWERS = frozenset(("подписчик", "фолловер"))


def rule_medium(x: _Slots) -> None:
    """A Latin-script name where words are put, not an actor: after a verb of posting and
    ``в``/``на`` (``написал в Twitter``, ``заявил в Instagram``) or after a noun of a place
    where one posts (``в соцсети Weibo``, ``в микроблоге Twitter``) it is the medium, as
    ``в газете`` is a place in the text; the same name acting (``Twitter заблокировал``) stays."""
    for a, b, t in x.spans:
        if t != "ORG" or not _LAT.match(x.text[a:b]) or _CYR.search(x.text[a:b]):
            continue
        w = word_before(x.sent, a)
        if w is not None and lemma(w) in _OWN:  # написал в своём Instagram
            w = word_before(x.sent, w.start)
        if w is None:
            continue
        if lemma(w) in _post_places() and "Number=Plur" not in w.feats:
            x.blocks.append((a, b))
        elif w.text.lower() in ("в", "на") and any(lemma(f) in _FOLLOWERS for f in x.sent.words):
            x.blocks.append((a, b))  # у неё 12 млн подписчиков в Instagram: where one is read
        elif w.text.lower() in ("в", "на"):
            v = word_before(x.sent, w.start)
            if v is not None and v.upos == "VERB" and lemma(v) in _post_verbs():
                x.blocks.append((a, b))


_elected_bodies = partial(load_set, "ru/org_elected_bodies.txt")
# offices of members of an elected body, whose genitive names that body
_MEMBER_OFFICES = frozenset(("депутат", "спикер", "сенатор"))
_PLACE_TAIL = re.compile(r"\s+(?:города|района|области|края|округа|штата|провинции|республики|села)"
                         r"\s+[А-ЯЁ][\w-]*")


def rule_member_body(x: _Slots) -> None:
    """The elected body after the office of its member, in the genitive with its level
    adjectives or its place: депутат ``муниципального собрания района Отрадное``, депутатом
    ``городского совета``, спикер ``областной думы`` (a bare спикер парламента names no
    level and is left to news NER)."""
    words = x.sent.words
    for k, w in enumerate(words[:-1]):
        if lemma(w) not in _MEMBER_OFFICES:
            continue
        j = k + 1
        while j < len(words) and words[j].upos == "ADJ" and words[j].text.islower() \
                and "Case=Gen" in words[j].feats:
            j += 1
        if j >= len(words):
            continue
        body = words[j]
        if x.text[w.end:body.start].strip(" ") != x.text[w.end:body.start].strip() or \
                lemma(body) not in _elected_bodies() or "Case=Gen" not in body.feats or \
                not body.text.islower():
            continue
        e = body.end
        m = _PLACE_TAIL.match(x.text, e)
        place = next((b for a, b, t in x.spans if t == "LOC" and a == e + 1 and x.text[e] == " "
                      and is_gent(x.text[a:b].split(" ")[0])), None)
        if m:
            e = m.end()
        elif place is not None:
            e = place
        elif j == k + 1:
            continue
        s = words[k + 1].start
        if x.unclaimed(s, e):
            x.adds.append((s, e))


def rule_publisher(x: _Slots) -> None:
    """The publisher between a piece of writing and its quoted title: в статье ``Частного
    корреспондента`` «Жара продолжается»; the title itself is cleared (not after
    ``интервью``, where the quote is the medium spoken to: в интервью «Комсомольской
    правде»; a quote right after the noun may be the publisher, and stays)."""
    text = x.text
    for m in _PIECE.finditer(text):
        if m.group(1) is None:
            continue
        s, e = m.span(1)
        q = m.end() - 1
        qe = close_quote(text, q)
        if qe > 0 and not m.group().startswith("интервью"):
            x.blocks.append((q, qe))
        words = text[s:e].split()
        # capitalised words, or a capitalised adjective with its noun
        if not all(w[:1].isupper() or (k > 0 and _CYR.match(w) and words[0][:1].isupper())
                   for k, w in enumerate(words)):
            continue
        if x.free(s, e) and not any(s < b and a < e and t == "LOC" for a, b, t in x.spans):
            x.adds.append((s, e))


def rule_numbered_body(x: _Slots) -> None:
    """A numbered body: ``13-й долговременной экспедиции``, ``семнадцатой экспедиции МКС``,
    ``2-й гвардейской армии`` (the ordinal, adjectives, the body noun, and whose body it
    is: an abbreviation after it, then no mention of its own)."""
    text = x.text
    for m in NUMBERED.finditer(text):
        if not (m.group(1) or ordinal_word(m.group(2))):
            continue
        words = x.sent.words_in(m.start(3), m.end(3))
        for k, w in enumerate(words):
            if lemma(w) not in _NUMBERED_BODY:
                continue
            e = w.end
            if not all(is_adjective(a) or participle(a) for a in words[:k]) or not x.free(m.start(), e):
                break
            mab = re.match(r"\s+([A-ZА-ЯЁ]{2,6})(?![\w-])", text[e:e + 10])
            if mab:
                x.blocks.append((e + mab.start(1), e + mab.end(1)))
                e += mab.end()
            x.adds.append((m.start(), e))
            break


def rule_ministry(x: _Slots) -> None:
    """A ministry named by its remit in lower case (news NER wants capitals): ``министерство
    культуры Польши``, ``российском министерстве финансов``, ``министерства иностранных
    дел``."""
    for m in _MINISTRY.finditer(x.text):
        e = genitive_run(x.sent, m.end(), x.persons, x.places)
        e = remit_end(x.sent, e or m.end(), x.persons) or e
        if e is None:
            continue
        s = m.start()
        w = word_before(x.sent, s)
        if w is not None and s - w.start <= 30 and re.fullmatch(r"[А-Яа-яЁё]+", w.text) and \
                relational_adj(w):
            s = w.start
        if x.free(s, e):
            x.adds.append((s, e))


def rule_descriptor_quote(x: _Slots) -> None:
    """A descriptor noun before a quoted name that news NER left out, with its adjectives:
    ``партии «Dog with two tails»``, ``газета «Кориера делла Сера»``, ``еженедельника
    «Пермский обозреватель»``, ``субкультурной партии «...»``."""
    text = x.text
    for m in _DESC_QUOTE.finditer(text):
        lem = lemma(x.sent.at(m.start(1), m.group(1)))
        if lem not in ru_descriptors() or lem in ru_body_descriptors():
            continue
        q = m.end() - 1
        qe = close_quote(text, q)
        inner = text[q + 1:qe - 1] if qe > 0 else ""
        if not inner or len(inner.split()) > 8 or not (inner[:1].isupper() or inner[:1].isdigit()):
            continue
        s = adjectives_before(x.sent, m.start(1))
        if x.free(m.start(1), qe) and x.unclaimed(s, qe):
            x.adds.append((s, qe))


def rule_descriptor_name(x: _Slots) -> None:
    """A descriptor noun before an unquoted capitalised name that news NER left out (a
    foreign name in apposition): ``команды МакЛарен-Мерседес``, ``центре Кин-Топ``,
    ``профсоюза Юнайт``; not a place, a person or a dictionary word. A name news NER read
    as a place or a person is one still when it is not a genitive of possession (центре
    Москвы) and, for a person, a name the dictionary knows as an organisation's (команда
    Феррари) or, a single word, does not know as a person's (профсоюза Юнайт; not театра
    Фоменко, концерна Бернд Пишетсридер)."""
    for m in _DESC_NAME.finditer(x.text):
        lem = lemma(x.sent.at(m.start(1), m.group(1)))
        if lem not in ru_descriptors() or lem in ru_body_descriptors():
            continue
        ns, ne = m.span(2)
        first = x.sent.at(ns, m.group(2).split(" ")[0])
        r0 = chosen(first)
        g0 = r0.grammemes if r0 is not None else frozenset()
        if _CYR.search(m.group(2).split(" ")[0]) and (known_common(first) or "Geox" in g0):
            continue
        ov = [(a, b, t) for a, b, t in x.spans if ns < b and a < ne]
        if ov:
            a, b, t = ov[0]
            if len(ov) > 1 or a != ns or t not in ("LOC", "PER") or \
                    genitive_name(x.text[a:b]) or \
                    (t == "PER" and not can_be_org_name(first) and (
                        known_person_name(first) or " " in x.text[a:b])):
                continue
            ne = b
        s = adjectives_before(x.sent, m.start(1))
        if x.unclaimed(s, ne):
            x.adds.append((s, ne))


def rule_office(x: _Slots) -> None:
    """A government office named by its adjectives, in the singular: ``японского
    дипломатического ведомства``, ``внешнеполитического ведомства России``, ``европейское
    антимонопольное ведомство``, ``государственный департамент США`` (not это ведомство,
    силовые ведомства: a class of offices)."""
    for m in _OFFICE.finditer(x.text):
        s = adjectives_before(x.sent, m.start())
        if s == m.start():
            continue
        adj = x.text[s:m.start()].split()[-1]
        if not any("sing" in r.grammemes for r in readings(adj) if r.pos == "ADJF"):
            continue
        e = m.end()
        mp = re.match(r" +", x.text[e:e + 3])
        nxt = next(((a, b) for a, b, t in x.spans if mp and a == e + mp.end() and t in ("LOC", "ORG")),
                   None)
        if nxt and is_gent(x.text[nxt[0]:nxt[1]].split(" ")[0]):
            e = nxt[1]
        if x.unclaimed(s, e):
            x.adds.append((s, e))


def rule_mission(x: _Slots) -> None:
    """A diplomatic mission named by where it is (a place natasha found after в):
    ``российского посольства в Токио``, ``постоянного представительства в Германии``."""
    for m in _MISSION.finditer(x.text):
        e = next((b for a, b, t in x.spans if a == m.end() and t == "LOC"), None)
        if e is None:
            continue
        s = adjectives_before(x.sent, m.start())
        if x.unclaimed(s, e):
            x.adds.append((s, e))


def rule_arabic_article(x: _Slots) -> None:
    """An Arabic name with its article, capitalised mid-sentence and not part of a person's
    name: оператор ``Аль-Джазиры``, лидера ``Аль-Каиды`` (a person: Сами аль-Хадж); news
    NER may run the name into the person after it (лидера Аль-Каиды Усамы бин Ладена)."""
    text = x.text
    for m in _AL_NAME.finditer(text):
        s, e = m.span()
        if not text[:s].strip() or re.search(r"[.!?:«\"]\s*$", text[:s]) or \
                re.search(r"[А-ЯЁ][\w-]*\s+$", text[:s]):
            continue
        if x.unclaimed(s, e) and not any(
                s < b and a < e and not (a == s and b > e + 1) for a, b in x.persons):
            x.adds.append((s, e))


def rule_press_office(x: _Slots) -> None:
    """The press office of a person or an office, an organisation of its own:
    ``пресс-служба Кадырова``, ``пресс-служба президента Украины``, ``пресс-службы
    премьер-министра``; and a government or administration named after its head (a person
    is needed here): ``кабинета Нетаньяху``, ``администрация президента Обамы``,
    ``правительство Медведева``."""
    text = x.text
    for m in _PRESS.finditer(text):
        pos = m.end()
        while pos < len(text) and text[pos] == " ":
            pos += 1
        e = None
        press = m.group(1) is not None
        mt = None if press else re.match(r"([а-яё-]+) +", text[pos:pos + 30])
        if mt and lemma(x.sent.at(pos, mt.group(1))) in _HEAD_TITLES:
            pos += mt.end()
        per = next((b for a, b in x.persons if a == pos), None)
        last = text[pos:per].split(" ")[-1] if per is not None else ""
        if per is not None and person_gent(x.sent.at(per - len(last), last)):
            e = per
        elif press and text[pos:pos + 1].islower():
            e = genitive_run(x.sent, pos, x.persons, x.places)
        if e is not None and x.unclaimed(m.start(), e):
            x.adds.append((m.start(), e))


def rule_descriptor_place(x: _Slots) -> None:
    """A descriptor noun in the singular, what it is of (a genitive run of common nouns) and
    the place it belongs to (a place news NER found, in the genitive): ``Федерация бобслея
    России``, ``национальная ассоциация футбола Англии``. Without the run it does not say
    which body it is (центр Москвы); a kind of place is no part of the run (центре города
    Москвы)."""
    for a, b, t in x.spans:
        if t != "LOC" or not is_gent(x.text[a:b].split(" ")[0]):
            continue
        head = None
        pos = a
        for _ in range(4):  # back over the genitive run to the descriptor noun
            w = word_before(x.sent, pos)
            if w is None:
                break
            if pos < a and lemma(w) in ru_descriptors() and not plural_only(w) and \
                    "Number=Plur" not in w.feats:
                head = w
                break
            if not (w.text.islower() and w.upos == "NOUN" and "Case=Gen" in w.feats) or \
                    PLACE_KIND.fullmatch(" " + w.text + " "):
                break
            pos = w.start
        if head is None:
            continue
        s = adjectives_before(x.sent, head.start)
        if x.free(s, b):
            x.adds.append((s, b))


def _level_adjectives() -> frozenset[str]:
    return load_set("ru/org_level_adjectives.txt")


def _state_remits() -> frozenset[str]:
    return load_set("ru/org_state_remits.txt")


def _state_bodies() -> frozenset[str]:
    return load_set("ru/org_state_bodies.txt")


def common_remit(sent: RuSentence, s: int, e: int) -> bool:
    """The remit ``sent.text[s:e]`` in the genitive after a body noun opens with a field the
    state administers (``org_state_remits.txt``) and is written in common words that the
    dictionary knows, all in lower case (``управление здравоохранения``, ``отдел внутренних
    дел``; not ``отдел продаж``): a state body's field, not a name (``управление Делами
    Президента``) nor an unknown word of another language; not a verbal noun whose object
    follows (``службы управления персоналом``)."""
    words = sent.words_in(s, e)
    after = sent.words_in(e, len(sent.text))[:1]
    if after and after[0].upos == "NOUN" and "Case=Ins" in after[0].feats:
        return False  # службы управления | персоналом: the remit's verbal noun goes on
    nouns = [w for w in words if w.upos == "NOUN"]
    return bool(nouns) and lemma(nouns[0]) in _state_remits() and all(
        w.text.islower() and known_common(w) for w in words if w.upos not in ("ADP", "CCONJ"))


def state_bodies(text: Union[str, RuSentence]) -> list[tuple[int, int]]:
    """Bodies of the state named by their level and remit in common nouns, as an act names the
    bodies it charges (news NER wants capitals): a body noun (``org_body_descriptors.txt``)
    with its remit in the genitive or after ``по`` and a level adjective
    (``org_level_adjectives.txt``) before it or a kind of place in the genitive after it
    (``Областной комитет ветеринарии``, ``департамент сельского хозяйства области``,
    ``областным управлениям здравоохранения``), or with no adjective before it and its remit in
    the genitive in common words (:func:`common_remit`: ``управления образования``, as a table
    of an act names the bodies in charge); a state body noun (``org_state_bodies.txt``)
    with a level adjective alone (``районный маслихат``; in the plural, ``районные акиматы``,
    the bodies of every district, a class and no one body). Read in acts only: in news the same
    words more often name a department of a company or a court by its level alone."""
    sent = as_sentence(text)
    out: list[tuple[int, int]] = []
    for w in sent.words:
        lem = lemma(w)
        body = lem in ru_body_descriptors()
        if not (body or lem in _state_bodies()) or any(a < w.end and w.start < b for a, b in out):
            continue
        s = adjectives_before(sent, w.start)
        level = any(lemma(a) in _level_adjectives() for a in sent.words_in(s, w.start))
        g = genitive_run(sent, w.end, ())
        e = remit_end(sent, g or w.end, ()) or g
        if body:
            placed = e is not None and PLACE_KIND.search(sent.text[w.end:e] + " ") is not None
            if g is not None and s == w.start and w.text.islower() and not (level or placed) \
                    and common_remit(sent, w.end, g):
                e = g  # управления здравоохранения, внутренних дел: a body by its field alone
            elif e is None or not (level or placed):
                continue
        elif not level or "Number=Plur" in w.feats and e is None:
            continue  # районных акиматах: the bodies of every district, a class, no one body
        out.append((s, e or w.end))
    return [y for x in out for y in tidy_span(sent, *x)]


RULES = (rule_latin_source, rule_medium, rule_publisher, rule_numbered_body, rule_ministry,
         rule_descriptor_quote, rule_descriptor_name, rule_office, rule_mission,
         rule_arabic_article, rule_press_office, rule_descriptor_place,
         rule_member_body)


def context_spans(text: Union[str, RuSentence], spans: Sequence[tuple[int, int, str]],
                  taken: Sequence[tuple[int, int]]
                  ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Organisations that their syntactic slot shows (:data:`RULES`, in order), and
    stretches that are titles, not organisations (``spans``: natasha's (start, stop, type);
    ``taken``: spans found already). Nothing that overlaps a span already taken (nor, for
    most rules, a person natasha found) is added."""
    x = _Slots(as_sentence(text), spans, taken)
    for rule in RULES:
        rule(x)
    return x.adds, x.blocks
