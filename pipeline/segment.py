"""Documents, sections, paragraphs and sentences.

Boundaries come from general signals only: section headers (``Annotation``,
``Аңдатпа``, ``Аннотация``, ``Түйін сөздер``, ``Ключевые слова``, ``Әдебиеттер``,
``Литература``, ...), table captions (``1 – кесте``, ``Таблица 2``), a title line
in capitals, and a switch of the body language. Rules are small named
functions, each with an example.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass

from dataclasses import replace

from pipeline.frontmatter import find_articles, keywords_record
from pipeline.frontmatter_lines import is_reference_entry, page_furniture
from pipeline.langid import detect_language
from pipeline.model import Act, Affiliation, Author, Code, Dates, Document, Keywords, Paragraph, Section, Sentence, Title
from pipeline.normalize import View, is_annex_header, normalize
from pipeline.resources import MODELS, load_keys, load_list

# --- headers and captions -----------------------------------------------------


def _header_regex(name: str) -> re.Pattern:
    words = sorted(load_list(name), key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(r"^[\s*_>•–-]*(?:" + alt + r")[*_]*\s*(?:[.:–—-]|\s*$)", re.IGNORECASE)  # "- Keywords:", "**Abstract**"


_HEADERS: dict[str, re.Pattern] | None = None


def headers() -> dict[str, re.Pattern]:
    """Section kind -> regex of the headers that open it (from pipeline/data/common)."""
    global _HEADERS
    if _HEADERS is None:
        _HEADERS = {
            "abstract": _header_regex("common/headers_abstract.txt"),
            "keywords": _header_regex("common/headers_keywords.txt"),
            "references": _header_regex("common/headers_references.txt"),
        }
    return _HEADERS


# 1 – кесте | Кесте 1 | Таблица 2 | Table 3 | Сурет 1 (figures are captions too)
CAPTION = re.compile(
    r"^\s*(?:(\d{1,3})\s*[–—-]\s*(?:кесте|сурет)|(?:кесте|таблица|table|сурет|рисунок|рис\.|figure|fig\.)\s*(\d{1,3}))\b",
    re.IGNORECASE,
)
# Ескерту - ... | Примечание: ... | Источник: ... | Note: ... (the line that closes a table)
TABLE_NOTE = re.compile(r"^\s*(?:ескерту|дереккөз|дерек\s*көз|примечание|источник|note|source)\b", re.IGNORECASE)


def caption_number(line: str) -> int | None:
    """``1 – кесте`` → 1; ``Таблица 2`` → 2; else None."""
    m = CAPTION.match(line)
    if not m:
        return None
    return int(m.group(1) or m.group(2))


def is_title_line(line: str) -> bool:
    """A line in capitals with at least two words: ``ҚАЗАҚСТАНДАҒЫ САЯСИ МЕДИАЦИЯ``."""
    s = line.strip()
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 10 and len(s.split()) >= 2 and sum(c.isupper() for c in letters) / len(letters) > 0.9


# --- table regions on source lines -------------------------------------------------


def source_lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``text``, line ends excluded."""
    out, pos = [], 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def find_table_regions(text: str) -> list[tuple[int, int, int | None]]:
    """Source spans ``(start, end, number)`` of tables: from a caption to the note
    line that closes it, or to the first line of running prose.

    A line of running prose is a line near the full line width that is not mostly
    numbers. At most 400 lines are taken.
    """
    lines = [(a, b) for a, b in source_lines(text) if text[a:b].strip()]
    widths = sorted(len(text[a:b].strip()) for a, b in lines)
    width = widths[int(len(widths) * 0.75)] if widths else 80
    regions = []
    i = 0
    while i < len(lines):
        a, b = lines[i]
        num = caption_number(text[a:b])
        if num is None:
            i += 1
            continue
        j = i + 1
        end = b
        taken = 0
        # the caption's own title lines (up to two) are part of the table
        while j < len(lines) and taken < 400:
            la, lb = lines[j]
            line = text[la:lb].strip()
            if TABLE_NOTE.match(line):
                end = lb
                j += 1
                break
            if caption_number(line) is not None:
                break
            if j > i + 2 and _is_prose(line, width):
                break
            end = lb
            j += 1
            taken += 1
        regions.append((a, end, num))
        i = j
    return regions


