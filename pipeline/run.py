"""`derek run`: sources in, the dataset of CONTRACT.md out.

A source is the unit of work and of failure. Each source is processed by
:func:`process_one` (the same function under every engine), which writes its
text, facts and table rows atomically under ``out/`` and returns its manifest
entry. The Parquet tables under ``out/tables/`` are rebuilt from the per-source
rows at the end of the run, so they never mix two runs.

Crash safety. Every file is written under a temporary name (``.tmp-*``) and
renamed into place. A source's ``parts/<id>/_entry.json`` is removed before its
outputs are rewritten and written last, so it marks a complete source; ``--resume``
trusts a source only if that marker matches the input's SHA-256, derek's version and
the configuration digest and all its files exist. Stale ``.tmp-*`` files of a killed
run are removed when the next run starts.

Engines. ``local``: a process pool (``--workers``, default all cores), a bounded
number of sources in flight, results streamed to disk as sources finish; a worker
that dies (killed, out of memory) costs only the source it held. ``dask``: the same
:func:`process_one` on a Dask cluster (``--scheduler ADDRESS``, or a LocalCluster);
with a remote cluster, ``out`` must be on a file system the workers share.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import signal
import sys
import threading
import time
import traceback
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from pipeline import __version__
from pipeline.export import (TABLES, TMP_PREFIX, atomic_path, atomic_write_json, atomic_write_text, error_row, facts, rows, write_parquet)
from pipeline.ingest import FORMATS, IngestError, Limits, read_source

PARTS = "parts"
ENTRY = "_entry.json"
# sources in flight per worker: enough to keep workers busy, few enough that memory
# in the parent does not grow with the corpus
IN_FLIGHT_PER_WORKER = 4
# the pool is replaced after this many sources per worker (caches of the analysers are per
# process: memory stays bounded on any corpus). Not ``max_tasks_per_child``: on Python 3.11-3.13
# it can deadlock a pool with queued work (cpython gh-115634)
TASKS_PER_CHILD = 1000
# BLAS/OpenMP threads per worker process: derek parallelises over sources, and the
# small matrix products of the taggers run many times slower with a thread pool each
THREAD_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
              "VECLIB_MAXIMUM_THREADS")


@dataclass(frozen=True, slots=True)
class RunConfig:
    """What decides a run's output (hashed for --resume), plus how it is run."""

    extractors: tuple[str, ...] = ("claims", "organisations", "legal_acts", "recommendations")
    max_mb: int = 64
    max_pages: int = 2000
    timeout: int = 900  # seconds one source may take (0: no limit)

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
    size: int = 0  # bytes, to start the largest sources first


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
    try:
        size = os.path.getsize(key)
    except OSError:
        size = 0
    yield Task(path=key, rel=rel, source_id=sid, size=size)


# --- one source ----------------------------------------------------------------------------

_THREADS_LIMITED = False


def limit_threads() -> None:
    """One BLAS/OpenMP thread in this process (once): workers are the parallelism.

    The environment variables reach libraries not yet loaded; threadpoolctl those already loaded.
    """
    global _THREADS_LIMITED
    if _THREADS_LIMITED:
        return
    _THREADS_LIMITED = True
    for k in THREAD_ENV:
        os.environ.setdefault(k, "1")
    if "numpy" in sys.modules:
        try:
            from threadpoolctl import threadpool_limits

            threadpool_limits(1)
        except Exception:  # threadpoolctl missing or a library it cannot drive: only slower
            pass


class SourceTimeout(BaseException):
    """Raised in a worker when one source runs past ``RunConfig.timeout`` (a BaseException so that
    no stage's ``except Exception`` can swallow it)."""


