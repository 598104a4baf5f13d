"""Recommendations: the measures that the authors propose or demand.

A proposal unit is a clause marked by a cue (``... ықпал етуі қажет``,
``необходимо создать ...``, ``we propose ...``) that a classifier accepts, or an
item of a list introduced by a proposing sentence (``... ұсыныстарды қорғауға
шығаруымызға болады:``), which is a proposal even without a cue of its own.

Rules, in order (each a small function below):

1. ``find_cues``      — cue regexes (``pipeline/data/<lang>/rec_cues.txt``),
   minus cues inside a non-proposing formula (``rec_not.txt``: ``следует
   отметить``, ``қажет етеді``, ``керек екенін айтты``, ``должна была``);
2. ``score_sentence`` — a logistic-regression classifier over lemma features
   (``models/rec_classifier.json``, built by ``bench/train_recommendations.py``)
   tells a proposal from motivation, interest, prediction, description;
   ``is_explicit`` — a cue the authors own in so many words (``ұсынамыз``,
   ``... керек деп ойлаймын``, ``предлагаем``, ``считаем необходимым``) is kept
   whatever the score, unless someone else is speaking (``rec_voice_other.txt``);
3. ``clause_span``    — the unit is trimmed to the proposal: bullets and openers
   (``rec_lead.txt``: ``Сондықтан,``, ``Таким образом,``) dropped, a Kazakh clause
   ends at its (clause-final) cue, a Russian one before a reason tail
   (``, поскольку ...``, ``, что позволит ...``);
4. list items after an intro sentence (``rec_intro.txt``, ending with ``:``) are
   kept whatever the classifier says.
"""
from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from pipeline.model import Analysis, Recommendation
from pipeline.resources import MODELS, load_list

MODEL_PATH = MODELS / "rec_classifier.json"
LANGS = ("kk", "ru", "en")
SKIP_SECTIONS = frozenset({"title", "authors", "affiliation", "keywords", "table", "references", "footnote"})

_BULLET = re.compile(r"^\s*(?:[•●▪■◦▫‣⁃∙·*\-–—]|\d{1,2}\s?[.)]|[а-яa-zәғқңөұүһі]\))\s*")
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


@dataclass(frozen=True)
class Model:
    """A linear model over string features: ``p = sigmoid(b + sum(w[f]))``."""

    weights: dict
    intercept: float
    threshold: float

    def score(self, feats: Iterable[str]) -> float:
        z = self.intercept + sum(self.weights.get(f, 0.0) for f in set(feats))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_PATH)) -> Optional[Model]:
    """The classifier stored as JSON, or None when the file is absent or unreadable."""
    try:
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        return Model(dict(d["weights"]), float(d["intercept"]), float(d["threshold"]))
    except (OSError, ValueError, KeyError):
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


# ---------------------------------------------------------------- features

def _suffix(w: str, n: int = 3) -> str:
    return w[-n:] if len(w) > n + 1 else w


def features(words: Sequence[str], lemmas: Sequence[str], upos: Sequence[str], lang: str,
             cue: Optional[Cue], cue_index: Optional[int]) -> list[str]:
    """Sparse string features of one sentence around one cue (lemma n-grams, endings, cue context)."""
    idx = [i for i, w in enumerate(words) if any(ch.isalnum() for ch in w)]
    lw = [lemmas[i].lower() for i in idx]
    ww = [words[i].lower() for i in idx]
    f = [f"lang={lang}"]
    if cue is not None:
        ck = re.sub(r"\s+", "_", cue.text.lower())
        f.append(f"cue={ck}")
        f.append(f"{lang}:cue={ck}")
    for j, (l, w) in enumerate(zip(lw, ww)):
        f.append(f"l={l}")
        f.append(f"s={lang}:{_suffix(w)}")
        if j + 1 < len(lw):
            f.append(f"b={l}_{lw[j + 1]}")
    if lw:
        f.append(f"first={lw[0]}")
        f.append(f"last={lw[-1]}")
        f.append(f"lasts={lang}:{_suffix(ww[-1])}")
        if len(lw) > 1:
            f.append(f"last2={lw[-2]}_{lw[-1]}")
    if cue_index is not None and cue_index in idx:
        k = idx.index(cue_index)
        for d in (-2, -1, 1, 2):
            if 0 <= k + d < len(idx):
                i = idx[k + d]
                f.append(f"c{d:+d}={lemmas[i].lower()}")
                f.append(f"c{d:+d}s={lang}:{_suffix(words[i].lower())}")
                f.append(f"c{d:+d}p={upos[i]}")
        rest = ww[k + 1:]
        # Kazakh "... керек деп ойлаймын": the cue still ends its (embedded) clause
        if lang == "kk" and len(rest) == 2 and rest[0] == "деп":
            f.append("cpos=last+dep")
        else:
            f.append(f"cpos={'first' if k == 0 else 'last' if k == len(idx) - 1 else 'mid'}")
    for who in voice(" ".join(words), lang):
        f.append(f"voice={who}")
        f.append(f"{lang}:voice={who}")
    if any(ch.isdigit() for w in ww for ch in w):
        f.append("has_digit")
    if words and words[-1] == "?":
        f.append("question")
    return f


def _analyse_words(text: str, lang: str) -> tuple[list[tuple[int, int]], list[str], list[str], list[str]]:
    from pipeline.morph import analyze
    from pipeline.morph.tokenize import tokenize

    spans = tokenize(text, lang)
    words = [text[a:b] for a, b in spans]
    try:
        res = analyze(words, lang) if words else []
    except Exception:  # a backend failure must not lose the sentence
        res = [(w, "X") for w in words]
    return spans, words, [r[0] for r in res], [r[1] for r in res]


