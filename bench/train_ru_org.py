"""Train and measure the Russian organisation CRF (pipeline/extract/ru_ner.py).

Data: factRuEval-2016 devset (dialogue-evaluation/factRuEval-2016, MIT licence),
``factrueval/devset`` of the development data ($DEREK_DATA, else ../shared/data) (or ``--data``): Org object mentions.

    python bench/train_ru_org.py --cv 5 --out /tmp/ru_org_cv   # document-level k-fold CV:
        # one model per fold, trained without that fold's documents, written to --out with
        # folds.json; prints held-out span figures (then run
        # ``python bench/org_eval.py factru --cv /tmp/ru_org_cv`` for the pipeline figures)
    python bench/train_ru_org.py --final     # train on every document, write models/ru_org_crf.*
    python bench/train_ru_org.py --final --half tune   # only the tune half (bench/common.half
        # of ``factru:<book>``, as bench/eval_ner.py splits), so that the check half measures it

Sentences are cut exactly as ``extract_organisations`` cuts them (``_units`` of the
normalised view), natasha and the completion rules run on each, and the gold Org mentions
(outermost where they nest) become B-ORG/I-ORG labels. Needs python-crfsuite at training
time only (``pip install sklearn-crfsuite``).
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
sys.path.insert(0, str(ROOT / "bench"))

from common import half  # noqa: E402
from pipeline.extract import kk_ner, ru_ner  # noqa: E402

DATA = Path(os.environ.get("DEREK_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data") / "factrueval" / "devset"
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200,
          "feature.possible_transitions": True}


def outermost(spans):
    """Non-overlapping spans, longest first."""
    keep = []
    for s, e in sorted(spans, key=lambda x: (-(x[1] - x[0]), x[0])):
        if not any(s < e2 and s2 < e for s2, e2 in keep):
            keep.append((s, e))
    return sorted(keep)


TYPES = {"Org": "ORG", "Person": "PER", "Location": "LOC", "LocOrg": "LOCORG",
         "Facility": "FAC", "Project": "PROJ"}


def read_objects(txt: Path) -> list[tuple[str, int, int]]:
    """Every object mention of a factRuEval document: (type, start, end), spanning its
    spans from the first start to the last end."""
    stem = txt.with_suffix("")
    spans = {}
    for line in Path(str(stem) + ".spans").read_text(encoding="utf-8").splitlines():
        p = line.split()
        if len(p) >= 4:
            spans[p[0]] = (int(p[2]), int(p[2]) + int(p[3]))
    out = []
    for line in Path(str(stem) + ".objects").read_text(encoding="utf-8").splitlines():
        p = line.split("#")[0].split()
        if len(p) >= 3 and p[1] in TYPES:
            ss = [spans[x] for x in p[2:] if x in spans]
            if ss:
                out.append((TYPES[p[1]], min(a for a, _ in ss), max(b for _, b in ss)))
    return out


def load_docs(folder: Path, labels: str = "org", only_half: str | None = None):
    """Per document: (name, [(tokens, features, labels, gold Org spans, text, typed names)])
    with the spans in sentence offsets; ``labels``: "org" (B-/I-ORG only) or "all" (every
    factRuEval object type)."""
    from org_eval import read_factru, trim
    from pipeline.extract.organisations import _units, load_ru_ner, ru_rule_spans
    from pipeline.model import Analysis, Source
    from pipeline.normalize import normalize
    ner = load_ru_ner()
    docs = []
    for name, text, gold in read_factru(folder):
        if only_half and half(f"factru:{Path(name).stem}") != only_half:
            continue
        a = Analysis(source=Source(name, name, "", "txt", "utf-8", text), view=normalize(text))
        vtext = a.view.text
        # source → view offsets, exactly inverting View.to_source (the view collapses
        # blank lines, so a bisect on source offsets can land on a removed character)
        v_start, v_end = {}, {}
        for v in range(len(vtext)):
            s0, e0 = a.view.to_source(v, v + 1)
            if not vtext[v].isspace():
                v_start.setdefault(s0, v)
            v_end[e0] = v + 1

        def to_view(s, e):
            s, e = trim(text, s, e)
            if e > s and s in v_start and e in v_end:
                return v_start[s], v_end[e]
            return None

        g = [x for x in (to_view(s, e) for s, e in gold) if x]
        typed = [(t, *x) for t, s, e in read_objects(folder / name) if (x := to_view(s, e))]
        units = [(vs, ve) for _, lang, vs, ve in _units(a) if lang == "ru" and vtext[vs:ve].strip()]
        texts = [vtext[vs:ve] for vs, ve in units]
        sents = []
        for (vs, ve), t, markup in zip(units, texts, ner.map(texts)):
            nspans = [(s.start, s.stop, s.type) for s in markup.spans]
            rspans = ru_rule_spans(t, nspans)
            tokens, feats = ru_ner.features_for(t, nspans, rspans)
            if not tokens:
                continue
            ug = [(s - vs, e - vs) for s, e in g if vs <= s and e <= ve]
            ut = [(ty, s - vs, e - vs) for ty, s, e in typed if vs <= s and e <= ve]
            if labels == "org":
                lab = ru_ner.span_tags(tokens, [(s, e, "ORG") for s, e in outermost(ug)])
            else:
                keep = outermost([(s, e) for _, s, e in ut])
                lab = ru_ner.span_tags(tokens, [(s, e, ty) for ty, s, e in ut if (s, e) in keep
                                                and (ty == "ORG" or (s, e) not in ug)])
            names = []
            for ty, s, e in ut:
                ws = [w for ts, te, w in tokens if ts >= s and te <= e]
                if ws:
                    names.append((ty, ru_ner.gazetteer_key(ws)))
            sents.append((tokens, feats, lab, ug, t, names))
        docs.append((name, sents))
    return docs


def build_gazetteer(docs) -> dict:
    """Lemma key → the type a labelled name was seen with most (ties: Org), over ``docs``."""
    from collections import Counter, defaultdict
    seen: dict = defaultdict(Counter)
    for _, sents in docs:
        for s in sents:
            for ty, key in s[5]:
                seen[key][ty] += 1
    return {k: max(c, key=lambda t: (c[t], t == "ORG")) for k, c in seen.items()}


def with_gazetteer(sent, gaz):
    tokens, feats = sent[0], sent[1]
    extra = ru_ner.gazetteer_features([w for _, _, w in tokens], gaz)
    return [dict(f, **g) for f, g in zip(feats, extra)]


def train(docs, model_file: str, params=PARAMS, gazetteer: bool = True) -> dict:
    """Train on ``docs``; the gazetteer feature of each half of the documents comes from the
    other half (so the model learns how far a name seen in other documents can be trusted).
    Returns the gazetteer of all of ``docs``, for tagging new text."""
    import pycrfsuite
    tr = pycrfsuite.Trainer(verbose=False)
    halves = (docs[0::2], docs[1::2])
    gaz = (build_gazetteer(halves[1]), build_gazetteer(halves[0])) if gazetteer else ({}, {})
    for h, part in enumerate(halves):
        for _, sents in part:
            for s in sents:
                tr.append(pycrfsuite.ItemSequence(with_gazetteer(s, gaz[h])), s[2])
    tr.set_params(params)
    tr.train(model_file)
    return build_gazetteer(docs) if gazetteer else {}


def export(model_file: str, out_stem: Path, meta: dict, gazetteer=()) -> None:
    import pycrfsuite
    tg = pycrfsuite.Tagger()
    tg.open(model_file)
    info = tg.info()
    kk_ner.save_tagger(out_stem, tg.labels(), dict(info.state_features), dict(info.transitions),
                       meta, gazetteer)


def _trim_span(text, s, e):
    from org_eval import trim
    return trim(text, s, e)


def run_fold(args):
    k, train_docs, test_sents, out, params, use_gaz = args
    mf = f"{out}/fold{k}.crfsuite"
    gaz = train(train_docs, mf, params, use_gaz)
    stem = Path(f"{out}/fold{k}")
    export(mf, stem, {"fold": k}, gaz)
    Path(mf).unlink()
    tagger = kk_ner.load_tagger(str(stem))
    tp = npred = ngold = 0
    for sent in test_sents:
        tokens, _, _, ug, text = sent[:5]
        labels = tagger.tag_features(with_gazetteer(sent, tagger.gazetteer))
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
    ap.add_argument("--labels", choices=["org", "all"], default="org",
                    help="train on Org only, or on every factRuEval object type")
    ap.add_argument("--no-gazetteer", action="store_true")
    ap.add_argument("--half", choices=["tune", "check"], help="only the documents of one half")
    args = ap.parse_args()
    if not args.data.exists():
        print("skip: data absent", args.data)
        return 0
    params = dict(PARAMS, c1=args.c1, c2=args.c2, max_iterations=args.iters)
    t0 = time.time()
    docs = load_docs(args.data, args.labels, args.half)
    print(f"{len(docs)} documents, {sum(len(s) for _, s in docs)} sentences "
          f"({time.time() - t0:.0f}s)")
    if args.cv:
        args.out.mkdir(parents=True, exist_ok=True)
        # document-level folds: the k-th document (sorted by name) goes to fold k mod K
        fold_of = {name: k % args.cv for k, (name, _) in enumerate(sorted(docs))}
        jobs = []
        for k in range(args.cv):
            tr = [(name, ss) for name, ss in docs if fold_of[name] != k]
            te = [s for name, ss in docs if fold_of[name] == k for s in ss]
            jobs.append((k, tr, te, str(args.out), params, not args.no_gazetteer))
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
        gaz = train(docs, mf, params, not args.no_gazetteer)
        meta = {"data": "factRuEval-2016 devset (MIT, dialogue-evaluation), "
                        + (f"the {args.half} half" if args.half else "all documents"),
                "documents": len(docs), "sentences": sum(len(ss) for _, ss in docs),
                "labels": args.labels, "params": params, "gazetteer": len(gaz),
                "date": date.today().isoformat()}
        export(mf, ROOT / "models" / ru_ner.MODEL_STEM, meta, gaz)
        Path(mf).unlink()
        print("wrote", ROOT / "models" / (ru_ner.MODEL_STEM + ".{json,npz}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
