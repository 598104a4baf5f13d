"""Numeric claims: numbers that state a fact (a count, a share, an amount).

``extract_claims(analysis, tables)`` reads every sentence of the normalised view,
finds number expressions (``pipeline.extract.numbers``), drops the numbers that
state nothing (years used as dates, names, labels, citation markers, list item
numbers, page numbers) with small named rules, and fills the contract's
fields: qualifier, unit, measured lemma, subject, year, period and citation.
Table cells become claims too (``where: table``), with their row and column.

The parts: ``numeric_lex`` (word lists and what a word is to a number),
``numeric_measured`` (what is counted and whom it is about), ``numeric_meaning``
(year, period, as_of, change, from-to pairs, aggregates), ``tables`` (cells as claims).

Word lists: ``pipeline/data/<lang>/numeric_*.txt``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Optional

from pipeline.extract.numbers import LANGS, NumberExpr, number_words, scan_numbers, unit_of
from pipeline.extract.numeric_lex import (
    GEN, Word, is_word, kk_stem, match_term, month_role, ordinal_of, place_name, qualifiers, role_of, without_remark, word_role, word_set,
)
from pipeline.extract.numeric_meaning import attach_time, change_of_word, link_changes
from pipeline.extract.numeric_measured import (
    Ctx as _Ctx, count_of, is_time_word, measured_after, measured_before_kk, measured_of_percent_ru,
    measured_of_list_intro, measured_other, measured_phrase, subject_of,
)
from pipeline.extract.numeric_ordinal import kk_ordinal_noun, ru_ordinal_digits
from pipeline.extract.tables import table_claims
from pipeline.morph import analyze_phrase, tokenize
from pipeline.morph.kk import ending_pattern, endings
from pipeline.model import Analysis, Claim

__all__ = ["extract_claims", "claims_of_text", "kk_stem", "word_role", "place_name"]

_CITE_RE = re.compile(r"\[\s*\d+[^\[\]]{0,40}\]")
_BULLET_RE = re.compile(r"^\s*(?:[•●▪■◦\-–—*]|\d{1,2}[.)](?!\d))")
_YEAR_PREPS = {"в", "во", "с", "со", "до", "по", "к", "от", "на", "за", "in", "since", "by", "from", "until", "to", "during"}
_PERCENT_TAIL = re.compile(r"(?:пайыз|процент)\w+$", re.I)  # `пайызы`, `процентке`



@dataclass
class _Draft:
    expr: NumberExpr
    vs: int  # absolute view span
    ve: int
    lang: str
    doc_id: str
    sentence: str
    cite: Optional[str] = None
    kind: str = "claim"  # claim | year | a non-claim reason
    qualifier: str = "exact"
    unit: str = "count"
    currency: Optional[str] = None
    measured: Optional[str] = None
    subject: Optional[str] = None
    year: Optional[int] = None
    period: Optional[str] = None
    q_after: int = 0  # words after the number taken by a qualifier
    inherit: bool = False
    measured_phrase: Optional[str] = None
    change: Optional[str] = None
    from_value: Optional[float] = None
    from_year: Optional[int] = None
    aggregate: Optional[str] = None
    as_of: Optional[str] = None
    value_max: Optional[float] = None  # set when two numbers make one range: `21-ден 33 балға дейін`
    range_end: Optional[int] = None  # end of the range's second number (view, sentence-relative)
    merged: bool = False  # the second number of such a range


# ---------------------------------------------------------------- non-claim rules
# each returns a reason (the number states nothing) or None

def in_citation(c: _Ctx) -> Optional[str]:
    # `[1]`, `[3, б. 45]`, `[2; 5]`
    left = c.left
    if left.rfind("[") > left.rfind("]"):
        return "citation"
    return None


def after_number_sign(c: _Ctx) -> Optional[str]:
    # `№ 401-IV`, `No. 5`
    if re.search(r"(?:№|No\.?|N)\s*$", c.left):
        return "identifier"
    return None


def leading_zero(c: _Ctx) -> Optional[str]:
    """A number written with a leading zero is a code, a label or a misread letter, never an
    amount: `06` (a scan of `Об`), `код 007`; `0,5` and `0.5` are amounts."""
    core = c.text[c.expr.start : c.expr.core_end]
    if re.match(r"0\d", core) and not c.expr.words:
        return "code"
    return None


def numbered_by_date(c: _Ctx) -> Optional[str]:
    """A number followed by `от` and a date is the number of a document, even without `№`:
    `8-230 от 3 августа 2000 г.`, `решение 5-122 от 6.06.96 г.`."""
    if c.lang != "ru" or c.expr.unit or c.expr.words or len(c.next) < 3 or c.next[0].text.lower() != "от":
        return None
    day, month = c.next[1].text, c.next[2].text
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{2,4}", day):
        return "identifier"
    if re.fullmatch(r"\d{1,2}", day) and (word_role(month, c.lang) or "").startswith("month"):
        return "identifier"
    return None


def numbered_act_kk(c: _Ctx) -> Optional[str]:
    """Kazakh names an act after its number, and a maslikhat's decisions are numbered by session and
    decision, two numbers joined by a hyphen: `3-83 шешімдерінің` (решения № 3-83), as `№ 3-83
    шешімі`; such a pair before a word of an act is its number even without `№`."""
    e = c.expr
    if c.lang != "kk" or e.value_max is None or e.unit or e.words or e.suffix or not c.next:
        return None
    return "identifier" if word_role(c.next[0].text, c.lang, own=True) == "act" else None


def inside_name(c: _Ctx) -> Optional[str]:
    # `Қазақстан-2050`, `COVID-19`, `G20`, `Ту-154`
    left, right = c.left, c.right
    if re.search(r"[^\W\d_][-‑]?$", left) and not re.search(r"[$€£₸₽]$", left):
        return "name"
    if re.match(r"[^\W\d_]", right) and not c.expr.suffix and not c.expr.words:
        if not re.match(r"(?:%|млн|млрд|тыс|мың|k\b|m\b|bn\b)", right, re.I):
            return "name"
    return None


def inside_url(c: _Ctx) -> Optional[str]:
    # `http://site.kz/2019/05`, `a.b@mail.kz`, `+7 (727) 123-45-67`
    s, e = c.expr.start, c.expr.end
    a = c.text.rfind(" ", 0, s) + 1
    b = c.text.find(" ", e)
    tok = c.text[a : (b if b >= 0 else len(c.text))]
    if re.search(r"@|www\.|://|\.(?:kz|ru|com|org|net)\b|\d/\d+/\d", tok):
        return "url"
    if re.search(r"\+\d\s*\(?\d*\)?\s*$", c.left) or re.match(r"\)\s*\d{2,3}[-–]\d{2}", c.right):
        return "phone"
    if _PHONE.fullmatch(tok.strip(",;.()")) or re.match(r"\s*\(\d{3,5}\)\s*\d", c.right):
        return "phone"  # `27-15-30`, `8 (3282) 24-15-30`: groups of two digits joined by hyphens
    return None


_PHONE = re.compile(r"\d{1,3}(?:[-‑–]\d{2}){2,}")


def is_ordinal(c: _Ctx) -> Optional[str]:
    # `2030-ыншы жылға`, `1-й`, `90-х годов`, `XX ғасыр`
    return "ordinal" if c.expr.ordinal else None


def is_code(c: _Ctx) -> Optional[str]:
    # `ӘОЖ 32.019.5`, `1.2.3 бөлім`, `12.03.2019`
    return "code" if c.expr.dotted else None


def inside_markup(c: _Ctx) -> Optional[str]:
    # `<td colspan="2">`, `<a id="an0_p19">`: a number inside a tag is markup, not text
    left = c.left
    if left.rfind("<") > left.rfind(">"):
        return "markup"
    return None


_TAG_ONLY = re.compile(r"\s*(?:<[^<>]{1,40}>\s*)+")


def is_list_number(c: _Ctx) -> Optional[str]:
    # `1.Технологический аспект`, `2) ...`, `3. Қорытынды`, `11\.` (Markdown-escaped), `<td>9.</td>`, `1.9.`
    e = c.expr
    right = c.right
    line_start = c.text.rfind("\n", 0, e.start) + 1
    opens = c.first_in_line or bool(_TAG_ONLY.fullmatch(c.text[line_start : e.start]))
    core = c.text[e.start : e.end]
    if opens and not e.words and not e.unit and re.fullmatch(r"\d{1,2}(?:\.\d{1,2})+", core) and re.match(r"\s?\\?[.)]", right):
        return "list"  # `1.9.`: a point of a numbered list
    if e.words or e.unit or e.value != int(e.value) or e.value > 99:
        return None
    if opens and re.match(r"\s?\\?[.)](?!\d)", right):
        return "list"
    if c.first_in_line and re.match(r" [A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]", right) and not e.suffix:
        return "list"  # `14 Автокөлік жолдарымен ...`: a count is followed by a lower-case noun
    if re.match(r"\)(?!\d)", right) and re.search(r"(?:^|[\s;,(]|[^\d]:)$", c.left):
        return "list"
    if c.first_in_line and not right.strip():
        return "page"  # a number alone on its line
    return None


def is_label(c: _Ctx) -> Optional[str]:
    # `1 – кесте`, `Таблица 2`, `Рис. 3`, `кесте 1`
    if c.expr.unit:
        return None
    near = [w for w in c.next[:2] if w.text not in "-–—:."][:1] + [w for w in c.prev[:2] if w.text not in "-–—:."][:1]
    if any(role_of(w, c.lang) == "label" for w in near):
        return "label"
    return None


def is_page(c: _Ctx) -> Optional[str]:
    # `б. 45`, `с. 12–15`, `pp. 3-5`, `Т. 2`
    prev = [w for w in c.prev[:2] if w.text != "."][:1]
    if prev and prev[0].dot and role_of(prev[0], c.lang) == "page" or prev and role_of(prev[0], c.lang) == "page" and not prev[0].dot and len(prev[0].text) > 2:
        return "page"
    return None


def is_reference(c: _Ctx) -> Optional[str]:
    # `части 2 статьи 34-104`, `пункт 26`, `кодекстің 3 бабы`: a part of a legal text
    # the name of the part stands once before a list of any length: `статья 5, 13, 18, 19`
    prev = [w for w in c.prev[:16] if w.text != "." and not re.fullmatch(r"\d+(?:\.\d+)*|и|или|және|мен|,|and|or", w.text.lower())][:1]
    if prev and word_role(prev[0].text, c.lang, own=True) == "ref":
        return "reference"  # `пунктам 1 и 7`, `пункты 2.1, 2.2`
    if c.lang == "kk" and kk_reference_after(c.next, c.lang):
        return "reference"
    m = re.match(r"[-‑]([^\W\d_]+)", c.right)
    suffix = (c.expr.suffix.lstrip("-‑") or (m.group(1) if m else "")).lower()
    if c.lang == "kk" and len(suffix) > 3 and word_role(suffix, c.lang, own=True) in ("ref", "label"):
        return "reference"  # `14-тармағында`, `33-бабының`, `1-қосымша`: a part of a legal text
    if re.match(r"-?лети", c.expr.suffix.lower()) or c.lang == "kk" and c.next and \
            word_role(c.next[0].text.lstrip("-‑"), c.lang, own=True) == "anniversary":
        return "anniversary"  # `к 75-летию`, `60 жылдығына`
    return None


def kk_reference_after(nxt: list, lang: str) -> bool:
    """A Kazakh part of a legal text names its kind after the numbers, once for a list of them:
    `3, 4 және 5-тармақтарында` (in points 3, 4 and 5), `1 және 2 тармақтарына`: every number
    before the word (or the ending of the last number) is a reference."""
    for w in nxt[:7]:
        t = w.text.lower()
        if t in word_set("kk", "numeric_list_joiners.txt"):
            continue
        m = re.fullmatch(r"\d+(?:\.\d+)*(?:[-‑]([^\W\d_]+))?", t)
        if m:
            if m.group(1):
                return word_role(m.group(1), lang, own=True) in ("ref", "label")
            continue
        return word_role(t.lstrip("-‑"), lang, own=True) in ("ref", "label")
    return False


_QUOTES = {'"', "«", "»", "“", "”", "„", "'"}


def is_date(c: _Ctx) -> Optional[str]:
    # `5 мая`, `12 қаңтарда`, `10:30`, `«4:44»`
    e = c.expr
    core = c.text[e.start : e.core_end]
    if re.match(r"\s?[:.]\s?\d{2}\b", c.right) or (re.search(r"\d\s?:\s?$", c.left) and len(core) == 2):
        return "time"  # `21 : 30-да`; a score `14:0` stays
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})", core) or re.match(r"\.\d{1,2}\.(?:\d{2}|\d{4})\b", c.right):
        return "date"  # `01.09.98`, `до 25.07.98`
    if c.lang == "kk" and re.fullmatch(r"(?:[12]\d|3[01]|0?[1-9])\.(?:0[1-9]|1[0-2])", core) and \
            c.expr.suffix.lstrip("-‑").lower() in endings("LREL"):
        return "date"  # a day and a month with the ending of a date: `2002 ж. 28.01-дегі № 137 қаулысы`
    if e.unit or e.value_max is None and e.value > 31:
        return None
    nxt = [w for w in c.next[:3] if w.text not in _QUOTES]
    prv = [w for w in c.prev[:3] if w.text not in _QUOTES]
    if nxt and month_role(nxt[0].text, c.lang):
        return "date"  # `5 мая`, `«30» июля`
    if len(c.next) >= 3 and c.next[0].text.lower() in ("по", "до", "-", "–", "—") and re.fullmatch(r"\d{1,2}", c.next[1].text) \
            and (word_role(c.next[2].text, c.lang) or "").startswith("month"):
        return "date"  # the first day of a span of days: `со 2 по 15 марта`, `с 1 до 10 июня`
    if c.lang == "kk" and len(c.prev) >= 2 and re.fullmatch(r"\d{1,2}[-‑]\w+", c.prev[0].text) \
            and (word_role(c.prev[1].text, c.lang) or "").startswith("month") and GEN.search(c.prev[1].text.lower()):
        return "date"  # the last day of a span of days: `наурыздың 2-нен 15-не дейін` (со 2 по 15 марта)
    if nxt and word_role(nxt[0].text, c.lang) in ("quarter", "half") and e.value <= 4 and not e.words:
        return "period"  # `за 1 квартал`, `1 тоқсанда`
    if prv and c.prev[0].text in _QUOTES and (word_role(prv[0].text, c.lang) or "").startswith("month"):
        return "date"  # `2002 ж. наурыз «15»`
    m = re.match(r"[-‑]\s?([^\W\d_]+)", c.right)
    if m and month_role(m.group(1), c.lang) and e.value <= 31:
        return "date"  # `29- желтоқсандағы`, `15-сәуірдегі`
    if e.value <= 31 and (c.next and word_role(c.next[0].text, c.lang, own=True) == "day"
                          or c.prev and c.lang == "kk" and re.fullmatch(r"айы?(?:ның|дың)", c.prev[0].text.lower())):
        return "date"  # a day of the month: `до 20 числа`, `айдың 25-не дейін`
    if c.prev and month_role(c.prev[0].text, c.lang) and e.value <= 31:
        if c.lang == "en" or c.lang == "kk" and GEN.search(c.prev[0].text.lower()):
            return "date"  # `тамыздың 19-ы күні`, `May 5`; not ru `28 апреля 2 человека`
    if c.prev and c.lang == "kk" and c.prev[0].text.lower() in word_set("kk", "numeric_clock.txt") and e.value <= 24:
        return "time"  # `сағат 16`, `таңғы 7-ден`
    return None


# the ending of a year after a hyphen: a Kazakh case or -ғы ending of two letters or more
# (`2018-ден`, `2020-ға`, `2019-ғы`), the short Kazakh ordinal (`2020-шы`), a Russian ordinal's (`2018-го`)
_KK_SHORT_ORDINAL = ("шы", "ші")
_RU_ORDINAL_ENDINGS = ("й", "го", "му", "м", "х", "е")
_YEAR_CASE = re.compile("-(?:" + "|".join(
    [e for e in endings("DAT", "LOC", "ABL", "GEN", "REL") if len(e) > 1] + list(_KK_SHORT_ORDINAL + _RU_ORDINAL_ENDINGS)) + ")")
# a case ending on a number word (ablative, dative, locative): `жиырмадан`, `отызға`, `елуде`
_KK_CASE_END = re.compile(f"(?:{ending_pattern('ABL', 'DAT', 'LOC')})$")
_SIMILATIVE = re.compile(f"(?:{ending_pattern('SIM')})$")  # `жүздей`, `100000 теңгедей`: about


def _year_like(v: float) -> bool:
    return v == int(v) and 1000 <= v <= 2100


def time_ago(c: _Ctx) -> Optional[str]:
    # `2 жыл бұрын`, `соңғы 2 жылда`, `5 лет назад`, `последние 3 года`: a date, not a figure
    e = c.expr
    if e.unit or e.value >= 1000:
        return None
    nxt = word_role(c.next[0].text, c.lang) if c.next else None
    if nxt not in ("year", "duration"):
        return None
    if len(c.next) > 1 and word_role(c.next[1].text, c.lang) == "ago":
        return "date"
    if c.prev and word_role(c.prev[0].text, c.lang) == "last":
        return "date"
    return None


def weak_number_word(c: _Ctx) -> Optional[str]:
    # `бір бағытына`, `екі тарап`, `Кіші жүз`, `один из`: a lone small number word is not a figure
    e = c.expr
    if not e.words or e.unit or e.compound:
        return None
    if " " in c.text[e.start : e.end].strip():
        return None
    w = c.text[e.start : e.end]
    if e.value > 1 and c.next and word_role(c.next[0].text, c.lang) == "times":
        return None  # `екі есе`, `в два раза`: a multiple is a figure, however small
    base = _SIMILATIVE.sub("", w.lower())  # `жүздей` (about a hundred)
    if c.lang == "kk" and base not in _number_words_exact(c.lang):
        base = _KK_CASE_END.sub("", base)  # `жиырмадан астам` (more than twenty), `отызға жуық`
    if e.value < 3 or w[:1].isupper() or base not in _number_words_exact(c.lang):
        return "number-word"  # `бір`, `Он опубликовал`, `жүзі`
    if base in _homographs(c.lang):
        return "homograph"  # `тоқсан қорытындысы` (the quarter), not 90
    if c.next and c.next[0].text[:1].islower() and (ordinal_of(c.next[0].text, c.lang) is not None or re.search(
            r"(?:ыншы|інші|ншы|нші|ый|ой|ий|ого|его|ому|ему)$", c.next[0].text.lower()) and c.next[0].upos != "NOUN"):
        return "ordinal"  # `он бірінші`, `двадцать первое`; not a noun: `свыше двадцати учреждений`
    if c.prev and c.prev[0].text[:1].isupper() and is_word(c.prev[0]) and c.prev[0] is not c.words[0]:
        return "name"  # `Кіші жүз`, `Орта жүз`
    if not c.next or not is_word(c.next[0]):
        return "number-word"
    return None


def is_year(c: _Ctx) -> Optional[str]:
    # `2017 жылы`, `в 2018 году`, `2014–2018 жж.`, `2010-2020 жылдарға арналған`
    e = c.expr
    if e.unit or e.words or e.mult != 1 or not _year_like(e.value):
        return None
    if e.value_max is not None and not _year_like(e.value_max):
        return None
    nxt = c.next[0].text if c.next else ""
    role = word_role(nxt, c.lang) if nxt else None
    if role == "year" or (role or "").startswith("month"):
        return "year"
    counted = bool(c.next) and nxt[:1].islower() and c.next[0].upos in ("NOUN", "ADJ")  # `по 1000 штук`, `в 2000 школах`
    month_before = bool(c.prev) and (word_role(c.prev[0].text, c.lang) or "").startswith("month")
    if month_before and not (c.lang == "kk" and counted):
        return "year"  # `января 2001`; Kazakh writes the year first, so `1 қаңтарға 1500 бас мал` counts
    if c.prev and c.prev[0].text.lower() in _YEAR_PREPS and not counted and not (
            c.prev[0].text.lower() == "на" and any(change_of_word(w, c.lang) for w in c.prev[1:3])):
        return "year"  # `в 2019`; not `по 1000 штук`, not the size of a change (`возросло на 1200`)
    if e.value_max is not None:
        return "year"
    if e.suffix and e.value >= 1800 and _YEAR_CASE.fullmatch(e.suffix.lower()) and not _qualifier_after(c)[0]:
        return "year"  # `2018-ден бастап`, `2020-ға дейін`; not `1162-сі`, `1000-даған`
    if e.value >= 1900 and (not nxt or not nxt[0].isalpha() or nxt[0].isupper()):
        return "year"  # `(2019)`, `2018, 2019`
    return None


NON_CLAIM_RULES: list[Callable[[_Ctx], Optional[str]]] = [
    inside_markup,
    in_citation,
    after_number_sign,
    numbered_by_date,
    numbered_act_kk,
    inside_url,
    inside_name,
    is_ordinal,
    is_code,
    leading_zero,
    is_list_number,
    is_label,
    is_page,
    is_reference,
    kk_ordinal_noun,
    ru_ordinal_digits,
    is_date,
    time_ago,
    weak_number_word,
    is_year,
]


def classify(c: _Ctx, *, debug: bool = False) -> str:
    """``claim`` or the name of the first rule that says the number states nothing."""
    for rule in NON_CLAIM_RULES:
        reason = rule(c)
        if reason:
            if debug:
                print(f"{rule.__name__}: {c.text[c.expr.start:c.expr.end]!r} -> {reason}")
            return reason
    return "claim"


# ---------------------------------------------------------------- attributes

def _qualifier_before(c: _Ctx) -> Optional[str]:
    prev = [w.text.lower() for w in c.prev[:5]]
    if c.lang == "ru" and prev[:1] == ["в"] and c.next and word_role(c.next[0].text, c.lang) == "times":
        prev = prev[1:]  # a multiple's qualifier stands before its `в`: `почти в два раза`, `более чем в 2 раза`
    for phrase, q, side in qualifiers(c.lang):
        if side != "before" or len(phrase) > len(prev):
            continue
        if tuple(reversed(prev[: len(phrase)])) == phrase:
            return q
    return None


def _qualifier_after(c: _Ctx) -> tuple[Optional[str], int]:
    """A qualifier written after the number, right after it or after its unit word:
    `3000-ға жуық` → approx; `15 жылдан кем емес` → at_least; `10 жылдан астам` → more_than.
    Returns the qualifier and how many words right after the number it takes (0 when the
    unit word comes first: that word is still the counted thing)."""
    term = match_term(c.next, c.lang)  # `2 айлық есептік көрсеткіштен аспайтын`: the term, then the qualifier
    nxt = [w.text.lower() for w in c.next[: 5 + (term[1] if term else 0)]]
    # kk the counted noun in the ablative after a classifier or an adjective: `5 мың бас малдан астам`
    # (более 5 тыс. голов скота), `100 жас мамандан астам`
    two = c.lang == "kk" and len(c.next) > 1 and is_word(c.next[1]) and bool(_KK_ABLATIVE.search(c.next[1].text.lower()))
    for skip in (0, 1) + ((term[1],) if term and term[1] > 1 else ((2,) if two else ())):
        if skip and (not c.next or not is_word(c.next[0]) or c.next[0].upos in ("CCONJ",)):
            break
        for phrase, q, side in qualifiers(c.lang):
            if side not in ("after", "after_abl") or len(phrase) + skip > len(nxt):
                continue
            if side == "after_abl" and not _ablative_before(c, skip):
                continue
            if tuple(nxt[skip : skip + len(phrase)]) == phrase or (
                    len(phrase) == 1 and skip < len(c.next) and _possessive_form_of(c.next[skip], phrase[0], c.lang)):
                return q, (len(phrase) if not skip else 0)
    return None, 0


def _possessive_form_of(w: Word, qualifier: str, lang: str) -> bool:
    """A Kazakh qualifier used as the noun of what it qualifies takes the 3rd-person possessive:
    `60 пайыздан астамы` (more than 60 % of them), `3000-ға жуығы` (nearly 3000 of them): the
    layer reads the word as the qualifier's lemma with a possessive."""
    return lang == "kk" and (w.lemma or "").lower() == qualifier and w.text.lower() != qualifier \
        and "Person[psor]=3" in (w.feats or "")