def _is_prose(line: str, width: int) -> bool:
    toks = line.split()
    if len(line) < 0.75 * width or len(toks) < 6:
        return False
    nums = sum(any(c.isdigit() for c in t) for t in toks)
    return nums / len(toks) < 0.3


# --- paragraphs -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of the view with its source span and first guess of its role."""

    vstart: int
    vend: int
    start: int
    end: int
    text: str  # view text
    lang: str
    kind: str  # title | header:<kind> | caption | table | text


def _cut_at_regions(view: View, vs: int, ve: int, regions: list) -> list[tuple[int, int, object]]:
    """Pieces ``(vstart, vend, region or None)`` of the view paragraph ``[vs, ve)``, cut where a
    front-matter region starts or ends (a line ``DOI: ... Аннотация: ...`` holds two)."""
    out = []
    pos = vs
    for r in regions:
        a = max(vs, view.from_source(r.start))
        b = min(ve, view.from_source(r.end))
        if b <= a or a < pos:
            continue
        if a > pos:
            out.append((pos, a, None))
        out.append((a, b, r))
        pos = b
    if pos < ve:
        out.append((pos, ve, None))
    return out


_OPEN_CITE = re.compile(r"\[[^\[\]\n]{0,40}$")
_CLOSING_CITE = re.compile(r"\s*[^\[\]\n]{0,30}\]")


def _view_lines(vt: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the lines of the view, a citation broken over two lines kept whole: a
    line that ends inside an open square bracket goes on with the next when that one closes it
    within 30 characters (``... неустойчива [2, с.`` / ``15]. Далее ...``: the locator is no
    sentence of its own)."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", vt):
        a, b = m.span()
        if out and out[-1][1] == a - 1 and _OPEN_CITE.search(vt, max(out[-1][0], out[-1][1] - 40), out[-1][1]) \
                and _CLOSING_CITE.match(vt, a, min(b, a + 32)):
            out[-1] = (out[-1][0], b)
            continue
        out.append((a, b))
    return out


def paragraphs_of(view: View, source: str, tables: list[tuple[int, int, int | None]], regions: list = ()) -> list[Block]:
    blocks: list[Block] = []
    region_starts = [r.start for r in regions]
    vt = view.text
    table_starts = [ta for ta, _, _ in tables]
    def plain(vs: int, ve: int) -> None:
        s, e = view.to_source(vs, ve)
        text = vt[vs:ve]
        kind = "text"
        t = bisect.bisect_right(table_starts, s) - 1  # regions are sorted and disjoint
        in_table = t >= 0 and s < tables[t][1]
        if in_table:
            kind = "caption" if s == tables[t][0] else "table"
        elif is_annex_header(text) or (e - s < 400 and any(is_annex_header(x) for x in source[s:e].splitlines())):
            kind = "annex"  # the lines of an annex's heading may have been joined: "... № 427 бұйрығына 1-қосымша"
        elif is_title_line(text):
            kind = "title"
        else:
            for hk, rx in headers().items():
                if rx.match(text):
                    kind = "header:" + hk
                    break
        if kind == "text":
            for rs, re_, lang in _language_runs(text):
                a, b = view.to_source(vs + rs, vs + re_)
                blocks.append(Block(vs + rs, vs + re_, a, b, text[rs:re_], lang, kind))
        else:
            blocks.append(Block(vs, ve, s, e, text, detect_language(text), kind))

    for vs, ve in _view_lines(vt):
        seg = vt[vs:ve]
        # trim spaces
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg.rstrip())
        if rs <= ls:
            continue
        vs, ve = vs + ls, vs + rs
        s, e = view.to_source(vs, ve)
        here = []
        if regions:
            lo = bisect.bisect_left(region_starts, s)
            while lo > 0 and regions[lo - 1].end > s:
                lo -= 1
            here = regions[lo:bisect.bisect_left(region_starts, e)]
        if not here:
            plain(vs, ve)
            continue
        for a, b, r in _cut_at_regions(view, vs, ve, here):
            piece = vt[a:b]
            la = len(piece) - len(piece.lstrip())
            lb = len(piece.rstrip())
            if lb <= la:
                continue
            a, b = a + la, a + lb
            if r is None:
                plain(a, b)
                continue
            x, y = view.to_source(a, b)
            lang = r.lang if r.lang != "other" else detect_language(vt[a:b])
            blocks.append(Block(a, b, x, y, vt[a:b], lang, "fm:" + r.kind))
    return blocks


