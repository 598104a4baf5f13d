"""`derek run`: sources in, the dataset of CONTRACT.md out.

A source is the unit of work and of failure. Each source is processed by
:func:`process_one` (the same function under every engine), which writes its
text, facts and table rows atomically under ``out/`` and returns its manifest
entry. The Parquet tables under ``out/tables/`` are rebuilt from the per-source
rows at the end of the run, so they never mix two runs. The output folder itself (its mark and
lock, stale temporaries, the manifest, the merged tables) is :mod:`pipeline.run_output`.

Crash safety. Every file but a source's parts is written under a temporary name
(``.tmp-*``) and renamed into place. A source's ``parts/<id>/_entry.json`` is removed
before its outputs are rewritten and written last, so it marks a complete source and
names its parts (``part_rows``: the tables with rows; only those are read); ``--resume``
trusts a source only if that marker matches the input's SHA-256, derek's version and
the configuration digest and all its files exist. Stale ``.tmp-*`` files of a killed
run are removed when the next run starts.

Engines. ``local``: a process pool (``--workers``, default all cores), a bounded
number of sources in flight, results streamed to disk as sources finish; a worker
that dies (killed, out of memory) costs only the source it held. ``dask``: the same
:func:`process_one` on a Dask cluster (``--scheduler ADDRESS``, or a LocalCluster);
with a remote cluster, ``out`` must be on a file system the workers share.

Hardening. Only regular files are read (a FIFO or a link to a device is an error row at once),
and reading and hashing happen inside the per-source time limit. A symbolic link under an input
folder that leads outside it is skipped with a warning row unless ``--follow-links``. Each pool
worker has an address-space limit (``--max-memory-mb``) and dies with the main process (a
parent-death signal and a watchdog on the main process); SIGTERM and SIGINT stop the pool, keep
the sources already finished and leave nothing half-written. ``out`` is marked as derek's
(:data:`MARKER`); a non-empty folder without the mark is refused unless ``force``, and only
derek's own temporary files are ever removed.
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
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from pipeline import __version__
from pipeline.export import PART_SUFFIX, atomic_write_json, atomic_write_text, error_row, facts, rows, write_part
from pipeline.ingest import FORMATS, IngestError, Limits, read_source, regular_sha256

# Error codes of the run itself (ingest's are in pipeline/ingest.py; both move to one table,
# pipeline/errors.py, when it exists). Kept here in one place.
E_NOT_REGULAR = "E006"  # a FIFO, device or socket (from pipeline/ingest.py: open_regular)
E_LINK_OUTSIDE = "E007"  # a symbolic link under an input folder that leads outside it (a warning row)
E_TIMEOUT = "E040"  # the source ran past --timeout
E_TOO_LARGE = "E041"  # the source needed more memory than a worker may have (--max-memory-mb)
E_WORKER_DIED = "E042"  # the worker processing the source stopped (killed, crashed)

from pipeline.link import link_output
from pipeline.run_output import (ENTRY, MANIFEST_DROP, MARKER, PARTS, OutputBusy, OutputRefused,  # noqa: F401
                                 RunResult, _lock, _remove_outputs, build_tables, clean_stale,
                                 is_derek_output, prepare_out, write_concat, write_manifest)

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
    lang: str = "auto"  # auto, or kk/ru/en: the language every sentence is read in
    max_memory_mb: int = 4096  # address space of one pool worker (0: no limit); the sample runs in 1 024

    def limits(self) -> Limits:
        return Limits(max_bytes=self.max_mb * 1024 * 1024, max_pages=self.max_pages)

    def digest(self) -> str:
        data = json.dumps({"version": __version__, **asdict(self)}, sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Task:
    path: str  # absolute path read
    rel: str  # path relative to the input root, exactly (bytes that are not UTF-8 as surrogate escapes)
    source_id: str
    size: int = 0  # bytes, to start the largest sources first
    skip: str | None = None  # why the file is not read (a link outside the input): the warning row's message

    @property
    def shown(self) -> str:
        """The path as people read it: valid UTF-8, undecodable bytes written ``\\xff``."""
        return readable(self.rel)


def readable(name: str) -> str:
    """A file name that may hold undecodable bytes (surrogate escapes) as printable text.

    >>> readable("b" + "\\udcff" + ".txt")
    'b\\\\xff.txt'
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


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


