"""Model -> the files of CONTRACT.md: facts JSON, per-source table rows, Parquet tables."""
from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable

from pipeline.model import Analysis

SCHEMA = "derek.facts/1"
TABLES = ("documents", "sections", "sentences", "tokens", "numeric_claims", "table_cells", "organisations",
          "mentions", "legal_acts", "recommendations", "errors")


_SCALARS = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(obj: Any) -> Any:
    """Dataclasses as dicts, tuples as lists, recursively (a million tokens: field names cached per class)."""
    if isinstance(obj, _SCALARS):
        return obj
    cls = type(obj)
    names = _FIELDS.get(cls)
    if names is None:
        if not (dataclasses.is_dataclass(obj) and isinstance(cls, type)):
            if isinstance(obj, (list, tuple)):
                return [_plain(x) for x in obj]
            return obj
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(obj))
    out = {}
    for n in names:
        v = getattr(obj, n)
        out[n] = v if isinstance(v, _SCALARS) else _plain(v)
    return out


def source_record(a: Analysis) -> dict:
    s = a.source
    return {"path": s.path, "source_id": s.source_id, "sha256": s.sha256, "format": s.format,
            "encoding": s.encoding, "n_chars": len(s.text), "pages": list(s.pages)}


def facts(a: Analysis) -> dict:
    """The nested facts document of one source (CONTRACT.md, for graders)."""
    return {
        "schema": SCHEMA,
        "source": source_record(a),
        "documents": [_plain(d) for d in a.documents],
        "tables": [_plain(t) for t in a.tables],
        "numeric_claims": [_plain(c) for c in a.claims],
        "organisations": [_plain(o) for o in a.organisations],
        "legal_acts": [_plain(x) for x in a.legal_acts],
        "recommendations": [_plain(r) for r in a.recommendations],
    }


def rows(a: Analysis) -> dict[str, list[dict]]:
    """Tidy rows of every table for one source; each row carries ``source_id``."""
    sid = a.source.source_id
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    for d in a.documents:
        out["documents"].append({"source_id": sid, "doc_id": d.doc_id, "lang": d.lang, "title": d.title,
                                 "start": d.start, "end": d.end, "n_sections": len(d.sections)})
        for i, s in enumerate(d.sections):
            out["sections"].append({"source_id": sid, "doc_id": d.doc_id, "i": i, "kind": s.kind, "lang": s.lang,
                                    "start": s.start, "end": s.end})
    for s in a.sentences:
        out["sentences"].append({"source_id": sid, **_plain(s)})
    for t in a.tokens:
        out["tokens"].append({"source_id": sid, **_plain(t)})
    for c in a.claims:
        out["numeric_claims"].append({"source_id": sid, **_plain(c)})
    for t in a.tables:
        for r, row in enumerate(t.rows):
            for c, value in enumerate(row):
                out["table_cells"].append({
                    "source_id": sid, "table_id": t.table_id, "doc_id": t.doc_id, "number": t.number,
                    "row": r, "col": c, "column": t.columns[c] if c < len(t.columns) else None, "value": value,
                })
    for o in a.organisations:
        rec = _plain(o)
        mentions = rec.pop("mentions")
        rec["aliases"] = list(rec["aliases"])
        rec["n_mentions"] = len(mentions)
        out["organisations"].append({"source_id": sid, **rec})
        for m in mentions:
            out["mentions"].append({"source_id": sid, "kind": "organisation", "ref_id": o.org_id, **m})
    for x in a.legal_acts:
        rec = _plain(x)
        mentions = rec.pop("mentions")
        rec["n_mentions"] = len(mentions)
        out["legal_acts"].append({"source_id": sid, **rec})
        for m in mentions:
            out["mentions"].append({"source_id": sid, "kind": "legal_act", "ref_id": x.act_id, **m})
    for r in a.recommendations:
        out["recommendations"].append({"source_id": sid, **_plain(r)})
    return out


def error_row(*, path: str, source_id: str, stage: str, error: str, message: str) -> dict:
    return {"source_id": source_id, "source": path, "stage": stage, "error": error, "message": message}