def _undetermined(blocks: list[Block]) -> list[Block]:
    """A paragraph of running text too short to tell its language alone (a signature ``Хасенов``, a
    list item ``- ата-аналар;``) takes the language of the nearest paragraph of running text before
    it (else after it) long enough to tell (60 letters, nearly all Cyrillic: markup is no text)."""
    def telling(b: Block) -> bool:
        if b.kind != "text":
            return False
        letters = [c for c in b.text if c.isalpha()]
        return len(letters) >= 60 and sum(c.isascii() for c in letters) < 0.1 * len(letters)

    if not any(b.lang == "other" for b in blocks):
        return list(blocks)  # every paragraph has its language: nothing to take from a neighbour
    langs = [b.lang if telling(b) else "other" for b in blocks]
    out = []
    for k, b in enumerate(blocks):
        if b.lang == "other" and b.kind == "text" and any(c.isalpha() for c in b.text):
            near = [x for x in langs[:k][::-1] + langs[k + 1:] if x in ("kk", "ru")]
            b = replace(b, lang=near[0] if near else detect_language(b.text))
        out.append(b)
    return out


def _language_runs(text: str) -> list[tuple[int, int, str]]:
    """Split a paragraph where its sentences change language: ``(start, end, lang)`` runs.

    A sentence with no letters of its own (``2014 545``) joins the run before it; a short one
    that says too little on its own (``Бұл ИИ.``) takes the language of the run before it, or,
    opening the paragraph, of the run after it (``Ескерту. Күші жойылды ...``).
    """
    runs: list[list] = []
    for a, b in sentence_spans(text, "kk"):
        lang = detect_language(text[a:b], default=runs[-1][2] if runs and runs[-1][2] != "other" else "other")
        if runs and (lang == "other" or lang == runs[-1][2]):
            runs[-1][1] = b
        elif runs and runs[-1][2] == "other":
            runs[-1][1:] = [b, lang]
        else:
            runs.append([a, b, lang])
    if not runs or (len(runs) == 1 and runs[0][2] == "other"):  # too little to tell: "other", the
        # paragraphs around it decide (_undetermined)
        return [(0, len(text.rstrip()) if runs else len(text), detect_language(text, default="other"))]
    runs[0][0] = 0
    runs[-1][1] = len(text.rstrip())
    return [tuple(r) for r in runs]


# --- documents and sections --------------------------------------------------------------


def _joined_abstract_lines(source: str, regions: list) -> list:
    """The lines of an abstract wrapped at the page width (PDF text) are one paragraph: consecutive
    ``abstract`` regions in one language (or none: ``15].``), on consecutive lines, are joined, so that a sentence (or a
    citation ``[2, с.`` / ``15]``) broken over two lines is read whole."""
    out: list = []
    for r in regions:
        p = out[-1] if out else None
        if p is not None and p.kind == r.kind == "abstract" and p.role == r.role == "abstract" \
                and (p.lang == r.lang or "other" in (p.lang, r.lang)) \
                and not source[p.end:r.start].strip() and source.count("\n", p.end, r.start) == 1:
            out[-1] = replace(p, end=r.end, lang=p.lang if p.lang != "other" else r.lang)
            continue
        out.append(r)
    return out


