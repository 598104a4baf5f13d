"""derek: facts from Kazakh and Russian political-science articles.

>>> from pipeline import process
>>> a = process("Мәселен, 2014 жылы 90 ұйым болды.")
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["process", "load", "__version__"]


def __getattr__(name: str):
    # keep `import pipeline` cheap: heavy modules load on first use
    if name == "process":
        from pipeline.analyze import process

        return process
    if name == "load":
        from pipeline.dataset import load

        return load
    raise AttributeError(name)