# --- atomic writes ---------------------------------------------------------------


TMP_PREFIX = ".tmp-"  # what a killed run may leave behind; `derek run` removes such files at start


@contextlib.contextmanager
def atomic_path(path: Path, *, suffix: str = ""):
    """Yield a temporary name beside ``path``; rename it to ``path`` when the block succeeds,
    remove it when it fails: never a half-written file under the final name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=suffix, dir=path.parent)
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary name in the same folder, then rename."""
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: Path, obj: Any) -> None:
    atomic_write_text(path, json.dumps(obj, ensure_ascii=False, indent=1) + "\n")


def write_parquet(path: Path, records: Iterable[dict] | "pyarrow.Table", *, name: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = records if isinstance(records, pa.Table) else _to_arrow(list(records), name)
    with atomic_path(path, suffix=".parquet") as tmp:
        pq.write_table(table, tmp)


# column types of the tables whose rows may be empty, so an empty table still has its schema
def _schema(name: str):
    import pyarrow as pa

    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    cols = {
        "documents": [("source_id", s), ("doc_id", s), ("lang", s), ("title", s), ("start", i), ("end", i), ("n_sections", i)],
        "sections": [("source_id", s), ("doc_id", s), ("i", i), ("kind", s), ("lang", s), ("start", i), ("end", i)],
        "sentences": [("source_id", s), ("sent_id", s), ("doc_id", s), ("section", s), ("lang", s), ("start", i), ("end", i),
                      ("text", s), ("vstart", i), ("vend", i)],
        "tokens": [("source_id", s), ("doc_id", s), ("sent_id", s), ("i", i), ("start", i), ("end", i), ("text", s),
                   ("norm", s), ("lemma", s), ("upos", s), ("lang", s)],
        "numeric_claims": [("source_id", s), ("claim_id", s), ("doc_id", s), ("lang", s), ("value", f), ("value_max", f),
                           ("unit", s), ("currency", s), ("qualifier", s), ("measured", s), ("subject", s), ("year", i),
                           ("period", s), ("cite", s), ("where", s), ("table", i), ("row", s), ("column", s), ("text", s),
                           ("sentence", s), ("start", i), ("end", i)],
        "table_cells": [("source_id", s), ("table_id", s), ("doc_id", s), ("number", i), ("row", i), ("col", i),
                        ("column", s), ("value", s)],
        "organisations": [("source_id", s), ("org_id", s), ("canonical", s), ("abbr", s), ("legal_form", s), ("url", s),
                          ("aliases", pa.list_(s)), ("lang", s), ("n_mentions", i),
                          ("descriptor", s), ("role", s)],
        "mentions": [("source_id", s), ("kind", s), ("ref_id", s), ("doc_id", s), ("start", i), ("end", i), ("text", s)],
        "legal_acts": [("source_id", s), ("act_id", s), ("doc_id", s), ("canonical", s), ("kind", s), ("year", i),
                       ("number", s), ("n_mentions", i), ("date", s), ("issuer", s)],
        "recommendations": [("source_id", s), ("rec_id", s), ("doc_id", s), ("lang", s), ("text", s), ("cue", s),
                            ("start", i), ("end", i), ("topic", s), ("score", f)],
        "errors": [("source_id", s), ("source", s), ("stage", s), ("error", s), ("message", s)],
    }
    del b
    return pa.schema(cols[name]) if name in cols else None


def _to_arrow(records: list[dict], name: str):
    import pyarrow as pa

    schema = _schema(name)
    if schema is None:
        return pa.Table.from_pylist(records)
    extra = []
    known = set(schema.names)
    for r in records:
        for k in r:
            if k not in known:
                known.add(k)
                extra.append(k)
    if extra:  # fields added by an extractor beyond the contract's columns are kept
        inferred = pa.Table.from_pylist([{k: r.get(k) for k in extra} for r in records]).schema
        schema = pa.schema(list(schema) + list(inferred))
    return pa.Table.from_pylist(records, schema=schema)
