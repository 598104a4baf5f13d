"""Experiment: an ensemble of Kazakh organisation CRFs by averaged marginals.

Each DIR holds the 5 fold models of one ``bench/train_kk_org.py --cv 5 --out DIR`` run
(same data, same contiguous folds, each run with its own feature set). For every test
sentence of fold k the marginals P(label | position) of the fold-k models (forward-backward
over each model's own weights) are averaged, and the IOB2-valid label sequence with the
highest sum of log averaged marginals is chosen (posterior decoding). With a single DIR
this is posterior decoding of one model, to compare with its Viterbi figure.

    python bench/train_kk_org.py --cv 5 --out /tmp/kk/base
    python bench/train_kk_org.py --cv 5 --conj-features --out /tmp/kk/conj
    python bench/train_kk_org.py --cv 5 --dict-features t,h,u --out /tmp/kk/dict
    python bench/kk_org_ensemble.py /tmp/kk/base /tmp/kk/conj /tmp/kk/dict

Prints exact-span micro P/R/F1 for ORGANISATION, LAW and PROJECT (see models/kk_org.md).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pipeline.extract import kk_ner  # noqa: E402
import train_kk_org as T  # noqa: E402

TYPES = ("ORGANISATION", "LAW", "PROJECT")


def marginals(emit: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """P(label at i | sentence) of a linear-chain CRF, by forward-backward in log space."""
    from scipy.special import logsumexp
    n, L = emit.shape
    a, b = np.zeros((n, L)), np.zeros((n, L))
    a[0] = emit[0]
    for i in range(1, n):
        a[i] = logsumexp(a[i - 1][:, None] + trans, axis=0) + emit[i]
    for i in range(n - 2, -1, -1):
        b[i] = logsumexp(trans + (emit[i + 1] + b[i + 1])[None, :], axis=1)
    return np.exp(a + b - logsumexp(a[-1]))


def posterior_decode(P: np.ndarray, labels: list[str]) -> list[str]:
    """The IOB2-valid sequence (``I-X`` only after ``B-X`` / ``I-X``) maximising the sum of
    log marginals."""
    allowed = np.array([[not y.startswith("I-") or x[2:] == y[2:] for y in labels]
                        for x in labels])
    start = np.array([0.0 if not y.startswith("I-") else -1e9 for y in labels])
    best = kk_ner.viterbi(np.log(P + 1e-12), np.where(allowed, 0.0, -1e9), start)
    return [labels[k] for k in best]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--data", type=Path, default=T.DATA)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    if not args.data.exists():
        print("skip: data absent", args.data)
        return 0
    sents = T.read_iob(args.data)
    n, K = len(sents), args.folds
    tot = {t: [0, 0, 0] for t in TYPES}
    for k in range(K):
        lo, hi = k * n // K, (k + 1) * n // K
        taggers = [kk_ner.load_tagger(str(d / f"fold{k}")) for d in args.dirs]
        labels = sorted(set().union(*[t.labels for t in taggers]))
        col = {lab: i for i, lab in enumerate(labels)}
        test = sents[lo:hi]
        pred = []
        for words, _ in test:
            P = np.zeros((len(words), len(labels)))
            for tg in taggers:
                m = marginals(tg.emissions(tg.features(words)), tg.trans)
                for j, lab in enumerate(tg.labels):
                    P[:, col[lab]] += m[:, j] / len(taggers)
            pred.append(posterior_decode(P, labels))
        gold = [t for _, t in test]
        for t in TYPES:
            tp, n_pred, n_gold, _ = T.prf(gold, pred, t)
            tot[t][0] += tp
            tot[t][1] += n_pred
            tot[t][2] += n_gold
    for t, (tp, n_pred, n_gold) in tot.items():
        P, R = tp / max(n_pred, 1), tp / max(n_gold, 1)
        F = 2 * P * R / (P + R) if P + R else 0.0
        print(f"{t:13s} micro P={P:.3f} R={R:.3f} F1={F:.3f} (gold {n_gold}); "
              f"{len(args.dirs)} model(s) per fold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
