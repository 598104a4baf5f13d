"""Throughput of `derek run`: words/s, sources/s, peak memory per worker; derek against natasha.

Two measurements, in one run of this script, on corpora generated from the repo's own
sample (bench/generate_corpus.py), so it works on a fresh clone:

1. **Russian, derek against natasha.** The same Russian articles go through derek's
   full pipeline (every extractor on, outputs written: ``process_one``, what ``derek
   run`` does per source) and through natasha's Russian pipeline (Segmenter,
   NewsMorphTagger, NewsNERTagger, MorphVocab lemmas). Each runs in its own fresh
   process, models loaded and warmed before the clock starts (load time reported
   apart). natasha is run twice: as installed (its BLAS may start a thread pool) and
   with one BLAS thread (what derek's workers use), so the ratio is read against both.
2. **Scaling.** ``derek run`` over a mixed kk/ru corpus with ``--workers 1`` and
   ``--workers 2``: wall time, words/s, sources/s, the speed-up, and the peak resident
   memory of every worker process (``getrusage`` in the worker, stored in its
   ``_entry.json``; cross-checked by polling the process tree with psutil).

Speeds are only comparable within one run of this script: the machine may be shared,
so the load average is printed with every figure.

    python bench/throughput.py                          # defaults: 30 ru articles, 200 mixed
    python bench/throughput.py --ru-articles 40 --articles 1000 --words 3000
    python bench/throughput.py --skip-scaling           # the natasha comparison only
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate_corpus import count_words, generate  # noqa: E402

# --- the two Russian pipelines, each run in a child process ------------------------------------

_DEREK = r"""
import json, resource, sys, time, tempfile
from pathlib import Path
t0 = time.perf_counter()
from pipeline.run import RunConfig, discover, process_one, limit_threads
limit_threads()
from pipeline import process
process("Закон Республики Казахстан «О медиации» принят в 2011 году. Согласно данным, 45% граждан поддерживают реформу.")
load = time.perf_counter() - t0
tasks = list(discover([sys.argv[1]]))
out = tempfile.mkdtemp(prefix="derek-bench-")
t, c = time.perf_counter(), time.process_time()
for task in tasks:
    e = process_one(task, out, RunConfig())
    assert e["status"] == "ok", e
