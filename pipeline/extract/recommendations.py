"""Recommendations: the measures that the authors propose or demand, or that an act orders.

Every fact sentence (``Analysis.fact_sentences()``) is read from the language layer's tokens
(``Analysis.tokens_of``: text, lemma, UPOS, features); nothing here splits words or analyses them.

Candidates, in order (each a small function of ``pipeline/extract/rec_cues.py``):

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
``DEREK_REC_CLASSIFIER=off`` accepts every candidate (the cues-only baseline). A numbered row's
cell of a plan that names a measure by its grammar (``plan_measure``) is a directive without the
classifier, in either language.

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
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Iterator, Optional, Sequence

from pipeline.extract.rec_cues import (  # noqa: F401  (cue_kind, find_cues, kk_jussive ... are part of this module's API)
    _BULLET, Cue, _context_regexes, _rstrip, _word_regexes, clause_span, cue_kind, directive_forms, find_cues,
    is_explicit, is_intro, item_span, kk_jussive, measure_head, ru_leading_infinitive, segments, strip_lead,
    topic_of, voice,
)
from pipeline.model import Analysis, Recommendation
from pipeline.resources import MODELS

MODEL_PATH = MODELS / "rec_classifier.json"
LANGS = ("kk", "ru", "en")
KINDS = ("proposal", "demand", "directive")

_QUOTES = frozenset("«»\"“”„")


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


def _paragraph_of(starts: list[int], pos: int) -> int:
    """Index of the paragraph holding the source offset ``pos`` (paragraphs sorted by start)."""
    return bisect.bisect_right(starts, pos) - 1



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
    off: int = 0  # where ``text`` starts in the sentence's text (a unit of a longer sentence)
    cell: bool = False  # a cell of a table (a unit cut at a table tag)


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
    if v.cell:  # a cell of a plan names a measure in either language (Утвердить ... / ... бекіту)
        f += ["cell"] + [f"cell:src={c.source}" for c in cands]
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


# where a block of text ends inside a sentence: a table cell or row boundary, a blank line after
# a clause's end, a Markdown heading or quote line (and the end of one)
_BLOCK_SEP = re.compile(r"\s*(?:</?(?:table|thead|tbody|tr|td|th)\b[^>]*>\s*)+|(?<=[.:;!?])[ \t]*\n[ \t]*\n\s*"
                        r"|\s*\n(?=[ \t]*[#>])", re.I)
_TABLE_TAG = re.compile(r"</?t[dhr]\b", re.I)
_HEADING_OR_QUOTE_LINE = re.compile(r"(?m)^[ \t]*[#>][^\n]*(\n)")
# a Markdown heading names a part, a Markdown quote is someone else's text or an act's note
_TITLE_OR_QUOTE = re.compile(r"^\s*[#>]")


def block_cuts(text: str) -> list[tuple[int, int]]:
    r"""Spans of ``text`` that separate blocks: table tags, a blank line after a clause that ends
    (a text taken from a PDF has blank lines inside its sentences), line breaks around a Markdown
    heading or quote line.

    >>> s = "Утвердить план:\n\n1) мероприятия</td><td>1998"
    >>> [s[a:b] for a, b in block_cuts(s)]
    ['\n\n', '</td><td>']
    >>> block_cuts("ұсыныстарды қорғауға \n\nшығаруымызға болады:")
    []
    >>> s = "# План\nТекст"
    >>> [s[a:b] for a, b in block_cuts(s)]
    ['\n']
    """
    out = [(m.start(), m.end()) for m in _BLOCK_SEP.finditer(text) if m.end() > m.start()]
    out += [(m.start(1), m.end(1)) for m in _HEADING_OR_QUOTE_LINE.finditer(text)]
    return sorted(set(out))


def units(v: SentenceView, cuts: Sequence[tuple[int, int]]) -> list[SentenceView]:
    """The blocks of one sentence between ``cuts`` (offsets in ``v.text``): a sentence that runs
    over table cells or blank lines (the sentence splitter keeps a table row, or a list intro and
    its first item, together) is read cell by cell and block by block, as each cell of a plan
    names one measure.

    >>> v = SentenceView(None, "Утвердить план.</td><td>1998</td>", [(0, 9), (10, 14), (14, 15), (24, 28)],
    ...                  ["Утвердить", "план", ".", "1998"], ["утвердить", "план", ".", "1998"],
    ...                  ["VERB", "NOUN", "PUNCT", "NUM"], ["", "", "", ""])
    >>> [(u.text, u.words, u.off, u.cell) for u in units(v, block_cuts(v.text))]
    [('Утвердить план.', ['Утвердить', 'план', '.'], 0, True), ('1998', ['1998'], 24, True)]
    """
    if not cuts:
        return [v]
    out, pos, prev = [], 0, ""
    for a, b in sorted(cuts) + [(len(v.text), len(v.text))]:
        if a > pos and any(ch.isalnum() for ch in v.text[pos:a]):
            sel = [i for i, (x, y) in enumerate(v.spans) if x >= pos and y <= a]
            cell = bool(_TABLE_TAG.search(prev) or _TABLE_TAG.search(v.text[a:b]))
            out.append(SentenceView(v.sent, v.text[pos:a], [(v.spans[i][0] - pos, v.spans[i][1] - pos) for i in sel],
                                    [v.words[i] for i in sel], [v.lemmas[i] for i in sel],
                                    [v.upos[i] for i in sel], [v.feats[i] for i in sel], v.off + pos, cell))
        pos, prev = max(pos, b), v.text[a:b]
    return out


def _cuts_in_view(a: Analysis, s, v: SentenceView) -> list[tuple[int, int]]:
    """``block_cuts`` of the sentence's source text (the view may have folded its line breaks),
    as offsets in the view's text."""
    view = a.view
    if view is None or not getattr(s, "vend", 0) > getattr(s, "vstart", 0):
        return block_cuts(v.text)
    src = a.source.text[s.start:s.end]
    out = []
    for x, y in block_cuts(src):
        vx, vy = view.from_source(s.start + x) - s.vstart, view.from_source(s.start + y) - s.vstart
        vx, vy = max(0, min(vx, len(v.text))), max(0, min(vy, len(v.text)))
        out.append((vx, max(vx, vy)))
    return out


