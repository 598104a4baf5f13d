"""Train the recommendation classifier and write ``models/rec_classifier.json``.

    .venv/bin/python bench/train_recommendations.py [--no-rurebus] [--out models/rec_classifier.json]

Data:
- ``bench/data/recommendations/train.csv`` (sentences written and labelled by
  derek's authors, CC0); ``eval.csv`` is never read here;
- RuREBus (``/work/shared/data/rurebus``, internal use only, never copied into
  the repo) when present: Russian sentences of regional programmes that carry a
  cue, weakly labelled — 1 when a GOL/TSK relation (a goal or task) lies inside
  the sentence, else 0 — and down-weighted; the weight (0 = not used) is chosen
  by cross-validation with C and the threshold.

Only sentences with a live cue are training examples: the classifier scores cue
candidates, nothing else. Features: ``pipeline.extract.recommendations.features``
(lemma uni/bigrams from ``pipeline.morph.analyze``, word endings, cue context).
Model: scikit-learn LogisticRegression on binary features; C and the threshold
are chosen by 5-fold cross-validation on the written training sentences (RuREBus
only ever adds to the training folds). The model is stored as JSON
(feature → weight), read without scikit-learn at run time.
"""
from __future__ import annotations

import argparse
import csv
import datetime
import glob
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract import recommendations as R  # noqa: E402

TRAIN = ROOT / "bench/data/recommendations/train.csv"
RUREBUS = Path("/work/shared/data/rurebus")


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return [dict(r, label=int(r["label"])) for r in csv.DictReader(f)]


def candidates(text: str, lang: str) -> list[list[str]]:
    """Feature lists, one per live cue of the sentence."""
    cues = R.find_cues(text, lang)
    if not cues:
        return []
    spans, words, lemmas, upos = R._analyse_words(text, lang)
    return [R.features(words, lemmas, upos, lang, c, R._cue_token(spans, c)) for c in cues]


def rurebus_examples(limit: int) -> list[dict]:
    """Weakly labelled Russian cue sentences from RuREBus (kept in memory only)."""
    out: list[dict] = []
    for ann in sorted(glob.glob(str(RUREBUS / "*/*.ann"))):
        txt_path = ann[:-4] + ".txt"
        if not os.path.exists(txt_path):
            continue
        with open(txt_path, encoding="utf-8", newline="") as f:
            txt = f.read()
        ents, rels = {}, []
        with open(ann, encoding="utf-8") as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                if p[0].startswith("T") and len(p) >= 2:
                    t = p[1].split()
                    ents[p[0]] = (int(t[1]), int(t[-1]))
                elif p[0].startswith("R") and len(p) >= 2:
                    r, a1, a2 = p[1].split()[:3]
                    rels.append((r, ents.get(a1.split(":")[1]), ents.get(a2.split(":")[1])))
        goal = [(min(x[0], y[0]), max(x[1], y[1])) for r, x, y in rels if r in ("GOL", "TSK") and x and y]
        for m in re.finditer(r"[^\n.!?]+[.!?]?", txt):
            s, e = m.span()
            sent = m.group().strip()
            if len(sent) < 30 or sent.endswith(":") or not R.find_cues(sent, "ru"):
                continue
            label = int(any(s <= a and b <= e for a, b in goal))
            out.append({"lang": "ru", "text": sent, "label": label, "source": "rurebus"})
            if len(out) >= limit:
                return out
    return out


def expand(rows: list[dict], weight: float = 1.0):
    X, y, w, g = [], [], [], []
    for n, r in enumerate(rows):
        for f in candidates(r["text"], r["lang"]):
            X.append({k: 1 for k in f})
            y.append(r["label"])
            w.append(weight)
            g.append(n)
    return X, y, w, g


def fit(X, y, w, C):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    M = vec.fit_transform(X)
    clf = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    clf.fit(M, y, sample_weight=w)
    return vec, clf


def cross_validate(rows, written, extra, C, folds=5):
    """Out-of-fold best-cue score for every written training sentence (features computed once)."""
    X, y, w, g = written
    scores = [0.0] * len(rows)
    for k in range(folds):
        tr = [j for j, gi in enumerate(g) if gi % folds != k]
        te = [j for j, gi in enumerate(g) if gi % folds == k]
        vec, clf = fit([X[j] for j in tr] + extra[0], [y[j] for j in tr] + extra[1], [w[j] for j in tr] + extra[2], C)
        if not te:
            continue
        p = clf.predict_proba(vec.transform([X[j] for j in te]))[:, 1]
        for j, pj in zip(te, p):
            scores[g[j]] = max(scores[g[j]], float(pj))
    return scores


def prf(scores, labels, thr):
    tp = sum(1 for s, l in zip(scores, labels) if s >= thr and l)
    fp = sum(1 for s, l in zip(scores, labels) if s >= thr and not l)
    fn = sum(1 for s, l in zip(scores, labels) if s < thr and l)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "models/rec_classifier.json"))
    ap.add_argument("--no-rurebus", action="store_true")
    ap.add_argument("--rurebus-limit", type=int, default=1500)
    ap.add_argument("--rurebus-weights", default="0,0.1,0.3", help="weights tried by cross-validation")
    args = ap.parse_args(argv)

    rows = read_csv(TRAIN)
    extra_rows = []
    if not args.no_rurebus and RUREBUS.exists():
        extra_rows = rurebus_examples(args.rurebus_limit)
    print(f"train sentences: {len(rows)} written, {len(extra_rows)} RuREBus")
    base_extra = expand(extra_rows, 1.0)
    labels = [r["label"] for r in rows]
    written = expand(rows)
    rb_weights = [float(x) for x in args.rurebus_weights.split(",")] if extra_rows else [0.0]

    best = None
    for rw in rb_weights:
        extra = (base_extra[0], base_extra[1], [rw] * len(base_extra[2]), base_extra[3]) if rw > 0 else ([], [], [], [])
        for C in (0.3, 1.0, 3.0, 10.0):
            scores = cross_validate(rows, written, extra, C)
            for thr in [x / 100 for x in range(30, 86, 5)]:
                p, r, f = prf(scores, labels, thr)
                print(f"  rurebus_weight={rw} C={C} thr={thr:.2f}: P={p:.3f} R={r:.3f} F1={f:.3f}")
                key = (p >= 0.85 and r >= 0.80, round(f, 4), -rw)
                if best is None or key > best[0]:
                    best = (key, rw, C, thr, p, r, f, extra)
    _, rw, C, thr, p, r, f, extra = best
    print(f"chosen by 5-fold cv on the written sentences: rurebus_weight={rw} C={C} threshold={thr} "
          f"P={p:.3f} R={r:.3f} F1={f:.3f}")

    X, y, w, _ = written
    vec, clf = fit(X + extra[0], y + extra[1], w + extra[2], C)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(c), 5) for n, c in zip(names, clf.coef_[0]) if abs(c) >= 1e-4}
    model = {
        "kind": "logistic regression over binary string features (pipeline.extract.recommendations.features)",
        "trained": datetime.date.today().isoformat(),
        "data": {"written": len(rows), "rurebus": len(extra_rows) if rw > 0 else 0, "rurebus_weight": rw},
        "C": C,
        "cv": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)},
        "threshold": thr,
        "intercept": round(float(clf.intercept_[0]), 5),
        "weights": dict(sorted(weights.items())),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(model, fh, ensure_ascii=False, indent=0, sort_keys=False)
        fh.write("\n")
    print(f"wrote {args.out}: {len(weights)} features")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