def discover(paths: Iterable[str | Path], *, follow_links: bool = False,
             exclude: Iterable[str | Path] = ()) -> Iterator[Task]:
    """Files given directly, and ``*.txt``, ``*.pdf``, ``*.docx`` below folders (no symlink loops).

    A symbolic link below a folder that leads outside it (``notes.txt -> /etc/passwd``) yields a
    Task with ``skip`` set unless ``follow_links``: what the user gave is the folder, not the rest of
    the file system. Files named directly are read wherever they are. Folders in ``exclude`` (the
    output folder, when it lies inside an input folder) are not entered: a second run does not
    read the first one's ``text/`` as sources.
    """
    seen: set[str] = set()
    skip_dirs = {os.path.realpath(x) for x in exclude}
    for p in paths:
        p = Path(p)
        if p.is_dir():
            root = p
            real_root = os.path.realpath(p)
            for dirpath, dirnames, filenames in os.walk(p, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if os.path.realpath(os.path.join(dirpath, d)) not in skip_dirs)
                for fn in sorted(filenames):
                    fp = Path(dirpath) / fn
                    if fp.suffix.lower() not in FORMATS:
                        continue
                    rel = str(fp.relative_to(root))
                    skip = None
                    target = os.path.realpath(fp)
                    # a link to a device or pipe is left to ingest, which refuses it unread (E006)
                    if (not follow_links and os.path.islink(fp) and not _inside(target, real_root)
                            and os.path.isfile(target)):
                        skip = ("the file is a symbolic link to a file outside the input folder; it was not read "
                                "(give the target itself, or use --follow-links).")
                    yield from _task(fp, rel, seen, skip)
        else:
            yield from _task(p, p.name, seen)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _task(fp: Path, rel: str, seen: set[str], skip: str | None = None) -> Iterator[Task]:
    key = os.path.abspath(fp)
    if key in seen:
        return
    seen.add(key)
    sid = safe_id(rel)
    while sid in seen:
        sid = sid + "_"
    seen.add(sid)
    try:
        size = os.path.getsize(key)  # stat only: never opens a FIFO or device
    except OSError:
        size = 0
    yield Task(path=key, rel=rel, source_id=sid, size=size, skip=skip)


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
    entry = new_entry(task)
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
        entry.update(status="error", stage="run", error=E_TIMEOUT,
                     message=f"processing took longer than {config.timeout} s and was stopped; the file may hold "
                             "a pathological text (one enormous paragraph or table). Split it, or raise --timeout.")
    except IngestError as e:
        entry.update(status="error", stage="ingest", error=e.code, message=e.message)
    except StageError as e:
        entry.update(status="error", stage=e.stage, error=type(e.error).__name__,
                     message=f"derek failed at stage {e.stage}: {e.error}. Please report this with the file.")
        entry["traceback"] = "".join(traceback.format_exception(e.error))[-4000:]
    except MemoryError:
        entry.update(status="error", stage="run", error=E_TOO_LARGE,
                     message=f"the source is too large: it needs more memory than a worker may have "
                             f"({config.max_memory_mb} MB, --max-memory-mb); split it into articles.")
    except Exception as e:  # writing failed (disk full, permissions): still one error row
        entry.update(status="error", stage="write", error=type(e).__name__, message=f"the outputs could not be written: {e}")
    entry["seconds"] = round(time.perf_counter() - t0, 3)
    if entry["status"] == "error":
        if entry["sha256"] is None:  # hashing too is bounded in time (a file on a stalled mount)
            with contextlib.suppress(SourceTimeout), deadline(config.timeout):
                entry["sha256"] = _sha256(task.path)
        _remove_outputs(out, task.source_id)
    entry["config"] = config.digest()
    entry["derek_version"] = __version__
    entry["pid"] = os.getpid()
    entry["peak_rss_mb"] = peak_rss_mb()
    entry["cpu_s"] = round(sum(os.times()[:2]), 2)  # this process's CPU seconds so far (bench/throughput.py)
    try:
        # written last: marks the source complete (no fsync: see export.atomic_write_bytes)
        write_manifest(part_dir / ENTRY, entry, sync=False)
    except Exception as e:  # the marker cannot be written: the source stays incomplete (redone by --resume)
        entry.update(status="error", stage="write", error=type(e).__name__, message=f"the outputs could not be written: {e}")
    return entry


