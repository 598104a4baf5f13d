"""Word tokenizer for kk, ru and en text, on the normalised view.

Kazakh and Russian keep together what a reader sees as one word:
``ҚХА-ның``, ``3000-ға``, ``50%-ы``, ``70-80%-ды``, ``30 057``, ``[1]``, ``т.б.``, ``ж.``,
URLs and e-mail addresses, hyphenated compounds (``іс-шара``).

:func:`plain_tokens` is the second, plainer scheme: runs of word characters joined by inner
hyphens, apostrophes and dots, every other character alone. The organisation taggers
(``pipeline.extract.kk_ner``, ``ru_ner``) were trained on it; it stays until they are
trained on :func:`tokenize`'s tokens.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.resources import load_keys, load_list

_L = r"[^\W\d_]"  # a letter
_RULES = [
    # http://www.mpc-info.kz/kk/ , www.azjmo.kz , name@mail.kz
    r"(?:https?://|www\.)[^\s«»\"<>]+[^\s«»\"<>.,;:!?)\]]",
    r"[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+",  # {1,64}: unbounded, "а.а.а.…" (no @) was quadratic
    # [1] , [2, 3] , [4–6]
    r"\[\d+(?:\s*[,–-]\s*\d+)*\]",
    # 30 057 , 1 700 000 (groups of three after a space / thin space)
    r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?(?![\d])(?:%)?(?:-" + _L + r"+)?",
    # 70-80%-ды , 3000-ға , 12,5 , 1.5 , 50%-ы , 2014–2018
    r"\d+(?:[.,]\d+)*(?:\s?[-–]\s?\d+(?:[.,]\d+)*)?%?(?:-" + _L + r"+)?",
    # ҚХА-ның , БАҚ-ы , COVID-19
    r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,}(?:-" + _L + r"+|-\d+)",
    # words with inner hyphens and apostrophes: іс-шара, кез-келген, O'Brien
    _L + r"[\w]*(?:[-'’]" + _L + r"[\w]*)*",
    r"\S",
]


# English clitics stand apart, as in the Penn Treebank and UD English: does|n't ,
# Kazakhstan|’s , they|'re ; O'Brien, rock'n'roll and U.S. stay whole
_EN_CLITIC = r"['’](?:s|re|ve|ll|d|m|t)\b"
_EN_RULES = [
    r"(?:[A-Z]\.){2,}",                                  # U.S. , U.K.
    _L + r"+?(?=n['’]t\b)",                              # does (of doesn't)
    r"(?<=" + _L + r")n['’]t\b",                          # n't
    r"(?<=" + _L + r")" + _EN_CLITIC,                     # ’s , 're
    _L + r"[\w]*(?:-" + _L + r"[\w]*|['’](?!(?:s|re|ve|ll|d|m|t)\b)" + _L + r"[\w]*)*",  # O'Brien
]


@lru_cache(maxsize=None)
def _pattern(lang: str) -> re.Pattern:
    abbrs = sorted(load_keys(f"{lang}/abbreviations.txt") if lang in ("kk", "ru", "en") else (), key=len, reverse=True)
    abbr = "|".join(re.escape(a) for a in abbrs)
    rules = list(_RULES)
    if lang == "en":
        # before the general word rule (which keeps O'Brien whole)
        k = len(rules) - 2
        rules[k:k] = _EN_RULES
    if abbr:
        # т.б. , ж. , тыс.  (only where the abbreviation starts a word)
        rules.insert(3, r"(?<!\w)(?:" + abbr + r")(?!\w)")
    return re.compile("|".join(f"(?:{r})" for r in rules))


def tokenize(text: str, lang: str = "kk") -> list[tuple[int, int]]:
    """Token spans ``(start, end)`` of ``text``, by the rules of ``lang`` (one regular
    expression per language: kk, ru, en and any other code).

    >>> s = "ҚХА-ның 3000-ға жуық, 30 057 өтініш [2] т.б."
    >>> [s[a:b] for a, b in tokenize(s)]
    ['ҚХА-ның', '3000-ға', 'жуық', ',', '30 057', 'өтініш', '[2]', 'т.б.']
    >>> s = "It doesn't work"
    >>> [s[a:b] for a, b in tokenize(s, "en")]
    ['It', 'does', "n't", 'work']
    """
    if len(text) > _REMEMBERED_LEN:
        return [m.span() for m in _pattern(lang).finditer(text)]
    return list(_spans(text, lang))


# a sentence is split by the token stage, then again by the extractors that read its words
# (numbers, numbered acts): the spans of the last few thousand sentence-long texts are remembered
_REMEMBERED_LEN = 2000


@lru_cache(maxsize=4096)
def _spans(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _pattern(lang).finditer(text))


# a run of word characters with inner hyphens, apostrophes or dots (ҚХА-ның, Д.С, O'Brien),
# a per cent sign and one more hyphenated ending (50%-ы); or one other non-space character
PLAIN = re.compile(r"\w+(?:[-‐'’.]\w+)*%?(?:-\w+)?|[^\w\s]", re.UNICODE)


def plain_tokens(text: str) -> list[tuple[int, int]]:
    """Token spans ``(start, end)`` of the plain scheme (the same for every language).

    >>> s = "ҚХА-ның «Медиация» 50%-ы, 30 057 т.б."
    >>> [s[a:b] for a, b in plain_tokens(s)]
    ['ҚХА-ның', '«', 'Медиация', '»', '50%-ы', ',', '30', '057', 'т.б', '.']
    """
    return [m.span() for m in PLAIN.finditer(text)]
