"""Model -> the files of SCHEMA.md: facts JSON, per-source table rows, Parquet tables."""
from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from pipeline.model import Analysis

SCHEMA = "derek.facts/1"
TABLES = ("documents", "sections", "sentences", "tokens", "numeric_claims", "table_cells", "organisations",
          "mentions", "legal_acts", "recommendations", "errors", "references", "citations")


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
    """The nested facts document of one source (SCHEMA.md, for graders)."""
    return {
        "schema": SCHEMA,
        "source": source_record(a),
        "documents": [_plain(d) for d in a.documents],
        "tables": [_plain(t) for t in a.tables],
        "numeric_claims": [_plain(c) for c in a.claims],
        "organisations": [_plain(o) for o in a.organisations],
        "legal_acts": [_plain(x) for x in a.legal_acts],
        "recommendations": [_plain(r) for r in a.recommendations],
        "references": [_plain(r) for r in getattr(a, "references", ())],
        "citations": [_plain(c) for c in getattr(a, "citations", ())],
    }


def rows(a: Analysis) -> dict[str, list[dict]]:
    """Tidy rows of every table for one source; each row carries ``source_id``."""
    sid = a.source.source_id
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    for d in a.documents:
        out["documents"].append({"source_id": sid, "doc_id": d.doc_id, "lang": d.lang, "title": d.title,
                                 "start": d.start, "end": d.end, "n_sections": len(d.sections),
                                 "doi": getattr(d, "doi", None), "n_authors": len(getattr(d, "authors", ()))})
        for i, s in enumerate(d.sections):
            out["sections"].append({"source_id": sid, "doc_id": d.doc_id, "i": i, "kind": s.kind, "lang": s.lang,
                                    "start": s.start, "end": s.end, "section_id": f"{d.doc_id}:sec{i}"})
    for s in a.sentences:
        out["sentences"].append({"source_id": sid, **_plain(s)})
    for t in a.tokens:
        out["tokens"].append({"source_id": sid, **_plain(t)})
    for c in a.claims:
        out["numeric_claims"].append({"source_id": sid, **_plain(c)})
    for t in a.tables:
        for r, row in enumerate(t.rows):
            label = row_label(row)
            for c, value in enumerate(row):
                out["table_cells"].append({
                    "source_id": sid, "table_id": t.table_id, "doc_id": t.doc_id, "number": t.number,
                    "row": label, "col": c, "column": t.columns[c] if c < len(t.columns) else None, "value": value,
                    "row_i": r,
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
    for r in getattr(a, "references", ()):
        out["references"].append({"source_id": sid, **_plain(r)})
    for c in getattr(a, "citations", ()):
        out["citations"].append({"source_id": sid, **_plain(c)})
    return out


_LETTER = re.compile(r"[^\W\d_]")


def row_label(row) -> str | None:
    """The label of a table row, as numeric claims carry it in ``row``: its first cell with letters,
    else its first cell (a year or a number labels a row of figures).

    >>> row_label(["1", "Алматы", "45"]), row_label(["2019", "12", "7"]), row_label([None, "7"])
    ('Алматы', '2019', None)
    """
    for v in row:
        if v and _LETTER.search(v):
            return v
    return row[0] if row and row[0] else None


def error_row(*, path: str, source_id: str, stage: str, error: str, message: str) -> dict:
    return {"source_id": source_id, "source": path, "stage": stage, "error": error, "message": message}


# --- atomic writes ---------------------------------------------------------------


TMP_PREFIX = ".tmp-"  # what a killed run may leave behind; `derek run` removes such files at start


def current_umask() -> int:
    """The process's umask (read by setting it and setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: Path, *, suffix: str = ""):
    """Yield a temporary name beside ``path``; rename it to ``path`` when the block succeeds,
    remove it when it fails: never a half-written file under the final name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=suffix, dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp makes 0600; the final file follows the umask like open()
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_bytes(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write to a temporary name in the same folder, then rename. ``sync``: the data reaches
    the disk before the rename (``fsync``). Without it the file is still never seen half
    written by a reader or after a killed process; only a crash of the machine may lose it.
    ``derek run`` writes a source's own files without it (an fsync costs a few milliseconds
    of waiting on the disk, several per source) and its manifest, the run's record, with it."""
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:
            f.write(data)
            if sync:
                f.flush()
                os.fsync(f.fileno())


def atomic_write_text(path: Path, text: str, *, sync: bool = True) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), sync=sync)


def atomic_write_json(path: Path, obj: Any, *, sync: bool = True) -> None:
    atomic_write_text(path, json.dumps(obj, ensure_ascii=False, indent=1) + "\n", sync=sync)


