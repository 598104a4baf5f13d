"""Recommendation cues: what the words and verb forms of a sentence say, before any classifier.

The lexical cues and formulas are data files (``pipeline/data/<lang>/rec_*.txt``); the verb forms
that order (a Kazakh jussive, a Russian clause-leading infinitive) and the measure heads of plan
items are read from the language layer's tokens (words, lemmas, UPOS, features) that
``pipeline.extract.recommendations`` passes in; nothing here splits or analyses words. The spans
(``clause_span``, ``item_span``) trim a sentence to the proposal itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from pipeline.resources import load_list

# a Markdown bullet "*" is followed by a space: "**Аким области**" and "*Постоянно.*" are emphasis
_BULLET = re.compile(r"^\s*(?:[•●▪■◦▫‣⁃∙·\-–—]|\*(?=\s)|\d{1,2}\s?\\?[.)]|[а-яa-zәғқңөұүһі]\))\s*")
_SEGMENT_SEP = re.compile(r"\s*;\s*")
_TAIL_PUNCT = " \t\n.,;:!?…"
# ru/en reason and effect tails cut from a proposal:  "..., поскольку ..." / "..., что позволит ..."
_RU_TAIL = re.compile(r",\s*(?:поскольку|так как|потому что|ибо|что позволит|это позволит|который позволит|которая позволит|которое позволит)\b", re.I)
_EN_TAIL = re.compile(r",\s*(?:because|since|as this|which will|this will)\b", re.I)


# ---------------------------------------------------------------- resources

@lru_cache(maxsize=None)
def _regexes(lang: str, name: str) -> tuple[re.Pattern, ...]:
    try:
        lines = load_list(f"{lang}/rec_{name}.txt")
    except FileNotFoundError:
        return ()
    # cues and explicit formulas are whole words; intro and not-patterns may be word beginnings
    end = r"(?![\w-])" if name in ("cues", "explicit") else ""
    return tuple(re.compile(r"(?<![\w-])(?:" + line.strip() + ")" + end, re.I) for line in lines)


@lru_cache(maxsize=None)
def _any_cue(lang: str) -> re.Pattern | None:
    """One pattern that matches where any of the cue patterns of :func:`_regexes` matches (their
    alternation, with the same word edges): a sentence it finds nothing in has no cue. None when
    the lines cannot be joined into one pattern."""
    try:
        lines = load_list(f"{lang}/rec_cues.txt")
        return re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{line.strip()})" for line in lines) + r")(?![\w-])", re.I)
    except (FileNotFoundError, re.error):
        return None


@lru_cache(maxsize=None)
def _voice_regexes(lang: str, who: str) -> tuple[re.Pattern, ...]:
    try:
        lines = load_list(f"{lang}/rec_voice_{who}.txt")
    except FileNotFoundError:
        return ()
    return tuple(re.compile(r"(?<![\w-])(?:" + line.strip() + r")(?![\w-])", re.I) for line in lines)


def voice(text: str, lang: str) -> list[str]:
    """Who speaks: ``author`` (біздің ойымызша, считаем) and/or ``other`` (по мнению экспертов, деп санайды).

    >>> voice("Ғалымдардың айтуынша, диалогты күшейту қажет", "kk")
    ['other']
    """
    low = text.lower()
    return [who for who in ("author", "other") if any(rx.search(low) for rx in _voice_regexes(lang, who))]


@lru_cache(maxsize=None)
def _lead_regex(lang: str) -> Optional[re.Pattern]:
    try:
        lines = load_list(f"{lang}/rec_lead.txt")
    except FileNotFoundError:
        return None
    alts = "|".join(sorted((line.strip() for line in lines), key=len, reverse=True))
    return re.compile(r"^(?:" + alts + r")(?![\w-])\s*,?\s*", re.I)




@lru_cache(maxsize=None)
def _kind_regexes(lang: str, kind: str) -> tuple[re.Pattern, ...]:
    try:
        return tuple(re.compile(line.strip(), re.I) for line in load_list(f"{lang}/rec_kind_{kind}.txt"))
    except FileNotFoundError:
        return ()


def cue_kind(cue: str, lang: str) -> str:
    """The kind of recommendation a lexical cue marks.

    >>> cue_kind("ұсынамыз", "kk"), cue_kind("керек", "kk"), cue_kind("Поручить", "ru")
    ('proposal', 'demand', 'directive')
    """
    low = " ".join(cue.lower().split())
    for kind in ("proposal", "directive"):
        if any(rx.fullmatch(low) for rx in _kind_regexes(lang, kind)):
            return kind
    return "demand"


@lru_cache(maxsize=None)
def _word_regexes(lang: str, name: str) -> tuple[re.Pattern, ...]:
    try:
        lines = load_list(f"{lang}/{name}.txt")
    except FileNotFoundError:
        return ()
    return tuple(re.compile(r"(?<![\w-])(?:" + line.strip() + ")", re.I) for line in lines)


@lru_cache(maxsize=None)
def _context_regexes(lang: str) -> tuple[tuple[re.Pattern, str], ...]:
    try:
        lines = load_list(f"{lang}/rec_context.txt")
    except FileNotFoundError:
        return ()
    out = []
    for line in lines:
        pat, _, name = line.rpartition(" = ")
        out.append((re.compile(r"(?<![\w-])(?:" + pat.strip() + ")", re.I), name.strip()))
    return tuple(out)

# ---------------------------------------------------------------- rules

@dataclass(frozen=True, slots=True)
class Cue:
    start: int  # offsets in the sentence string
    end: int
    text: str


def find_cues(text: str, lang: str) -> list[Cue]:
    """Cue matches in ``text`` that are not inside a non-proposing formula.

    >>> [c.text for c in find_cues("Следует отметить, что закон принят.", "ru")]
    []
    >>> [c.text for c in find_cues("Заңға өзгерістер енгізу қажет.", "kk")]
    ['қажет']
    """
    low = text.lower()
    anyone = _any_cue(lang)
    if anyone is not None and anyone.search(low) is None:
        return []  # no cue anywhere in the sentence (most sentences): none of the searches below
    voids = [(m.start(), m.end()) for rx in _regexes(lang, "not") for m in rx.finditer(low)]
    found: dict[int, Cue] = {}
    for rx in _regexes(lang, "cues"):
        for m in rx.finditer(low):
            if any(a <= m.start() < b for a, b in voids):
                continue
            if m.start() not in found or m.end() > found[m.start()].end:
                found[m.start()] = Cue(m.start(), m.end(), text[m.start():m.end()])
    cues = sorted(found.values(), key=lambda c: c.start)
    # drop a cue nested inside a longer one ("ұсынуға болады" vs "ұсын...")
    out: list[Cue] = []
    for c in cues:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


def _words_from(text: str, spans: Sequence[tuple[int, int]], pos: int) -> int:
    """How many of the tokens (``spans`` in ``text``, the language layer's) from ``pos`` on are words."""
    return sum(1 for a, b in spans if a >= pos and any(ch.isalnum() or ch in "-_" for ch in text[a:b]))


def is_intro(text: str, lang: str, spans: Sequence[tuple[int, int]]) -> Optional[str]:
    """The proposing word of a sentence that introduces a list (ends with ':'), else None.
    ``spans`` are the sentence's token spans in ``text``: a Kazakh intro word closes its clause
    (at most four words from it to the colon).

    >>> s = "Төмендегідей ұсыныстарды қорғауға шығаруымызға болады:"
    >>> is_intro(s, "kk", [(0, 12), (13, 24), (25, 33), (34, 46), (47, 53), (53, 54)])
    'ұсыныстарды'
    >>> s = "Оқытуды қажет деп танылған сәттен бастап тағайындалады:"
    >>> is_intro(s, "kk", [(0, 7), (8, 13), (14, 17), (18, 26), (27, 33), (34, 40), (41, 54), (54, 55)])
    """
    if not text.rstrip().endswith(":"):
        return None
    low = text.lower()
    for rx in _regexes(lang, "intro"):
        m = rx.search(low)
        if m and lang == "kk" and _words_from(text, spans, m.start()) > 4:
            continue  # Kazakh is verb-final: the clause that opens the list ends at the colon
        if m:
            w = re.match(r"[\w-]*", low[m.start():])
            return text[m.start():m.start() + len(w.group())] if w and w.group() else text[m.start():m.end()]
    return None


def strip_lead(text: str, start: int, end: int, lang: str) -> int:
    """New start after a bullet and discourse openers.

    >>> s = "• Сондықтан, заң қабылдау қажет"
    >>> s[strip_lead(s, 0, len(s), "kk"):]
    'заң қабылдау қажет'
    """
    lead = _lead_regex(lang)
    while start < end:
        seg = text[start:end]
        m = _BULLET.match(seg)
        if m and m.end() > 0:
            start += m.end()
            continue
        ws = len(seg) - len(seg.lstrip())
        if ws:
            start += ws
            continue
        m = lead.match(seg) if lead is not None else None
        if m and m.end() > 0 and m.end() < len(seg):
            start += m.end()
            continue
        break
    return start


def segments(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` between semicolons.

    >>> segments("a; b")
    [(0, 1), (3, 4)]
    """
    out, pos = [], 0
    for m in _SEGMENT_SEP.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if b > a]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TAIL_PUNCT:
        end -= 1
    # an unmatched closing bracket/quote left by a cut
    return end


def clause_span(text: str, cue: Cue, lang: str, *, prev_cue_end: int = 0) -> tuple[int, int]:
    """The proposal's span in ``text`` around ``cue``.

    Kazakh is verb-final: the clause runs from the segment start (or the end of a
    previous cue in it) to the cue's end, so a trailing effect clause drops out.
    Russian/English: the segment without its opener and reason tail.

    >>> s = "Сондықтан, орталықтар қызметін жандандыруды ұсынамыз, бұл заңдылықты арттырады."
    >>> c = find_cues(s, "kk")[0]; a, b = clause_span(s, c, "kk"); s[a:b]
    'орталықтар қызметін жандандыруды ұсынамыз'
    >>> s = "Таким образом, необходимо создать реестр, поскольку это повысит доверие."
    >>> c = find_cues(s, "ru")[0]; a, b = clause_span(s, c, "ru"); s[a:b]
    'необходимо создать реестр'
    """
    seg = next(((a, b) for a, b in segments(text) if a <= cue.start < b), (0, len(text)))
    a, b = seg
    if lang == "kk":
        if prev_cue_end > a:
            a = prev_cue_end
            while a < cue.start and text[a] in " ,–—-":
                a += 1
        b = cue.end
    else:
        tail = (_RU_TAIL if lang == "ru" else _EN_TAIL).search(text, max(a, cue.end), b)
        if tail:
            b = tail.start()
    a = strip_lead(text, a, b, lang)
    if a >= cue.start and lang == "kk":  # an opener ate the clause: keep what is left
        a = min(a, cue.start)
    b = _rstrip(text, a, b)
    return a, max(a, b)


def item_span(text: str, lang: str) -> tuple[int, int]:
    """A list item trimmed to its first segment, without the bullet or an aside.

    >>> s = "• Байланыс желісін құру; (азаматтардың консультациялар алуы)"
    >>> a, b = item_span(s, "kk"); s[a:b]
    'Байланыс желісін құру'
    """
    segs = segments(text)
    a, b = segs[0] if segs else (0, len(text))
    a = strip_lead(text, a, b, "kk" if lang == "kk" else lang)
    paren = text.find(" (", a, b)
    if paren > a:
        b = paren
    return a, _rstrip(text, a, b)


def is_explicit(text: str, cue: Cue, lang: str) -> bool:
    """The authors state the proposal as theirs (``rec_explicit.txt``), unless someone else speaks.

    >>> s = "Заң жұмысын жалғастыруы керек деп ойлаймын."
    >>> is_explicit(s, find_cues(s, "kk")[0], "kk")
    True
    """
    low = text.lower()
    if "other" in voice(text, lang):
        return False
    return any(m.start() <= cue.start < m.end() for rx in _regexes(lang, "explicit") for m in rx.finditer(low))




# ---------------------------------------------------------------- orders stated by the verb's form

# Kazakh jussive, the 3rd person imperative: бекітілсін "let it be approved", құрсын "let it create"
_KK_JUSSIVE = re.compile(r"(?:с[ыіұү]н)$")
# Russian infinitive endings: утвердить, обеспечить, вести, помочь, заняться
_RU_INFINITIVE = re.compile(r"(?:ть|ти|чь|ться|тись)$")


def kk_jussive(word: str, upos: str, feats: str = "") -> bool:
    """A Kazakh verb in the jussive (3rd person imperative) orders: ``Шешім бекітілсін``.

    >>> kk_jussive("бекітілсін", "VERB"), kk_jussive("БТП-сын", "NOUN")
    (True, False)
    """
    if upos not in ("VERB", "AUX"):
        return False
    if "Mood=Imp" in feats and "Person=3" in feats:
        return True
    return len(word) > 4 and "-" not in word and bool(_KK_JUSSIVE.search(word.lower()))


# participles decline like adjectives (установленном, хозяйствующих); gerunds end in -я (not -ся),
# -в, -вшись, -ясь (делая, сделав); a past or reflexive finite verb does not (решила, является)
_RU_PARTICIPLE = re.compile(r"(?:[ыиоая]й|[ая]я|[оеы]е|ие|[ое]го|[ое]му|[ыи]м|[ыи]х|[ую]ю|[ое]м|ую)$")
_RU_GERUND = re.compile(r"(?:(?<!с)я|[аяиеоу]в|вшись|ясь|учи|ючи)$")


def _ru_nonfinite(word: str, feats: str) -> bool:
    """A participle or gerund, which does not head the clause (``в установленном порядке обеспечить``)."""
    if "VerbForm=Part" in feats or "VerbForm=Conv" in feats:
        return True
    if "VerbForm=Fin" in feats:
        return False
    w = word.lower()
    return bool(_RU_PARTICIPLE.search(w) or _RU_GERUND.search(w))


def noun_complement(upos: Sequence[str], feats: Sequence[str], i: int) -> bool:
    """A Russian infinitive right after a noun in the nominative completes that noun (``Умение
    планировать работу``, ``Способность работать в команде``): the noun leads the clause, nothing
    is ordered. An addressee is in the dative (``Акимам обеспечить``), a fronted object in the
    accusative (``Контроль ... возложить``).

    >>> noun_complement(["NOUN", "VERB"], ["Case=Nom|Number=Sing", "VerbForm=Inf"], 1)
    True
    >>> noun_complement(["NOUN", "VERB"], ["Case=Dat|Number=Plur", "VerbForm=Inf"], 1)
    False
    """
    return i > 0 and upos[i - 1] == "NOUN" and "Case=Nom" in feats[i - 1].split("|")


def ru_leading_infinitive(words: Sequence[str], lemmas: Sequence[str], upos: Sequence[str],
                          feats: Sequence[str]) -> Optional[int]:
    """Index of an infinitive that heads its clause, no finite verb before it: an order of an act
    (``Утвердить программу``, ``Акимам районов обеспечить выплату``).

    >>> ru_leading_infinitive(["Акимам", "обеспечить", "выплату"], ["аким", "обеспечить", "выплата"],
    ...                       ["NOUN", "VERB", "NOUN"], ["", "", ""])
    1
    >>> ru_leading_infinitive(["Отделу", "Е", ".", "провести", "закуп"], ["отдел", "быть", ".", "провести", "закуп"],
    ...                       ["NOUN", "VERB", "PUNCT", "VERB", "NOUN"], ["", "", "", "", ""])
    3
    """
    for i, (w, l, p) in enumerate(zip(words, lemmas, upos)):
        if p in ("VERB", "AUX") and len(w) < 2:
            continue  # an initial read as a verb: "Отделу (Тюмебаев Е. С.) провести ..."
        if p in ("VERB", "AUX"):
            inf = "VerbForm=Inf" in feats[i] or (w.lower() == l.lower() and bool(_RU_INFINITIVE.search(w.lower())))
            if inf:
                return None if noun_complement(upos, feats, i) else i
            if _ru_nonfinite(w, feats[i]):
                continue
            return None
        if p == "ADJ" and l.lower().startswith(("должн", "необходим", "нужн")):
            return None
        if p == "ADJ" and {"Variant=Short", "VerbForm=Part"} <= set(feats[i].split("|")):
            return None  # a short participle is the clause's predicate: "призвана служить", "поручено обеспечить"
    return None


# Kazakh verbal noun in the nominative: жүргізу "carrying out", ұйымдастыру, қамтамасыз ету
_KK_VERBAL_NOUN = re.compile(r"[^аеоөұүыі]{0,2}(?:у|ю)$")
# Russian action nouns: повышение, организация, проведение, совершенствование
_RU_ACTION_NOUN = re.compile(r"(?:ние|тие|ция|ство)$")


@lru_cache(maxsize=None)
def _kk_light_stems() -> frozenset:
    """Verb stems of Kazakh compound verbs (``kk/light_verbs.txt``: қамтамасыз ет-, жүзеге асыр-),
    whose verbal noun (``ету``) the tagger may read as a noun."""
    try:
        return frozenset(line.split()[-1].lower() for line in load_list("kk/light_verbs.txt") if line.split())
    except FileNotFoundError:
        return frozenset()


def measure_head(words: Sequence[str], upos: Sequence[str], lang: str) -> Optional[int]:
    """Index of the word that names a measure in a plan or list item: a Kazakh item ends with a
    verbal noun (``... насихат жұмыстарын жүргізу``, ``... қамтамасыз ету``; an aside after ``;``
    or ``(`` may follow), a Russian one starts with an action noun (``- повышение качества
    услуг``). Whether it is a measure is the classifier's call.

    >>> measure_head(["жұмыстарын", "жүргізу", "."], ["NOUN", "VERB", "PUNCT"], "kk")
    1
    >>> measure_head(["қаржыландыруды", "қамтамасыз", "ету"], ["VERB", "ADJ", "NOUN"], "kk")
    2
    >>> measure_head(["жүргізу", "мерзімі"], ["VERB", "NOUN"], "kk") is None
    True
    >>> measure_head(["еттің", "(", "малдың", ")", "сатуды", "қамтамасыз", "ету", "."],
    ...              ["NOUN", "PUNCT", "NOUN", "PUNCT", "VERB", "ADJ", "NOUN", "PUNCT"], "kk")
    6
    >>> measure_head(["-", "повышение", "качества"], ["PUNCT", "NOUN", "NOUN"], "ru")
    1
    """
    idx = [i for i, w in enumerate(words) if any(ch.isalpha() for ch in w)]
    if len(idx) < 2:
        return None
    if lang == "kk":  # the verbal noun that closes the item or its first part
        stop = next((i for i, w in enumerate(words) if w in (";", "(")), len(words))
        for i in dict.fromkeys(j[-1] for j in ([i for i in idx if i < stop], idx) if j):
            w = words[i].lower()
            if _KK_VERBAL_NOUN.search(w) and (upos[i] == "VERB" or w[:-1] in _kk_light_stems()):
                return i
        return None
    if lang == "ru":
        for i in idx[:2]:
            if upos[i] == "NOUN":
                return i if _RU_ACTION_NOUN.search(words[i].lower()) else None
    return None


def kk_wish(lemmas: Sequence[str], upos: Sequence[str], feats: Sequence[str], i: int) -> bool:
    """The jussive of the copula after a noun or an adjective wishes, it does not order (``Құтты
    болсын``, ``Зардап шеккендерге көмек болсын``); after a participle it orders (``... мәлімет
    беретін болсын``: "shall report").

    >>> kk_wish(["құтты", "бол"], ["ADJ", "AUX"], ["", "Mood=Opt"], 1)
    True
    >>> kk_wish(["мәлімет", "бер", "бол"], ["NOUN", "VERB", "AUX"], ["Case=Nom", "VerbForm=Part", "Mood=Opt"], 2)
    False
    """
    if lemmas[i].lower() != "бол":
        return False
    prev = next((j for j in range(i - 1, -1, -1) if upos[j] != "PUNCT"), None)
    return prev is None or "VerbForm=Part" not in feats[prev].split("|")


def kk_final_jussive(words: Sequence[str], upos: Sequence[str]) -> Optional[int]:
    """The word that closes a Kazakh clause before its stop, in the jussive ending, read as a noun
    or adjective by the tagger: Kazakh is verb-final, the word before the stop is the predicate
    (``... тарифтерін қайта қарасын.`` "shall review", where ``қара`` also reads "black"; an object
    ``баласын`` stands before its verb, never last).

    >>> kk_final_jussive(["тарифін", "қайта", "қарасын", "."], ["NOUN", "ADV", "ADJ", "PUNCT"])
    2
    >>> kk_final_jussive(["ол", "баласын", "көрді", "."], ["PRON", "NOUN", "VERB", "PUNCT"]) is None
    True
    """
    if not words or words[-1] not in (".", ";"):
        return None
    i = len(words) - 2
    if i < 1 or upos[i] not in ("NOUN", "ADJ"):
        return None
    w = words[i]
    return i if len(w) > 4 and "-" not in w and w[:1].islower() and _KK_JUSSIVE.search(w.lower()) else None


def directive_forms(words: Sequence[str], lemmas: Sequence[str], upos: Sequence[str],
                    feats: Sequence[str], lang: str) -> list[int]:
    """Token indexes of verbs whose form orders (see ``kk_jussive``, ``ru_leading_infinitive``;
    not a wish, ``kk_wish``)."""
    if lang == "kk":
        out = [i for i, (w, p) in enumerate(zip(words, upos))
               if kk_jussive(w, p, feats[i]) and not kk_wish(lemmas, upos, feats, i)]
        last = kk_final_jussive(words, upos)
        return out if last is None or last in out else out + [last]
    if lang == "ru":
        i = ru_leading_infinitive(words, lemmas, upos, feats)
        return [] if i is None else [i]
    return []


# ---------------------------------------------------------------- topic

# a verbal noun naming the action: құруды, енгізу, жүргізуге
_KK_ACTION = re.compile(r"(?:у|ю|уы|уі|уды|уді|уын|уін|уға|уге)$")
# the oblique cases, which do not mark the object: түрде, органдарына, елдерден, БАҚ-пен, орталықтың
_KK_OBLIQUE_CASES = frozenset({"Loc", "Dat", "Abl", "Ins", "Gen"})


def kk_oblique(feats: str) -> bool:
    """A Kazakh noun in an oblique case (locative, dative, ablative, instrumental, genitive), as
    the language layer analysed it: ``органдарына`` (``Case=Dat``) is no object, ``желісін``
    (``Case=Acc``) is.

    >>> kk_oblique("Case=Dat|Number=Plur|Person[psor]=3"), kk_oblique("Case=Acc|Person[psor]=3"), kk_oblique("")
    (True, False, False)
    """
    return any(x.startswith("Case=") and x[5:] in _KK_OBLIQUE_CASES for x in feats.split("|"))


def topic_of(words: Sequence[str], lemmas: Sequence[str], upos: Sequence[str], lang: str,
             feats: Optional[Sequence[str]] = None) -> Optional[str]:
    """Lemma of the proposal's main noun: the object of the proposed action.

    Kazakh (verb-final): walking back from the cue past the action, the first
    noun not in an oblique case (``feats``, ``kk_oblique``: ``тиімді шаралар қолдануды ұсынамыз`` → ``шара``).
    Russian/English: the first noun after the first verb, else the first noun.

    >>> topic_of(["Байланыс", "желісін", "құру"], ["байланыс", "желі", "құр"], ["NOUN", "NOUN", "VERB"], "kk",
    ...          ["Case=Nom", "Case=Acc|Person[psor]=3", "VerbForm=Vnoun"])
    'желі'
    >>> topic_of(["создать", "единый", "реестр"], ["создать", "единый", "реестр"], ["VERB", "ADJ", "NOUN"], "ru")
    'реестр'
    """
    nouns = [i for i, p in enumerate(upos) if p in ("NOUN", "PROPN")]
    if not nouns:
        return None
    feats = feats if feats is not None else [""] * len(words)
    if lang == "kk":
        i = nouns[-1]
        for j in range(len(words) - 2, -1, -1):
            w = words[j].lower()
            if (upos[j] in ("NOUN", "PROPN") and not _KK_ACTION.search(w) and not kk_oblique(feats[j])
                    and upos[j + 1] != "ADP"):
                i = j
                break
    else:
        verbs = [i for i, p in enumerate(upos) if p == "VERB"]
        after = [i for i in nouns if verbs and i > verbs[0]]
        i = after[0] if after else nouns[0]
    lem = lemmas[i]
    return lem.lower() if upos[i] == "NOUN" else lem