def _process(task: Task, out: Path, part_dir: Path, config: RunConfig, entry: dict) -> None:
    """Read, analyse and write one source (the work ``process_one`` guards)."""
    from pipeline.analyze import analyze_source

    source = read_source(Path(task.path), source_id=task.source_id, limits=config.limits(), rel=task.shown)
    entry.update(sha256=source.sha256, format=source.format, encoding=source.encoding)
    stages = ("segment", "tokens") + tuple(config.extractors)
    a = analyze_source(source, stages=stages, **lang_kwargs(config.lang))
    atomic_write_text(out / "text" / f"{task.source_id}.txt", source.text, sync=False)
    # one part per table with rows (most of a source's tables have none); the entry names them
    written = {}
    for name, recs in rows(a).items():
        if name != "errors" and recs:
            written[name] = write_part(part_dir / f"{name}{PART_SUFFIX}", recs, name=name)
    # extractor stages that failed while the others ran: one error row each, beside the facts written
    failed = [error_row(path=task.shown, source_id=task.source_id, stage=f.stage, error=f.code, message=f.message)
              for f in getattr(a, "errors", None) or ()]
    if failed:
        written["errors"] = write_part(part_dir / f"errors{PART_SUFFIX}", failed, name="errors")
        entry["failed_stages"] = [f["stage"] for f in failed]
    entry["part_rows"] = written
    atomic_write_json(out / "facts" / f"{task.source_id}.json", facts(a), sync=False)
    del a, source


def new_entry(task: Task) -> dict:
    """A source's manifest entry before it is processed: ``path`` readable, ``path_raw`` the exact
    name when it holds bytes that are not UTF-8 (as surrogate escapes, written ``\\udcff`` in JSON)."""
    entry = {"path": task.shown, "source_id": task.source_id, "sha256": None, "format": None, "encoding": None,
             "status": "ok", "stage": None, "error": None, "message": None, "seconds": None}
    if task.shown != task.rel:
        entry["path_raw"] = task.rel
    return entry


def lang_kwargs(lang: str) -> dict:
    """``{"lang": lang}`` for analyze_source, or nothing for ``auto``."""
    return {} if lang in (None, "auto") else {"lang": lang}


def peak_rss_mb() -> float | None:
    """Peak resident memory of this process so far, in MB."""
    try:
        import resource

        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return round(kb / (1024 * 1024) if sys.platform == "darwin" else kb / 1024, 1)
    except Exception:
        return None


def _sha256(path: str) -> str | None:
    """SHA-256 of a regular file; None for anything else (a FIFO or device is never opened for reading)."""
    return regular_sha256(path)


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
        if not isinstance(entry.get("part_rows"), dict):  # written by a derek that kept its parts otherwise
            return None
        needed += [out / PARTS / task.source_id / f"{n}{PART_SUFFIX}" for n in entry["part_rows"]]
        if not all(x.exists() for x in needed):
            return None
    return entry


