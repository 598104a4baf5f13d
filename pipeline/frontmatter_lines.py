"""Lines of an article's head, one at a time: the patterns of its fields (codes, DOI, e-mail,
ORCID, names), the values they give, and the role of each line (``line_role``).

``_pieces`` cuts the lines of a stretch of text at the fields a line holds (``field_cuts``) and
gives each piece its role by the first of an ordered list of named rules. Over the lines of a whole
source: where further articles start (``later_starts``) and a PDF's repeated page headers and
footers (``page_furniture``). ``pipeline.frontmatter``
puts the roles together into an article's front matter. Word lists are data files in
``pipeline/data/common``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.langid import detect_language
from pipeline.resources import load_keys, load_list, load_map

UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
LO = "a-zа-яёәғқңөұүһіýʼ'’"
CAP = rf"[{UP}][{LO}]+(?:-[{UP}]?[{LO}]+)?"
INI = rf"[{UP}]\.\s?"
# patronymics: Владимирович, Адалетовна, Жангазыевич, Серікұлы, Zhangazyevich
PATR = rf"[{UP}][{LO}]*(?:вич|вна|чна|ұлы|қызы|uly|kyzy|ovich|evich|ovna|evna)"
# a full name printed all in capitals: ИВАНОВ ИВАН ИВАНОВИЧ, СЕРІКОВ АЙДОС БОЛАТҰЛЫ
CAPS_PATR = r"(?:ВИЧ|ВНА|ЧНА|ҰЛЫ|ҚЫЗЫ|ULY|KYZY|OVICH|EVICH|OVNA|EVNA)"
CAPS_FULL = rf"[{UP}]{{2,}}(?:-[{UP}]{{2,}})?\s+[{UP}]{{2,}}\s+[{UP}]+{CAPS_PATR}"
# the same in the order of address, the surname last: ДМИТРИЙ ВИКТОРОВИЧ ИВАНОВ
CAPS_FULL_GIVEN = rf"[{UP}]{{2,}}\s+[{UP}]+{CAPS_PATR}\s+[{UP}]{{2,}}(?:-[{UP}]{{2,}})?"
# an affiliation marker after a name: a digit, a sign, or a small Latin letter (Ахметов А.Б.a, Серикова Г.К.b)
MARK = r"(?:\d{1,2}|[*¹²³⁴⁵⁶⁷⁸⁹⁰†‡]|[a-f](?![a-z]))(?:\s?,\s?(?:\d{1,2}|[a-f](?![a-z])))*"
# a surname may be printed in capitals: ИВАНОВ Иван Иванович, А.Б. СЕЙТҚАЛИ
SUR = rf"(?:{CAP}|[{UP}]{{3,}}(?:-[{UP}]{{3,}})?)"
NAME = (rf"(?:(?:{INI}){{1,2}}\s?{SUR}"  # Т. М. Әминов, С.В. Саяпин
        rf"|{SUR}\s+{CAP}\s+{PATR}"  # Искаков Ирлан Жангазыевич
        rf"|{CAP}\s+{PATR}\s+{SUR}"  # Сергей Владимирович Бирюков
        rf"|{CAPS_FULL}"  # ПЕТРОВ ПЁТР ПЕТРОВИЧ
        rf"|{CAPS_FULL_GIVEN}"  # ПЁТР ПЕТРОВИЧ ПЕТРОВ
        rf"|{SUR}\s+(?:{INI}){{1,2}})")  # Шнарбекова М.К., Залесны Я.
NAME_RX = re.compile(rf"(?<![{UP}{LO}])({NAME})({MARK})?(?![{LO}])")
LABELLED_NAME_RX = re.compile(rf"(?<![{UP}{LO}])({NAME}|{CAP}\s+{CAP})({MARK})?(?![{LO}])")  # after "Авторы:"
# a name and a surname with an affiliation marker right after them is a name too: a title puts no
# figure on its words (Айгерім Нұрланова1, Болат Ахметов²)
MARKED_NAME_RX = re.compile(rf"(?<![{UP}{LO}])({NAME}|{CAP}\s+{CAP}(?=\d|[*¹²³⁴⁵⁶⁷⁸⁹⁰†‡]))({MARK})?(?![{LO}])")
AUTHOR_PREFIX = re.compile(r"^\s*[-–•]?\s*(?:авторлар|авторы|автор|authors?)(?![а-яёәa-z])\s*[:—–-]?\s*", re.IGNORECASE)
REPO_AUTHOR = re.compile(r"автор(?:ы)?\s+научной\s+работы\s*[—–-]\s*(.+)$", re.IGNORECASE)
NAME_SEP = re.compile(r"^[\s,;–—-]*(?:(?:и|and|және|&)\s+)?$", re.IGNORECASE)
NAME_JOIN = re.compile(r"\s*(?:,|(?<=\s)(?:и|and|және)(?=\s))\s*")
TWO_WORD_NAME = re.compile(rf"^({CAP}\s+{CAP})\s*[,–—-]\s+(.+)$")

DOI_RX = re.compile(r"(?:\b(?:doi|DOI|Doi)\s*:?\s*)?(?:https?://(?:dx\.)?doi\.org/)?\b(10\.\d{4,9}/[^\s,;\"«»]+)")
EMAIL_RX = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email\s*protected\]")
ORCID_RX = re.compile(r"(?:orcid(?:\.org/|\s*(?:id)?\s*:?\s*))?\b(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\b", re.IGNORECASE)
# an ORCID printed after an author's name, as a link or in brackets: (ORCID: 0000-...), https://orcid.org/0000-...
ORCID_AFTER_NAME = re.compile(r"\(?\s*(?:https?://)?(?:www\.)?" + ORCID_RX.pattern + r"\s*\)?", re.IGNORECASE)
URL_RX = re.compile(r"(?:https?://|www\.)\S+")
ISSUE_RX = re.compile(
    r"(?:№|\bNo\.?|\bVol\.?|\bТом\b|\bТ\.)\s*\d"  # № 2(14), Vol. 19, No.2, Т. 27
    r"|\bN\s?\d{1,3}\s*\(\d{1,4}\)"  # N 2 (78): an issue with its running number
    r"|\b[СCс]\.\s*\d+\s*[-–]\s*\d+"  # С. 225-236
    r"|\bpp?\.\s*\d+"  # pp. 225-236
    r"|\bISSN\b")
# an entry of a numbered reference list: "2. Петров П.П. ..." | "[3] Smith J." (never an article's head)
REF_ENTRY = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)])\s+\S")
YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)")
SENT_END = re.compile(r"[.!?…][»\"”)]*$")
WORD = re.compile(rf"[{UP}{LO}][{UP}{LO}-]*")


@dataclass(frozen=True, slots=True)
class Region:
    """A span of the front matter with the section kind it gives and its finer role."""

    kind: str  # title | authors | affiliation | abstract | keywords | metadata | furniture
    role: str  # title | author | affiliation | code | doi | email | orcid | date | funding | running_head | ...
    start: int
    end: int
    lang: str = "other"



# --- word lists ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _lookalikes() -> dict[str, str]:
    """Cyrillic letter -> the Latin letters printed for it (common/homoglyphs.txt)."""
    out: dict[str, str] = {}
    for lat, cyr in load_map("common/homoglyphs.txt").items():
        out[cyr] = out.get(cyr, "") + lat
    return out


def label_key(label: str) -> str:
    """A label as its data file writes it: spaces collapsed, small letters, and in a word with
    Cyrillic letters the Latin look-alikes made Cyrillic (``YДК`` → ``удк``)."""
    s = re.sub(r"\s+", " ", label).lower()
    if not re.search("[\u0400-\u04ff]", s):
        return s
    back = {lat.lower(): cyr.lower() for cyr, lats in _lookalikes().items() for lat in lats}
    return "".join(back.get(c, c) for c in s)


def _pattern(phrase: str) -> str:
    """A label as a pattern: spaces as any run of spaces, and a Cyrillic letter also as the Latin
    look-alike a source may print for it (``Kлючевые cлова`` with Latin K and c).

    >>> bool(re.fullmatch(_pattern("Ключевые слова"), "Kлючевые  cлова"))
    True
    """
    table = _lookalikes()
    out = []
    for ch in phrase:
        if ch == " ":
            out.append(r"\s+")
        elif ch in table:
            out.append("[" + ch + table[ch] + "]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _alt(words) -> str:
    return "|".join(_pattern(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _code_rx() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    rows = {}
    for line in load_list("common/code_schemes.tsv"):
        label, scheme, kind = (x.strip() for x in line.split("\t"))
        rows[label.lower()] = (scheme, kind)
    rx = re.compile(rf"(?<![{UP}{LO}])({_alt(rows)})\s*:?\s*", re.IGNORECASE)
    return rx, rows


CODE_VALUE = {
    # 32.019.5 | 930.323(574) | 341.1/8 | 327(574):341 ; several joined by , or ;
    "digits": re.compile(r"\d[\d.:/()\[\]+=\-–'\"]*(?:\s*[,;]\s*\d[\d.:/()\[\]+=\-–'\"]*)*"),
    "letters": re.compile(r"[A-Z0-9]{4,}(?=[^a-z]|$)"),
    "jel": re.compile(r"[A-Z]\d{1,2}(?:\s*[,;]\s*[A-Z]\d{1,2})*"),
}


@lru_cache(maxsize=None)
def _prefix_rx(name: str) -> re.Pattern:
    """Entries are word prefixes; one with a final ``$`` matches the whole word only."""
    alts = []
    for w in sorted(load_list(name), key=len, reverse=True):
        esc = re.escape(w.rstrip("$")).replace(r"\ ", r"\s+")
        alts.append(esc + (rf"(?![{UP}{LO}])" if w.endswith("$") else ""))
    return re.compile(rf"(?<![{UP}{LO}])(?:{'|'.join(alts)})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _footnote_rx() -> re.Pattern:
    """A line that opens with a footnote cue (after list or quote marks), compiled once."""
    return re.compile(rf"^[\s>*_]*(?:{_alt(load_list('common/footnote_cues.txt'))})\b")


@lru_cache(maxsize=1)
def _funding_rx() -> re.Pattern:
    """A line that opens with a funding cue, in any letter case, compiled once."""
    return re.compile(rf"^\s*(?:{_alt(load_list('common/funding_cues.txt'))})", re.IGNORECASE)


@lru_cache(maxsize=None)
def _phrase_rx(name: str) -> re.Pattern:
    return re.compile(_alt(load_list(name)), re.IGNORECASE)


@lru_cache(maxsize=1)
def _date_fields() -> tuple[re.Pattern, dict[str, str]]:
    rows = {}
    for line in load_list("common/date_fields.tsv"):
        label, fld = (x.strip() for x in line.split("\t"))
        rows[label.lower()] = fld
    return re.compile(rf"({_alt(rows)})\s*:?\s*", re.IGNORECASE), rows


def labels_a_date(seg: str, m: re.Match) -> bool:
    """Whether a date label found in ``seg`` labels a date: a colon or a date follows it. In a sentence
    the same word is a verb (``Заң 2011 жылы қабылданды.``, ``Программа принята в 2010 году``).

    >>> rx = _date_fields()[0]
    >>> [labels_a_date(s, rx.search(s)) for s in ("Қабылданды: 12.03.2020", "Received 5 May 2021",
    ...                                             "Заң 2011 жылы қабылданды. Бұл", "Принята в 2010 году")]
    [True, True, False, False]
    """
    return ":" in m.group() or seg[m.end():m.end() + 1].isdigit()


@lru_cache(maxsize=None)
def _header_rx(name: str, *, inline: bool) -> re.Pattern:
    words = _alt(load_list(name))
    if inline:  # inside a line: after a sentence end (a closing bracket or quote) or a digit, with its colon or
        # period; or, with a capital and a colon, after any space ("... талданады Кілт сөздер: саясат, ...")
        return re.compile(rf"(?:(?:(?<=[.!?»)\]”\"\d])\s*|(?<=[.!?»)\]”\"]\s))(?:{words})\s*[:.—–]"
                          rf"|(?<=\s)(?=(?-i:[{UP}]))(?:{words})\s*:)\s*", re.IGNORECASE)
    # a header may stand after a list's bullet or inside Markdown emphasis: "- Ключевые слова:", "**Keywords:**"
    return re.compile(rf"^[\s*_>•–-]*(?:{words})[*_]*(?:\s*[.:—–-][*_]*\s*|\s*$|(?=\s+научной\s+статьи))",
                      re.IGNORECASE)


# --- values ---------------------------------------------------------------------------------


def find_codes(text: str, start: int = 0, end: int | None = None) -> list[dict]:
    """Classification codes in ``text[start:end]``: ``УДК 321`` → ``{scheme: UDC, value: 321}``.

    >>> [c["value"] for c in find_codes("Научная статья УДК 321")]
    ['321']
    """
    end = len(text) if end is None else end
    rx, rows = _code_rx()
    out = []
    for m in rx.finditer(text, start, end):
        scheme, kind = rows.get(label_key(m.group(1))) or rows[re.sub(r"\s+", " ", m.group(1)).lower()]
        v = CODE_VALUE[kind].match(text, m.end(), end)
        if not v:
            continue
        vend = v.end()
        while vend > v.start() and text[vend - 1] in ".,;:-–(":
            vend -= 1
        if kind == "digits" and text[v.start():vend].count("(") != text[v.start():vend].count(")"):
            vend = text.rfind("(", v.start(), vend) if ")" not in text[v.start():vend] else vend
        out.append({"scheme": scheme, "value": text[v.start():vend], "text": text[m.start():vend],
                    "start": m.start(), "end": vend})
    return out


def clean_doi(value: str) -> str:
    """``https://doi.org/10.1/ABC.`` → ``10.1/abc`` (lower case, no resolver, no final stop)."""
    value = re.sub(r"^https?://(?:dx\.)?doi\.org/", "", value.strip(), flags=re.IGNORECASE)
    return value.rstrip(".,;)").lower()


