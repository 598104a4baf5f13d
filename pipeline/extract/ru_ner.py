"""A Russian organisation tagger (linear-chain CRF) on top of natasha's news NER.

Trained by ``bench/train_ru_org.py`` on the factRuEval-2016 devset (MIT) with
python-crfsuite; the weights are exported to ``models/ru_org_crf.{json,npz}`` (the format
of :mod:`pipeline.extract.kk_ner`) and decoded with the same numpy Viterbi, one pass per
Russian sentence.

Features per word: the word, the lemma of its likeliest reading (``pipeline.morph.readings``), part of speech and case, shape, prefixes
and suffixes, natasha's NER tag for the word, the tag of the completed rule spans of
:func:`pipeline.extract.organisations.complete_ru_spans`, flags from the descriptor and
gazetteer lists in ``pipeline/data/ru/``, quote state, and a ±2-word window. The CRF decides
which spans are organisation mentions (``правительство``, ``сборной России``, ``компании
Microsoft``); the rules and natasha are its evidence.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

from pipeline.extract import kk_ner
from pipeline.morph import readings
from pipeline.resources import MODELS, load_set

MODEL_STEM = "ru_org_crf"
tokenize = kk_ner.tokenize
shape = kk_ner.shape
_OPEN = "«“„"
_CLOSE = "»”"

_override: Optional[str] = None
# Off by default: in held-out-fold figures the CRF does not beat natasha + the completion
# rules on factRuEval (F1 0.747 both) and is slightly below them on NEREL dev (see
# models/ru_org.md), so extract_organisations uses it only after enable().
_enabled = False


def enable(flag: bool = True) -> None:
    """Let :func:`load_tagger` return the shipped model (``models/ru_org_crf.*``)."""
    global _enabled
    _enabled = flag


def use_model(path_stem: Optional[str]) -> None:
    """Tag with the model at ``path_stem`` from now on (``None``: back to the default); used
    by ``bench/org_eval.py --cv`` to tag each document with the model of its held-out fold."""
    global _override
    _override = path_stem


def load_tagger(path_stem: Optional[str] = None):
    """The CRF (a :class:`kk_ner.KkTagger`), loaded once per path: ``path_stem``, else the
    model set by :func:`use_model`, else the shipped one if :func:`enable` was called;
    ``None`` when none applies or the files are absent."""
    stem = path_stem or _override or (str(MODELS / MODEL_STEM) if _enabled else None)
    return kk_ner.load_tagger(stem) if stem else None


_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen1", "gen2", "acc2", "loc1",
                    "loc2"})
_NUMBERS = frozenset({"sing", "plur"})


@lru_cache(maxsize=131072)
def _analyse(word: str) -> tuple[str, str, str, str]:
    """(lemma, POS, case, number) of the likeliest out-of-context reading (the language
    layer's :func:`pipeline.morph.readings`); Latin and digits as is."""
    low = word.lower()
    if not re.search(r"[а-яё]", low):
        return low, "", "", ""
    rs = readings(low)
    if not rs:
        return low, "", "", ""
    r = rs[0]
    return (r.lemma.replace("ё", "е"), r.pos, next(iter(r.grammemes & _CASES), ""),
            next(iter(r.grammemes & _NUMBERS), ""))


@lru_cache(maxsize=None)
def _lists() -> dict[str, frozenset[str]]:
    return {
        "desc": load_set("ru/org_descriptors.txt"),
        "ndesc": load_set("ru/org_not_descriptors.txt"),
        "ghead": load_set("ru/org_generic_heads.txt"),
        "gaz": load_set("ru/org_gazetteer.txt"),
        "place": load_set("ru/org_abbr_places.txt"),
        "not": frozenset(w.lower() for w in load_set("ru/org_not.txt")),
    }


def span_tags(tokens: Sequence[tuple[int, int, str]], spans) -> list[str]:
    """``B-T``/``I-T``/``O`` per token from character spans ``(start, end, type)``."""
    tags = ["O"] * len(tokens)
    for s, e, t in spans:
        first = True
        for k, (ts, te, _) in enumerate(tokens):
            if ts >= s and te <= e:
                tags[k] = ("B-" if first else "I-") + t
                first = False
    return tags


def _token_features(word: str) -> dict[str, float]:
    low = word.lower()
    lem, pos, case, num = _analyse(word)
    L = _lists()
    f = {
        "w=" + low: 1.0,
        "lem=" + lem: 1.0,
        "sh=" + shape(word): 1.0,
        "s2=" + low[-2:]: 1.0,
        "s3=" + low[-3:]: 1.0,
        "s4=" + low[-4:]: 1.0,
        "p3=" + low[:3]: 1.0,
        "pos=" + pos: 1.0,
        "case=" + case: 1.0,
        "pc=" + pos + case: 1.0,
    }
    if num:
        f["num=" + num] = 1.0
    f.update(kk_ner.shape_flags(word))
    for name in ("desc", "ndesc", "ghead", "gaz"):
        if lem in L[name]:
            f[name] = 1.0
    if word in L["place"]:
        f["place"] = 1.0
    if low in L["not"]:
        f["notorg"] = 1.0
    return f


def sentence_features(words: Sequence[str], ner: Sequence[str], rule: Sequence[str]
                      ) -> list[dict[str, float]]:
    """CRF features of one sentence: ``words``, natasha's BIO tags ``ner`` and the BIO tags
    ``rule`` of the completed organisation spans, one per word."""
    n = len(words)
    base = [_token_features(w) for w in words]
    lems = [_analyse(w)[0] for w in words]
    inside, depth = [], 0
    for w in words:
        if w in _OPEN:
            depth += 1
        inside.append(depth > 0)
        if w in _CLOSE and depth:
            depth -= 1
    out = []
    for i in range(n):
        f = {"bias": 1.0}
        f.update(base[i])
        f["ner=" + ner[i]] = 1.0
        f["nert=" + ner[i][2:]] = 1.0
        f["rule=" + rule[i]] = 1.0
        f["nr=" + ner[i] + "|" + rule[i]] = 1.0
        if inside[i]:
            f["inq"] = 1.0
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                w = words[j]
                f[f"{off}:w={w.lower()}"] = 1.0
                f[f"{off}:lem={lems[j]}"] = 1.0
                f[f"{off}:sh={shape(w)}"] = 1.0
                f[f"{off}:ner={ner[j]}"] = 1.0
                if abs(off) == 1:
                    f[f"{off}:rule={rule[j]}"] = 1.0
                    f[f"{off}:pc=" + _analyse(w)[1] + _analyse(w)[2]] = 1.0
                    for name in ("desc", "ghead", "ndesc", "gaz", "place"):
                        if name in base[j]:
                            f[f"{off}:{name}"] = 1.0
                    if "title" in base[j]:
                        f[f"{off}:title"] = 1.0
            else:
                f[f"{off}:{'BOS' if j < 0 else 'EOS'}"] = 1.0
        if i > 0:
            f["bl=" + lems[i - 1] + "|" + lems[i]] = 1.0
        if i + 1 < n:
            f["br=" + lems[i] + "|" + lems[i + 1]] = 1.0
        out.append(f)
    return out


def gazetteer_key(words: Sequence[str]) -> str:
    """The key a name is listed under: the lemmas of its words (case forms agree)."""
    return " ".join(_analyse(w)[0] for w in words)


def gazetteer_features(words: Sequence[str], gazetteer) -> list[dict[str, float]]:
    """``gaz=B-TYPE``/``gaz=I-TYPE`` where the longest listed name (up to 8 words, matched by
    lemmas) covers a word; ``gazetteer`` maps a :func:`gazetteer_key` to the type it was
    labelled with most in the training data (Org, Person, Location, LocOrg, ...)."""
    n = len(words)
    out: list[dict[str, float]] = [{} for _ in range(n)]
    if not gazetteer:
        return out
    marks = kk_ner.longest_marks([_analyse(w)[0] for w in words], gazetteer, max_words=8)
    for i, m in enumerate(marks):
        if m:
            out[i]["gaz=" + m] = 1.0
            out[i]["gaz=" + m[2:]] = 1.0
        for off in (-1, 1):
            if 0 <= i + off < n and marks[i + off]:
                out[i][f"{off}:gaz=" + marks[i + off]] = 1.0
    return out


def features_for(text: str, ner_spans, rule_spans, gazetteer=None):
    """(tokens, features) of one sentence ``text`` with natasha spans ``(s, e, type)``,
    rule spans ``(s, e)`` and the tagger's gazetteer."""
    tokens = tokenize(text)
    ner = span_tags(tokens, ner_spans)
    rule = span_tags(tokens, [(s, e, "R") for s, e in rule_spans])
    words = [w for _, _, w in tokens]
    feats = sentence_features(words, ner, rule)
    for f, g in zip(feats, gazetteer_features(words, gazetteer)):
        f.update(g)
    return tokens, feats


def org_spans(text: str, ner_spans, rule_spans, tagger) -> list[tuple[int, int]]:
    """Organisation spans (character offsets in ``text``) the CRF finds in one sentence."""
    tokens, feats = features_for(text, ner_spans, rule_spans, tagger.gazetteer)
    if not tokens:
        return []
    labels = tagger.tag_features(feats)
    return [(tokens[i][0], tokens[j - 1][1]) for t, i, j in kk_ner.spans(labels) if t == "ORG"]
