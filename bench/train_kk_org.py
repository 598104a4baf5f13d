"""Train and measure the Kazakh organisation/law/project CRF (pipeline/extract/kk_ner.py).

Data: KazNERD validation file (Yeshpanov, Khassanov, Varol 2022, LREC; CC BY 4.0),
``/work/shared/data/kaznerd/IOB2_valid.txt`` (or ``--data``). The full KazNERD train split
is not available here, so the model is trained on the validation file:

    python bench/train_kk_org.py --cv 5        # k-fold CV (contiguous folds): exact-span F1
    python bench/train_kk_org.py --final       # train on all of it, write models/kk_org_crf.*

Features: ``kk_ner.sentence_features`` plus where the Kazakh organisation rules
(``organisations.kk_rule_candidates``) put a name (``--no-rule-features`` leaves them out);
``--clusters`` / ``--clusters-infold`` add experimental word-cluster features (not shipped).

Needs python-crfsuite at training time only (``pip install sklearn-crfsuite``); the exported
weights are decoded with numpy at run time.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract import kk_ner  # noqa: E402

DATA = Path("/work/shared/data/kaznerd/IOB2_valid.txt")
KEEP = {"ORGANISATION", "LAW", "PROJECT", "GPE", "LOCATION", "PERSON", "POSITION",
        "FACILITY", "NORP", "EVENT", "ART", "PRODUCT"}
PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 150,
          "feature.possible_transitions": True}


def read_iob(path: Path, keep=KEEP) -> list[tuple[list[str], list[str]]]:
    """Sentences as (words, tags); tags outside ``keep`` (None: keep all) become O."""
    sents, words, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sents.append((words, tags))
                words, tags = [], []
            continue
        w, _, t = line.rpartition(" ")
        if t != "O" and keep is not None and t[2:] not in keep:
            t = "O"
        words.append(w)
        tags.append(t)
    if words:
        sents.append((words, tags))
    return sents


RULE_FEATURES = True
CLUSTERS: dict = {}  # stem -> cluster ids (coarse to fine), see build_clusters


def features(words, gaz, clusters=None):
    """Features of one sentence: kk_ner.sentence_features with the word clusters and (with
    RULE_FEATURES) where the Kazakh organisation rules put a name."""
    rules = kk_ner.rule_features(words) if RULE_FEATURES else None
    return kk_ner.sentence_features(words, gaz, CLUSTERS if clusters is None else clusters, rules)


def build_clusters(sent_words, ks=(32, 128, 512), min_count=2, n_ctx=3000, dim=100,
                   seed=0) -> dict:
    """Unsupervised word clusters of stems from unlabelled text (no tags are read): counts of
    the stems at offsets -2, -1, +1, +2 (each offset its own context block, the 3,000 most
    frequent stems as contexts), positive PMI (context counts smoothed ^0.75), a 100-dim
    truncated SVD (U·sqrt(S), rows L2-normalised), then k-means at ``ks`` granularities.
    Stems seen fewer than ``min_count`` times get no cluster."""
    from collections import Counter

    import numpy as np
    from scipy import sparse
    from sklearn.cluster import KMeans
    from sklearn.utils.extmath import randomized_svd
    toks = [[kk_ner.stem(w) for w in ws] for ws in sent_words]
    cnt = Counter(t for s in toks for t in s)
    vocab = [w for w, c in cnt.most_common() if c >= min_count]
    vi = {w: i for i, w in enumerate(vocab)}
    ci = {w: i for i, (w, _) in enumerate(cnt.most_common(n_ctx))}
    C = len(ci)
    block = {-2: 2 * C, -1: 0, 1: C, 2: 3 * C}
    rows, cols = [], []
    for s in toks:
        for i, w in enumerate(s):
            if w not in vi:
                continue
            for off, b in block.items():
                j = i + off
                if 0 <= j < len(s) and s[j] in ci:
                    rows.append(vi[w])
                    cols.append(ci[s[j]] + b)
    M = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocab), 4 * C)).tocsr()
    M.sum_duplicates()
    tot = M.sum()
    rs = np.asarray(M.sum(1)).ravel()
    cs = np.asarray(M.sum(0)).ravel() ** 0.75
    cs = cs / cs.sum() * tot
    M = M.tocoo()
    pmi = np.log(M.data * tot / (rs[M.row] * cs[M.col]))
    keep = pmi > 0
    P = sparse.csr_matrix((pmi[keep], (M.row[keep], M.col[keep])), shape=M.shape)
    U, S, _ = randomized_svd(P, dim, random_state=seed)
    X = U * np.sqrt(S)
    X /= np.linalg.norm(X, axis=1, keepdims=True) + 1e-9
    out: dict = {}
    for k in ks:
        km = KMeans(k, n_init=1, random_state=seed, max_iter=100).fit(X)
        for w, c in zip(vocab, km.labels_):
            out.setdefault(w, []).append(int(c))
    return out


def to_crfsuite(feats: list[dict[str, float]]):
    import pycrfsuite
    return pycrfsuite.ItemSequence(feats)


def build_gazetteer(sents) -> dict:
    """Stem key → the type a labelled name was seen with most, over ``sents``."""
    from collections import Counter, defaultdict
    seen: dict = defaultdict(Counter)
    for words, tags in sents:
        for t, i, j in kk_ner.spans(tags):
            seen[kk_ner.gazetteer_key(words[i:j])][t] += 1
    return {k: c.most_common(1)[0][0] for k, c in seen.items()}


def train(sents, model_file: str, params=PARAMS, gazetteer: bool = True) -> dict:
    """Train; the gazetteer feature of each half of the data comes from the other half
    (so the model learns how far a listed name can be trusted). Returns the gazetteer of
    all of ``sents``, for tagging new text."""
    import pycrfsuite
    tr = pycrfsuite.Trainer(verbose=False)
    halves = (sents[0::2], sents[1::2])
    gaz = (build_gazetteer(halves[1]), build_gazetteer(halves[0])) if gazetteer else (None, None)
    for h, part in enumerate(halves):
        for words, tags in part:
            tr.append(to_crfsuite(features(words, gaz[h])), tags)
    tr.set_params(params)
    tr.train(model_file)
    return build_gazetteer(sents) if gazetteer else {}


def export(model_file: str, out_stem: Path, meta: dict, gazetteer=(), clusters=None) -> None:
    import pycrfsuite
    tg = pycrfsuite.Tagger()
    tg.open(model_file)
    info = tg.info()
    labels = tg.labels()
    kk_ner.save_tagger(out_stem, labels, dict(info.state_features), dict(info.transitions), meta,
                       gazetteer, clusters)


def prf(gold, pred, typ):
    g = {(k, s) for k, sp in enumerate(gold) for s in kk_ner.spans(sp) if s[0] == typ}
    p = {(k, s) for k, sp in enumerate(pred) for s in kk_ner.spans(sp) if s[0] == typ}
    tp = len(g & p)
    P = tp / len(p) if p else 0.0
    R = tp / len(g) if g else 0.0
    return tp, len(p), len(g), (2 * P * R / (P + R) if P + R else 0.0)


def near_key(words: list[str]) -> str:
    """A sentence without its numbers: KazNERD holds pairs that differ only in how a number
    is written (``14 адамды`` / ``он төрт адамды``); such a pair must not straddle a split."""
    from pipeline.resources import load_map
    try:
        numbers = frozenset(load_map("kk/numeric_words.txt"))
    except OSError:
        numbers = frozenset()
    return " ".join(w.lower() for w in words
                    if not any(c.isdigit() for c in w) and w.lower() not in numbers
                    and not any(w.lower().startswith(x) for x in numbers if len(x) >= 3))


def run_fold(args):
    global CLUSTERS
    k, n_folds, sents, tmp, params, use_gaz, clusters_infold = args
    n = len(sents)
    lo, hi = k * n // n_folds, (k + 1) * n // n_folds
    if clusters_infold:  # clusters from the text of the training part only
        CLUSTERS = build_clusters([w for w, _ in sents[:lo] + sents[hi:]])
    test = sents[lo:hi]
    # a sentence repeated (up to how its numbers are written) in the training part is
    # dropped from it: no leakage
    test_keys = {near_key(w) for w, _ in test}
    tr = [s for s in sents[:lo] + sents[hi:] if near_key(s[0]) not in test_keys]
    mf = f"{tmp}/fold{k}.crfsuite"
    gaz = train(tr, mf, params, use_gaz)
    stem = Path(f"{tmp}/fold{k}")
    export(mf, stem, {"rule_features": RULE_FEATURES}, gaz, CLUSTERS)
    tagger = kk_ner.load_tagger(str(stem))
    pred = [tagger.tag(w) for w, _ in test]
    gold = [t for _, t in test]
    return {t: prf(gold, pred, t) for t in ("ORGANISATION", "LAW", "PROJECT")}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--cv", type=int, default=0)
    ap.add_argument("--final", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--c1", type=float, default=PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=PARAMS["c2"])
    ap.add_argument("--iters", type=int, default=PARAMS["max_iterations"])
    ap.add_argument("--all-labels", action="store_true", help="train on all 25 KazNERD classes")
    ap.add_argument("--no-gazetteer", action="store_true")
    ap.add_argument("--no-rule-features", action="store_true",
                    help="leave out where the Kazakh org rules put a name")
    ap.add_argument("--clusters", action="store_true",
                    help="experimental: word-cluster features learnt from all the file's text "
                         "(unlabelled; not in the shipped model, see models/kk_org.md)")
    ap.add_argument("--clusters-infold", action="store_true",
                    help="experimental, CV: clusters learnt from each fold's training text only")
    ap.add_argument("--shuffle", type=int, default=None, metavar="SEED",
                    help="shuffle sentences (seeded) before cutting folds; default: contiguous")
    args = ap.parse_args()
    if not args.data.exists():
        print("skip: data absent", args.data)
        return 0
    global RULE_FEATURES, CLUSTERS
    RULE_FEATURES = not args.no_rule_features
    sents = read_iob(args.data, None if args.all_labels else KEEP)
    # the clusters read only the words (unlabelled use of the text)
    if args.clusters and not args.clusters_infold:
        CLUSTERS = build_clusters([w for w, _ in sents])
    params = dict(PARAMS, c1=args.c1, c2=args.c2, max_iterations=args.iters)
    if args.shuffle is not None:
        import random
        random.Random(args.shuffle).shuffle(sents)
    import tempfile
    tmp = tempfile.mkdtemp(prefix="kkorg")
    if args.cv:
        t0 = time.time()
        with ProcessPoolExecutor(args.jobs) as ex:
            res = list(ex.map(run_fold, [(k, args.cv, sents, tmp, params, not args.no_gazetteer,
                                          args.clusters_infold)
                                         for k in range(args.cv)]))
        for typ in ("ORGANISATION", "LAW", "PROJECT"):
            tp = sum(r[typ][0] for r in res)
            np_ = sum(r[typ][1] for r in res)
            ng = sum(r[typ][2] for r in res)
            P, R = tp / max(np_, 1), tp / max(ng, 1)
            F = 2 * P * R / (P + R) if P + R else 0.0
            folds = " ".join(f"{r[typ][3]:.3f}" for r in res)
            print(f"{typ:13s} micro P={P:.3f} R={R:.3f} F1={F:.3f} (gold {ng}); per fold {folds}")
        print(f"{args.cv}-fold CV in {time.time() - t0:.0f}s")
    if args.final:
        mf = f"{tmp}/final.crfsuite"
        gaz = train(sents, mf, params, not args.no_gazetteer)
        meta = {"data": "KazNERD IOB2_valid.txt (CC BY 4.0, Yeshpanov et al. 2022)",
                "sentences": len(sents),
                "labels_kept": "all" if args.all_labels else sorted(KEEP), "params": params,
                "date": date.today().isoformat(), "rule_features": RULE_FEATURES,
                "clusters": len(CLUSTERS)}
        meta["gazetteer"] = len(gaz)
        export(mf, ROOT / "models" / kk_ner.MODEL_STEM, meta, gaz, CLUSTERS)
        print("wrote", ROOT / "models" / (kk_ner.MODEL_STEM + ".{json,npz}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