def _keyword_terms(s: str) -> list[str]:
    """``саясат, саяси жүйе / талдау.`` → ``['саясат', 'саяси жүйе', 'талдау']``."""
    parts = re.split(r"\s*[,;/]\s*|\s+[–—]\s+", s.strip())
    return [" ".join(p.strip(" .\"'«»").split()) for p in parts if p.strip(" .\"'«»")]  # (a term broken over lines: one)


def _iso_date(s: str) -> str | None:
    """``23.05.2025`` / ``23-01-2023`` / ``2023-01-23`` → ``2023-01-23``."""
    m = re.search(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b", s)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", s)
    return m.group(0) if m else None


# --- names -----------------------------------------------------------------------------------


def find_names(text: str) -> list[tuple[int, int, str]]:
    """Person names with their affiliation markers left out: ``(start, end, name)``.

    >>> [n for _, _, n in find_names("Шнарбекова М.К.1, Васильева Е.И.2")]
    ['Шнарбекова М.К.', 'Васильева Е.И.']
    """
    return [(m.start(1), m.end(1), " ".join(m.group(1).split())) for m in NAME_RX.finditer(text)]


def names_line(line: str) -> list[tuple[int, int, str]] | None:
    """The names of a line that holds nothing but names (and markers, ``Авторы:``, commas).

    >>> [n for _, _, n in names_line("- Авторы: Шнарбекова М.К.1, Зерчанинова Т.Е.2")]
    ['Шнарбекова М.К.', 'Зерчанинова Т.Е.']
    >>> names_line("Кыргызский национальный университет им. Ж. Баласагына") is None
    True
    >>> [n for _, _, n in names_line("Авторы: Серік Жұмабаев")]  # after a label, a name and a surname
    ['Серік Жұмабаев']
    >>> [n for _, _, n in names_line("Айгерім Нұрланова1 (ORCID: 0000-0002-1234-5678), Болат Ахметов2")]
    ['Айгерім Нұрланова', 'Болат Ахметов']
    """
    line = ORCID_AFTER_NAME.sub(lambda x: " " * len(x.group()), line)  # (offsets kept)
    m = AUTHOR_PREFIX.match(line)
    off = m.end() if m else 0
    rx = LABELLED_NAME_RX if m else MARKED_NAME_RX
    names = [(x.start(1) + off, x.end(1) + off, " ".join(x.group(1).split())) for x in rx.finditer(line[off:])]
    if not names:
        return None
    rest = rx.sub(" ", line[off:])
    rest = re.sub(r"\b(?:и|and|және)\b", " ", rest)
    if sum(c.isalpha() for c in rest) > 1:
        return None
    return names