_KK_ABLATIVE = re.compile(f"(?:{ending_pattern('ABL')})$")


def _ablative_before(c: _Ctx, skip: int) -> bool:
    """A Kazakh comparative is a qualifier only after the standard of comparison in the ablative,
    on the number or on its unit word: `80 балдан төмен` (below 80 points), `50-ден артық`; after
    the dative it gives the size of a difference (`15 %-ға артық`: by 15 % more) and after no
    ending it is no qualifier (`5 жоғары оқу орны`: five universities, `2 есе артық`)."""
    word = c.next[skip - 1].text if skip else c.text[c.expr.start : c.expr.end]
    return bool(_KK_ABLATIVE.search(word.lower()))


def qualifier_of(c: _Ctx) -> tuple[str, int]:
    """``(qualifier, words after the number that belong to it)``.

    `шамамен 3000-ға жуық` → approx; `50-ден астам` → more_than; `70-80%` → range.
    """
    after, n_after = _qualifier_after(c)
    before = _qualifier_before(c)
    e = c.expr
    if _SIMILATIVE.search(c.text[e.start : e.end]):
        return "approx", n_after  # `100000 теңгедей`
    q = after or before
    if after and before and "approx" in (after, before):
        q = "approx"
    if e.value_max is not None and q in (None, "at_least", "at_most"):
        q = "range"
    return q or "exact", n_after



