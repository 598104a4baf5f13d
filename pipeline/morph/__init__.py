"""Tokens, lemmas and UPOS per language: a dict of backends keyed by language code.

Each backend module exposes ``analyze(words: Sequence[str]) -> list[tuple[str, str]]``
returning ``(lemma, upos)`` for every word of one sentence, in context.
"""
from __future__ import annotations

import importlib
from collections import OrderedDict
from functools import lru_cache
from typing import Sequence

BACKENDS = {"kk": "pipeline.morph.kk", "ru": "pipeline.morph.ru", "en": "pipeline.morph.en"}


@lru_cache(maxsize=None)
def backend(lang: str):
    """The analyser module for ``lang``; unknown languages fall back to a pass-through."""
    name = BACKENDS.get(lang)
    if name is None:
        return importlib.import_module("pipeline.morph.other")
    return importlib.import_module(name)


# The stages ask about the same sentence more than once (tokens, then extractors that
# re-tokenize it): the last sentences' analyses are kept, so a tagger runs once per sentence.
_RECENT: "OrderedDict[tuple, list[tuple[str, str]]]" = OrderedDict()
_RECENT_MAX = 4096


def _remember(key: tuple, value: list[tuple[str, str]]) -> None:
    _RECENT[key] = value
    if len(_RECENT) > _RECENT_MAX:
        _RECENT.popitem(last=False)


def analyze(words: Sequence[str], lang: str) -> list[tuple[str, str]]:
    """(lemma, upos) for each word of one sentence in language ``lang``."""
    if not words:
        return []
    key = (lang, tuple(words))
    hit = _RECENT.get(key)
    if hit is None:
        hit = backend(lang).analyze(list(words))
        _remember(key, hit)
    return list(hit)


def analyze_many(sentences: Sequence[Sequence[str]], lang: str) -> list[list[tuple[str, str]]]:
    """(lemma, upos) for many sentences at once; batched where the backend can."""
    mod = backend(lang)
    many = getattr(mod, "analyze_many", None)
    if many is not None:
        out = many([list(s) for s in sentences])
    else:
        out = [mod.analyze(list(s)) if s else [] for s in sentences]
    for s, res in zip(sentences, out):
        if s:
            _remember((lang, tuple(s)), res)
    return out
