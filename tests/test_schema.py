"""SCHEMA.md against the code and against a real run: every field written is documented, every
documented field is written (unless marked "not written yet"), and the documented types hold."""
from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from pipeline import model
from pipeline.export import TABLES, _schema

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_MD = ROOT / "SCHEMA.md"
PLANNED = "not written yet"

# facts JSON heading -> the model record it is written from
FACT_RECORDS = {"documents": "Document", "documents.sections": "Section", "documents.titles": "Title",
                "documents.authors": "Author", "documents.affiliations": "Affiliation", "documents.codes": "Code",
                "documents.keywords": "Keywords", "documents.dates": "Dates", "documents.act": "Act",
                "tables": "Table", "numeric_claims": "Claim", "organisations": "Organisation", "mentions": "Mention",
                "legal_acts": "LegalAct", "recommendations": "Recommendation", "references": "Reference",
                "citations": "Citation"}


def parse_schema(text: str) -> dict[tuple[str, str], dict[str, tuple[str, bool]]]:
    """``{(part, name): {field: (type, planned)}}`` of SCHEMA.md; part is the level-2 heading's first word.

    >>> parse_schema("## tables/x\\n### `t`\\n| field | type | meaning |\\n|---|---|---|\\n| `a` | int | (not written yet) b |")
    {('tables', 't'): {'a': ('int', True)}}
    """
    out: dict = {}
    part = name = None
    for line in text.splitlines():
        if line.startswith("## "):
            part = re.split(r"[\s/]", line[3:].strip(), maxsplit=1)[0].lower()
            name = None
        elif line.startswith("### "):
            m = re.match(r"### `([^`]+)`", line)
            name = m.group(1) if m else None
            if name:
                out[(part, name)] = {}
        elif name and line.startswith("| `"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
            out[(part, name)][cells[0].strip("`")] = (cells[1], PLANNED in cells[2])
    return out


@pytest.fixture(scope="module")
def schema():
    return parse_schema(SCHEMA_MD.read_text(encoding="utf-8"))


def _differences(doc: dict[str, tuple[str, bool]], code: set[str], where: str) -> list[str]:
    written = {f for f, (_, planned) in doc.items() if not planned}
    planned = {f for f, (_, p) in doc.items() if p}
    problems = [f"{where}: `{f}` is written by the code but missing from SCHEMA.md" for f in sorted(code - set(doc))]
    problems += [f"{where}: `{f}` is in SCHEMA.md but the code does not write it" for f in sorted(written - code)]
    problems += [f"{where}: `{f}` is written now: drop '{PLANNED}' in SCHEMA.md" for f in sorted(planned & code)]
    return problems


def _arrow_type(t) -> str:
    import pyarrow as pa

    if pa.types.is_integer(t):
        return "int"
    if pa.types.is_floating(t):
        return "float"
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "str"
    if pa.types.is_boolean(t):
        return "bool"
    if pa.types.is_list(t) and pa.types.is_string(t.value_type):
        return "list[str]"
    if pa.types.is_list(t):
        return "list"
    if pa.types.is_map(t):
        return "map"
    return str(t)


def test_schema_parser_reads_every_part(schema):
    parts = {p for p, _ in schema}
    assert parts == {"manifest.json", "facts", "facts.jsonl", "tables"}
    assert all(fields for fields in schema.values())


@pytest.mark.parametrize("name", sorted(set(TABLES) | {"references", "citations", "entities", "entity_links"}))
def test_schema_documents_every_table_column_of_the_code(schema, name):
    cols = _schema(name)
    if cols is None:
        pytest.skip(f"no table {name} in the code")
    doc = schema.get(("tables", name))
    assert doc is not None, f"SCHEMA.md has no section for tables/{name}.parquet"
    assert _differences(doc, set(cols.names), f"tables/{name}") == []
    wrong = [f"{f.name}: code {_arrow_type(f.type)}, SCHEMA.md {doc[f.name][0]}" for f in cols
             if f.name in doc and _arrow_type(f.type) != doc[f.name][0]]
    assert wrong == []


@pytest.mark.parametrize("heading,record", sorted(FACT_RECORDS.items()))
def test_schema_documents_every_field_of_the_fact_records(schema, heading, record):
    cls = getattr(model, record, None)
    if cls is None:
        pytest.skip(f"no record {record} in pipeline.model")
    doc = schema.get(("facts", heading))
    assert doc is not None, f"SCHEMA.md has no section for facts {heading}"
    assert _differences(doc, {f.name for f in dataclasses.fields(cls)}, f"facts {heading}") == []


def test_schema_matches_a_real_run(schema, sample_out):
    """Fields of a `derek run` output: table columns and types, facts keys, manifest keys, facts.jsonl."""
    import pyarrow.parquet as pq

    problems = []
    for p in sorted((sample_out / "tables").glob("*.parquet")):
        doc = schema.get(("tables", p.stem))
        if doc is None:
            problems.append(f"tables/{p.name} is written but SCHEMA.md has no section for it")
            continue
        s = pq.read_schema(p)
        problems += [f"tables/{p.stem}: `{c}` is written by the code but missing from SCHEMA.md"
                     for c in s.names if c not in doc]
        problems += [f"tables/{p.stem}.{f.name}: written as {_arrow_type(f.type)}, SCHEMA.md says {doc[f.name][0]}"
                     for f in s if f.name in doc and _arrow_type(f.type) not in (doc[f.name][0], "null")]
    for f in sorted((sample_out / "facts").glob("*.json")):
        facts = json.loads(f.read_text(encoding="utf-8"))
        problems += [f"facts: `{k}` missing from SCHEMA.md" for k in facts.get("source", {})
                     if k not in schema[("facts", "source")]]
        for key, recs in facts.items():
            if not isinstance(recs, list):
                continue
            for rec in recs:
                doc = schema.get(("facts", key), {})
                problems += [f"facts {key}: `{k}` missing from SCHEMA.md" for k in rec if k not in doc]
                for sub, val in rec.items():
                    if isinstance(val, list) and val and isinstance(val[0], dict):
                        sdoc = schema.get(("facts", "mentions" if sub == "mentions" else f"{key}.{sub}"), {})
                        problems += [f"facts {key}.{sub}: `{k}` missing from SCHEMA.md" for k in val[0] if k not in sdoc]
    manifest = json.loads((sample_out / "manifest.json").read_text(encoding="utf-8"))
    doc = schema[("manifest.json", "manifest.json sources")]
    problems += [f"manifest sources: `{k}` missing from SCHEMA.md" for s in manifest["sources"] for k in s
                 if k not in doc and k not in ("pid", "peak_rss_mb", "cpu_s")]
    assert sorted(set(problems)) == []


def test_schema_sql_view_names_are_documented(schema):
    from pipeline.dataset import PLAIN_NAMES

    text = SCHEMA_MD.read_text(encoding="utf-8")
    for col, plain in PLAIN_NAMES.items():
        assert f"`{plain}`" in text, f"SCHEMA.md does not name the view column {plain} (for {col})"