def _opens_list(header: Block, nxt: Block | None) -> bool:
    """A references header opens a list when an entry follows it, on its line or the next
    (``Литература`` / ``1. Иванов И.И. ...``); ``Литература`` / ``Экономика`` in a menu opens none.
    ``nxt`` is the next block that is no page furniture (a list may start on the next page)."""
    m = headers()["references"].match(header.text)
    rest = header.text[m.end():] if m else ""
    first = nxt.text.strip().split("\n")[0] if nxt is not None else ""
    return is_reference_entry(rest) or is_reference_entry(first)


def _body_weight(b: Block) -> int:
    return len(b.text) if b.kind == "text" else 0


def segment(source: str, view: View | None = None, *, source_id: str = "src",
            pages: tuple[int, ...] = (), blank_breaks: bool = False) -> tuple[View, list[Document], list[Paragraph]]:
    """Split ``source`` into documents with sections, and paragraphs.

    Returns the view it worked on (built here when not given; ``blank_breaks``: see normalize).
    """
    tables = find_table_regions(source)
    furniture = page_furniture(source, pages)  # repeated page headers and footers of a PDF
    articles = find_articles(source, skip={f.start for f in furniture})
    regions = sorted([r for art in articles for r in art.regions
                      if not any(f.start < r.end and r.start < f.end for f in furniture)] + furniture,
                     key=lambda r: r.start)
    regions = _joined_abstract_lines(source, regions)
    if view is None:
        view = normalize(source, keep_lines=[(a, b) for a, b, _ in tables] + [(r.start, r.end) for r in regions],
                         blank_breaks=blank_breaks)
    blocks = _undetermined(paragraphs_of(view, source, tables, regions))
    if not blocks:
        return view, [], []
    dominant = _dominant_lang(blocks)  # once: per block it was quadratic in the number of paragraphs

    # 1. assign each block a section kind, carrying header state forward
    kinds: list[str] = []
    state = "body"
    later = sorted(art.start for art in articles[1:])  # a new article ends the list or annex before it
    q = 0
    for k, b in enumerate(blocks):
        if q < len(later) and b.start >= later[q]:
            while q < len(later) and b.start >= later[q]:
                q += 1
            state = "body"
        if b.kind.startswith("fm:"):  # front matter: its kind is known
            kinds.append(b.kind[3:])
            if not (b.kind == "fm:furniture" and state in ("references", "annex")):
                state = "body"  # (a list or an annex goes on over a page's header and footer)
            continue
        if b.kind == "annex":
            kinds.append("annex")
            state = "annex"
            continue
        if b.kind == "title":
            kinds.append("title")
            state = "body" if state != "annex" else "annex"
            continue
        if b.kind in ("caption", "table"):
            kinds.append("table")
            continue
        if b.kind == "header:references" and not _opens_list(b, next((x for x in blocks[k + 1:] if x.kind != "fm:furniture"), None)):
            kinds.append("body" if state not in ("references", "annex") else state)
            continue  # a references-like word that no entry follows: a site's menu item, say
        if b.kind.startswith("header:"):
            state = b.kind.split(":", 1)[1]
            kinds.append(state)
            if state in ("abstract", "keywords"):
                # an abstract header opens one paragraph; keywords one line (the next, after a bare header)
                state = "after_" + state
                if state == "after_keywords" and len(b.text.split()) <= 3:
                    state = "keywords_list"
            continue
        if state == "keywords_list":
            kinds.append("keywords")
            state = "body"
            continue
        if state in ("references", "annex"):  # an annex runs to the next annex or the end
            kinds.append(state)
            continue
        if state.startswith("after_"):
            prev = state[len("after_"):]
            # an abstract continues while its language continues
            if prev == "abstract" and kinds and blocks[k - 1].lang == b.lang and kinds[-1] == "abstract" \
                    and b.lang != dominant:
                kinds.append("abstract")
                continue
            state = "body"
        kinds.append("body")

    # 2. an English paragraph inside a non-English body, right after the title, is an abstract
    for k, b in enumerate(blocks):
        if kinds[k] == "body" and b.lang == "en" and dominant != "en":
            if k > 0 and kinds[k - 1] in ("title", "abstract", "keywords", "authors"):
                kinds[k] = "abstract"

    # 3. documents: a new one where a new article's front matter starts (a journal issue), or at
    #    a sustained switch of body language (a Kazakh article followed by a Russian one)
    starts = [0]
    cur_lang = None
    body_chars = 0
    art_starts = sorted(art.start for art in articles[1:])
    # the last front-matter line of each article: no switch of language is read before it
    head_ends = [(art.start, max((r.end for r in art.regions), default=art.start)) for art in articles]
    p = 0
    for k, b in enumerate(blocks):
        kind = kinds[k]
        if p < len(art_starts) and b.start >= art_starts[p]:
            while p < len(art_starts) and b.start >= art_starts[p]:
                p += 1
            if k > 0:
                starts.append(k)
            cur_lang, body_chars = None, 0
        if kind != "body" or any(a0 <= b.start < h1 for a0, h1 in head_ends):
            continue
        if kind != "body":
            continue
        if b.lang not in ("kk", "ru"):
            continue  # an English paragraph in the body (an abstract read as body) switches nothing
        if cur_lang is None:
            cur_lang = b.lang
        elif b.lang != cur_lang and body_chars > 200 and _sustained(blocks, kinds, k, b.lang):
            # the new document takes the headers directly before it (title, abstract ...)
            s = k
            while s - 1 > starts[-1] and kinds[s - 1] in HEAD_KINDS \
                    and blocks[s - 1].lang != cur_lang:
                s -= 1
            starts.append(s)
            cur_lang, body_chars = b.lang, 0
        body_chars += _body_weight(b)

    documents: list[Document] = []
    paragraphs: list[Paragraph] = []
    for n, s in enumerate(starts):
        e = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        doc_blocks = blocks[s:e]
        doc_kinds = kinds[s:e]
        doc_id = f"{source_id}:d{n + 1}"
        sections: list[Section] = []
        doc_lang = _doc_lang(doc_blocks, doc_kinds)
        for b, kind in zip(doc_blocks, doc_kinds):
            lang = b.lang if b.lang != "other" else (sections[-1].lang if sections else "other")
            if kind == "table":
                lang = doc_lang
            if sections and sections[-1].kind == kind and (sections[-1].lang == lang or kind == "table") \
                    and not (kind == "table" and b.kind == "caption"):
                last = sections[-1]
                sections[-1] = Section(last.kind, last.lang, last.start, b.end)
            else:
                sections.append(Section(kind, lang, b.start, b.end))
            paragraphs.append(Paragraph(doc_id, kind, lang, b.start, b.end))
        title = None
        for b, kind in zip(doc_blocks, doc_kinds):
            if kind == "title":
                title = " ".join(b.text.split())
                break
        lang = _doc_lang(doc_blocks, doc_kinds)
        dstart, dend = doc_blocks[0].start, doc_blocks[-1].end
        art = next((x for x in articles
                    if dstart <= (x.regions[0].start if x.regions else x.body_start) < dend), None)
        documents.append(_with_metadata(Document(doc_id, lang, title, dstart, dend, tuple(sections)), art, source))
    return view, documents, paragraphs


