"""`derek report OUT`: a self-contained HTML review page per source, and an index.

Each page shows the source text with every fact highlighted by type (a ``<mark>``
carrying ``data-fact`` = the fact's id; a fact whose span crosses another one is
split into several marks with the same id, so overlapping and nested facts always
render), and a side list of the facts with their fields. A grader marks each fact
correct or wrong (optionally with corrected fields), can add a fact the pipeline
missed by selecting its text, and downloads the verdicts as JSON
(``derek evaluate --verdicts`` turns them into a gold file).

Everything is inlined (CSS, JS, data); the page loads nothing from the network and
its Content-Security-Policy forbids it. Every piece of source text and every field
value is HTML-escaped.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any, Iterable

from pipeline import __version__

VERDICT_SCHEMA = "derek.verdicts/1"

# type key in the facts JSON, its id field, short css name, label
FACT_TYPES: tuple[tuple[str, str, str, str], ...] = (
    ("numeric_claims", "claim_id", "claim", "Claims"),
    ("organisations", "org_id", "org", "Organisations"),
    ("legal_acts", "act_id", "act", "Legal acts"),
    ("recommendations", "rec_id", "rec", "Recommendations"),
)
ID_FIELD = {t: idf for t, idf, _, _ in FACT_TYPES}
CSS_NAME = {t: c for t, _, c, _ in FACT_TYPES}
# nesting preference at equal spans: a recommendation outside an act outside an organisation outside a claim
RANK = {"recommendations": 0, "legal_acts": 1, "organisations": 2, "numeric_claims": 3}

# fields a grader may correct, in display order (the rest are shown read-only)
EDITABLE: dict[str, tuple[str, ...]] = {
    "numeric_claims": ("value", "value_max", "unit", "currency", "qualifier", "measured", "subject", "year", "period",
                       "cite", "where", "table", "row", "column", "start", "end"),
    # entity_id: a grader merges two entities by giving one the other's id, or splits one off by a new id
    "organisations": ("canonical", "abbr", "legal_form", "url", "lang", "entity_id"),
    "legal_acts": ("canonical", "kind", "year", "number", "entity_id"),
    "recommendations": ("text", "cue", "lang", "topic", "start", "end"),
}
NOT_SHOWN = {"mentions", "sentence", "doc_id"}


# --- the fact model of a page ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Highlight:
    """One piece of evidence in the text: a fact's span, or one mention of an organisation / act."""

    start: int
    end: int
    fact_id: str
    ftype: str
    lang: str
    mention: int | None = None


def _lang_of(fact: dict, ftype: str, doc_lang: dict[str, str]) -> str:
    lang = fact.get("lang")
    if not lang:
        doc = fact.get("doc_id") or next((m.get("doc_id") for m in fact.get("mentions") or () if m.get("doc_id")), None)
        lang = doc_lang.get(doc or "", "")
    return lang or "und"


def _int(x: Any) -> int | None:
    try:
        if isinstance(x, bool) or x is None:
            return None
        return int(x)
    except (TypeError, ValueError):
        return None


def highlights(facts: dict, n_chars: int) -> list[Highlight]:
    """Every highlight of a facts document, clipped to the text; spans that cannot be placed are left out."""
    doc_lang = {d.get("doc_id"): d.get("lang") for d in facts.get("documents") or ()}
    out: list[Highlight] = []
    for ftype, idf, _, _ in FACT_TYPES:
        for f in facts.get(ftype) or ():
            fid = str(f.get(idf))
            lang = _lang_of(f, ftype, doc_lang)
            spans: list[tuple[Any, Any, int | None]]
            if "mentions" in f and ftype in ("organisations", "legal_acts"):
                spans = [(m.get("start"), m.get("end"), i) for i, m in enumerate(f.get("mentions") or ())]
            else:
                spans = [(f.get("start"), f.get("end"), None)]
            for s, e, i in spans:
                s, e = _int(s), _int(e)
                if s is None or e is None or e < s or s > n_chars or e < 0:
                    continue
                out.append(Highlight(max(0, s), min(n_chars, e), fid, ftype, lang, i))
    return out


# --- rendering the text with nested marks --------------------------------------------------------


