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

from pipeline.morph import Word, analyze_phrase, tokenize
from pipeline.morph.kk import ending_pattern
from pipeline.resources import load_list, load_map, load_set

_W = "А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІіA-Za-z"
_Q_OPEN = "«“„\""
_Q_CLOSE = "»”\""


_LETTERS = re.compile(rf"[{_W}]+")
_LETTERS_HYPHEN = re.compile(rf"[{_W}]+(?:-[{_W}]+)*")


def _letter_words(text: str, lang: str, *, hyphen: bool = False) -> list[re.Match]:
    """The words of ``text`` made of letters only (``hyphen``: parts joined by hyphens too), as
    the language layer splits them (:func:`pipeline.morph.tokenize`); numbers, signs and
    abbreviations with a full stop are left out."""
    pat = _LETTERS_HYPHEN if hyphen else _LETTERS
    return [m for m in (pat.fullmatch(text, a, b) for a, b in tokenize(text, lang)) if m]


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


@lru_cache(maxsize=None)
def force_of_law(lang: str) -> str:
    """A pattern of the words that say an act has the force of law (``Заң күші бар Жарлығы``,
    ``Указ, имеющий силу закона``): the act is of the kind of the head they stand by, and the
    law they name is no act (``{lang}/legal_force_of_law.txt``, stems, any ending, any case).

    >>> bool(re.match(force_of_law("ru"), "имеющего силу Закона")), bool(re.match(force_of_law("kk"), "Заң күші бар"))
    (True, True)
    """
    return "(?i:" + "|".join(r"\s+".join(re.escape(w) + r"\w*" for w in p.split())
                             for p in load_list(f"{lang}/legal_force_of_law.txt")) + ")"


