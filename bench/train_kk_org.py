"""Train and measure the Kazakh organisation/law/project CRF (pipeline/extract/kk_ner.py).

Data: KazNERD validation file (Yeshpanov, Khassanov, Varol 2022, LREC; CC BY 4.0),
``kaznerd/IOB2_valid.txt`` of the development data ($DEREK_DATA, else ../shared/data) (or ``--data``). The full KazNERD train split
is not available here, so the model is trained on the validation file:

    python bench/train_kk_org.py --cv 5        # k-fold CV (contiguous folds): exact-span F1
    python bench/train_kk_org.py --final       # train on all of it, write models/kk_org_crf.*

    python bench/train_kk_org.py --cv 5 --layer-features --silver FILE [--silver-weight N]
                                               # silver sentences (bench/project_kzlaw.py)
                                               # added to the training part only

Features: ``kk_ner.sentence_features`` plus where the Kazakh organisation rules
(``organisations.kk_rule_candidates``) put a name (``--no-rule-features`` leaves them out);
``--clusters`` / ``--clusters-infold`` add experimental word-cluster features (not shipped).

Needs python-crfsuite at training time only (``pip install sklearn-crfsuite``); the exported
weights are decoded with numpy at run time.
"""
from __future__ import annotations

import os
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

sys.path.insert(0, str(Path(__file__).parent))
from common import half  # noqa: E402

