"""Numbered acts: an act named by its date and number rather than by its title.

- Kazakh: ``облыс әкімінің 1997 жылғы 28 шілдедегі № 5-166 шешімі``,
  ``Президентінің "..." 1997 жылғы 6 наурыздағы № 3398 Жарлығын``, ``N 2247 Жарлығы``,
  ``29.09.2004 № 9-96 шешімімен``;
- Russian: ``решение акима Алматинской области от 6.06.96 г. № 5-122``,
  ``Распоряжения Премьер-Министра Республики Казахстан от 25 марта 1997 г. № 77-р``,
  ``постановление Правительства № 1758 от 20 декабря 2001 года``.

A head that names any decision (``шешім``, ``решение``, ``приказ``) counts only with a number
or a date (``pipeline/data/<lang>/legal_numbered_heads.txt``); both versions of one act get the
same kind, so an act can be keyed by (kind, number, year) across languages. Each finder returns
:class:`Numbered` records with offsets into the sentence; ``legal_acts`` turns them into acts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from pipeline.resources import load_list, load_map

_W = "А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІіA-Za-z"
_Q_OPEN = "«“„\""
_Q_CLOSE = "»”\""


@dataclass
class Numbered:
    start: int
    end: int
    kind: str
    head: str  # the head word as written (``Жарлығын``, ``Распоряжения``)
    number: Optional[str]
    date: Optional[str]  # ISO, as precise as written
    year: Optional[int]
    issuer: Optional[str]
    title: Optional[str]  # a quoted title inside the span, without quotes


@lru_cache(maxsize=None)
def _heads(lang: str) -> dict[str, str]:
    return load_map(f"{lang}/legal_numbered_heads.txt")


@lru_cache(maxsize=None)
def _months(lang: str) -> tuple[str, ...]:
    return tuple(load_list(f"{lang}/legal_months.txt"))


def full_year(y: str) -> int:
    """A year as written: ``96`` → 1996, ``03`` → 2003, ``1997`` → 1997."""
    n = int(y)
    if len(y) == 4:
        return n
    return 2000 + n if n < 30 else 1900 + n


def iso_date(y: Optional[str], m: Optional[int], d: Optional[str]) -> Optional[str]:
    """``1997, 3, '6'`` → ``1997-03-06``; a date with an impossible day or month, or a year of
    three digits (a typo: ``01.09.202``), is dropped.

    >>> iso_date('202', 9, '01') is None, iso_date('96', 6, '6')
    (True, '1996-06-06')
    """
    if not y or len(y) == 3:
        return None
    year = full_year(y)
    if not m:
        return f"{year:04d}"
    if not 1 <= m <= 12 or (d and not 1 <= int(d) <= 31):
        return None
    return f"{year:04d}-{m:02d}-{int(d):02d}" if d else f"{year:04d}-{m:02d}"


# a quote around the day of a date: от «15» июля 2003 г. ; "01" июля 1998 г.
_DAY_Q = "[«»“”„\"]"

# № 3-82а ; N 2247 ; №77-р ; № 13/19
_NUM = r"(?:№|N)\s*(?P<num>\d[\w./-]*)"


def _clean_number(num: str) -> str:
    return num.rstrip(".-/,")


# ---------------------------------------------------------------- Kazakh


def _title(name: str) -> str:
    # "..." or «...», with quoted names inside:
    # "Қазақстан Республикасының "Халықтың жұмыспен қамтылуы туралы" Заңын жүзеге асыру туралы"
    q = "\"«»“”„"
    return (rf"[{_Q_OPEN}](?P<{name}>(?:[^{q}\n]|[{_Q_OPEN}][^{q}\n]{{1,150}}[{_Q_CLOSE}]){{2,300}})"
            rf"[{_Q_CLOSE}]")


@lru_cache(maxsize=1)
def _kk_prefix() -> re.Pattern:
    """What stands before the head of a numbered Kazakh act, anchored at the head."""
    months = "|".join(_months("kk"))
    # the day may be quoted, as on official forms: 2003 ж. «15» шілде ; 2002 ж. наурыз «15»
    date = (rf"(?:(?P<y>\d{{4}})\s*ж(?:ылғы|ыл|\.)?\s+{_DAY_Q}?(?P<d>\d{{1,2}}){_DAY_Q}?\s*-?\s*"
            rf"(?P<m>{months})[{_W}]*"
            rf"|(?P<y4>\d{{4}})\s*(?:ж(?:ылғы|ыл|\.)?\s+)?(?P<m4>{months})[{_W}]*\s+{_DAY_Q}?"
            rf"(?P<d4>\d{{1,2}}){_DAY_Q}?(?:-?[{_W}]+)?"
            rf"|(?P<d2>\d{{1,2}})\.(?P<m2>\d{{1,2}})\.(?P<y2>\d{{2,4}})\s*(?:ж\.|жылғы)?"
            rf"|(?P<y3>\d{{4}})\s*жылғы)")
    # between a date and the number, the title is whatever stands in the outer quotes (titles
    # quote laws inside them, not always in balanced pairs), as long as it holds no number sign
    loose = rf"[{_Q_OPEN}](?P<t2>[^№\n]{{2,400}}?)[{_Q_CLOSE}]"
    # a remark in brackets may stand between the number and the head:
    # № 751 (алғашқы ресми жарияланған күнінен кейін ... қолданысқа енгізіледі) бұйрығымен
    remark = r"(?:\([^()\n]{1,250}\)\s*)?"
    return re.compile(rf"(?:{_title('t1')}\s*)?(?:{date}\s*(?:{loose}\s*)?)?"
                      rf"(?:{_NUM}\s*{remark})?(?:{_title('t3')}\s*)?$")


# words that end a Kazakh issuer chain going left: a case other than the genitive, a verb form
_KK_NOT_ISSUER = re.compile(r"(?:ғы|гі|қы|кі|да|де|та|те|ға|ге|қа|ке|ды|ді|ты|ті|ны|ні|ын|ін|"
                            r"мен|бен|пен|нан|нен|дан|ден|тан|тен|ып|іп|у|ған|ген|қан|кен|а|е)$")
_KK_GEN = re.compile(r"(?:ның|нің|дың|дің|тың|тің)$")


def kk_issuer(text: str, start: int) -> Optional[str]:
    """The body in the genitive right before an act: ``Қазақстан Республикасы Президентінің``.

    >>> kk_issuer('облыс әкімінің 1997 жылғы', 15)
    'облыс әкімінің'
    >>> kk_issuer('С.Үмбетов   Алматы облысы әкімінің 1997', 35)
    'Алматы облысы әкімінің'
    """
    words = list(re.finditer(rf"[{_W}]+(?:-[{_W}]+)*", text[:start]))
    if not words or text[words[-1].end():start].strip():
        return None
    if not _KK_GEN.search(words[-1].group().lower()):
        return None
    k = len(words) - 1
    while k > 0 and len(words) - k < 5:
        prev = words[k - 1]
        gap = text[prev.end():words[k].start()]
        w = prev.group().lower()
        if gap.strip() or (not prev.group()[:1].isupper() and _KK_NOT_ISSUER.search(w)
                           and not _KK_GEN.search(w)):
            break
        if _KK_GEN.search(w) and not prev.group()[:1].isupper():
            break  # тұрғындардың: another genitive chain
        if text[max(0, prev.start() - 2):prev.start()].rstrip().endswith("."):
            break  # С.Үмбетов: a surname after an initial (a signature) is no issuer
        k -= 1
    return re.sub(r"\s+", " ", text[words[k].start():words[-1].end()])


def kk_numbered_acts(text: str, head_kind) -> list[Numbered]:
    """Numbered Kazakh acts in one sentence; ``head_kind(word)`` gives the kind of any act
    head (``Заңы`` → law) and the numbered-only heads are read from the data file."""
    out = []
    heads = _heads("kk")
    for w in re.finditer(rf"(?<![{_W}])[{_W}]+", text):
        head = w.group()
        kind = _kk_head(head, heads) or head_kind(head)
        if not kind:
            continue
        m = _kk_prefix().search(text, 0, w.start())
        if m is None or m.start() == w.start():
            continue
        y = m.group("y") or m.group("y2") or m.group("y3") or m.group("y4")
        if not (y or m.group("num")):
            continue
        title = m.group("t1") or m.group("t2") or m.group("t3")
        s = m.start()
        if m.group("t1") and not (y or m.group("num")):
            s = w.start()
        month = (_months("kk").index(m.group("m") or m.group("m4")) + 1) if (
            m.group("m") or m.group("m4")) else (int(m.group("m2")) if m.group("m2") else None)
        date = iso_date(y, month, m.group("d") or m.group("d2") or m.group("d4"))
        out.append(Numbered(s, w.end(), kind, head,
                            _clean_number(m.group("num")) if m.group("num") else None,
                            date, int(date[:4]) if date else None, kk_issuer(text, s), title))
    # a law named inside the quoted title of a numbered act is not a numbered act of its own
    return [n for n in out if n.number or not any(
        o.number and o.start <= n.start and n.end <= o.end for o in out)]


_VOICING = str.maketrans("қкп", "ғгб")


def voiced(stem: str) -> str:
    """A stem's final voiceless consonant voices before a vowel ending:
    ``бұйрық`` → ``бұйрығ`` (бұйрығымен), ``кітап`` → ``кітаб``."""
    return stem[:-1] + stem[-1:].translate(_VOICING)


def _kk_head(word: str, heads: dict[str, str]) -> Optional[str]:
    """``шешіміне``, ``бұйрығымен`` → resolution (a head stem followed by Kazakh endings only)."""
    low = word.lower()
    for stem, kind in heads.items():
        for s in {stem, voiced(stem)}:
            if low.startswith(s) and len(low) - len(s) <= 8:
                return kind
        # қаулысы / өкімі: the stem's last vowel may be followed by the possessive directly
    return None


# ---------------------------------------------------------------- Russian


@lru_cache(maxsize=1)
def _ru_patterns() -> tuple[re.Pattern, re.Pattern]:
    months = "|".join(_months("ru"))
    date = (rf"(?:{_DAY_Q}?(?P<d>\d{{1,2}}){_DAY_Q}?\s+(?P<m>{months})\s+(?P<y>\d{{4}})"
            rf"|(?P<d2>\d{{1,2}})\.(?P<m2>\d{{1,2}})\.(?P<y2>\d{{2,4}})|(?P<y3>\d{{4}}))"
            rf"\s*(?:года|г\.|г\b)?")
    issuer = rf"(?P<issuer>(?:\s+[{_W}-]+){{0,7}}?)"
    head = rf"(?P<head>[{_W}]+)"
    # Закона Республики Казахстан «О государственных закупках» от 16.05.2002 г. №321
    title = rf"(?:\s*[{_Q_OPEN}](?P<t>[^{_Q_OPEN}{_Q_CLOSE}\n]{{2,250}})[{_Q_CLOSE}])?"
    a = re.compile(rf"{head}{issuer}{title}\s+от\s+{date}\s*(?:года|г\.)?\s*(?:за\s*)?{_NUM}")
    b = re.compile(rf"{head}{issuer}\s*{_NUM}\s+от\s+{date}")
    return a, b


def _ru_head(word: str, heads: dict[str, str]) -> Optional[str]:
    """``Распоряжения`` → resolution; ``указанного`` is not ``указ`` (too long a tail)."""
    low = word.lower()
    for lemma, kind in heads.items():
        stem = lemma[:-1] if lemma[-1] in "аеоияь" else lemma
        if low.startswith(stem) and len(low) - len(stem) <= 3:
            return kind
    return None


def ru_numbered_acts(text: str) -> list[Numbered]:
    """Numbered Russian acts in one sentence."""
    out = []
    heads = _heads("ru")
    taken: list[tuple[int, int]] = []
    starts = [w.start() for w in re.finditer(rf"(?<![{_W}-])[{_W}]+", text)
              if _ru_head(w.group(), heads)]
    for pat in _ru_patterns():
        for pos in starts:
            m = pat.match(text, pos)
            if m is None or any(m.start() < e and s < m.end() for s, e in taken):
                continue
            kind = _ru_head(m.group("head"), heads)
            issuer = re.sub(r"\s+", " ", m.group("issuer")).strip()
            if re.search(r"[.;:]", issuer):
                continue
            y = m.group("y") or m.group("y2") or m.group("y3")
            month = (_months("ru").index(m.group("m")) + 1) if m.group("m") else (
                int(m.group("m2")) if m.group("m2") else None)
            date = iso_date(y, month, m.group("d") or m.group("d2"))
            end = m.end()
            q = re.match(rf"\s*[{_Q_OPEN}]([^{_Q_OPEN}{_Q_CLOSE}\n]{{2,250}})[{_Q_CLOSE}]", text[end:])
            title = q.group(1) if q else m.groupdict().get("t")
            if q:
                end += q.end()
            out.append(Numbered(m.start(), end, kind, m.group("head"),
                                _clean_number(m.group("num")), date,
                                int(date[:4]) if date else None, issuer or None, title))
            taken.append((m.start(), end))
    return sorted(out, key=lambda n: n.start)