def _mark_open(h: Highlight, part: int) -> str:
    attrs = [f'class="hl t-{CSS_NAME[h.ftype]}"', f'data-fact="{html.escape(h.fact_id)}"', f'data-type="{h.ftype}"',
             f'data-lang="{html.escape(h.lang)}"', f'data-start="{h.start}"', f'data-end="{h.end}"']
    if h.mention is not None:
        attrs.append(f'data-mention="{h.mention}"')
    if part:
        attrs.append(f'data-part="{part}"')
    return "<mark " + " ".join(attrs) + ">"


def render_marked(text: str, start: int, end: int, hls: Iterable[Highlight]) -> str:
    """``text[start:end]`` escaped, with every highlight as a ``<mark>``, properly nested.

    A highlight crossing another one's boundary is closed and reopened (``data-part``
    counts the pieces), so the HTML is always well-formed. One sweep over the
    boundaries: the open marks at each point are those that began and have not ended,
    outermost first.
    """
    import bisect

    key = lambda h: (h.start, -h.end, RANK[h.ftype], h.fact_id, h.mention or 0)  # noqa: E731
    opening: dict[int, list[Highlight]] = {}
    empty: dict[int, list[Highlight]] = {}
    for h in hls:
        if h.start == h.end:
            if start <= h.start < end or h.start == end == len(text):
                empty.setdefault(h.start, []).append(h)
        elif h.start < end and h.end > start:
            opening.setdefault(max(h.start, start), []).append(h)
    points = {start, end}
    for p, hs in opening.items():
        points.add(p)
        points.update(min(h.end, end) for h in hs)
    points.update(empty)
    pts = sorted(points)
    out: list[str] = []
    stack: list[Highlight] = []  # the marks open now, outermost first
    active: list[tuple] = []  # (key, highlight), sorted: the marks that should be open
    parts: dict[int, int] = {}
    for p, q in zip(pts, pts[1:] + [None]):
        for h in sorted(empty.get(p, ()), key=key):  # a zero-width fact: an empty mark, still scrollable to
            out.append(_mark_open(h, 0) + "</mark>")
        if q is None:
            break
        active = [x for x in active if x[-1].end > p]
        for h in opening.get(p, ()):
            bisect.insort(active, (key(h), id(h), h))
        want = [x[-1] for x in active]
        k = 0
        while k < len(stack) and k < len(want) and stack[k] is want[k]:
            k += 1
        out.append("</mark>" * (len(stack) - k))
        for h in want[k:]:
            n = parts.get(id(h), 0)
            parts[id(h)] = n + 1
            out.append(_mark_open(h, n))
        out.append(html.escape(text[p:q], quote=False).replace("\r", "&#13;"))  # a raw CR would become LF
        stack = want
    out.append("</mark>" * len(stack))
    return "".join(out)


def _partition(lo: int, hi: int, spans: list[tuple[int, int, dict]], gap: dict) -> list[tuple[int, int, dict]]:
    """Cut [lo, hi) at the given spans (sorted, overlaps trimmed); the rest is ``gap``."""
    out: list[tuple[int, int, dict]] = []
    pos = lo
    for s, e, info in sorted(spans, key=lambda c: (c[0], c[1])):
        s, e = max(s, pos), min(e, hi)
        if e <= s:
            continue
        if s > pos:
            out.append((pos, s, gap))
        out.append((s, e, info))
        pos = e
    if pos < hi or not out:
        out.append((pos, hi, gap))
    return out


def _chunks(facts: dict, n: int) -> list[tuple[int, int, dict]]:
    """The text cut at document and section boundaries: (start, end, info) covering [0, n)."""
    docs = []
    for d in facts.get("documents") or ():
        ds, de = _int(d.get("start")), _int(d.get("end"))
        if ds is not None and de is not None:
            docs.append((ds, de, {"doc": d.get("doc_id"), "d": d}))
    out: list[tuple[int, int, dict]] = []
    for s, e, info in _partition(0, n, docs, {"doc": None, "d": None}):
        d = info["d"]
        if d is None:
            out.append((s, e, {"doc": None, "kind": "gap", "lang": ""}))
            continue
        secs = [(int(x["start"]), int(x["end"]), {"doc": info["doc"], "kind": x.get("kind") or "other",
                                                  "lang": x.get("lang") or d.get("lang") or ""})
                for x in d.get("sections") or () if _int(x.get("start")) is not None and _int(x.get("end")) is not None]
        out += _partition(s, e, secs, {"doc": info["doc"], "kind": "gap", "lang": d.get("lang") or ""})
    return out