def available_cores() -> int:
    """Cores this process may run on (the affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _died(t: Task, e: BaseException) -> dict:
    """The manifest entry of a source whose worker stopped (killed, out of memory)."""
    entry = new_entry(t)
    entry.update(sha256=_sha256(t.path), status="error", stage="run", error=E_WORKER_DIED,
                 message=f"the worker processing this file stopped ({type(e).__name__}); "
                         "it may need more memory than a worker has.")
    return entry


def skipped_entry(t: Task) -> dict:
    """The warning row of a file that is not read (``Task.skip``)."""
    entry = new_entry(t)
    entry.update(status="skipped", stage="discover", error=E_LINK_OUTSIDE, message=t.skip, seconds=0.0)
    return entry


# --- worker processes --------------------------------------------------------------------------


def _worker_init(parent_pid: int, max_memory_mb: int) -> None:
    """Run in every pool worker when it starts: die with the main process, bounded memory, no SIGINT.

    The parent-death signal covers the forkserver (a worker's parent) ending; the watchdog thread
    covers the main process ending (killed with SIGKILL, it cannot stop its workers itself). SIGINT
    is ignored: Ctrl-C reaches the whole process group, and the main process stops the pool.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_parent_death_signal()
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="derek-parent-watchdog", daemon=True).start()
    limit_memory(max_memory_mb)


