"""Pass-through analyser for languages derek does not route (lemma = lower-cased form)."""
from __future__ import annotations

from typing import Sequence

from pipeline.morph.upos import guess_upos


def analyze(words: Sequence[str]) -> list[tuple[str, str]]:
    return [(w.lower(), guess_upos(w)) for w in words]
