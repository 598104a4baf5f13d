"""Recommendations: the measures that the authors propose or demand, or that an act orders.

Every fact sentence (``Analysis.fact_sentences()``) is read from the language layer's tokens
(``Analysis.tokens_of``: text, lemma, UPOS, features); nothing here splits words or analyses them.

Candidates, in order (each a small function below):

1. ``find_cues``        cue regexes (``pipeline/data/<lang>/rec_cues.txt``) minus cues inside a
   non-proposing formula (``rec_not.txt``: ``следует отметить``, ``қажет етеді``, ``должна была``);
   the cue's kind is ``proposal`` (``rec_kind_proposal.txt``), ``directive``
   (``rec_kind_directive.txt``) or else ``demand``;
2. ``directive_forms``  orders stated by the verb's form: a Kazakh jussive (``бекітілсін``,
   ``қамтамасыз етсін``) and a Russian clause led by an infinitive (``Утвердить программу``,
   ``Акимам районов обеспечить ...``);
3. ``list items``       an item after a sentence that ends with ``:`` and is itself a candidate or
   a proposing intro (``rec_intro.txt``) is a candidate of the intro's kind, with or without a
   cue of its own.

A sentence with candidates is decided by a multinomial logistic regression over general
features (``sentence_features``: the cues and their kind, the words around them, negation, a
question, quotes and reporting verbs, a described legal rule or a forecast, the position in a
list, the lemmas), stored as JSON in ``models/rec_classifier.json`` and built by
``bench/train_recommendations.py`` from hand-labelled real sentences. Its probability of *not*
``none`` is the record's ``score``; the most probable other class its ``kind``.
``DEREK_REC_CLASSIFIER=off`` accepts every candidate (the cues-only baseline).

The record's span is trimmed to the proposal (``clause_span``, ``item_span``): bullets and
openers (``rec_lead.txt``) dropped, a Kazakh clause ends at its clause-final cue, a Russian one
before a reason tail (``, поскольку ...``).
"""
from __future__ import annotations

import bisect
import json
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Optional, Sequence

from pipeline.model import Analysis, Recommendation
from pipeline.resources import MODELS, load_list

MODEL_PATH = MODELS / "rec_classifier.json"
LANGS = ("kk", "ru", "en")
KINDS = ("proposal", "demand", "directive")

_BULLET = re.compile(r"^\s*(?:[•●▪■◦▫‣⁃∙·*\-–—]|\d{1,2}\s?\\?[.)]|[а-яa-zәғқңөұүһі]\))\s*")
_SEGMENT_SEP = re.compile(r"\s*;\s*")
_TAIL_PUNCT = " \t\n.,;:!?…"
# ru/en reason and effect tails cut from a proposal:  "..., поскольку ..." / "..., что позволит ..."
_RU_TAIL = re.compile(r",\s*(?:поскольку|так как|потому что|ибо|что позволит|это позволит|который позволит|которая позволит|которое позволит)\b", re.I)
_EN_TAIL = re.compile(r",\s*(?:because|since|as this|which will|this will)\b", re.I)
_QUOTES = frozenset("«»\"“”„")


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


@dataclass(frozen=True)
class Model:
    """A multinomial linear model over string features: ``p(k) = softmax(b[k] + sum(w[k][f]))``."""

    classes: tuple
    weights: dict
    intercept: dict
    threshold: float

    def probs(self, feats: Iterable[str]) -> dict:
        fs = set(feats)
        z = {k: self.intercept.get(k, 0.0) + sum(self.weights.get(k, {}).get(f, 0.0) for f in fs) for k in self.classes}
        top = max(z.values())
        e = {k: math.exp(max(-60.0, v - top)) for k, v in z.items()}
        tot = sum(e.values())
        return {k: v / tot for k, v in e.items()}

    def decide(self, feats: Iterable[str]) -> tuple[float, str]:
        """(probability of a recommendation of any kind, the most probable kind)."""
        p = self.probs(feats)
        kind = max((k for k in self.classes if k != "none"), key=lambda k: p[k])
        return 1.0 - p.get("none", 0.0), kind


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_PATH)) -> Optional[Model]:
    """The classifier stored as JSON, or None when absent, unreadable or switched off
    (``DEREK_REC_CLASSIFIER=off``)."""
    if os.environ.get("DEREK_REC_CLASSIFIER", "").lower() in ("off", "0", "no"):
        return None
    try:
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        return Model(tuple(d["classes"]), {k: dict(v) for k, v in d["weights"].items()},
                     {k: float(v) for k, v in d["intercept"].items()}, float(d["threshold"]))
    except (OSError, ValueError, KeyError, AttributeError):
        return None


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