@dataclass(slots=True)
class Item:
    """One sentence with what the classifier needs; yielded in reading order."""

    view: SentenceView
    cands: list
    feats: list
    list_kind: Optional[str]
    bullet: bool
    forced: bool = False  # a bulleted item of a list that a proposing intro opens, or of an order
    plain: Optional[int] = None  # the number of the list without a cue that this intro or item belongs to
    section: str = "body"
    order: bool = False  # a cell of a plan that names a measure (``plan_measure``): a directive
    opener: Optional[int] = None  # the number of the list an ordering intro opens (intro and items)


def _oblique_or_object(feats: str) -> bool:
    """A word in a case other than the nominative: an action's object or adjunct (``жоспарын``,
    ``ауылдарға``). A Kazakh service's name is a bare compound (``Құқықтық ақпарат беру``); a
    measure acts on something (``іс-әрекеттер жоспарын жасау``).

    >>> _oblique_or_object("Case=Acc|Person[psor]=3"), _oblique_or_object("Case=Nom"), _oblique_or_object("")
    (True, False, False)
    """
    return any(x.startswith("Case=") and x != "Case=Nom" for x in feats.split("|"))


# a cell that holds only the number of its row: "1.", "23", "2.1"
_ROW_NUMBER = re.compile(r"\s*\d{1,3}(?:\.\d{1,3})*\.?\s*")