# ---------------------------------------------------------------- the sentence loop

def _words(text: str, lang: str, toks: Optional[list] = None, spans: Optional[list] = None) -> list[Word]:
    """The sentence's words as the language layer split and analysed them (lemma, UPOS, features).

    ``toks``: the sentence's tokens from the token stage; without them (a sentence given as a
    string) the layer's tokenizer and analyser are asked here.
    """
    spans = tokenize(text, lang) if spans is None else spans
    ws = [Word(a, b, text[a:b], dot=text[b : b + 1] == ".") for a, b in spans]
    if toks is not None and len(toks) == len(ws):
        for w, t in zip(ws, toks):
            w.lemma, w.upos, w.feats = t.lemma, t.upos, getattr(t, "feats", "") or ""
        return ws
    try:
        res = analyze_phrase([w.text for w in ws], lang) if lang in LANGS else []
    except Exception:  # a morph backend must not break extraction
        res = []
    for w, t in zip(ws, res):
        w.lemma, w.upos, w.feats = t.lemma, t.upos, t.feats or ""
    return ws


def _ctx(text: str, lang: str, e: NumberExpr, words: list[Word]) -> _Ctx:
    prev = [w for w in words if w.ve <= e.start][::-1]
    nxt = without_remark([w for w in words if w.vs >= e.end])
    line_start = text.rfind("\n", 0, e.start) + 1
    head = text[line_start : e.start]
    first = not head.strip() or bool(re.fullmatch(r"\s*[•●▪■◦*\-–—]?\s*", head))
    return _Ctx(text, lang, e, words, prev, nxt, first)