def is_intro(text: str, lang: str) -> Optional[str]:
    """The proposing word of a sentence that introduces a list (ends with ':'), else None.

    >>> is_intro("Төмендегідей ұсыныстарды қорғауға шығаруымызға болады:", "kk")
    'ұсыныстарды'
    """
    if not text.rstrip().endswith(":"):
        return None
    low = text.lower()
    for rx in _regexes(lang, "intro"):
        m = rx.search(low)
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


def ru_leading_infinitive(words: Sequence[str], lemmas: Sequence[str], upos: Sequence[str],
                          feats: Sequence[str]) -> Optional[int]:
    """Index of an infinitive that heads its clause, no finite verb before it: an order of an act
    (``Утвердить программу``, ``Акимам районов обеспечить выплату``).

    >>> ru_leading_infinitive(["Акимам", "обеспечить", "выплату"], ["аким", "обеспечить", "выплата"],
    ...                       ["NOUN", "VERB", "NOUN"], ["", "", ""])
    1
    """
    for i, (w, l, p) in enumerate(zip(words, lemmas, upos)):
        if p in ("VERB", "AUX"):
            inf = "VerbForm=Inf" in feats[i] or (w.lower() == l.lower() and bool(_RU_INFINITIVE.search(w.lower())))
            if inf:
                return i
            if _ru_nonfinite(w, feats[i]):
                continue
            return None
        if p == "ADJ" and l.lower().startswith(("должн", "необходим", "нужн")):
            return None
    return None


# Kazakh verbal noun in the nominative: жүргізу "carrying out", ұйымдастыру, қамтамасыз ету
_KK_VERBAL_NOUN = re.compile(r"[^аеоөұүыі]{0,2}(?:у|ю)$")
# Russian action nouns: повышение, организация, проведение, совершенствование
_RU_ACTION_NOUN = re.compile(r"(?:ние|тие|ция|ство)$")


def measure_head(words: Sequence[str], upos: Sequence[str], lang: str) -> Optional[int]:
    """Index of the word that names a measure in a plan or list item: a Kazakh item ends with a
    verbal noun (``... насихат жұмыстарын жүргізу``), a Russian one starts with an action noun
    (``- повышение качества услуг``). Whether it is a measure is the classifier's call.

    >>> measure_head(["жұмыстарын", "жүргізу", "."], ["NOUN", "VERB", "PUNCT"], "kk")
    1
    >>> measure_head(["-", "повышение", "качества"], ["PUNCT", "NOUN", "NOUN"], "ru")
    1
    """
    idx = [i for i, w in enumerate(words) if any(ch.isalpha() for ch in w)]
    if len(idx) < 2:
        return None
    if lang == "kk":  # the verbal noun that closes the item (markup or a deadline may follow)
        for i in idx:
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if (upos[i] == "VERB" and _KK_VERBAL_NOUN.search(words[i].lower())
                    and not any(ch.isalnum() for ch in nxt)):
                return i
        return None
    if lang == "ru":
        for i in idx[:2]:
            if upos[i] == "NOUN":
                return i if _RU_ACTION_NOUN.search(words[i].lower()) else None
    return None


def directive_forms(words: Sequence[str], lemmas: Sequence[str], upos: Sequence[str],
                    feats: Sequence[str], lang: str) -> list[int]:
    """Token indexes of verbs whose form orders (see ``kk_jussive``, ``ru_leading_infinitive``)."""
    if lang == "kk":
        return [i for i, (w, p) in enumerate(zip(words, upos)) if kk_jussive(w, p, feats[i])]
    if lang == "ru":
        i = ru_leading_infinitive(words, lemmas, upos, feats)
        return [] if i is None else [i]
    return []


