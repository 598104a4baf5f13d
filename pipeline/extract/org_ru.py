"""Russian organisation mentions: natasha's NER (and the optional Russian CRF of
:mod:`pipeline.extract.ru_ner`), completed by rules (a following genitive place, a legal form
before a quote, descriptors, lists, coreference within a document), and the Russian
nominative of a name.
"""
from __future__ import annotations

import re
from functools import lru_cache, partial
from typing import Optional, Sequence

from pipeline.extract import ru_ner
from pipeline.extract.org_common import _CYR, _LAT, Candidate  # noqa: F401
from pipeline.extract.org_kk import OPEN_Q, _legal_forms, _not_orgs
from pipeline.resources import load_set

_ru_places = partial(load_set, "ru/org_abbr_places.txt")  # cached by load_set


# ---------------------------------------------------------------- Russian helpers


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def _ru_lemma(word: str) -> str:
    if not _CYR.search(word):
        return word.lower()
    return _morph().parse(word.lower())[0].normal_form.replace("ё", "е")


def _ru_is_gent(word: str) -> bool:
    if word in _ru_places():
        return True
    return any("gent" in p.tag for p in _morph().parse(word))


def nominative_ru(name: str) -> str:
    """The head noun and the adjectives before it in the nominative, agreeing in gender:
    ``Министерства юстиции`` → ``Министерство юстиции``; ``Государственной думы`` →
    ``Государственная дума``; ``Уголовному кодексу РФ`` → ``Уголовный кодекс РФ``."""
    words = name.split(" ")
    head = None
    for k, w in enumerate(words):
        if not _CYR.search(w) or w.isupper():
            break
        parses = _morph().parse(w)
        noun = next((p for p in parses if p.tag.POS == "NOUN"), None)
        adj = next((p for p in parses if p.tag.POS in ("ADJF", "PRTF")), None)
        if noun is not None and (adj is None or parses[0].tag.POS == "NOUN"):
            head = (k, noun)
            break
        if adj is None:
            break
    if head is None:
        return name
    k, noun = head
    nom = noun.inflect({"nomn"})
    if nom is None:
        return name
    out = list(words)
    out[k] = _case_like(words[k], nom.word)
    number = nom.tag.number or "sing"
    gender = nom.tag.gender
    for i in range(k):
        p = next((p for p in _morph().parse(words[i]) if p.tag.POS in ("ADJF", "PRTF")), None)
        if p is None:
            continue
        want = {"nomn", number} | ({gender} if number == "sing" and gender else set())
        inf = p.inflect(want)
        if inf is not None:
            out[i] = _case_like(words[i], inf.word)
    return " ".join(out)


