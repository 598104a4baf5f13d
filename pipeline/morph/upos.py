"""Shape-based UPOS for tokens any language shares: punctuation, numbers, symbols."""
from __future__ import annotations

import re
import unicodedata

_NUM = re.compile(r"^[+-]?\d[\d\s.,\u00a0\u202f]*(%|-\w+|%-\w+)?$")


def shape_upos(word: str) -> str | None:
    """'PUNCT', 'NUM', 'SYM' when the shape alone decides, else None.

    >>> shape_upos("30 057"), shape_upos("«"), shape_upos("слово")
    ('NUM', 'PUNCT', None)
    """
    if not word:
        return None
    if all(unicodedata.category(c).startswith("P") for c in word):
        return "PUNCT"
    if _NUM.match(word):
        return "NUM"
    if all(unicodedata.category(c).startswith("S") for c in word):
        return "SYM"
    return None


def guess_upos(word: str) -> str:
    return shape_upos(word) or ("PROPN" if word[:1].isupper() else "X")
