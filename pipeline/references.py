"""Reference lists and the markers that cite them.

``extract_references(a)`` reads every ``references`` section: one :class:`Reference` per entry
(``1. Иванов И.И. Политика. – Алматы, 2018.``, ``[2] Smith J. ...``), with its authors, year,
title, venue, DOI and URL; and one :class:`Citation` per marker in the sentences that may state
facts (``[1]``, ``[1, с. 25]``, ``[2; 5]``, ``(Смағұлов, 2019)``), linked to its entry.
``resolve_cite(a, cite_text, start)`` gives the ``ref_id`` a claim's ``cite`` points to.
"""
from __future__ import annotations

import bisect
import re

from pipeline.frontmatter_lines import DOI_RX, URL_RX, clean_doi, find_names
from pipeline.model import FACT_SECTIONS, Analysis, Citation, Reference

# 1. Иванов ... | 1) ... | [1] ... : the start of a numbered entry
ENTRY = re.compile(r"^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s+(?=\S)")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
# [1] | [1, с. 25] | [4, 25 б.] | [2; 5] | [3, p. 7] | [1-3]
NUMERIC_CITE = re.compile(r"\[(\d{1,3}(?:\s*[-–]\s*\d{1,3})?(?:\s*[,;]\s*\d{1,3}(?:\s*[-–]\s*\d{1,3})?)*)"
                          r"(?:\s*[,;]\s*(?:(?:с|б|p|pp|стр|бет)\.?\s*\d+(?:\s*[-–]\s*\d+)?"
                          r"|\d+(?:\s*[-–]\s*\d+)?\s*(?:б|бет)\.?))?\]")  # [4, 25 б.]
# (Смағұлов, 2019) | (Иванов и др., 2020, с. 5)
AUTHOR_CITE = re.compile(r"\(([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'-]+)(?:\s+(?:и\s+др\.|et\s+al\.|т\.б\.))?,?\s+((?:19|20)\d\d)"
                         r"(?:[,;]\s*[^)]{0,20})?\)")


def _entries(text: str, start: int, end: int) -> list[tuple[int, int, int | None]]:
    """``(start, end, number)`` of the entries of a reference list span (header line left out)."""
    lines = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\n\r]+", text[start:end])
             if m.group().strip()]
    out: list[list] = []
    numbered = sum(bool(ENTRY.match(text[a:b])) for a, b in lines) >= max(1, len(lines) // 3)
    for a, b in lines:
        line = text[a:b]
        m = ENTRY.match(line)
        if m:
            out.append([a + len(line) - len(line.lstrip()), b, int(m.group(1) or m.group(2))])
        elif not numbered and find_names(line[:40]) and YEAR.search(line):
            out.append([a + len(line) - len(line.lstrip()), b, None])  # an unnumbered list: one entry a line
        elif out:
            out[-1][1] = b  # a continuation line
    return [tuple(x) for x in out]


def parse_entry(text: str) -> dict:
    """Authors, year, title, venue, DOI and URL of one entry.

    >>> e = parse_entry("1. Иванов И.И. Политические партии // Вестник КазНУ. – 2019. – № 2. – С. 10-25.")
    >>> e["authors"], e["year"], e["title"], e["venue"]
    (['Иванов И.И.'], 2019, 'Политические партии', 'Вестник КазНУ')
    """
    body = ENTRY.sub("", text, count=1)
    names = find_names(body[:200])
    authors = [n for _, _, n in names]
    y = YEAR.search(body)
    doi = DOI_RX.search(body)
    url = URL_RX.search(body)
    rest = body[names[-1][1]:] if names else body
    rest = rest.lstrip(" ,.;:")
    title, venue = None, None
    if "//" in rest:
        title, _, after = rest.partition("//")
        venue = re.split(r"\s[–—-]\s|\.\s|,\s(?=\d)", after.strip(), maxsplit=1)[0].strip(" .,")
    else:
        title = re.split(r"\s[–—-]\s|\.\s(?=[А-ЯA-Z]\w*:)", rest, maxsplit=1)[0]
    title = title.strip(" .,;:–—-") if title else None
    return {"authors": authors, "year": int(y.group(1)) if y else None, "title": title or None,
            "venue": venue or None, "doi": clean_doi(doi.group(1)) if doi else None,
            "url": url.group().rstrip(".,;)") if url else None}


def extract_references(a: Analysis) -> tuple[list[Reference], list[Citation]]:
    text = a.text
    refs: list[Reference] = []
    for d in a.documents:
        k = 0
        for s in d.sections:
            if s.kind != "references":
                continue
            for x, y, n in _entries(text, s.start, s.end):
                k += 1
                e = parse_entry(text[x:y])
                refs.append(Reference(f"{d.doc_id}:r{n if n is not None else k}", d.doc_id, n, tuple(e["authors"]),
                                      e["year"], e["title"], e["venue"], e["doi"], e["url"], text[x:y], x, y))
    by_doc: dict[str, list[Reference]] = {}
    for r in refs:
        by_doc.setdefault(r.doc_id, []).append(r)
    cites: list[Citation] = []
    starts = [s.start for s in a.sentences]
    for d in a.documents:
        for sec in d.sections:
            if sec.kind not in FACT_SECTIONS:
                continue
            part = text[sec.start:sec.end]  # sections, not sentences: "[2, с. 25]" may straddle a split
            for m in list(NUMERIC_CITE.finditer(part)) + list(AUTHOR_CITE.finditer(part)):
                x = sec.start + m.start()
                k = bisect.bisect_right(starts, x) - 1
                sent = a.sentences[k].sent_id if k >= 0 and a.sentences[k].end > x else None
                cites.append(Citation(d.doc_id, _resolve(by_doc.get(d.doc_id, []), m), m.group(), x,
                                      sec.start + m.end(), sent))
    cites.sort(key=lambda c: c.start)
    return refs, cites


def _resolve(refs: list[Reference], m: re.Match) -> str | None:
    """The entry a marker points to: the first number of ``[2, с. 15]``; the surname and year of
    ``(Смағұлов, 2019)``."""
    if m.re is NUMERIC_CITE:
        n = int(re.match(r"\d+", m.group(1)).group())
        return next((r.ref_id for r in refs if r.n == n), None)
    surname, year = m.group(1).lower(), int(m.group(2))
    for r in refs:
        if r.year == year and any(surname in au.lower() for au in r.authors):
            return r.ref_id
    return None


def resolve_cite(a: Analysis, cite_text: str | None, start: int) -> str | None:
    """The ``ref_id`` of the entry a claim's ``cite`` (e.g. ``[2]``) resolves to, the claim at ``start``
    telling which document's list to read; None when there is no such entry."""
    if not cite_text:
        return None
    doc = next((d for d in a.documents if d.start <= start < d.end), None)
    if doc is None:
        return None
    refs = [r for r in a.references if r.doc_id == doc.doc_id]
    m = NUMERIC_CITE.search(cite_text) or AUTHOR_CITE.search(cite_text)
    return _resolve(refs, m) if m else None
