"""What a table's header and caption say about its cells: unit, scale, year, what is counted.

`Құны теңге есебімен` → money KZT; `екпе көшет (мың дана)` → ×1000; `Жұмыс көлемі / 1999 ж.
/ алаң (га)` → year 1999, unit other, measured алаң. Used by ``pipeline.extract.tables``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from pipeline.extract.numbers import multiplier_of, unit_of
from pipeline.extract.numeric_lex import COUNT_HEADS, Word, lemma_of
from pipeline.morph import analyze, analyze_phrase
from pipeline.resources import load_set


def year_of(s: Optional[str]) -> Optional[int]:
    if s and re.fullmatch(r"\s*(?:19|20)\d\d\s*(?:ж\.?|г\.?|жыл|год)?\s*", s):
        return int(re.search(r"\d{4}", s).group())
    return None


@lru_cache(maxsize=4096)
def unit_of_header(h: str, lang: str) -> Optional[tuple[str, Optional[str]]]:
    """The unit a header or caption names for its cells: `Құны теңге есебімен` → money KZT,
    `Стоимость в $ США` → money USD, `Үлесі, %` → percent; None when it names none."""
    for w in re.findall(r"[^\s,;:()/.]+", h):
        u = unit_of(w, lang)
        if u is not None and u.unit in ("money", "percent", "other"):
            return u.unit, u.currency  # `алаң (га)` → other
    return None


@lru_cache(maxsize=4096)
def names_a_place(h: Optional[str], lang: str) -> bool:
    """A column header that is a proper name (`Алматы`, `АҚШ`), as the analyser tags it."""
    words = (h or "").split()
    if not words or not words[0][:1].isupper():
        return False


    try:
        return analyze(words[:1], lang)[0][1] == "PROPN"
    except Exception:
        return False


@lru_cache(maxsize=None)
def _kk_header_stops() -> frozenset[str]:
    try:
        return load_set("kk/numeric_stops.txt")
    except OSError:
        return frozenset()


def _names_unit(word: str, lang: str) -> bool:
    u = unit_of(word, lang)
    return u is not None and u.unit in ("money", "percent") or multiplier_of(word, lang) > 1


def _scale_units(lang: str) -> frozenset[str]:
    """What a scale counts (`мың адам`, `тыс. шт.`): kk/ru/numeric_scale_units.txt, both languages."""
    return frozenset().union(*(load_set(f"{lg}/numeric_scale_units.txt") for lg in ("kk", "ru")))


@lru_cache(maxsize=4096)
def scale_of_header(h: str, lang: str) -> float:
    """The multiplier a header or caption puts on its cells: `екпе көшет (мың дана)` → 1000,
    `(тыс. шт.)` → 1000, `млн.тенге` → 1e6; 1 when it names none (`на 1000 человек` is a rate)."""
    toks = [t for t in re.split(r"[\s,;:()/.]+", h.lower()) if t]
    for a, b in zip(toks, toks[1:]):
        m = multiplier_of(a, lang)
        if m > 1 and (b in _scale_units(lang) or unit_of(b, lang) is not None and unit_of(b, lang).unit == "money"):
            return m
    for t in toks:  # glued: `тысшт`
        if t in ("тысшт", "мыңдана"):
            return 1000.0
    return 1.0


def year_of_header(h: Optional[str]) -> Optional[int]:
    """`Жұмыс көлемі / 1999 ж. / алаң (га)` → 1999: a header row that is a year (its unit in
    brackets aside: `2003 жыл (мың теңге)`, `2004 год, тыс. тенге`)."""
    for part in (h or "").split(" / "):
        y = year_of(re.sub(r"\([^()]*\)|,\s*(?:мың|тыс|млн|млрд)[^,]*$", " ", part))  # `2003 жыл (мың теңге)`
        if y:
            return y
        m = _HEADER_DATE.search(part)  # `1.01.1998 ж. бары`, `Наличие на 1.01.98г.`
        if m:
            y = int(m.group(1))
            return y if y > 99 else (1900 + y if y > 30 else 2000 + y)
    return None


_HEADER_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.((?:19|20)\d\d|\d\d)(?!\d)")


@lru_cache(maxsize=4096)
def measured_of_header(h: str, lang: str) -> Optional[str]:
    """`Кәсіби медиаторлар саны` → медиатор; `Қылмыстық істер` → іс; `Сот медиациясы` → медиация."""
    h = re.sub(r"\([^()]*\)", " ", h.split(" / ")[-1])  # the lowest header row, without `(га)`, `(мың дана)`
    words = [w.strip("«»\"()") for w in h.split() if re.match(r"[^\W\d_]", w.strip("«»\"()"))]
    if not words:
        return None
    try:
        tagged = analyze_phrase(words, lang)
    except Exception:
        tagged = []
    res = [(t.lemma, t.upos) for t in tagged] if len(tagged) == len(words) else [(w.lower(), "X") for w in words]
    feats = [t.feats or "" for t in tagged] if len(tagged) == len(words) else [""] * len(words)
    if lang == "kk":
        ws = [Word(0, 0, w, l, u, feats=f) for w, (l, u), f in zip(words, res, feats)]
        for k, w in enumerate(words):
            if w.lower() in COUNT_HEADS and k > 0:
                return lemma_of(ws[k - 1], "kk")
        stops = _kk_header_stops()
        keep = [w for w in ws if w.upos != "PROPN" and w.text.lower() not in stops and not _names_unit(w.text, lang)]
        return lemma_of((keep or ws)[-1], "kk")  # `Құны АҚШ $ есебімен` → құн; `екпе көшет` → көшет
    for w, (lemma, upos) in zip(words, res):
        if upos == "NOUN" and w.lower() not in COUNT_HEADS:
            return lemma.lower()
    return None
