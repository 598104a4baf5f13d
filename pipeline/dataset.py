"""Read a `derek run` output folder back: pandas tables, SQL over them, one source's model.

>>> ds = load("out")                                      # doctest: +SKIP
>>> ds.numeric_claims.groupby("year").size()              # doctest: +SKIP
>>> ds.sql("SELECT canonical, count(*) FROM organisations GROUP BY 1")  # doctest: +SKIP

Tables are read lazily (the first time they are asked for) and cached; an absent
or empty table is an empty DataFrame with the contract's columns, so code written
against the dataset keeps working before any extractor has found anything. Integer
columns are pandas' nullable ``Int64``. In SQL every table is a view under its name,
and ``<name>_v`` is the same view with columns that need no quoting (``where`` ->
``found_in``, ``table`` -> ``table_no``, ``row`` -> ``row_label``, ``column`` ->
``column_label``, ``start``/``end`` -> ``start_char``/``end_char``; see SCHEMA.md).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pipeline.export import PART_SUFFIX, read_part

TABLE_NAMES = ("documents", "sections", "sentences", "tokens", "numeric_claims", "table_cells", "organisations",
               "mentions", "legal_acts", "recommendations", "errors")
FACT_KINDS = ("numeric_claims", "organisations", "legal_acts", "recommendations")


class DatasetError(Exception):
    """A folder that is not a derek output, or a source / document that is not in it."""


def _out_dir(out: str | Path) -> Path:
    p = Path(out)
    if p.is_file() or not p.exists():
        raise DatasetError(f"E301 {str(p)!r} is not a derek output folder (run `derek run ... -o {p}` first)")
    if not (p / "tables").is_dir() and not (p / "facts").is_dir():
        raise DatasetError(f"E302 {str(p)!r} has no tables/ or facts/: is it the -o folder of `derek run`?")
    return p


class Dataset(Mapping):
    """The tables of one output folder as pandas DataFrames: ``ds["tokens"]`` or ``ds.tokens``.

    Also gives the manifest (``ds.manifest``), each source's text (``ds.text(source_id)``)
    and nested facts (``ds.facts(source_id)``), and SQL through DuckDB (``ds.sql(query)``).
    """

    def __init__(self, out: str | Path):
        self.out = _out_dir(out)
        self._cache: dict[str, Any] = {}
        self._con = None

    # --- tables --------------------------------------------------------------
    def table_path(self, name: str) -> Path:
        return self.out / "tables" / f"{name}.parquet"

    def __getitem__(self, name: str):
        if name not in TABLE_NAMES and not self.table_path(name).exists():
            raise KeyError(name)
        if name not in self._cache:
            self._cache[name] = _read_table(self.table_path(name), name)
        return self._cache[name]

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __iter__(self) -> Iterator[str]:
        names = list(TABLE_NAMES)
        tdir = self.out / "tables"
        if tdir.is_dir():
            names += sorted(p.stem for p in tdir.glob("*.parquet") if p.stem not in TABLE_NAMES)
        return iter(names)

    def __len__(self) -> int:
        return len(list(iter(self)))

    def __repr__(self) -> str:
        return f"Dataset({str(self.out)!r}, sources={len(self.source_ids())})"

    # --- per source ---------------------------------------------------------------
    @property
    def manifest(self) -> dict:
        p = self.out / "manifest.json"
        if not p.exists():
            return {"sources": [{"source_id": s, "status": "ok"} for s in self._fact_ids()]}
        return json.loads(p.read_text(encoding="utf-8"))

    def _fact_ids(self) -> list[str]:
        fdir = self.out / "facts"
        return sorted(p.stem for p in fdir.glob("*.json")) if fdir.is_dir() else []

    def source_ids(self, *, ok_only: bool = True) -> list[str]:
        """Source ids in manifest order (only those processed without error, by default)."""
        ids = [s["source_id"] for s in self.manifest.get("sources", [])
               if not ok_only or s.get("status", "ok") == "ok"]
        return ids or self._fact_ids()

    def text(self, source_id: str) -> str:
        p = self.out / "text" / f"{_safe(source_id)}.txt"
        if not p.exists():
            raise DatasetError(f"E303 no text for source {source_id!r} in {self.out}")
        return p.read_text(encoding="utf-8")

    def facts(self, source_id: str) -> dict:
        p = self.out / "facts" / f"{_safe(source_id)}.json"
        if not p.exists():
            raise DatasetError(f"E304 no facts for source {source_id!r} in {self.out}")
        return json.loads(p.read_text(encoding="utf-8"))

    def source_of(self, doc_id: str) -> str:
        """The source id of a document id (``<source_id>:d<n>``)."""
        sid = doc_id.rsplit(":", 1)[0] if ":" in doc_id else doc_id
        if sid not in self.source_ids(ok_only=False) and not (self.out / "facts" / f"{_safe(sid)}.json").exists():
            raise DatasetError(f"E305 document {doc_id!r} is not in {self.out}")
        return sid

    def analysis(self, source_id: str):
        """The :class:`pipeline.model.Analysis` of one source, rebuilt from the folder (no re-run)."""
        return analysis_from_out(self, source_id)

    # --- SQL -------------------------------------------------------------------------
    def connect(self):
        """A DuckDB connection with one view per table (``SELECT * FROM numeric_claims``)."""
        if self._con is None:
            self._con = connect(self.out)
        return self._con

    def sql(self, query: str):
        """Run SQL over the tables; return a pandas DataFrame."""
        return self.connect().execute(query).fetchdf()


def _safe(source_id: str) -> str:
    # a source id never escapes out/ (SCHEMA.md); refuse anything that would
    if not source_id or "/" in source_id or "\\" in source_id or source_id in (".", ".."):
        raise DatasetError(f"E306 {source_id!r} is not a source id")
    return source_id


def _read_table(path: Path, name: str):
    import pandas as pd
    import pyarrow.parquet as pq

    if path.exists():
        return _to_pandas(pq.read_table(path))
    from pipeline.export import _schema

    schema = _schema(name)
    if schema is None:
        return pd.DataFrame()
    return _to_pandas(schema.empty_table())


def _to_pandas(table):
    """An Arrow table as a DataFrame whose integer columns are pandas' nullable ``Int64`` (``2019``, never ``2019.0``)."""
    import pandas as pd
    import pyarrow as pa

    ints = {t: pd.Int64Dtype() for t in (pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(),
                                         pa.uint32())}
    return table.to_pandas(types_mapper=ints.get)