def is_reference_entry(line: str) -> bool:
    """A line that reads as an entry of a reference list: numbered, or a year with a name, a DOI
    or a URL. A menu item under a references-like word (``Литература`` / ``Экономика``) is none.

    >>> is_reference_entry("Иванов И.И. Партии Казахстана. – Алматы: Наука, 2018. – 240 с.")
    True
    >>> is_reference_entry("Экономика")
    False
    """
    s = line.strip()
    if REF_ENTRY.match(s) or DOI_RX.search(s) or URL_RX.search(s):
        return True
    return bool(YEAR.search(s)) and (bool(find_names(s)) or bool(re.search(r"//|\b(?:pp?|[СCс]|б|бб)\.\s*\d", s)))


def _is_degree(s: str) -> bool:
    return bool(_prefix_rx("common/author_degrees.txt").search(s))


def _is_affiliation(s: str) -> bool:
    return bool(_prefix_rx("common/affiliation_heads.txt").search(s))


def author_with_rest(line: str) -> tuple[tuple[int, int, str], int] | None:
    """A line that opens with one name and goes on with its degree or institution:
    ``А.Ф. Мухаметов, главный эксперт`` → the name, and where the rest starts; a label before the
    name is left out (``Автор: Иванов Иван Иванович, кандидат политических наук``). Co-authors named
    before the rest belong to the names (``Иванова А.С., Петров Б.К., Евразийский университет``: where
    the rest starts is after ``Петров Б.К.``; ``names_before`` gives them all).
    """
    p = AUTHOR_PREFIX.match(line)
    m = NAME_RX.match(line, p.end() if p else len(line) - len(line.lstrip(" -–•")))
    if m:
        end = m.end()
        while (sep := NAME_JOIN.match(line, end)) and (m2 := NAME_RX.match(line, sep.end())):
            end = m2.end()
        rest = line[end:]
        if (re.match(r"^\s*[,–—-]", rest) and (_is_degree(rest) or _is_affiliation(rest) or len(rest.strip(" ,–—-")) == 0
                                              or p is not None)) or re.fullmatch(r"\s*\([^()]{1,60}\)\s*", rest):
            # (after a label "Автор:" whatever follows the name; a place in brackets: "А.Б. Сейтқали (Алматы)")
            return (m.start(1), m.end(1), " ".join(m.group(1).split())), end
        return None
    t = TWO_WORD_NAME.match(line)
    if t and (_is_degree(t.group(2)) or _is_affiliation(t.group(2))):  # Дүйсебай Асмарал, әл-Фараби ... университеті
        return (t.start(1), t.end(1), t.group(1)), t.start(2)
    return None


