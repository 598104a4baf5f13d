"""Tidy a Russian organisation span to what a name can be (``tidy_span``).

natasha learned news; official acts add tables, legal forms written out in full, dates heading
a row and the circumstances an act attaches to a body. Each rule here states where a Russian
name cannot be: across a table cell, over a date or a clause verb, in a legal form alone, at an
adjective whose noun is left outside, at a preposition, in a circumstance (``по согласованию``,
``при наличии``), in a document's noun alone, in a plural body noun (a class of bodies).
The words are those the language layer read (:class:`~pipeline.extract.org_ru_words.RuSentence`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional, Sequence

from pipeline.extract.org_kk import CLOSE_Q, OPEN_Q
from pipeline.extract.org_ru_words import (
    RuSentence, RuWord, lemma, ru_body_descriptors, ru_descriptors, ru_generic_heads, ru_lemma,
)
from pipeline.morph import readings
from pipeline.resources import load_map, load_set

_LATIN = re.compile(r"[A-Za-z]")
_CELL = "|"  # the separator derek writes between the cells of a table row
_QUOTES = frozenset(OPEN_Q + CLOSE_Q + '"')
_FORM_NOUNS = frozenset(("предприятие", "учреждение", "общество", "товарищество"))
# the issued acts whose noun alone is a document (a programme may name a body: Программа развития ООН)
_ISSUED = frozenset(("law", "code", "decree", "resolution"))


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    """Lemmas of the month names (``сентябрь``), from the genitives of ``ru/legal_months.txt``."""
    return frozenset(ru_lemma(w.lower()) for w in load_set("ru/legal_months.txt"))


@lru_cache(maxsize=1)
def _document_nouns() -> frozenset[str]:
    return frozenset(k for k, kind in load_map("ru/legal_heads.txt").items() if kind in _ISSUED) | \
        load_set("ru/org_document_kinds.txt")


@lru_cache(maxsize=1)
def _body_nouns() -> frozenset[str]:
    return ru_descriptors() | ru_generic_heads() | ru_body_descriptors() | load_set("ru/org_state_bodies.txt")


def _case(w: RuWord) -> Optional[str]:
    return next((f[5:] for f in w.feats.split("|") if f.startswith("Case=")), None)


def _word(w: RuWord) -> bool:
    return any(ch.isalnum() for ch in w.text)


def month_word(w: RuWord) -> bool:
    """``Сентябрь``, ``Сентябрь-октябрь``: a month or a run of months, a date that opens a row of
    a plan, not a word of a name."""
    parts = [p for p in w.text.lower().split("-") if p]
    return bool(parts) and all(ru_lemma(p) in _months() for p in parts)


def clause_verb(w: RuWord) -> bool:
    """A finite verb, an infinitive or a converb as the layer read it (``РЕШИЛ``): it makes a
    clause, and a name holds none (outside its quotes)."""
    return w.upos in ("VERB", "AUX") and any(f in w.feats for f in ("VerbForm=Fin", "VerbForm=Inf",
                                                                      "VerbForm=Conv"))


def operative_verb(w: RuWord) -> bool:
    """A finite verb in capitals (``РЕШИЛ``, ``ПОСТАНОВЛЯЕТ``): the operative word of an act, never
    a word of a name, even where a quote seems open (an act's nested titles often close both quotes
    with one mark: «О внесении изменений в постановление «О ставках акцизов»)."""
    return len(w.text) > 2 and w.text.isupper() and w.upos in ("VERB", "AUX") and "VerbForm=Fin" in w.feats


def cells(sent: RuSentence, s: int, e: int) -> list[tuple[int, int]]:
    """The span cut at the cell separators of a table row (``|``): a name never crosses a cell.
    Offsets of the words, in ``sent.text``."""
    out: list[tuple[int, int]] = []
    cur: list[RuWord] = []
    for t in [t for t in sent.tokens if s <= t.start and t.end <= e] + [None]:
        if t is None or t.text == _CELL:
            if cur:
                out.append((cur[0].start, cur[-1].end))
            cur = []
        else:
            cur.append(t)
    return out


def _next_word(sent: RuSentence, pos: int) -> Optional[RuWord]:
    return next((t for t in sent.tokens if t.start >= pos), None)


def _adjective_outside(sent: RuSentence, w: RuWord) -> bool:
    """``w`` is an adjective whose noun is not in the span: written in lower case
    (``Комитету по ценовой``), or followed by a word in its own case (``Эталонном | контрольном
    банке``); not a capitalised adjective standing for a name (``Худрук Большого``)."""
    if w.upos != "ADJ" or not any(ch.isalpha() for ch in w.text):
        return False
    if w.text.islower():
        return True
    nxt = _next_word(sent, w.end)
    return nxt is not None and nxt.upos in ("ADJ", "NOUN") and nxt.text.islower() and \
        _case(nxt) is not None and _case(nxt) == _case(w)


def _form_end(words: Sequence[RuWord]) -> int:
    """How many words at the start write a legal form in full (``Республиканское государственное
    предприятие``, with ``на праве хозяйственного ведения`` after it): an adjective of a form and
    a noun of a form at least; 0 if none."""
    forms = load_set("ru/org_form_words.txt")
    k = 0
    while k < len(words) and lemma(words[k]) in forms:
        k += 1
    if k < 2 or not any(lemma(w) in _FORM_NOUNS for w in words[:k]):
        return 0
    if k + 1 < len(words) and words[k].text.lower() == "на" and lemma(words[k + 1]) == "право":
        k += 2
        while k < len(words) and words[k].upos in ("ADJ", "NOUN") and words[k].text.islower():
            k += 1
    return k


def circumstance_after(words: Sequence[RuWord]) -> bool:
    """The words after ``при`` name a circumstance: their noun (after its adjectives) is
    inanimate and no body (``при наличии переплаты``, ``при формировании отчёта``), not a person
    or a body a body is attached to (``при главном архитекторе``, ``при министерстве``)."""
    noun = next((w for w in words if w.upos != "ADJ"), None)
    return noun is not None and noun.upos == "NOUN" and "Animacy=Anim" not in noun.feats and \
        lemma(noun) not in _body_nouns()


def _cut_circumstance(sent: RuSentence, toks: list[RuWord]) -> list[RuWord]:
    """The span up to a circumstance the act attaches: ``по`` + a noun of manner or occasion
    (``ru/org_not_remits.txt``: по согласованию, по представлению) or ``при`` + a circumstance in
    lower case (:func:`circumstance_after`: ``при наличии переплаты``; but ``комиссия при Акиме``,
    ``при министерстве``, ``при главном архитекторе``)."""
    not_remits = load_set("ru/org_not_remits.txt")
    for k, t in enumerate(toks[1:], 1):
        nxt = toks[k + 1] if k + 1 < len(toks) else _next_word(sent, t.end)
        if nxt is None:
            continue
        low = t.text.lower()
        if low == "по" and lemma(nxt) in not_remits:
            return toks[:k]
        if low == "при" and nxt.text.islower() and circumstance_after(toks[k + 1:] or [nxt]):
            return toks[:k]
    return toks


def _cut_object(toks: list[RuWord]) -> list[RuWord]:
    """The span up to a word in lower case right after the head noun (the first noun) that stands
    in the instrumental, the dative or the accusative with no preposition and can be read in no
    genitive (``юстиции``, ``внешней`` can, and stay): a name's head takes its
    dependents in the genitive (``Комитет | государственного имущества``) or after a preposition
    (``Комитет по управлению``); such a word belongs to the clause (``членами Комиссии | открытым
    голосованием``)."""
    k = next((i for i, t in enumerate(toks) if t.upos == "NOUN"), None)
    if k is None or k + 1 >= len(toks):
        return toks
    nxt = toks[k + 1]
    if nxt.upos in ("ADJ", "NOUN") and nxt.text.islower() and _case(nxt) in ("Ins", "Dat", "Acc") \
            and not any("gent" in r.grammemes for r in readings(nxt.text.lower())):
        return toks[:k + 1]
    return toks


def class_of_bodies(words: Sequence[RuWord]) -> bool:
    """The words name a class of bodies, no one body: their head (the first word not an adjective)
    is a body noun in the plural (``Министерствам``, ``городские отделы труда``: a form that can
    only be plural, or a plural adjective before it; ``управления`` may be one body's genitive),
    with no name of its own: not a singular adjective before it, each naming one body that shares the head
    (``Большого и Мариинского | театров``), nor a proper name, a foreign word or a quote after it
    (``компаний Oracle``, ``правительства России и Китая``: the bodies of named states; a proper
    name is written with a capital, ``Отделы аппарата акима области`` are a class)."""
    k = next((i for i, w in enumerate(words) if w.upos != "ADJ"), None)
    if k is None:
        return False
    head = words[k]
    if head.upos != "NOUN" or "Number=Plur" not in head.feats or lemma(head) not in _body_nouns() \
            or lemma(head) in load_set("ru/org_plural_bodies.txt"):
        return False  # власти России: one state's authorities
    if any("Number=Sing" in w.feats for w in words[:k]):
        return False
    if not any("Number=Plur" in w.feats for w in words[:k]) and \
            any("sing" in r.grammemes for r in readings(head.text.lower())):
        return False  # Ответственные: управления здравоохранения: a singular genitive too, one body
    return not any(w.upos == "X" or w.upos == "PROPN" and w.text[:1].isupper() or _LATIN.search(w.text)
                   or w.text in _QUOTES for w in words[k + 1:])


def quote_depth(sent: RuSentence, pos: int) -> int:
    """How many quotes are open at ``pos`` of the sentence (inside «Уральской стали» any words may stand)."""
    depth = 0
    for t in sent.tokens:
        if t.start >= pos:
            break
        if t.text in OPEN_Q:
            depth += 1
        elif t.text in CLOSE_Q:
            depth = max(0, depth - 1)
    return depth


def tidy_span(sent: RuSentence, s: int, e: int) -> list[tuple[int, int]]:
    """The parts of the span ``sent.text[s:e]`` that can be a name (none, one, or one per table
    cell), each with the rules of :func:`tidy_piece`."""
    out = []
    for a, b in cells(sent, s, e):
        x = tidy_piece(sent, a, b)
        if x is not None:
            out.append(x)
    return out


def tidy_piece(sent: RuSentence, s: int, e: int) -> Optional[tuple[int, int]]:
    """The part of one cell's span that can be a name, or None.

    Outside quotes: a month opens no name (``Сентябрь-октябрь Акимы районов``); a name ends at
    a circumstance (:func:`_cut_circumstance`) and does not end on a preposition, a conjunction,
    a clause verb or an adjective whose noun it left out (:func:`_adjective_outside`); a legal
    form written in full is no name alone (``Республиканское государственное предприятие``: its
    name follows in quotes); a document's noun alone (``Решения``) and a body noun in the
    plural (``Министерствам``, ``городские отделы труда``: a class of bodies) are none. A span with quotes is left as it is.
    """
    toks = [t for t in sent.tokens if s <= t.start and t.end <= e]
    if not toks:
        return s, e
    while toks and toks[-1].text in ":;," or toks and operative_verb(toks[-1]):
        toks = toks[:-1]  # Алматинский областной маслихат РЕШИЛ: wherever the quotes seem to stand
    if not toks:
        return None
    e = toks[-1].end
    if any(t.text in _QUOTES for t in toks) or quote_depth(sent, s) > 0:
        return s, e  # a quoted name and the form before it (Акционерное общество «...») stay as they are
    while toks and month_word(toks[0]):
        toks = toks[1:]
    toks = _cut_circumstance(sent, toks)
    toks = _cut_object(toks)
    while toks and (not _word(toks[-1]) and toks[-1].text != "." or toks[-1].upos in ("ADP", "CCONJ", "SCONJ")
                    or clause_verb(toks[-1]) or _adjective_outside(sent, toks[-1])):
        toks = toks[:-1]
    while toks and clause_verb(toks[0]):
        toks = toks[1:]
    words = [t for t in toks if _word(t)]
    if not words:
        return None
    if _form_end(words) == len(words):
        return None  # Республиканское государственное предприятие: the form, its name after it
    if len(words) == 1 and words[0].upos in ("NOUN", "PROPN") and lemma(words[0]) in _document_nouns():
        return None  # Решения (Акима): the document, not a body
    if class_of_bodies(words):
        return None  # Министерствам, областные управления образования: a class of bodies
    return toks[0].start, toks[-1].end