DATA = Path(os.environ.get("DEREK_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data") / "kaznerd" / "IOB2_valid.txt"
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
RETYPE = False  # --retype: a span-type classifier after the CRF (experiment)
RETYPE_INNER = 2
RETYPE_MARGINS = (0.0, 0.2)
EXTRA_FEATURES = False  # kk_ner.extra_features (--extra-features)
CONJ_FEATURES = False  # kk_ner.conj_features (--conj-features)
LAYER_FEATURES = False  # kk_ner.layer_features (--layer-features)
DICT_NAMES: tuple = ()  # kk_ner.dict_features lexicon names (--dict-features t,h,u)
LEXICONS: dict = {}  # name -> lexicon; "t" is built from the training text of each fold
CLUSTERS: dict = {}  # stem -> cluster ids (coarse to fine), see build_clusters


RULE_CACHE: dict = {}  # tuple(words) -> rule features (they read no labels and no gazetteer)


def rules_of(words):
    key = tuple(words)
    if key not in RULE_CACHE:
        RULE_CACHE[key] = kk_ner.rule_features(words)
    return RULE_CACHE[key]


def features(words, gaz, clusters=None):
    """Features of one sentence: kk_ner.sentence_features with the word clusters and (with
    RULE_FEATURES) where the Kazakh organisation rules put a name."""
    rules = rules_of(words) if RULE_FEATURES else None
    return kk_ner.model_features(words, gaz, CLUSTERS if clusters is None else clusters, rules,
                                 extra=EXTRA_FEATURES, conj=CONJ_FEATURES, lexicons=LEXICONS,
                                 layer=LAYER_FEATURES)


def set_lexicons(sent_words) -> dict:
    """The lexicons of --dict-features; ``t`` (common words by their lower-case use) is
    learnt from ``sent_words`` only, the training text (no labels are read). Returns the
    lists a model must store in its JSON (those not rebuilt at run time)."""
    global LEXICONS
    stored = {"t": kk_ner.lower_stems(sent_words)} if "t" in DICT_NAMES else {}
    LEXICONS = kk_ner.named_lexicons(DICT_NAMES, stored)
    return stored


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


def train(sents, model_file: str, params=PARAMS, gazetteer: bool = True, stack=None,
          silver=(), silver_weight: int = 1) -> dict:
    """Train; the gazetteer feature of each half of the data comes from the other half
    (so the model learns how far a listed name can be trusted). Returns the gazetteer of
    all of ``sents``, for tagging new text. ``stack``: per sentence of ``sents``, the
    (first-pass labels, context features) of a second-pass model (kk_ner.stack_features).
    ``silver``: more (words, tags) sentences (``--silver``, bench/project_kzlaw.py) appended
    after ``sents``, each ``silver_weight`` times (crfsuite has no instance weights); a
    sentence's copies fall in one half, so its own names never reach its gazetteer feature."""
    if silver:
        sents = list(sents) + list(silver)
        if stack is not None:
            raise ValueError("--silver with --stack is not supported")
    import pycrfsuite
    params = dict(params)
    algorithm = params.pop("algorithm", "lbfgs")
    if algorithm != "lbfgs":  # c1/c2 are L-BFGS's regularisation; the others have none of them
        params = {k: v for k, v in params.items() if k not in ("c1", "c2")}
    tr = pycrfsuite.Trainer(algorithm=algorithm, verbose=False)
    idx = list(range(len(sents)))
    halves = (idx[0::2], idx[1::2])
    gaz = ((build_gazetteer([sents[i] for i in halves[1]]),
            build_gazetteer([sents[i] for i in halves[0]])) if gazetteer else (None, None))
    n_gold = len(sents) - len(silver)
    for h, part in enumerate(halves):
        for i in part:
            words, tags = sents[i]
            f = features(words, gaz[h])
            if stack is not None:
                f = kk_ner.stack_features(f, *stack[i])
            xs = to_crfsuite(f)
            for _ in range(silver_weight if i >= n_gold else 1):
                tr.append(xs, tags)
    tr.set_params(params)
    tr.train(model_file)
    return build_gazetteer(sents) if gazetteer else {}


def _weights(model_file: str) -> dict:
    import pycrfsuite
    tg = pycrfsuite.Tagger()
    tg.open(model_file)
    info = tg.info()
    return {"labels": tg.labels(), "state": dict(info.state_features),
            "trans": dict(info.transitions)}


def export(model_file: str, out_stem: Path, meta: dict, gazetteer=(), clusters=None,
           stack_file: str = None, window: int = 0, lexicons=None) -> None:
    w = _weights(model_file)
    stack = dict(_weights(stack_file), window=window) if stack_file else None
    kk_ner.save_tagger(out_stem, w["labels"], w["state"], w["trans"], meta, gazetteer, clusters,
                       stack, lexicons)


def drop_near(train_part, test_part):
    """The training sentences that do not equal a test sentence up to its numbers."""
    keys = {near_key(w) for w, _ in test_part}
    return [s for s in train_part if near_key(s[0]) not in keys]


def first_pass_oof(sents, n_inner: int, params, use_gaz: bool, tmp: str) -> list[list[str]]:
    """First-pass labels of ``sents`` from ``n_inner`` contiguous inner folds: each block is
    tagged by a model trained on the other blocks (so the second pass learns from labels as
    good as those it meets on unseen text, neighbouring sentences included)."""
    n = len(sents)
    out: list = [None] * n
    for b in range(n_inner):
        lo, hi = b * n // n_inner, (b + 1) * n // n_inner
        part = sents[lo:hi]
        mf = f"{tmp}_in{b}.crfsuite"
        gaz = train(drop_near(sents[:lo] + sents[hi:], part), mf, params, use_gaz)
        import pycrfsuite
        tg = pycrfsuite.Tagger()
        tg.open(mf)
        for k, (words, _) in enumerate(part):
            out[lo + k] = tg.tag(to_crfsuite(features(words, gaz)))
    return out


def train_stacked(sents, model_file: str, stack_file: str, params, use_gaz: bool, window: int,
                  n_inner: int, tmp: str) -> dict:
    """Pass 1 on all of ``sents`` (model_file) and pass 2 (stack_file) on cross-validated
    pass-1 labels and their document context (±``window`` sentences)."""
    gaz = train(sents, model_file, params, use_gaz)
    p1 = first_pass_oof(sents, n_inner, params, use_gaz, tmp)
    ctx = kk_ner.context_features([w for w, _ in sents], p1, window)
    train(sents, stack_file, params, use_gaz, stack=list(zip(p1, ctx)))
    return gaz


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


def fold_meta() -> dict:
    return {"rule_features": RULE_FEATURES, "extra_features": EXTRA_FEATURES,
            "conj_features": CONJ_FEATURES, "dict_features": list(DICT_NAMES),
            "layer_features": LAYER_FEATURES}


def run_fold(args):
    global CLUSTERS
    k, n_folds, sents, tmp, params, use_gaz, clusters_infold, window, n_inner, grid, silver, sw = args
    n = len(sents)
    lo, hi = k * n // n_folds, (k + 1) * n // n_folds
    if clusters_infold:  # clusters from the text of the training part only
        CLUSTERS = build_clusters([w for w, _ in sents[:lo] + sents[hi:]])
    test = sents[lo:hi]
    # a sentence repeated (up to how its numbers are written) in the training part is
    # dropped from it: no leakage
    tr = drop_near(sents[:lo] + sents[hi:], test)
    stored = set_lexicons([w for w, _ in tr]) if DICT_NAMES else None
    mf = f"{tmp}/fold{k}.crfsuite"
    stem = Path(f"{tmp}/fold{k}")
    chosen = None
    if grid:  # hyperparameters by inner CV on the training part only
        params, chosen = tune(tr, params, grid, use_gaz, f"{tmp}/fold{k}")
    if n_inner:  # stacked: everything of pass 2 (inner folds, context) inside the training part
        sf = f"{tmp}/fold{k}_stack.crfsuite"
        gaz = train_stacked(tr, mf, sf, params, use_gaz, window, n_inner, f"{tmp}/fold{k}")
        export(mf, stem, fold_meta(), gaz, CLUSTERS, sf, window, stored)
    else:  # silver sentences (--silver) only ever in the training part
        gaz = train(tr, mf, params, use_gaz, silver=silver, silver_weight=sw)
        export(mf, stem, fold_meta(), gaz, CLUSTERS, lexicons=stored)
    tagger = kk_ner.load_tagger(str(stem))
    words = [w for w, _ in test]
    gold = [t for _, t in test]
    # the test fold is one document (its sentences in order, as the file keeps them)
    pred = tagger.tag_document(words)
    res = {t: prf(gold, pred, t) for t in ("ORGANISATION", "LAW", "PROJECT")}
    if RETYPE:  # span retyper trained on the CRF's out-of-fold spans of the training part
        oof = first_pass_oof(tr, RETYPE_INNER, params, use_gaz, f"{tmp}/fold{k}_rt")
        vec, clf = train_retyper(*retype_data(tr, oof))
        for m in RETYPE_MARGINS:
            rt = retype(words, pred, vec, clf, m)
            res.update({f"{t}/retype{m}": prf(gold, rt, t) for t in ("ORGANISATION", "LAW", "PROJECT")})
        res["base"] = res["ORGANISATION"]
    if n_inner:  # each sentence alone (no document context): KkTagger.tag
        alone = [tagger.tag(w) for w in words]
        res.update({t + "/alone": prf(gold, alone, t) for t in ("ORGANISATION", "LAW", "PROJECT")})
    if chosen:
        res["chosen"] = chosen
    return res


def span_features(words, typ: str, i: int, j: int) -> dict:
    """Features of one predicted span for the span retyper (--retype): the CRF's type, the
    words of the span by stem, its first and last word, the words around it and, for a
    quoted name, the words after the closing quote."""
    st = kk_ner.stem
    n = len(words)
    f = {"crf=" + typ: 1.0, "len=" + str(min(j - i, 5)): 1.0,
         "first=" + st(words[i]): 1.0, "last=" + st(words[j - 1]): 1.0,
         "last3=" + words[j - 1].lower()[-3:]: 1.0, "sh0=" + kk_ner.shape(words[i]): 1.0,
         "crf|last=" + typ + "|" + st(words[j - 1]): 1.0}
    for w in words[i:j]:
        f["in=" + st(w)] = 1.0
    for off, k in (("p1", i - 1), ("p2", i - 2), ("n1", j), ("n2", j + 1)):
        w = words[k] if 0 <= k < n else ("BOS" if k < 0 else "EOS")
        f[off + "=" + st(w)] = 1.0
        if 0 <= k < n and kk_ner.is_head(w):
            f[off + ":head"] = 1.0
    if i > 0 and j < n and words[i - 1] in kk_ner._QUOTES_OPEN and words[j] in kk_ner._QUOTES_CLOSE:
        f["quoted"] = 1.0
        after = words[j + 1] if j + 1 < n else "EOS"
        f["qa=" + st(after)] = 1.0
        f["crf|qa=" + typ + "|" + st(after)] = 1.0
    return f


def retype_data(sents, pred_labels):
    """(features, label) of every span the CRF predicted: the gold type of the span when a
    gold span has the same boundaries, NONE otherwise."""
    X, y = [], []
    for (words, gold), pred in zip(sents, pred_labels):
        g = {(a, b): t for t, a, b in kk_ner.spans(gold)}
        for t, a, b in kk_ner.spans(pred):
            X.append(span_features(words, t, a, b))
            y.append(g.get((a, b), "NONE"))
    return X, y


def train_retyper(X, y, C: float = 1.0):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    vec = DictVectorizer()
    clf = LogisticRegression(C=C, max_iter=2000)
    clf.fit(vec.fit_transform(X), y)
    return vec, clf


def retype(words_list, pred_labels, vec, clf, margin: float = 0.0):
    """Predicted labels with each span's type replaced by the retyper's choice (NONE drops
    the span) when its probability beats the CRF type's by ``margin``."""
    out = []
    for words, pred in zip(words_list, pred_labels):
        labs = list(pred)
        sp = kk_ner.spans(pred)
        if sp:
            P = clf.predict_proba(vec.transform([span_features(words, t, a, b) for t, a, b in sp]))
            cls = list(clf.classes_)
            for (t, a, b), pr in zip(sp, P):
                best = cls[int(pr.argmax())]
                keep = pr[cls.index(t)] if t in cls else 0.0
                if best != t and pr.max() > keep + margin:
                    for k in range(a, b):
                        labs[k] = "O" if best == "NONE" else ("B-" if k == a else "I-") + best
        out.append(labs)
    return out


def tune(sents, params, grid: list[dict], use_gaz: bool, tmp: str, n_inner: int = 2):
    """The setting of ``grid`` (each a dict of crfsuite parameters over ``params``) with the
    best ORGANISATION F1 over ``n_inner`` contiguous inner folds of ``sents``."""
    gold = [t for _, t in sents]
    scores = []
    for g, over in enumerate(grid):
        pred = first_pass_oof(sents, n_inner, dict(params, **over), use_gaz, f"{tmp}_tune{g}")
        scores.append((prf(gold, pred, "ORGANISATION")[3], -g))
    best = grid[-max(scores)[1]]
    return dict(params, **best), f"{best} (inner F1 " + " ".join(f"{f:.3f}" for f, _ in scores) + ")"


def parse_grid(text: str) -> list[dict]:
    """``c1=0.05:c2=0.05,c1=0.05:c2=0.3`` → crfsuite parameter dicts."""
    out = []
    for item in filter(None, text.split(",")):
        d = {}
        for kv in item.split(":"):
            k, v = kv.split("=")
            k = {"iters": "max_iterations", "minfreq": "feature.minfreq"}.get(k, k)
            d[k] = int(v) if k == "max_iterations" else float(v)
        out.append(d)
    return out


def speed(data: Path, model: Path, n: int) -> int:
    """ms per sentence of KkTagger.tag (each sentence alone) and of tag_document (the N
    sentences as one document), rule pass included: the first run in this process (cold
    caches) and the best of three more."""
    if not data.exists():
        print("skip: data absent", data)
        return 0
    tagger = kk_ner.load_tagger(str(model))
    words = [w for w, _ in read_iob(data)[:n]]
    for name, run in (("tag_document", lambda: tagger.tag_document(words)),
                      ("tag", lambda: [tagger.tag(w) for w in words])):
        times = []
        for _ in range(4):
            t0 = time.perf_counter()
            run()
            times.append(time.perf_counter() - t0)
        print(f"{name:13s} first {1000 * times[0] / len(words):.2f} ms/sentence, best of 3 more "
              f"{1000 * min(times[1:]) / len(words):.2f} ({len(words)} sentences; "
              f"stacked={tagger.stack is not None})")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--cv", type=int, default=0)
    ap.add_argument("--final", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--c1", type=float, default=PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=PARAMS["c2"])
    ap.add_argument("--iters", type=int, default=PARAMS["max_iterations"])
    ap.add_argument("--retype", action="store_true",
                    help="experiment: a logistic-regression span retyper after the CRF, trained "
                         "on out-of-fold CRF spans of each training part")
    ap.add_argument("--algorithm", default="lbfgs", choices=["lbfgs", "ap", "pa", "arow", "l2sgd"],
                    help="crfsuite training algorithm (c1/c2 apply to lbfgs only)")
    ap.add_argument("--all-labels", action="store_true", help="train on all 25 KazNERD classes")
    ap.add_argument("--no-gazetteer", action="store_true")
    ap.add_argument("--tune", default="", metavar="GRID",
                    help="choose crfsuite parameters by inner CV (2 contiguous inner folds of "
                         "the training part), e.g. 'c1=0.05:c2=0.05,c1=0.05:c2=0.3'")
    ap.add_argument("--merge", default="",
                    help="experimental label sets: 'ART+PRODUCT,...' merges each group into "
                         "its first class (ORGANISATION, LAW, PROJECT must stay unmerged)")
    ap.add_argument("--no-rule-features", action="store_true",
                    help="leave out where the Kazakh org rules put a name")
    ap.add_argument("--clusters", action="store_true",
                    help="experimental: word-cluster features learnt from all the file's text "
                         "(unlabelled; not in the shipped model, see models/kk_org.md)")
    ap.add_argument("--clusters-infold", action="store_true",
                    help="experimental, CV: clusters learnt from each fold's training text only")
    ap.add_argument("--stack", type=int, default=None, metavar="K",
                    help="two-pass (stacked) CRF: pass 2 reads pass-1 labels of the sentence "
                         "and of the sentences within +-K (document context)")
    ap.add_argument("--extra-features", action="store_true",
                    help="add kk_ner.extra_features (case ending, quote position, distance to "
                         "the next org head noun)")
    ap.add_argument("--conj-features", action="store_true",
                    help="add kk_ner.conj_features (stem bigrams, word-class patterns, quoted "
                         "span length)")
    ap.add_argument("--layer-features", action="store_true",
                    help="add kk_ner.layer_features (the language layer's UPOS, lemma, case, "
                         "number and possessor features of each word and its neighbours)")
    ap.add_argument("--dict-features", default="", metavar="NAMES",
                    help="add kk_ner.dict_features over these lexicons, e.g. 't,h,u': t = "
                         "stems written in lower case in the training text, h = the hand lists "
                         "of pipeline/data/kk, u = hunspell-kk when installed")
    ap.add_argument("--out", type=Path, default=None, metavar="DIR",
                    help="write the CV fold models to DIR (default: a temporary directory)")
    ap.add_argument("--inner", type=int, default=2,
                    help="inner contiguous folds for the cross-validated pass-1 labels")
    ap.add_argument("--shuffle", type=int, default=None, metavar="SEED",
                    help="shuffle sentences (seeded) before cutting folds; default: contiguous")
    ap.add_argument("--speed", type=int, default=0, metavar="N",
                    help="time decoding of the first N sentences with a model (--model)")
    ap.add_argument("--model", type=Path, default=ROOT / "models" / kk_ner.MODEL_STEM,
                    help="model stem for --speed, and where --final writes the model")
    ap.add_argument("--silver", type=Path, default=None, metavar="FILE",
                    help="silver sentences in KazNERD's IOB2 format (bench/project_kzlaw.py) "
                         "appended to the training set (the training folds only under --cv)")
    ap.add_argument("--silver-weight", type=int, default=1, metavar="N",
                    help="each silver sentence is given N times (repetition)")
    ap.add_argument("--half", default="tune", choices=["tune", "all"],
                    help="train on the tune half of KazNERD (bench/common.py: half of "
                         "'kaznerd:<index>'; the default) or on all of it (figures on the "
                         "check half are then not fair)")
    args = ap.parse_args()
    if args.speed:
        return speed(args.data, args.model, args.speed)
    if not args.data.exists():
        print("skip: data absent", args.data)
        return 0
    global RULE_FEATURES, CLUSTERS, EXTRA_FEATURES, RETYPE, CONJ_FEATURES, DICT_NAMES, LAYER_FEATURES
    LAYER_FEATURES = args.layer_features
    RULE_FEATURES = not args.no_rule_features
    CONJ_FEATURES = args.conj_features
    DICT_NAMES = tuple(filter(None, args.dict_features.split(",")))
    RETYPE = args.retype
    EXTRA_FEATURES = args.extra_features
    sents = read_iob(args.data, None if args.all_labels else KEEP)
    if args.half == "tune":
        sents = [s for k, s in enumerate(sents) if half(f"kaznerd:{k}") == "tune"]
        print(f"tune half of KazNERD: {len(sents)} sentences")
    if args.merge:  # "ART+PRODUCT,FACILITY+LOCATION": each group becomes its first class
        to = {c: g.split("+")[0] for g in args.merge.split(",") for c in g.split("+")}
        sents = [(w, [t if t == "O" or t[2:] not in to else t[:2] + to[t[2:]] for t in tags])
                 for w, tags in sents]
    # the clusters read only the words (unlabelled use of the text)
    if args.clusters and not args.clusters_infold:
        CLUSTERS = build_clusters([w for w, _ in sents])
    params = dict(PARAMS, c1=args.c1, c2=args.c2, max_iterations=args.iters)
    if args.algorithm != "lbfgs":
        params["algorithm"] = args.algorithm
    if args.shuffle is not None:
        import random
        random.Random(args.shuffle).shuffle(sents)
    import tempfile
    if args.out:  # keep the fold models (fold<k>.json/.npz) for bench/kk_org_ensemble.py
        args.out.mkdir(parents=True, exist_ok=True)
        tmp = str(args.out)
    else:
        tmp = tempfile.mkdtemp(prefix="kkorg")
    n_inner = args.inner if args.stack is not None else 0
    silver = read_iob(args.silver, None if args.all_labels else KEEP) if args.silver else []
    if silver:
        if n_inner or args.retype or args.tune:
            ap.error("--silver goes with plain training only (not --stack, --retype, --tune)")
        n_org = sum(1 for _, t in silver for x in t if x == "B-ORGANISATION")
        print(f"silver: {len(silver)} sentences, {n_org} ORGANISATION spans, weight {args.silver_weight}")
    if RULE_FEATURES:  # once, before the folds fork
        for w, _ in sents + silver:
            rules_of(w)
    if args.cv:
        t0 = time.time()
        with ProcessPoolExecutor(args.jobs) as ex:
            res = list(ex.map(run_fold, [(k, args.cv, sents, tmp, params, not args.no_gazetteer,
                                          args.clusters_infold, args.stack or 0, n_inner,
                                          parse_grid(args.tune), silver, args.silver_weight)
                                         for k in range(args.cv)]))
        for k, r in enumerate(res):
            if "chosen" in r:
                print(f"fold {k}: chose {r['chosen']}")
        types = ["ORGANISATION", "LAW", "PROJECT"]
        if RETYPE:
            types += [f"{t}/retype{m}" for m in RETYPE_MARGINS for t in types[:3]]
        if n_inner:
            types += [t + "/alone" for t in types]
        for typ in types:
            tp = sum(r[typ][0] for r in res)
            np_ = sum(r[typ][1] for r in res)
            ng = sum(r[typ][2] for r in res)
            P, R = tp / max(np_, 1), tp / max(ng, 1)
            F = 2 * P * R / (P + R) if P + R else 0.0
            folds = " ".join(f"{r[typ][3]:.3f}" for r in res)
            print(f"{typ:13s} micro P={P:.3f} R={R:.3f} F1={F:.3f} (gold {ng}); per fold {folds}")
        print(f"{args.cv}-fold CV in {time.time() - t0:.0f}s")
    if args.final:
        stored = set_lexicons([w for w, _ in sents]) if DICT_NAMES else None
        mf = f"{tmp}/final.crfsuite"
        sf = f"{tmp}/final_stack.crfsuite" if n_inner else None
        if args.tune:
            params, chosen = tune(sents, params, parse_grid(args.tune), not args.no_gazetteer,
                                  f"{tmp}/final")
            print("chose", chosen)
        if n_inner:
            gaz = train_stacked(sents, mf, sf, params, not args.no_gazetteer, args.stack, n_inner,
                                f"{tmp}/final")
        else:
            gaz = train(sents, mf, params, not args.no_gazetteer, silver=silver,
                        silver_weight=args.silver_weight)
        meta = {"data": "KazNERD IOB2_valid.txt (CC BY 4.0, Yeshpanov et al. 2022)"
                        + (", tune half (bench/common.py: half)" if args.half == "tune" else ""),
                "sentences": len(sents),
                "labels_kept": "all" if args.all_labels else sorted(KEEP), "params": params,
                "date": date.today().isoformat(), "rule_features": RULE_FEATURES,
                "extra_features": EXTRA_FEATURES, "conj_features": CONJ_FEATURES,
                "dict_features": list(DICT_NAMES), "layer_features": LAYER_FEATURES,
                "clusters": len(CLUSTERS)}
        meta["gazetteer"] = len(gaz)
        if silver:
            meta["silver"] = {"file": args.silver.name, "sentences": len(silver),
                              "weight": args.silver_weight,
                              "from": "tune-half kzlaw acts, bench/project_kzlaw.py"}
        if n_inner:
            meta["stack"] = {"window": args.stack, "inner_folds": n_inner}
        export(mf, args.model, meta, gaz, CLUSTERS, sf, args.stack or 0,
               stored)
        print("wrote", str(args.model) + ".{json,npz}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