def affiliation_text(s: str, base: int) -> tuple[int, int] | None:
    """The institution in an affiliation line: marker, e-mail and the author's degree and post
    left out. ``1 Кемеровский государственный университет, Кемерово, Россия, a@b.ru`` →
    ``Кемеровский государственный университет, Кемерово, Россия``.
    """
    a, b = 0, len(s)
    m = re.match(r"^\s*(?:\d{1,2}|[*¹²³⁴⁵⁶⁷⁸⁹])\s*", s)
    if m:
        a = m.end()
    else:
        a = len(s) - len(s.lstrip(" -–•"))
    e = EMAIL_RX.search(s, a)
    if e:
        b = e.start()
        b = s.rfind("email", a, b) if s.rfind("email", a, b) > a else b
    seg = s[a:b]
    if not _is_affiliation(seg) and not m:
        return None
    # drop leading degree/post parts: "кандидат ... наук, профессор кафедры ... Межрегионального института"
    parts = [(p.start(), p.end()) for p in re.finditer(r"[^,]+", seg)]
    first = 0
    for k, (x, y) in enumerate(parts):
        if _is_affiliation(seg[x:y]):
            first = k
            break
    x = parts[first][0]
    piece = seg[x:parts[first][1]]
    if _is_degree(piece) and piece.strip()[:1].islower() and _is_affiliation(piece):
        caps = re.search(rf"(?<=\s)[{UP}«\"]", piece)
        if caps:
            x += caps.start()
    while x < len(seg) and seg[x] in " ,;:":
        x += 1
    y = len(seg.rstrip(" ,;:–—-"))
    if y <= x:
        return None
    return base + a + x, base + a + y


