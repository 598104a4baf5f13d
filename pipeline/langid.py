"""Language of a paragraph or sentence: kk, ru, en (or `other`).

Script cues decide first (``әғқңөұүһі`` occur in Kazakh, not in Russian; Latin
script means English here); lingua, restricted to the routed languages, decides
what the script leaves open, so that a three-word line is still routed.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.resources import load_list, load_set

ROUTED = ("kk", "ru", "en")


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.KAZAKH, Language.RUSSIAN, Language.ENGLISH).build()


_LINGUA_CODE = {"KAZAKH": "kk", "RUSSIAN": "ru", "ENGLISH": "en"}


# http://www.mpc-info.kz/kk/ , www.azjmo.kz , soglasie.vprave.kz , name@mail.ru: no language of their own
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]{1,64}@\S+|\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/\S*)?")


def script_counts(text: str) -> tuple[int, int, int]:
    """(Cyrillic letters, Kazakh-only letters, Latin letters) in ``text``, web addresses left out."""
    kk_letters = load_set("kk/letters.txt")
    if "." in text or "@" in text:
        text = _ADDRESS.sub(" ", text)
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


def detect_language(text: str, *, default: str | None = None) -> str:
    """ISO 639-1 code of ``text``'s language; ``other`` when it has no letters.

    >>> detect_language("Медиаторлар саны"), detect_language("Число медиаторов"), detect_language("the article")
    ('kk', 'ru', 'en')
    """
    cyr, kk, lat = script_counts(text)
    if cyr + lat == 0:
        return "other"
    if lat > cyr:
        if lat < 8 and default:
            return default  # a URL or an abbreviation in a Cyrillic text
        return "en"  # Latin script: the only Latin-script language derek routes
    share = kk / cyr
    if share >= 0.03:
        return "kk"
    if share == 0 and cyr < 15:
        return default or "ru"  # a short Cyrillic line without one Kazakh letter: the context decides
    if share == 0 and _russian_by_words(text):
        return "ru"  # no Kazakh letter and Russian function words: lingua would say the same
    return _lingua(text, ("kk", "ru")) or ("kk" if kk else "ru")


_WORD = re.compile(r"[^\W\d_]+")


def _russian_by_words(text: str) -> bool:
    """Two distinct Russian-only function words and no Kazakh closed-class word.

    >>> _russian_by_words("Число медиаторов в стране растёт с каждым годом"), _russian_by_words("Сатып алып жатырмыз")
    (True, False)
    """
    ru = load_set("ru/function_words.txt")
    kk = _kk_closed()
    hits = set()
    for w in _WORD.findall(text.lower()):
        if w in kk:
            return False
        if w in ru:
            hits.add(w)
    return len(hits) >= 2


@lru_cache(maxsize=1)
def _kk_closed() -> frozenset:
    """Surface forms of Kazakh closed-class words (``pipeline/data/kk/closed.txt``)."""
    forms = set()
    for line in load_list("kk/closed.txt"):
        cols = line.split("\t")
        forms.add(cols[0].lower())
        if len(cols) > 2:
            forms.update(f.lower() for f in cols[2].split())
    return frozenset(forms - load_set("ru/kk_homographs.txt"))


_LINGUA_MAX = 2000  # characters lingua sees: the head and the tail of a long paragraph


def _lingua(text: str, allowed: tuple[str, ...]) -> str | None:
    # lingua takes UTF-8 only: a lone surrogate (raw, uncleaned text) would raise
    text = text.encode("utf-8", "replace").decode("utf-8")
    if len(text) > _LINGUA_MAX:  # its time grows with the square of a word's length (160 k letters: 27 s)
        text = text[:_LINGUA_MAX // 2] + " " + text[-_LINGUA_MAX // 2:]
    values = _detector().compute_language_confidence_values(text)
    for v in values:
        code = _LINGUA_CODE.get(v.language.name)
        if code in allowed:
            return code
    return None
