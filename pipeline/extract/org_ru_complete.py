"""Russian organisation names completed from news NER's spans: what follows a name (a place
or an organisation in the genitive, a remit, a convocation) and what precedes it (a
descriptor, a legal form, a place adjective, an ordinal), and generic heads named by a place
adjective. The words are the sentence's (:mod:`pipeline.extract.org_ru_words`).
"""
from __future__ import annotations

import re
from typing import Optional, Sequence, Union

from pipeline.extract.org_kk import OPEN_Q, _legal_forms, _not_orgs
from pipeline.extract.org_ru_words import (
    RuSentence, as_sentence, is_gent, lemma, list_start, only_genitive, ordinal_word,
    plain_adjective, plural_only, pronoun, readings, relational_adj, relational_modifier,
    remit_end, ru_body_descriptors, ru_descriptors, ru_gazetteer, ru_generic_heads, ru_key,
    ru_lemma, ru_not_descriptors, adjectives_before, word_before,
)

_PAREN_TAIL = re.compile(r"\s*\(([A-ZА-ЯЁ][^()]{1,80})\)?$")
# heads that name one body only with their complement (министерство финансов, посольство в Токио)
_NEEDS_COMPLEMENT = ("министерство", "посольство")
# a kind of place in the genitive between an organisation and the place's name
PLACE_KIND = re.compile(r"\s(?:города|района|области|края|округа|штата|провинции|"
                        r"республики|графства|земли|поселка|посёлка|села)\s")
_ORDINAL = r"(?:(\d{1,3}-(?:го|й|я|ой|ый|ий|ая|ую|ое|ом|ей|ым|ю|е))|([а-яё]+))"
ORDINAL_BEFORE = re.compile(r"(?<![\w-])" + _ORDINAL + r"\s+$")
NUMBERED = re.compile(r"(?<![\w-])" + _ORDINAL + r"(?=((?:\s+[а-яё-]+){1,3}))")

# titles of persons that news NER sometimes takes into the organisation after them at the
# start of a sentence (Замглавы Федеральной миграционной службы, Президент ФИФА)
PERSON_TITLES = frozenset((
    "глава", "замглавы", "председатель", "зампредседатель", "директор", "гендиректор",
    "министр", "замминистра", "президент", "вице-президент", "руководитель", "представитель",
    "пресс-секретарь", "спикер", "депутат", "член", "сотрудник", "посол", "начальник",
    "заместитель", "основатель", "создатель", "лидер", "генсек", "генеральный", "аким"))
# non-organisation nouns of events, whose genitive is what acts (полёт «Прогресса»)
_EVENT_NOUNS = ("полет", "старт", "операция", "конкурс", "фестиваль", "премия")


def descriptor_start(sent: RuSentence, s: int, e: int) -> bool:
    """The name starts with a capitalised descriptor noun: ``Комиссии по атомной энергии``."""
    m = re.match(r"([А-ЯЁ][а-яё]+)\s", sent.text[s:e])
    return bool(m) and lemma(sent.at(s, m.group(1))) in (ru_descriptors() | ru_body_descriptors())


def genitive_name(name: str) -> bool:
    """An unquoted Cyrillic name whose first word can only be a genitive: after a descriptor
    it names the organisation the descriptor's body belongs to (``комитета`` ``Совета
    Федерации``), not the descriptor's own name (``компании`` ``Газпром``)."""
    if name[:1] in OPEN_Q + '"':
        return False
    w = name.split(" ")[0]
    if not re.search(r"[А-Яа-яЁё]", w) or w.isupper():
        return False
    return only_genitive(w)


def possessor(noun: str, name: str) -> bool:
    """A name in the genitive after a noun in another case owns what the noun names, it
    does not name it: ``станция „Водоканала“`` (the station of Vodokanal), unlike the
    apposition ``станция «Мир»``, ``шаттла «Дискавери»``."""
    w = re.search(r"\w+(?:[-’'.&]\w+)*", name)
    if not w or not re.search(r"[А-Яа-яЁё]", w.group()) or w.group().isupper() or \
            ru_lemma(noun) in _EVENT_NOUNS:
        return False
    return not any("gent" in r.grammemes for r in readings(noun) if r.pos == "NOUN") and \
        only_genitive(w.group())