# --- line roles ----------------------------------------------------------------------------------


def is_caps_title(line: str) -> bool:
    """A line in capitals with at least two words: ``ҚОҒАМНЫҢ САЯСИ ЖҮЙЕСІ``."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 10 and len(line.split()) >= 2 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def is_title_like(line: str) -> bool:
    """A line that may be a title in sentence case: 3 to 35 words, starts with a capital or a
    quote, no final comma or colon, few digits besides years, not a run of sentences.
    ``Международное право в Центральной Азии: теория и практика``.
    """
    s = line.strip()
    words = WORD.findall(s)
    if not (3 <= len(words) <= 35) or len(s) > 350:
        return False
    if not (s[:1].isupper() or s[:1] in "«\"“"):
        return False
    if s[-1] in ",:;" or "@" in s or URL_RX.search(s):
        return False
    if sum(c.isdigit() for c in YEAR.sub("", s)) > 0.1 * len(s):
        return False  # (years count as words: Партии и выборы в Казахстане в 1991–2021 годах)
    return not (SENT_END.search(s) and len(words) >= 15)


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Abbreviations written with a stop (kk, ru, en lists of the sentence splitter), in small letters."""
    return frozenset(a.lower() for lang in ("kk", "ru", "en") for a in load_keys(f"{lang}/abbreviations.txt")
                     if a.endswith("."))


def ends_in_abbreviation(line: str) -> bool:
    """The stop that ends ``line`` is an abbreviation's (``на 1998-2000 гг.``, ``т.б.``), no sentence end.

    >>> ends_in_abbreviation("Бағдарлама 2020-2025 жж."), ends_in_abbreviation("Хандық 1465 жылы құрылған еді.")
    (True, False)
    """
    words = line.split()
    return bool(words) and words[-1].lower() in _abbreviations()


def is_heading_line(line: str, next_line: str | None) -> bool:
    """The first line of a text without front matter that heads it as a title (an act's
    ``О программе ... на 1998-2000 гг.``): up to 40 words, a capital first (or a year or number
    before a word: ``1997 жылғы ... туралы``), no sentence inside and none ending it (an
    abbreviation such as ``гг.`` aside, or a stop after the quoted name of another act:
    ``О реализации Указа "О мерах ..."."``), and the next line does not go on in small letters."""
    s = line.strip()
    words = WORD.findall(s)
    first = s[:1].isupper() or s[:1] in "«\"“" or bool(re.match(r"\d[\d./-]*\s+[^\W\d_]", s))
    if not (2 <= len(words) <= 40) or not first or s[-1] in ",:;":
        return False
    if re.search(rf"[.!?…]\s+[{UP}]", s):
        return False  # two sentences
    if re.search(r"\[\d[\d,;:\s.–-]*(?:[СCсcбpр]+\.\s*\d[\d\s–-]*)?\]$", s):
        return False  # a heading cites no source: "... негізделіп құрылған [5]" is a note under a table
    m = re.search(r"(\S+)[.!?…]$", s)
    if m and not re.search(r"[\"»”]$", m.group(1)) and not ends_in_abbreviation(s):
        return False  # a sentence ends it
    return not (next_line and next_line.strip()[:1].islower())