# ---------------------------------------------------------------- topic

# a verbal noun naming the action: құруды, енгізу, жүргізуге
_KK_ACTION = re.compile(r"(?:у|ю|уы|уі|уды|уді|уын|уін|уға|уге)$")
# oblique cases that do not mark the object: түрде, органдарына, елдерден, БАҚ-пен, орталықтың
_KK_OBLIQUE = re.compile(r"(?:[дтн][ае]|[гғқкн][ае]|[дтн][ае]н|[мбп]ен|[ндт][ыі]ң|да|де|ға|ге|ына|іне)$")


def topic_of(words: Sequence[str], lemmas: Sequence[str], upos: Sequence[str], lang: str) -> Optional[str]:
    """Lemma of the proposal's main noun: the object of the proposed action.

    Kazakh (verb-final): walking back from the cue past the action, the first
    noun not in an oblique case (``тиімді шаралар қолдануды ұсынамыз`` → ``шара``).
    Russian/English: the first noun after the first verb, else the first noun.

    >>> topic_of(["Байланыс", "желісін", "құру"], ["байланыс", "желі", "құр"], ["NOUN", "NOUN", "VERB"], "kk")
    'желі'
    >>> topic_of(["создать", "единый", "реестр"], ["создать", "единый", "реестр"], ["VERB", "ADJ", "NOUN"], "ru")
    'реестр'
    """
    nouns = [i for i, p in enumerate(upos) if p in ("NOUN", "PROPN")]
    if not nouns:
        return None
    if lang == "kk":
        i = nouns[-1]
        for j in range(len(words) - 2, -1, -1):
            w = words[j].lower()
            if (upos[j] in ("NOUN", "PROPN") and not _KK_ACTION.search(w) and not _KK_OBLIQUE.search(w)
                    and upos[j + 1] != "ADP"):
                i = j
                break
    else:
        verbs = [i for i, p in enumerate(upos) if p == "VERB"]
        after = [i for i in nouns if verbs and i > verbs[0]]
        i = after[0] if after else nouns[0]
    lem = lemmas[i]
    return lem.lower() if upos[i] == "NOUN" else lem



# ---------------------------------------------------------------- sentences

def _sentence_text(a: Analysis, s) -> str:
    view = a.view
    if view is not None and getattr(s, "vend", 0) > getattr(s, "vstart", 0):
        return view.text[s.vstart:s.vend]
    return s.text


def _to_source(a: Analysis, s, x: int, y: int) -> tuple[int, int]:
    view = a.view
    if view is not None and getattr(s, "vend", 0) > getattr(s, "vstart", 0):
        return view.to_source(s.vstart + x, s.vstart + y)
    return s.start + x, s.start + y


def _paragraph_of(starts: list[int], s) -> int:
    """Index of the paragraph holding the sentence start (paragraphs sorted by start)."""
    return bisect.bisect_right(starts, s.start) - 1



# ---------------------------------------------------------------- candidates and features

@dataclass(frozen=True, slots=True)
class Candidate:
    cue: Cue            # offsets in the sentence string
    kind: str           # the kind the cue marks
    source: str         # "cue" | "form" | "item"
    token: Optional[int]


@dataclass(slots=True)
class SentenceView:
    """One fact sentence as the extractor reads it: text (normalised view), token spans in it,
    the tokens' words, lemmas, UPOS and features."""

    sent: object
    text: str
    spans: list
    words: list
    lemmas: list
    upos: list
    feats: list


def _token_at(spans: Sequence[tuple[int, int]], start: int, end: int) -> Optional[int]:
    for i, (a, b) in enumerate(spans):
        if a <= start < b or start <= a < end:
            return i
    return None