def load(out: str | Path = "out") -> Dataset:
    """The tables of a `derek run` output folder as pandas DataFrames (see :class:`Dataset`)."""
    return Dataset(out)


# --- SQL -----------------------------------------------------------------------------------

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def connect(out: str | Path, *, database: str | Path | None = None):
    """A DuckDB connection over ``out/tables/*.parquet``: views, or tables when ``database`` is a file.

    With ``database`` the tables are copied into that DuckDB file (a self-contained
    database to hand on); otherwise an in-memory connection holds views over the
    Parquet files.
    """
    import duckdb

    p = _out_dir(out)
    con = duckdb.connect(str(database) if database else ":memory:")
    kind = "TABLE" if database else "VIEW"
    tdir = p / "tables"
    names = [n for n in TABLE_NAMES]
    if tdir.is_dir():
        names += sorted(x.stem for x in tdir.glob("*.parquet") if x.stem not in TABLE_NAMES)
    for name in names:  # names are quoted in SQL: a table may be called `references`, a keyword
        if not _IDENT.match(name):
            continue
        f = tdir / f"{name}.parquet"
        if f.exists():
            path = str(f).replace("'", "''")
            con.execute(f"CREATE OR REPLACE {kind} \"{name}\" AS SELECT * FROM read_parquet('{path}')")
        else:
            from pipeline.export import _schema

            schema = _schema(name)
            if schema is None:
                continue
            # an absent table is an empty one with the contract's columns
            con.register(f"_empty_{name}", schema.empty_table())
            con.execute(f"CREATE OR REPLACE {kind} \"{name}\" AS SELECT * FROM _empty_{name}")
        plain_view(con, name)
    return con


# SQL keywords among the column names, and the names the `<table>_v` views give them
PLAIN_NAMES = {"where": "found_in", "table": "table_no", "row": "row_label", "column": "column_label",
               "start": "start_char", "end": "end_char"}
PLAIN_SUFFIX = "_v"


def plain_name(column: str, keywords: frozenset = frozenset()) -> str:
    """The name of ``column`` in the ``<table>_v`` views: one that needs no quoting in SQL.

    >>> plain_name("where"), plain_name("year"), plain_name("order", frozenset({"order"}))
    ('found_in', 'year', 'order_')
    """
    if column in PLAIN_NAMES:
        return PLAIN_NAMES[column]
    if column.lower() in keywords or not _IDENT.match(column):
        return re.sub(r"\W", "_", column) + "_"
    return column


def _keywords(con) -> frozenset:
    """DuckDB's keywords that cannot stand unquoted as a column name (reserved, or names of types and functions)."""
    rows = con.execute("SELECT keyword_name FROM duckdb_keywords() "
                       "WHERE keyword_category IN ('reserved', 'column_name', 'type_function')").fetchall()
    return frozenset(r[0].lower() for r in rows)


def plain_view(con, name: str) -> None:
    """``<name>_v``: a view of table ``name`` whose columns need no quoting (``where`` -> ``found_in``, ...)."""
    kw = _keywords(con)
    cols = [r[0] for r in con.execute(f'DESCRIBE "{name}"').fetchall()]
    sel = ", ".join(f'"{c}" AS {plain_name(c, kw)}' for c in cols)
    con.execute(f'CREATE OR REPLACE VIEW {name}{PLAIN_SUFFIX} AS SELECT {sel} FROM "{name}"')


def sql(out: str | Path, query: str):
    """Run SQL over the tables of ``out``; return a pandas DataFrame."""
    con = connect(out)
    try:
        return con.execute(query).fetchdf()
    finally:
        con.close()