def plan_measure(v: SentenceView, cands: Sequence[Candidate], lang: str) -> bool:
    """A table cell whose grammar names a measure, an order of the plan in either language (read
    in a numbered row, after the cell of its number: a plan's row, not a table's heading): a
    Russian cell led by an infinitive (``Разработать план действий``, ``Акимам обеспечить ...``:
    a ``form`` candidate), a Kazakh cell with a jussive (``... қамтамасыз етілсін``) or closed by
    a verbal noun or a demand (``... жоспарын жасау``, ``... өткізу керек``: the cell's last word,
    not one of a list of names ``денсаулық сақтау,``, and acting on something:
    ``_oblique_or_object``). A translated plan states one measure in both forms, so its cell is a
    directive in both versions or in neither, whatever the classifier would say of either.

    >>> v = SentenceView(None, "Жоспарын жасау", [(0, 8), (9, 14)], ["Жоспарын", "жасау"], ["жоспар", "жаса"],
    ...                  ["NOUN", "VERB"], ["Case=Acc", "VerbForm=Ger"], cell=True)
    >>> c = [Candidate(Cue(9, 14, "жасау"), "directive", "measure", 1)]
    >>> plan_measure(v, c, "kk")
    True
    >>> v.feats = ["Case=Nom", "VerbForm=Ger"]  # Ақпарат беру: a name
    >>> plan_measure(v, c, "kk")
    False
    """
    if not v.cell:
        return False
    first = next((i for i, w in enumerate(v.words) if any(ch.isalpha() for ch in w)), None)
    if lang == "ru":  # not an action noun, which may name a skill or a column (Умение планировать работу)
        return any(c.source == "form" for c in cands)
    if lang != "kk":
        return False
    if any(c.source == "form" for c in cands):
        return True
    for c in cands:  # the verbal noun or the demand (... залалсыздандыру керек) closes the cell
        if c.source in ("measure", "cue") and c.token is not None and (
                c.token == first or not v.words[c.token][:1].isupper()):  # not a name: Сарқант, Ақсу
            rest = v.text[v.spans[c.token][1]:]
            if (not any(ch.isalnum() for ch in rest.split(";")[0].split("(")[0]) and not rest.lstrip().startswith(",")
                    and any(_oblique_or_object(x) for x in v.feats[:c.token])):
                return True
    return False


def closes_with_order(v: SentenceView, lang: str) -> bool:
    """A Kazakh sentence whose last word is an order in the jussive (``kk_jussive``): Kazakh is
    verb-final, so in an act the order closes its list (``1. Қоса беріліп отырған: 1) ... стандарты;
    2) ... стандарты бекітілсін.``) where Russian opens it (``1. Утвердить: 1) ...; 2) ...``).

    >>> v = SentenceView(None, "2) ережесі бекітілсін.", [(0, 1), (1, 2), (3, 10), (11, 21), (21, 22)],
    ...                  ["2", ")", "ережесі", "бекітілсін", "."], ["2", ")", "ереже", "бекіт", "."],
    ...                  ["NUM", "PUNCT", "NOUN", "VERB", "PUNCT"], ["", "", "", "Mood=Imp|Person=3", ""])
    >>> closes_with_order(v, "kk"), closes_with_order(v, "ru")
    (True, False)
    """
    if lang != "kk":
        return False
    last = next((i for i in range(len(v.words) - 1, -1, -1) if any(ch.isalpha() for ch in v.words[i])), None)
    return last is not None and kk_jussive(v.words[last], v.upos[last], v.feats[last])


# the marker of a list item: "1)", "1.", "а)", a dash or bullet
_MARKERS = (("num)", re.compile(r"^\s*\d{1,2}\s?\\?\)")), ("num.", re.compile(r"^\s*\d{1,2}\s?\\?\.")),
            ("letter)", re.compile(r"^\s*[^\W\d_]\)")), ("dash", re.compile(r"^\s*(?:[•●▪■◦▫‣⁃∙·\-–—]|\*(?=\s))")))


def marker(text: str) -> Optional[str]:
    """The kind of marker that opens a list item, or None: the items of one list share it, and
    the next clause of an act has another (``1) ...; 2) ...`` within ``2. ...``).

    >>> marker("1) осы бұйрықтың"), marker("3. Осы бұйрықтың"), marker("- облыс"), marker("Облыс")
    ('num)', 'num.', 'dash', None)
    """
    return next((name for name, rx in _MARKERS if rx.match(text)), None)


