"""The output folder of `derek run`: made, marked and locked; what a killed run left behind
removed; the manifest written; the per-source rows merged into ``out/tables/``.

:mod:`pipeline.run` (discovery, engines, :func:`~pipeline.run.process_one`) writes each
source's files; this module owns the folder they go into and the step after the sources.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__
from pipeline.export import PART_SUFFIX, TABLES, TMP_PREFIX, atomic_path, error_row, part_schema, read_part, write_parquet

MARKER = ".derek-output"  # written into every output folder derek creates or has written before
PARTS = "parts"  # parts/<source id>/: one source's table rows and its entry
ENTRY = "_entry.json"  # a source's manifest entry, written last: it marks the source complete


def _remove_outputs(out: Path, source_id: str) -> None:
    for p in (out / "text" / f"{source_id}.txt", out / "facts" / f"{source_id}.json"):
        try:
            p.unlink()
        except OSError:
            pass
    d = out / PARTS / source_id
    if d.is_dir():
        for f in [*d.glob("*.parquet"), *d.glob(f"*{PART_SUFFIX}")]:  # .parquet: parts of an earlier derek
            try:
                f.unlink()
            except OSError:
                pass


# the temporary names atomic_path makes (tempfile.mkstemp: the prefix, 8 random characters, a suffix)
_TMP_NAME = re.compile(re.escape(TMP_PREFIX) + r"[a-z0-9_]{8}(\.[a-z]+)?")


# where derek writes under OUT (and so where a killed run can have left a temporary file)
OUT_DIRS = ("text", "facts", "tables", "report")


def clean_stale(out: Path) -> int:
    """Remove the temporary files a killed run left under ``out``; return how many.

    Only derek's own: names made by atomic_path, in the folders derek writes (``out`` itself,
    ``text/``, ``facts/``, ``tables/``, ``report/``, ``parts/<source>/``), never deeper.
    """
    folders = [out] + [out / d for d in OUT_DIRS]
    if (out / PARTS).is_dir():
        folders += [d for d in (out / PARTS).iterdir() if d.is_dir() and not d.is_symlink()]
    n = 0
    for d in folders:
        try:
            names = os.listdir(d)
        except OSError:
            continue
        for fn in names:
            if _TMP_NAME.fullmatch(fn):
                try:
                    os.unlink(os.path.join(d, fn))
                    n += 1
                except OSError:
                    pass
    return n


@dataclass
class RunResult:
    entries: list[dict] = field(default_factory=list)

    @property
    def n_errors(self) -> int:
        return sum(e["status"] == "error" for e in self.entries)

    @property
    def n_skipped(self) -> int:
        """Files not read (a link outside the input): warning rows, not failures."""
        return sum(e["status"] == "skipped" for e in self.entries)

    @property
    def n_resumed(self) -> int:
        """Sources complete and unchanged from an earlier run (``--resume``), not processed again."""
        return sum(bool(e.get("resumed")) for e in self.entries)

    @property
    def n_written(self) -> int:
        return sum(e["status"] == "ok" and not e.get("resumed") for e in self.entries)

    @property
    def n_stage_errors(self) -> int:
        """Extractor stages that failed in sources otherwise written (their rows are in errors.parquet)."""
        return sum(len(e.get("failed_stages") or ()) for e in self.entries if e["status"] == "ok")

    @property
    def exit_code(self) -> int:
        return 1 if self.n_errors or self.n_stage_errors else 0


MANIFEST_DROP = ("config", "derek_version", "traceback", "resumed", "pid", "peak_rss_mb", "cpu_s", "part_rows")


class OutputBusy(RuntimeError):
    """Another derek run is writing into the same output folder."""


class OutputRefused(RuntimeError):
    """``-o`` names a file, or a folder with files derek did not write (a usage error)."""


def is_derek_output(out: Path) -> bool:
    """Whether ``out`` is a folder derek made: it holds the mark, or (made before the mark existed)
    a manifest with derek's version beside a ``parts/`` folder."""
    if (out / MARKER).is_file():
        return True
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (isinstance(manifest, dict) and "derek_version" in manifest and (out / PARTS).is_dir()
            and manifest.get("folder_made_by_derek", True))


