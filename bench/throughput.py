"""Throughput of `derek run` on real text: CPU seconds against natasha, words per CPU second,
1 -> 2 workers, peak memory per worker.

Data (``bench/common.py: data_dir``; ``skip: data absent`` without it):

* **Russian news**: the factRuEval-2016 devset texts and the NEREL dev texts, one file each.
  ``derek run --workers 1`` (every extractor, outputs written) and natasha (Segmenter,
  NewsMorphTagger, NewsNERTagger, MorphVocab lemmas, span normalisation; one BLAS thread)
  each run once over the same files in a fresh process, **model loading included**: the
  figure is the CPU time (user + system) of the whole process tree, read with
  ``getrusage(RUSAGE_CHILDREN)``. derek's speed relative to natasha is natasha's CPU
  seconds over derek's.
* **Mixed kk/ru**: the Russian news above, KazNERD's validation sentences (in files of
  100 sentences, tokens joined by spaces) and the kzlaw acts in both languages (``kaz.md``,
  ``rus.md`` as text): ``derek run`` with ``--workers 1`` and ``--workers 2``: words per CPU
  second, the wall-time speed-up, and the peak RSS of every worker (``_entry.json``).

Words are counted the same way for every tool (``generate_corpus.count_words``). The machine
may be shared: the load average is printed with every figure; CPU seconds are steadier than
wall time. No tune/check halves: nothing here is learned from the texts.

    python bench/throughput.py                      # both measurements
    python bench/throughput.py --skip-scaling       # the natasha comparison only
    python bench/throughput.py --smoke              # a few files (well under a minute)
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT, data_dir  # noqa: E402
from generate_corpus import count_words  # noqa: E402

ONE_THREAD = {k: "1" for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
SMOKE_FILES = 4
KAZNERD_PER_FILE = 100

_NATASHA = r"""
import sys
from pathlib import Path
from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
segmenter, emb = Segmenter(), NewsEmbedding()
morph, ner, vocab = NewsMorphTagger(emb), NewsNERTagger(emb), MorphVocab()
for p in sorted(Path(sys.argv[1]).glob("*.txt")):
    doc = Doc(p.read_text(encoding="utf-8"))
    doc.segment(segmenter)
    doc.tag_morph(morph)
    doc.tag_ner(ner)
    for tok in doc.tokens:
        tok.lemmatize(vocab)
    for span in doc.spans:
        span.normalize(vocab)