def is_prose(line: str) -> bool:
    """Running text: at least 15 words or 120 characters, mostly in small letters, with a
    sentence mark inside (a long title has none)."""
    s = line.strip()
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 40:
        return False
    if sum(c.islower() for c in letters) / len(letters) < 0.6:
        return False
    if not re.search(r"[.!?…;:]", s) and len(s) < 250:
        return False  # a long title has no sentence inside
    return len(WORD.findall(s)) >= 15 or len(s) >= 120


def is_term_list(line: str) -> bool:
    """A line that reads as (the rest of) a list of terms: no sentence inside (a stop followed by a
    capital), and a separator (``,`` ``;`` ``/``) for every six words at least (a line of up to
    three words needs none). ``интеграция, Центральная Азия.`` is one; ``Мақалада жүйе талданады.
    Зерттеуге 300 адам қатысты.`` is none.

    >>> is_term_list("интеграция, Центральная Азия.")
    True
    >>> is_term_list("Мақалада жүйе талданады. Зерттеуге 300 адам қатысты.")
    False
    """
    s = line.strip()
    if re.search(rf"[.!?…]\s+[{UP}]", s):
        return False
    words = len(WORD.findall(s))
    return words <= 3 or len(re.findall(r"[,;/]", s)) * 6 >= words


def is_breadcrumb(line: str) -> bool:
    """A site's path to the page: three parts or more of at most four words each, joined by ``/``,
    ``>`` or ``›``, none in capitals throughout (a keywords list in capitals is joined so too).

    >>> is_breadcrumb("Басты бет / Мақалалар / Тарих")
    True
    >>> is_breadcrumb("партия / сайлау")
    False
    """
    parts = [p.strip() for p in re.split(r"\s[/>›]\s", line.strip())]
    if len(parts) < 3 or any(not p or len(WORD.findall(p)) > 4 or re.search(r"[.!?…]$", p) for p in parts):
        return False
    return not any(len(p) > 3 and p.isupper() for p in parts)


def is_furniture(line: str) -> bool:
    """Site and repository furniture: counters (``589``), bullets of a menu, breadcrumbs
    (``Home » Materials »``), a short label ending in a colon (``Author:``), known boilerplate.
    """
    s = line.strip()
    if not s:
        return True
    if re.fullmatch(r"[\d\s|#•·*»›/\\-]+", s):
        return True
    m = _phrase_rx("common/furniture_phrases.txt").search(s)
    if m and len(s) < 160:
        return True
    if m:  # a long title printed with the repository's label: "<title> Текст научной статьи по специальности «Право»"
        rest = re.sub(r"\s*«[^«»]*»\s*$", "", s[:m.start()] + " " + s[m.end():]).strip(" '\"«»:")
        if is_title_like(rest) and not SENT_END.search(rest):
            return True
    if s[:1] in "•|#/" or s.endswith("|") or ("»" in s and "«" not in s):  # a menu item, a breadcrumb
        return True
    if is_breadcrumb(s):
        return True
    if s.endswith(":") and len(WORD.findall(s)) <= 3:
        return True
    return False


def is_running_head(line: str) -> bool:
    """A journal's running head or issue line: ``Вестник РУДН. Серия: СОЦИОЛОГИЯ``,
    ``2019 Vol. 19 No.2 302-312``, ``Выпуск: Том 27, № 2 (2023)``."""
    s = line.strip()
    if s[:1].islower() and len(s.split()) >= 8:
        return False  # a sentence going on over a wrapped line: "жандандыру ... 1997 жылғы 6 наурыздағы № 3398 ..."
    if ISSUE_RX.search(s) and len(s) < 200:
        return True
    m = _prefix_rx("common/running_head_cues.txt").search(s)
    if s[:1].islower():
        return False  # a journal's name opens with a capital: "журналы; во-вторых, ..." goes on with a sentence
    return bool(m) and (m.start() < 3 or len(s) < 90) and len(s) < 160 and not is_prose(s)


# --- the head of one article ------------------------------------------------------------------------


@dataclass
class _Line:
    start: int
    end: int
    text: str
    role: str = "other"
    lang: str = "other"


def _lines(text: str, start: int, end: int) -> list[_Line]:
    out = []
    for m in re.finditer(r"[^\n\r]+", text[start:end]):
        seg = m.group()
        a = start + m.start() + (len(seg) - len(seg.lstrip()))
        b = start + m.start() + len(seg.rstrip())
        if b > a:
            out.append(_Line(a, b, text[a:b]))
    return out