def not_org_head(text: str) -> bool:
    """A non-organisation (``org_not.txt``) with a place adjective before it or a place after
    it: ``российских СМИ``, ``СМИ Беларуси``."""
    words = text.split()
    if len(words) < 2:
        return False
    if relational_adj(words[0]) and words[0][:1].islower():
        words = words[1:]
    return words[0].lower() in _not_orgs() and (
        len(words) == 1 or (len(words) == 2 and words[1][:1].isupper()))


def adjective_heads(text: Union[str, RuSentence], taken: Sequence[tuple[int, int]]
                    ) -> list[tuple[int, int]]:
    """A place adjective before a generic head (``org_generic_heads.txt``) names the body of
    that place: ``японское правительство``, ``Московские власти``, ``американских властей``
    (the adjective is a relational one in -ск-/-цк-; spans already found are left alone)."""
    sent = as_sentence(text)
    out = []
    words = [w for w in sent.words if re.fullmatch(r"[А-ЯЁа-яё]+(?:-[а-яё]+)*", w.text)]
    for w1, w2 in zip(words, words[1:]):
        if sent.text[w1.end:w2.start].strip() or not w2.text[:1].islower():
            continue
        head = lemma(w2)
        if head not in ru_generic_heads() or head in _NEEDS_COMPLEMENT or not relational_adj(w1):
            continue
        s, e = w1.start, w2.end
        if any(s < b and a < e for a, b in taken):
            continue
        out.append((s, e))
    return out


def trim_title(sent: RuSentence, s: int, e: int, t: str) -> Optional[tuple[int, int, str]]:
    """An ORG span of news NER without a person's title before the name; None when the
    span is the title alone (``Замглавы`` read as an organisation of its own) or a pronoun."""
    text = sent.text
    if t != "ORG":
        return s, e, t
    if re.fullmatch(r"[А-ЯЁа-яё-]+", text[s:e]) and lemma(sent.at(s, text[s:e])) in PERSON_TITLES:
        return None
    if re.fullmatch(r"[А-ЯЁ][а-яё]+", text[s:e]) and pronoun(text[s:e]):
        return None  # Её выдвинула партия: a pronoun at the start of a sentence
    m = re.match(r"([А-ЯЁ][а-яё-]+)\s+(?=[«\"A-ZА-ЯЁ])", text[s:e])
    if m and lemma(sent.at(s, m.group(1))) in PERSON_TITLES:
        return s + m.end(), e, t
    return s, e, t


def _generic_head_before_place(sent: RuSentence, spans) -> list[tuple[int, int, str]]:
    """правительство / власти / сборная + a place in the genitive: ``правительство Китая``."""
    text = sent.text
    extra = []
    for s, e, t in spans:
        if t != "LOC" or not is_gent(text[s:e].split(" ")[0]):
            continue
        w = word_before(sent, s, gap=r"\s")
        if w is not None and re.fullmatch(r"[А-Яа-яЁё]+", w.text) and s - w.start <= 30 and \
                lemma(w) in ru_generic_heads() and not any(s2 <= w.start < e2 for s2, e2, _ in spans):
            extra.append((w.start, s - 1, "ORG"))
    return extra


def _join_following(sent: RuSentence, spans) -> tuple[list[list[int]], dict[int, list[int]]]:
    """ORG spans run on over what follows them: a place or an organisation in the genitive
    (``Министерство юстиции`` + ``Республики Казахстан``; ``Мажилис`` + ``Парламента РК``),
    a kind of place and its name (``Судом Партизанского района`` + ``города Минска``). A
    place that news NER calls a LOC but the gazetteer knows is an ORG (ЕС, Кремль). Returns
    the spans and, per span, the starts of the organisations inside it."""
    text = sent.text
    out: list[list[int]] = []
    inner: dict[int, list[int]] = {}
    i = 0
    while i < len(spans):
        s, e, t = spans[i]
        if t == "LOC" and ru_key(sent, s, e) in ru_gazetteer():
            t = "ORG"
        if t != "ORG":
            i += 1
            continue
        j = i + 1
        while j < len(spans):
            s2, e2, t2 = spans[j]
            gap = text[e:s2]
            first = text[s2:e2].split(" ")[0]
            if gap.strip() == "" and len(gap) <= 2 and t2 in ("LOC", "ORG") and is_gent(first):
                if t2 == "ORG" or ru_key(sent, s2, e2) in ru_gazetteer():
                    inner.setdefault(len(out), []).append(s2)
                e = e2
                j += 1
                continue
            if t2 == "LOC" and PLACE_KIND.fullmatch(gap):
                e = e2
                j += 1
                continue
            break
        out.append([s, e])
        i = j
    return out, inner