def _ordered_list(run: list[Item]) -> list[Item]:
    """A Kazakh list without a cue in its intro (``plain``) whose last item closes with an order
    (``closes_with_order``): its items are that order's parts, each a directive as the Russian
    version's items of ``Утвердить:`` are. The list is the items after the intro that share the
    first one's marker (``marker``); the other units are left to their own words."""
    lang = run[0].view.sent.lang
    worded = [k for k, it in enumerate(run) if k > 0 and any(ch.isalpha() for ch in it.view.text)]
    kind = marker(run[worded[0]].view.text) if worded else None
    items = []
    for k in worded:
        if kind is None or marker(run[k].view.text) != kind:
            break
        items.append(k)
    if len(items) < 2 or not closes_with_order(run[items[-1]].view, lang):
        return [it for it in run if it.cands]
    out = []
    for k, it in enumerate(run):
        if k in items:
            v = it.view
            cands = it.cands
            if not cands:
                a0, b0 = item_span(v.text, lang)
                cands = [Candidate(Cue(a0, max(a0, b0), v.text[a0:b0]), "directive", "item", None)]
            it = Item(v, cands, sentence_features(v, lang, cands, list_kind="directive", section=it.section),
                      "directive", it.bullet, True, it.plain, it.section)
        if it.cands:
            out.append(it)
    return out


def sentence_items(a: Analysis, *, sentences=None) -> Iterator[Item]:
    """Every unit (``units``) of every fact sentence (or of every one of ``sentences``) with
    candidates, or in a list after an intro, and its features.

    Shared by the extractor and ``bench/train_recommendations.py``, so training sees exactly
    the features the extractor computes.
    """
    run: list[Item] = []
    for it in _units(a, sentences):
        if run and it.plain != run[0].plain:
            yield from _ordered_list(run)
            run = []
        if it.plain is not None and it.view.sent.lang == "kk":
            run.append(it)
        elif it.cands:
            yield it
    if run:
        yield from _ordered_list(run)


def _units(a: Analysis, sentences=None) -> Iterator[Item]:
    """The units of ``sentence_items`` in reading order, with those of a list without a cue
    (``plain``) that have no candidate of their own (their ``cands`` empty)."""
    para_starts = sorted(p.start for p in a.paragraphs)
    intro_kind: Optional[str] = None
    intro_proposing = False
    list_para = -2
    prev_doc = None
    row_number = False  # the unit before is a cell holding only a row's number ("1.", "23")
    plain: Optional[int] = None
    n_plain = 0
    opener: Optional[int] = None  # the list that an intro which orders by itself opens (Обеспечить:)
    n_opener = 0
    for s in (a.fact_sentences() if sentences is None else sentences):
        if s.doc_id != prev_doc:
            intro_kind, list_para, prev_doc, plain, opener = None, -2, s.doc_id, None, None
        if s.lang not in LANGS:
            intro_kind, plain, opener = None, None, None
            continue
        whole = _view_of(a, s)
        if whole is None:
            continue
        for v in units(whole, _cuts_in_view(a, s, whole)):
            numbered, row_number = row_number and v.cell, v.cell and bool(_ROW_NUMBER.fullmatch(v.text))
            if _TITLE_OR_QUOTE.match(v.text):
                intro_kind, plain, opener = None, None, None
                continue
            para = _paragraph_of(para_starts, _to_source(a, s, v.off, v.off)[0])
            bullet = bool(_BULLET.match(v.text))
            in_list = intro_kind is not None and (bullet or para == list_para)
            list_kind = intro_kind if in_list else None
            if not in_list:
                intro_kind, plain, opener = None, None, None
            else:
                list_para = para
            cands = candidates(v, s.lang)
            if list_kind and list_kind != "plain" and not cands and any(ch.isalpha() for ch in v.text):
                a0, b0 = item_span(v.text, s.lang)
                cands = [Candidate(Cue(a0, max(a0, b0), v.text[a0:b0]), list_kind, "item", None)]
            if v.text.rstrip().endswith(":") and not v.cell:  # a cell's list ends with the cell
                word = is_intro(v.text, s.lang, v.spans)
                own = [c for c in cands if c.source in ("cue", "form")]
                # an intro without a cue ("Стратегияның негізгі басымдықтары:") opens a "plain" list:
                # its items are candidates only by their own words, and the classifier knows the list
                intro_kind = own[0].kind if own else cue_kind(word, s.lang) if word else "plain"
                intro_proposing = bool(word)
                list_para = para
                plain, opener = None, None
                if own and own[0].kind == "directive" and not word and orders_objects(v, s.lang):
                    n_opener += 1
                    opener = n_opener
                if intro_kind == "plain":
                    n_plain += 1
                    plain = n_plain
                if own or word:
                    list_kind = None
                if word:
                    continue  # "предлагаем следующие меры:" opens the list; its items are the proposals
            if cands or plain is not None:
                forced = bool(list_kind) and intro_proposing and bullet
                feats = sentence_features(v, s.lang, cands, list_kind=list_kind, section=s.section) if cands else []
                yield Item(v, cands, feats, list_kind, bullet, forced, plain, s.section,
                           numbered and plan_measure(v, cands, s.lang), opener)


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
    if item.order:  # a plan's cell: "Разработать план действий" / "... іс-әрекеттер жоспарын жасау"
        return 1.0, "directive"
    if model is None:
        return 1.0, item.list_kind if item.list_kind not in (None, "plain") else item.cands[0].kind
    p, kind = model.decide(item.feats)
    if p < threshold and not _explicit(item):
        return None
    # a cue that names its kind (ұсынамыз, тапсырамын, поручить) decides it
    lexical = [c.kind for c in item.cands if c.source == "cue" and c.kind != "demand"]
    return p, lexical[0] if lexical else kind


