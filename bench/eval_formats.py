"""Formats: does derek find the same facts in a document whatever its file format?

Users download articles and acts as PDF, DOCX, HTML and Markdown; no fact may be lost by format.

Data (``bench/common.py: data_dir``): the real article openings ``frontmatter/<stem>.txt`` (hand labels
``<stem>.json``; half ``half("frontmatter:" + stem)``) and the official acts ``kzlaw/<folder>/{kaz,rus}.md``
(half ``half("kzlaw:" + folder)``). Every file of both halves is used.

Each source is written in four versions, each format in its own folder under ``work/``:

- the **reference**: the opening's ``.txt`` as it is, the act's ``.md`` as it is;
- ``.docx`` (python-docx): one paragraph per line of an opening / per block of an act (headings in a
  heading style, list items, block quotes, code lines one paragraph each), the acts' tables (HTML or
  pipe tables in the Markdown) as real Word tables with their merged cells;
- ``.html``: a whole page, ``<title>``, a ``<nav>`` menu and a ``<footer>`` of site furniture (with
  numbers and an organisation's name, which must be ignored) around an ``<article>`` holding the
  text as ``<h1>``/``<h2>``/``<h3>``, ``<p>``, ``<li>`` and ``<table>`` (rowspan/colspan kept); an
  opening's lines labelled as its title are its ``<h1>``;
- ``.pdf`` (reportlab, DejaVuSans of matplotlib's mpl-data, 8 pt): every block wrapped at 100
  characters (``textwrap``, so a line may break after a word's own hyphen), a blank line between
  blocks; a table ruled as printed acts' tables are (a rule around every cell, a merged cell drawn
  once across what it spans, text wrapped inside its cell).

The real command line reads each folder once (``python -m pipeline.cli run <in> -o <out> --workers 1``,
as ``eval_frontmatter.run_derek``), and what it wrote is scored, per format and half:

1. front matter (openings): micro recall of titles, authors, codes, DOI and keywords lines together
   against the hand labels (``eval_frontmatter.predicted`` / ``gold_sets``: whitespace collapsed,
   DOI without case), for the reference ``.txt`` too; target: the ``.txt`` version's;
2. facts against the reference version of the same source, micro F1 over the files of a half:
   numeric claims as the multiset of (value, unit); organisations as the set of canonical names
   (whitespace collapsed; ``entity_id`` is not used: the registry links a run's sources, so it
   depends on what else the run read); legal acts as the set of (kind, number, year) keys of
   ``eval_kzlaw_orgs.act_keys``. A source the format lost counts with no facts; n is the number of
   the reference version's items. Target >= 0.95;
3. sources with an error row in the manifest (or missing from it), per format; target 0.

    .venv/bin/python bench/eval_formats.py
    .venv/bin/python bench/eval_formats.py --show tune      # per-file differences, tune half only
    .venv/bin/python bench/eval_formats.py --smoke --work /tmp/ef
"""
from __future__ import annotations

import argparse
import collections
import html
import json
import re
import shutil
import sys
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT, data_dir, half, print_figures, require_data  # noqa: E402
from eval_frontmatter import FIELDS, gold_sets, predicted, run_derek  # noqa: E402

sys.path.insert(0, str(ROOT))
from eval_kzlaw_orgs import act_keys  # noqa: E402
from pipeline.formats import cell_span, own_table  # noqa: E402

COMMAND = "python bench/eval_formats.py"
FORMATS = ("docx", "html", "pdf")  # the versions compared with the reference
SMOKE_OPENINGS = 2  # per half
SMOKE_ACTS = 1  # per half (both languages)
WRAP = 100  # characters a printed PDF line holds
FIELD_NAMES = "titles, authors, codes, DOI, keywords lines"

# site furniture of the HTML page (invented): a reader must drop it, and it holds numbers and a name
NAV = ("Басты бет", "Журнал туралы", "Мұрағат", "Авторларға", "Главная", "Архив номеров", "Контакты")
FOOTER = ("© 2021 Қазақ ұлттық университеті. Барлық құқықтар қорғалған. Тел.: +7 (727) 377-33-33, "
          "қаралды 1 245 рет. Редакция: 050040, Алматы, әл-Фараби даңғылы, 71. "
          "Просмотров: 3 812; скачиваний: 615.")

_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# ------------------------------------------------------------------ sources as blocks