def write_parquet(path: Path, records: Iterable[dict] | "pyarrow.Table", *, name: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not isinstance(records, pa.Table):
        records = list(records)
        if not records and _schema(name) is not None:  # most of a source's tables are empty
            with atomic_path(path, suffix=".parquet") as tmp:
                with open(tmp, "wb") as f:
                    f.write(_empty_parquet(name))
            return
    table = records if isinstance(records, pa.Table) else _to_arrow(records, name)
    with atomic_path(path, suffix=".parquet") as tmp:
        pq.write_table(table, tmp)


PART_SUFFIX = ".arrow"  # a source's rows of one table under parts/<source>/: an Arrow IPC file


def write_part(path: Path, records: list[dict], *, name: str) -> int:
    """Write one source's rows of table ``name`` as an Arrow IPC file (what the merge into
    ``tables/`` reads back; about a quarter of the CPU of a small Parquet file to write and to
    read); return the number of rows. Written in place, not through a temporary name: a source's
    parts count only once its entry, written after them, exists (``pipeline.run.process_one``)."""
    import pyarrow as pa

    table = _to_arrow(records, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pa.OSFile(str(path), "wb") as f, pa.ipc.new_file(f, table.schema) as w:
        w.write_table(table)
    return table.num_rows


def read_part(path: Path):
    """The Arrow table of a part written by :func:`write_part`."""
    import pyarrow as pa

    with pa.OSFile(str(path)) as f:
        return pa.ipc.open_file(f).read_all()


def part_schema(path: Path):
    """The Arrow schema of a part written by :func:`write_part` (its rows not read)."""
    import pyarrow as pa

    with pa.OSFile(str(path)) as f:
        return pa.ipc.open_file(f).schema


@lru_cache(maxsize=None)
def _empty_parquet(name: str) -> bytes:
    """The bytes ``pq.write_table`` writes for table ``name`` without rows (the same every time)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    buf = pa.BufferOutputStream()
    pq.write_table(_to_arrow([], name), buf)
    return buf.getvalue().to_pybytes()


# column types of the tables whose rows may be empty, so an empty table still has its schema
@lru_cache(maxsize=None)
def _schema(name: str):
    import pyarrow as pa

    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    cols = {
        "documents": [("source_id", s), ("doc_id", s), ("lang", s), ("title", s), ("start", i), ("end", i), ("n_sections", i),
                      ("doi", s), ("n_authors", i)],
        "sections": [("source_id", s), ("doc_id", s), ("i", i), ("kind", s), ("lang", s), ("start", i), ("end", i),
                     ("section_id", s)],
        "sentences": [("source_id", s), ("sent_id", s), ("doc_id", s), ("section", s), ("lang", s), ("start", i), ("end", i),
                      ("text", s), ("vstart", i), ("vend", i), ("section_id", s)],
        "tokens": [("source_id", s), ("doc_id", s), ("sent_id", s), ("i", i), ("start", i), ("end", i), ("text", s),
                   ("norm", s), ("lemma", s), ("upos", s), ("lang", s), ("feats", s)],
        "numeric_claims": [("source_id", s), ("claim_id", s), ("doc_id", s), ("lang", s), ("value", f), ("value_max", f),
                           ("unit", s), ("currency", s), ("qualifier", s), ("measured", s), ("subject", s), ("year", i),
                           ("period", s), ("cite", s), ("where", s), ("table", i), ("row", s), ("column", s), ("text", s),
                           ("sentence", s), ("start", i), ("end", i), ("sent_id", s), ("measured_phrase", s),
                           ("change", s), ("from_value", f), ("from_year", i), ("aggregate", s), ("as_of", s),
                           ("cite_ref", s), ("entity_id", s)],
        "table_cells": [("source_id", s), ("table_id", s), ("doc_id", s), ("number", i), ("row", s), ("col", i),
                        ("column", s), ("value", s), ("row_i", i)],
        "organisations": [("source_id", s), ("org_id", s), ("canonical", s), ("abbr", s), ("legal_form", s), ("url", s),
                          ("aliases", pa.list_(s)), ("lang", s), ("n_mentions", i),
                          ("descriptor", s), ("role", s), ("entity_id", s)],
        "mentions": [("source_id", s), ("kind", s), ("ref_id", s), ("doc_id", s), ("start", i), ("end", i), ("text", s),
                     ("sent_id", s)],
        "legal_acts": [("source_id", s), ("act_id", s), ("doc_id", s), ("canonical", s), ("kind", s), ("year", i),
                       ("number", s), ("n_mentions", i), ("date", s), ("issuer", s), ("entity_id", s)],
        "recommendations": [("source_id", s), ("rec_id", s), ("doc_id", s), ("lang", s), ("text", s), ("cue", s),
                            ("start", i), ("end", i), ("topic", s), ("score", f), ("sent_id", s), ("kind", s)],
        "errors": [("source_id", s), ("source", s), ("stage", s), ("error", s), ("message", s)],
        "references": [("source_id", s), ("ref_id", s), ("doc_id", s), ("n", i), ("authors", pa.list_(s)), ("year", i),
                       ("title", s), ("venue", s), ("doi", s), ("url", s), ("text", s), ("start", i), ("end", i)],
        "citations": [("source_id", s), ("doc_id", s), ("ref_id", s), ("text", s), ("start", i), ("end", i),
                      ("sent_id", s)],
        "entities": [("entity_id", s), ("type", s), ("names", pa.list_(pa.struct([("lang", s), ("text", s)]))),
                     ("preferred", pa.map_(s, s)), ("abbrs", pa.list_(s)), ("n_sources", i), ("n_mentions", i)],
        "entity_links": [("entity_id", s), ("type", s), ("source_id", s), ("record_id", s), ("lang", s), ("name", s),
                         ("evidence", s), ("key", s)],
    }
    del b
    return pa.schema(cols[name]) if name in cols else None


def int64_metadata(schema):
    """``schema`` with pandas metadata that reads every integer column as the nullable ``Int64``
    (``pd.read_parquet`` then gives ``2019``, never ``2019.0``, where a column has nulls)."""
    import pyarrow as pa

    cols = [{"name": f.name, "field_name": f.name, "pandas_type": "int64", "numpy_type": "Int64", "metadata": None}
            for f in schema if pa.types.is_integer(f.type)]
    meta = dict(schema.metadata or {})
    meta[b"pandas"] = json.dumps({"index_columns": [], "column_indexes": [], "columns": cols,
                                  "creator": {"library": "derek"}}).encode()
    return schema.with_metadata(meta)


@lru_cache(maxsize=None)
def _schema_with_metadata(name: str):
    """``_schema(name)`` with the nullable-integer pandas metadata (built once per table)."""
    schema = _schema(name)
    return None if schema is None else int64_metadata(schema)


def _to_arrow(records: list[dict], name: str):
    import pyarrow as pa

    schema = _schema(name)
    if schema is None:
        t = pa.Table.from_pylist(records)
        return t.cast(int64_metadata(t.schema))
    extra = []
    known = set(schema.names)
    for r in records:
        if known.issuperset(r):
            continue
        for k in r:
            if k not in known:
                known.add(k)
                extra.append(k)
    if extra:  # fields added by an extractor beyond the contract's columns are kept
        inferred = pa.Table.from_pylist([{k: r.get(k) for k in extra} for r in records]).schema
        schema = pa.schema(list(schema) + list(inferred))
        return pa.Table.from_pylist(records, schema=int64_metadata(schema))
    return pa.Table.from_pylist(records, schema=_schema_with_metadata(name))


# --- facts.jsonl ---------------------------------------------------------------------

# facts JSON list -> the ``type`` of its records in facts.jsonl
FACT_TYPES = {"numeric_claims": "numeric_claim", "organisations": "organisation", "legal_acts": "legal_act",
              "recommendations": "recommendation"}


def _run_source_ids(out: Path) -> list[str]:
    """Source ids of the run's ``facts/*.json``: manifest order (sources processed without error), else by name."""
    fdir = out / "facts"
    have = {p.stem for p in fdir.glob("*.json")} if fdir.is_dir() else set()
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        ids = [s["source_id"] for s in manifest.get("sources", []) if s.get("status", "ok") == "ok"]
    except (OSError, ValueError):
        ids = []
    ids = [i for i in ids if i in have]
    return ids + sorted(have - set(ids))


def write_facts_jsonl(out: Path) -> int:
    """Write ``OUT/facts.jsonl``: every fact of the run's ``facts/*.json``, one JSON object a line, each with
    its ``type`` (``numeric_claim``, ``organisation``, ``legal_act``, ``recommendation``) and ``source_id``
    first. Written atomically, one source at a time; returns the number of facts written."""
    out = Path(out)
    n = 0
    with atomic_path(out / "facts.jsonl", suffix=".jsonl") as tmp:
        with open(tmp, "w", encoding="utf-8") as f:
            for sid in _run_source_ids(out):
                doc = json.loads((out / "facts" / f"{sid}.json").read_text(encoding="utf-8"))
                for key, kind in FACT_TYPES.items():
                    for rec in doc.get(key) or ():
                        f.write(json.dumps({"type": kind, "source_id": sid, **rec}, ensure_ascii=False) + "\n")
                        n += 1
            f.flush()
            os.fsync(f.fileno())
    return n
