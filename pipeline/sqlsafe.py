"""`derek sql --read-only`: SQL that may come from someone else, over one output folder only.

The connection has the views of :func:`pipeline.dataset.connect` and then:
- only queries run: each statement must be a SELECT (``WITH`` included) or an EXPLAIN, so no ATTACH,
  INSTALL, LOAD, COPY ... TO, CREATE, SET or PRAGMA;
- DuckDB's file access is limited to the output folder (``enable_external_access = false`` with
  ``allowed_directories``): ``read_csv('/etc/passwd')`` inside a SELECT is refused;
- extensions are neither installed nor loaded on demand, and the configuration is locked.
"""
from __future__ import annotations

import os
from pathlib import Path

ALLOWED_STATEMENTS = ("SELECT", "EXPLAIN")


class ReadOnlyRefused(ValueError):
    """A statement that a read-only query may not hold."""


def check_statements(query: str) -> None:
    """Raise :class:`ReadOnlyRefused` unless every statement of ``query`` only reads.

    >>> check_statements("SELECT 1; WITH x AS (SELECT 2) SELECT * FROM x")
    >>> check_statements("COPY tokens TO 'x.csv'")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    pipeline.sqlsafe.ReadOnlyRefused: E308 --read-only runs queries only (SELECT, EXPLAIN); this one holds a COPY statement
    """
    import duckdb

    statements = duckdb.extract_statements(query)
    if not statements:
        raise ReadOnlyRefused("E308 the query is empty")
    for st in statements:
        kind = st.type.name
        if kind not in ALLOWED_STATEMENTS:
            raise ReadOnlyRefused(f"E308 --read-only runs queries only (SELECT, EXPLAIN); this one holds a {kind} "
                                  "statement")


def connect_read_only(out: str | Path):
    """A DuckDB connection over the tables of ``out`` that can read files under ``out`` only."""
    from pipeline.dataset import connect

    con = connect(out)
    root = os.path.realpath(out).replace("'", "''")
    for setting in (f"SET allowed_directories = ['{root}/']", "SET enable_external_access = false",
                    "SET autoinstall_known_extensions = false", "SET autoload_known_extensions = false",
                    "SET lock_configuration = true"):
        con.execute(setting)
    return con


def sql_read_only(out: str | Path, query: str):
    """Run ``query`` read-only over the tables of ``out``; return a pandas DataFrame."""
    import duckdb

    check_statements(query)
    con = connect_read_only(out)
    try:
        return con.execute(query).fetchdf()
    except duckdb.PermissionException as e:
        raise ReadOnlyRefused(f"E308 --read-only reads the output folder only: {' '.join(str(e).split())[:200]}") \
            from None
    finally:
        con.close()