def _sentence_drafts(text: str, lang: str, *, debug: bool = False, toks: Optional[list] = None) -> list[_Draft]:
    """Claims (and years) of one sentence of the view, offsets relative to ``text``."""
    spans = tokenize(text, lang)  # the sentence's words, as the language layer cut them
    exprs = scan_numbers(text, lang, spans)
    if not exprs:
        return []
    words = _words(text, lang, toks, spans)
    drafts: list[_Draft] = []
    for e in exprs:
        c = _ctx(text, lang, e, words)
        kind = classify(c, debug=debug)
        d = _Draft(e, e.start, e.end, lang, "", "", kind=kind)
        if kind == "claim":
            d.qualifier, d.q_after = qualifier_of(c)
            d.unit = e.unit or _unit_after(c) or "count"
            d.currency = e.currency if d.unit == "money" else None
            if d.unit == "count" and d.q_after and len(c.next) > d.q_after:
                # the unit after a qualifier that follows the number: `500 мыңнан астам теңге`
                # (= `более 500 тысяч тенге`), `10 мыңға жуық доллар`
                u = unit_of(c.next[d.q_after].text, lang)
                if u is not None and u.unit in ("money", "percent"):
                    d.unit, d.currency = u.unit, u.currency if u.unit == "money" else None
            nxt = c.next[d.q_after :]
            if d.unit == "percent":
                if lang == "kk":
                    # `оның 50%-ы`, `істер ... 70-80%-ды құрауы`: a suffixed share counts what came before
                    m = None if e.suffix or _PERCENT_TAIL.search(text[e.start:e.end]) else measured_after(nxt, lang)
                    d.measured = m or measured_before_kk(c)
                else:
                    d.measured = measured_of_percent_ru(c)
            elif d.unit == "count" and lang == "kk" and re.fullmatch(r"-(?:ы|і|сы|сі|еуі|ауы)", e.suffix.lower()):
                m = measured_before_kk(c)  # `245 адам науқастанып, 26-сы көз жұмды`: 26 of them
                d.measured = None if m == "<inherit>" else m
                d.inherit = d.measured is None
            elif d.unit == "count":
                d.measured = count_of(c) or measured_after(nxt, lang)
            elif d.unit == "other":
                d.measured = measured_other(c, nxt, lang)
            elif d.unit == "money":
                d.measured = measured_of_list_intro(c)  # `табыс салығы бойынша: Ақсу ауданы 121 мың теңге`
            if d.measured == "<inherit>":
                d.measured, d.inherit = None, True
            elif d.measured is None and d.unit in ("count", "percent"):
                # only a figure with nothing after it is elliptical: `2018 жылы – 105, ал ...`
                after = nxt[0].text.lower() if nxt else ""
                d.inherit = not after or not is_word(nxt[0]) or after in word_set(lang, "numeric_stops.txt")
            d.subject = subject_of(c)
            d.measured_phrase = measured_phrase(c, nxt, d.measured)
        drafts.append(d)
    claims = [d for d in drafts if d.kind == "claim"]
    attach_time(text, lang, words, claims, [d for d in drafts if d.kind == "year"])
    link_changes(text, lang, words, claims)
    # an elliptical figure takes the counted thing of its neighbours: `2018 жылы – 105, ал 2019 жылы – 120 ұйым`
    for k, d in enumerate(claims):
        if d.inherit and d.measured is None:
            prev = [x for x in claims[:k][::-1] if x.measured and x.unit == d.unit]
            nxt = [x for x in claims[k + 1 :] if x.measured and x.unit == d.unit and not x.inherit]
            src = prev[0] if prev else (nxt[0] if nxt else None)
            if src is None and d.unit == "percent":
                src = next((x for x in claims[:k][::-1] if x.measured), None)
            if src is not None:
                d.measured = src.measured
        if d.inherit and d.unit == "count" and not d.expr.words:
            prev = [x for x in claims[:k][::-1] if x.unit == "percent"]
            if prev and k and claims[k - 1] is prev[0]:
                d.unit = "percent"  # `на 55-60 процентов, кое-где на 20-25`: the share goes on
    return drafts


