"""Train the Russian candidate reranker (pipeline/morph/ru_rerank.py) on UD CoNLL-U files.

Usage:
  python bench/train_ru_rerank.py --eval-cross [FILES...]   # honest figures: train on one
                                                            # file, measure on the other
  python bench/train_ru_rerank.py --save models/ru_rerank.json [FILES...]  # ship (all files)

FILES default to ../shared/data/ud_ru/*.conllu. Those are also the files the lemma
accuracy bench measures, so a model trained on a file has SEEN it: only the
cross-file figures (train on GSD -> measure on Taiga and vice versa) are honest.
``--save-cross DIR`` also writes the cross models so that the real bench can be
run with them: DEREK_RU_RERANK=DIR/ru_rerank_from_gsd.json bench/lemma_accuracy.py ...

The model is a conditional logit (softmax over a word's candidates), L2-regularised,
fitted with L-BFGS; the regularisation strength is chosen on a 20 % sentence split
of the TRAINING files only. Positives are the candidates whose finished (lemma, UPOS)
equals the gold pair (or, when no candidate has both, the gold lemma). The features
are generic (see ru_rerank.py): no word or lemma identities.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ["DEREK_RU_RERANK"] = "off"  # extract features with the base scorer
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from scipy import sparse  # noqa: E402
from scipy.optimize import minimize  # noqa: E402

from pipeline.conllu import read_conllu  # noqa: E402
from pipeline.morph import ru, ru_choose, ru_rerank  # noqa: E402

TARGET = os.environ.get("RR_TARGET", "lemma")  # or "lemma+upos"
DROP = tuple(x for x in os.environ.get("RR_DROP", "").split(",") if x)  # feature prefixes to ablate
DEFAULT_FILES = sorted((ROOT.parent / "shared" / "data" / "ud_ru").glob("*.conllu"))


def read(path: Path):
    with path.open(encoding="utf-8") as fh:
        return [s.word_rows() for s in read_conllu(fh)]


def extract(sents):
    """Per sentence a list of groups: (feature dicts, positive mask) for words with a choice."""
    tg = ru._tagger()
    words = [[r[1] if r[1].strip() else "_" for r in s] for s in sents]
    probs = tg.probs(words)
    out = []
    ru_choose._TRACE = []
    try:
        for s, w, P in zip(sents, words, probs):
            ctxs = ru._sentence_context(P)
            groups = []
            for i, r in enumerate(s):
                n0 = len(ru_choose._TRACE)
                ru._analyze_word(w, i, P[i], ctxs[i])
                if len(ru_choose._TRACE) == n0 or r[3] == "PUNCT" or r[2] == "_":
                    continue
                _, outs, feats, _ = ru_choose._TRACE[-1]
                if TARGET == "lemma+upos":
                    pos = [o == (r[2], r[3]) for o in outs]
                    if not any(pos):
                        pos = [o[0] == r[2] for o in outs]
                else:
                    pos = [o[0] == r[2] for o in outs]
                if not any(pos) or all(pos):
                    continue
                if DROP:
                    feats = [{k: v for k, v in f.items() if not k.startswith(DROP)} for f in feats]
                groups.append((feats, pos))
            out.append(groups)
    finally:
        ru_choose._TRACE = None
    return out


class Data:
    def __init__(self, groups, vocab):
        rows, cols, vals, y, starts, base = [], [], [], [], [0], []
        n = 0
        for feats, pos in groups:
            for f, p in zip(feats, pos):
                base.append(f.get("_base", 0.0))
                for k, v in f.items():
                    j = vocab.get(k)
                    if j is not None and v:
                        rows.append(n)
                        cols.append(j)
                        vals.append(v)
                y.append(1.0 if p else 0.0)
                n += 1
            starts.append(n)
        self.X = sparse.csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)), dtype=np.float64)
        self.y = np.array(y)
        self.base = np.array(base)
        self.starts = np.array(starts[:-1])
        self.sizes = np.diff(np.array(starts))
        self.gid = np.repeat(np.arange(len(self.sizes)), self.sizes)


def _group_softmax(z, d: Data, mask=None):
    zm = np.maximum.reduceat(z, d.starts)
    e = np.exp(z - zm[d.gid])
    if mask is not None:
        e = e * mask
    tot = np.add.reduceat(e, d.starts)
    return e, tot


def fit(d: Data, l2: float):
    def f(w):
        z = d.X @ w + d.base
        e, tot = _group_softmax(z, d)
        ep, totp = _group_softmax(z, d, d.y)
        loss = -np.sum(np.log(totp + 1e-300) - np.log(tot)) + 0.5 * l2 * w @ w
        g_vec = e / tot[d.gid] - ep / totp[d.gid]
        grad = d.X.T @ g_vec + l2 * w
        return loss, grad

    w0 = np.zeros(d.X.shape[1])
    res = minimize(f, w0, jac=True, method="L-BFGS-B", options={"maxiter": 400})
    return res.x


def group_accuracy(w, d: Data) -> float:
    z = d.X @ w + d.base
    best = np.zeros(len(d.sizes), dtype=bool)
    for g, (s, n) in enumerate(zip(d.starts, d.sizes)):
        best[g] = d.y[s + int(np.argmax(z[s:s + n]))] > 0
    return float(best.mean())


def train(sent_groups, seed=0, log=print):
    """Vocabulary from the training groups, L2 chosen on a 20 % held-out split of them."""
    idx = list(range(len(sent_groups)))
    random.Random(seed).shuffle(idx)
    cut = len(idx) // 5
    dev = [g for k in idx[:cut] for g in sent_groups[k]]
    trn = [g for k in idx[cut:] for g in sent_groups[k]]
    allg = [g for s in sent_groups for g in s]

    def vocab_of(groups):
        cnt = {}
        for feats, _ in groups:
            for f in feats:
                for k in f:
                    if k != "_base":
                        cnt[k] = cnt.get(k, 0) + 1
        return {k: i for i, k in enumerate(sorted(k for k, c in cnt.items() if c >= 2))}

    v = vocab_of(trn)
    dt, dd = Data(trn, v), Data(dev, v)
    best = None
    for l2 in (1.0, 3.0, 10.0, 30.0, 100.0):
        w = fit(dt, l2)
        acc = group_accuracy(w, dd)
        log(f"  l2={l2:<5} held-out choice accuracy {acc:.4f}")
        if best is None or acc > best[0]:
            best = (acc, l2)
    v = vocab_of(allg)
    w = fit(Data(allg, v), best[1])
    weights = {k: round(float(w[i]), 5) for k, i in v.items() if abs(w[i]) > 1e-5}
    return weights, best[1]


def evaluate(sents, weights) -> dict:
    """Lemma / UPOS accuracy of the whole analyser (as bench/lemma_accuracy.py counts them)."""
    ru_choose._reranker.cache_clear()
    saved = ru_choose._reranker
    model = ru_rerank.Reranker(weights, np) if weights is not None else None
    ru_choose._reranker = lambda: model
    try:
        pred = ru.analyze_many([[r[1] for r in s] for s in sents])
    finally:
        ru_choose._reranker = saved
    n = lem = pos = 0
    for s, p in zip(sents, pred):
        for r, (pl, pu) in zip(s, p):
            if r[3] == "PUNCT" or r[2] == "_":
                continue
            n += 1
            lem += r[2] == pl
            pos += r[3] == pu
    return {"words": n, "lemma": round(lem / n, 4), "upos": round(pos / n, 4)}


def short(path: Path) -> str:
    return path.name.split("-")[0].replace("ru_", "")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--eval-cross", action="store_true")
    ap.add_argument("--save-cross", type=Path)
    ap.add_argument("--save", type=Path)
    args = ap.parse_args()
    files = args.files or DEFAULT_FILES
    t0 = time.time()
    data = {f: read(f) for f in files}
    groups = {f: extract(s) for f, s in data.items()}
    print(f"extracted in {time.time() - t0:.0f}s: " + ", ".join(
        f"{short(f)} {sum(len(g) for g in gs)} words with a choice" for f, gs in groups.items()))
    report = {"cross": {}, "baseline": {}}
    for f in files:
        report["baseline"][short(f)] = evaluate(data[f], None)
        print(f"baseline (no reranker)      on {short(f)}: {report['baseline'][short(f)]}")
    if args.eval_cross and len(files) > 1:
        for test in files:
            train_files = [f for f in files if f != test]
            name = "+".join(short(f) for f in train_files)
            print(f"train on {name}:")
            w, l2 = train([g for f in train_files for g in groups[f]])
            r = evaluate(data[test], w)
            report["cross"][short(test)] = {"trained_on": name, "l2": l2, "features": len(w), **r}
            print(f"CROSS  trained on {name:<6} -> {short(test)} (unseen): {r}")
            if args.save_cross:
                args.save_cross.mkdir(parents=True, exist_ok=True)
                (args.save_cross / f"ru_rerank_from_{name}.json").write_text(
                    json.dumps({"trained_on": [f.name for f in train_files], "l2": l2, "weights": w},
                               ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    if args.save:
        print(f"train on all: {', '.join(short(f) for f in files)}")
        w, l2 = train([g for f in files for g in groups[f]])
        report["shipped_seen"] = {short(f): evaluate(data[f], w) for f in files}
        for f in files:
            print(f"ALL-DATA model (SAW this file) on {short(f)}: {report['shipped_seen'][short(f)]}")
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps({
            "about": "derek Russian candidate reranker; see models/ru_lemma.md. Conditional logit "
                     "weights per generic feature (pipeline/morph/ru_rerank.py).",
            "trained_on": [f.name for f in files], "l2": l2, "report": report,
            "weights": w}, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
        print(f"wrote {args.save} ({len(w)} weights)")
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
