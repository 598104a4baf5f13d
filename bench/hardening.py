"""Hardening figures of `derek run` (bench/FUZZING.md, "Hardening"): measured on the real command line.

    python bench/hardening.py [--tries 10] [--work DIR]

- the huge-page PDF (one page of 100 000 lines, tests/badinput/make_badinput.py): peak RSS of the
  whole process tree and seconds until the run ends, and the row it gets;
- a FIFO and a link to /dev/zero named *.txt: seconds from the start of the run to their error rows
  (the ``seconds`` of their manifest entries) and to the end of the run;
- a 3 M-character source beside a small one with ``--max-memory-mb 1024``: their rows and the peak
  RSS of the process tree (``--only memory``);
- processes of the run still alive 5 s after the main process is sent SIGKILL or SIGTERM, in
  ``--tries`` runs each (the run is killed once its first source is complete).

No third-party data is needed; everything is generated.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "badinput"))

import make_badinput as mb  # noqa: E402

from bench.generate_corpus import generate  # noqa: E402


def derek(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


def children_cpu() -> float:
    """CPU seconds (user + system) of the children this process has waited for so far."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def tree_peak_rss(p: subprocess.Popen, every: float = 0.05) -> tuple[int, float]:
    """Wait for ``p``; return the peak summed RSS of it and its descendants (bytes) and its seconds."""
    import psutil

    t0 = time.perf_counter()
    peak = 0
    root = psutil.Process(p.pid)
    while p.poll() is None:
        total = 0
        try:
            for q in [root, *root.children(recursive=True)]:
                try:
                    total += q.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        peak = max(peak, total)
        time.sleep(every)
    p.communicate()
    return peak, time.perf_counter() - t0


def huge_page(work: Path) -> dict:
    src = work / "huge"
    for d in (src, work / "huge_out"):
        shutil.rmtree(d, ignore_errors=True)
    src.mkdir(parents=True)
    (src / "huge_page.pdf").write_bytes(mb.huge_page_pdf())
    out = work / "huge_out"
    cpu0 = children_cpu()
    p = derek("run", str(src), "-o", str(out), "--workers", "1", "--quiet")
    peak, seconds = tree_peak_rss(p)
    (e,) = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["sources"]
    return {"case": "huge-page PDF (100 000 lines, one page)", "size_kb": round(len(mb.huge_page_pdf()) / 1024),
            "peak_rss_mb": round(peak / 2**20), "source_seconds": e["seconds"], "run_seconds": round(seconds, 1),
            "run_cpu_seconds": round(children_cpu() - cpu0, 1), "row": e["error"], "exit": p.returncode}


def special_files(work: Path) -> list[dict]:
    src = work / "special"
    for d in (src, work / "special_out"):
        shutil.rmtree(d, ignore_errors=True)
    src.mkdir(parents=True)
    os.mkfifo(src / "fifo.txt")
    os.symlink("/dev/zero", src / "zero.txt")
    out = work / "special_out"
    t0 = time.perf_counter()
    cpu0 = children_cpu()
    p = derek("run", str(src), "-o", str(out), "--workers", "1", "--quiet")
    try:
        p.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        p.kill()
        return [{"case": "FIFO and /dev/zero link", "row": "none: the run hung (killed after 120 s)"}]
    run_s = time.perf_counter() - t0
    cpu = children_cpu() - cpu0
    rows = []
    for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["sources"]:
        rows.append({"case": e["path"], "row": e["error"], "source_seconds": e["seconds"],
                     "run_seconds": round(run_s, 1), "run_cpu_seconds": round(cpu, 1)})
    return rows


def memory_cap(work: Path) -> dict:
    """A 3 M-character source and a small one, 2 workers of 1 024 MB: the big one's row and the small one's."""
    src = work / "memory"
    for d in (src, work / "memory_out"):
        shutil.rmtree(d, ignore_errors=True)
    src.mkdir(parents=True)
    sample = (ROOT / "corpus" / "000_c56d3abc32b6f588.txt").read_text(encoding="utf-8")
    (src / "big.txt").write_text((sample + "\n\n") * (3_000_000 // len(sample)), encoding="utf-8")
    (src / "small.txt").write_text(sample, encoding="utf-8")
    out = work / "memory_out"
    p = derek("run", str(src), "-o", str(out), "--workers", "2", "--max-memory-mb", "1024", "--only", "legal_acts",
              "--quiet")
    peak, seconds = tree_peak_rss(p)
    rows = {e["path"]: e["error"] or e["status"]
            for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["sources"]}
    return {"case": "3 M characters, --max-memory-mb 1024", "rows": rows, "peak_rss_mb": round(peak / 2**20),
            "run_seconds": round(seconds, 1), "exit": p.returncode}


def kill_once(sig: int, corpus: Path, out: Path) -> tuple[int, int]:
    """Start a 2-worker run, send ``sig`` to its main process once a source is complete; return
    (processes of the run alive 5 s later, processes the run had)."""
    import psutil

    p = derek("run", str(corpus), "-o", str(out), "--workers", "2", "--only", "legal_acts", "--quiet")
    root = psutil.Process(p.pid)
    seen: dict[int, psutil.Process] = {}
    deadline = time.monotonic() + 300
    while p.poll() is None and time.monotonic() < deadline:
        for q in root.children(recursive=True):
            seen.setdefault(q.pid, q)
        if list(out.glob("parts/*/_entry.json")):
            break
        time.sleep(0.05)
    for q in root.children(recursive=True):
        seen.setdefault(q.pid, q)
    if p.poll() is not None:
        return -1, len(seen)
    os.kill(p.pid, sig)
    p.communicate()
    time.sleep(5)
    alive = [q for q in seen.values() if q.is_running() and q.status() != psutil.STATUS_ZOMBIE]
    for q in alive:  # leave nothing behind for the next try
        try:
            q.kill()
        except psutil.Error:
            pass
    return len(alive), len(seen)


def kills(work: Path, tries: int) -> list[dict]:
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    for old in work.glob("kill_*"):
        shutil.rmtree(old, ignore_errors=True)
    generate(corpus, 16, langs=("kk", "ru"), words=400, seed=3)
    rows = []
    for sig in (signal.SIGKILL, signal.SIGTERM):
        left = []
        for i in range(tries):
            n, had = kill_once(sig, corpus, work / f"kill_{sig.name}_{i}")
            left.append(n)
        rows.append({"case": f"{sig.name} of the main process", "tries": tries,
                     "processes_left_after_5s": left, "total_left": sum(x for x in left if x > 0)})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tries", type=int, default=10)
    ap.add_argument("--work", default=None, help="scratch folder (default: a temporary one)")
    ap.add_argument("--only", choices=["huge", "special", "memory", "kill"], default=None)
    args = ap.parse_args(argv)
    try:
        import psutil  # noqa: F401
    except ImportError:
        print("skip: psutil absent (pip install psutil)")
        return 0
    with tempfile.TemporaryDirectory(prefix="derek-hardening-") as tmp:
        work = Path(args.work or tmp)
        work.mkdir(parents=True, exist_ok=True)
        rows = []
        if args.only in (None, "huge"):
            rows.append(huge_page(work))
        if args.only in (None, "special"):
            rows += special_files(work)
        if args.only in (None, "memory"):
            rows.append(memory_cap(work))
        if args.only in (None, "kill"):
            rows += kills(work, args.tries)
    for r in rows:
        print(json.dumps(r, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
