"""Train and measure the Russian organisation CRF (pipeline/extract/ru_ner.py).

Data: factRuEval-2016 devset (dialogue-evaluation/factRuEval-2016, MIT licence),
``/work/shared/data/factrueval/devset`` (or ``--data``): Org object mentions.

    python bench/train_ru_org.py --cv 5 --out /tmp/ru_org_cv   # document-level k-fold CV:
        # one model per fold, trained without that fold's documents, written to --out with
        # folds.json; prints held-out span figures (then run
        # ``python bench/org_eval.py factru --cv /tmp/ru_org_cv`` for the pipeline figures)
    python bench/train_ru_org.py --final     # train on every document, write models/ru_org_crf.*

Sentences are cut exactly as ``extract_organisations`` cuts them (``_units`` of the
normalised view), natasha and the completion rules run on each, and the gold Org mentions
(outermost where they nest) become B-ORG/I-ORG labels. Needs python-crfsuite at training
time only (``pip install sklearn-crfsuite``).
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
sys.path.insert(0, str(ROOT / "bench"))

from pipeline.extract import kk_ner, ru_ner  # noqa: E402

DATA = Path("/work/shared/data/factrueval/devset")
PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 200,
          "feature.possible_transitions": True}


def outermost(spans):
    """Non-overlapping spans, longest first."""
    keep = []
    for s, e in sorted(spans, key=lambda x: (-(x[1] - x[0]), x[0])):
        if not any(s < e2 and s2 < e for s2, e2 in keep):
            keep.append((s, e))
    return sorted(keep)


def load_docs(folder: Path):
    """Per document: (name, [(tokens, features, labels, gold spans in unit offsets)])."""
    from org_eval import read_factru, trim
    from pipeline.extract.organisations import _units, complete_ru_spans, load_ru_ner
    from pipeline.model import Analysis, Source
    from pipeline.normalize import normalize
    ner = load_ru_ner()
    docs = []
    for name, text, gold in read_factru(folder):
        a = Analysis(source=Source(name, name, "", "txt", "utf-8", text), view=normalize(text))
        vtext = a.view.text
        g = [trim(text, s, e) for s, e in gold]
        g = [(a.view.from_source(s), a.view.from_source(e)) for s, e in g if e > s]
        units = [(vs, ve) for _, lang, vs, ve in _units(a) if lang == "ru" and vtext[vs:ve].strip()]
        texts = [vtext[vs:ve] for vs, ve in units]
        sents = []
        for (vs, ve), t, markup in zip(units, texts, ner.map(texts)):
            nspans = [(s.start, s.stop, s.type) for s in markup.spans]
            rspans = complete_ru_spans(t, nspans)
            tokens, feats = ru_ner.features_for(t, nspans, rspans)
            if not tokens:
                continue
            ug = [(s - vs, e - vs) for s, e in g if vs <= s and e <= ve]
            labels = ru_ner.span_tags(tokens, [(s, e, "ORG") for s, e in outermost(ug)])
            sents.append((tokens, feats, labels, ug, t))
        docs.append((name, sents))
    return docs


def train(sents, model_file: str, params=PARAMS) -> None:
    import pycrfsuite
    tr = pycrfsuite.Trainer(verbose=False)
    for _, feats, labels, _, _ in sents:
        tr.append(pycrfsuite.ItemSequence(feats), labels)
    tr.set_params(params)
    tr.train(model_file)


def export(model_file: str, out_stem: Path, meta: dict) -> None:
    import pycrfsuite
    tg = pycrfsuite.Tagger()
    tg.open(model_file)
    info = tg.info()
    kk_ner.save_tagger(out_stem, tg.labels(), dict(info.state_features), dict(info.transitions),
                       meta)


def _trim_span(text, s, e):
    from org_eval import trim
    return trim(text, s, e)


def run_fold(args):
    k, train_sents, test_sents, out, params = args
    mf = f"{out}/fold{k}.crfsuite"
    train(train_sents, mf, params)
    stem = Path(f"{out}/fold{k}")
    export(mf, stem, {"fold": k})
    Path(mf).unlink()
    tagger = kk_ner.load_tagger(str(stem))
    tp = npred = ngold = 0
    for tokens, feats, _, ug, text in test_sents:
        labels = tagger.tag_features(feats)
        pred = {_trim_span(text, tokens[i][0], tokens[j - 1][1])
                for t, i, j in kk_ner.spans(labels) if t == "ORG"}
        gold = set(ug)
        tp += len(pred & gold)
        npred += len(pred)
        ngold += len(gold)
    return tp, npred, ngold


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--cv", type=int, default=0)
    ap.add_argument("--out", type=Path, default=Path("/tmp/ru_org_cv"))
    ap.add_argument("--final", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--c1", type=float, default=PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=PARAMS["c2"])
    ap.add_argument("--iters", type=int, default=PARAMS["max_iterations"])
    args = ap.parse_args()
    if not args.data.exists():
        print("skip: data absent", args.data)
        return 0
    params = dict(PARAMS, c1=args.c1, c2=args.c2, max_iterations=args.iters)
    t0 = time.time()
    docs = load_docs(args.data)
    print(f"{len(docs)} documents, {sum(len(s) for _, s in docs)} sentences "
          f"({time.time() - t0:.0f}s)")
    if args.cv:
        args.out.mkdir(parents=True, exist_ok=True)
        # document-level folds: the k-th document (sorted by name) goes to fold k mod K
        fold_of = {name: k % args.cv for k, (name, _) in enumerate(sorted(docs))}
        jobs = []
        for k in range(args.cv):
            tr = [s for name, ss in docs if fold_of[name] != k for s in ss]
            te = [s for name, ss in docs if fold_of[name] == k for s in ss]
            jobs.append((k, tr, te, str(args.out), params))
        with ProcessPoolExecutor(args.jobs) as ex:
            res = list(ex.map(run_fold, jobs))
        (args.out / "folds.json").write_text(json.dumps(fold_of, indent=0), encoding="utf-8")
        tp, np_, ng = (sum(r[i] for r in res) for i in range(3))
        P, R = tp / max(np_, 1), tp / max(ng, 1)
        F = 2 * P * R / (P + R) if P + R else 0.0
        print(f"CRF alone, held-out folds: P={P:.3f} R={R:.3f} F1={F:.3f} (gold {ng}); "
              f"models in {args.out} ({time.time() - t0:.0f}s)")
    if args.final:
        import tempfile
        mf = tempfile.mktemp(suffix=".crfsuite")
        sents = [s for _, ss in docs for s in ss]
        train(sents, mf, params)
        meta = {"data": "factRuEval-2016 devset (MIT, dialogue-evaluation), all documents",
                "documents": len(docs), "sentences": len(sents), "params": params,
                "date": date.today().isoformat()}
        export(mf, ROOT / "models" / ru_ner.MODEL_STEM, meta)
        Path(mf).unlink()
        print("wrote", ROOT / "models" / (ru_ner.MODEL_STEM + ".{json,npz}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