def render_text(text: str, facts: dict) -> str:
    """The whole source text as HTML: one block per section, each document under a heading."""
    hls = highlights(facts, len(text))
    docs = {d.get("doc_id"): d for d in facts.get("documents") or ()}
    out: list[str] = []
    current = object()
    for s, e, info in _chunks(facts, len(text)):
        if info["doc"] != current:
            if current is not object and out:
                out.append("</section>")
            current = info["doc"]
            d = docs.get(current) or {}
            out.append(f'<section class="doc" data-doc="{html.escape(str(current or ""))}" '
                       f'data-lang="{html.escape(str(d.get("lang") or ""))}">')
            if current is not None:
                title = d.get("title") or "(untitled)"
                out.append(f'<h2 class="doc-head"><span class="doc-id">{html.escape(str(current))}</span> '
                           f'<span class="lang">{html.escape(str(d.get("lang") or ""))}</span> '
                           f'{html.escape(str(title))}</h2>')
        ws = " ws" if info["kind"] == "gap" and not text[s:e].strip() else ""  # blank lines between blocks
        out.append(f'<div class="src k-{html.escape(info["kind"])}{ws}" data-start="{s}" data-end="{e}" '
                   f'data-kind="{html.escape(info["kind"])}" data-lang="{html.escape(info["lang"])}">'
                   f'{render_marked(text, s, e, hls)}</div>')
    if out:
        out.append("</section>")
    return "\n".join(out)


# --- the side list ------------------------------------------------------------------------------------


def _value(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (list, tuple)):
        return "; ".join(_value(x) for x in v) if v else "—"
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _evidence(f: dict, ftype: str, text: str) -> str:
    if ftype in ("organisations", "legal_acts"):
        return str(f.get("canonical") or "")
    s, e = _int(f.get("start")), _int(f.get("end"))
    if s is not None and e is not None and 0 <= s <= e <= len(text):
        return text[s:e]
    return str(f.get("text") or "")


def _summary(f: dict, ftype: str) -> str:
    """The fields a grader checks first, on one line."""
    def g(k):
        v = f.get(k)
        return None if v is None or v == "" else _value(v)

    if ftype == "numeric_claims":
        value = g("value")
        if g("value_max"):
            value = f"{value}–{g('value_max')}"
        unit = g("currency") if g("unit") == "money" and g("currency") else g("unit")
        parts = [f"{value} {unit or ''}".strip(), g("qualifier") if g("qualifier") not in (None, "exact") else None,
                 g("measured"), g("subject") and f"@ {g('subject')}", g("year") and f"year {g('year')}", g("period"),
                 g("where") == "table" and f"table {g('table') or '?'}: {g('row') or '?'} × {g('column') or '?'}",
                 g("cite")]
    elif ftype == "organisations":
        parts = [g("canonical"), g("abbr") and f"({g('abbr')})", g("legal_form"),
                 f"{len(f.get('mentions') or ())} mention(s)"]
    elif ftype == "legal_acts":
        parts = [g("kind"), g("year"), g("number") and f"№ {g('number')}", f"{len(f.get('mentions') or ())} mention(s)"]
    else:
        parts = [g("cue") and f"cue: {g('cue')}", g("topic") and f"topic: {g('topic')}"]
    return " · ".join(str(x) for x in parts if x)


