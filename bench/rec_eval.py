"""Precision/recall of the recommendation extractor (cues + classifier) on the held-out set.

    .venv/bin/python bench/rec_eval.py [--data bench/data/recommendations/eval.csv] [--model models/rec_classifier.json] [--errors]

A sentence is predicted positive when one of its cues is live and the classifier
scores it at or above the model's threshold
(``pipeline.extract.recommendations.is_recommendation``), i.e. the same decision
``extract_recommendations`` makes for a sentence outside a proposal list.
Also reports two ablations: cues only (every live cue accepted) and the
classifier without the explicit-author rule.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract import recommendations as R  # noqa: E402


def prf(pairs):
    tp = sum(1 for p, g in pairs if p and g)
    fp = sum(1 for p, g in pairs if p and not g)
    fn = sum(1 for p, g in pairs if not p and g)
    P = tp / (tp + fp) if tp + fp else 0.0
    Rc = tp / (tp + fn) if tp + fn else 0.0
    return P, Rc, (2 * P * Rc / (P + Rc) if P + Rc else 0.0), tp, fp, fn


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT / "bench/data/recommendations/eval.csv"))
    ap.add_argument("--model", default=str(R.MODEL_PATH))
    ap.add_argument("--units", default=str(ROOT / "bench/data/recommendations/units.jsonl"),
                    help="passages with their expected proposal texts (span-level check)")
    ap.add_argument("--errors", action="store_true", help="print the misclassified sentences")
    args = ap.parse_args(argv)

    model = R.load_model(args.model)
    if model is None:
        print(f"no model at {args.model}: run bench/train_recommendations.py")
        return 1
    with open(args.data, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    t0 = time.perf_counter()
    full, cues_only, clf_only = defaultdict(list), defaultdict(list), defaultdict(list)
    errors = []
    for r in rows:
        gold = r["label"] == "1"
        pred, score = R.is_recommendation(r["text"], r["lang"], model=model)
        has_cue = bool(R.find_cues(r["text"], r["lang"]))
        clf_pred, _ = R.is_recommendation(r["text"], r["lang"], model=model, explicit=False)
        for key in (r["lang"], "all"):
            full[key].append((pred, gold))
            cues_only[key].append((has_cue, gold))
            clf_only[key].append((clf_pred, gold))
        if pred != gold:
            errors.append((r["lang"], int(gold), round(score, 3), r["text"]))
    dt = time.perf_counter() - t0
    print(f"data: {args.data} ({len(rows)} sentences), model threshold {model.threshold}, {dt:.1f}s")
    print(f"{'lang':5} {'n':>4} {'pos':>4} | {'P':>6} {'R':>6} {'F1':>6} (tp/fp/fn)   | cues only: {'P':>6} {'R':>6}"
          f" | no explicit rule: {'P':>6} {'R':>6}")
    for key in sorted(full, key=lambda k: (k == "all", k)):
        n = len(full[key])
        pos = sum(g for _, g in full[key])
        P, Rc, F, tp, fp, fn = prf(full[key])
        P0, R0, *_ = prf(cues_only[key])
        P1, R1, *_ = prf(clf_only[key])
        print(f"{key:5} {n:4d} {pos:4d} | {P:6.3f} {Rc:6.3f} {F:6.3f} ({tp}/{fp}/{fn}) | cues only: {P0:6.3f} {R0:6.3f}"
              f" | no explicit rule: {P1:6.3f} {R1:6.3f}")
    if args.errors:
        for e in sorted(errors):
            print(*e, sep="\t")
    if args.units and Path(args.units).exists():
        evaluate_units(Path(args.units), show=args.errors)
    return 0


def _norm(s: str) -> str:
    return " ".join(s.split()).strip(" .;,").lower()


def _overlap(a: str, b: str) -> float:
    x, y = set(_norm(a).split()), set(_norm(b).split())
    return len(x & y) / len(x | y) if x | y else 1.0


def evaluate_units(path: Path, *, show: bool = False) -> None:
    """Span level: run the whole pipeline on short passages; compare proposal texts.

    exact = same text after whitespace/case/end-punctuation normalisation;
    overlap = word-set Jaccard >= 0.5 (right proposal, trimmed differently).
    """
    import json

    from pipeline import process

    stats = defaultdict(lambda: [0, 0, 0, 0, 0])  # gold, predicted, exact, overlap-gold, overlap-pred
    misses = []
    with open(path, encoding="utf-8") as f:
        units = [json.loads(line) for line in f if line.strip()]
    for u in units:
        a = process(u["text"], source_id="unit", stages=("recommendations",))
        pred = [r.text for r in a.recommendations]
        gold = u["proposals"]
        for key in (u["lang"], "all"):
            st = stats[key]
            st[0] += len(gold)
            st[1] += len(pred)
            st[2] += sum(1 for g in gold if any(_norm(g) == _norm(p) for p in pred))
            st[3] += sum(1 for g in gold if any(_overlap(g, p) >= 0.5 for p in pred))
            st[4] += sum(1 for p in pred if any(_overlap(g, p) >= 0.5 for g in gold))
        for g in gold:
            if not any(_norm(g) == _norm(p) for p in pred):
                misses.append((u["lang"], "gold", g, pred))
        for p in pred:
            if not any(_overlap(g, p) >= 0.5 for g in gold):
                misses.append((u["lang"], "extra", p, gold))
    print(f"units: {path} ({len(units)} passages)")
    print(f"{'lang':5} {'gold':>4} {'pred':>4} | exact P {'':>1} exact R | overlap P overlap R")
    for key in sorted(stats, key=lambda k: (k == "all", k)):
        g, p, ex, og, op = stats[key]
        print(f"{key:5} {g:4d} {p:4d} | {ex / p if p else 0:7.3f} {ex / g if g else 0:8.3f} | "
              f"{op / p if p else 0:9.3f} {og / g if g else 0:9.3f}")
    if show:
        for m in misses:
            print(*m, sep="\t")


if __name__ == "__main__":
    raise SystemExit(main())