HEAD_KINDS = ("title", "abstract", "keywords", "authors", "affiliation", "metadata", "furniture", "footnote")


def _section_keywords(source: str, doc: Document, known: tuple) -> tuple:
    """Keywords records of the document's keywords sections that the front matter did not read
    (a keywords line after the head: an English summary at the end of an article)."""
    out = list(known)
    for s in doc.sections:
        if s.kind != "keywords" or any(k.start <= s.start < k.end or s.start <= k.start < s.end for k in known):
            continue
        rec = keywords_record(source, s.start, s.end)
        if rec:
            out.append(Keywords(rec["lang"], tuple(rec["terms"]), rec["start"], rec["end"]))
    return tuple(sorted(out, key=lambda k: k.start))


def _with_metadata(doc: Document, art, source: str = "") -> Document:
    """The document with its article's front matter (titles, authors, codes, DOI, ...)."""
    if art is None:
        return replace(doc, keywords=_section_keywords(source, doc, ())) if source else doc
    titles = tuple(Title(t["lang"], t["text"], t["start"], t["end"]) for t in art.titles)
    return replace(
        doc,
        title=" ".join(titles[0].text.split()) if titles else doc.title,
        titles=titles,
        authors=tuple(Author(x["name"], tuple(x["affiliations"]), x["start"], x["end"]) for x in art.authors),
        affiliations=tuple(Affiliation(x["id"], x["text"], x["start"], x["end"]) for x in art.affiliations),
        emails=tuple(art.emails),
        orcids=tuple(art.orcids),
        codes=tuple(Code(c["scheme"], c["value"], c["text"], c["start"], c["end"]) for c in art.codes),
        doi=art.doi,
        keywords=_section_keywords(source, doc, tuple(Keywords(k["lang"], tuple(k["terms"]), k["start"], k["end"])
                                                      for k in art.keywords)) if source else
        tuple(Keywords(k["lang"], tuple(k["terms"]), k["start"], k["end"]) for k in art.keywords),
        dates=Dates(**art.dates),
        act=Act(**art.act) if art.act else None,
    )


