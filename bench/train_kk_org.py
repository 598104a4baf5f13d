"""Train and measure the Kazakh organisation/law/project CRF (pipeline/extract/kk_ner.py).

Data: KazNERD validation file (Yeshpanov, Khassanov, Varol 2022, LREC; CC BY 4.0),
``/work/shared/data/kaznerd/IOB2_valid.txt`` (or ``--data``). The full KazNERD train split
is not available here, so the model is trained on the validation file:

    python bench/train_kk_org.py --cv 5        # k-fold CV (contiguous folds): exact-span F1
    python bench/train_kk_org.py --final       # train on all of it, write models/kk_org_crf.*

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


RULE_FEATURES = False


def features(words, gaz):
    """Features of one sentence; with RULE_FEATURES also where the Kazakh organisation rules
    (pipeline.extract.organisations.kk_rule_candidates) put a name (experimental)."""
    feats = kk_ner.sentence_features(words, gaz)
    if RULE_FEATURES:
        from pipeline.extract.organisations import kk_rule_candidates
        text = " ".join(words)
        starts, pos = [], 0
        for w in words:
            starts.append(pos)
            pos += len(w) + 1
        for d in kk_rule_candidates(text):
            idx = [k for k, st in enumerate(starts) if d["start"] <= st < d["end"]]
            for n_, k in enumerate(idx):
                feats[k]["rule=" + ("B" if n_ == 0 else "I") + "-" + d["kind"]] = 1.0
    return feats


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


def export(model_file: str, out_stem: Path, meta: dict, gazetteer=()) -> None:
    import pycrfsuite
    tg = pycrfsuite.Tagger()
    tg.open(model_file)
    info = tg.info()
    labels = tg.labels()
    kk_ner.save_tagger(out_stem, labels, dict(info.state_features), dict(info.transitions), meta,
                       gazetteer)


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
    k, n_folds, sents, tmp, params, use_gaz = args
    n = len(sents)
    lo, hi = k * n // n_folds, (k + 1) * n // n_folds
    test = sents[lo:hi]
    # a sentence repeated (up to how its numbers are written) in the training part is
    # dropped from it: no leakage
    test_keys = {near_key(w) for w, _ in test}
    tr = [s for s in sents[:lo] + sents[hi:] if near_key(s[0]) not in test_keys]
    mf = f"{tmp}/fold{k}.crfsuite"
    gaz = train(tr, mf, params, use_gaz)
    stem = Path(f"{tmp}/fold{k}")
    export(mf, stem, {}, gaz)
    tagger = kk_ner.load_tagger(str(stem))
    pred = [tagger.tag_features(features(w, tagger.gazetteer)) for w, _ in test]
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
    ap.add_argument("--rule-features", action="store_true",
                    help="experimental: Kazakh org rules as features (not in the shipped model)")
    ap.add_argument("--shuffle", type=int, default=None, metavar="SEED",
                    help="shuffle sentences (seeded) before cutting folds; default: contiguous")
    args = ap.parse_args()
    if not args.data.exists():
        print("skip: data absent", args.data)
        return 0
    global RULE_FEATURES
    RULE_FEATURES = args.rule_features
    if args.rule_features and args.final:
        ap.error("--rule-features is for --cv only (the run-time tagger does not compute them)")
    sents = read_iob(args.data, None if args.all_labels else KEEP)
    params = dict(PARAMS, c1=args.c1, c2=args.c2, max_iterations=args.iters)
    if args.shuffle is not None:
        import random
        random.Random(args.shuffle).shuffle(sents)
    import tempfile
    tmp = tempfile.mkdtemp(prefix="kkorg")
    if args.cv:
        t0 = time.time()
        with ProcessPoolExecutor(args.jobs) as ex:
            res = list(ex.map(run_fold, [(k, args.cv, sents, tmp, params, not args.no_gazetteer)
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
                "date": date.today().isoformat()}
        meta["gazetteer"] = len(gaz)
        export(mf, ROOT / "models" / kk_ner.MODEL_STEM, meta, gaz)
        print("wrote", ROOT / "models" / (kk_ner.MODEL_STEM + ".{json,npz}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