@contextlib.contextmanager
def deadline(seconds: int):
    """Raise SourceTimeout in this thread after ``seconds`` (main thread of a process only).

    Python drops an exception raised while a weakref callback or ``__del__`` runs (it only prints
    "Exception ignored"), so one alarm can be lost to the garbage collector. The timer therefore
    repeats every 0.1 s after the first expiry until the exception reaches the code inside the block.
    """
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    armed = [True]

    def expire(signum, frame):
        if armed[0]:
            raise SourceTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_one(task: Task, out_dir: str, config: RunConfig) -> dict:
    """Process one source and write its outputs; return its manifest entry. Never raises."""
    limit_threads()
    from pipeline.analyze import StageError, analyze_source

    out = Path(out_dir)
    t0 = time.perf_counter()
    entry = {"path": task.rel, "source_id": task.source_id, "sha256": None, "format": None, "encoding": None,
             "status": "ok", "stage": None, "error": None, "message": None, "seconds": None}
    part_dir = out / PARTS / task.source_id
    try:  # the completion marker goes first: a run killed from here on leaves the source incomplete
        (part_dir / ENTRY).unlink()
    except FileNotFoundError:
        pass
    except OSError as e:
        entry.update(status="error", stage="write", error=type(e).__name__, message=f"the outputs could not be written: {e}")
    try:
        with deadline(config.timeout):
            if entry["status"] == "ok":
                _process(task, out, part_dir, config, entry)
    except SourceTimeout:
        entry.update(status="error", stage="run", error="E040",
                     message=f"processing took longer than {config.timeout} s and was stopped; the file may hold "
                             "a pathological text (one enormous paragraph or table). Split it, or raise --timeout.")
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
            entry["sha256"] = _sha256(task.path)
        _remove_outputs(out, task.source_id)
    entry["config"] = config.digest()
    entry["derek_version"] = __version__
    entry["pid"] = os.getpid()
    entry["peak_rss_mb"] = peak_rss_mb()
    entry["cpu_s"] = round(sum(os.times()[:2]), 2)  # this process's CPU seconds so far (bench/throughput.py)
    try:
        atomic_write_json(part_dir / ENTRY, entry)  # written last: marks the source complete
    except Exception as e:  # the marker cannot be written: the source stays incomplete (redone by --resume)
        entry.update(status="error", stage="write", error=type(e).__name__, message=f"the outputs could not be written: {e}")
    return entry


def _process(task: Task, out: Path, part_dir: Path, config: RunConfig, entry: dict) -> None:
    """Read, analyse and write one source (the work ``process_one`` guards)."""
    from pipeline.analyze import analyze_source

    source = read_source(Path(task.path), source_id=task.source_id, limits=config.limits(), rel=task.rel)
    entry.update(sha256=source.sha256, format=source.format, encoding=source.encoding)
    stages = ("segment", "tokens") + tuple(config.extractors)
    a = analyze_source(source, stages=stages)
    atomic_write_text(out / "text" / f"{task.source_id}.txt", source.text)
    for name, recs in rows(a).items():
        if name != "errors":
            write_parquet(part_dir / f"{name}.parquet", recs, name=name)
    atomic_write_json(out / "facts" / f"{task.source_id}.json", facts(a))
    del a, source


def peak_rss_mb() -> float | None:
    """Peak resident memory of this process so far, in MB."""
    try:
        import resource

        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return round(kb / (1024 * 1024) if sys.platform == "darwin" else kb / 1024, 1)
    except Exception:
        return None


def _sha256(path: str) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def _remove_outputs(out: Path, source_id: str) -> None:
    for p in (out / "text" / f"{source_id}.txt", out / "facts" / f"{source_id}.json"):
        try:
            p.unlink()
        except OSError:
            pass
    d = out / PARTS / source_id
    if d.is_dir():
        for f in d.glob("*.parquet"):
            try:
                f.unlink()
            except OSError:
                pass


def completed_entry(task: Task, out: Path, config: RunConfig) -> dict | None:
    """The manifest entry of a source already complete in ``out`` for this input, version and config."""
    p = out / PARTS / task.source_id / ENTRY
    try:
        entry = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("source_id") != task.source_id:
        return None
    if entry.get("config") != config.digest() or entry.get("derek_version") != __version__:
        return None
    if entry.get("stage") in ("run", "write"):  # failures of the machine, not of the input: try again
        return None
    if entry.get("sha256") is None or entry.get("sha256") != _sha256(task.path):
        return None
    if entry.get("status") == "ok":
        needed = [out / "text" / f"{task.source_id}.txt", out / "facts" / f"{task.source_id}.json"]
        needed += [out / PARTS / task.source_id / f"{n}.parquet" for n in TABLES if n != "errors"]
        if not all(x.exists() for x in needed):
            return None
    return entry


def clean_stale(out: Path) -> int:
    """Remove the ``.tmp-*`` files a killed run left under ``out``; return how many."""
    n = 0
    for dirpath, _dirnames, filenames in os.walk(out, followlinks=False):
        for fn in filenames:
            if fn.startswith(TMP_PREFIX):
                try:
                    os.unlink(os.path.join(dirpath, fn))
                    n += 1
                except OSError:
                    pass
    return n