def _quoted_inside(sent: RuSentence, s: int, e: int) -> list[tuple[int, int]]:
    """A quoted name inside a span: Русской службе «Голоса Америки» → ``Голоса Америки``
    (after a body noun); московского отделения движения «Солидарность» → ``движения
    «Солидарность»`` (after a descriptor)."""
    text = sent.text
    res = []
    for q in range(s + 1, e):
        if text[q] not in OPEN_Q:
            continue
        w = word_before(sent, q, gap=r"\s*")
        if w is None or w.start < s or not re.fullmatch(r"[А-Яа-яЁё\-]+", w.text):
            continue
        lem = lemma(w)
        if lem in ru_body_descriptors():
            res.append((q, e))
        elif lem in ru_descriptors() and w.start > s:
            res.append((w.start, e))
    return res


def listed_not_org(sent: RuSentence, s: int) -> bool:
    """A quoted name listed after another whose noun makes it no organisation: шаттлы
    «Индевор» (…) и ``«Атлантис»``, кинотеатрах «Звезда», «Космос» и ``«Юность»``."""
    s0 = list_start(sent.text, s)
    if s0 >= s:
        return False
    w = word_before(sent, s0, gap=r"\s*")
    return w is not None and s0 - w.start <= 40 and lemma(w) in ru_not_descriptors()


def _descriptor_before(sent: RuSentence, s: int, e: int, res: list, nested: bool
                       ) -> Optional[int]:
    """The word before names what it is — ``компания Microsoft``, ``партии «Яблоко»`` (kept
    in the mention, with a descriptor before it and adjectives: ``группы компаний Michelin``,
    ``немецкий автомобильный концерн``), or that it is no organisation — шаттл
    «Дискавери» (None). A body noun before an organisation in the genitive names a body of
    it, an organisation too (``комиссии Европейского союза``: both spans kept); other
    descriptors are not prepended to a genitive name (представителей Конгресса США), nor a
    plural one, which names a class (серверов и сетей HP), unless names are coordinated
    after it (компаний Oracle и Sun). Returns the new start."""
    text = sent.text
    w = word_before(sent, s, gap=r"\s*[«\"“]?")
    if w is None or s - w.start > 40 or not re.fullmatch(r"[А-Яа-яЁё\-]+", w.text) or \
            text[w.end:s].strip() not in ("", "«", '"', "“"):
        return s
    lem = lemma(w)
    if lem in ru_not_descriptors() and not possessor(w.text, text[s:e]):
        return None
    body = nested and lem in ru_body_descriptors()
    plural = plural_only(w) and not re.match(r"\s*(?:и|,)\s*[«\"A-ZА-ЯЁ]", text[e:e + 4])
    if plural:  # группы компаний Michelin: the plural belongs to a descriptor before
        wg = word_before(sent, w.start)
        plural = not (wg is not None and lemma(wg) in ru_descriptors())
    if lem in ru_descriptors() and not plural and (body or not genitive_name(text[s:e])):
        if body:
            res.append((s, e))  # комитет ООН: ООН is an organisation of its own
        s = w.start
        w1 = word_before(sent, s)  # a descriptor of the descriptor: группы компаний Michelin
        if w1 is not None and re.fullmatch(r"[А-Яа-яЁё\-]+", w1.text) and lemma(w1) in ru_descriptors():
            s = w1.start
        s = adjectives_before(sent, s)  # социальной сети, немецкий автомобильный концерн
    return s


