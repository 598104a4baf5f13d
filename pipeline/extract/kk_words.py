"""Kazakh words for the organisation rules and tagger: a tokenizer that keeps ``ҚХА-ның`` and
``50%-ы`` whole, stems with case, plural and possessive endings stripped
(``pipeline/data/kk/suffixes.tsv`` through :func:`pipeline.morph.kk.endings`), word shapes, and the organisation head nouns
and legal forms (``pipeline/data/kk/org_heads.txt``, ``org_legal_forms.txt``).

The lowest layer of the Kazakh organisation code: :mod:`pipeline.extract.org_kk` (rules) and
:mod:`pipeline.extract.kk_ner` (tagger) both read it; it reads neither.
"""
from __future__ import annotations

from functools import lru_cache

from pipeline.morph.kk import endings
from pipeline.morph.tokenize import PLAIN, plain_tokens
from pipeline.resources import load_set

_WORD = PLAIN  # the plain scheme of the layer's tokenizer (part of kk_ner's interface)
_QUOTES_OPEN = "«“„\""
_QUOTES_CLOSE = "»”\""


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Words and punctuation with their offsets in ``text`` (the plain scheme of
    :func:`pipeline.morph.tokenize.plain_tokens`).

    >>> [w for _, _, w in tokenize('ҚХА-ның «Медиация» 50%-ы.')]
    ['ҚХА-ның', '«', 'Медиация', '»', '50%-ы', '.']
    """
    return list(_tokens(text))


@lru_cache(maxsize=2048)
def _tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    # the rules, the tagger's features and the legal acts each ask about the same sentence
    return tuple((a, b, text[a:b]) for a, b in plain_tokens(text))


@lru_cache(maxsize=None)
def _suffixes() -> tuple[str, ...]:
    return endings("PL", "P3", "GEN", "ACC", "DAT", "LOC", "ABL", "INS", "LREL")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Strip case, plural and possessive endings (at most three), keeping >= 3 letters.

    >>> stem('орталығының'), stem('Ассамблеясы'), stem('Үкіметтің'), stem('халықтар')
    ('орталығ', 'ассамблея', 'үкімет', 'халық')
    """
    w = word.lower()
    if "-" in w:  # ҚХА-ның, Twitter-дегі: the ending follows the hyphen
        head, _, tail = w.rpartition("-")
        if head and tail in _suffixes():
            return head
    for _ in range(3):
        for suf in _suffixes():
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                w = w[: -len(suf)]
                break
        else:
            break
    return w


@lru_cache(maxsize=65536)
def shape(word: str) -> str:
    """Collapsed character classes: ``Ассамблея`` → ``Xx``, ``ҚХА`` → ``X``, ``2050`` → ``d``."""
    out = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


@lru_cache(maxsize=None)
def _heads() -> frozenset[str]:
    return load_set("kk/org_heads.txt")


@lru_cache(maxsize=None)
def _legal_forms() -> frozenset[str]:
    return load_set("kk/org_legal_forms.txt")


@lru_cache(maxsize=65536)
def stems(word: str) -> tuple[str, ...]:
    """The word and every stem on the way to :func:`stem`, with ғ/г → қ/к restored.

    >>> stems('одағының')
    ('одағының', 'одағы', 'одағ', 'одақ')
    """
    w = word.lower()
    out = [w]
    for _ in range(3):
        for suf in _suffixes():
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                w = w[: -len(suf)]
                out.append(w)
                break
        else:
            break
    if w[-1:] in ("ғ", "г"):
        out.append(w[:-1] + {"ғ": "қ", "г": "к"}[w[-1]])
    # a possessive after a consonant is one vowel: кодексі → кодекс (not кодек)
    for s in list(out):
        if s[-1:] in ("ы", "і") and len(s) > 4:
            b = s[:-1]
            out.append(b)
            if b[-1:] in ("ғ", "г"):
                out.append(b[:-1] + {"ғ": "қ", "г": "к"}[b[-1]])
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=65536)
def is_head(word: str) -> bool:
    """``орталығының`` → True: one of its stems is an org head noun (``орталық``); remembered per
    form (the organisation tagger asks about every word and its neighbours)."""
    heads = _heads()
    return any(s in heads for s in stems(word))
