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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