def _case_like(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@lru_cache(maxsize=1)
def load_ru_ner():
    """natasha's news NER tagger (slovnet), loaded once per process; None if unavailable."""
    try:
        from natasha import NewsEmbedding, NewsNERTagger
    except ImportError:  # pragma: no cover - natasha is a dependency
        return None
    return NewsNERTagger(NewsEmbedding())


def ru_org_spans(texts: Sequence[str], *, ner=None, raw: Optional[list] = None
                 ) -> list[list[tuple[int, int]]]:
    """Organisation spans in each Russian sentence of ``texts`` (one batched NER pass).

    natasha ORG spans, completed: a following genitive place (``Министерство юстиции``
    ``Республики Казахстан``), a following ORG in the genitive (``Мажилис`` ``Парламента``),
    a legal form before a quote. ``raw``, if given, receives natasha's own (start, stop, type)
    spans of each text.
    """
    ner = ner or load_ru_ner()
    if ner is None or not texts:
        return [[] for _ in texts]
    crf = ru_ner.load_tagger()
    out = []
    for text, markup in zip(texts, _ner_map(ner, texts)):
        spans = [(s.start, s.stop, s.type) for s in markup.spans]
        if raw is not None:
            raw.append(spans)
        # the CRF (models/ru_org_crf.*, off unless ru_ner.enable()) decides, with natasha and
        # the completions as evidence
        if crf is not None:
            out.append(ru_ner.org_spans(text, spans, ru_rule_spans(text, spans), crf))
        else:
            done = complete_ru_spans(text, spans, nested=True, extend=True)
            done += ru_adjective_heads(text, done)
            adds, blocks = ru_context_spans(text, spans, done)
            done = [(s, e) for s, e in done if not any(a <= s and e <= b for a, b in blocks)]
            out.append(sorted(done + adds))
    return out


def ru_rule_spans(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The rule spans the Russian CRF reads as a feature: the plain completion of natasha's
    ``spans``, place adjective + generic head, and the context rules (titles cleared)."""
    done = complete_ru_spans(text, spans)
    done += ru_adjective_heads(text, done)
    adds, blocks = ru_context_spans(text, spans, done)
    return sorted([(s, e) for s, e in done if not any(a <= s and e <= b for a, b in blocks)]
                  + adds)


def _ner_map(ner, texts: Sequence[str]) -> list:
    """natasha's NER markups of ``texts``, in order, computed with the sentences sorted by
    length so that each batch pads little (the spans are the same as in text order: checked
    on the factRuEval devset, about 20 % less CPU)."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out: list = [None] * len(texts)
    for i, markup in zip(order, ner.map([texts[i] for i in order])):
        out[i] = markup
    return out


_ru_descriptors = partial(load_set, "ru/org_descriptors.txt")  # cached by load_set


_ru_body_descriptors = partial(load_set, "ru/org_body_descriptors.txt")  # cached by load_set


_ru_not_descriptors = partial(load_set, "ru/org_not_descriptors.txt")  # cached by load_set


_ru_gazetteer = partial(load_set, "ru/org_gazetteer.txt")  # cached by load_set


def _ru_key(text: str) -> str:
    return " ".join(_ru_lemma(w) for w in re.findall(r"\w+", text))


_PAREN_TAIL = re.compile(r"\s*\(([A-ZА-ЯЁ][^()]{1,80})\)?$")


_ru_generic_heads = partial(load_set, "ru/org_generic_heads.txt")  # cached by load_set


def _relational_adj(word: str) -> bool:
    """``японского``, ``российского``: a place adjective that belongs to the name before it."""
    p = _morph().parse(word)[0]
    return p.tag.POS == "ADJF" and bool(re.search(r"(ск|цк)(ий|ый|ой|ая|ое|ие|ого|ому|ом|"
                                                  r"ой|ую|их|ым|ими|ей)$", word.lower()))


# adjectives of time or ownership that say which of a body's states is meant, not its name
_RU_NOT_NAME_ADJ = frozenset(("бывший", "нынешний", "прежний", "собственный", "тогдашний",
                              "будущий", "последний", "настоящий", "данный", "каждый"))


def _ru_relational_modifier(word: str) -> bool:
    """``государственной``, ``синодального``: a relational (not qualitative, pronominal or
    superlative) adjective, which can be part of an organisation's name."""
    p = _morph().parse(word)[0]
    return (p.tag.POS == "ADJF" and not ({"Qual", "Apro", "Supr", "Anph"} & p.tag.grammemes)
            and p.normal_form not in _RU_NOT_NAME_ADJ)


def _ru_descriptor_start(name: str) -> bool:
    """The name starts with a capitalised descriptor noun: ``Комиссии по атомной энергии``."""
    m = re.match(r"([А-ЯЁ][а-яё]+)\s", name)
    return bool(m) and _ru_lemma(m.group(1)) in (_ru_descriptors() | _ru_body_descriptors())


_RU_ADJ_HEAD = re.compile(r"[А-ЯЁа-яё]+(?:-[а-яё]+)*")


@lru_cache(maxsize=None)
def _ru_generic_prefixes() -> frozenset[str]:
    return frozenset(h[:3] for h in _ru_generic_heads())


# heads that name one body only with their complement (министерство финансов, посольство в Токио)
_RU_NEEDS_COMPLEMENT = ("министерство", "посольство")


def ru_adjective_heads(text: str, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """A place adjective before a generic head (``org_generic_heads.txt``) names the body of
    that place: ``японское правительство``, ``Московские власти``, ``американских властей``
    (the adjective is a relational one in -ск-/-цк-; spans already found are left alone)."""
    out = []
    words = list(_RU_ADJ_HEAD.finditer(text))
    for m1, m2 in zip(words, words[1:]):
        if text[m1.end():m2.start()].strip() or not m2.group()[:1].islower():
            continue
        if m2.group()[:3] not in _ru_generic_prefixes():
            continue
        head = _ru_lemma(m2.group())
        if head not in _ru_generic_heads() or head in _RU_NEEDS_COMPLEMENT or \
                not _relational_adj(m1.group()):
            continue
        s, e = m1.start(), m2.end()
        if any(s < b and a < e for a, b in taken):
            continue
        out.append((s, e))
    return out


def _ru_not_org_head(text: str) -> bool:
    """A non-organisation (``org_not.txt``) with a place adjective before it or a place after
    it: ``российских СМИ``, ``СМИ Беларуси``."""
    words = text.split()
    if len(words) < 2:
        return False
    if _relational_adj(words[0]) and words[0][:1].islower():
        words = words[1:]
    return words[0].lower() in _not_orgs() and (
        len(words) == 1 or (len(words) == 2 and words[1][:1].isupper()))


def _ru_genitive_name(name: str) -> bool:
    """An unquoted Cyrillic name whose first word can only be a genitive: after a descriptor
    it names the organisation the descriptor's body belongs to (``комитета`` ``Совета
    Федерации``), not the descriptor's own name (``компании`` ``Газпром``)."""
    if name[:1] in OPEN_Q + '"':
        return False
    w = name.split(" ")[0]
    if not _CYR.search(w) or w.isupper():
        return False
    parses = _morph().parse(w)
    return any("gent" in p.tag for p in parses) and not any(
        "nomn" in p.tag or "Fixd" in p.tag for p in parses)


# non-organisation nouns of events, whose genitive is what acts (полёт «Прогресса»)
_RU_EVENT_NOUNS = ("полет", "старт", "операция", "конкурс", "фестиваль", "премия")


@lru_cache(maxsize=4096)
def _ru_possessor(noun: str, name: str) -> bool:
    """A name in the genitive after a noun in another case owns what the noun names, it
    does not name it: ``станция „Водоканала“`` (the station of Vodokanal), unlike the
    apposition ``станция «Мир»``, ``шаттла «Дискавери»``."""
    w = _RU_TOKEN.search(name)
    if not w or not _CYR.search(w.group()) or w.group().isupper() or \
            _ru_lemma(noun) in _RU_EVENT_NOUNS:
        return False
    np = _morph().parse(noun.lower())
    wp = _morph().parse(w.group())
    return not any("gent" in p.tag for p in np if p.tag.POS == "NOUN") and \
        any("gent" in p.tag for p in wp) and not any("nomn" in p.tag or "Fixd" in p.tag
                                                     for p in wp)


# titles of persons that news NER sometimes takes into the organisation after them at the
# start of a sentence (Замглавы Федеральной миграционной службы, Президент ФИФА)
_RU_PERSON_TITLES = frozenset((
    "глава", "замглавы", "председатель", "зампредседатель", "директор", "гендиректор",
    "министр", "замминистра", "президент", "вице-президент", "руководитель", "представитель",
    "пресс-секретарь", "спикер", "депутат", "член", "сотрудник", "посол", "начальник",
    "заместитель", "основатель", "создатель", "лидер", "генсек", "генеральный"))


def _ru_pronoun(word: str) -> bool:
    """``Её``, ``Этот``: every reading of the word is a pronoun."""
    parses = _morph().parse(word.lower())
    return bool(parses) and all(p.tag.POS == "NPRO" or "Apro" in p.tag for p in parses)


def _ru_trim_title(text: str, s: int, e: int, t: str) -> Optional[tuple[int, int, str]]:
    """An ORG span of news NER without a person's title before the name; None when the
    span is the title alone (``Замглавы`` read as an organisation of its own) or a pronoun."""
    if t != "ORG":
        return s, e, t
    if re.fullmatch(r"[А-ЯЁа-яё-]+", text[s:e]) and _ru_lemma(text[s:e]) in _RU_PERSON_TITLES:
        return None
    if re.fullmatch(r"[А-ЯЁ][а-яё]+", text[s:e]) and _ru_pronoun(text[s:e]):
        return None  # Её выдвинула партия: a pronoun at the start of a sentence
    m = re.match(r"([А-ЯЁ][а-яё-]+)\s+(?=[«\"A-ZА-ЯЁ])", text[s:e])
    if m and _ru_lemma(m.group(1)) in _RU_PERSON_TITLES:
        return s + m.end(), e, t
    return s, e, t


def complete_ru_spans(text: str, spans: Sequence[tuple[int, int, str]], *,
                      nested: bool = False, extend: bool = False) -> list[tuple[int, int]]:
    """Whole organisation names from natasha's spans (see :func:`ru_org_spans`).

    ``nested``: an organisation completed with another one in the genitive also gives the
    inner one as a span of its own (``Палаты представителей Конгресса США`` and ``Конгресса
    США``; ``Института этнологии и антропологии РАН`` and ``РАН``; ``администрации Кремля``
    and ``Кремля``). ``extend``: a name of two words or more runs on over its remit or seat
    (``ГУ МЧС России по Санкт-Петербургу``, ``Следственного комитета при прокуратуре``)."""
    persons = [(a, b) for a, b, t in spans if t == "PER"]
    out: list[list[int]] = []
    inner: dict[int, list[int]] = {}
    spans = sorted(x for x in (_ru_trim_title(text, s, e, t) for s, e, t in spans) if x)
    # rule: правительство / власти / сборная + a place in the genitive — правительство Китая
    extra = []
    for s, e, t in spans:
        if t != "LOC" or not _ru_is_gent(text[s:e].split(" ")[0]):
            continue
        m = re.search(r"([А-Яа-яЁё]+)\s$", text[max(0, s - 30):s])
        if m and _ru_lemma(m.group(1)) in _ru_generic_heads() and not any(
                s2 <= s - len(m.group(0)) < e2 for s2, e2, _ in spans):
            extra.append((s - len(m.group(0)), s - 1, "ORG"))
    spans = sorted(spans + extra)
    i = 0
    while i < len(spans):
        s, e, t = spans[i]
        # rule: a known organisation that news NER calls a place — ЕС, Евросоюз, Кремль
        if t == "LOC" and _ru_key(text[s:e]) in _ru_gazetteer():
            t = "ORG"
        if t != "ORG":
            i += 1
            continue
        j = i + 1
        while j < len(spans):
            s2, e2, t2 = spans[j]
            gap = text[e:s2]
            first = text[s2:e2].split(" ")[0]
            # rule: Министерство юстиции + Республики Казахстан / РФ; Мажилис + Парламента РК
            if gap.strip() == "" and len(gap) <= 2 and t2 in ("LOC", "ORG") and _ru_is_gent(first):
                if t2 == "ORG" or _ru_key(text[s2:e2]) in _ru_gazetteer():
                    inner.setdefault(len(out), []).append(s2)
                e = e2
                j += 1
                continue
            # rule: Судом Партизанского района + города Минска, прокуратура + штата Невада
            if t2 == "LOC" and _RU_PLACE_KIND.fullmatch(gap):
                e = e2
                j += 1
                continue
            break
        out.append([s, e])
        i = j
    res: list[tuple[int, int]] = []
    for n, (s, e) in enumerate(out):
        # rule: Национального фронта (FN) → the name, and the abbreviation on its own
        m = _PAREN_TAIL.search(text[s:e])
        if m and m.start() > 0:
            res.append((s + m.start(1), s + m.end(1)))
            e = s + m.start()
        if nested:
            res += [(s2, e) for s2 in inner.get(n, []) if s2 < e]
            # a quoted name inside: Русской службе «Голоса Америки» → Голоса Америки (after a
            # body noun); московского отделения движения «Солидарность» → движения «Солидарность»
            for q in range(s + 1, e):
                if text[q] not in OPEN_Q:
                    continue
                mq = re.search(r"([А-Яа-яЁё\-]+)\s*$", text[s:q])
                if not mq:
                    continue
                lem = _ru_lemma(mq.group(1))
                if lem in _ru_body_descriptors():
                    res.append((q, e))
                elif lem in _ru_descriptors() and mq.start(1) > 0:
                    res.append((s + mq.start(1), e))
        # rule: a legal form right before the quoted name natasha found — ТОО «Ромашка»
        m = re.search(r"(\b[A-ZА-ЯЁ]{2,4})\s*$", text[:s])
        if m and m.group(1) in _legal_forms() and text[s:s + 1] in OPEN_Q:
            s = m.start(1)
        # rule: a quoted name listed after another whose noun makes it no organisation —
        # шаттлы «Индевор» (…) и «Атлантис», кинотеатрах «Звезда», «Космос» и «Юность»
        s0 = _ru_list_start(text, s)
        if s0 < s:
            m0 = re.search(r"([А-Яа-яЁё\-]+)\s*$", text[max(0, s0 - 40):s0])
            if m0 and _ru_lemma(m0.group(1)) in _ru_not_descriptors():
                continue
        # rule: the word before names what it is — компания Microsoft, партии «Яблоко»
        # (kept in the mention), or that it is no organisation — шаттл «Дискавери»
        m = re.search(r"([А-Яа-яЁё\-]+)\s*[«\"“]?$", text[max(0, s - 40):s])
        if m and text[s - len(m.group(0)) + len(m.group(1)):s].strip() in ("", "«", '"', "“"):
            lem = _ru_lemma(m.group(1))
            if lem in _ru_not_descriptors() and not _ru_possessor(m.group(1), text[s:e]):
                continue
            body = nested and lem in _ru_body_descriptors()
            # a body noun before an organisation in the genitive names a body of it, which is
            # an organisation too: комиссии Европейского союза, пресс-службу Национальной
            # футбольной лиги США (both spans kept); other descriptors are not prepended to
            # a genitive name (представителей Конгресса США)
            # a descriptor in the plural names a class the organisation is one of (серверов
            # и сетей HP), unless names are coordinated after it (компаний Oracle и Sun)
            plural = _ru_plural_only(m.group(1)) and not re.match(r"\s*(?:и|,)\s*[«\"A-ZА-ЯЁ]",
                                                                 text[e:e + 4])
            if plural:  # группы компаний Michelin: the plural belongs to a descriptor before
                mg = re.search(r"([А-Яа-яЁё\-]+)\s+$", text[max(0, s - len(m.group(0)) - 40):
                                                            s - len(m.group(0))])
                plural = not (mg and _ru_lemma(mg.group(1)) in _ru_descriptors())
            if lem in _ru_descriptors() and not plural and (
                    body or not _ru_genitive_name(text[s:e])):
                if body:
                    res.append((s, e))  # комитет ООН: ООН is an organisation of its own
                s = s - len(m.group(0))
                # a descriptor of the descriptor: группы компаний Michelin
                m1 = re.search(r"([А-Яа-яЁё\-]+)\s+$", text[max(0, s - 40):s])
                if m1 and _ru_lemma(m1.group(1)) in _ru_descriptors():
                    s -= len(m1.group(0))
                # adjectives before the descriptor: социальной сети, немецкий автомобильный концерн
                while True:
                    m2 = re.search(r"([А-Яа-яЁё\-]+)\s+$", text[max(0, s - 40):s])
                    if not m2:
                        break
                    p = _morph().parse(m2.group(1))[0]
                    if p.tag.POS not in ("ADJF",) or "Apro" in p.tag or "Supr" in p.tag:
                        break
                    s -= len(m2.group(0))
        # rule: a place adjective before the name — японского МИДа, российского Минсельхоза
        m = re.search(r"([А-Яа-яЁё]+)\s+$", text[max(0, s - 30):s])
        if m and _relational_adj(m.group(1)):
            s -= len(m.group(0))
        # rule: relational adjectives before a name that starts with a capitalised descriptor
        # — государственной Комиссии по атомной энергии, синодального Отдела по ...
        elif _ru_descriptor_start(text[s:e]):
            while True:
                m = re.search(r"(?<![А-Яа-яЁё-])([а-яё]+)\s+$", text[max(0, s - 30):s])
                if not (m and _ru_relational_modifier(m.group(1))):
                    break
                s -= len(m.group(0))
        # rule: the number of a numbered body — 1-й армии США, 2-го Украинского фронта
        m = _RU_ORDINAL_BEFORE.search(text[max(0, s - 20):s])
        if m and (m.group(1) or _ru_ordinal_word(m.group(2))):
            s -= len(m.group(0))
        # rule: the remit or seat after the name — ГУ МЧС России по Санкт-Петербургу,
        # Следственного комитета при прокуратуре (not after a bare abbreviation: администратора
        # НАСА по космическим полётам)
        # rule: the person a body is named after — Театра им. Йозефа Бойса, театра имени
        # Станиславского (news NER may stop at им.)
        mi = re.match(r"\s*(?:им\.|имени)\s+", text[e - 3:e + 10] if text[e - 3:e] == "им." else
                      text[e:e + 10])
        if mi:
            at = (e - 3 if text[e - 3:e] == "им." else e) + mi.end()
            per = next((b for a, b in persons if a == at), None)
            if per is not None:
                e = per
        # rule: the number of a convocation — Палаты представителей 112 созыва, Думы
        # седьмого созыва
        mc = re.match(r"\s+(?:(\d{1,3})(?:-го)?|([а-яё]+))\s+созыва(?![\w-])", text[e:e + 30])
        if mc and (mc.group(1) or _ru_ordinal_word(mc.group(2))):
            e += mc.end()
        if extend and " " in text[s:e].strip():
            for _ in range(2):
                e2 = _ru_remit_end(text, e, persons)
                if e2 is None:
                    break
                e = e2
        res.append((s, e))
    return sorted(set(res))


# ---------------------------------------------------------------- Russian context rules

# a Latin-script name: Google, 3Com, comScore, Hewlett-Packard, baltinfo.ru, Sun Microsystems
_RU_LATIN_NAME = (r"[A-Za-z0-9](?:[\w&'’-]|\.(?=[A-Za-z0-9]))*"
                  r"(?:\s+(?:[A-Z0-9](?:[\w&'’-]|\.(?=[A-Za-z0-9]))*|of|and|&|de|und))*")
# a report verb or a source phrase before a named source: сообщает baltinfo.ru, согласно comScore
_RU_SOURCE_CUE = re.compile(
    r"(?<![\w-])(?:сообща(?:ет|ют)|сообщил[аио]?|сообщили|переда(?:ёт|ет|ют)|пиш(?:ет|ут)|"
    r"цитиру(?:ет|ют)|[Сс]огласно|[Пп]о (?:данным|сведениям|информации|оценкам)|"
    r"со ссылкой на)\s+(" + _RU_LATIN_NAME + ")")
# a deal or a stake whose object is a company: покупка 3Com, акции Google
_RU_DEAL_CUE = re.compile(
    r"(?<![\w-])(?:покупк[аеиуо]й?|приобретени[еяю]м?|поглощени[еяю]м?|акци(?:и|й|ям|ями|ях))"
    r"\s+(" + _RU_LATIN_NAME + ")")
# a piece of writing, its publisher and its title: в статье Частного корреспондента «…»
_RU_PIECE = re.compile(
    r"(?<![\w-])(?:стать(?:е|я|ю|и)|колонк[еиу]|заметк[еиу]|публикаци(?:и|я|ю)|"
    r"материал(?:е|а)?|интервью|репортаж(?:е|а)?)\s+"
    r"((?:[А-ЯЁA-Z][\w-]*)(?:\s+[\w-]+){0,3}?)?\s*[«\"“„]")


def _ru_latin_source(name: str) -> bool:
    """A Latin-script token sequence that reads as a name: capitalised, a digit or an inner
    capital (3Com, comScore) or a web address (baltinfo.ru); not a Roman numeral."""
    first = name.split()[0]
    if not _LAT.search(first) or re.fullmatch(r"[IVXLCDM]+", first):
        return False
    return first[:1].isupper() or first[:1].isdigit() or bool(
        re.search(r"[a-z][A-Z]", first)) or bool(re.search(r"\.[a-z]{2,4}$", first))


def _ru_close_quote(text: str, q: int) -> int:
    """The end of the quoted stretch opening at ``q`` (after its closing quote), or -1."""
    close = "»" if text[q] == "«" else ("”" if text[q] in "“„" else '"')
    e = text.find(close, q + 1, q + 160)
    if text[q] == "„" and e < 0:
        e = text.find("“", q + 1, q + 160)
    return e + 1 if e > q else -1


def ru_context_spans(text: str, spans: Sequence[tuple[int, int, str]],
                     taken: Sequence[tuple[int, int]]
                     ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Organisations that their syntactic slot shows, and stretches that are titles, not
    organisations (``spans``: natasha's (start, stop, type); ``taken``: spans found already).

    * a Latin-script name after a report verb or a source phrase: ``сообщает baltinfo.ru``,
      ``согласно comScore``, ``цитирует infox.ru`` (the source of a news item is a medium
      or a company);
    * a Latin-script name as what a deal or stake is in: ``покупка 3Com``, ``акции Google``;
    * the publisher between a piece of writing and its quoted title: ``в статье Частного
      корреспондента «Жара продолжается»`` gives ``Частного корреспондента``; the title
      itself is returned as a stretch to clear (not after ``интервью``, where the quote is
      the medium spoken to; a quote right after the noun may be the publisher, and stays).

    Nothing that overlaps a person natasha found or a span already taken is added."""
    persons = [(a, b) for a, b, t in spans if t == "PER"]
    places = [(a, b) for a, b, t in spans if t in ("LOC", "ORG")]
    adds: list[tuple[int, int]] = []
    blocks: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(s < b and a < e for a, b in list(taken) + persons + adds)

    for rx in (_RU_SOURCE_CUE, _RU_DEAL_CUE):
        for m in rx.finditer(text):
            s, e = m.span(1)
            while e > s and text[e - 1] in ".-’'&":
                e -= 1
            if e > s and _ru_latin_source(text[s:e]) and free(s, e):
                adds.append((s, e))
    for m in _RU_PIECE.finditer(text):
        if m.group(1) is None:
            continue  # в интервью «Комсомольской правде»: the quote may be the medium itself
        s, e = m.span(1)
        q = m.end() - 1
        qe = _ru_close_quote(text, q)
        if qe > 0 and not m.group().startswith("интервью"):
            blocks.append((q, qe))
        words = text[s:e].split()
        # the publisher: capitalised words, or a capitalised adjective with its noun
        if not all(w[:1].isupper() or (k > 0 and _CYR.match(w) and words[0][:1].isupper())
                   for k, w in enumerate(words)):
            continue
        if free(s, e) and not any(s < b and a < e and t == "LOC" for a, b, t in spans):
            adds.append((s, e))
    # a numbered body: 13-й долговременной экспедиции, семнадцатой экспедиции МКС, 2-й
    # гвардейской армии (the ordinal, adjectives, the body noun, an abbreviation after it)
    for m in _RU_NUMBERED.finditer(text):
        if not (m.group(1) or _ru_ordinal_word(m.group(2))):
            continue
        words = list(re.finditer(r"[а-яё-]+", m.group(3)))
        for k, w in enumerate(words):
            lem = _ru_lemma(w.group())
            if lem in _RU_NUMBERED_BODY and lem != "созыв":
                e = m.start(3) + w.end()
                if not all(_morph().parse(x.group())[0].tag.POS in ("ADJF", "PRTF")
                           for x in words[:k]) or not free(m.start(), e):
                    break
                # whose body it is: экспедиции МКС (the abbreviation is then no mention of
                # its own)
                mab = re.match(r"\s+([A-ZА-ЯЁ]{2,6})(?![\w-])", text[e:e + 10])
                if mab:
                    blocks.append((e + mab.start(1), e + mab.end(1)))
                    e += mab.end()
                adds.append((m.start(), e))
                break
    # a ministry named by its remit in lower case: министерство культуры Польши, российском
    # министерстве финансов, министерства иностранных дел (news NER wants capitals)
    for m in _RU_MINISTRY.finditer(text):
        e = _ru_genitive_run(text, m.end(), persons, places)
        e = _ru_remit_end(text, e or m.end(), persons) or e
        if e is None:
            continue
        s = m.start()
        mp = re.search(r"([А-Яа-яЁё]+)\s+$", text[max(0, s - 30):s])
        if mp and _relational_adj(mp.group(1)):
            s -= len(mp.group(0))
        if free(s, e):
            adds.append((s, e))
    # a descriptor noun before a quoted name that news NER left out: партии «Dog with two
    # tails», газета «Кориера делла Сера», еженедельника «Пермский обозреватель»
    for m in _RU_DESC_QUOTE.finditer(text):
        lem = _ru_lemma(m.group(1))
        if lem not in _ru_descriptors() or lem in _ru_body_descriptors():
            continue
        q = m.end() - 1
        qe = _ru_close_quote(text, q)
        inner = text[q + 1:qe - 1] if qe > 0 else ""
        if not inner or len(inner.split()) > 8 or not (inner[:1].isupper() or inner[:1].isdigit()):
            continue
        s = m.start(1)
        while True:  # its adjectives: субкультурной партии, ежедневная газета
            m2 = re.search(r"([А-Яа-яЁё\-]+)\s+$", text[max(0, s - 40):s])
            if not m2:
                break
            p = _morph().parse(m2.group(1))[0]
            if p.tag.POS != "ADJF" or "Apro" in p.tag or "Supr" in p.tag:
                break
            s -= len(m2.group(0))
        if free(m.start(1), qe) and not any(s < b and a < qe for a, b in list(taken) + adds):
            adds.append((s, qe))
    # a descriptor noun before an unquoted capitalised name that news NER left out (a
    # foreign name in apposition: команды МакЛарен-Мерседес, центре Кин-Топ, профсоюза
    # Юнайт); not a place, a person or a dictionary word
    for m in _RU_DESC_NAME.finditer(text):
        lem = _ru_lemma(m.group(1))
        if lem not in _ru_descriptors() or lem in _ru_body_descriptors():
            continue
        ns, ne = m.span(2)
        first = m.group(2).split(" ")[0]
        p0 = _morph().parse(first)[0]
        if _CYR.search(first) and (_ru_known_common(first) or "Geox" in p0.tag):
            continue
        ov = [(a, b, t) for a, b, t in spans if ns < b and a < ne]
        if ov:
            # news NER read the name as a place or a person: an organisation still when it
            # is not a genitive of possession (центре Москвы) and, for a person, a name
            # the dictionary knows as an organisation's (команда Феррари)
            a, b, t = ov[0]
            if len(ov) > 1 or a != ns or t not in ("LOC", "PER") or \
                    _ru_genitive_name(text[a:b]) or (t == "PER" and "Orgn" not in p0.tag):
                continue
            ne = b
        s = m.start(1)
        while True:
            m2 = re.search(r"([А-Яа-яЁё\-]+)\s+$", text[max(0, s - 40):s])
            if not m2:
                break
            p = _morph().parse(m2.group(1))[0]
            if p.tag.POS != "ADJF" or "Apro" in p.tag or "Supr" in p.tag:
                break
            s -= len(m2.group(0))
        if not any(s < b and a < ne for a, b in list(taken) + adds):
            adds.append((s, ne))
    # a government office named by its adjectives, in the singular: японского
    # дипломатического ведомства, внешнеполитического ведомства России, европейское
    # антимонопольное ведомство, государственный департамент США (not это ведомство,
    # силовые ведомства)
    for m in _RU_OFFICE.finditer(text):
        s = _ru_adjectives_before(text, m.start())
        if s == m.start():
            continue
        adj = text[s:m.start()].split()[-1]
        if not any(p.tag.number == "sing" for p in _morph().parse(adj) if p.tag.POS == "ADJF"):
            continue  # силовые ведомства: a class of offices
        e = m.end()
        mp = re.match(r" +", text[e:e + 3])
        nxt = next(((a, b) for a, b, t in spans if mp and a == e + mp.end() and t in ("LOC", "ORG")),
                   None)
        if nxt and _ru_is_gent(text[nxt[0]:nxt[1]].split(" ")[0]):
            e = nxt[1]
        if not any(s < b and a < e for a, b in list(taken) + adds):
            adds.append((s, e))
    # a diplomatic mission named by where it is: российского посольства в Токио, постоянного
    # представительства в Германии (a place natasha found after в)
    for m in _RU_MISSION.finditer(text):
        e = next((b for a, b, t in spans if a == m.end() and t == "LOC"), None)
        if e is None:
            continue
        s = _ru_adjectives_before(text, m.start())
        if not any(s < b and a < e for a, b in list(taken) + adds):
            adds.append((s, e))
    # an Arabic name with its article, capitalised mid-sentence and not part of a person's
    # name: оператор Аль-Джазиры, лидера Аль-Каиды (a person: Сами аль-Хадж)
    for m in _RU_AL_NAME.finditer(text):
        s, e = m.span()
        if not text[:s].strip() or re.search(r"[.!?:«\"]\s*$", text[:s]) or \
                re.search(r"[А-ЯЁ][\w-]*\s+$", text[:s]):
            continue
        # news NER may run the name into the person after it: лидера Аль-Каиды Усамы бин
        # Ладена
        if not any(s < b and a < e for a, b in list(taken) + adds) and not any(
                s < b and a < e and not (a == s and b > e + 1) for a, b in persons):
            adds.append((s, e))
    # the press office of a person or an office: пресс-служба Кадырова, пресс-служба
    # президента Украины, пресс-службы премьер-министра (an organisation of its own)
    # and a government or administration named after its head: кабинета Нетаньяху,
    # администрация президента Обамы, правительство Медведева (a person is needed here)
    for m in _RU_PRESS.finditer(text):
        pos = m.end()
        while pos < len(text) and text[pos] == " ":
            pos += 1
        e = None
        press = m.group(1) is not None
        mt = None if press else re.match(r"([а-яё-]+) +", text[pos:pos + 30])
        if mt and _ru_lemma(mt.group(1)) in _RU_HEAD_TITLES:
            pos += mt.end()  # администрация президента Обамы
        per = next((b for a, b in persons if a == pos), None)
        if per is not None and _ru_person_gent(text[pos:per]):
            e = per
        elif press and text[pos:pos + 1].islower():
            e = _ru_genitive_run(text, pos, persons, places)
        if e is not None and not any(m.start() < b and a < e for a, b in list(taken) + adds):
            adds.append((m.start(), e))
    return adds, blocks


def _ru_person_gent(name: str) -> bool:
    """A person's name in the genitive (``Обамы``, ``Джорджа Буша``, ``Нетаньяху``), not in
    the nominative (``Иванов``)."""
    p = _morph().parse(name.split(" ")[-1])[0]
    return "gent" in p.tag or "Fixd" in p.tag


_RU_DESC_QUOTE = re.compile(r"(?<![\w-])([А-Яа-яЁё-]{3,})\s*[«\"“„]")
_RU_OFFICE = re.compile(r"(?<![\w-])(?:ведомств|департамент)[а-я]{0,3}(?![\w-])")


def _ru_adjectives_before(text: str, s: int) -> int:
    """The start of the run of (non-pronoun, non-superlative) adjectives right before ``s``."""
    while True:
        m2 = re.search(r"([А-Яа-яЁё\-]+)\s+$", text[max(0, s - 40):s])
        if not m2:
            return s
        p = _morph().parse(m2.group(1))[0]
        if p.tag.POS != "ADJF" or "Apro" in p.tag or "Supr" in p.tag:
            return s
        s -= len(m2.group(0))


_RU_MISSION = re.compile(r"(?<![\w-])(?:посольств|представительств|консульств|генконсульств)"
                         r"[а-я]{0,3} в ")
_RU_AL_NAME = re.compile(r"(?<![\w-])(?:Аль|Эль)-[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")
_RU_DESC_NAME = re.compile(r"(?<![\w-])([А-Яа-яЁё-]{3,}) ((?:[A-ZА-ЯЁ][\w’'-]*)(?: [A-ZА-ЯЁ][\w’'-]*){0,2})"
                           r"(?![\w«»\"-])")
_RU_PRESS = re.compile(r"(?<![\w-])(?:([Пп]ресс-служб(?:а|ы|е|у|ой))|[Аа]дминистраци(?:я|и|ю|ей)|"
                       r"[Пп]равительств(?:о|а|у|ом|е)|[Кк]абинет(?:а|у|ом|е)?)(?![\w-])")
# titles of the head a government or an administration is named after
_RU_HEAD_TITLES = ("президент", "премьер-министр", "премьер", "губернатор", "мэр", "канцлер",
                   "глава", "председатель")
_RU_MINISTRY = re.compile(r"(?<![\w-])министерств(?:о|а|у|ом|е)(?![\w-])")


def _ru_genitive_run(text: str, pos: int, persons: Sequence[tuple[int, int]],
                     places: Sequence[tuple[int, int]] = ()) -> Optional[int]:
    """The end of a run of genitive adjectives and nouns (and ``и`` between them) right after
    ``pos`` that ends on a noun, with a genitive place of ``places`` or an abbreviation after
    it (``иностранных дел``, ``культуры Польши``, ``обороны РФ``), or None."""
    last = None
    k = 0
    for w in _RU_TOKEN.finditer(text, pos, min(len(text), pos + 120)):
        if text[pos:w.start()].strip() or k >= 6:
            break
        word = w.group()
        if any(a <= w.start() < b for a, b in persons):
            break
        if word == "и" and last is not None:
            pos, k = w.end(), k + 1
            continue
        if last is not None and (word.isupper() and len(word) >= 2 or (
                any(a <= w.start() < b for a, b in places) and _ru_is_gent(word))):
            end = next((b for a, b in places if a <= w.start() < b), w.end())
            return max(end, w.end())  # the country: министерство обороны РФ, культуры Польши
        if not word[:1].islower():
            break
        parses = _morph().parse(word)
        ok = [p for p in parses if p.tag.POS in ("NOUN", "ADJF") and "gent" in p.tag
              and "Abbr" not in p.tag and "Fixd" not in p.tag]
        if not ok:
            break
        pos, k = w.end(), k + 1
        if any(p.tag.POS == "NOUN" for p in ok):
            last = w.end()
    return last


_RU_LIST_LINK = re.compile(r"[»”\"](?:\s*\([^()]{0,60}\))?\s*(?:,|и|или|а также)\s*$")


def _ru_list_start(text: str, s: int) -> int:
    """For a quoted name at ``s`` that is a later item of a list of quoted names (``«A», «B»
    и «C»``, a bracket allowed after an item), the opening quote of the list's first item;
    else ``s`` (also when the name is not quoted)."""
    q = s if text[s:s + 1] in OPEN_Q + '"' else s - 1
    if q < 0 or text[q:q + 1] not in OPEN_Q + '"':
        return s
    first = s
    for _ in range(12):
        m = _RU_LIST_LINK.search(text, max(0, q - 80), q)
        if not m:
            break
        o = max(text.rfind(c, max(0, m.start() - 100), m.start()) for c in OPEN_Q + '"')
        if o < 0:
            break
        q = first = o
    return first


# a kind of place in the genitive between an organisation and the place's name
_RU_PLACE_KIND = re.compile(r"\s(?:города|района|области|края|округа|штата|провинции|"
                            r"республики|графства|земли|поселка|посёлка|села)\s")


_RU_ORDINAL = r"(?:(\d{1,3}-(?:го|й|я|ой|ый|ий|ая|ую|ое|ом|ей|ым|ю|е))|([а-яё]+))"
_RU_ORDINAL_BEFORE = re.compile(r"(?<![\w-])" + _RU_ORDINAL + r"\s+$")
# nouns of bodies that are told apart by a number: 13-я экспедиция, 1-я армия, 2-й фронт
_RU_NUMBERED_BODY = ("экспедиция", "армия", "фронт", "дивизия", "полк", "бригада", "флот",
                     "эскадра", "созыв")
_RU_NUMBERED = re.compile(r"(?<![\w-])" + _RU_ORDINAL + r"(?=((?:\s+[а-яё-]+){1,3}))")


@lru_cache(maxsize=4096)
def _ru_ordinal_word(word: str) -> bool:
    """``первой``, ``семнадцатой``: an ordinal numeral adjective."""
    return any(p.tag.POS == "ADJF" and "Anum" in p.tag for p in _morph().parse(word))


_RU_REMIT_CASE = {"по": "datv", "при": "loct"}


def _ru_remit_end(text: str, e: int, persons: Sequence[tuple[int, int]]) -> Optional[int]:
    """The end of ``по`` + a dative / ``при`` + a locative phrase right after ``e``
    (``по развитию информационного общества``, ``по Санкт-Петербургу и Ленобласти``, ``при
    главном архитекторе Москвы``), or None. The phrase runs over nouns and adjectives in that
    case or the genitive and ``и``, stops at punctuation, other words and persons, and ends on
    a noun."""
    m = re.match(r"»?\s+(по|при)\s+", text[e:e + 8])
    if not m:
        return None
    case = _RU_REMIT_CASE[m.group(1)]
    pos = e + m.end()
    last = None
    k = 0
    for w in _RU_TOKEN.finditer(text, pos, min(len(text), pos + 120)):
        if text[pos:w.start()].strip() or k >= 7:
            break
        word = w.group()
        if any(a <= w.start() < b for a, b in persons):
            break
        if word == "и" and last is not None:
            pos = w.end()
            k += 1
            continue
        if word.isupper() and len(word) >= 2 and last is not None:
            last, pos = w.end(), w.end()
            k += 1
            continue
        parses = _morph().parse(word)
        want = (case,) if last is None else (case, "gent")
        ok = [p for p in parses if p.tag.POS in ("NOUN", "ADJF", "PRTF")
              and any(c in p.tag for c in want)]
        if not ok:
            break
        pos = w.end()
        k += 1
        if any(p.tag.POS == "NOUN" for p in ok):
            last = w.end()
    return last


# ---------------------------------------------------------------- Russian document pass

_RU_CAPS = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2}")
_RU_LATIN_PAREN = re.compile(r"[»”\"]?(?:\s*\([A-ZА-ЯЁ]{2,8}\))?\s*\(([A-Z][\w&.'’-]*"
                             r"(?: [\w&.'’-]+){0,5})\)")
_RU_TOKEN = re.compile(r"[A-Za-zА-Яа-яЁё0-9]+(?:[-’'.&][A-Za-zА-Яа-яЁё0-9]+)*")


def _ru_name_word(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit() or bool(_LAT.match(word))


_ru_coref_heads = partial(load_set, "ru/org_coref_heads.txt")  # cached by load_set


@lru_cache(maxsize=65536)
def _ru_plural_only(word: str) -> bool:
    """``концернов``, ``сетях``: no singular reading (a class of organisations, not one)."""
    parses = _morph().parse(word.lower())
    return all(p.tag.number == "plur" for p in parses if p.tag.POS == "NOUN") and any(
        p.tag.POS == "NOUN" for p in parses)


@lru_cache(maxsize=65536)
def _ru_known_common(word: str) -> bool:
    """A dictionary common word (``Телевизор``, ``Центр``), not a name pymorphy only guesses."""
    p = _morph().parse(word.lower())[0]
    return _morph().word_is_known(word.lower()) and not any(
        g in p.tag for g in ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad"))


def ru_document_mentions(vtext: str, units, cands: list, ner_spans: dict) -> list:
    """Mentions that only the whole document shows (view offsets), each carrying the name of
    the organisation it refers to, so that merging joins it to that organisation:

    * a name found once is the same organisation where it recurs without its descriptor:
      ``концерн «Фольксваген»`` … ``«Фольксваген» имеет`` (capitalised, not inside a longer
      name, not a span natasha gave another type);
    * a descriptor noun in the singular whose lemma heads a named organisation mentioned
      before it in the same document refers to the last such organisation:
      ``концерн «Фольксваген»`` … ``шеф концерна``; ``сборная России`` … ``тренер сборной``
      (with the adjectives before it that are place adjectives or that the name also has).
    """
    out: list = []
    drop: set = set()
    by_doc: dict[str, list[int]] = {}
    for u, (doc_id, lang, vs, ve) in enumerate(units):
        if lang == "ru":
            by_doc.setdefault(doc_id, []).append(u)
    heads = _ru_coref_heads()
    for doc_id, us in by_doc.items():
        dc = sorted((c for c in cands if c.doc_id == doc_id and c.lang == "ru"),
                    key=lambda c: c.vstart)
        if not dc:
            continue
        taken = [(c.vstart, c.vend) for c in cands]
        persons: set = set()
        for u in us:
            vs = units[u][2]
            taken += [(vs + s, vs + e) for s, e, _ in ner_spans.get(u, [])]
            persons.update((vs + s, t) for s, e, t in ner_spans.get(u, []) if t == "PER")
        toks = []  # (vstart, vend, word, lemma, sentence-initial)
        for u in us:
            vs, ve = units[u][2], units[u][3]
            first = True
            for m in _RU_TOKEN.finditer(vtext, vs, ve):
                toks.append((m.start(), m.end(), m.group(), None, first))
                first = False

        def lem_at(i: int) -> str:  # lemmas only where needed: most words are never asked
            return _ru_lemma(toks[i][2])

        def free(s: int, e: int) -> bool:
            return not any(s < b and a < e for a, b in taken)

        # names and descriptor heads of the organisations found
        cores: dict[tuple, Candidate] = {}
        not_names: set = set()
        for c in dc:
            words = [(m.start() + c.vstart, m.end() + c.vstart, m.group())
                     for m in _RU_TOKEN.finditer(vtext[c.vstart:c.vend])]
            # the whole name, and the name without its descriptor and adjectives
            # (Немецкий автомобильный концерн «Фольксваген» → Фольксваген)
            k = 0
            while k < len(words) - 1 and _CYR.search(words[k][2]) and not words[k][2].isupper() \
                    and (_ru_lemma(words[k][2]) in _ru_descriptors()
                         or _morph().parse(words[k][2])[0].tag.POS == "ADJF"):
                k += 1
            for core in (words, words[k:]):
                if not core or not _ru_name_word(core[0][2]) or len(core) > 6:
                    continue
                key = tuple(_ru_lemma(w) for _, _, w in core)
                if not (len(key) == 1 and (key[0] in heads or key[0] in _ru_descriptors())) \
                        and key[0] not in _not_orgs():
                    cores.setdefault(key, c)
        # a name that the document also gives a descriptor of something else (шаттл
        # «Дискавери») is no organisation anywhere in it
        def not_listed(i: int) -> bool:  # шаттлы «Индевор» и «Атлантис»: «Атлантис» too
            s0 = _ru_list_start(vtext, toks[i][0])
            if s0 >= toks[i][0]:
                return False
            m0 = re.search(r"([А-Яа-яЁё\-]+)\s*$", vtext[max(0, s0 - 40):s0])
            return bool(m0) and _ru_lemma(m0.group(1)) in _ru_not_descriptors()

        for i in range(1, len(toks)):
            if _ru_name_word(toks[i][2]) and ((
                    not re.search(r"[.!?\n]", vtext[toks[i - 1][1]:toks[i][0]])
                    and lem_at(i - 1) in _ru_not_descriptors()
                    and not _ru_possessor(toks[i - 1][2], toks[i][2])) or not_listed(i)):
                not_names.add((lem_at(i),))
                for key in [k for k in cores if k[0] == lem_at(i) and tuple(
                        lem_at(j) for j in range(i, min(len(toks), i + len(k)))) == k]:
                    del cores[key]
                    not_names.add(key)
        if not_names:
            drop.update(id(c) for c in dc if tuple(
                _ru_lemma(m.group()) for m in _RU_TOKEN.finditer(c.name)) in not_names)
        # 1. a name recurring without its descriptor
        for i, (s, e, w, _, first) in enumerate(toks):
            if not _ru_name_word(w):
                continue
            lem = lem_at(i)
            for key, c in cores.items():
                if key[0] != lem or i + len(key) > len(toks):
                    continue
                span = toks[i:i + len(key)]
                if tuple(lem_at(j) for j in range(i, i + len(key))) != key:
                    continue
                ts, te = span[0][0], span[-1][1]
                if not free(ts, te) or "\n" in vtext[ts:te]:
                    continue
                if i > 0 and not first and _ru_name_word(toks[i - 1][2]) and \
                        vtext[toks[i - 1][1]:ts].strip() == "":
                    continue  # inside a longer name
                j = i + len(key)
                if j < len(toks) and not toks[j][4] and _ru_name_word(toks[j][2]) and \
                        vtext[te:toks[j][0]].strip() == "":
                    continue
                if first and len(key) == 1 and _CYR.search(w) and _ru_known_common(w):
                    continue  # a capitalised common word opening a sentence
                if re.search(r"\b[A-ZА-ЯЁ]\.\s*$", vtext[max(0, ts - 4):ts]):
                    continue  # a person: имени А. С. Пушкина
                out.append(Candidate(ts, te, c.name, "ru", doc_id, c.unit, c.legal_form,
                                     "name", source="doc"))
                taken.append((ts, te))
                break
        # 1b. the original Latin-script name in brackets right after a name:
        # концерн «Фольксваген» (Volkswagen), Комитет защиты журналистов (КЗЖ) (Committee …)
        for c in dc + [o for o in out if o.doc_id == doc_id]:
            m = _RU_LATIN_PAREN.match(vtext, c.vend)
            if m and free(m.start(1), m.end(1)):
                out.append(Candidate(m.start(1), m.end(1), c.name, "ru", doc_id, c.unit,
                                     c.legal_form, "name", source="doc"))
                taken.append((m.start(1), m.end(1)))
        # 2. a descriptor noun referring to the last organisation it heads
        headed = []
        for c in dc:
            lems = [_ru_lemma(m.group()) for m in _RU_TOKEN.finditer(vtext[c.vstart:c.vend])]
            h = next((l for l in lems if l in heads), None)
            if h is not None and any(_ru_name_word(m.group()) for m in
                                     _RU_TOKEN.finditer(vtext[c.vstart:c.vend])):
                headed.append((c.vstart, h, set(lems), c))
        if not headed:
            continue
        head_pref = {h[:3] for h in heads}
        for i, (s, e, w, _, first) in enumerate(toks):
            if w[:3].lower() not in head_pref:
                continue
            lem = lem_at(i)
            if lem not in heads or (_ru_name_word(w) and not first) or not free(s, e):
                continue
            if _ru_plural_only(w):
                continue
            prev = [h for h in headed if h[0] < s and h[1] == lem]
            if not prev:
                continue
            _, _, lems, c = prev[-1]
            nxt = vtext[e:e + 2].lstrip()
            if nxt[:1] in OPEN_Q + '"' or (
                    i + 1 < len(toks) and _ru_name_word(toks[i + 1][2])
                    and vtext[e:toks[i + 1][0]].strip() == ""
                    and (toks[i + 1][0], "PER") not in persons):
                continue  # a descriptor of another name (but шеф концерна Бернд Пишетсридер)
            ts = s
            k = i - 1
            while k >= 0 and vtext[toks[k][1]:ts].strip() == "" and not any(
                    toks[k][0] < c2.vend and c2.vstart < toks[k][1] for c2 in dc):
                pw = toks[k][2]
                p = _morph().parse(pw)[0]
                if p.tag.POS != "ADJF" or not (_relational_adj(pw) or lem_at(k) in lems):
                    break
                ts = toks[k][0]
                k -= 1
            out.append(Candidate(ts, e, c.name, "ru", doc_id, c.unit, c.legal_form, "name",
                                 source="coref"))
            taken.append((ts, e))
    return out, drop
