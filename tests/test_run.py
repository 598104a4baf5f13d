"""`derek run` at scale: engines, crash safety, --resume (issue: batch at scale).

The corpora are small generated ones (bench/generate_corpus.py, from the repo's own
sample); speed and memory are measured in bench/throughput.py, never asserted here.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.export import TABLES
from pipeline.run import (ENTRY, PARTS, RunConfig, Task, build_tables, clean_stale, completed_entry, discover,
                          process_one, run)
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT))
from bench.generate_corpus import generate  # noqa: E402

ONLY = "legal_acts"  # the stages every source runs (segment, tokens) plus one cheap extractor


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("gen")
    generate(d, 6, langs=("kk", "ru"), words=250, seed=7)
    return d


def _table_rows(out: Path, name: str) -> list[str]:
    """A table's rows as sorted JSON strings: equal lists mean equal tables, row order aside."""
    rows = pq.read_table(out / "tables" / f"{name}.parquet").to_pylist()
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True, default=str) for r in rows)


def _same_tables(a: Path, b: Path) -> None:
    for name in TABLES:
        assert _table_rows(a, name) == _table_rows(b, name), name


def _manifest_ids(out: Path) -> list[str]:
    return [s["source_id"] for s in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["sources"]]


def _tmp_files(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.startswith(".tmp-")]


