"""Check an output folder against the schema (``SCHEMA.md`` at the repository root): fields and the offset invariant.

``check_output(OUT)`` returns a list of problems (empty when the folder keeps the
contract). Used by the tests on every output, and usable by anyone on a run.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

FACT_LISTS = ("documents", "tables", "numeric_claims", "organisations", "legal_acts", "recommendations")
SECTION_KINDS = {"title", "authors", "affiliation", "abstract", "keywords", "body", "table", "references",
                 "footnote", "other", "metadata", "furniture", "annex"}
UNITS = {"count", "percent", "money", "other"}
QUALIFIERS = {"exact", "approx", "more_than", "less_than", "at_least", "at_most", "range"}
ACT_KINDS = {"law", "code", "strategy", "concept", "programme", "decree", "resolution", "other"}
REQUIRED = {
    "documents": {"doc_id", "lang", "title", "start", "end", "sections"},
    "tables": {"table_id", "doc_id", "number", "caption", "note", "columns", "rows", "start", "end"},
    "numeric_claims": {"claim_id", "doc_id", "lang", "value", "value_max", "unit", "currency", "qualifier", "measured",
                       "subject", "year", "period", "cite", "where", "table", "row", "column", "text", "sentence",
                       "start", "end"},
    "organisations": {"org_id", "canonical", "abbr", "legal_form", "url", "aliases", "lang", "mentions"},
    "legal_acts": {"act_id", "doc_id", "canonical", "kind", "year", "number", "mentions"},
    "recommendations": {"rec_id", "doc_id", "lang", "text", "cue", "start", "end"},
}
# tables an output may lack (an older run, or a run without the stage that writes them)
OPTIONAL_TABLES = ("references", "citations")
# every fact record names the sentence it stands in (null for a table cell)
WITH_SENT_ID = ("numeric_claims", "recommendations")


def _spans(obj, where: str) -> Iterator[tuple[str, dict]]:
    """Every dict below ``obj`` that has start and end."""
    if isinstance(obj, dict):
        if "start" in obj and "end" in obj:
            yield where, obj
        for k, v in obj.items():
            yield from _spans(v, f"{where}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _spans(v, f"{where}[{i}]")


def check_facts(facts: dict, text: str) -> list[str]:
    problems: list[str] = []
    if facts.get("schema") != "derek.facts/1":
        problems.append(f"schema is {facts.get('schema')!r}")
    for name in FACT_LISTS:
        if not isinstance(facts.get(name), list):
            problems.append(f"{name} missing or not a list")
            continue
        for i, rec in enumerate(facts[name]):
            missing = REQUIRED[name] - set(rec)
            if name in WITH_SENT_ID and "sent_id" not in rec:
                missing.add("sent_id")
            if missing:
                problems.append(f"{name}[{i}] lacks {sorted(missing)}")
            for j, m in enumerate(rec.get("mentions") or ()):
                if "sent_id" not in m:
                    problems.append(f"{name}[{i}].mentions[{j}] lacks ['sent_id']")
    for d in facts.get("documents", []):
        for s in d.get("sections", []):
            if s.get("kind") not in SECTION_KINDS:
                problems.append(f"section kind {s.get('kind')!r}")
            if not (d["start"] <= s["start"] <= s["end"] <= d["end"]):
                problems.append(f"section {s} outside document {d['doc_id']}")
    for c in facts.get("numeric_claims", []):
        if c.get("unit") not in UNITS:
            problems.append(f"claim {c.get('claim_id')} unit {c.get('unit')!r}")
        if c.get("qualifier") not in QUALIFIERS:
            problems.append(f"claim {c.get('claim_id')} qualifier {c.get('qualifier')!r}")
        if c.get("where") not in ("text", "table"):
            problems.append(f"claim {c.get('claim_id')} where {c.get('where')!r}")
    for x in facts.get("legal_acts", []):
        if x.get("kind") not in ACT_KINDS:
            problems.append(f"act {x.get('act_id')} kind {x.get('kind')!r}")
    for where, rec in _spans(facts, "facts"):
        s, e = rec["start"], rec["end"]
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)):
            problems.append(f"{where}: bad span {s}..{e}")
            continue
        if "text" in rec and text[s:e] != rec["text"]:
            problems.append(f"{where}: text {rec['text'][:40]!r} != source {text[s:e][:40]!r}")
    return problems


def check_output(out: Path | str) -> list[str]:
    """Problems found in a whole output folder (facts, tables, manifest)."""
    import pyarrow.parquet as pq

    out = Path(out)
    problems: list[str] = []
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    texts: dict[str, str] = {}
    for src in manifest["sources"]:
        sid = src["source_id"]
        if "/" in sid or "\\" in sid or sid.startswith("."):
            problems.append(f"unsafe source_id {sid!r}")
            continue
        if src["status"] != "ok":
            continue
        text = (out / "text" / f"{sid}.txt").read_text(encoding="utf-8")
        texts[sid] = text
        facts = json.loads((out / "facts" / f"{sid}.json").read_text(encoding="utf-8"))
        problems += [f"{sid}: {p}" for p in check_facts(facts, text)]
    for name in ("sentences", "tokens", "numeric_claims", "mentions", "recommendations", "references", "citations"):
        p = out / "tables" / f"{name}.parquet"
        if not p.exists():
            if name not in OPTIONAL_TABLES:
                problems.append(f"tables/{name}.parquet missing")
            continue
        t = pq.read_table(p, columns=["source_id", "start", "end", "text"]).to_pylist()
        for row in t:
            text = texts.get(row["source_id"])
            if text is None:
                problems.append(f"tables/{name}: row of unknown source {row['source_id']}")
            elif text[row["start"]:row["end"]] != row["text"]:
                problems.append(f"tables/{name}: {row['text'][:30]!r} != source at {row['start']}")
    return problems
