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


# <td colspan="2">, </td>, &quot;, &#39;: markup of HTML / Markdown sources, no language of its own
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")


def script_counts(text: str) -> tuple[int, int, int]:
    """(Cyrillic letters, Kazakh-only letters, Latin letters) in ``text``, web addresses and markup left out.

    >>> script_counts('<td colspan="2">Итого</td>')
    (5, 0, 0)
    """
    kk_letters = load_set("kk/letters.txt")
    if "<" in text or "&" in text:
        text = _MARKUP.sub(" ", text)
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

    Remembered for the last texts asked about: segmentation asks about a sentence when it
    splits its paragraph into runs of one language, and again when it gives the sentence its
    language.
    """
    return _detect_remembered(text, default)


@lru_cache(maxsize=4096)
def _detect_remembered(text: str, default: str | None) -> str:
    return _detect(text, default)


def _detect(text: str, default: str | None) -> str:
    cyr, kk, lat = script_counts(text)
    if cyr + lat == 0:
        return "other"
    if lat > cyr:
        if lat < 8 and default:
            return default  # a URL or an abbreviation in a Cyrillic text
        return "en"  # Latin script: the only Latin-script language derek routes
    share = kk / cyr
    if kk and _russian_but_one_name(text):
        return "ru"  # в системе «Әділет», Б. Әбдірайым: one Kazakh name does not make a Russian sentence Kazakh
    if share >= 0.03:
        return "kk"
    if share == 0 and cyr < 15:
        return default or "ru"  # a short Cyrillic line without one Kazakh letter: the context decides
    if share == 0 and _russian_by_words(text):
        return "ru"  # no Kazakh letter and Russian function words: lingua would say the same
    return _lingua(text, ("kk", "ru")) or ("kk" if kk else "ru")


_WORD = re.compile(r"[^\W\d_]+")
# a word with its hyphenated parts (Қасым-Жомарт), and a quoted stretch (a name in quotes is one unit)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_QUOTED = re.compile(r"«[^«»]{1,80}»|\"[^\"]{1,80}\"|“[^“”]{1,80}”|„[^„“”]{1,80}[“”]|&quot;.{1,80}?&quot;")


def name_units(text: str) -> list[tuple[int, int]]:
    """Spans of the units a language decision weighs: a quoted stretch, a run of capitalised words
    (a name), or any other single word.

    >>> t = "Приказ в системе «Әділет» подписал Қасым-Жомарт Тоқаев."
    >>> [t[a:b] for a, b in name_units(t)]
    ['Приказ', 'в', 'системе', '«Әділет»', 'подписал', 'Қасым-Жомарт Тоқаев']
    """
    units: list[list[int]] = []
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    qi = 0
    prev_cap = False
    for m in _NAME_WORD.finditer(text):
        a, b = m.span()
        while qi < len(quoted) and quoted[qi][1] <= a:
            qi += 1
        if qi < len(quoted) and quoted[qi][0] <= a:  # inside quotes: the quoted stretch is one unit
            q = quoted[qi]
            if not units or units[-1] != [q[0], q[1]]:
                units.append([q[0], q[1]])
            prev_cap = False
            continue
        cap = m.group()[0].isupper()
        gap = text[units[-1][1]:a] if units else ""
        if cap and prev_cap and units and gap.strip() in ("", "."):
            units[-1][1] = b  # Қасым-Жомарт Тоқаев, Б. Әбдірайым: one name
        else:
            units.append([a, b])
        prev_cap = cap
    return [(a, b) for a, b in units]


def _is_name(unit: str) -> bool:
    """A unit that names: it starts with a capital letter or a quote (``Тоқаев``, ``«Әділет»``)."""
    return unit[:1].isupper() or unit[:1] in "«\"“„&"


def _russian_but_one_name(text: str) -> bool:
    """The Kazakh-only letters all stand in one unit (a name, a quoted title, one word with a stray
    letter) or in names only, and the rest of the text reads Russian: the text is Russian.

    A Russian official text names Kazakh bodies and people in their Kazakh spelling, and scanned
    Russian text has stray Kazakh letters (``следуюіцие``); neither makes the sentence Kazakh.

    >>> _russian_but_one_name("направление на опубликование в информационно-правовой системе «Әділет»")
    True
    >>> _russian_but_one_name("Бұл жүйе «Әділет» деп аталады")
    False
    """
    kk_letters = load_set("kk/letters.txt")
    units = name_units(text)
    with_kk = [u for u in units if any(c in kk_letters for c in text[u[0]:u[1]])]
    # names only (capitalised or quoted: Тоқаев и Әбдірайым, «Әділет»), or one word with one stray letter
    # of a scan (следуюіцие); a lowercase Kazakh word (В общем, құлап жатыр) is Kazakh text
    stray = len(with_kk) == 1 and sum(c in kk_letters for c in text[with_kk[0][0]:with_kk[0][1]]) == 1
    if not with_kk or not (stray or all(_is_name(text[a:b]) for a, b in with_kk)):
        return False
    rest, k = [], 0
    for a, b in with_kk:
        rest.append(text[k:a])
        k = b
    rest = " ".join(rest + [text[k:]])
    cyr, kk, _ = script_counts(rest)
    if kk or cyr < 8:
        return False
    if _russian_by_words(rest):
        return True
    # otherwise a clause, not a list of names (Чайковский, Шопен, Равельдердің романстары), that lingua reads as Russian
    lower = [w for w in _WORD.findall(rest) if w[0].islower()]
    return cyr >= 10 and len(lower) >= 2 and _lingua(rest, ("kk", "ru")) == "ru"


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