"""


# --------------------------------------------------------------------------- corpora

def russian_news(work: Path, *, smoke: bool = False) -> Path | None:
    """factRuEval dev + NEREL dev texts copied into ``work/ru_news``; None when absent."""
    d = data_dir()
    if d is None:
        return None
    fr, ne = d / "factrueval" / "devset", d / "nerel" / "dev"
    if not fr.is_dir() or not ne.is_dir():
        return None
    out = work / "ru_news"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    srcs = [("factru", p) for p in sorted(fr.glob("*.txt"))] + [("nerel", p) for p in sorted(ne.glob("*.txt"))]
    if smoke:
        srcs = srcs[:SMOKE_FILES // 2] + srcs[-SMOKE_FILES // 2:]
    for tag, p in srcs:
        shutil.copyfile(p, out / f"{tag}_{p.name}")
    return out


def kaznerd_texts(path: Path, per_file: int = KAZNERD_PER_FILE) -> list[str]:
    """KazNERD sentences (IOB2: a token and its tag a line, a blank line between sentences),
    tokens joined by spaces, ``per_file`` sentences a text."""
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(" ".join(cur))
                cur = []
            continue
        cur.append(line.rsplit(" ", 1)[0])
    if cur:
        sents.append(" ".join(cur))
    return [" ".join(sents[i:i + per_file]) for i in range(0, len(sents), per_file)]


def mixed_corpus(work: Path, *, smoke: bool = False) -> Path | None:
    """Russian news + KazNERD valid + kzlaw acts (kk and ru) in ``work/mixed``; None when absent."""
    d = data_dir()
    ru = russian_news(work, smoke=smoke)
    if d is None or ru is None or not (d / "kaznerd" / "IOB2_valid.txt").exists() or not (d / "kzlaw").is_dir():
        return None
    out = work / "mixed"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for p in ru.glob("*.txt"):
        shutil.copyfile(p, out / p.name)
    kz = kaznerd_texts(d / "kaznerd" / "IOB2_valid.txt")
    acts = sorted(x for x in (d / "kzlaw").iterdir() if x.is_dir())
    if smoke:
        kz, acts = kz[:SMOKE_FILES // 2], acts[:1]
    for i, t in enumerate(kz):
        (out / f"kaznerd_{i:03d}.txt").write_text(t, encoding="utf-8")
    for a in acts:
        for name in ("kaz.md", "rus.md"):
            if (a / name).exists():
                shutil.copyfile(a / name, out / f"kzlaw_{a.name[:2]}_{name[:3]}.txt")
    return out


def words_in(folder: Path) -> int:
    return sum(count_words(p.read_text(encoding="utf-8")) for p in folder.glob("*.txt"))


# --------------------------------------------------------------------------- measuring

def _load() -> str:
    try:
        return "load avg %.1f %.1f %.1f" % os.getloadavg()
    except OSError:
        return "load avg n/a"


def _cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def natasha_run(corpus: Path) -> dict:
    """natasha over ``corpus`` in a fresh process with one BLAS thread: CPU and wall seconds."""
    c, t = _cpu_children(), time.perf_counter()
    subprocess.run([sys.executable, "-c", _NATASHA, str(corpus)], cwd=ROOT, check=True,
                   env={**os.environ, **ONE_THREAD})
    return {"cpu": _cpu_children() - c, "wall": time.perf_counter() - t}


def derek_run(corpus: Path, workers: int) -> dict:
    """``derek run`` over ``corpus`` in a fresh process: CPU of the whole process tree (model
    loading included), wall seconds, sources, errors, peak RSS per worker (MB)."""
    out = Path(tempfile.mkdtemp(prefix="derek-throughput-"))
    cmd = [sys.executable, "-m", "pipeline.cli", "run", str(corpus), "-o", str(out), "--workers", str(workers),
           "--quiet"]
    c, t = _cpu_children(), time.perf_counter()
    p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    cpu, wall = _cpu_children() - c, time.perf_counter() - t
    if p.returncode not in (0, 1):
        raise SystemExit(f"derek run failed ({p.returncode}):\n{p.stderr[-3000:]}")
    entries = [json.loads(q.read_text(encoding="utf-8")) for q in (out / "parts").glob("*/_entry.json")]
    peaks: dict[int, float] = {}
    for e in entries:
        if e.get("pid") and e.get("peak_rss_mb"):
            peaks[e["pid"]] = max(peaks.get(e["pid"], 0.0), e["peak_rss_mb"])
    shutil.rmtree(out, ignore_errors=True)
    return {"cpu": cpu, "wall": wall, "sources": len(entries), "errors": sum(e.get("status") != "ok" for e in entries),
            "peak_rss_mb": max(peaks.values(), default=None), "workers_seen": len(peaks)}


def russian_comparison(work: Path, *, smoke: bool = False) -> dict | None:
    corpus = russian_news(work, smoke=smoke)
    if corpus is None:
        return None
    words = words_in(corpus)
    n = len(list(corpus.glob("*.txt")))
    print(f"== Russian news: {words} words in {n} files ({_load()})", flush=True)
    d = derek_run(corpus, 1)
    print(f"  derek run --workers 1   {d['cpu']:7.1f} CPU s {d['wall']:7.1f} s wall  {words / d['cpu']:7.0f} words/CPU s"
          f"  errors {d['errors']}  peak {d['peak_rss_mb'] or 0:.0f} MB  ({_load()})", flush=True)
    nt = natasha_run(corpus)
    print(f"  natasha, 1 BLAS thread  {nt['cpu']:7.1f} CPU s {nt['wall']:7.1f} s wall  {words / nt['cpu']:7.0f} words/CPU s"
          f"  ({_load()})", flush=True)
    ratio = nt["cpu"] / d["cpu"]
    print(f"  derek / natasha speed (natasha CPU s / derek CPU s): {ratio:.2f}x", flush=True)
    return {"words": words, "files": n, "derek": d, "natasha": nt, "ratio": ratio}


def scaling(work: Path, *, smoke: bool = False) -> dict | None:
    corpus = mixed_corpus(work, smoke=smoke)
    if corpus is None:
        return None
    words = words_in(corpus)
    n = len(list(corpus.glob("*.txt")))
    print(f"== Mixed kk/ru: {words} words in {n} files ({_load()})", flush=True)
    res = {}
    for w in (1, 2):
        r = derek_run(corpus, w)
        res[w] = r
        # with a pool the workers are the children of a fork server, whose CPU time does not
        # reach this process: CPU seconds are read with one worker only
        cpu = f"{r['cpu']:7.1f} CPU s" if w == 1 else " " * 13
        per_cpu = f"{words / r['cpu']:7.0f} words/CPU s" if w == 1 else " " * 19
        print(f"  derek run --workers {w}   {cpu} {r['wall']:7.1f} s wall  "
              f"{per_cpu}  {words / r['wall']:7.0f} words/s  errors {r['errors']}  "
              f"peak RSS per worker {r['peak_rss_mb'] or 0:.0f} MB ({r['workers_seen']} workers; {_load()})", flush=True)
    speedup = res[1]["wall"] / res[2]["wall"]
    print(f"  speed-up 1 -> 2 workers: {speedup:.2f}x wall", flush=True)
    return {"words": words, "files": n, "runs": res, "speedup": speedup}


def figures(ru: dict | None, mixed: dict | None) -> list[dict]:
    """The figures in the form of ``bench/evaluate_product.py`` (no halves: nothing is learned here)."""
    cmd = "python bench/throughput.py"
    out = []
    if ru is not None:
        out.append({"figure": "Russian news (factRuEval dev + NEREL dev), derek run --workers 1 speed relative to "
                              "natasha, CPU s incl. loading (no halves: a speed)",
                    "tune": round(ru["ratio"], 3), "check": None, "n_tune": ru["words"], "n_check": None,
                    "target": ">= 1.2", "command": cmd})
    if mixed is not None:
        r1, r2 = mixed["runs"][1], mixed["runs"][2]
        out += [
            {"figure": "Mixed kk/ru real text, derek run --workers 1 words per CPU second (no halves: a speed)",
             "tune": round(mixed["words"] / r1["cpu"]), "check": None, "n_tune": mixed["words"], "n_check": None,
             "target": ">= 12000", "command": cmd},
            {"figure": "Mixed kk/ru real text, speed-up 1 -> 2 workers, wall (no halves: a speed)",
             "tune": round(mixed["speedup"], 2), "check": None, "n_tune": mixed["words"], "n_check": None,
             "target": ">= 1.8", "command": cmd},
            {"figure": "Mixed kk/ru real text, peak RSS per worker MB, 2 workers (no halves: a size)",
             "tune": round(r2["peak_rss_mb"] or 0), "check": None, "n_tune": mixed["words"], "n_check": None,
             "target": "<= 600", "command": cmd},
        ]
    return out


def evaluate(work: Path, *, smoke: bool = False, russian: bool = True, mixed: bool = True) -> list[dict]:
    work.mkdir(parents=True, exist_ok=True)
    return figures(russian_comparison(work, smoke=smoke) if russian else None,
                   scaling(work, smoke=smoke) if mixed else None)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "derek-throughput")
    ap.add_argument("--smoke", action="store_true", help=f"{SMOKE_FILES} files of each kind")
    ap.add_argument("--skip-scaling", action="store_true")
    ap.add_argument("--skip-russian", action="store_true")
    args = ap.parse_args(argv)
    if data_dir() is None:
        print("skip: data absent (factrueval, nerel, kaznerd, kzlaw not found under $DEREK_DATA or ../shared/data)")
        return 0
    figs = evaluate(args.work, smoke=args.smoke, russian=not args.skip_russian, mixed=not args.skip_scaling)
    if not figs:
        print("skip: data absent (factrueval, nerel, kaznerd, kzlaw not found under $DEREK_DATA or ../shared/data)")
        return 0
    print()
    for f in figs:
        print(f"{f['figure'][:100]:100s} {f['tune']!s:>8s}  target {f['target']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