def _homographs(lang: str) -> frozenset[str]:
    """Number words read as another word when they stand alone (`numeric_homographs.txt`)."""
    return frozenset(k.split("\t")[0].strip() for k in word_set(lang, "numeric_homographs.txt"))


def _number_words_exact(lang: str) -> dict:
    return number_words(lang if lang in LANGS else "en")


_DURATION_SUFFIX = re.compile(r"-?(?:летн|дневн|месячн|недельн|годичн|суточн|часов|минутн)")


def _unit_after(c: _Ctx) -> Optional[str]:
    if _DURATION_SUFFIX.match(c.expr.suffix.lower()):
        return "other"  # a span of time or an age: `10-дневный срок` (= `10 күндік мерзім`), `70-летнему мужчине`
    if match_term(c.next, c.lang):
        return None  # a term names the counted thing, though it begins with a time word: `1,5 айлық есептік көрсеткіш`
    if c.lang == "ru" and c.expr.suffix.lower() in ("", "-ти", "-х", "-и") and c.next and c.next[0].text[:1].islower() \
            and _DURATION_SUFFIX.match(c.next[0].text.lower()):
        return "other"  # the compound written apart: `в 10-ти дневный срок`, `в 10 дневный срок`
    for w in [x for x in c.next[:4] if x.text not in _QUOTES][:3]:
        if not is_word(w):
            break
        if is_time_word(w, c.lang):
            if c.expr.value < 1000:
                return "other"  # `10 жылдан астам уақыт`, `12 минут`, `десяти календарных дней`
            break
        if w.upos not in ("ADJ", "DET") and not (w is c.next[0] and len(c.next) > 1
                                                  and is_time_word(c.next[1], c.lang)):
            break  # `бес жұмыс күнінен`: a noun used as a modifier of the time word
    if c.next:
        u = unit_of(c.next[0].text, c.lang)
        if u and u.unit == "other":
            return "other"
    return None