secs, cpu = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"load": load, "seconds": secs, "cpu": cpu, "sources": len(tasks),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "out": out}))
"""

_NATASHA = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
segmenter, emb = Segmenter(), NewsEmbedding()
morph, ner, vocab = NewsMorphTagger(emb), NewsNERTagger(emb), MorphVocab()

def run(text):
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_morph(morph)
    doc.tag_ner(ner)
    for tok in doc.tokens:
        tok.lemmatize(vocab)
    for span in doc.spans:
        span.normalize(vocab)
    return doc

run("Закон Республики Казахстан «О медиации» принят в 2011 году. Согласно данным, 45% граждан поддерживают реформу.")
load = time.perf_counter() - t0
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
t, c = time.perf_counter(), time.process_time()
for text in texts:
    run(text)
secs, cpu = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"load": load, "seconds": secs, "cpu": cpu, "sources": len(texts),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _child(code: str, corpus: Path, env: dict | None = None) -> dict:
    r = subprocess.run([sys.executable, "-c", code, str(corpus)], cwd=ROOT, capture_output=True, text=True,
                       env=env, timeout=24 * 3600)
    if r.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def _load() -> str:
    try:
        return "load avg %.1f %.1f %.1f" % os.getloadavg()
    except OSError:
        return "load avg n/a"


def russian_comparison(corpus: Path, words: int, natasha: bool = True) -> dict:
    env1 = {**os.environ, **{k: "1" for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}}
    env0 = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    res = {}
    print(f"\n== Russian: {words} words in {len(list(corpus.glob('*.txt')))} articles ({_load()})")
    runs = [("derek (full pipeline, outputs written)", _DEREK, env0)]
    if natasha:
        runs += [("natasha, 1 BLAS thread", _NATASHA, env1), ("natasha, as installed", _NATASHA, env0)]
    for name, code, env in runs:
        r = _child(code, corpus, env)
        if "out" in r:
            shutil.rmtree(r.pop("out"), ignore_errors=True)
        r["words_per_s"] = words / r["seconds"]
        r["words_per_cpu_s"] = words / r["cpu"]
        res[name] = r
        print(f"  {name:42s} {r['words_per_s']:9.0f} words/s ({r['words_per_cpu_s']:.0f} per CPU s)"
              f"  {r['sources'] / r['seconds']:6.2f} sources/s  "
              f"peak {r['peak_rss_mb']:5.0f} MB  (models {r['load']:.1f} s; {_load()})", flush=True)
    d, dc = res[runs[0][0]]["words_per_s"], res[runs[0][0]]["words_per_cpu_s"]
    for name, r in list(res.items())[1:]:
        print(f"  derek / {name}: {d / r['words_per_s']:.2f}x wall, {dc / r['words_per_cpu_s']:.2f}x CPU time")
    return res


# --- scaling of `derek run` ------------------------------------------------------------------------


def derek_run(corpus: Path, workers: int, extra: list[str] | None = None) -> dict:
    """``derek run`` in a subprocess: wall time, and peak RSS per process of its tree."""
    import psutil

    out = Path(tempfile.mkdtemp(prefix="derek-run-"))
    cmd = [sys.executable, "-m", "pipeline.cli", "run", str(corpus), "-o", str(out), "--workers", str(workers),
           "--quiet", *(extra or [])]
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    polled: dict[int, float] = {}
    root = psutil.Process(p.pid)
    root_cpu = 0.0
    while p.poll() is None:
        try:
            root_cpu = sum(root.cpu_times()[:2])
        except psutil.Error:
            pass
        try:
            for proc in [root] + root.children(recursive=True):
                try:
                    polled[proc.pid] = max(polled.get(proc.pid, 0.0), proc.memory_info().rss / 2**20)
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        time.sleep(0.2)
    wall = time.perf_counter() - t
    err = p.stderr.read()
    if p.returncode not in (0, 1):
        raise SystemExit(f"derek run failed ({p.returncode}):\n{err[-3000:]}")
    marks = list((out / "parts").glob("*/_entry.json"))
    entries = [json.loads(q.read_text(encoding="utf-8")) for q in marks]
    per_worker: dict[int, float] = {}
    worker_cpu: dict[int, float] = {}
    first_seen: dict[int, float] = {}
    for q, e in zip(marks, entries):
        pid = e.get("pid")
        if not pid:
            continue
        if e.get("peak_rss_mb"):
            per_worker[pid] = max(per_worker.get(pid, 0.0), e["peak_rss_mb"])
        if e.get("cpu_s") is not None:
            worker_cpu[pid] = max(worker_cpu.get(pid, 0.0), e["cpu_s"])
        first_seen[pid] = min(first_seen.get(pid, float("inf")), q.stat().st_mtime)
    # CPU critical path: what the wall time would be on otherwise idle cores. The parent's own
    # CPU (discovery, table building) counts as serial; each worker's CPU includes its model
    # loading. The pool is replaced every TASKS_PER_CHILD sources per worker: its generations
    # run one after the other, each as long as its busiest worker. With one worker the parent
    # is the worker.
    if workers == 1 or not worker_cpu:
        critical = max(root_cpu, max(worker_cpu.values(), default=0.0))
    else:
        pids = sorted(worker_cpu, key=lambda p: first_seen.get(p, 0.0))
        generations = [pids[i:i + workers] for i in range(0, len(pids), workers)]
        critical = root_cpu + sum(max(worker_cpu[p] for p in g) for g in generations)
    errors = sum(e["status"] != "ok" for e in entries)
    shutil.rmtree(out, ignore_errors=True)
    return {"wall": wall, "sources": len(entries), "errors": errors, "worker_peak_mb": per_worker,
            "critical_cpu": critical, "worker_cpu": worker_cpu, "parent_cpu": root_cpu,
            "polled_peak_mb": max((v for k, v in polled.items() if k in per_worker), default=None)}


def scaling(corpus: Path, words: int, workers: list[int], extra: list[str] | None = None) -> list:
    """``derek run`` once per entry of ``workers`` (``1,2,1,2`` alternates, to see the load's effect)."""
    n = len(list(corpus.glob("*.txt")))
    print(f"\n== derek run over {n} mixed kk/ru articles, {words} words ({_load()})")
    res = []
    for w in workers:
        r = derek_run(corpus, w, extra)
        res.append((w, r))
        peaks = sorted(r["worker_peak_mb"].values())
        print(f"  --workers {w}: {r['wall']:7.1f} s  {words / r['wall']:8.0f} words/s  {r['sources'] / r['wall']:6.2f} sources/s"
              f"  errors {r['errors']}  peak RSS per worker {', '.join(f'{x:.0f}' for x in peaks)} MB"
              f" (polled max {r['polled_peak_mb'] or 0:.0f} MB; {_load()})", flush=True)
        print(f"      CPU: parent {r['parent_cpu']:.1f} s, workers "
              f"{', '.join(f'{x:.1f}' for x in sorted(r['worker_cpu'].values()))} s; critical path {r['critical_cpu']:.1f} s"
              f" = {words / r['critical_cpu']:.0f} words/s on idle cores", flush=True)
    last1 = None
    for w, r in res:  # each run against the latest one-worker run before it
        if w == 1:
            last1 = r
        elif last1 is not None:
            print(f"  speed-up 1 -> {w} workers: {last1['wall'] / r['wall']:.2f}x wall, "
                  f"{last1['critical_cpu'] / r['critical_cpu']:.2f}x CPU critical path")
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ru-articles", type=int, default=30, help="Russian articles for the natasha comparison")
    ap.add_argument("--articles", type=int, default=200, help="mixed kk/ru articles for the scaling run")
    ap.add_argument("--words", type=int, default=3000, help="mean words per article")
    ap.add_argument("--workers", default="1,2", help="worker counts, run in this order (default 1,2; 1,2,1,2 alternates)")
    ap.add_argument("--only", default=None, help="passed to derek run in the scaling runs")
    ap.add_argument("--skip-natasha", action="store_true")
    ap.add_argument("--skip-scaling", action="store_true")
    ap.add_argument("--skip-russian", action="store_true")
    ap.add_argument("--corpus", default=None, help="use this folder for the scaling run instead of generating one")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="derek-bench-corpus-"))
    try:
        if not args.skip_russian:
            ru = tmp / "ru"
            paths = generate(ru, args.ru_articles, langs=("ru",), words=args.words, seed=11, abstracts=False)
            words = sum(count_words(p.read_text(encoding="utf-8")) for p in paths)
            russian_comparison(ru, words, natasha=not args.skip_natasha)
        if not args.skip_scaling:
            if args.corpus:
                mixed = Path(args.corpus)
                paths = sorted(mixed.rglob("*.txt"))
            else:
                mixed = tmp / "mixed"
                paths = generate(mixed, args.articles, langs=("kk", "ru"), words=args.words, seed=12)
            words = sum(count_words(p.read_text(encoding="utf-8")) for p in paths)
            extra = ["--only", args.only] if args.only else None
            scaling(mixed, words, [int(x) for x in args.workers.split(",")], extra)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