def render_fact(f: dict, ftype: str, n: int, text: str, lang: str, entities: dict | None = None) -> str:
    fid = str(f.get(ID_FIELD[ftype]))
    e = html.escape
    ev = _evidence(f, ftype, text)
    if len(ev) > 160:
        ev = ev[:157] + "…"
    rows = []
    for k, v in f.items():
        if k in NOT_SHOWN or k == ID_FIELD[ftype]:
            continue
        rows.append(f'<tr><th>{e(k)}</th><td data-field="{e(k)}">{e(_value(v))}</td></tr>')
    if ftype in ("organisations", "legal_acts"):
        n_m = len(f.get("mentions") or ())
        rows.append(f'<tr><th>mentions</th><td>{n_m}</td></tr>')
    ent = (entities or {}).get(f.get("entity_id")) if ftype in ("organisations", "legal_acts") else None
    if ent:  # the registry's entity: its other names across sources and languages
        others = [f"{x['text']} ({x['lang']})" for x in ent.get("names") or () if x.get("text") != f.get("canonical")]
        rows.append(f'<tr><th>entity</th><td class="entity">{e(str(f.get("entity_id")))} · '
                    f'{e(str(ent.get("n_sources")))} source(s) · other names: {e("; ".join(others) or "none")}'
                    f'</td></tr>')
    if f.get("sentence"):
        rows.append(f'<tr><th>sentence</th><td class="sent">{e(str(f["sentence"]))}</td></tr>')
    inputs = []
    for k in EDITABLE[ftype]:
        v = f.get(k)
        kind = "number" if isinstance(v, (int, float)) and not isinstance(v, bool) else "text"
        if k in ("year", "table", "start", "end", "value", "value_max"):
            kind = "number"
        val = "" if v is None else _value(v)
        inputs.append(f'<label>{e(k)} <input name="{e(k)}" data-kind="{kind}" value="{e(val)}" '
                      f'data-orig="{e(val)}"></label>')
    has_span = _int(f.get("start")) is not None or any(_int(m.get("start")) is not None for m in f.get("mentions") or ())
    return (
        f'<li class="fact t-{CSS_NAME[ftype]}" id="fact-{n}" data-fact-item="{e(fid)}" data-type="{ftype}" '
        f'data-lang="{e(lang)}">'
        f'<div class="fhead"><button type="button" class="go" title="show the evidence in the text"'
        f'{"" if has_span else " disabled"}>'
        f'<span class="badge">{e(CSS_NAME[ftype])}</span> <span class="ev">{e(ev)}</span></button>'
        f'<span class="fid">{e(fid)}</span></div>'
        f'<div class="summary">{e(_summary(f, ftype))} <span class="lang">{e(lang)}</span></div>'
        f'<details><summary>fields</summary><table class="fields">{"".join(rows)}</table></details>'
        f'<div class="verdict"><button type="button" class="ok" data-verdict="correct">✓ correct</button>'
        f'<button type="button" class="bad" data-verdict="wrong">✗ wrong</button>'
        f'<button type="button" class="clear" data-verdict="">reset</button></div>'
        f'<div class="correction" hidden><p class="hint">Wrong: leave the fields as they are for a fact that '
        f'should not exist, or correct them.</p>{"".join(inputs)}'
        f'<label class="note">note <textarea name="_note" rows="2"></textarea></label></div>'
        f'</li>'
    )


# --- the page --------------------------------------------------------------------------------------------------


def _template(name: str) -> str:
    return resources.files("pipeline").joinpath("templates", name).read_text(encoding="utf-8")