# a name's initial closing a unit: the sentence was cut inside the item ("(Т. Ұзақов)")
_INITIAL_END = re.compile(r"(?:^|[\s(])[^\W\d_]\.\s*$")


def order_part(v: SentenceView, lang: str) -> bool:
    """A marked item that is one part of the order its intro gives: a whole item of running text,
    not a table's cell (a plan's row is read by ``plan_measure``), not the intro of a list of its
    own (``... в тенге:``), not a piece cut at a name's initial (``1) ... департаменті (Т.``), not
    a sum of money the order lists (``rec_amount.txt``: ``- учреждений образования в сумме 2609757
    тыс.тенге;``).

    >>> order_part(SentenceView(None, "1) осы бұйрықтың тіркелуін;", [], [], [], [], []), "kk")
    True
    >>> order_part(SentenceView(None, "1) Алматы облысы ауыл шаруашылығы департаменті (Т.", [], [], [], [], []), "kk")
    False
    >>> order_part(SentenceView(None, "-білім беру мекемелеріне - 2609757 мың теңге;", [], [], [], [], []), "kk")
    False
    """
    text = v.text.rstrip()
    low = text.lower()
    return (not v.cell and not text.endswith(":") and not _INITIAL_END.search(text)
            and not any(rx.search(low) for rx in _word_regexes(lang, "rec_amount")))


def orders_objects(v: SentenceView, lang: str) -> bool:
    """An intro whose order takes the items of its list as its objects (``Департаменту ...
    обеспечить:``, ``Мыналар бекітілсін:``), not as the content of a rule it states (``rec_that.txt``:
    ``Установить, что доходы формируются за счет:``, ``... қалыптасады деп белгіленсін:``).

    >>> v = SentenceView(None, "Установить, что доходы формируются за счет:", [], [], [], [], [])
    >>> orders_objects(v, "ru"), orders_objects(SentenceView(None, "Обеспечить:", [], [], [], [], []), "ru")
    (False, True)
    """
    low = v.text.lower()
    return not any(rx.search(low) for rx in _word_regexes(lang, "rec_that"))