def field_cuts(text: str, a: int, b: int) -> list[int]:
    """Where fields start inside one line: a DOI, a code, an ORCID, a date label, an abstract or keywords
    header written on from a digit or a sentence end (``...39683EDN: FMBORIДата публикации: ...``).
    """
    cuts = set()
    seg = text[a:b]
    for m in DOI_RX.finditer(seg):
        if m.start() > 0:
            cuts.add(a + m.start())
    for c in find_codes(seg):
        if c["start"] > 0:
            cuts.add(a + c["start"])
    for m in ORCID_RX.finditer(seg):  # an author's ORCID after the name: "А.Б. Ахметов, ORCID 0000-0002-..."
        if m.start() > 0 and seg[m.start() - 1] in " ,;\t":
            cuts.add(a + m.start())
    rx, _ = _date_fields()
    for m in rx.finditer(seg):
        if m.start() > 0 and (seg[m.start() - 1].isdigit() or not seg[m.start() - 1].isalpha()) \
                and labels_a_date(seg, m):
            cuts.add(a + m.start())
    for name in ("common/headers_abstract.txt", "common/headers_keywords.txt"):
        for m in _header_rx(name, inline=True).finditer(seg):
            k = m.start()
            while k < len(seg) and seg[k].isspace():
                k += 1
            if k > 0:
                cuts.add(a + k)
    return sorted(cuts)


def line_role(s: str) -> str:
    """The role of one (piece of a) line in the head of an article, by the first rule that fires."""
    rules = (
        ("doi", lambda x: bool(DOI_RX.match(x)) or bool(re.match(r"^\s*(?:doi|DOI)\s*:?\s*\S*10\.\d{4}", x))),
        ("code", lambda x: bool(find_codes(x)) and find_codes(x)[0]["start"] < 3),
        ("date", lambda x: bool((m := _date_fields()[0].match(x)) and labels_a_date(x, m))),
        ("orcid", lambda x: bool(ORCID_RX.search(x)) and len(x) < 80 and names_line(x) is None),
        ("email", lambda x: bool(EMAIL_RX.search(x)) and len(EMAIL_RX.sub("", x).split()) <= 2),
        ("references_header", lambda x: bool(_header_rx("common/headers_references.txt", inline=False).match(x))
         and len(x) < 60),
        ("abstract_header", lambda x: bool(_header_rx("common/headers_abstract.txt", inline=False).match(x))),
        ("keywords", lambda x: bool(_header_rx("common/headers_keywords.txt", inline=False).match(x))),
        ("footnote", lambda x: bool(_footnote_rx().match(x))),
        ("funding", lambda x: bool(_funding_rx().match(x))),
        ("furniture", is_furniture),
        ("url", lambda x: bool(URL_RX.search(x)) and len(URL_RX.sub("", x).split()) <= 2 and names_line(x) is None),
        ("running_head", is_running_head),
        ("authors", lambda x: names_line(x) is not None),
        ("author_rest", lambda x: author_with_rest(x) is not None),
        ("affiliation", lambda x: _is_degree(" ".join(x.split()[:2])) and (_is_affiliation(x) or bool(EMAIL_RX.search(x)))),
        ("prose", is_prose),
        ("affiliation", lambda x: (_is_affiliation(x) and (bool(re.match(r"^\s*(?:\d{1,2}|[*¹²³⁴⁵⁶⁷⁸⁹])\s*\S", x))
                                                        or bool(EMAIL_RX.search(x))))
         or (_is_degree(x) and len(x) < 200)),
        ("affiliation_maybe", lambda x: _is_affiliation(x) and not is_caps_title(x) and not is_title_like(x)),
        ("caps_title", is_caps_title),
        ("title_like", is_title_like),
    )
    for role, test in rules:
        if test(s):
            return role
    return "other"


SIGNALS = {"doi", "code", "abstract_header", "keywords", "authors", "author_rest", "orcid", "email", "date"}


def _pieces(text: str, start: int, end: int) -> list[_Line]:
    """The lines of ``text[start:end]``, each cut at the fields it holds, each with its role."""
    out = []
    for ln in _lines(text, start, end):
        cuts = [c for c in field_cuts(text, ln.start, ln.end) if ln.start < c < ln.end]
        bounds = [ln.start] + cuts + [ln.end]
        for a, b in zip(bounds, bounds[1:]):
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                p = _Line(a, b, text[a:b])
                p.role = line_role(p.text)
                out.append(p)
    return out




def _lang(s: str) -> str:
    return detect_language(s)


# --- articles in a source ------------------------------------------------------------------------


# what may stand in the cluster of lines before an article's code or DOI line
HEAD_ROLES = ("running_head", "code", "doi", "furniture", "other", "url", "title_like", "caps_title", "authors",
              "author_rest", "affiliation", "email")


def opens_list(lines: list[_Line], k: int) -> bool:
    """The references header ``lines[k]`` is followed by an entry (on its line or the next)."""
    m = _header_rx("common/headers_references.txt", inline=False).match(lines[k].text)
    rest = lines[k].text[m.end():] if m else ""
    return is_reference_entry(rest) or (k + 1 < len(lines) and is_reference_entry(lines[k + 1].text))