def _json_for_script(obj: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>``, ``&`` characters."""
    s = json.dumps(obj, ensure_ascii=False)
    return (s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_page(facts: dict, text: str, entities: dict | None = None) -> str:
    """The review page of one source: a complete HTML document as a string.

    ``entities`` (entity_id -> registry row) shows each organisation's and act's other names."""
    src = facts.get("source") or {}
    sid = str(src.get("source_id") or "source")
    doc_lang = {d.get("doc_id"): d.get("lang") for d in facts.get("documents") or ()}
    items = []
    counts: dict[str, int] = {}
    langs: set[str] = set()
    n = 0
    for ftype, _, _, _ in FACT_TYPES:
        for f in facts.get(ftype) or ():
            lang = _lang_of(f, ftype, doc_lang)
            langs.add(lang)
            items.append(render_fact(f, ftype, n, text, lang, entities))
            counts[ftype] = counts.get(ftype, 0) + 1
            n += 1
    e = html.escape
    type_filters = "".join(
        f'<label class="t-{c}"><input type="checkbox" name="type" value="{t}" checked> {label} '
        f'<span class="count">{counts.get(t, 0)}</span></label>' for t, _, c, label in FACT_TYPES)
    lang_filters = "".join(f'<label><input type="checkbox" name="lang" value="{e(lg)}" checked> {e(lg)}</label>'
                           for lg in sorted(langs)) or '<span class="muted">none</span>'
    add_types = "".join(f'<option value="{t}">{label}</option>' for t, _, _, label in FACT_TYPES)
    meta = {"source_id": sid, "sha256": src.get("sha256"), "path": src.get("path"), "derek_version": __version__,
            "schema": VERDICT_SCHEMA, "n_chars": len(text)}
    page = Template(_template("report.html")).substitute(
        title=e(f"derek review · {src.get('path') or sid}"),
        path=e(str(src.get("path") or "")),
        source_id=e(sid),
        css=_template("report.css"),
        js=_template("report.js"),
        type_filters=type_filters,
        lang_filters=lang_filters,
        add_types=add_types,
        n_facts=str(n),
        text_html=render_text(text, facts),
        fact_items="\n".join(items) if items else '<li class="empty">No facts in this source.</li>',
        meta=_json_for_script(meta),
    )
    return page


def render_index(entries: list[dict]) -> str:
    """The index page: one row per source of the manifest with its fact counts and a link."""
    e = html.escape
    rows = []
    for x in entries:
        counts = "".join(f'<td class="num">{x.get(t, "")}</td>' for t, _, _, _ in FACT_TYPES)
        if x.get("status", "ok") == "ok" and x.get("page"):
            link = f'<a href="{e(x["page"])}">{e(str(x.get("path") or x["source_id"]))}</a>'
        else:
            link = e(str(x.get("path") or x.get("source_id")))
        msg = e(str(x.get("message") or "")) if x.get("status", "ok") != "ok" else ""
        rows.append(f'<tr class="{e(str(x.get("status", "ok")))}"><td>{link}</td><td>{e(str(x.get("source_id")))}</td>'
                    f'<td>{e(str(x.get("status", "ok")))}</td>{counts}<td>{msg}</td></tr>')
    heads = "".join(f"<th>{label}</th>" for _, _, _, label in FACT_TYPES)
    return Template(_template("index.html")).substitute(
        css=_template("report.css"), heads=heads, rows="\n".join(rows) or '<tr><td colspan="8">No sources.</td></tr>',
        version=e(__version__))


class UnknownSource(ValueError):
    """``--source`` names a source id the output folder does not have."""


def _registry(out: Path) -> dict:
    """entity_id -> row of ``tables/entities.parquet`` (empty when the run has no registry)."""
    path = Path(out) / "tables" / "entities.parquet"
    if not path.exists():
        return {}
    import pyarrow.parquet as pq

    return {r["entity_id"]: r for r in pq.read_table(path).to_pylist()}


def write_report(out: str | Path, *, dest: str | Path | None = None, sources: Iterable[str] | None = None) -> Path:
    """Write ``<dest>/<source_id>.html`` for every source of ``out`` and ``<dest>/index.html``; return the index."""
    from pipeline.dataset import Dataset
    from pipeline.export import atomic_write_text

    ds = Dataset(out)
    wanted = set(sources) if sources else None
    if wanted is not None:  # checked before anything is written: a mistyped id leaves the pages alone
        known = {s.get("source_id") for s in ds.manifest.get("sources") or ()}
        unknown = sorted(wanted - known)
        if unknown:
            raise UnknownSource(f"no source {', '.join(unknown)} in {out} (the ids are in {Path(out) / 'manifest.json'}); "
                                "nothing was written")
    dest = Path(dest) if dest else ds.out / "report"
    dest.mkdir(parents=True, exist_ok=True)
    entries = []
    for s in ds.manifest.get("sources") or ():
        sid = s.get("source_id")
        if wanted is not None and sid not in wanted:
            continue
        entry = dict(s)
        if s.get("status", "ok") == "ok":
            try:
                facts = ds.facts(sid)
                text = ds.text(sid)
            except Exception as err:  # a half-written folder: shown in the index, not a crash
                entry.update(status="error", message=str(err))
            else:
                atomic_write_text(dest / f"{sid}.html", render_page(facts, text, _registry(ds.out)))
                entry["page"] = f"{sid}.html"
                for t, _, _, _ in FACT_TYPES:
                    entry[t] = len(facts.get(t) or ())
        entries.append(entry)
    index = dest / "index.html"
    atomic_write_text(index, render_index(entries))
    return index


def main(out: str, *, dest: str | None = None, sources: list[str] | None = None) -> int:
    import sys

    from pipeline.dataset import DatasetError

    try:
        index = write_report(out, dest=dest, sources=sources)
    except DatasetError as err:
        print(f"derek: {err}", file=sys.stderr)
        return 2
    except UnknownSource as err:
        print(f"derek: error: {err}", file=sys.stderr)
        return 2
    print(f"derek: review pages written; open {index}", file=sys.stderr)
    return 0