def _derek(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


@pytest.fixture(scope="module")
def reference_out(small_corpus, tmp_path_factory) -> Path:
    """An uninterrupted local run over the small corpus (one worker)."""
    out = tmp_path_factory.mktemp("ref")
    res = run([str(small_corpus)], str(out), config=RunConfig(extractors=(ONLY,)), workers=1, progress=False)
    assert res.exit_code == 0, [e["message"] for e in res.entries if e["status"] != "ok"]
    return out


def test_run_pool_matches_serial(small_corpus, reference_out, tmp_path, monkeypatch):
    import pipeline.run

    monkeypatch.setattr(pipeline.run, "TASKS_PER_CHILD", 2)  # 6 sources, 2 workers: the pool is replaced once
    out = tmp_path / "out"
    res = run([str(small_corpus)], str(out), config=RunConfig(extractors=(ONLY,)), workers=2, progress=False)
    assert res.exit_code == 0
    _same_tables(reference_out, out)
    assert sorted(_manifest_ids(out)) == sorted(_manifest_ids(reference_out))
    assert len({e["pid"] for e in res.entries}) >= 3  # two pools of two workers


def test_run_dask_local_cluster_matches_local(small_corpus, reference_out, tmp_path):
    pytest.importorskip("dask.distributed")
    out = tmp_path / "out"
    res = run([str(small_corpus)], str(out), config=RunConfig(extractors=(ONLY,)), workers=2, engine="dask",
              progress=False)
    assert res.exit_code == 0, [e["message"] for e in res.entries if e["status"] != "ok"]
    assert {e["pid"] for e in res.entries} - {os.getpid()}  # the work ran in the cluster's worker processes
    _same_tables(reference_out, out)
    ids = _manifest_ids(out)
    assert len(ids) == len(set(ids)) == len(list(discover([small_corpus])))
    assert not _tmp_files(out)


def _start_and_wait_for_a_source(out: Path, corpus: Path, *extra: str):
    """Start a 2-worker run; return it and every process of its tree once a source is complete."""
    psutil = pytest.importorskip("psutil")
    p = _derek("run", str(corpus), "-o", str(out), "--workers", "2", "--only", ONLY, "--quiet", *extra)
    root = psutil.Process(p.pid)
    tree: dict[int, object] = {}
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and p.poll() is None:
        for c in root.children(recursive=True):
            tree.setdefault(c.pid, c)
        if (out / PARTS).is_dir() and list((out / PARTS).glob(f"*/{ENTRY}")):
            break
        time.sleep(0.05)
    for c in root.children(recursive=True):
        tree.setdefault(c.pid, c)
    assert p.poll() is None, "the run ended before it could be killed; make the corpus larger"
    assert len(tree) >= 3  # the forkserver and two workers at least
    return p, list(tree.values())


def _alive(procs) -> list:
    import psutil

    return [q for q in procs if q.is_running() and q.status() != psutil.STATUS_ZOMBIE]


def test_run_killed_then_resumed_matches_uninterrupted(small_corpus, reference_out, tmp_path):
    """SIGKILL of the main process alone (not its group): no process of the run is left 5 s later,
    and --resume then gives the tables of an uninterrupted run."""
    out = tmp_path / "out"
    n = len(list(discover([small_corpus])))
    p, tree = _start_and_wait_for_a_source(out, small_corpus)
    os.kill(p.pid, signal.SIGKILL)
    p.communicate()
    time.sleep(5)
    left = _alive(tree)
    for q in left:
        q.kill()
    assert not left, [q.cmdline() for q in left]
    # the state a kill leaves: no manifest or tables yet, some sources complete, perhaps a half-written file
    assert not (out / "manifest.json").exists()
    finished = {q.parent.name: q.stat().st_mtime_ns for q in (out / PARTS).glob(f"*/{ENTRY}")}
    assert 0 < len(finished) < n
    (out / "text" / ".tmp-stale123").parent.mkdir(parents=True, exist_ok=True)
    (out / "text" / ".tmp-stale123").write_text("half", encoding="utf-8")  # as atomic_path names them

    r = _derek("run", str(small_corpus), "-o", str(out), "--workers", "2", "--only", ONLY, "--resume", "--quiet")
    _, err = r.communicate(timeout=300)
    assert r.returncode == 0, err
    _same_tables(reference_out, out)
    ids = _manifest_ids(out)
    assert len(ids) == len(set(ids)) == n
    assert not _tmp_files(out)
    # sources complete before the kill were not processed again
    for sid, mtime in finished.items():
        assert (out / PARTS / sid / ENTRY).stat().st_mtime_ns == mtime, sid


def test_run_sigterm_stops_the_pool_and_keeps_finished_sources(small_corpus, tmp_path):
    """SIGTERM (``kill PID``, ``timeout``): exit 143 with one line, no process of the run left 5 s later,
    the sources finished before it complete and trusted by --resume, nothing half-written."""
    out = tmp_path / "out"
    p, tree = _start_and_wait_for_a_source(out, small_corpus)
    os.kill(p.pid, signal.SIGTERM)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err and "--resume" in err and len(err.strip().splitlines()) == 1, err
    time.sleep(5)
    left = _alive(tree)
    for q in left:
        q.kill()
    assert not left, [q.cmdline() for q in left]
    assert not (out / "manifest.json").exists()
    assert not _tmp_files(out)
    config = RunConfig(extractors=(ONLY,))
    tasks = {t.source_id: t for t in discover([small_corpus])}
    finished = [q.parent.name for q in (out / PARTS).glob(f"*/{ENTRY}")]
    assert finished
    for sid in finished:
        assert completed_entry(tasks[sid], out, config) is not None, sid


def test_run_survives_a_killed_worker(small_corpus, reference_out, tmp_path):
    """A worker SIGKILLed mid-run (as by the OOM killer) costs nothing: its sources are redone."""
    psutil = pytest.importorskip("psutil")
    out = tmp_path / "out"
    p = _derek("run", str(small_corpus), "-o", str(out), "--workers", "2", "--only", ONLY, "--quiet")
    root = psutil.Process(p.pid)
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and p.poll() is None and time.monotonic() < deadline:
        if list(out.glob(f"{PARTS}/*/{ENTRY}")):
            for c in root.children(recursive=True):  # workers are forked by the forkserver, not by derek
                try:
                    if c.ppid() != p.pid:
                        c.kill()
                        killed = c.pid
                        break
                except psutil.Error:
                    pass
        time.sleep(0.05)
    _, err = p.communicate(timeout=300)
    assert killed is not None, "the run ended before a worker could be killed"
    assert p.returncode == 0, err
    _same_tables(reference_out, out)
    ids = _manifest_ids(out)
    assert len(ids) == len(set(ids)) == len(list(discover([small_corpus])))


def fake_process_one(task: Task, out: str, config: RunConfig) -> dict:
    """Stands in for process_one in pool tests: a source named ``kill*`` kills its worker, every time."""
    if Path(task.rel).name.startswith("kill"):
        os.kill(os.getpid(), signal.SIGKILL)
    return {"source_id": task.source_id, "status": "ok", "pid": os.getpid()}


def test_run_pool_reports_only_the_source_that_kills_its_worker(tmp_path):
    from pipeline.run import _run_pool

    names = [f"s{i:02d}.txt" for i in range(12)]
    names[5] = "kill.txt"
    for n in names:
        (tmp_path / n).write_text("x", encoding="utf-8")
    tasks = list(discover([tmp_path]))
    entries = list(_run_pool(tasks, str(tmp_path / "out"), RunConfig(), 2, fn=fake_process_one))
    by_id = {e["source_id"]: e for e in entries}
    assert len(entries) == len(by_id) == len(tasks)  # every source once
    bad = [e for e in entries if e["status"] != "ok"]
    assert [e["path"] for e in bad] == ["kill.txt"] and bad[0]["stage"] == "run"


def test_run_entry_is_written_last(small_corpus, tmp_path):
    task = next(iter(discover([small_corpus])))
    entry = process_one(task, str(tmp_path), RunConfig(extractors=(ONLY,)))
    assert entry["status"] == "ok"
    marker = (tmp_path / PARTS / task.source_id / ENTRY).stat().st_mtime_ns
    outputs = [tmp_path / "text" / f"{task.source_id}.txt", tmp_path / "facts" / f"{task.source_id}.json",
               *(tmp_path / PARTS / task.source_id).glob("*.arrow")]
    assert {"documents", "sentences", "tokens"} <= set(entry["part_rows"])  # the tables with rows, no other
    assert len(outputs) == 2 + len(entry["part_rows"]) and all(entry["part_rows"].values())
    assert all(o.stat().st_mtime_ns <= marker for o in outputs)


@pytest.mark.parametrize("change", ["none", "input", "config", "missing_output", "no_marker"])
def test_run_resume_trusts_only_complete_unchanged_sources(tmp_path, change):
    src = tmp_path / "in" / "a.txt"
    src.parent.mkdir()
    src.write_text("Закон Республики Казахстан «О медиации» принят в 2011 году.\n", encoding="utf-8")
    out = tmp_path / "out"
    config = RunConfig(extractors=(ONLY,))
    (task,) = discover([src.parent])
    assert process_one(task, str(out), config)["status"] == "ok"
    if change == "input":
        src.write_text("Закон принят в 2012 году.\n", encoding="utf-8")
    elif change == "config":
        config = RunConfig(extractors=("claims",))
    elif change == "missing_output":
        (out / "facts" / f"{task.source_id}.json").unlink()
    elif change == "no_marker":
        (out / PARTS / task.source_id / ENTRY).unlink()
    got = completed_entry(task, out, config)
    assert (got is not None) == (change == "none")


def test_run_clean_stale_removes_only_temporary_files(tmp_path):
    keep = [tmp_path / "text" / "a.txt", tmp_path / PARTS / "a" / "tokens.parquet", tmp_path / "tmp-not-stale.txt",
            # the user's own files: not derek's temporary names, or not where derek writes
            tmp_path / ".tmp-notes.txt", tmp_path / "mine" / ".tmp-abcd1234", tmp_path / "text" / "deep" / ".tmp-abcd1234"]
    stale = [tmp_path / "text" / ".tmp-abc_1234", tmp_path / PARTS / "a" / ".tmp-x9y8z7w6.parquet",
             tmp_path / ".tmp-00000000.json"]
    for p in keep + stale:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")
    assert clean_stale(tmp_path) == len(stale)
    assert all(p.exists() for p in keep) and not any(p.exists() for p in stale)


def test_run_tables_keep_extra_columns_and_error_rows(tmp_path):
    from pipeline.export import write_part

    write_part(tmp_path / PARTS / "a" / "recommendations.arrow",
               [{"source_id": "a", "rec_id": "a:d1:r1", "text": "x", "start": 0, "end": 1, "extra": 1.5}],
               name="recommendations")
    write_part(tmp_path / PARTS / "b" / "recommendations.arrow",
               [{"source_id": "b", "rec_id": "b:d1:r1", "text": "y", "start": 2, "end": 3}], name="recommendations")
    write_part(tmp_path / PARTS / "b" / "tokens.arrow",  # a part of an earlier run its entry does not name
               [{"source_id": "b", "sent_id": "b:s1", "i": 0, "start": 0, "end": 1, "text": "y"}], name="tokens")
    entries = [{"source_id": s, "path": f"{s}.txt", "status": "ok", "stage": None, "error": None, "message": None,
                "part_rows": {"recommendations": 1}} for s in ("a", "b")]
    entries.append({"source_id": "c", "path": "c.pdf", "status": "error", "stage": "ingest", "error": "E101",
                    "message": "not a PDF"})
    build_tables(tmp_path, entries)
    recs = pq.read_table(tmp_path / "tables" / "recommendations.parquet").to_pylist()
    assert [(r["source_id"], r["extra"]) for r in recs] == [("a", 1.5), ("b", None)]
    errs = pq.read_table(tmp_path / "tables" / "errors.parquet").to_pylist()
    assert [(e["source_id"], e["stage"]) for e in errs] == [("c", "ingest")]
    assert pq.read_table(tmp_path / "tables" / "tokens.parquet").num_rows == 0


def test_run_refuses_an_output_folder_in_use(tmp_path):
    from pipeline.run import OutputBusy, _lock

    empty = tmp_path / "in"
    empty.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    held = _lock(out)
    try:
        with pytest.raises(OutputBusy):
            run([str(empty)], str(out), progress=False)
    finally:
        held.close()
    assert run([str(empty)], str(out), progress=False).entries == []  # released: the next run proceeds


def test_run_task_sizes_and_unique_ids(tmp_path):
    for name in ("a b.txt", "a_b.txt", "x/a b.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Текст.", encoding="utf-8")
    tasks = list(discover([tmp_path, tmp_path / "a b.txt"]))
    assert len(tasks) == 3  # a file named twice is one source
    assert len({t.source_id for t in tasks}) == 3
    assert all(isinstance(t, Task) and t.size == len("Текст.".encode()) for t in tasks)


def test_run_source_over_timeout_is_an_error_row(tmp_path):
    """A source that runs past --timeout becomes one error row; the others are written."""
    import json

    from pipeline.run import RunConfig, run

    src = tmp_path / "in"
    src.mkdir()
    (src / "small.txt").write_text("Мәселен, 2014 жылы 90 ұйым болды.\n", encoding="utf-8")
    # a long text: many paragraphs of Russian and Kazakh, far beyond what 1 s allows
    para = ("Государственная информационная политика оказывает комплексное влияние на развитие "
            "государства, общества и отношений в 2018 году около 30 процентов. ")
    (src / "long.txt").write_text((para * 40 + "\n\n") * 150, encoding="utf-8")
    res = run([str(src)], str(tmp_path / "out"), config=RunConfig(timeout=1, extractors=("claims",)), workers=1)
    by = {e["path"]: e for e in res.entries}
    assert by["small.txt"]["status"] == "ok"
    assert by["long.txt"]["status"] == "error" and by["long.txt"]["error"] == "E040"
    assert res.exit_code == 1
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert [s["status"] for s in manifest["sources"]].count("error") == 1


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_deadline_survives_an_alarm_swallowed_by_a_finaliser():
    """An alarm that lands in a __del__ is dropped by Python; the deadline fires again."""
    import time

    from pipeline.run import SourceTimeout, deadline

    class Slow:
        def __del__(self):  # the first alarm lands here and is printed as "Exception ignored"
            t = time.monotonic()
            while time.monotonic() - t < 1.5:
                pass

    reached = False
    with pytest.raises(SourceTimeout):
        with deadline(1):
            Slow()  # dropped at once: __del__ runs past the deadline
            end = time.monotonic() + 5
            while time.monotonic() < end:
                pass
            reached = True
    assert not reached


def test_run_extractor_failure_is_an_error_row_beside_the_facts(tmp_path, monkeypatch):
    """An extractor that raises (Analysis.errors) is one error row; the source and the other stages' facts
    are written, and the run exits 1."""
    from pipeline import analyze

    def broken(a):
        raise RuntimeError("invented failure")

    monkeypatch.setattr(analyze, "STAGES", [(n, broken if n == "legal_acts" else f, r) for n, f, r in analyze.STAGES])
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Закон Республики Казахстан «О медиации» принят в 2011 году, 30 процентов.\n",
                               encoding="utf-8")
    out = tmp_path / "out"
    res = run([str(src)], str(out), config=RunConfig(extractors=("claims", "legal_acts")), workers=1, progress=False)
    (e,) = res.entries
    assert e["status"] == "ok" and e["failed_stages"] == ["legal_acts"]
    assert res.exit_code == 1
    errors = pq.read_table(out / "tables" / "errors.parquet").to_pylist()
    assert [(x["source"], x["stage"], x["error"]) for x in errors] == [("a.txt", "legal_acts", "E210")]
    assert "invented failure" in errors[0]["message"]
    assert pq.read_table(out / "tables" / "numeric_claims.parquet").num_rows > 0


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_run_signals_become_interrupted_and_handlers_are_restored(sig):
    from pipeline.run import Interrupted, stop_on_signals

    before = signal.getsignal(sig)
    with pytest.raises(Interrupted) as ei:
        with stop_on_signals():
            os.kill(os.getpid(), sig)
            time.sleep(5)  # the handler raises before this ends
    assert ei.value.signum == sig
    assert signal.getsignal(sig) is before


def test_run_output_folder_inside_the_input_is_not_read_back(tmp_path):
    """`derek run corpus -o corpus/out` twice: the second run does not take the first one's text/ as sources."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Закон Республики Казахстан «О медиации» принят в 2011 году.\n", encoding="utf-8")
    for _ in range(2):
        res = run([str(src)], str(src / "out"), config=RunConfig(extractors=(ONLY,)), workers=1, progress=False)
        assert [e["path"] for e in res.entries] == ["a.txt"]
