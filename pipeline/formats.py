"""HTML and Markdown to the plain text derek reads (every offset indexes this text).

- HTML goes through lxml's parser: scripts, styles, menus, site headers and footers are dropped
  (elements named in ``pipeline/data/common/html_boilerplate.txt`` by tag, class or id), and the
  page's ``<main>`` or ``<article>`` is taken when it has one.
- Markdown is rendered by markdown-it (CommonMark with pipe tables, raw HTML kept) and read as HTML:
  heading marks, emphasis and backslash escapes (``1\\.``) are gone, entities decoded, code kept.
- Every table (a pipe table, or an HTML ``<table>`` with rowspan/colspan) is written one row a line,
  ``| cell | cell |``, a spanning cell repeated in every row and column it covers, with a blank
  line before and after.
- Blocks (paragraphs, headings, list items) are separated by a blank line.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.resources import load_list

BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "section", "article",
          "main", "dd", "dt", "dl", "figcaption", "caption", "figure", "address", "center", "body", "html",
          "header", "footer", "hr", "tr", "tbody", "thead", "td", "th", "form", "fieldset"}
VERBATIM = "\ue000"  # marks a line of a code block while the text is tidied (never in the output)
DROP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "head", "title", "meta", "link", "button",
             "select", "option", "input", "textarea", "object", "embed", "canvas"}


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[frozenset[str], re.Pattern]:
    """Tags that are site furniture, and a regex of class/id words that mark it."""
    tags, words = set(), []
    for line in load_list("common/html_boilerplate.txt"):
        kind, _, value = line.partition(":")
        (tags.add if kind.strip() == "tag" else words.append)(value.strip())
    return frozenset(tags), re.compile(r"(?:^|[\s_-])(?:" + "|".join(map(re.escape, words)) + r")(?:$|[\s_-])", re.I)


def _is_furniture(el) -> bool:
    tags, rx = _boilerplate()
    if el.tag in tags:
        return True
    marks = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role"))))
    return bool(marks) and bool(rx.search(marks))


def _collapse(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def table_rows(table) -> list[list[str]]:
    """The grid of an HTML table, a rowspan/colspan cell repeated in every row and column it spans."""
    grid: dict[tuple[int, int], str] = {}
    r = 0
    rows = [tr for tr in table.iter("tr") if own_table(tr, table)]
    for tr in rows:
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            text = _collapse(cell.text_content()).replace("|", "/")
            rs = cell_span(cell.get("rowspan"))
            cs = cell_span(cell.get("colspan"))
            for i in range(rs):
                for j in range(cs):
                    grid.setdefault((r + i, c + j), text)
            c += cs
        r += 1
    if not grid:
        return []
    n_rows = max(i for i, _ in grid) + 1
    n_cols = max(j for _, j in grid) + 1
    return [[grid.get((i, j), "") for j in range(n_cols)] for i in range(n_rows)]


def own_table(tr, table) -> bool:
    """``tr`` is a row of ``table`` itself, not of a table nested in one of its cells."""
    p = tr.getparent()
    while p is not None and p.tag != "table":
        p = p.getparent()
    return p is table


def cell_span(v) -> int:
    """A cell's rowspan or colspan attribute as a count (1 when absent or not a number, at most 100)."""
    try:
        return max(1, min(int(v), 100))
    except (TypeError, ValueError):
        return 1


def _render(el, out: list[str]) -> None:
    """Append the text of ``el`` to ``out``; a block boundary is written as ``\\n\\n``."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in DROP_TAGS or (tag and _is_furniture(el)):
        if el.tail:
            out.append(el.tail)
        return
    if tag == "table":
        rows = table_rows(el)
        if rows:
            out.append("\n\n" + "\n".join("| " + " | ".join(row) + " |" for row in rows) + "\n\n")
        if el.tail:
            out.append(el.tail)
        return
    if tag == "pre":  # code and fixed-width forms: every line kept as it is
        body = el.text_content().strip("\n")
        out.append("\n\n" + "\n".join(VERBATIM + line for line in body.split("\n")) + "\n\n")
        if el.tail:
            out.append(el.tail)
        return
    if tag == "br":  # a line break inside a block: one newline, the source's own newline after it included
        out.append("\n")
        if el.tail:
            out.append(el.tail[1:] if el.tail.startswith("\n") else el.tail)
        return
    block = tag in BLOCKS
    if block:
        out.append("\n\n")
    if el.text:
        out.append(el.text)
    for child in el:
        _render(child, out)
    if block:
        out.append("\n\n")
    if el.tail:
        out.append(el.tail)


def html_to_text(html: str) -> str:
    """The main text of an HTML page.

    >>> html_to_text("<nav>Menu</nav><main><h1>Title</h1><p>One &amp; two.</p></main>")
    'Title\\n\\nOne & two.'
    """
    import lxml.html

    html = html.replace(VERBATIM, "")
    if not html.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml refuses some fragments (only a comment, an XML declaration): no text
        return ""
    main = root.find(".//main")
    if main is None:
        arts = root.findall(".//article")
        main = max(arts, key=lambda a: len(a.text_content())) if arts else None
    if main is None:
        main = root.find("body")
    if main is None:
        main = root
    out: list[str] = []
    _render(main, out)
    return _tidy("".join(out))


def _tidy(text: str) -> str:
    """Spaces collapsed inside lines, lines trimmed, at most one blank line between blocks;
    pipe-table lines are kept as they are."""
    lines = []
    for line in text.replace("\r\n", "\n").replace("\xa0", " ").split("\n"):
        if line.startswith(VERBATIM):
            lines.append(line[len(VERBATIM):].rstrip())
        else:
            lines.append(line.strip() if line.lstrip().startswith("|") else re.sub(r"[ \t]+", " ", line).strip())
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def markdown_to_text(md: str) -> str:
    """Markdown as plain text (pipe tables as tables).

    >>> markdown_to_text("# Заголовок\\n\\n1\\\\. Бірінші *пункт*\\n\\n| a | b |\\n|---|---|\\n| 1 | 2 |")
    'Заголовок\\n\\n1. Бірінші пункт\\n\\n| a | b |\\n| 1 | 2 |'
    """
    from markdown_it import MarkdownIt

    if not md.strip():
        return ""
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    return html_to_text("<html><body>" + html + "</body></html>")


CONVERTERS = {"html": html_to_text, "md": markdown_to_text}


def to_text(raw: str, fmt: str) -> str:
    """The plain text of a decoded HTML or Markdown source (``fmt``: ``html`` or ``md``)."""
    return CONVERTERS[fmt](raw)
