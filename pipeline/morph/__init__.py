"""Tokens, lemmas and UPOS per language: a dict of backends keyed by language code.

Each backend module exposes ``analyze(words: Sequence[str]) -> list[tuple[str, str]]``
returning ``(lemma, upos)`` for every word of one sentence, in context.
"""
from __future__ import annotations

import importlib
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


def analyze(words: Sequence[str], lang: str) -> list[tuple[str, str]]:
    """(lemma, upos) for each word of one sentence in language ``lang``."""
    if not words:
        return []
    return backend(lang).analyze(list(words))


def analyze_many(sentences: Sequence[Sequence[str]], lang: str) -> list[list[tuple[str, str]]]:
    """(lemma, upos) for many sentences at once; batched where the backend can."""
    mod = backend(lang)
    many = getattr(mod, "analyze_many", None)
    if many is not None:
        return many([list(s) for s in sentences])
    return [mod.analyze(list(s)) if s else [] for s in sentences]