def available_cores() -> int:
    """Cores this process may run on (the affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _died(t: Task, e: BaseException) -> dict:
    """The manifest entry of a source whose worker stopped (killed, out of memory)."""
    return {"path": t.rel, "source_id": t.source_id, "sha256": _sha256(t.path), "format": None, "encoding": None,
            "status": "error", "stage": "run", "error": type(e).__name__,
            "message": f"the worker processing this file stopped ({e or type(e).__name__}); "
                       "it may need more memory than a worker has.", "seconds": None}


# --- engines -----------------------------------------------------------------------------------


def _run_local(tasks: list[Task], out: str, config: RunConfig, workers: int) -> Iterator[dict]:
    if workers <= 1 or len(tasks) <= 1:
        for t in tasks:
            yield process_one(t, out, config)
        return
    yield from _run_pool(tasks, out, config, workers)


def _pool(workers: int):
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("forkserver" if sys.platform != "win32" else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx)


def _run_pool(tasks: list[Task], out: str, config: RunConfig, workers: int, fn=process_one) -> Iterator[dict]:
    """A process pool with at most ``workers * IN_FLIGHT_PER_WORKER`` sources in flight.

    After ``workers * TASKS_PER_CHILD`` sources the pool is drained and replaced. When a
    worker dies (killed, out of memory) the pool breaks and every source in flight fails
    with it: those go back to the queue of a new pool, and a source caught in a second
    break is retried alone, in a worker of its own. So a death costs a pool restart, and
    only a source that kills its worker by itself is reported as an error.
    """
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    pending = list(reversed(tasks))  # pop() from the end: tasks in the given order
    strikes: dict[str, int] = {}
    alone: list[Task] = []
    limit = max(1, workers) * IN_FLIGHT_PER_WORKER
    stalls = 0
    while pending or alone:
        if alone:
            yield from _run_alone(alone, out, config, fn)
            alone, stalls = [], 0
            continue
        if stalls >= 3:  # pools that break before finishing anything: give up on what is left
            while pending:
                yield _died(pending.pop(), RuntimeError("no worker process could be started"))
            return
        ex = _pool(workers)
        running: dict = {}
        caught: list[Task] = []
        progressed = broken = False
        budget = max(1, workers) * TASKS_PER_CHILD
        try:
            while pending or running:
                while pending and len(running) < limit and not broken and budget > 0:
                    budget -= 1
                    t = pending.pop()
                    try:
                        running[ex.submit(fn, t, out, config)] = t
                    except BrokenProcessPool:
                        pending.append(t)
                        broken = True
                if not running:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for f in done:
                    t = running.pop(f)
                    try:
                        entry = f.result()
                    except BrokenProcessPool:
                        broken = True
                        caught.append(t)
                        continue
                    except Exception as e:  # pickling and the like: this source only
                        entry = _died(t, e)
                    progressed = True
                    yield entry
                if broken:
                    caught.extend(running.values())
                    running.clear()
                    break
        finally:
            ex.shutdown(wait=not broken, cancel_futures=True)
        for t in caught:
            strikes[t.source_id] = strikes.get(t.source_id, 0) + 1
            (alone if strikes[t.source_id] >= 2 else pending).append(t)
        stalls = 0 if progressed else stalls + 1


def _run_alone(tasks: list[Task], out: str, config: RunConfig, fn=process_one) -> Iterator[dict]:
    """Sources one at a time in a one-worker pool, replaced whenever a source kills its worker."""
    from concurrent.futures.process import BrokenProcessPool

    solo = None
    try:
        for t in tasks:
            if solo is None:
                solo = _pool(1)
            try:
                yield solo.submit(fn, t, out, config).result()
            except BrokenProcessPool as e:
                yield _died(t, e)
                solo.shutdown(wait=False, cancel_futures=True)
                solo = None
            except Exception as e:
                yield _died(t, e)
    finally:
        if solo is not None:
            solo.shutdown(wait=False, cancel_futures=True)


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
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        limit = n_workers * IN_FLIGHT_PER_WORKER
        it = iter(tasks)
        by_key = {}

        def submit(t: Task):
            f = client.submit(process_one, t, out, config, pure=False, key=f"derek-{t.source_id}-{os.urandom(4).hex()}")
            by_key[f.key] = t
            return f

        first = [submit(t) for _, t in zip(range(limit), it)]
        ac = as_completed(first)
        for f in ac:
            t = by_key.pop(f.key)
            try:
                yield f.result()
            except Exception as e:  # KilledWorker (the source killed its workers) and the like
                yield _died(t, e)
            f.release()
            nxt = next(it, None)
            if nxt is not None:
                ac.add(submit(nxt))
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


MANIFEST_DROP = ("config", "derek_version", "traceback", "resumed", "pid", "peak_rss_mb", "cpu_s")


def run(paths: list[str], out_dir: str, *, config: RunConfig = RunConfig(), workers: int | None = None,
        engine: str = "local", scheduler: str | None = None, resume: bool = False, progress: bool | None = None) -> RunResult:
    """Process every source under ``paths`` into ``out_dir``; see CONTRACT.md."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    lock = _lock(out)  # held until this process ends (a killed run releases it too)
    try:
        return _run(paths, out, config=config, workers=workers, engine=engine, scheduler=scheduler,
                    resume=resume, progress=progress)
    finally:
        if lock is not None:
            lock.close()