def _dominant_lang(blocks: list[Block]) -> str:
    weight: dict[str, int] = {}
    for b in blocks:
        weight[b.lang] = weight.get(b.lang, 0) + len(b.text)
    return max(weight, key=weight.get)


def _doc_lang(blocks: list[Block], kinds: list[str]) -> str:
    weight: dict[str, int] = {}
    for b, k in zip(blocks, kinds):
        if k == "body" and b.lang in ("kk", "ru", "en"):
            weight[b.lang] = weight.get(b.lang, 0) + len(b.text)
    if not weight:
        return _dominant_lang(blocks)
    return max(weight, key=weight.get)


def _sustained(blocks: list[Block], kinds: list[str], k: int, lang: str) -> bool:
    """The body stays in ``lang`` for at least 300 characters from block ``k``."""
    chars = 0
    for b, kind in zip(blocks[k:], kinds[k:]):
        if kind != "body":
            continue
        if b.lang != lang:
            return chars >= 300
        chars += len(b.text)
        if chars >= 300:
            return True
    return chars >= 120


# --- sentences ----------------------------------------------------------------------------------

_ABBR_CACHE: dict[str, frozenset[str]] = {}


def _abbreviations(lang: str) -> frozenset[str]:
    """Hand-listed abbreviations, plus the short ones Punkt learned (models/punkt_<lang>.json)."""
    if lang not in _ABBR_CACHE:
        items = set(a.lower() for a in (load_keys(f"{lang}/abbreviations.txt") if lang in ("kk", "ru", "en") else ()))
        punkt = MODELS / f"punkt_{lang}.json"
        if punkt.exists():
            learned = json.loads(punkt.read_text(encoding="utf-8"))["abbrev_types"]
            items |= {a + "." for a in learned if len(a.replace(".", "")) <= 3}
        _ABBR_CACHE[lang] = frozenset(items)
    return _ABBR_CACHE[lang]


_NEXT_CHAR = re.compile(r"\S")
_CANDIDATE = re.compile(r"[.!?…]+[»\"”)]*(?:\[\d+(?:[,–-]\s*\d+)*\])?\.?(?=\s+)")


_OPEN_BRACKET = re.compile(r"[\[(][^\[\]()]*$")
_CLOSE_BRACKET = re.compile(r"^[^\[\]()]*[\])]")