def _cite_in(text: str, pos: Optional[int] = None) -> Optional[str]:
    marks = list(_CITE_RE.finditer(text))
    if not marks:
        return None
    if pos is not None:
        after = [m for m in marks if m.start() >= pos]
        if after:
            return after[0].group()
    return marks[-1].group()


def extract_claims(analysis: Analysis, tables=(), *, debug: bool = False) -> list[Claim]:
    """Numeric claims of the text and of the table cells, in reading order.

    Never raises: a sentence that fails is skipped.
    """
    out: list[Claim] = []
    try:
        out.extend(_text_claims(analysis, tables or (), debug=debug))
    except Exception:  # pragma: no cover - last resort, keep what we have
        if debug:
            raise
    try:
        out.extend(table_claims(analysis, tables or ()))
    except Exception:  # pragma: no cover
        if debug:
            raise
    out.sort(key=lambda c: (c.start, c.end))
    counters: dict[str, int] = {}
    final = []
    for c in out:
        counters[c.doc_id] = counters.get(c.doc_id, 0) + 1
        final.append(_replace_id(c, f"{c.doc_id}:c{counters[c.doc_id]}"))
    return final


def _replace_id(c: Claim, cid: str) -> Claim:
    return replace(c, claim_id=cid)


def _text_claims(a: Analysis, tables, *, debug: bool = False) -> list[Claim]:
    view = a.view
    src = a.source.text
    if view is None or not a.sentences:
        return []
    spans = [(t.start, t.end) for t in tables]
    # front matter, references and page furniture state no figures; a headline does
    # (`Семья Обамы приобрела дом за 8,1 млн долларов`), so titles are read too
    fact = {id(x) for x in a.fact_sentences()}
    sents = [x for x in a.sentences if id(x) in fact or x.section == "title"]
    out: list[Claim] = []
    for si, s in enumerate(sents):
        vtext = view.text[s.vstart : s.vend]
        if not re.search(r"\d|[^\W\d_]", vtext):
            continue
        try:
            drafts = _sentence_drafts(vtext, s.lang, debug=debug, toks=a.tokens_of(s.sent_id) if a.tokens else None)
        except Exception:
            if debug:
                raise
            continue
        for d in drafts:
            if d.kind != "claim" or d.merged:
                continue
            start, end = view.to_source(s.vstart + d.expr.start, s.vstart + (d.range_end or d.expr.end))
            if any(a0 <= start < b0 for a0, b0 in spans):
                continue  # a table cell: `table_claims` reads it with its row and column
            cite = _cite_in(s.text, end - s.start) if _CITE_RE.search(s.text) else _list_cite(sents, si, a)
            e = d.expr
            out.append(
                Claim(
                    claim_id="",
                    doc_id=s.doc_id,
                    lang=s.lang,
                    value=_num(e.value),
                    value_max=_num(_vmax(d)) if _vmax(d) is not None else None,
                    unit=d.unit,
                    currency=d.currency,
                    qualifier=d.qualifier,
                    measured=d.measured,
                    subject=d.subject,
                    year=d.year,
                    period=d.period,
                    cite=cite,
                    where="text",
                    table=None,
                    row=None,
                    column=None,
                    text=src[start:end],
                    sentence=s.text,
                    start=start,
                    end=end,
                    measured_phrase=d.measured_phrase,
                    change=d.change,
                    from_value=_num(d.from_value) if d.from_value is not None else None,
                    from_year=d.from_year,
                    aggregate=d.aggregate,
                    as_of=d.as_of,
                )
            )
    return out