# --- one source back as the model -----------------------------------------------------------------


def analysis_from_facts(facts: dict, text: str, *, tokens=None, sentences=None):
    """Rebuild an :class:`Analysis` from a facts document, its text and (optionally) token/sentence rows.

    ``tokens`` / ``sentences`` are DataFrames (or lists of dicts) with the columns of
    the ``tokens`` / ``sentences`` tables; unknown columns are ignored.
    """
    from pipeline.model import (Analysis, Claim, Document, LegalAct, Mention, Organisation, Recommendation, Section,
                                Sentence, Source, Table, Token)

    src = facts.get("source") or {}
    source = Source(path=src.get("path", ""), source_id=src.get("source_id", ""), sha256=src.get("sha256", ""),
                    format=src.get("format", "txt"), encoding=src.get("encoding"), text=text,
                    pages=tuple(src.get("pages") or ()))
    a = Analysis(source=source)

    def build(cls, rec: dict, **over):
        names = cls.__dataclass_fields__
        kw = {k: v for k, v in rec.items() if k in names}
        kw.update(over)
        missing = [k for k, f in names.items() if k not in kw and _required(f)]
        for k in missing:
            kw[k] = None
        return cls(**kw)

    a.documents = [build(Document, d, sections=tuple(build(Section, s) for s in d.get("sections") or ()))
                   for d in facts.get("documents") or ()]
    a.tables = [build(Table, t, columns=tuple(t.get("columns") or ()),
                      rows=tuple(tuple(r) for r in t.get("rows") or ())) for t in facts.get("tables") or ()]
    a.claims = [build(Claim, c) for c in facts.get("numeric_claims") or ()]

    def mentions(rec):
        return tuple(build(Mention, m) for m in rec.get("mentions") or ())

    a.organisations = [build(Organisation, o, aliases=tuple(o.get("aliases") or ()), mentions=mentions(o))
                       for o in facts.get("organisations") or ()]
    a.legal_acts = [build(LegalAct, x, mentions=mentions(x)) for x in facts.get("legal_acts") or ()]
    a.recommendations = [build(Recommendation, r) for r in facts.get("recommendations") or ()]
    a.sentences = [build(Sentence, s) for s in _records(sentences)]
    a.tokens = [build(Token, t) for t in _records(tokens)]
    return a


def _required(f) -> bool:
    from dataclasses import MISSING

    return f.default is MISSING and f.default_factory is MISSING


def _records(rows) -> list[dict]:
    if rows is None:
        return []
    if hasattr(rows, "to_dict"):
        import pandas as pd

        df = rows.astype(object).where(pd.notna(rows), None)
        return df.to_dict("records")
    return list(rows)


def analysis_from_out(ds: Dataset | str | Path, source_id: str):
    """The Analysis of one source of an output folder: text, facts, sentences and tokens."""
    import pyarrow.dataset as pds

    ds = ds if isinstance(ds, Dataset) else Dataset(ds)
    facts = ds.facts(source_id)
    text = ds.text(source_id)
    frames = {}
    for name in ("sentences", "tokens"):
        part = ds.out / "parts" / source_id / f"{name}{PART_SUFFIX}"
        path = ds.table_path(name)
        if part.exists():
            frames[name] = read_part(part).to_pandas()
        elif path.exists():
            t = pds.dataset(str(path)).to_table(filter=pds.field("source_id") == source_id)
            frames[name] = t.to_pandas()
        else:
            frames[name] = None
    return analysis_from_facts(facts, text, tokens=frames["tokens"], sentences=frames["sentences"])


# --- `derek sql` -------------------------------------------------------------------------------------


def main_sql(out: str, query: str | None, *, fmt: str = "table", save: str | None = None,
             max_rows: int = 200) -> int:
    """`derek sql OUT "SELECT ..."`: print the result; ``--save DB`` writes a DuckDB file."""
    import sys

    try:
        if save:
            con = connect(out, database=save)
            con.close()
            print(f"derek: DuckDB database written to {save}", file=sys.stderr)
            if not query:
                return 0
        if not query:
            con = connect(out)
            names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
            print("tables: " + ", ".join(names))
            return 0
        df = sql(out, query)
    except DatasetError as e:
        print(f"derek: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # duckdb.Error and friends: the user's SQL
        print(f"derek: E307 the query failed: {e}", file=sys.stderr)
        return 2
    print_frame(df, fmt, max_rows)
    return 0


def print_frame(df, fmt: str = "table", max_rows: int = 200) -> None:
    """A query's result on standard output as ``derek sql`` prints it: ``table``, ``csv`` or ``json``."""
    import sys

    if fmt == "csv":
        df.to_csv(sys.stdout, index=False)
    elif fmt == "json":
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, date_format="iso") + "\n")
    else:
        import pandas as pd

        with pd.option_context("display.max_rows", max_rows, "display.max_columns", None, "display.width", 200,
                               "display.max_colwidth", 60):
            print(df.to_string(index=False, max_rows=max_rows) if len(df) else f"(0 rows) columns: {', '.join(df.columns)}")
