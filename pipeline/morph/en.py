"""English: the rule tokenizer of pipeline.morph.tokenize (clitics apart), rule lemmas with an
irregular-forms list; UPOS from shape, suffixes and a closed-class list; the features the word's
form shows (a noun's number, a verb's -ing or -ed form). English in derek's input is abstracts
and keywords."""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from pipeline.morph.upos import shape_upos
from pipeline.resources import load_map


@lru_cache(maxsize=1)
def _irregular() -> dict[str, str]:
    return load_map("en/irregular.txt")


@lru_cache(maxsize=1)
def _closed() -> dict[str, str]:
    return load_map("en/closed_class.txt")


@lru_cache(maxsize=65536)
def lemmatize_word(word: str) -> str:
    """``countries`` → ``country``; ``analysed`` → ``analyse``; ``was`` → ``be``."""
    w = word.lower()
    irr = _irregular()
    if w in irr:
        return irr[w]
    if w in _closed() or len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        return w[:-1]
    if w.endswith("ied"):
        return w[:-3] + "y"
    if w.endswith("ed") and len(w) > 4:
        stem = w[:-2]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            return stem[:-1]
        if stem.endswith(("at", "iz", "is", "ys", "ur", "ov", "uc", "bl", "ag", "ut")):
            return stem + "e"
        return stem
    if w.endswith("ing") and len(w) > 5:
        stem = w[:-3]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            return stem[:-1]
        if stem.endswith(("at", "iz", "is", "ys", "ur", "ov", "uc", "bl", "ag")):
            return stem + "e"
        return stem
    return w


def _upos(word: str, i: int) -> str:
    shape = shape_upos(word)
    if shape:
        return shape
    w = word.lower()
    closed = _closed()
    if w in closed:
        return closed[w]
    if word[:1].isupper() and i > 0:
        return "PROPN"
    if w.endswith("ly"):
        return "ADV"
    if w.endswith(("ed", "ing", "ise", "ize")):
        return "VERB"
    if w.endswith(("al", "ous", "ive", "ic", "able", "ible", "ful", "less")):
        return "ADJ"
    return "NOUN"


def analyze(words: Sequence[str]) -> list[tuple[str, str]]:
    out = []
    for i, w in enumerate(words):
        upos = _upos(w, i)
        lemma = w if upos == "PROPN" else lemmatize_word(w) if upos not in ("PUNCT", "NUM", "SYM") else w
        out.append((lemma, upos))
    return out


def _feats(word: str, lemma: str, upos: str) -> str:
    """UD features the form itself shows: ``countries`` (NOUN) -> ``Number=Plur``, ``country`` ->
    ``Number=Sing``; ``developing`` (VERB) -> ``VerbForm=Ger``; "" for anything else (what needs
    syntax, as ``analysed``: a past tense or a participle, is left out)."""
    w = word.lower()
    if upos == "NOUN":
        return "Number=Plur" if w != lemma else "Number=Sing"
    if upos == "VERB" and w != lemma and w.endswith("ing"):
        return "VerbForm=Ger"
    return ""


def tag_many(sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, str, str]]]:
    """(lemma, upos, feats) for every word of many sentences."""
    return [[(lemma, upos, _feats(w, lemma, upos)) for w, (lemma, upos) in zip(s, analyze(s))] for s in sentences]