def candidates(v: SentenceView, lang: str) -> list[Candidate]:
    """Lexical cues and verb forms of one sentence that may make it a recommendation."""
    out = [Candidate(c, cue_kind(c.text, lang), "cue", _token_at(v.spans, c.start, c.end))
           for c in find_cues(v.text, lang)]
    taken = {c.token for c in out}
    for i in directive_forms(v.words, v.lemmas, v.upos, v.feats, lang):
        if i in taken:
            continue
        a, b = v.spans[i]
        out.append(Candidate(Cue(a, b, v.text[a:b]), "directive", "form", i))
        taken.add(i)
    if not out:
        i = measure_head(v.words, v.upos, lang)
        if i is not None:
            a, b = v.spans[i]
            out.append(Candidate(Cue(a, b, v.text[a:b]), "directive", "measure", i))
    return sorted(out, key=lambda c: c.cue.start)


def _suffix(w: str, n: int = 3) -> str:
    return w[-n:] if len(w) > n + 1 else w


_NEG = {"kk": ("емес", "жоқ"), "ru": ("не", "нет"), "en": ("not", "no")}


def sentence_features(v: SentenceView, lang: str, cands: Sequence[Candidate], *,
                      list_kind: Optional[str] = None, section: str = "body") -> list[str]:
    """Sparse string features of one sentence and its candidates."""
    idx = [i for i, w in enumerate(v.words) if any(ch.isalnum() for ch in w)]
    pos = {i: k for k, i in enumerate(idx)}
    lw = [v.lemmas[i].lower() for i in idx]
    low = v.text.lower()
    f = [f"lang={lang}", f"sec={section}"]
    for c in cands:
        f += [f"src={c.source}", f"{lang}:src={c.source}", f"kind={c.kind}", f"{lang}:kind={c.kind}:{c.source}"]
        if c.source == "cue":
            f.append(f"{lang}:cue=" + "_".join(c.cue.text.lower().split()))
        if c.token is None or c.token not in pos:
            continue
        k = pos[c.token]
        f.append(f"{lang}:cuel={lw[k]}")
        where = "first" if k == 0 else "last" if k == len(idx) - 1 else "mid"
        f += [f"cpos={where}", f"cpos={where}:{c.source}"]
        for d in (-2, -1, 1, 2):
            if 0 <= k + d < len(idx):
                i = idx[k + d]
                f += [f"c{d:+d}={lang}:{v.lemmas[i].lower()}", f"c{d:+d}s={lang}:{_suffix(v.words[i].lower())}",
                      f"c{d:+d}p={v.upos[i]}"]
        near = [v.words[idx[j]].lower() for j in range(max(0, k - 1), min(len(idx), k + 3)) if j != k]
        if any(w in _NEG.get(lang, ()) for w in near):
            f.append("negated")
        for x in (v.feats[c.token] or "").split("|"):
            if x:
                f.append(f"cfeat={x}")
    if cands and any(is_explicit(v.text, c.cue, lang) for c in cands if c.source == "cue"):
        f.append("explicit")
    for who in voice(v.text, lang):
        f += [f"voice={who}", f"{lang}:voice={who}"]
    if any(rx.search(low) for rx in _word_regexes(lang, "rec_reporting")):
        f += ["reported", f"{lang}:reported"]
    for rx, name in _context_regexes(lang):
        if rx.search(low):
            f += [f"ctx={name}", f"{lang}:ctx={name}"]
    if v.text.rstrip().endswith("?"):
        f.append("question")
    if any(ch in _QUOTES for ch in v.text):
        f.append("quote")
    if v.text.lstrip().startswith(("—", "–", "- ")) and not _BULLET.match(v.text):
        f.append("dash_start")
    if any(ch.isdigit() for ch in v.text):
        f.append("has_digit")
    if "%" in v.text:
        f.append("has_pct")
    if _BULLET.match(v.text):
        f.append("bullet")
    if v.text.rstrip().endswith(":"):
        f.append("colon_end")
    if "<td" in low or "</td>" in low:
        f.append("table_markup")
    if list_kind:
        f += ["in_list", f"in_list={list_kind}"]
    if lw:
        f.append(f"first={lang}:{lw[0]}")
        f.append(f"last={lang}:{lw[-1]}")
    f += [f"l={lang}:{x}" for x in lw[:60]]
    f.append(f"len={min(len(idx) // 10, 5)}")
    return f