def _cue_token(spans: Sequence[tuple[int, int]], cue: Cue) -> Optional[int]:
    for i, (a, b) in enumerate(spans):
        if a <= cue.start < b or (cue.start <= a < cue.end):
            return i
    return None


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


def score_sentence(text: str, lang: str, *, model: Optional[Model] = None,
                   analysed=None) -> list[tuple[Cue, float, bool]]:
    """Every live cue of ``text``: (cue, the classifier's probability, explicitly the authors').

    Without a model every cue scores 1.0 (cues only).
    """
    cues = find_cues(text, lang)
    if not cues:
        return []
    model = model if model is not None else load_model()
    if model is None:
        return [(c, 1.0, is_explicit(text, c, lang)) for c in cues]
    spans, words, lemmas, upos = analysed if analysed is not None else _analyse_words(text, lang)
    return [(c, model.score(features(words, lemmas, upos, lang, c, _cue_token(spans, c))), is_explicit(text, c, lang))
            for c in cues]


def is_recommendation(text: str, lang: str, *, model: Optional[Model] = None,
                      explicit: bool = True) -> tuple[bool, float]:
    """Sentence-level decision used by ``bench/rec_eval.py``: (any cue accepted, best score)."""
    model = model if model is not None else load_model()
    thr = model.threshold if model is not None else 0.5
    scored = score_sentence(text, lang, model=model)
    best = max((s for _, s, _ in scored), default=0.0)
    return any(s >= thr or (explicit and e) for _, s, e in scored), best


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


# ---------------------------------------------------------------- extractor

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


def _analysed_from_tokens(a: Analysis, s, toks) -> Optional[tuple]:
    if not toks:
        return None
    view = a.view
    if view is None or not getattr(s, "vend", 0):
        return None
    spans = []
    for t in toks:
        vs = view.from_source(t.start) - s.vstart
        spans.append((vs, vs + len(t.norm)))
    return spans, [t.norm for t in toks], [t.lemma for t in toks], [t.upos for t in toks]


def _paragraph_of(starts: list[int], s) -> int:
    """Index of the paragraph holding the sentence start (paragraphs sorted by start)."""
    return bisect.bisect_right(starts, s.start) - 1


def extract_recommendations(analysis: Analysis, *, model: Optional[Model] = None,
                            threshold: Optional[float] = None) -> list[Recommendation]:
    """Recommendations of every document of ``analysis``; never raises on odd input."""
    try:
        return _extract(analysis, model=model, threshold=threshold)
    except Exception:  # an extractor returns what it can; a bug shows up in tests, not in a run
        return []


def _extract(a: Analysis, *, model: Optional[Model], threshold: Optional[float]) -> list[Recommendation]:
    model = model if model is not None else load_model()
    thr = threshold if threshold is not None else (model.threshold if model is not None else 0.5)
    src = a.source.text
    out: list[Recommendation] = []
    counters: dict[str, int] = {}
    intro_cue: Optional[str] = None
    list_para = -2

    def emit(s, x: int, y: int, cue: str, score: Optional[float], analysed) -> None:
        start, end = _to_source(a, s, x, y)
        if end <= start or src[start:end] != src[start:end].strip() or not src[start:end].strip():
            return
        topic = None
        if analysed is not None:
            spans, words, lemmas, upos = analysed
            sel = [i for i, (p, q) in enumerate(spans) if p >= x and q <= y]
            if sel:
                topic = topic_of([words[i] for i in sel], [lemmas[i] for i in sel], [upos[i] for i in sel], s.lang)
        n = counters.get(s.doc_id, 0) + 1
        counters[s.doc_id] = n
        out.append(Recommendation(f"{s.doc_id}:r{n}", s.doc_id, s.lang, src[start:end], cue, start, end,
                                  topic, None if score is None else round(score, 4)))

    by_sent: dict[str, list] = {}
    for t in a.tokens:
        by_sent.setdefault(t.sent_id, []).append(t)
    para_starts = sorted(p.start for p in a.paragraphs)
    prev_doc = None
    for s in a.sentences:
        if s.doc_id != prev_doc:
            intro_cue, list_para, prev_doc = None, -2, s.doc_id
        if s.section in SKIP_SECTIONS or s.lang not in LANGS:
            intro_cue = None
            continue
        text = _sentence_text(a, s)
        if not text.strip():
            continue
        para = _paragraph_of(para_starts, s)
        bullet = bool(_BULLET.match(text))
        in_item = intro_cue is not None and (bullet or para == list_para)
        if intro_cue is not None and not in_item:
            intro_cue = None
        analysed = _analysed_from_tokens(a, s, by_sent.get(s.sent_id)) or _analyse_words(text, s.lang)
        scored = score_sentence(text, s.lang, model=model, analysed=analysed)
        if in_item and bullet:
            list_para = para
            if scored:
                prev = 0
                for cue, sc, _ in scored:
                    x, y = clause_span(text, cue, s.lang, prev_cue_end=prev)
                    prev = cue.end
                    emit(s, x, y, cue.text, sc, analysed)
                    if s.lang != "kk":
                        break
            else:
                x, y = item_span(text, s.lang)
                emit(s, x, y, intro_cue, None, analysed)
            continue
        word = is_intro(text, s.lang)
        if word:  # "предлагаем следующие меры:" — the items are the proposals, not the intro
            intro_cue, list_para = word, para
            continue
        prev = 0
        for cue, sc, explicit in scored:
            if sc >= thr or explicit:
                x, y = clause_span(text, cue, s.lang, prev_cue_end=prev)
                emit(s, x, y, cue.text, sc, analysed)
                if s.lang != "kk":
                    break
            prev = cue.end
    return out