def _locator_in_brackets(text: str, dot: int, word: str) -> bool:
    """The stop at ``dot`` ends a short abbreviation (at most three letters) inside brackets that
    close within 30 characters, and a number follows: a locator of a citation, no sentence end
    (``[2, с. 15]``, ``(Иванов, 2019, p. 7)``, ``[5, 15-16 бб.]``).

    >>> _locator_in_brackets("деп жазды [3, б. 41].", 15, "б."), _locator_in_brackets("Бұл жазылды. Сосын", 11, "жазылды.")
    (True, False)
    """
    m = re.search(r"(?:^|[^\w])([^\W\d_]{1,3})\.$", word)  # с. | [2,с. | (p.
    if not m:
        return False
    return bool(_OPEN_BRACKET.search(text, max(0, dot - 80), dot)) and bool(_CLOSE_BRACKET.match(text[dot + 1:dot + 31]))


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph (view text).

    Rules: split after ``. ! ? …`` (and a closing quote or citation) when a
    capital, digit, quote or bullet follows; never after a known abbreviation
    (``т.б.``, ``ж.``, ``г.``), an initial (``А. Байтұрсынов``), or inside a number.
    ``болды[1]. Осы`` splits after ``.``.
    """
    spans = []
    start = 0
    abbrs = _abbreviations(lang)
    for m in _CANDIDATE.finditer(text):
        end = m.end()
        nxt = _NEXT_CHAR.search(text, end)  # not text[end:].lstrip(): quadratic on a long paragraph
        if not nxt:
            continue
        first = nxt.group()
        if not (first.isupper() or first.isdigit() or first in "«\"“([•–—-"):
            continue
        before = text[max(start, m.start() - 63):m.start() + 1]  # the last word is all that is needed
        word = re.search(r"(\S+)$", before)
        w = word.group(1).lower() if word else ""
        if m.group().startswith(".") and w in abbrs:
            continue
        if m.group().startswith(".") and re.fullmatch(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.", word.group(1) if word else ""):
            continue  # an initial: Ж. Әбенов
        if m.group().startswith(".") and first.isdigit() and _locator_in_brackets(text, m.start(), w):
            continue  # a page locator in a citation: [2, с. 15]
        spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


MAX_SENTENCE = 2000  # characters; a longer "sentence" is PDF debris (a table flattened into one line)


def _bounded(text: str, spans: list[tuple[int, int]], limit: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """Cut spans longer than ``limit`` at a space (or hard at ``limit``), so that the work each
    sentence costs downstream (tokens, extractors) stays bounded: ``"1 – кесте\n"`` x 8 000 was 118 s.
    """
    out = []
    for a, b in spans:
        while b - a > limit:
            cut = text.rfind(" ", a + limit // 2, a + limit)
            cut = cut if cut > a else a + limit
            out.append((a, cut))
            a = cut
        out.append((a, b))
    return out


def split_sentences(view: View, source: str, documents: list[Document], paragraphs: list[Paragraph]) -> list[Sentence]:
    """Sentences of every paragraph; each gets its own language (a mixed paragraph is split)."""
    out: list[Sentence] = []
    counters: dict[str, int] = {}
    for p in paragraphs:
        vs, ve = view.from_source(p.start), view.from_source(p.end)
        ptext = view.text[vs:ve]
        if p.section == "table":
            spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", ptext)]
        else:
            spans = sentence_spans(ptext, p.lang)
        spans = _bounded(ptext, spans)
        for a, b in spans:
            while a < b and ptext[a].isspace():
                a += 1
            while b > a and ptext[b - 1].isspace():
                b -= 1
            if b <= a:
                continue
            s, e = view.to_source(vs + a, vs + b)
            stext = ptext[a:b]
            lang = detect_language(stext, default=p.lang) if len(stext) >= 3 else p.lang
            if lang == "other":
                lang = p.lang
            n = counters.get(p.doc_id, 0) + 1
            counters[p.doc_id] = n
            out.append(Sentence(f"{p.doc_id}:s{n}", p.doc_id, p.section, lang, s, e, source[s:e], vs + a, vs + b))
    return out