def set_parent_death_signal(sig: int = signal.SIGKILL) -> bool:
    """Ask Linux to send ``sig`` to this process when its parent ends (prctl PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(1, int(sig), 0, 0, 0) == 0  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return False


def _watch_parent(pid: int) -> None:
    """Block until process ``pid`` ends, then end this process at once (no clean-up: a file being
    written stays under its temporary name, which the next run removes)."""
    wait_for_exit(pid)
    os._exit(75)


def wait_for_exit(pid: int, poll: float = 0.5) -> None:
    """Return when process ``pid`` has ended (a pidfd where Linux has one, else polling)."""
    import select

    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        while True:
            r, _, _ = select.select([fd], [], [])
            if r:
                return
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        except PermissionError:
            pass
        time.sleep(poll)


def limit_memory(max_mb: int) -> None:
    """Cap this process's address space at ``max_mb`` MB (0: no cap): past it, allocations fail with
    MemoryError, which ends only the source that asked for them (an error row, E041)."""
    if not max_mb:
        return
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        want = max_mb * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            want = min(want, hard)
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    except (ImportError, ValueError, OSError):
        pass


# --- engines -----------------------------------------------------------------------------------


def _run_local(tasks: list[Task], out: str, config: RunConfig, workers: int) -> Iterator[dict]:
    if workers <= 1 or len(tasks) <= 1:
        for t in tasks:
            yield process_one(t, out, config)
        return
    yield from _run_pool(tasks, out, config, workers)


def _pool(workers: int, config: RunConfig | None = None):
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("forkserver" if sys.platform != "win32" else "spawn")
    mem = config.max_memory_mb if config is not None else 0
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init,
                               initargs=(os.getpid(), mem))


def _stop_pool(ex, *, now: bool) -> None:
    """Shut a pool down; with ``now`` its workers are killed first (an interrupted run, a broken pool)."""
    procs = list((getattr(ex, "_processes", None) or {}).values()) if now else []
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.kill()
    for proc in procs:  # dead before the caller cleans up what they were writing
        with contextlib.suppress(Exception):
            proc.join(timeout=5)
    ex.shutdown(wait=not now, cancel_futures=True)


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
        ex = _pool(workers, config)
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
        except BaseException:  # interrupted (SIGTERM, SIGINT) or the consumer stopped: no worker outlives this
            _stop_pool(ex, now=True)
            raise
        else:
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
                solo = _pool(1, config)
            try:
                yield solo.submit(fn, t, out, config).result()
            except BrokenProcessPool as e:
                yield _died(t, e)
                solo.shutdown(wait=False, cancel_futures=True)
                solo = None
            except Exception as e:
                yield _died(t, e)
    except BaseException:
        if solo is not None:
            _stop_pool(solo, now=True)
            solo = None
        raise
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


def run(paths: list[str], out_dir: str, *, config: RunConfig = RunConfig(), workers: int | None = None,
        engine: str = "local", scheduler: str | None = None, resume: bool = False, progress: bool | None = None,
        force: bool = False, follow_links: bool = False) -> RunResult:
    """Process every source under ``paths`` into ``out_dir``; see CONTRACT.md.

    Raises :class:`OutputRefused` (a usage error) when ``out_dir`` is a file, or a non-empty folder
    derek did not create and ``force`` is not given; :class:`OutputBusy` when another run holds it;
    :class:`Interrupted` when SIGTERM or SIGINT stops the run (sources finished by then are kept).
    """
    out = Path(out_dir)
    ours = prepare_out(out, force=force)
    lock = _lock(out)  # held until this process ends (a killed run releases it too)
    try:
        with stop_on_signals():
            try:
                return _run(paths, out, config=config, workers=workers, engine=engine, scheduler=scheduler,
                            resume=resume, progress=progress, follow_links=follow_links, clean=ours)
            except Interrupted:
                if ours:  # the pool is stopped by now: what its workers were writing is half-written
                    clean_stale(out)
                raise
    finally:
        if lock is not None:
            lock.close()


class Interrupted(BaseException):
    """SIGTERM or SIGINT reached the main process; ``signum`` says which."""

    def __init__(self, signum: int):
        super().__init__(f"stopped by signal {signum}")
        self.signum = signum


@contextlib.contextmanager
def stop_on_signals():
    """Turn SIGTERM (``kill PID``, ``timeout``) and SIGINT (Ctrl-C) into :class:`Interrupted` in the
    main thread, so that the pool is stopped by the code that owns it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Interrupted(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, h in previous.items():
            signal.signal(sig, h)


def _run(paths: list[str], out: Path, *, config: RunConfig, workers: int | None, engine: str,
         scheduler: str | None, resume: bool, progress: bool | None, follow_links: bool = False,
         clean: bool = True) -> RunResult:
    if clean:
        clean_stale(out)
    started = datetime.now(timezone.utc).isoformat()
    tasks = list(discover(paths, follow_links=follow_links, exclude=[out]))
    workers = max(1, workers or available_cores())
    # worker processes (pool, LocalCluster) inherit this: one BLAS thread each
    for k in THREAD_ENV:
        os.environ.setdefault(k, "1")
    result = RunResult()
    todo = []
    for t in tasks:
        if t.skip:
            result.entries.append(skipped_entry(t))
            continue
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

        n = min(workers, len(todo))
        bar = tqdm(total=len(todo), unit="src", file=sys.stderr)
        # the first source waits for the language models to load in every worker (10-30 s)
        bar.set_description_str(f"loading models ({n} worker{'s' if n > 1 else ''})")
    engine_iter = (_run_dask(todo, str(out), config, workers, scheduler) if engine == "dask"
                   else _run_local(todo, str(out), config, workers))
    try:
        for entry in engine_iter:
            result.entries.append(entry)
            if bar:
                if bar.n == 0:
                    bar.set_description_str("sources")
                bar.update(1)
    finally:
        if bar:
            bar.close()
        close = getattr(engine_iter, "close", None)
        if close:
            close()  # an interrupted run stops its pool here
    order = {t.source_id: i for i, t in enumerate(tasks)}
    unique: dict[str, dict] = {}
    for e in result.entries:  # one entry per source, whatever happened
        unique[e["source_id"]] = e
    result.entries = sorted(unique.values(), key=lambda e: order.get(e["source_id"], 1 << 30))
    build_tables(out, result.entries)
    link_output(out)  # one entity id per organisation / act across sources and languages
    from pipeline import export

    if hasattr(export, "write_facts_jsonl"):
        export.write_facts_jsonl(out)
    manifest = {"derek_version": __version__, "config": {**asdict(config), "digest": config.digest(),
                                                           "engine": engine, "workers": workers},
                "started": started, "finished": datetime.now(timezone.utc).isoformat(),
                "folder_made_by_derek": clean,  # False: written into with --force (see prepare_out)
                "sources": [{k: v for k, v in e.items() if k not in MANIFEST_DROP} for e in result.entries]}
    write_manifest(out / "manifest.json", manifest)
    return result


