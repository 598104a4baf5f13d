"""Language of a paragraph or sentence: kk, ru, en (or `other`).

Script cues decide first (``әғқңөұүһі`` occur in Kazakh, not in Russian; Latin
script means English here); lingua, restricted to the routed languages, decides
what the script leaves open, so that a three-word line is still routed.
"""
from __future__ import annotations

from functools import lru_cache

from pipeline.resources import load_set

ROUTED = ("kk", "ru", "en")


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.KAZAKH, Language.RUSSIAN, Language.ENGLISH).build()


_LINGUA_CODE = {"KAZAKH": "kk", "RUSSIAN": "ru", "ENGLISH": "en"}


def script_counts(text: str) -> tuple[int, int, int]:
    """(Cyrillic letters, Kazakh-only letters, Latin letters) in ``text``."""
    kk_letters = load_set("kk/letters.txt")
    cyr = kk = lat = 0
    for c in text:
        if not c.isalpha():
            continue
        if "\u0400" <= c <= "\u04ff":
            cyr += 1
            if c in kk_letters:
                kk += 1
        elif c.isascii():
            lat += 1
    return cyr, kk, lat


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language; ``other`` when it has no letters.

    >>> detect_language("Медиаторлар саны"), detect_language("Число медиаторов"), detect_language("the article")
    ('kk', 'ru', 'en')
    """
    cyr, kk, lat = script_counts(text)
    if cyr + lat == 0:
        return "other"
    if lat > cyr:
        return "en"  # Latin script: the only Latin-script language derek routes
    share = kk / cyr
    if share >= 0.03:
        return "kk"
    if share == 0 and cyr < 15:
        return "ru"  # a short Cyrillic line without one Kazakh letter
    return _lingua(text, ("kk", "ru")) or ("kk" if kk else "ru")


def _lingua(text: str, allowed: tuple[str, ...]) -> str | None:
    values = _detector().compute_language_confidence_values(text)
    for v in values:
        code = _LINGUA_CODE.get(v.language.name)
        if code in allowed:
            return code
    return None