def _view_of(a: Analysis, s) -> Optional[SentenceView]:
    text = _sentence_text(a, s)
    if not text.strip():
        return None
    toks = a.tokens_of(s.sent_id)
    view = a.view
    spans = []
    for t in toks:
        if view is not None and getattr(s, "vend", 0):
            vs = view.from_source(t.start) - s.vstart
        else:
            vs = t.start - s.start
        spans.append((vs, vs + len(t.norm)))
    return SentenceView(s, text, spans, [t.norm for t in toks], [t.lemma for t in toks],
                        [t.upos for t in toks], [getattr(t, "feats", "") or "" for t in toks])


@dataclass(slots=True)
class Item:
    """One sentence with what the classifier needs; yielded in reading order."""

    view: SentenceView
    cands: list
    feats: list
    list_kind: Optional[str]
    bullet: bool
    forced: bool = False  # a bulleted item of a list that a proposing intro opens


def sentence_items(a: Analysis, *, sentences=None) -> Iterator[Item]:
    """Every fact sentence (or every one of ``sentences``) with candidates, or in a list after
    an intro, and its features.

    Shared by the extractor and ``bench/train_recommendations.py``, so training sees exactly
    the features the extractor computes.
    """
    para_starts = sorted(p.start for p in a.paragraphs)
    intro_kind: Optional[str] = None
    intro_proposing = False
    list_para = -2
    prev_doc = None
    for s in (a.fact_sentences() if sentences is None else sentences):
        if s.doc_id != prev_doc:
            intro_kind, list_para, prev_doc = None, -2, s.doc_id
        if s.lang not in LANGS:
            intro_kind = None
            continue
        v = _view_of(a, s)
        if v is None:
            continue
        para = _paragraph_of(para_starts, s)
        bullet = bool(_BULLET.match(v.text))
        in_list = intro_kind is not None and (bullet or para == list_para)
        list_kind = intro_kind if in_list else None
        if not in_list:
            intro_kind = None
        else:
            list_para = para
        cands = candidates(v, s.lang)
        if list_kind and list_kind != "plain" and not cands:
            a0, b0 = item_span(v.text, s.lang)
            cands = [Candidate(Cue(a0, max(a0, b0), v.text[a0:b0]), list_kind, "item", None)]
        if v.text.rstrip().endswith(":"):
            word = is_intro(v.text, s.lang)
            own = [c for c in cands if c.source in ("cue", "form")]
            # an intro without a cue ("Стратегияның негізгі басымдықтары:") opens a "plain" list:
            # its items are candidates only by their own words, and the classifier knows the list
            intro_kind = own[0].kind if own else cue_kind(word, s.lang) if word else "plain"
            intro_proposing = bool(word)
            list_para = para
            if own or word:
                list_kind = None
            if word:
                continue  # "предлагаем следующие меры:" opens the list; its items are the proposals
        if cands:
            forced = bool(list_kind) and intro_proposing and bullet
            yield Item(v, cands, sentence_features(v, s.lang, cands, list_kind=list_kind, section=s.section),
                       list_kind, bullet, forced)



# ---------------------------------------------------------------- extractor

def extract_recommendations(analysis: Analysis, *, model: Optional[Model] = None,
                            threshold: Optional[float] = None) -> list[Recommendation]:
    """Recommendations of every document of ``analysis``; never raises on odd input."""
    try:
        return _extract(analysis, model=model, threshold=threshold)
    except Exception:  # an extractor returns what it can; a bug shows up in tests, not in a run
        return []


def is_question(text: str) -> bool:
    """A question asks, it does not propose: ``Жалпы шетелдіктер қандай іріктеуден өтуі керек?``

    >>> is_question("Что нужно сделать?"), is_question("Нужно сделать это.")
    (True, False)
    """
    return text.rstrip(" \t\n»\"”)").endswith("?")