def prepare_out(out: Path, *, force: bool = False) -> bool:
    """Make or check the output folder: a new or empty folder is marked as derek's; a file, or a
    non-empty folder derek did not make (unless ``force``), is refused. Returns whether the folder
    is derek's (in a folder written into with ``force`` no file is ever removed, not even a
    ``.tmp-*`` one: derek cannot tell its own from the user's)."""
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"-o {out} is a file, not a folder; give a folder for the output")
    if out.is_dir() and not is_derek_output(out):
        if any(p.name != ".lock" for p in out.iterdir()) and not force:  # the lock: another run's, just started
            raise OutputRefused(f"-o {out} is a folder with files derek did not write; choose a new or empty "
                                "folder, or add --force to write into it")
        if force:  # written into, never claimed: a later run must be forced again
            return False
    out.mkdir(parents=True, exist_ok=True)
    if not (out / MARKER).exists():
        from pipeline.export import atomic_write_text

        atomic_write_text(out / MARKER, f"This folder was made by derek {__version__} (`derek run -o`).\n")
    return True


def _lock(out: Path):
    try:
        import fcntl
    except ImportError:  # no advisory locks (Windows): one run per folder is then the user's business
        return None
    f = open(out / ".lock", "a+")
    try:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        f.close()
        raise OutputBusy(f"another derek run is writing into {out}; wait for it or choose another -o") from None
    return f


_SURROGATE = re.compile("[\ud800-\udfff]")


def write_manifest(path: Path, manifest: dict, *, sync: bool = True) -> None:
    """Write the manifest (or a source's entry) as UTF-8 JSON; a lone surrogate (a file name byte that is not UTF-8, as
    Python's surrogate escapes hold it) is written as a JSON escape (``\\udcff``), which json.load
    reads back to the same name (``os.fsencode`` gives the original bytes)."""
    from pipeline.export import atomic_write_text

    text = json.dumps(manifest, ensure_ascii=False, indent=1)
    text = _SURROGATE.sub(lambda m: "\\u%04x" % ord(m.group()), text)
    atomic_write_text(path, text + "\n", sync=sync)


def build_tables(out: Path, entries: list[dict]) -> None:
    """Concatenate the per-source rows of this run into ``out/tables/<name>.parquet``.

    Streams one source's part at a time (memory does not grow with the corpus); columns an
    extractor added beyond the contract's are kept (null where a source lacks them). A source's
    entry names its parts with rows (``part_rows``); no other part is read.
    """
    ok = [e for e in entries if e["status"] == "ok"]
    for name in TABLES:
        parts = [out / PARTS / e["source_id"] / f"{name}{PART_SUFFIX}" for e in ok
                 if (e.get("part_rows") or {}).get(name)]
        if name == "errors":
            recs = [error_row(path=e["path"], source_id=e["source_id"], stage=e["stage"], error=e["error"],
                              message=e["message"]) for e in entries if e["status"] != "ok"]
            for p in parts:
                recs += read_part(p).to_pylist()
            write_parquet(out / "tables" / "errors.parquet", recs, name="errors")
            continue
        write_concat(out / "tables" / f"{name}.parquet", parts, name=name)


# rows gathered before they are written as one row group of a merged table (a part holds one
# source's rows: a row group each made the merged file slow to write and to read)
ROW_GROUP_ROWS = 65_536


def write_concat(path: Path, parts: list[Path], *, name: str) -> None:
    """Write the rows of ``parts`` (files of ``export.write_part``) into one Parquet file,
    atomically, part by part (at most ``ROW_GROUP_ROWS`` rows held at a time)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.export import _to_arrow, int64_metadata

    base = _to_arrow([], name).schema
    schemas = [base]
    for p in parts:
        s = part_schema(p)
        if not s.equals(base, check_metadata=False):  # columns beyond the contract's
            schemas.append(s)
    try:
        schema = pa.unify_schemas(schemas, promote_options="permissive")
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # an extra column with conflicting types: contract columns win
        schema = base
    # the contract's columns first, in order
    schema = pa.schema([schema.field(n) for n in base.names] +
                       [f for f in schema if f.name not in set(base.names)])
    schema = int64_metadata(schema)  # integer columns read as pandas' nullable Int64
    with atomic_path(path, suffix=".parquet") as tmp:
        with pq.ParquetWriter(tmp, schema) as w:
            held: list = []
            n_held = 0
            for p in parts:
                t = read_part(p)
                if not len(t):
                    continue
                cols = []
                for f in schema:
                    if f.name in t.column_names:
                        c = t.column(f.name)
                        cols.append(c if c.type == f.type else c.cast(f.type, safe=False))
                    else:
                        cols.append(pa.nulls(len(t), f.type))
                held.append(pa.Table.from_arrays(cols, schema=schema))
                n_held += len(t)
                if n_held >= ROW_GROUP_ROWS:
                    w.write_table(pa.concat_tables(held), row_group_size=max(n_held, 1))
                    held, n_held = [], 0
            if held:
                w.write_table(pa.concat_tables(held), row_group_size=n_held)