def _modifiers_before(sent: RuSentence, s: int, e: int) -> int:
    """A place adjective before the name — ``японского МИДа``, ``российского Минсельхоза``;
    relational adjectives before a name that starts with a capitalised descriptor —
    ``государственной Комиссии по атомной энергии``, ``синодального Отдела по ...``; the
    number of a numbered body — ``1-й армии США``, ``2-го Украинского фронта``."""
    text = sent.text
    w = word_before(sent, s)
    if w is not None and re.fullmatch(r"[А-Яа-яЁё]+", w.text) and relational_adj(w):
        s = w.start
    elif descriptor_start(sent, s, e):
        s = adjectives_before(sent, s, lambda x: re.fullmatch(r"[а-яё]+", x.text) is not None
                              and relational_modifier(x))
    m = ORDINAL_BEFORE.search(text[max(0, s - 20):s])
    if m and (m.group(1) or ordinal_word(m.group(2))):
        s -= len(m.group(0))
    return s


def _tail_after(sent: RuSentence, s: int, e: int, persons, extend: bool) -> int:
    """What follows a name and belongs to it: the person it is named after — ``Театра им.
    Йозефа Бойса``, ``театра имени Станиславского`` (news NER may stop at им.); the number of
    a convocation — ``Палаты представителей 112 созыва``, ``Думы седьмого созыва``; with
    ``extend``, the remit or seat of a name of two words or more — ``ГУ МЧС России по
    Санкт-Петербургу``, ``Следственного комитета при прокуратуре`` (not after a bare
    abbreviation: администратора НАСА по космическим полётам)."""
    text = sent.text
    mi = re.match(r"\s*(?:им\.|имени)\s+", text[e - 3:e + 10] if text[e - 3:e] == "им." else
                  text[e:e + 10])
    if mi:
        at = (e - 3 if text[e - 3:e] == "им." else e) + mi.end()
        per = next((b for a, b in persons if a == at), None)
        if per is not None:
            e = per
    mc = re.match(r"\s+(?:(\d{1,3})(?:-го)?|([а-яё]+))\s+созыва(?![\w-])", text[e:e + 30])
    if mc and (mc.group(1) or ordinal_word(mc.group(2))):
        e += mc.end()
    if extend and " " in text[s:e].strip():
        for _ in range(2):
            e2 = remit_end(sent, e, persons)
            if e2 is None:
                break
            e = e2
    return e


def complete_spans(text: Union[str, RuSentence], spans: Sequence[tuple[int, int, str]], *,
                   nested: bool = False, extend: bool = False) -> list[tuple[int, int]]:
    """Whole organisation names from natasha's spans.

    ``nested``: an organisation completed with another one in the genitive also gives the
    inner one as a span of its own (``Палаты представителей Конгресса США`` and ``Конгресса
    США``; ``Института этнологии и антропологии РАН`` and ``РАН``; ``администрации Кремля``
    and ``Кремля``). ``extend``: a name of two words or more runs on over its remit or seat
    (``ГУ МЧС России по Санкт-Петербургу``, ``Следственного комитета при прокуратуре``)."""
    sent = as_sentence(text)
    text = sent.text
    persons = [(a, b) for a, b, t in spans if t == "PER"]
    spans = sorted(x for x in (trim_title(sent, s, e, t) for s, e, t in spans) if x)
    spans = sorted(spans + _generic_head_before_place(sent, spans))
    out, inner = _join_following(sent, spans)
    res: list[tuple[int, int]] = []
    for n, (s, e) in enumerate(out):
        # Национального фронта (FN) → the name, and the abbreviation on its own
        m = _PAREN_TAIL.search(text[s:e])
        if m and m.start() > 0:
            res.append((s + m.start(1), s + m.end(1)))
            e = s + m.start()
        if nested:
            res += [(s2, e) for s2 in inner.get(n, []) if s2 < e]
            res += _quoted_inside(sent, s, e)
        # a legal form right before the quoted name natasha found — ТОО «Ромашка»
        m = re.search(r"(\b[A-ZА-ЯЁ]{2,4})\s*$", text[:s])
        if m and m.group(1) in _legal_forms() and text[s:s + 1] in OPEN_Q:
            s = m.start(1)
        if listed_not_org(sent, s):
            continue
        s2 = _descriptor_before(sent, s, e, res, nested)
        if s2 is None:
            continue
        s = _modifiers_before(sent, s2, e)
        e = _tail_after(sent, s, e, persons, extend)
        res.append((s, e))
    return sorted(set(res))


__all__ = ["adjective_heads", "complete_spans", "descriptor_start", "genitive_name",
           "listed_not_org", "not_org_head", "possessor", "trim_title", "plain_adjective"]