def _list_cite(sents, si: int, a: Analysis) -> Optional[str]:
    """A marker at the end of a bulleted list covers its items: `• 894 ... • 184 ...[4].`"""
    view = a.view
    s = sents[si]
    if not _BULLET_RE.match(view.text[s.vstart : s.vend]):
        return None
    for t in sents[si + 1 : si + 30]:
        vt = view.text[t.vstart : t.vend]
        if t.doc_id != s.doc_id or not _BULLET_RE.match(vt):
            return None
        m = _cite_in(t.text)
        if m:
            return m
    return None


def _vmax(d: _Draft) -> Optional[float]:
    return d.value_max if d.value_max is not None else d.expr.value_max


def _num(v: float) -> float:
    return int(v) if v == int(v) and abs(v) < 1e15 else v


def claims_of_text(text: str, lang: str, *, debug: bool = False) -> list[dict]:
    """Claims of one sentence given as a string (for tests and notebooks): dicts of the main fields."""
    out = []
    for d in _sentence_drafts(text, lang, debug=debug):
        if d.kind != "claim" or d.merged:
            continue
        e = d.expr
        out.append(
            dict(
                text=text[e.start : d.range_end or e.end], value=_num(e.value),
                value_max=_num(_vmax(d)) if _vmax(d) is not None else None,
                unit=d.unit, currency=d.currency, qualifier=d.qualifier, measured=d.measured,
                subject=d.subject, year=d.year, period=d.period, measured_phrase=d.measured_phrase,
                change=d.change, from_value=_num(d.from_value) if d.from_value is not None else None,
                from_year=d.from_year, aggregate=d.aggregate, as_of=d.as_of,
            )
        )
    return out
