"""One cached loader for derek's data files (`pipeline/data/<lang>/*.txt`).

Files hold one entry a line; `#` starts a comment; blank lines are skipped.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"


def _lines(name: str):
    with (DATA / name).open(encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].rstrip("\n").rstrip()
            if line.strip():
                yield line.strip() if "\t" not in line else line.lstrip(" ")


@lru_cache(maxsize=None)
def load_list(name: str) -> tuple[str, ...]:
    """Entries of a one-per-line data file, in order."""
    return tuple(_lines(name))


@lru_cache(maxsize=None)
def load_set(name: str) -> frozenset[str]:
    return frozenset(load_list(name))


@lru_cache(maxsize=None)
def load_keys(name: str) -> tuple[str, ...]:
    """The first (tab-separated) column of a data file, in order."""
    return tuple(line.split("\t", 1)[0].strip() for line in _lines(name))


@lru_cache(maxsize=None)
def load_map(name: str) -> dict[str, str]:
    """A two-column (tab-separated) data file as a dict."""
    out: dict[str, str] = {}
    for line in _lines(name):
        key, _, value = line.partition("\t")
        out[key.strip()] = value.strip()
    return out
