"""What a figure means beyond its value: the time it refers to, a change, an average.

Works on the claims of one sentence once each number has been read
(``pipeline.extract.numeric``): every function takes the sentence's words (the language
layer's tokens) and the drafts, and fills

- ``year`` only from a year in the same clause, near the number; a range of years
  (`2005–2020`) gives ``period`` ``2005/2020`` and no ``year``;
- ``as_of`` from a reference date (`на 1 января 2020 года`, `2020 жылғы 1 қаңтардағы`);
- ``change`` (`increase`/`decrease`) from a word of change that governs the number
  (`сокращение ВВП на 3,1 %`, `3,1 %-ға төмендеді`), and ``from X to Y`` pairs
  (`с 12 % в 2016 году до 18,5 % в 2019 году`): the `to` claim carries ``from_value``
  and ``from_year``, both are exact;
- ``aggregate``: ``mean`` (`в среднем`, `орта есеппен`) or ``annual`` (`ежегодно`, `жыл сайын`).

Word lists: ``pipeline/data/<lang>/numeric_change.txt``, ``numeric_aggregate.txt``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from pipeline.extract.numeric_lex import Word, ordinal_of, without_remark, word_role
from pipeline.morph.kk import ending_pattern
from pipeline.resources import load_list

MAX_GAP = 8  # words between a number and the year, date or cue that belongs to it
# (9 to 18 were tried: kzlaw tune full 0.840 -> 0.865, all of it the year of one reference number
# in one act, not a figure; check 0.686 -> 0.682 .. 0.688 with the value: no gain to keep)
_CLAUSE_BREAK = {";", ":", "•"}
_KK_DATIVE = re.compile(f"(?:{ending_pattern('DAT')})$")  # `-ға` ... `-на`, `-а`: the `to` of `X-тен Y-ге`
_KK_ABLATIVE = re.compile(f"(?:{ending_pattern('ABL')})$")  # `-дан` ...: the `from`
_FROM_RU = {"с", "со", "от"}
_TO_RU = {"до"}


# ---------------------------------------------------------------- word lists

def _pairs(path: str) -> tuple[tuple[str, str], ...]:
    out = []
    try:
        lines = load_list(path)
    except OSError:
        return ()
    for line in lines:
        k, _, v = line.partition("\t")
        if k.strip() and v.strip():
            out.append((k.strip().lower(), v.strip()))
    return tuple(out)


@lru_cache(maxsize=None)
def _change_words(lang: str) -> tuple[tuple[str, str], ...]:
    return _pairs(f"{lang}/numeric_change.txt")


@lru_cache(maxsize=None)
def _aggregate_phrases(lang: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    out = [(tuple(k.split()), v) for k, v in _pairs(f"{lang}/numeric_aggregate.txt")]
    return tuple(sorted(out, key=lambda p: -len(p[0])))


def change_of_word(w: Word, lang: str) -> Optional[str]:
    """``increase``/``decrease`` when the word states a change: `сокращение` → decrease, `өсті` → increase."""
    lemma = (w.lemma or "").lower()
    low = w.text.lower()
    for key, kind in _change_words(lang):
        if key.endswith("*"):
            if low.startswith(key[:-1]) or lemma.startswith(key[:-1]):
                return kind
        elif lemma == key or low == key:
            return kind
    return None


# ---------------------------------------------------------------- clauses

def _index_before(words: list[Word], pos: int) -> int:
    """Index of the first word that starts at or after ``pos``."""
    for i, w in enumerate(words):
        if w.vs >= pos:
            return i
    return len(words)


def same_clause(words: list[Word], a: int, b: int, *, max_gap: int = MAX_GAP, text: Optional[str] = None) -> bool:
    """True when the view spans ending at ``a`` and starting at ``b`` (a <= b) are in one clause:
    at most ``max_gap`` words apart and no `;`, `:`, bullet, tag or (given ``text``) line break
    between them (table cells, list items and headings are lines of their own).

    `2017 жылы 30 057 өтініш` → one clause; `в 2018 году ...; 300` → two.
    """
    if a > b:
        a, b = b, a
    between = [w for w in words if w.vs >= a and w.ve <= b]
    if len(between) > max_gap:
        return False
    if any(w.text in _CLAUSE_BREAK or "<" in w.text for w in between):
        return False
    return text is None or "\n" not in text[a:b]


# ---------------------------------------------------------------- years, periods, dates

def period_of_year(text: str, year_end: int, lang: str, year: int, words: list[Word]) -> Optional[str]:
    """`2019 жылдың бірінші жартыжылдығында` → 2019-H1; `2019 жылдың наурызында` → 2019-03."""
    after = [w for w in words if w.vs >= year_end][:5]
    before = [w for w in words if w.ve <= year_end][::-1][1:4]
    for seq in (after, before[::-1]):
        for k, w in enumerate(seq):
            role = word_role(w.text, lang) or ""
            if role.startswith("month"):
                return f"{year}-{role.split(':')[1]}"
            if role in ("half", "quarter") and k > 0:
                n = ordinal_of(seq[k - 1].text, lang)
                if n:
                    if role == "half" and n <= 2:
                        return f"{year}-H{n}"
                    if role == "quarter" and n <= 4:
                        return f"{year}-Q{n}"
    return None


def _month(word: str, lang: str) -> Optional[int]:
    role = word_role(word, lang) or ""
    return int(role.split(":")[1]) if role.startswith("month:") else None


_AS_OF_RU = re.compile(r"(?:^|\s)на\s+(\d{1,2})\s+([^\W\d_]+)\s+(\d{4})", re.I)
_AS_OF_RU_DOTTED = re.compile(r"(?:^|\s)на\s+(\d{1,2})\.(\d{1,2})\.(\d{4})")
_AS_OF_KK = re.compile(r"(\d{4})\s*(?:ж\.|жылғы)\s+(\d{1,2})\s+([^\W\d_]+?(?:дағы|дегі|тағы|тегі))(?!\s+№)", re.I)


def as_of_dates(text: str, lang: str) -> list[tuple[int, int, str, int]]:
    """Reference dates of a sentence: ``(start, end, 'YYYY-MM-DD', year)``.

    ru `на 1 января 2020 года`, `на 01.01.2020`; kk `2020 жылғы 1 қаңтардағы` (not a date
    followed by `№`, the date of an act).
    """
    out = []
    if lang == "ru":
        for m in _AS_OF_RU.finditer(text):
            mo = _month(m.group(2), lang)
            if mo:
                out.append((m.start(1), m.end(), f"{m.group(3)}-{mo:02d}-{int(m.group(1)):02d}", int(m.group(3))))
        for m in _AS_OF_RU_DOTTED.finditer(text):
            if 1 <= int(m.group(2)) <= 12:
                out.append((m.start(1), m.end(), f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}", int(m.group(3))))
    elif lang == "kk":
        for m in _AS_OF_KK.finditer(text):
            mo = _month(m.group(3), lang)
            if mo:
                out.append((m.start(), m.end(), f"{m.group(1)}-{mo:02d}-{int(m.group(2)):02d}", int(m.group(1))))
    return out


def _time_span(d, lang: str) -> bool:
    """A claim that is a span of time (`9 айында`, `за 9 месяцев`)."""
    return d.unit == "other" and word_role(d.measured or "", lang) in ("duration", "year")


def attach_time(text: str, lang: str, words: list[Word], claims: list, years: list) -> None:
    """Set ``year``, ``period`` and ``as_of`` of each claim from the years and dates of its clause.

    ``years``: drafts classified as years (a range of years has ``value_max``).
    `2017 жылы 30 057 өтініш` → year 2017; `в 2005–2020 годах рос на 5 %` → period 2005/2020;
    `на 1 января 2020 года 300 человек` → as_of 2020-01-01, year 2020.
    """
    dates = as_of_dates(text, lang)
    for d in claims:
        e = d.expr
        date = next((x for x in dates if same_clause(words, x[1], e.start, text=text) and x[1] <= e.start), None) or next(
            (x for x in dates if x[0] >= e.end and same_clause(words, e.end, x[0], text=text)), None)
        if date:
            d.as_of, d.year = date[2], date[3]
            continue
        # a year with another figure between it and this one belongs to that figure:
        # `с 12 % в 2016 году до 18,5 % в 2019 году` -> 18.5 takes 2019, not 2016
        # (a span of time between them is part of the date: `2002 жылдың 9 айында 2500 адам`)
        before = [y for y in years if y.expr.end <= e.start and same_clause(words, y.expr.end, e.start, text=text)
                  and not any(y.expr.end <= o.expr.start and o.expr.end <= e.start and not _time_span(o, lang)
                              for o in claims)]
        after = [y for y in years if y.expr.start >= e.end and same_clause(words, e.end, y.expr.start, text=text)
                 and not any(e.end <= o.expr.start and o.expr.end <= y.expr.start for o in claims)]
        near_after = [y for y in after if same_clause(words, e.end, y.expr.start, max_gap=3, text=text)
                      and "," not in text[e.end : y.expr.start]]
        # `18,5 % в 2019 году`: a year right after the figure is its own; else the one before,
        # first of all a Kazakh year in the relative form right before it (`2002 жылғы 28 пайыздан`)
        pick = before[-1] if before and lang == "kk" and year_modifies(words, before[-1].expr.end, e.start) else \
            near_after[0] if near_after else before[-1] if before else (after[0] if after else None)
        if pick is None:
            k = claims.index(d)
            if getattr(d, "inherit", False) and k > 0:
                # `16 217 өтініш ..., оның 50%-ы`: a share of the figure before is of its time
                src = claims[k - 1]
                d.year, d.period, d.as_of = src.year, src.period, src.as_of
            continue
        y0 = int(pick.expr.value)
        if pick.expr.value_max is not None:
            d.period = f"{y0}/{int(pick.expr.value_max)}"  # `2005–2020 жылдары`: a span, not one year
            continue
        d.year = y0
        d.period = period_of_year(text, pick.expr.end, lang, y0, words)


_KK_RELATIVE = re.compile(f"(?:{ending_pattern('REL')})$")


def year_modifies(words: list[Word], year_end: int, start: int) -> bool:
    """A Kazakh year in the relative form (`-ғы`: `2002 жылғы`) right before a figure modifies it:
    `2002 жылғы 28 пайыздан 2005 жылы 20 пайызға дейін` (from 28 % in 2002 to 20 % in 2005)."""
    between = [w for w in words if w.vs >= year_end and w.ve <= start]
    return len(between) == 1 and word_role(between[0].text, "kk") == "year" \
        and bool(_KK_RELATIVE.search(between[0].text.lower()))


# ---------------------------------------------------------------- change and aggregates

def _words_after(words: list[Word], pos: int, n: int) -> list[Word]:
    i = _index_before(words, pos)
    return without_remark(words[i : i + n + 6])[:n]


def _words_before(words: list[Word], pos: int, n: int) -> list[Word]:
    return [w for w in words if w.ve <= pos][::-1][:n]


def _ending(text: str, d) -> str:
    """The last word of the number expression with its ending: `3,1%-ға`, `5 пайызға`, `12 млн теңгеден`."""
    span = text[d.expr.start : d.expr.end]
    return span.split()[-1].lower() if span.split() else ""


def _change_near(words: list[Word], lang: str, a: int, b: int, n_before: int, n_after: int) -> Optional[str]:
    for w in _words_after(words, b, n_after):
        if w.text in _CLAUSE_BREAK or w.text == ",":
            break
        k = change_of_word(w, lang)
        if k:
            return k
    # a time said between the verb and its figure takes no room (`Снизить уровень безработицы
    # к 2003 году до 3 процентов`: the year and its word are not counted)
    budget = n_before
    for w in _words_before(words, a, 3 * n_before):
        if budget <= 0 or w.text in _CLAUSE_BREAK or w.text == ",":
            break
        k = change_of_word(w, lang)
        if k:
            return k
        if not (re.fullmatch(r"(?:19|20)\d\d", w.text) or word_role(w.text, lang) == "year"):
            budget -= 1
    return None


def change_of(text: str, lang: str, words: list[Word], d) -> Optional[str]:
    """``increase``/``decrease`` when the number is the size of a change.

    ru: `на` + number with a word of change in the clause (`сокращение ВВП на 3,1 %`,
    `выросла на 5 %`); kk: a number (or its unit word) in the dative followed by a verb
    of change (`3,1 %-ға төмендеді`, `5 пайызға өсті`).
    """
    e = d.expr
    if lang == "ru":
        prev = _words_before(words, e.start, 3)
        prev = [w for w in prev if w.text.lower() not in ("в", "среднем")]
        if not prev or prev[0].text.lower() != "на":
            return None
        return _change_near(words, lang, e.start, e.end, 6, 3)
    if lang == "kk":
        nxt = _words_after(words, e.end, 1)
        end = _ending(text, d)
        if not _KK_DATIVE.search(end) and not (nxt and _KK_DATIVE.search(nxt[0].text.lower()) and d.unit != "count"):
            # (a counted noun in the dative too, `2,3 мың адамға азайды`, tried alone on 2026-12-05:
            # python bench/eval_numeric.py full tune 0.840 unchanged, check 0.686 -> 0.684: not kept)
            return None
        skip = 1 if nxt and not _KK_DATIVE.search(end) else 0
        return _change_near(words, lang, e.start, e.end + 0, 0, 3 + skip)
    return None


def aggregate_of(words: list[Word], lang: str, d) -> Optional[str]:
    """``mean`` or ``annual`` when the clause around the number says so (`в среднем на 5 %`, `жыл сайын 33,5 мың`)."""
    phrases = _aggregate_phrases(lang)
    if not phrases:
        return None
    e = d.expr
    lo = _words_before(words, e.start, 6)[::-1]
    hi = _words_after(words, e.end, 6)
    for seq, side in ((lo, "before"), (hi, "after")):
        low = [w.text.lower() for w in seq]
        lem = [(w.lemma or w.text).lower() for w in seq]
        for i in range(len(seq)):
            for phrase, kind in phrases:
                n = len(phrase)
                if low[i : i + n] == list(phrase) or lem[i : i + n] == list(phrase):
                    if side == "before" and any(w.text in _CLAUSE_BREAK or w.text == "," for w in seq[i + n :]):
                        continue
                    if side == "after" and any(w.text in _CLAUSE_BREAK or w.text == "," for w in seq[:i]):
                        continue
                    return kind
    return None


def _after_word(words: list[Word], d, word: str) -> bool:
    prev = _words_before(words, d.expr.start, 3)
    prev = [w for w in prev if w.text not in ("«", "»", '"', "(", "+")]
    return bool(prev) and prev[0].text.lower() == word


def _is_from(text: str, lang: str, words: list[Word], d) -> bool:
    """`с 12 %`, `12 %-дан`, `12 пайыздан`: the starting point of a change."""
    if lang == "ru":
        return any(_after_word(words, d, w) for w in _FROM_RU)
    if lang == "kk":
        if _KK_ABLATIVE.search(_ending(text, d)):
            return True
        nxt = _words_after(words, d.expr.end, 1)
        return d.unit != "count" and bool(nxt) and bool(_KK_ABLATIVE.search(nxt[0].text.lower()))
    return False


def _is_to(text: str, lang: str, words: list[Word], d) -> bool:
    """`до 18,5 %`, `18,5 %-ға дейін`, `18,5 %-ға өсті`: the end point of a change."""
    if lang == "ru":
        return any(_after_word(words, d, w) for w in _TO_RU)
    if lang == "kk":
        nxt = _words_after(words, d.expr.end, 3)
        end = _ending(text, d)
        dative = _KK_DATIVE.search(end) or (nxt and _KK_DATIVE.search(nxt[0].text.lower()))
        return bool(dative) and any(w.text.lower() in ("дейін", "шейін", "дейінгі", "шейінгі") or change_of_word(w, lang)
                                    for w in nxt)
    return False


def level_reached(text: str, lang: str, words: list[Word], d) -> Optional[str]:
    """``increase``/``decrease`` when the number is the level a change reaches: ru `до` after a
    word of change (`снизится до 4,5 %`, `увеличить до 50 процентов`), kk `-ға дейін` before
    one (`4,5 %-ға дейін төмендейді`). Then `до`/`дейін` is no upper bound."""
    if lang == "ru":
        if not _after_word(words, d, "до"):
            return None
        return _change_near(words, lang, d.expr.start, d.expr.start, 6, 0) or _brought_to(words, d)
    if lang == "kk":
        nxt = [w.text.lower() for w in _words_after(words, d.expr.end, 3)]
        if not any(w in ("дейін", "шейін") for w in nxt):
            return None
        return _change_near(words, lang, d.expr.start, d.expr.end, 0, 4)
    return None


def _brought_to(words: list[Word], d) -> Optional[str]:
    """``reached`` when a ru verb of bringing governs `до` (`довести долю до 25 %`, `доведение
    охвата до 90 %`): the level aimed at, as kk `25 %-ға жеткізу`, no upper bound and no change."""
    for w in _words_before(words, d.expr.start, 9)[1:]:
        if w.text in _CLAUSE_BREAK or w.text == ",":
            return None
        if word_role(w.text, "ru") == "reach":
            return "reached"
    return None


def link_changes(text: str, lang: str, words: list[Word], claims: list) -> None:
    """Fill ``change``, ``from_value``, ``from_year`` and ``aggregate`` of the claims of one sentence.

    `с 12 % в 2016 году до 18,5 % в 2019 году` → the 18.5 claim: from_value 12, from_year 2016,
    change increase, qualifier exact (the `до` is not a bound here); the 12 claim stays.
    """
    for d in claims:
        d.aggregate = aggregate_of(words, lang, d)
    used = set()
    for i, a in enumerate(claims):
        if i in used or not _is_from(text, lang, words, a):
            continue
        for j in range(i + 1, len(claims)):
            b = claims[j]
            if not same_clause(words, a.expr.end, b.expr.start, max_gap=10, text=text):
                break
            ru_range = lang == "ru" and _after_word(words, a, "от") and _after_word(words, b, "до") and \
                not _change_near(words, lang, a.expr.start, b.expr.end, 4, 3)
            if ru_range or lang == "kk" and _is_to(text, lang, words, b) and not _change_near(
                    words, lang, b.expr.start, b.expr.end, 0, 3):
                # `21-ден 33 балға дейін` with no verb of change: a range, as ru `от 21 до 33 баллов`
                if a.unit == "count" and b.unit != "count":
                    a.unit, a.currency = b.unit, b.currency
                a.value_max, a.range_end, a.qualifier, b.merged = b.expr.value, b.expr.end, "range", True
                used.update((i, j))
                break
            if _is_to(text, lang, words, b):
                if a.unit == "count" and b.unit != "count":
                    a.unit, a.currency = b.unit, b.currency  # `с 12 до 18,5 %`
                if a.unit != b.unit:
                    break
                b.from_value, b.from_year = a.expr.value, a.year
                b.change = "increase" if b.expr.value > a.expr.value else "decrease" if b.expr.value < a.expr.value else None
                a.qualifier = "exact" if a.qualifier in ("at_least", "at_most") else a.qualifier
                b.qualifier = "exact" if b.qualifier in ("at_least", "at_most") else b.qualifier
                used.update((i, j))
                break
    for k, d in enumerate(claims):
        if k not in used and d.change is None:
            d.change = change_of(text, lang, words, d)
        if k not in used:
            kind = level_reached(text, lang, words, d)
            if kind:  # `снизится до 4,5 %` = `4,5 %-ға дейін төмендейді`: the level reached, not a bound
                d.change = kind if kind != "reached" else d.change
                d.qualifier = "exact" if d.qualifier == "at_most" else d.qualifier