def names_force_of_law(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the head ``text[start:end]`` is the law of a phrase of force of law
    (``Заң`` in ``Заң күші бар``, ``закона`` in ``имеющий силу закона``).

    >>> names_force_of_law("Указ, имеющий силу закона, от 1995 года", 18, 24, "ru")
    True
    """
    left = max(0, start - 40)
    return any(left + m.start() <= start and end <= left + m.end()
               for m in re.finditer(force_of_law(lang), text[left:end + 40]))


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

# an act's number: 3-82а ; 2247 ; 77-р ; 13/19 ; 4.1 (a full stop after it ends the sentence) ;
# letters first, as ministries number their orders: ҚР ДСМ-175/2020
NUMBER = (r"(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{1,5}\s)?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{1,5}-\d(?:[\w/-]|\.(?=\w))*"
          r"|\d(?:[\w/-]|\.(?=\w))*")
_NUM = rf"(?:№|N)\s*(?P<num>{NUMBER})"


def _clean_number(num: str) -> str:
    return num.rstrip(".-/,")


# ---------------------------------------------------------------- Kazakh


def _title(name: str) -> str:
    # "..." or «...», with quoted names inside:
    # "Қазақстан Республикасының "Халықтың жұмыспен қамтылуы туралы" Заңын жүзеге асыру туралы"
    q = "\"«»“”„"
    return (rf"[{_Q_OPEN}](?P<{name}>(?:[^{q}\n]|[{_Q_OPEN}][^{q}\n]{{1,150}}[{_Q_CLOSE}]){{2,300}})"
            rf"[{_Q_CLOSE}]")


def _kk_date(tag: str = "") -> str:
    """A Kazakh date as written before an act's number, its groups named with ``tag``; the
    day may be quoted, as on official forms: ``2003 ж. «15» шілде``, ``2002 ж. наурыз «15»``,
    ``1998 ж. мамырдың 27-дегі``, ``29.09.2004``, ``2015 жылғы``."""
    months = "|".join(_months("kk"))
    t = tag
    return (rf"(?:(?P<y{t}>\d{{4}})\s*ж(?:ылғы|ыл|\.)?\s+{_DAY_Q}?(?P<d{t}>\d{{1,2}}){_DAY_Q}?\s*-?\s*"
            rf"(?P<m{t}>{months})[{_W}]*"
            rf"|(?P<y4{t}>\d{{4}})\s*(?:ж(?:ылғы|ыл|\.)?\s+)?(?P<m4{t}>{months})[{_W}]*\s+{_DAY_Q}?"
            rf"(?P<d4{t}>\d{{1,2}}){_DAY_Q}?(?:-?[{_W}]+)?"
            rf"|(?P<d2{t}>\d{{1,2}})\.(?P<m2{t}>\d{{1,2}})\.(?P<y2{t}>\d{{2,4}})\s*(?:ж\.|жылғы)?"
            rf"|(?P<y3{t}>\d{{4}})\s*жылғы)")


def _kk_date_of(m: re.Match, tag: str = "") -> Optional[str]:
    """The ISO date of a match of :func:`_kk_date` (``None`` without a date or when impossible)."""
    g = lambda name: m.group(name + tag)  # noqa: E731
    y = g("y") or g("y2") or g("y3") or g("y4")
    month_name = g("m") or g("m4")
    month = (_months("kk").index(month_name) + 1) if month_name else (
        int(g("m2")) if g("m2") else None)
    return iso_date(y, month, g("d") or g("d2") or g("d4"))


def _kk_full_date(m: re.Match, tag: str = "") -> bool:
    """Whether a :func:`_kk_date` match states the day (not the year alone)."""
    return bool(m.group("d" + tag) or m.group("d2" + tag) or m.group("d4" + tag))


# a remark in brackets may stand between the number and the head:
# № 751 (алғашқы ресми жарияланған күнінен кейін ... қолданысқа енгізіледі) бұйрығымен
_REMARK = r"(?:\([^()\n]{1,250}\)\s*)?"

# a number without its sign, right after a full date: 1998 ж. мамырдың 27-дегі 97-ө өкімін
_BARE_NUM = rf"(?P<bare>\d{{1,5}}(?:-[{_W}\d]{{1,3}})?)"


@lru_cache(maxsize=1)
def _kk_prefix() -> re.Pattern:
    """What stands before the head of a numbered Kazakh act, anchored at the head."""
    # between a date and the number, the title is whatever stands in the outer quotes (titles
    # quote laws inside them, not always in balanced pairs), as long as it holds no number sign
    loose = rf"[{_Q_OPEN}](?P<t2>[^№\n]{{2,400}}?)[{_Q_CLOSE}]"
    # 2-58 санды шешімі: a word that marks a bare number as the act's (kk/legal_number_words.txt)
    marks = "|".join(map(re.escape, load_list("kk/legal_number_words.txt")))
    return re.compile(rf"(?:{_title('t1')}\s*)?(?:{_kk_date()}\s*(?:{loose}\s*)?)?"
                      rf"(?:{_NUM}\s*{_REMARK}|{_BARE_NUM}\s+(?:(?:{marks})\s+)?)?(?:{_title('t3')}\s*)?"
                      rf"(?:{force_of_law('kk')}\s+)?$")


@lru_cache(maxsize=1)
def _kk_item() -> re.Pattern:
    """One more act of a list before a shared head, anchored at the next item:
    ``27.08.2021 № 751 (...); 01.09.2022 № 742 (...) бұйрықтарымен`` (the orders No 751 and
    No 742). Its separator: ``;``, ``,`` or ``және``."""
    return re.compile(rf"(?:{_kk_date('_i')}\s*)?(?:№|N)\s*(?P<num_i>{NUMBER})\s*{_REMARK}"
                      rf"(?:[;,]|\s+және)\s*$")


@lru_cache(maxsize=1)
def _kk_annex_after() -> re.Pattern:
    """The date and number after a head in an annex caption: ``шешіміне қосымша тіркеме 1998 жыл
    12 ақпан № 2-58`` (annex words: ``pipeline/data/kk/legal_annex.txt``)."""
    annex = "|".join(map(re.escape, load_list("kk/legal_annex.txt")))
    return re.compile(rf"(?:\s+(?:{annex})[{_W}]*)+\s+{_kk_date('_a')}\s*(?:{_NUM})")


@lru_cache(maxsize=1)
def _kk_gen() -> re.Pattern:
    """A word in the genitive (``kk/suffixes.tsv``): ``әкімінің``, ``Президентінің``."""
    return re.compile(rf"(?:{ending_pattern('GEN')})$")


def _kk_nominal_base(word: Word) -> bool:
    """Whether a lower-case word may stand inside an issuer's name: a noun or an adjective without
    a case other than the nominative (``облыс``, ``облысы``, ``қалалық``); not a verb form
    (``жүзеге асыру``) nor a word in another case (``мақсатында``)."""
    case = re.search(r"Case=(\w+)", word.feats)
    return word.upos in ("NOUN", "ADJ", "PROPN", "NUM") and (case is None or case.group(1) == "Nom")


@lru_cache(maxsize=1)
def _kk_demonstratives() -> frozenset[str]:
    return load_set("kk/legal_demonstratives.txt")


def kk_issuer(text: str, start: int) -> Optional[str]:
    r"""The body in the genitive right before an act: ``Қазақстан Республикасы Президентінің``.

    >>> kk_issuer('облыс әкімінің 1997 жылғы', 15)
    'облыс әкімінің'
    >>> kk_issuer('С.Үмбетов   Алматы облысы әкімінің 1997', 35)
    'Алматы облысы әкімінің'
    >>> kk_issuer('№ 1 қосымша\n\nОблыс әкімінің 1997', 28)
    'Облыс әкімінің'
    >>> kk_issuer('Осы Ереже Қазақстан Республикасының 1999', 35)
    'Қазақстан Республикасының'
    """
    words = _letter_words(text[:start], "kk", hyphen=True)
    if not words or text[words[-1].end():start].strip():
        return None
    if not _kk_gen().search(words[-1].group().lower()):
        return None
    k = len(words) - 1
    left = words[-5:]
    analysed = dict(zip((w.start() for w in left), analyze_phrase([w.group() for w in left], "kk")))
    while k > 0 and len(words) - k < 5:
        prev = words[k - 1]
        gap = text[prev.end():words[k].start()]
        w = prev.group().lower()
        if gap.strip() or gap.count("\n") > 1 or (not prev.group()[:1].isupper() and not _kk_gen().search(w)
                           and not _kk_nominal_base(analysed[prev.start()])):
            break
        if _kk_gen().search(w) and not prev.group()[:1].isupper():
            break  # тұрғындардың: another genitive chain
        if text[max(0, prev.start() - 2):prev.start()].rstrip().endswith("."):
            break  # С.Үмбетов: a surname after an initial (a signature) is no issuer
        if k >= 2 and words[k - 2].group().lower() in _kk_demonstratives():
            break  # Осы Тәртіп Қазақстан Республикасының ...: a demonstrative opens a noun phrase of its own
        k -= 1
    return re.sub(r"\s+", " ", text[words[k].start():words[-1].end()])


def kk_numbered_acts(text: str, head_kind) -> list[Numbered]:
    """Numbered Kazakh acts in one sentence; ``head_kind(word)`` gives the kind of any act
    head (``Заңы`` → law) and the numbered-only heads are read from the data file."""
    out = []
    heads = _heads("kk")
    for w in _letter_words(text, "kk"):
        head = w.group()
        kind = _kk_head_of(head) or head_kind(head)
        if not kind or names_force_of_law(text, w.start(), w.end(), "kk"):
            continue
        m = _kk_prefix().search(text, 0, w.start())
        while m is not None and m.group("t2") and _kk_act_inside(m.group("t2"), head_kind) is not None:
            # «Бюджет жүйесі туралы» Заңының 8-бабын ... Үкіметінің 1999 жылғы 4 мамырдағы «...» № 528
            # қаулысы: the quotes held a whole act before this one's date; read after it
            m = _kk_prefix().search(text, m.start("t2") + _kk_act_inside(m.group("t2"), head_kind), w.start())
        if m is None or m.start() == w.start():
            a = _kk_annex_after().match(text, w.end())
            if a is not None and kind in heads.values():
                date = _kk_date_of(a, "_a")
                out.append(Numbered(w.start(), a.end(), kind, head, _clean_number(a.group("num")),
                                    date, int(date[:4]) if date else None,
                                    kk_issuer(text, w.start()), None))
            continue
        y = m.group("y") or m.group("y2") or m.group("y3") or m.group("y4")
        if m.group("bare") and not _kk_full_date(m):
            continue
        number = m.group("num") or m.group("bare")
        if not (y or number):
            continue
        title = m.group("t1") or m.group("t2") or m.group("t3")
        s = m.start()
        date = _kk_date_of(m)
        issuer = kk_issuer(text, s)
        out.append(Numbered(s, w.end(), kind, head, _clean_number(number) if number else None,
                            date, int(date[:4]) if date else None, issuer, title))
        if m.group("num"):
            out.extend(_kk_listed(text, s, kind, head, issuer))
    # a law named inside the quoted title of a numbered act is not a numbered act of its own
    return [n for n in out if n.number or not any(
        o.number and o.start <= n.start and n.end <= o.end for o in out)]


def _kk_act_inside(title: str, head_kind) -> Optional[int]:
    """Where a whole act ends inside what was read as one quoted title: a closing quote, the head
    of an act and then a date, which only begins another act (``Бюджет жүйесі туралы» Заңының
    8-бабын орындау үшін және Үкіметінің 1999 жылғы 4 мамырдағы «...``); ``None`` when the quotes
    hold one title, an act it names included (``"... туралы" Заңын жүзеге асыру туралы``).

    >>> _kk_act_inside('Бюджет туралы» Заңының 8-бабын және Үкіметінің 1999 жылғы 4 мамырдағы «Ережелер туралы',
    ...                lambda w: "law" if w.startswith("Заң") else None)
    22
    >>> _kk_act_inside('Қазақстан Республикасының "Көлік туралы" Заңын жүзеге асыру туралы',
    ...                lambda w: "law" if w.startswith("Заң") else None) is None
    True
    """
    for q in re.finditer(rf"[{_Q_CLOSE}]\s*([{_W}]+)", title):
        if head_kind(q.group(1)) and re.search(_kk_date(), title[q.end():]):
            return q.end()
    return None


def _kk_list_items(text: str, end: int):
    """The items of a list of numbered acts that ends at ``end``, last first."""
    while True:
        m = _kk_item().search(text, max(0, end - 400), end)
        if m is None or m.start() == end:
            return
        yield m
        end = m.start()


def _kk_listed(text: str, start: int, kind: str, head: str, issuer: Optional[str]) -> list[Numbered]:
    """Acts listed before the one at ``start`` that share its head, each spanning its own date
    and number: ``27.08.2021 № 751 (...); 01.09.2022 № 742 (...) бұйрықтарымен``."""
    out = []
    for m in _kk_list_items(text, start):
        date = _kk_date_of(m, "_i")
        end = m.start() + len(re.sub(r"(?:[;,]|\s+және)\s*$", "", text[m.start():m.end()]).rstrip())
        out.append(Numbered(m.start(), end, kind, head, _clean_number(m.group("num_i")), date,
                            int(date[:4]) if date else None, issuer, None))
    return out


_VOICING = str.maketrans("қкп", "ғгб")


def voiced(stem: str) -> str:
    """A stem's final voiceless consonant voices before a vowel ending:
    ``бұйрық`` → ``бұйрығ`` (бұйрығымен), ``кітап`` → ``кітаб``."""
    return stem[:-1] + stem[-1:].translate(_VOICING)


@lru_cache(maxsize=65536)
def _kk_head_of(word: str) -> Optional[str]:
    """:func:`_kk_head` over the numbered-only heads, remembered per word form (the answer
    depends on the word alone; every word of a sentence is asked)."""
    return _kk_head(word, _heads("kk"))


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


def _ru_date(full: bool = False) -> str:
    """A Russian date: ``6 марта 1997 г.``, ``«15» июля 2003 года``, ``6.06.96 г.``, ``2002 года``
    (with ``full``, only a date that states the day)."""
    months = "|".join(_months("ru"))
    year_alone = "" if full else r"|(?P<y3>\d{4})"
    return (rf"(?:{_DAY_Q}?(?P<d>\d{{1,2}}){_DAY_Q}?\s+(?P<m>{months})\s+(?P<y>\d{{4}})"
            rf"|(?P<d2>\d{{1,2}})\.(?P<m2>\d{{1,2}})\.(?P<y2>\d{{2,4}}){year_alone})"
            rf"\s*(?:года|г\.|г\b)?")


@lru_cache(maxsize=1)
def _ru_patterns() -> tuple[re.Pattern, ...]:
    date = _ru_date()
    # an acting official signs for the issuer: приказ и.о. Министра юстиции от 26.11.2015 № 593
    # (ru/legal_acting.txt; the issuer's words are letters only)
    acting = "|".join(r"\s*".join(map(re.escape, a.split())) for a in load_list("ru/legal_acting.txt"))
    issuer = rf"(?:\s+(?:{acting})(?![{_W}]))?(?P<issuer>(?:\s+[{_W}-]+){{0,7}}?)"
    head = rf"(?P<head>[{_W}]+)"
    # Закона Республики Казахстан «О государственных закупках» от 16.05.2002 г. №321
    title = rf"(?:\s*[{_Q_OPEN}](?P<t>[^{_Q_OPEN}{_Q_CLOSE}\n]{{2,250}})[{_Q_CLOSE}])?"
    force = rf"(?:\s*,?\s*{force_of_law('ru')}\s*,?)?"  # Указ ..., имеющий силу закона,
    a = re.compile(rf"{head}{issuer}{force}{title}\s+от\s+{date}\s*(?:года|г\.)?\s*(?:за\s*)?{_NUM}")
    # the number sign may be left out before a dated number with parts: 8-230 от 3 августа 2000 г.
    b = re.compile(rf"{head}{issuer}\s*(?:{_NUM}|(?P<bare>\d+-\d+[{_W}]?))\s+от\s+{date}")
    # an annex caption, a full date without от: к решению Акима области "01" июля 1998 г. N 7-223
    c = re.compile(rf"{head}{issuer}\s+{_ru_date(full=True)}\s*{_NUM}")
    return a, b, c


@lru_cache(maxsize=1)
def _ru_more() -> re.Pattern:
    """One more act of a list after a numbered act, sharing its head: ``приказов Министра от
    27.08.2021 № 751 (...); от 01.09.2022 № 742`` (the orders No 751 and No 742)."""
    return re.compile(rf"\s*(?:\([^()\n]{{1,250}}\)\s*)?(?:[;,]|\s+и)\s*(?P<at>от)\s+{_ru_date()}\s*{_NUM}")


def _ru_date_of(m: re.Match) -> Optional[str]:
    g = m.groupdict()
    y = g.get("y") or g.get("y2") or g.get("y3")
    month = (_months("ru").index(g["m"]) + 1) if g.get("m") else (
        int(g["m2"]) if g.get("m2") else None)
    return iso_date(y, month, g.get("d") or g.get("d2"))


def damerau(a: str, b: str, limit: int = 2) -> int:
    """Edit distance with adjacent transpositions (small strings only; ``limit + 1`` when the
    lengths alone differ by more than ``limit``).

    >>> damerau('прстановлени', 'постановлени'), damerau('страгетия', 'стратегия')
    (1, 2)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


# a typo is tolerated in a head stem this long or longer (постановление, распоряжение)
_FUZZY_STEM = 10


@lru_cache(maxsize=65536)
def _ru_head_of(word: str) -> Optional[str]:
    """:func:`_ru_head` over the numbered heads, remembered per word form (the answer depends
    on the word alone; every word of a sentence is asked, a long one through ``damerau``)."""
    return _ru_head(word, _heads("ru"))


def _ru_head(word: str, heads: dict[str, str]) -> Optional[str]:
    """``Распоряжения`` → resolution; ``указанного`` is not ``указ`` (too long a tail); a long
    head with one typo still counts (``прстановления`` → resolution)."""
    low = word.lower()
    for lemma, kind in heads.items():
        stem = lemma[:-1] if lemma[-1] in "аеоияь" else lemma
        if low.startswith(stem) and len(low) - len(stem) <= 3:
            return kind
    if len(low) >= _FUZZY_STEM:
        for lemma, kind in heads.items():
            stem = lemma[:-1] if lemma[-1] in "аеоияь" else lemma
            if len(stem) >= _FUZZY_STEM and low[:1] == stem[:1] and any(
                    damerau(low[:n], stem, 1) <= 1 and len(low) - n <= 3
                    for n in (len(stem) - 1, len(stem), len(stem) + 1)):
                return kind
    return None


def ru_numbered_acts(text: str) -> list[Numbered]:
    """Numbered Russian acts in one sentence."""
    out = []
    taken: list[tuple[int, int]] = []
    starts = [w.start() for w in _letter_words(text, "ru") if _ru_head_of(w.group())]
    for pat in _ru_patterns():
        for pos in starts:
            m = pat.match(text, pos)
            if m is None or any(m.start() < e and s < m.end() for s, e in taken):
                continue
            kind = _ru_head_of(m.group("head"))
            issuer = re.sub(r"\s+", " ", m.group("issuer")).strip()
            if re.search(r"[.;:]", issuer):
                continue
            date = _ru_date_of(m)
            end = m.end()
            q = re.match(rf"(?:\s*,?\s*{force_of_law('ru')}\s*,?)?\s*[{_Q_OPEN}]([^{_Q_OPEN}{_Q_CLOSE}\n]{{2,250}})[{_Q_CLOSE}]",
                         text[end:])
            title = q.group(1) if q else m.groupdict().get("t")
            if q:
                end += q.end()
            number = m.group("num") or m.groupdict().get("bare")
            out.append(Numbered(m.start(), end, kind, m.group("head"), _clean_number(number), date,
                                int(date[:4]) if date else None, issuer or None, title))
            taken.append((m.start(), end))
            more = _ru_more().match(text, end)
            while more is not None:
                at = more.start("at")
                date = _ru_date_of(more)
                out.append(Numbered(at, more.end(), kind, m.group("head"),
                                    _clean_number(more.group("num")), date,
                                    int(date[:4]) if date else None, issuer or None, None))
                taken.append((at, more.end()))
                more = _ru_more().match(text, more.end())
    return sorted(out, key=lambda n: n.start)