class OutputBusy(RuntimeError):
    """Another derek run is writing into the same output folder."""


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


def _run(paths: list[str], out: Path, *, config: RunConfig, workers: int | None, engine: str,
         scheduler: str | None, resume: bool, progress: bool | None) -> RunResult:
    clean_stale(out)
    started = datetime.now(timezone.utc).isoformat()
    tasks = list(discover(paths))
    workers = max(1, workers or available_cores())
    # worker processes (pool, LocalCluster) inherit this: one BLAS thread each
    for k in THREAD_ENV:
        os.environ.setdefault(k, "1")
    result = RunResult()
    todo = []
    for t in tasks:
        done = completed_entry(t, out, config) if resume else None
        if done is not None:
            done["resumed"] = True
            result.entries.append(done)
        else:
            todo.append(t)
    # largest first: the last sources to finish are small ones, so workers finish together
    todo.sort(key=lambda t: -t.size)
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
    unique: dict[str, dict] = {}
    for e in result.entries:  # one entry per source, whatever happened
        unique[e["source_id"]] = e
    result.entries = sorted(unique.values(), key=lambda e: order.get(e["source_id"], 1 << 30))
    build_tables(out, result.entries)
    manifest = {"derek_version": __version__, "config": {**asdict(config), "digest": config.digest(),
                                                           "engine": engine, "workers": workers},
                "started": started, "finished": datetime.now(timezone.utc).isoformat(),
                "sources": [{k: v for k, v in e.items() if k not in MANIFEST_DROP} for e in result.entries]}
    atomic_write_json(out / "manifest.json", manifest)
    return result


def build_tables(out: Path, entries: list[dict]) -> None:
    """Concatenate the per-source rows of this run into ``out/tables/<name>.parquet``.

    Streams one source's part at a time (memory does not grow with the corpus); columns an
    extractor added beyond the contract's are kept (null where a source lacks them).
    """
    ok = [e["source_id"] for e in entries if e["status"] == "ok"]
    for name in TABLES:
        if name == "errors":
            recs = [error_row(path=e["path"], source_id=e["source_id"], stage=e["stage"], error=e["error"],
                              message=e["message"]) for e in entries if e["status"] != "ok"]
            write_parquet(out / "tables" / "errors.parquet", recs, name="errors")
            continue
        parts = [out / PARTS / sid / f"{name}.parquet" for sid in ok]
        write_concat(out / "tables" / f"{name}.parquet", [p for p in parts if p.exists()], name=name)


def write_concat(path: Path, parts: list[Path], *, name: str) -> None:
    """Write the rows of ``parts`` (Parquet files) into one Parquet file, atomically, part by part."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.export import _to_arrow, int64_metadata

    base = _to_arrow([], name).schema
    schemas = [base] + [pq.read_schema(p) for p in parts]
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
            for p in parts:
                t = pq.read_table(p, use_threads=False)  # small files: threads cost more than they save
                cols = []
                for f in schema:
                    if f.name in t.column_names:
                        c = t.column(f.name)
                        cols.append(c if c.type == f.type else c.cast(f.type, safe=False))
                    else:
                        cols.append(pa.nulls(len(t), f.type))
                if len(t):
                    w.write_table(pa.Table.from_arrays(cols, schema=schema))