def later_starts(text: str, skip: frozenset[int] | set[int] = frozenset()) -> list[int]:
    """Starts of further articles: a classification code or DOI line (with the lines of its
    cluster before it), or a title in capitals followed within four lines by an author line,
    after at least 1 500 characters of the article before."""
    lines = [x for x in _lines(text, 0, len(text)) if x.start not in skip]  # page headers and footers left out
    starts: list[int] = []
    last = 0
    k = 0
    n_prose = n_entries = 0
    in_refs = False
    refs_rx = _header_rx("common/headers_references.txt", inline=False)
    while k < len(lines):
        ln = lines[k]
        s = ln.text
        if is_prose(s):
            n_prose += 1
        opens = False
        if refs_rx.match(s) and len(s) < 60 and opens_list(lines, k):
            in_refs, n_entries = True, 0
            k += 1
            continue
        n_entries += bool(in_refs and REF_ENTRY.match(s))
        # after a reference list a code or DOI line opens the next article however short this one was
        if in_refs and not REF_ENTRY.match(s) and ln.start - last > (300 if line_role(s) in ("code", "doi") else 1500) \
                and len(text) - ln.start > 500 \
                and (line_role(s) in HEAD_ROLES or (n_entries and is_prose(s) and len(text) - ln.start > 1500)) \
                and (s[:1].isupper() or s[:1] in "«\"“") \
                and not any(REF_ENTRY.match(x.text) for x in lines[k + 1:k + 6]):
            # an article ends with its reference list: what follows the list opens the next one (a
            # numbered list followed by running text: an article printed without front matter)
            starts.append(ln.start)
            last, n_prose, in_refs = ln.start, 0, False
            k += 1
            continue
        if ln.start - last > 1500 and n_prose >= 3:
            codes = find_codes(s)
            if codes and codes[0]["start"] < 3 and not is_prose(s):
                opens = True
            elif line_role(s) == "doi" or re.search(r"на\s+тему\s+['\"«].+['\"»]\s*$", s):
                opens = True  # doi: 10.17223/... | Научная статья на тему 'ТЕМА' (a repository page)
            elif is_caps_title(s) or is_title_like(s):
                ahead = [line_role(x.text) for x in lines[k + 1:k + 5]]
                further = [line_role(x.text) for x in lines[k + 1:k + 12]]
                # a title, its authors, and an abstract, keywords, e-mail, code or DOI near them
                # (a list of people with their posts in an act has no such thing)
                if any(r in ("authors", "author_rest") for r in ahead) and any(
                        r in ("email", "abstract_header", "keywords", "code", "doi", "orcid") for r in further):
                    opens = True
        if opens:
            j = k
            while j - 1 >= 0 and lines[j - 1].start > last and k - j < 8 and not is_prose(lines[j - 1].text) \
                    and not REF_ENTRY.match(lines[j - 1].text) \
                    and line_role(lines[j - 1].text) in HEAD_ROLES:
                j -= 1
            starts.append(lines[j].start)
            last = lines[j].start
            n_prose = 0
            in_refs = False
        k += 1
    return starts


# --- pages of a PDF ---------------------------------------------------------------------------


def _page_key(line: str) -> str:
    """A line with its digits and spacing made neutral: running heads differ only in page numbers."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line)).strip().lower()


PAGE_NUMBER = re.compile(r"^[\s\-–—]*(?:\d{1,4}|[ivxlc]{1,6})[\s\-–—]*$", re.IGNORECASE)


def page_furniture(text: str, pages: tuple[int, ...] | list[int], *, edge: int = 3) -> list[Region]:
    """Repeated page headers and footers of a PDF, and page numbers: the lines among the first and
    last ``edge`` lines of a page whose text (digits aside) comes back on at least half of the pages
    (two at least), and lines that are only a number there. Each is a ``furniture`` region."""
    if len(pages) < 2:
        return []
    bounds = list(pages) + [len(text)]
    edges: list[list[_Line]] = []
    for a, b in zip(bounds, bounds[1:]):
        ls = _lines(text, a, b)
        edges.append(ls[:edge] + [x for x in ls[-edge:] if x not in ls[:edge]])
    seen: dict[str, int] = {}
    for ls in edges:
        for key in {_page_key(x.text) for x in ls}:
            seen[key] = seen.get(key, 0) + 1
    need = max(2, (len(edges) + 1) // 2)
    out = []
    for ls in edges:
        for x in ls:
            if seen.get(_page_key(x.text), 0) >= need or PAGE_NUMBER.match(x.text):
                out.append(Region("furniture", "page_furniture", x.start, x.end, detect_language(x.text)))
    return sorted(out, key=lambda r: r.start)