def _explicit(item: Item) -> bool:
    """The authors state the measure as theirs in so many words (``... керек деп ойлаймын``,
    ``предлагаем``, ``считаем необходимым``: ``rec_explicit.txt``) and nobody else speaks."""
    return any(c.source == "cue" and is_explicit(item.view.text, c.cue, item.view.sent.lang) for c in item.cands)


def decide(item: Item, model: Optional[Model], threshold: float) -> Optional[tuple[float, str]]:
    """(score, kind) when the sentence is a recommendation, else None. Without a model every
    candidate is accepted, with the kind of its first cue (the cues-only baseline)."""
    if is_question(item.view.text) or any(
            "?" in item.view.text[c.cue.end:c.cue.end + 2] for c in item.cands if c.source == "cue"):
        return None  # "... өтулері керек? Тілшіміз тарқатсын."
    if item.forced:  # "ұсыныстарды ... болады:" / "предлагаем следующие меры:" opens a list of proposals
        return 1.0, item.list_kind
    if model is None:
        return 1.0, item.list_kind if item.list_kind not in (None, "plain") else item.cands[0].kind
    p, kind = model.decide(item.feats)
    if p < threshold and not _explicit(item):
        return None
    # a cue that names its kind (ұсынамыз, тапсырамын, поручить) decides it
    lexical = [c.kind for c in item.cands if c.source == "cue" and c.kind != "demand"]
    return p, lexical[0] if lexical else kind


def _extract(a: Analysis, *, model: Optional[Model], threshold: Optional[float]) -> list[Recommendation]:
    model = model if model is not None else load_model()
    thr = threshold if threshold is not None else (model.threshold if model is not None else 0.5)
    src = a.source.text
    out: list[Recommendation] = []
    counters: dict[str, int] = {}
    for item in sentence_items(a):
        got = decide(item, model, thr)
        if got is None:
            continue
        score, kind = got
        v, s = item.view, item.view.sent
        lex = sorted((c for c in item.cands if c.source in ("cue", "form")), key=lambda c: c.source != "cue")
        if lex:
            x, y = clause_span(v.text, lex[0].cue, s.lang)
            cue = lex[0].cue.text
        else:
            x, y = item_span(v.text, s.lang)
            cue = item.cands[0].cue.text if item.cands[0].source == "measure" else "list item"
        if y <= x:
            x, y = strip_lead(v.text, 0, len(v.text), s.lang), _rstrip(v.text, 0, len(v.text))
        start, end = _to_source(a, s, x, y)
        if end <= start or not src[start:end].strip() or src[start:end] != src[start:end].strip():
            continue
        sel = [i for i, (p, q) in enumerate(v.spans) if p >= x and q <= y]
        topic = (topic_of([v.words[i] for i in sel], [v.lemmas[i] for i in sel], [v.upos[i] for i in sel], s.lang)
                 if sel else None)
        n = counters.get(s.doc_id, 0) + 1
        counters[s.doc_id] = n
        out.append(Recommendation(f"{s.doc_id}:r{n}", s.doc_id, s.lang, src[start:end], cue, start, end,
                                  topic, round(score, 4), kind=kind, sent_id=s.sent_id))
    return out


def classify(a: Analysis, lang: str, *, model: Optional[Model] = None) -> list[tuple[str, float, str]]:
    """The decisions on every sentence of ``a`` in ``lang``, whatever its section (a lone line of a
    short text is read as a title): ``[(sentence, score, kind)]`` for the recommendations found.

    >>> from pipeline import process
    >>> [k for _, _, k in classify(process("Шешім бекітілсін."), "kk")]
    ['directive']
    """
    model = model if model is not None else load_model()
    thr = model.threshold if model is not None else 0.5
    out = []
    for item in sentence_items(a, sentences=[s for s in a.sentences if s.lang == lang]):
        got = decide(item, model, thr)
        if got is not None:
            out.append((item.view.text, got[0], got[1]))
    return out


def is_recommendation(a: Analysis, lang: str, *, model: Optional[Model] = None) -> tuple[bool, float]:
    """Whether ``a`` (every sentence in ``lang``) holds a recommendation: (found, best score)."""
    got = classify(a, lang, model=model)
    return bool(got), max((sc for _, sc, _ in got), default=0.0)