def decisions(items: Iterable[Item], model: Optional[Model], threshold: float
              ) -> Iterator[tuple[Item, float, str, bool]]:
    """``(item, score, kind, joined)`` for every item ``decide`` accepts, in reading order; an
    intro that orders by itself (``Департаменту ... обеспечить:``, ``Мыналар бекітілсін:``) and is
    accepted makes each marked item of its list (the items sharing the first one's marker) a part
    of its order: a directive, the first one ``joined`` to the intro (one record from the intro to
    the end of the first item). One order per object, as the Kazakh version says it when the order
    closes its list (``Департаменті: 1) ...; 2) ... қамтамасыз етсін.``: ``_ordered_list``).

    >>> from types import SimpleNamespace
    >>> head = SentenceView(SimpleNamespace(lang="ru"), "Департаменту обеспечить:", [], [], [], [], [])
    >>> order = [Candidate(Cue(13, 23, "обеспечить"), "directive", "form", None)]
    >>> item = SentenceView(head.sent, "1) регистрацию;", [], [], [], [], [])
    >>> its = [Item(head, order, [], None, False, opener=1)] + [Item(item, [], [], "directive", True, opener=1)] * 2
    >>> [(k, j) for _, _, k, j in decisions(its, None, 0.5)]
    [('directive', False), ('directive', True), ('directive', False)]
    """
    opener, accepted, mark, n, cut = None, False, None, 0, False
    for item in items:
        if item.opener is not None and item.list_kind is None:  # the ordering intro
            got = decide(item, model, threshold)
            opener, accepted, mark, n, cut = item.opener, got is not None, None, 0, False
            if got is not None:
                yield item, got[0], got[1], False
            continue
        if accepted and item.opener == opener and item.list_kind is not None:
            m, was_cut, cut = marker(item.view.text), cut, False
            if was_cut and m is None:  # the rest of an item cut at a name's initial: "Ұзақов) ... ұсынсын."
                if _INITIAL_END.search(item.view.text):
                    cut = True  # cut again: "Сәтқалиев) ... департаментімен (Т."
                    continue
                n += 1
                yield item, 1.0, "directive", n == 1
                continue
            if m is not None and mark in (None, m) and not item.view.cell and _INITIAL_END.search(item.view.text):
                mark, cut = m, True  # "1) ... департаменті (Т." goes on in the next unit
                continue
            if m is not None and mark in (None, m) and order_part(item.view, item.view.sent.lang):
                mark, n = m, n + 1
                yield item, 1.0, "directive", n == 1
                continue
            accepted = False  # another marker, a table, a sub-list: the order's list has ended
        if item.opener != opener or item.list_kind is None:
            accepted = False  # the list has ended
        got = decide(item, model, threshold)
        if got is not None:
            yield item, got[0], got[1], False


def _extract(a: Analysis, *, model: Optional[Model], threshold: Optional[float]) -> list[Recommendation]:
    model = model if model is not None else load_model()
    thr = threshold if threshold is not None else (model.threshold if model is not None else 0.5)
    src = a.source.text
    out: list[Recommendation] = []
    counters: dict[str, int] = {}
    intro_rec: Optional[int] = None  # the index in ``out`` of the last ordering intro's record
    for item, score, kind, joined in decisions(sentence_items(a), model, thr):
        v, s = item.view, item.view.sent
        if joined:
            if intro_rec is not None and intro_rec == len(out) - 1:
                r = out[-1]
                end = _to_source(a, s, v.off, v.off + _rstrip(v.text, 0, len(v.text)))[1]
                if end > r.end and src[r.start:end] == src[r.start:end].strip():
                    out[-1] = replace(r, text=src[r.start:end], end=end)
                    continue
        intro_rec = None
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
        start, end = _to_source(a, s, v.off + x, v.off + y)
        if end <= start or not src[start:end].strip() or src[start:end] != src[start:end].strip():
            continue
        sel = [i for i, (p, q) in enumerate(v.spans) if p >= x and q <= y]
        topic = (topic_of([v.words[i] for i in sel], [v.lemmas[i] for i in sel], [v.upos[i] for i in sel], s.lang,
                          [v.feats[i] for i in sel]) if sel else None)
        n = counters.get(s.doc_id, 0) + 1
        counters[s.doc_id] = n
        out.append(Recommendation(f"{s.doc_id}:r{n}", s.doc_id, s.lang, src[start:end], cue, start, end,
                                  topic, round(score, 4), kind=kind, sent_id=s.sent_id))
        if item.opener is not None and item.list_kind is None:
            intro_rec = len(out) - 1
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
    return [(item.view.text, score, kind) for item, score, kind, joined in
            decisions(sentence_items(a, sentences=[s for s in a.sentences if s.lang == lang]), model, thr)
            if not joined]


def is_recommendation(a: Analysis, lang: str, *, model: Optional[Model] = None) -> tuple[bool, float]:
    """Whether ``a`` (every sentence in ``lang``) holds a recommendation: (found, best score)."""
    got = classify(a, lang, model=model)
    return bool(got), max((sc for _, sc, _ in got), default=0.0)