@dataclass
class Block:
    """One block of a document: ``h`` (heading, ``level``), ``p`` (paragraph), ``li`` (list item),
    ``quote`` (a block quote's paragraph), ``code`` (one line of a code block) or ``table``
    (``rows``: per row, its cells as ``(text, rowspan, colspan)``)."""

    kind: str
    text: str = ""
    level: int = 0
    rows: list = field(default_factory=list)


@dataclass
class Item:
    name: str  # file stem in every folder
    doc_id: str
    half: str
    kind: str  # "opening" | "act"
    ref_ext: str  # ".txt" | ".md"
    raw: str  # the reference file's text
    blocks: list
    title: str
    gold: dict | None = None


def opening_blocks(text: str, titles: set[str]) -> list[Block]:
    """One block per non-blank line; a line labelled as a title is a heading."""
    out = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        c = " ".join(line.split())
        out.append(Block("h", line.strip(), level=1) if c in titles else Block("p", line.strip()))
    return out


def _inline_text(tok) -> str:
    parts = []
    for ch in tok.children or []:
        if ch.type in ("text", "code_inline"):
            parts.append(ch.content)
        elif ch.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif ch.type == "image":
            parts.append(ch.content)
    return "".join(parts).strip()


def _table_cells(table) -> list[list[tuple[str, int, int]]]:
    """Rows of an lxml ``<table>``: its own cells as (text, rowspan, colspan), a span at most 50."""
    def span(v) -> int:
        return min(cell_span(v), 50)

    rows = []
    for tr in table.iter("tr"):
        if not own_table(tr, table):
            continue
        rows.append([(" ".join(td.text_content().split()), span(td.get("rowspan")), span(td.get("colspan")))
                     for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")])
    return rows


def _html_block(content: str) -> list[Block]:
    """A raw HTML block of the Markdown: its tables as tables, other text as paragraphs."""
    import lxml.html

    if not re.search(r"<table", content, re.I):
        try:
            text = lxml.html.fromstring(content).text_content() if content.strip() else ""
        except Exception:  # an anchor alone, a comment
            text = ""
        return [Block("p", t.strip()) for t in re.split(r"\n\s*\n", text) if t.strip()]
    root = lxml.html.fromstring("<div>" + content + "</div>")
    out: list[Block] = []

    def walk(el) -> None:
        if el.tag == "table":
            rows = _table_cells(el)
            if rows:
                out.append(Block("table", rows=rows))
        else:
            if el.text and el.text.strip():
                out.append(Block("p", " ".join(el.text.split())))
            for ch in el:
                if isinstance(ch.tag, str):
                    walk(ch)
        if el.tail and el.tail.strip() and el is not root:
            out.append(Block("p", " ".join(el.tail.split())))

    walk(root)
    return out


def md_blocks(md: str) -> list[Block]:
    """The blocks of a Markdown act (markdown-it's CommonMark tokens, pipe tables on)."""
    from markdown_it import MarkdownIt

    toks = MarkdownIt("commonmark", {"html": True}).enable("table").parse(md)
    out: list[Block] = []
    ctx: list[str] = []  # open containers: "ul", "ol", "quote"
    ol_num: list[int] = []
    table: list | None = None
    row: list | None = None
    cell_open = False
    for i, t in enumerate(toks):
        ty = t.type
        if ty == "table_open":
            table = []
        elif ty == "table_close":
            if table:
                out.append(Block("table", rows=table))
            table = None
        elif ty == "tr_open":
            row = []
        elif ty == "tr_close" and table is not None:
            table.append(row or [])
        elif ty in ("th_open", "td_open"):
            cell_open = True
        elif ty in ("th_close", "td_close"):
            cell_open = False
        elif ty == "inline" and cell_open and row is not None:
            row.append((" ".join(_inline_text(t).split()), 1, 1))
        elif ty == "bullet_list_open":
            ctx.append("ul")
        elif ty == "ordered_list_open":
            ctx.append("ol")
            ol_num.append(int(t.attrGet("start") or 1))
        elif ty in ("bullet_list_close", "ordered_list_close"):
            ctx.pop()
            if ty == "ordered_list_close":
                ol_num.pop()
        elif ty == "blockquote_open":
            ctx.append("quote")
        elif ty == "blockquote_close":
            ctx.pop()
        elif ty == "heading_open":
            text = _inline_text(toks[i + 1])
            if text:
                out.append(Block("h", text, level=int(t.tag[1])))
        elif ty == "paragraph_open":
            text = _inline_text(toks[i + 1])
            if not text:
                continue
            if ctx and ctx[-1] in ("ul", "ol"):
                if ctx[-1] == "ol":
                    text = f"{ol_num[-1]}. {text}"
                    ol_num[-1] += 1
                out.append(Block("li", text))
            elif "quote" in ctx:
                out.append(Block("quote", text))
            else:
                out.append(Block("p", text))
        elif ty in ("code_block", "fence"):
            out += [Block("code", ln.strip()) for ln in t.content.split("\n") if ln.strip()]
        elif ty == "html_block":
            out += _html_block(t.content)
    return out


# ------------------------------------------------------------------ writers

def _x(s: str) -> str:
    return _XML_BAD.sub("", s)


def _grid(rows: list[list[tuple[str, int, int]]]) -> tuple[list[tuple[int, int, int, int, str]], int, int]:
    """Place the cells of a table: ``[(row, col, rowspan, colspan, text)]``, rows, columns."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, cells in enumerate(rows):
        c = 0
        for text, rs, cs in cells:
            while (r, c) in taken:
                c += 1
            rs = min(rs, len(rows) - r)
            for i in range(rs):
                for j in range(cs):
                    taken.add((r + i, c + j))
            placed.append((r, c, rs, cs, text))
            c += cs
    n_rows = max((r + rs for r, _, rs, _, _ in placed), default=0)
    n_cols = max((c + cs for _, c, _, cs, _ in placed), default=0)
    return placed, n_rows, n_cols


def write_docx(blocks: list[Block], path: Path) -> None:
    import docx

    d = docx.Document()
    for b in blocks:
        if b.kind == "h":
            d.add_heading(_x(b.text), level=min(max(b.level, 1), 4))
        elif b.kind == "li":
            d.add_paragraph(_x(b.text), style="List Bullet" if not re.match(r"\d+\. ", b.text) else None)
        elif b.kind == "quote":
            d.add_paragraph(_x(b.text), style="Quote")
        elif b.kind == "table":
            placed, n_rows, n_cols = _grid(b.rows)
            if not placed:
                continue
            t = d.add_table(rows=n_rows, cols=n_cols)
            t.style = "Table Grid"
            for r, c, rs, cs, text in placed:
                cell = t.cell(r, c)
                if rs > 1 or cs > 1:
                    try:
                        cell = cell.merge(t.cell(r + rs - 1, c + cs - 1))
                    except Exception:  # spans that overlap in the source: the cell unmerged
                        cell = t.cell(r, c)
                cell.text = _x(text)
        else:
            d.add_paragraph(_x(b.text))
    d.save(str(path))


def write_html(blocks: list[Block], title: str, path: Path, lang: str) -> None:
    e = html.escape
    body = []
    in_list = False
    for b in blocks:
        if b.kind == "li" and not in_list:
            body.append("<ul>")
            in_list = True
        elif b.kind != "li" and in_list:
            body.append("</ul>")
            in_list = False
        if b.kind == "h":
            lv = min(max(b.level, 1), 3)
            body.append(f"<h{lv}>{e(b.text)}</h{lv}>")
        elif b.kind == "li":
            body.append(f"<li>{e(b.text)}</li>")
        elif b.kind == "quote":
            body.append(f"<blockquote><p>{e(b.text)}</p></blockquote>")
        elif b.kind == "table":
            rows = []
            for cells in b.rows:
                tds = "".join("<td{}{}>{}</td>".format(f' rowspan="{rs}"' if rs > 1 else "",
                                                       f' colspan="{cs}"' if cs > 1 else "", e(t))
                              for t, rs, cs in cells)
                rows.append(f"<tr>{tds}</tr>")
            body.append("<table>\n" + "\n".join(rows) + "\n</table>")
        else:
            body.append(f"<p>{e(b.text)}</p>".replace("\n", "<br>\n"))
    if in_list:
        body.append("</ul>")
    nav = "".join(f'<li><a href="/p{i}">{e(x)}</a></li>' for i, x in enumerate(NAV))
    page = (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{e(title)}</title>\n'
            f"</head>\n<body>\n<nav><ul>{nav}</ul></nav>\n<article>\n" + "\n".join(body) +
            f"\n</article>\n<footer><p>{e(FOOTER)}</p></footer>\n</body>\n</html>\n")
    path.write_text(page, encoding="utf-8")


_FONT_READY = False
PAGE_TOP, PAGE_BOTTOM, LEFT, RIGHT = 40.0, 40.0, 30.0, 565.0  # A4 margins (points)
LEADING = 12.5  # points a text line takes
CELL_FONT, CELL_LEADING, PAD = 7.0, 9.0, 2.0


def _font() -> str:
    global _FONT_READY
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not _FONT_READY:
        font = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
        pdfmetrics.registerFont(TTFont("DejaVu", str(font)))
        _FONT_READY = True
    return "DejaVu"


class _Pdf:
    """A reportlab canvas that flows text lines and ruled tables down A4 pages."""

    def __init__(self, path: Path):
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        self.font = _font()
        self.c = canvas.Canvas(str(path), pagesize=A4)
        self.height = A4[1]
        self.y = self.height - PAGE_TOP

    def new_page(self) -> None:
        self.c.showPage()
        self.y = self.height - PAGE_TOP

    def line(self, text: str) -> None:
        if self.y < PAGE_BOTTOM:
            self.new_page()
        if text:
            self.c.setFont(self.font, 8)
            self.c.drawString(LEFT, self.y, text)
        self.y -= LEADING

    def table(self, rows: list) -> None:
        """A table with a rule around every cell, a merged cell drawn once over the rows and columns
        it spans; column widths by the length of their text; page breaks only between rows that no
        merged cell joins."""
        from reportlab.lib.utils import simpleSplit

        placed, n_rows, n_cols = _grid(rows)
        if not placed:
            return
        need = [1.0] * n_cols
        for _r, c, _rs, cs, text in placed:
            for j in range(c, c + cs):
                need[j] = max(need[j], min(len(text), 40) / cs)
        total = sum(x + 4 for x in need)
        widths = [(RIGHT - LEFT) * (x + 4) / total for x in need]
        xs = [LEFT]
        for w in widths:
            xs.append(xs[-1] + w)
        wrapped = {}
        heights = [CELL_LEADING + 2 * PAD] * n_rows
        for r, c, rs, cs, text in placed:
            lines = simpleSplit(text, self.font, CELL_FONT, xs[c + cs] - xs[c] - 2 * PAD) if text else []
            wrapped[(r, c)] = lines
            h = max(1, len(lines)) * CELL_LEADING + 2 * PAD
            if rs == 1:
                heights[r] = max(heights[r], h)
        for r, c, rs, cs, text in placed:  # a merged cell taller than its rows: the last row grows
            if rs > 1:
                h = max(1, len(wrapped[(r, c)])) * CELL_LEADING + 2 * PAD
                have = sum(heights[r:r + rs])
                if h > have:
                    heights[r + rs - 1] += h - have
        # bands: runs of rows that no merged cell crosses
        reach = list(range(n_rows))
        for r, _c, rs, _cs, _t in placed:
            reach[r] = max(reach[r], r + rs - 1)
        bands, a = [], 0
        while a < n_rows:
            b, far = a, reach[a]
            while b < far:
                b += 1
                far = max(far, reach[b])
            bands.append((a, b))
            a = b + 1
        self.y += LEADING - 4  # the table starts just under the last text line
        for a, b in bands:
            h = sum(heights[a:b + 1])
            if self.y - h < PAGE_BOTTOM and self.y < self.height - PAGE_TOP:
                self.new_page()
            tops = {a: self.y}
            for r in range(a, b + 1):
                tops[r + 1] = tops[r] - heights[r]
            for r, c, rs, cs, _text in placed:
                if not a <= r <= b:
                    continue
                x0, x1, top, bottom = xs[c], xs[c + cs], tops[r], tops[r + rs]
                self.c.setLineWidth(0.5)
                self.c.rect(x0, bottom, x1 - x0, top - bottom, stroke=1, fill=0)
                self.c.setFont(self.font, CELL_FONT)
                y = top - PAD - CELL_FONT
                for ln in wrapped[(r, c)]:
                    self.c.drawString(x0 + PAD, y, ln)
                    y -= CELL_LEADING
            self.y = tops[b + 1]
        self.y -= LEADING

    def save(self) -> None:
        self.c.showPage()
        self.c.save()


def write_pdf(blocks: list[Block], path: Path) -> None:
    """Every block wrapped at ``WRAP`` characters with a blank line after it; tables ruled."""
    pdf = _Pdf(path)
    for b in blocks:
        if b.kind == "table":
            pdf.table(b.rows)
        else:
            for part in b.text.split("\n"):
                for ln in textwrap.wrap(part, WRAP, break_long_words=False):
                    pdf.line(ln)
        pdf.line("")
    pdf.save()


# ------------------------------------------------------------------ the sources

def collect(*, smoke: bool) -> list[Item]:
    d = data_dir()
    items: list[Item] = []
    fm = d / "frontmatter" if d is not None else None
    if fm is not None and fm.is_dir():
        stems = sorted(p.stem for p in fm.glob("*.txt") if (fm / f"{p.stem}.json").exists())
        if smoke:
            stems = [s for s in stems if half("frontmatter:" + s) == "tune"][:SMOKE_OPENINGS] + \
                [s for s in stems if half("frontmatter:" + s) == "check"][:SMOKE_OPENINGS]
        for s in stems:
            raw = (fm / f"{s}.txt").read_text(encoding="utf-8")
            gold = json.loads((fm / f"{s}.json").read_text(encoding="utf-8"))
            titles = {" ".join(t.split()) for t in gold.get("title") or []}
            items.append(Item(f"fm_{s}", "frontmatter:" + s, half("frontmatter:" + s), "opening", ".txt", raw,
                              opening_blocks(raw, titles), (gold.get("title") or [s])[0], gold))
    kz = d / "kzlaw" if d is not None else None
    if kz is not None and kz.is_dir():
        acts = sorted(p for p in kz.iterdir() if p.is_dir() and (p / "kaz.md").exists() and (p / "rus.md").exists())
        if smoke:
            acts = [a for a in acts if half("kzlaw:" + a.name) == "tune"][:SMOKE_ACTS] + \
                   [a for a in acts if half("kzlaw:" + a.name) == "check"][:SMOKE_ACTS]
        for a in acts:
            for lang in ("kaz", "rus"):
                raw = (a / f"{lang}.md").read_text(encoding="utf-8")
                blocks = md_blocks(raw)
                title = next((b.text for b in blocks if b.kind == "h"), a.name)
                items.append(Item(f"law{a.name.split('_', 1)[0]}_{lang}", "kzlaw:" + a.name, half("kzlaw:" + a.name),
                                  "act", ".md", raw, blocks, title))
    return items


def write_versions(items: list[Item], work: Path) -> dict[str, Path]:
    """``{format: input folder}``: the reference files and the three made versions."""
    dirs = {f: work / "in" / f for f in ("ref",) + FORMATS}
    for p in dirs.values():
        shutil.rmtree(p, ignore_errors=True)
        p.mkdir(parents=True)
    for it in items:
        (dirs["ref"] / f"{it.name}{it.ref_ext}").write_text(it.raw, encoding="utf-8")
        write_docx(it.blocks, dirs["docx"] / f"{it.name}.docx")
        lang = "kk" if it.name.endswith("_kaz") or it.name.startswith("fm_kk") else "ru"
        write_html(it.blocks, it.title, dirs["html"] / f"{it.name}.html", lang)
        write_pdf(it.blocks, dirs["pdf"] / f"{it.name}.pdf")
    return dirs


def read_run(out: Path) -> tuple[dict[str, tuple[dict, str]], dict[str, str]]:
    """``({file stem: (facts, text)}, {file stem: error message})`` of a run."""
    ok: dict[str, tuple[dict, str]] = {}
    err: dict[str, str] = {}
    mf = out / "manifest.json"
    if not mf.exists():
        return ok, err
    for src in json.loads(mf.read_text(encoding="utf-8"))["sources"]:
        stem = Path(src["path"]).stem
        if src.get("status") != "ok":
            err[stem] = f"{src.get('error') or src.get('status')}: {src.get('message') or ''}"
            continue
        sid = src["source_id"]
        facts = json.loads((out / "facts" / f"{sid}.json").read_text(encoding="utf-8"))
        text = (out / "text" / f"{sid}.txt").read_text(encoding="utf-8")
        ok[stem] = (facts, text)
    return ok, err


# ------------------------------------------------------------------ keys and scores

def claim_keys(facts: dict) -> list[tuple]:
    return [(round(float(c["value"]), 4), c["unit"]) for c in facts.get("numeric_claims", [])
            if c.get("value") is not None]


def org_keys(facts: dict) -> set[str]:
    return {" ".join(o["canonical"].split()) for o in facts.get("organisations", []) if o.get("canonical")}


KINDS = (("claims", "numeric claims (value, unit)", claim_keys),
         ("orgs", "organisations (canonical name)", org_keys),
         ("acts", "legal acts (kind, number, year)", act_keys))


def overlap(a, b) -> int:
    """Items shared by two multisets (lists) or sets."""
    if isinstance(a, set):
        return len(a & b)
    return sum((collections.Counter(a) & collections.Counter(b)).values())


def f1(common: int, n_ref: int, n_fmt: int) -> float | None:
    if n_ref + n_fmt == 0:
        return None
    return round(2 * common / (n_ref + n_fmt), 3)


def fm_recall(facts: dict, text: str, gold: dict) -> tuple[int, int]:
    p, g = predicted(facts, text), gold_sets(gold)
    return sum(len(p[f] & g[f]) for f in FIELDS), sum(len(g[f]) for f in FIELDS)


def show_item(it: Item, fmt: str, ref, got, err: str | None) -> None:
    """Per-file differences between the reference and one format (printed for the tune half only)."""
    lines = []
    if err:
        lines.append(f"  error {err}")
    rf, rt = ref if ref else ({}, "")
    gf, gt = got if got else ({}, "")
    if it.gold is not None and ref:
        p_ref = predicted(rf, rt)
        p_got = predicted(gf, gt) if got else {f: set() for f in FIELDS}
        gs = gold_sets(it.gold)
        for f in FIELDS:
            lost, won = (p_ref[f] & gs[f]) - p_got[f], (p_got[f] & gs[f]) - p_ref[f]
            if lost or won:
                lines.append(f"  front matter {f}: lost {sorted(lost)} gained {sorted(won)}")
    for key, name, fn in KINDS:
        a, b = fn(rf) if ref else [], fn(gf) if got else []
        if isinstance(a, set):
            miss, extra = sorted(a - b, key=str), sorted(b - a, key=str)
        else:
            ca, cb = collections.Counter(a), collections.Counter(b)
            miss, extra = sorted((ca - cb).elements(), key=str), sorted((cb - ca).elements(), key=str)
        if miss or extra:
            lines.append(f"  {name}: only in reference {miss[:12]}{' ...' if len(miss) > 12 else ''}; "
                         f"only in {fmt} {extra[:12]}{' ...' if len(extra) > 12 else ''}")
            if key == "claims":
                txt = collections.defaultdict(list)
                for c in rf.get("numeric_claims", []):
                    txt[("ref",) + (round(float(c["value"]), 4), c["unit"])].append(c["text"])
                for c in gf.get("numeric_claims", []):
                    txt[(fmt,) + (round(float(c["value"]), 4), c["unit"])].append(c["text"])
                for k in miss[:6]:
                    lines.append(f"      ref {k}: {txt[('ref',) + k][:3]}")
                for k in extra[:6]:
                    lines.append(f"      {fmt} {k}: {txt[(fmt,) + k][:3]}")
    if lines:
        print(f"{it.name} ({it.doc_id[:60]}) {fmt}:")
        print("\n".join(lines))


def evaluate(work: Path, *, smoke: bool = False, show: str | None = None) -> list[dict]:
    items = collect(smoke=smoke)
    if not items:
        return []
    work = Path(work)
    dirs = write_versions(items, work)
    runs = {}
    for f, inp in dirs.items():  # one derek process at a time
        out = work / "out" / f
        shutil.rmtree(out, ignore_errors=True)
        run_derek(inp, out)
        runs[f] = read_run(out)
    halves = ("tune", "check")
    figures: list[dict] = []
    # 1. front matter of the openings
    openings = [it for it in items if it.kind == "opening"]
    if openings:
        rec = {}
        for f in ("ref",) + FORMATS:
            ok = runs[f][0]
            for h in halves:
                tp = n = 0
                for it in openings:
                    if it.half != h:
                        continue
                    if it.name in ok:
                        a, b = fm_recall(*ok[it.name], it.gold)
                    else:
                        a, b = 0, fm_recall({"documents": []}, "", it.gold)[1]
                    tp, n = tp + a, n + b
                rec[(f, h)] = (round(tp / n, 3) if n else None, n)
        for f in ("ref",) + FORMATS:
            name = "txt (reference)" if f == "ref" else f
            target = "reference (the .txt)" if f == "ref" else \
                f"== the txt version's ({rec[('ref', 'tune')][0]}/{rec[('ref', 'check')][0]})"
            figures.append({"figure": f"formats: article openings, front matter ({FIELD_NAMES}) micro recall, {name}",
                            "tune": rec[(f, "tune")][0], "check": rec[(f, "check")][0],
                            "n_tune": rec[(f, "tune")][1], "n_check": rec[(f, "check")][1],
                            "target": target, "command": COMMAND})
    # 2. facts against the reference version
    ref_ok = runs["ref"][0]
    for key, name, fn in KINDS:
        for f in FORMATS:
            ok = runs[f][0]
            agg = {h: [0, 0, 0] for h in halves}  # common, n_ref, n_fmt
            for it in items:
                a = fn(ref_ok[it.name][0]) if it.name in ref_ok else []
                b = fn(ok[it.name][0]) if it.name in ok else []
                if isinstance(a, set) and not isinstance(b, set):
                    b = set(b)
                if isinstance(b, set) and not isinstance(a, set):
                    a = set(a)
                g = agg[it.half]
                g[0] += overlap(a, b)
                g[1] += len(a)
                g[2] += len(b)
            figures.append({"figure": f"formats: {name} F1 against the reference version (txt/md), {f}",
                            "tune": f1(*agg["tune"]), "check": f1(*agg["check"]),
                            "n_tune": agg["tune"][1], "n_check": agg["check"][1], "target": ">= 0.95",
                            "command": COMMAND})
    # 3. the acts' titles: each version's first document titled as the Markdown version's
    acts = [it for it in items if it.kind == "act"]
    if acts:
        def title_of(run: dict, name: str) -> str | None:
            docs = run[name][0].get("documents") if name in run else None
            return " ".join((docs[0].get("title") or "").split()) or None if docs else None
        for f in FORMATS:
            same = {h: 0 for h in halves}
            n = {h: 0 for h in halves}
            for it in acts:
                ref_title = title_of(ref_ok, it.name)
                if ref_title is None:
                    continue
                n[it.half] += 1
                same[it.half] += title_of(runs[f][0], it.name) == ref_title
            figures.append({"figure": f"formats: kzlaw acts, title equal to the Markdown version's (share), {f}",
                            "tune": round(same["tune"] / n["tune"], 3) if n["tune"] else None,
                            "check": round(same["check"] / n["check"], 3) if n["check"] else None,
                            "n_tune": n["tune"], "n_check": n["check"], "target": "1.0", "command": COMMAND})
    # 4. errors
    for f in ("ref",) + FORMATS:
        ok, err = runs[f]
        cnt = {h: sum(1 for it in items if it.half == h and it.name not in ok) for h in halves}
        n = {h: sum(1 for it in items if it.half == h) for h in halves}
        name = "txt/md (reference)" if f == "ref" else f
        figures.append({"figure": f"formats: sources with an error row or missing, {name} (count)",
                        "tune": cnt["tune"], "check": cnt["check"], "n_tune": n["tune"], "n_check": n["check"],
                        "target": "0", "command": COMMAND})
    if show:
        for f in FORMATS:
            ok, err = runs[f]
            for it in items:
                if it.half != show:
                    continue
                show_item(it, f, ref_ok.get(it.name), ok.get(it.name), err.get(it.name)
                          or (None if it.name in ok else "missing from the manifest"))
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--smoke", action="store_true", help="a few files of each half")
    ap.add_argument("--show", choices=("tune",), help="per-file differences of the tune half")
    ap.add_argument("--work", default=None, help="folder for the versions and derek's outputs")
    args = ap.parse_args()
    if data_dir() is None:
        require_data("frontmatter")
    d = data_dir()
    if not (d / "frontmatter").is_dir() and not (d / "kzlaw").is_dir():
        require_data("frontmatter")
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="eval_formats_"))
    figs = evaluate(work, smoke=args.smoke, show=args.show)
    print_figures(figs, 110, n=True)
    print(f"work: {work}")


if __name__ == "__main__":
    main()
