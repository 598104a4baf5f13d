"""`derek run`: sources in, the dataset of CONTRACT.md out.

A source is the unit of work and of failure. Each source is processed by
:func:`process_one` (the same function under every engine), which writes its
text, facts and table rows atomically under ``out/`` and returns its manifest
entry. The Parquet tables under ``out/tables/`` are rebuilt from the per-source
rows at the end of the run, so they never mix two runs.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from pipeline import __version__
from pipeline.export import (TABLES, atomic_write_json, atomic_write_text, error_row, facts, rows, write_parquet)
from pipeline.ingest import FORMATS, IngestError, Limits, read_source, sha256_file

PARTS = "parts"


@dataclass(frozen=True, slots=True)
class RunConfig:
    """What decides a run's output (hashed for --resume), plus how it is run."""

    extractors: tuple[str, ...] = ("claims", "organisations", "legal_acts", "recommendations")
    max_mb: int = 64
    max_pages: int = 2000

    def limits(self) -> Limits:
        return Limits(max_bytes=self.max_mb * 1024 * 1024, max_pages=self.max_pages)

    def digest(self) -> str:
        data = json.dumps({"version": __version__, **asdict(self)}, sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Task:
    path: str  # absolute path read
    rel: str  # path as shown to users (relative to the input root)
    source_id: str


# --- discovery ------------------------------------------------------------------------


def safe_id(rel: str) -> str:
    """A file-system-safe, stable id for a relative path: ASCII name + short hash.

    >>> safe_id("журнал/../2019 №1.txt").startswith("2019_1-")
    True
    """
    stem = Path(rel).stem
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", stem).strip("._-")[:60] or "source"
    digest = hashlib.sha1(rel.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{name}-{digest}"


def discover(paths: Iterable[str | Path]) -> Iterator[Task]:
    """Files given directly, and ``*.txt``, ``*.pdf``, ``*.docx`` below folders (no symlink loops)."""
    seen: set[str] = set()
    for p in paths:
        p = Path(p)
        if p.is_dir():
            root = p
            for dirpath, dirnames, filenames in os.walk(p, followlinks=False):
                dirnames.sort()
                for fn in sorted(filenames):
                    fp = Path(dirpath) / fn
                    if fp.suffix.lower() not in FORMATS:
                        continue
                    rel = str(fp.relative_to(root))
                    yield from _task(fp, rel, seen)
        else:
            yield from _task(p, p.name, seen)


def _task(fp: Path, rel: str, seen: set[str]) -> Iterator[Task]:
    key = os.path.abspath(fp)
    if key in seen:
        return
    seen.add(key)
    sid = safe_id(rel)
    while sid in seen:
        sid = sid + "_"
    seen.add(sid)
    yield Task(path=key, rel=rel, source_id=sid)


# --- one source ----------------------------------------------------------------------------


def process_one(task: Task, out_dir: str, config: RunConfig) -> dict:
    """Process one source and write its outputs; return its manifest entry. Never raises."""
    from pipeline.analyze import StageError, analyze_source

    out = Path(out_dir)
    t0 = time.perf_counter()
    entry = {"path": task.rel, "source_id": task.source_id, "sha256": None, "format": None, "encoding": None,
             "status": "ok", "stage": None, "error": None, "message": None, "seconds": None}
    part_dir = out / PARTS / task.source_id
    try:
        source = read_source(Path(task.path), source_id=task.source_id, limits=config.limits(), rel=task.rel)
        entry.update(sha256=source.sha256, format=source.format, encoding=source.encoding)
        stages = ("segment", "tokens") + tuple(config.extractors)
        a = analyze_source(source, stages=stages)
        atomic_write_text(out / "text" / f"{task.source_id}.txt", source.text)
        for name, recs in rows(a).items():
            if name != "errors":
                write_parquet(part_dir / f"{name}.parquet", recs, name=name)
        atomic_write_json(out / "facts" / f"{task.source_id}.json", facts(a))
    except IngestError as e:
        entry.update(status="error", stage="ingest", error=e.code, message=e.message)
    except StageError as e:
        entry.update(status="error", stage=e.stage, error=type(e.error).__name__,
                     message=f"derek failed at stage {e.stage}: {e.error}. Please report this with the file.")
        entry["traceback"] = "".join(traceback.format_exception(e.error))[-4000:]
    except MemoryError:
        entry.update(status="error", stage="run", error="MemoryError", message="the source needs more memory than this worker has.")
    except Exception as e:  # writing failed (disk full, permissions): still one error row
        entry.update(status="error", stage="write", error=type(e).__name__, message=f"the outputs could not be written: {e}")
    entry["seconds"] = round(time.perf_counter() - t0, 3)
    if entry["status"] == "error":
        if entry["sha256"] is None:
            try:
                entry["sha256"] = sha256_file(task.path)
            except OSError:
                pass
        _remove_outputs(out, task.source_id)
    entry["config"] = config.digest()
    entry["derek_version"] = __version__
    atomic_write_json(part_dir / "_entry.json", entry)  # written last: marks the source complete
    return entry


def _remove_outputs(out: Path, source_id: str) -> None:
    for p in (out / "text" / f"{source_id}.txt", out / "facts" / f"{source_id}.json"):
        try:
            p.unlink()
        except FileNotFoundError:
            pass
    d = out / PARTS / source_id
    if d.is_dir():
        for f in d.glob("*.parquet"):
            f.unlink()


def completed_entry(task: Task, out: Path, config: RunConfig) -> dict | None:
    """The manifest entry of a source already complete in ``out`` for this input, version and config."""
    p = out / PARTS / task.source_id / "_entry.json"
    try:
        entry = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if entry.get("config") != config.digest() or entry.get("derek_version") != __version__:
        return None
    try:
        digest = sha256_file(task.path)
    except OSError:
        return None
    if entry.get("sha256") != digest:
        return None
    if entry.get("status") == "ok":
        needed = [out / "text" / f"{task.source_id}.txt", out / "facts" / f"{task.source_id}.json"]
        needed += [out / PARTS / task.source_id / f"{n}.parquet" for n in TABLES if n != "errors"]
        if not all(x.exists() for x in needed):
            return None
    return entry


# --- engines -----------------------------------------------------------------------------------


def _run_local(tasks: list[Task], out: str, config: RunConfig, workers: int) -> Iterator[dict]:
    if workers <= 1 or len(tasks) <= 1:
        for t in tasks:
            yield process_one(t, out, config)
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor, as_completed

    ctx = mp.get_context("forkserver" if sys.platform != "win32" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, max_tasks_per_child=200) as ex:
        futures = {ex.submit(process_one, t, out, config): t for t in tasks}
        for f in as_completed(futures):
            try:
                yield f.result()
            except Exception as e:  # a worker died (killed, out of memory): the source is an error row
                t = futures[f]
                yield {"path": t.rel, "source_id": t.source_id, "sha256": None, "format": None, "encoding": None,
                       "status": "error", "stage": "run", "error": type(e).__name__,
                       "message": f"the worker processing this file stopped ({e}).", "seconds": None}


def _run_dask(tasks: list[Task], out: str, config: RunConfig, workers: int, scheduler: str | None) -> Iterator[dict]:
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(process_one, tasks, out=out, config=config, pure=False)
        for f in as_completed(futures):
            yield f.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --- the run -----------------------------------------------------------------------------------------


@dataclass
class RunResult:
    entries: list[dict] = field(default_factory=list)

    @property
    def n_errors(self) -> int:
        return sum(e["status"] != "ok" for e in self.entries)

    @property
    def exit_code(self) -> int:
        return 1 if self.n_errors else 0


def run(paths: list[str], out_dir: str, *, config: RunConfig = RunConfig(), workers: int | None = None,
        engine: str = "local", scheduler: str | None = None, resume: bool = False, progress: bool | None = None) -> RunResult:
    """Process every source under ``paths`` into ``out_dir``; see CONTRACT.md."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    started = datetime.now(timezone.utc).isoformat()
    tasks = list(discover(paths))
    workers = workers or os.cpu_count() or 1
    result = RunResult()
    todo = []
    for t in tasks:
        done = completed_entry(t, out, config) if resume else None
        if done is not None:
            done["resumed"] = True
            result.entries.append(done)
        else:
            todo.append(t)
    if progress is None:
        progress = sys.stderr.isatty()
    bar = None
    if progress and todo:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="src", file=sys.stderr)
    engine_iter = (_run_dask(todo, str(out), config, workers, scheduler) if engine == "dask"
                   else _run_local(todo, str(out), config, workers))
    for entry in engine_iter:
        result.entries.append(entry)
        if bar:
            bar.update(1)
    if bar:
        bar.close()
    order = {t.source_id: i for i, t in enumerate(tasks)}
    result.entries.sort(key=lambda e: order.get(e["source_id"], 1 << 30))
    build_tables(out, [e["source_id"] for e in result.entries], result.entries)
    manifest = {"derek_version": __version__, "config": {**asdict(config), "digest": config.digest(),
                                                           "engine": engine, "workers": workers},
                "started": started, "finished": datetime.now(timezone.utc).isoformat(),
                "sources": [{k: v for k, v in e.items() if k not in ("config", "derek_version", "traceback", "resumed")}
                            for e in result.entries]}
    atomic_write_json(out / "manifest.json", manifest)
    return result


def build_tables(out: Path, source_ids: list[str], entries: list[dict]) -> None:
    """Concatenate the per-source rows of this run into ``out/tables/<name>.parquet``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.export import _to_arrow

    ok = [e["source_id"] for e in entries if e["status"] == "ok"]
    for name in TABLES:
        if name == "errors":
            recs = [error_row(path=e["path"], source_id=e["source_id"], stage=e["stage"], error=e["error"],
                              message=e["message"]) for e in entries if e["status"] != "ok"]
            write_parquet(out / "tables" / "errors.parquet", recs, name="errors")
            continue
        parts = []
        for sid in ok:
            p = out / PARTS / sid / f"{name}.parquet"
            if p.exists():
                parts.append(pq.read_table(p))
        empty = _to_arrow([], name)
        if parts:
            table = pa.concat_tables([empty] + parts, promote_options="permissive")
        else:
            table = empty
        write_parquet(out / "tables" / f"{name}.parquet", table, name=name)
