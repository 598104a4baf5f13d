"""Lemma and UPOS accuracy of `derek lemmatize` against UD CoNLL-U files.

Usage: python bench/lemma_accuracy.py --lang kk FILE.conllu [FILE ...]
Counts syntactic words (no multiword-token lines, no empty nodes), excluding
punctuation (gold UPOS PUNCT) and words whose gold lemma is `_`. Lemma match is
exact (case-sensitive, ё kept) and also reported case-insensitively.
Runs the real command (`python -m pipeline.cli lemmatize`) in a subprocess.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.conllu import read_conllu  # noqa: E402


def score(gold_path: Path, pred_path: Path) -> dict:
    gold = list(read_conllu(gold_path.open(encoding="utf-8")))
    pred = list(read_conllu(pred_path.open(encoding="utf-8")))
    assert len(gold) == len(pred), "sentence count differs"
    n = lem = lem_ci = pos = 0
    for g, p in zip(gold, pred):
        for gr, pr in zip(g.word_rows(), p.word_rows()):
            if gr[3] == "PUNCT" or gr[2] == "_":
                continue
            n += 1
            lem += gr[2] == pr[2]
            lem_ci += gr[2].lower() == pr[2].lower()
            pos += gr[3] == pr[3]
    return {"words": n, "lemma_acc": lem / n, "lemma_acc_ci": lem_ci / n, "upos_acc": pos / n}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", required=True)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("files", nargs="+", type=Path)
    args = ap.parse_args()
    results = {}
    for f in args.files:
        if not f.exists():
            print(f"skip {f}: not found (the development data lives outside the repo)")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "pred.conllu"
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "pipeline.cli", "lemmatize", "--lang", args.lang,
                            "--input", str(f), "--output", str(out)], check=True, cwd=ROOT,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
            secs = time.perf_counter() - t0
            r = score(f, out)
            r["seconds"] = round(secs, 2)
            results[f.name] = r
            if not args.json:
                print(f"{f.name}: words={r['words']} lemma={r['lemma_acc']:.4f} "
                      f"(case-insens. {r['lemma_acc_ci']:.4f}) upos={r['upos_acc']:.4f} [{secs:.1f}s]")
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
