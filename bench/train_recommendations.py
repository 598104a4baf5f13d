"""Train the recommendation classifier and write ``models/rec_classifier.json``.

    python bench/train_recommendations.py [--out models/rec_classifier.json] [--written-weight 0.3]

Data (``bench/data/recommendations/``):

* ``real.csv``: sentences of third-party data labelled by hand (``none | proposal | demand |
  directive``); only the **tune** half (``common.half(doc_id)``) is read. Each sentence is seen
  in its document, as ``derek run`` sees it (``eval_recommendations.write_sources``): the
  document is analysed by ``pipeline.process`` and every sentence with candidates gets the
  features the extractor computes (``recommendations.sentence_items``), labelled by the
  hand-labelled sentence it overlaps (sentences nobody labelled are left out);
* ``train.csv`` and ``eval.csv``: sentences written by the team (binary labels); they add
  examples of the authors' proposals, which the real data hardly has, at a lower weight
  (``--written-weight``; 0 leaves them out): label 1 becomes the kind of the sentence's first
  cue (``proposal`` or ``demand``), 0 becomes ``none``.

Model: scikit-learn's multinomial LogisticRegression over binary features. C, the weight of the
written sentences and the threshold on P(not none) are chosen by 5-fold cross-validation over
the real tune documents (folds by document; both versions of a kzlaw act share a fold),
maximising F1 among the settings whose precision reaches --min-precision (0.90) in each
language. Precision and recall are cross-validated as ``derek run`` is measured: by labelled
sentence, a sentence found when one of its units is accepted. A ``none`` sentence read as several
units teaches ``none`` through its first unit only (``--every-none-unit``: through every unit).
The cross-validated kzlaw count agreement (every unit of the tune acts, decided by a model that
did not see the act) is printed beside them (``--agreement-weight`` adds it to F1 in the choice).
Stored as JSON (class -> feature -> weight); no pickle.
"""
from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT, data_dir, half, require_data  # noqa: E402

sys.path.insert(0, str(ROOT))
import eval_recommendations as E  # noqa: E402
from pipeline import process  # noqa: E402
from pipeline.extract import recommendations as R  # noqa: E402

CLASSES = ("none", "proposal", "demand", "directive")
WRITTEN = [ROOT / "bench/data/recommendations/train.csv", ROOT / "bench/data/recommendations/eval.csv"]


def gate(it: "R.Item") -> str:
    """What ``recommendations.decide`` says before the model: ``reject`` (a question), ``forced``
    (an item of a proposing list, a plan's cell that names a measure), ``explicit`` (accepted below the threshold) or ``model``."""
    if R.is_question(it.view.text) or any(
            "?" in it.view.text[c.cue.end:c.cue.end + 2] for c in it.cands if c.source == "cue"):
        return "reject"
    if it.forced or it.order:
        return "forced"
    return "explicit" if R._explicit(it) else "model"


def real_examples(data: Path, *, part: str = "tune") -> tuple[list[dict], list[dict]]:
    """Feature lists of the labelled sentences of one half, each with its label and document;
    and every candidate unit of the kzlaw acts of that half (labelled or not) with its act,
    language and ``gate``, for the cross-validated count agreement of the two versions."""
    rows = [r for r in E.read_gold(data) if r["half"] == part]
    docs: dict[str, list] = defaultdict(list)
    texts: dict[str, str] = {}
    for r in rows:
        if r["path"]:
            docs[r["path"]].append((r, r["start"], r["end"]))
            texts[r["path"]] = E.read_raw(data / r["path"])
    for act in sorted(p.name for p in (data / "kzlaw").iterdir() if p.is_dir()):
        if half(f"kzlaw:{act}") != part:
            continue
        for name in ("kaz.md", "rus.md"):
            path = f"kzlaw/{act}/{name}"
            if (data / path).exists() and path not in texts:
                docs[path] = []
                texts[path] = E.read_raw(data / path)
    kz = [r for r in rows if not r["path"]]
    for k in range(0, len(kz), 50):
        key, parts, pos = f"kaznerd_{k // 50:03d}", [], 0
        for r in kz[k:k + 50]:
            docs[key].append((r, pos, pos + len(r["text"])))
            parts.append(r["text"])
            pos += len(r["text"]) + 2
        texts[key] = "\n\n".join(parts) + "\n"
    out, seen, acts = [], set(), []
    for n, (key, spans) in enumerate(sorted(docs.items())):
        a = process(texts[key], source_id=f"d{n}")
        by_sent: dict = defaultdict(list)
        for it in R.sentence_items(a):
            by_sent[it.view.sent.sent_id].append(it)
            if key.startswith("kzlaw/"):
                acts.append({"feats": it.feats, "doc": f"kzlaw:{key.split('/')[1]}", "lang": it.view.sent.lang,
                             "gate": gate(it)})
        for its in by_sent.values():
            s = its[0].view.sent
            hit = [r for r, x, y in spans if x < s.end and y > s.start]
            if not hit:
                continue
            seen.update(r["id"] for r in hit)
            label = hit[0]["label"]
            if len(its) > 1:
                # a labelled sentence read as several units (table cells, blocks): a positive label is
                # that of the unit whose words order or demand (else the first), the others are left
                # out; "none" is kept on every unit with its number (``unit``): by default only the
                # first unit, which the label was given to, learns it (see --every-none-unit)
                its = its if label == "none" else [
                    next((it for it in its if any(c.source in ("cue", "form") for c in it.cands)), its[0])]
            for k, it in enumerate(its):
                out.append({"feats": it.feats, "label": label, "doc": hit[0]["doc_id"], "lang": s.lang,
                            "id": hit[0]["id"], "w": 1.0, "unit": k})
        print(f"  {key}: {len(out)} examples so far", file=sys.stderr)
    missed = [r for r in rows if r["label"] != "none" and r["id"] not in seen]
    print(f"labelled positives without a candidate: {len(missed)}", file=sys.stderr)
    for r in missed:
        print(f"  no candidate\t{r['id']}\t{r['lang']}\t{r['label']}\t{r['text'][:160]!r}", file=sys.stderr)
    return out, acts


def written_examples() -> list[dict]:
    out = []
    for path in WRITTEN:
        with open(path, encoding="utf-8", newline="") as f:
            rows = [r for r in csv.DictReader(f) if r["lang"] in ("kk", "ru")]
        for lang in ("kk", "ru"):
            sel = [r for r in rows if r["lang"] == lang]
            text = "\n\n".join(" ".join(r["text"].split()) for r in sel) + "\n"
            starts, pos = [], 0
            for r in sel:
                starts.append((pos, pos + len(" ".join(r["text"].split())), r))
                pos += len(" ".join(r["text"].split())) + 2
            a = process(text, source_id=f"w{lang}")
            for it in R.sentence_items(a):
                s = it.view.sent
                hit = [r for x, y, r in starts if x < s.end and y > s.start]
                if not hit:
                    continue
                lab = "none"
                if hit[0]["label"] == "1":
                    k = it.cands[0].kind
                    lab = k if k in ("proposal", "demand") else "demand"
                out.append({"feats": it.feats, "label": lab, "doc": "written", "lang": lang, "w": 1.0,
                            "id": "written"})
    return out


def fold_of(doc: str, k: int = 5) -> int:
    return hashlib.sha256(doc.encode("utf-8")).digest()[1] % k


def fit(ex: list[dict], C: float, ww: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    X = vec.fit_transform([{f: 1 for f in e["feats"]} for e in ex])
    y = [e["label"] for e in ex]
    w = [e["w"] * (ww if e["doc"] == "written" else 1.0) for e in ex]
    clf = LogisticRegression(C=C, max_iter=3000)
    clf.fit(X, y, sample_weight=w)
    return vec, clf


def predict(vec, clf, ex):
    P = clf.predict_proba(vec.transform([{f: 1 for f in e["feats"]} for e in ex]))
    cls = list(clf.classes_)
    out = []
    for row in P:
        p = dict(zip(cls, row))
        kind = max((c for c in cls if c != "none"), key=lambda c: p[c])
        out.append((1.0 - p.get("none", 0.0), kind))
    return out


def agreement(preds, units, thr) -> float:
    """Share of acts whose Kazakh and Russian versions give counts within 15% of each other
    (``eval_recommendations.agreement``), counting the units ``recommendations.decide`` accepts."""
    counts: dict = defaultdict(int)
    for (p, _), u in zip(preds, units):
        counts[(u["doc"], u["lang"])] += u["gate"] == "forced" or (u["gate"] != "reject" and (
            u["gate"] == "explicit" or p >= thr))
    acts = sorted({d for d, _ in counts} | {u["doc"] for u in units})
    ok = [abs(counts[(d, "kk")] - counts[(d, "ru")]) <= 0.15 * max(counts[(d, "kk")], counts[(d, "ru")])
          for d in acts]
    return sum(ok) / len(ok) if ok else 0.0


def prf(preds, ex, thr):
    """Precision, recall, F1 and kind accuracy by labelled sentence, as ``derek run`` is measured:
    a sentence read as several units is found when one of them is accepted (the kind is that of
    its most probable unit)."""
    best: dict = {}
    for (p, kind), e in zip(preds, ex):
        if e["id"] not in best or p > best[e["id"]][0][0]:
            best[e["id"]] = ((p, kind), e)
    tp = fp = fn = ok = 0
    for (p, kind), e in best.values():
        gold = e["label"] != "none"
        if p >= thr and gold:
            tp += 1
            ok += kind == e["label"]
        elif p >= thr:
            fp += 1
        elif gold:
            fn += 1
    P = tp / (tp + fp) if tp + fp else 0.0
    Rc = tp / (tp + fn) if tp + fn else 0.0
    return P, Rc, 2 * P * Rc / (P + Rc) if P + Rc else 0.0, ok / tp if tp else 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(R.MODEL_PATH))
    ap.add_argument("--written-weights", default="0.3")
    ap.add_argument("--cs", default="0.3,1,3")
    ap.add_argument("--cache", default="", help="a JSON file keeping the examples' features between runs "
                    "(outside the repository; delete it when the extractor changes)")
    ap.add_argument("--drop", default="", help="comma-separated feature prefixes left out (e.g. 'l=' for the "
                    "lemma bag)")
    ap.add_argument("--min-precision", type=float, default=0.90,
                    help="cross-validated precision a setting must reach before F1 decides")
    ap.add_argument("--every-none-unit", action="store_true",
                    help="label every unit of a sentence labelled none as none (default: its first unit only)")
    ap.add_argument("--agreement-weight", type=float, default=0.0,
                    help="weight of the cross-validated kzlaw count agreement beside F1 in the choice")
    args = ap.parse_args(argv)
    require_data("kzlaw")
    data = data_dir()
    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.exists():
        with open(cache, encoding="utf-8") as fh:
            real, written, units = json.load(fh)
    else:
        (real, units), written = real_examples(data), written_examples()
        if cache is not None:
            with open(cache, "w", encoding="utf-8") as fh:
                json.dump([real, written, units], fh, ensure_ascii=False)
    scored = real  # cross-validated by labelled sentence, every unit of it
    if not args.every_none_unit:
        real = [e for e in real if e["label"] != "none" or e.get("unit", 0) == 0]
    drop = tuple(x for x in args.drop.split(",") if x)
    if drop:
        for e in real + written + units:
            e["feats"] = [f for f in e["feats"] if not f.startswith(drop)]
    print(f"examples: real tune {len(real)} {Counter(e['label'] for e in real)}; written {len(written)}")
    best = None
    for ww in [float(x) for x in args.written_weights.split(",")]:
        for C in [float(x) for x in args.cs.split(",")]:
            preds, upreds = [None] * len(scored), [None] * len(units)
            for k in range(5):
                tr = [e for e in real if fold_of(e["doc"]) != k] + (written if ww > 0 else [])
                te = [i for i, e in enumerate(scored) if fold_of(e["doc"]) == k]
                ute = [i for i, u in enumerate(units) if fold_of(u["doc"]) == k]
                if not te and not ute:
                    continue
                vec, clf = fit(tr, C, ww)
                for i, pr in zip(te, predict(vec, clf, [scored[i] for i in te])):
                    preds[i] = pr
                for i, pr in zip(ute, predict(vec, clf, [units[i] for i in ute])):
                    upreds[i] = pr
            for thr in [x / 100 for x in range(30, 91, 5)]:
                P, Rc, F, K = prf(preds, scored, thr)
                A = agreement(upreds, units, thr)
                by_lang = {lang: prf([pr for pr, e in zip(preds, scored) if e["lang"] == lang],
                                     [e for e in scored if e["lang"] == lang], thr) for lang in ("kk", "ru")}
                worst = min(x[0] for x in by_lang.values())  # each language must reach the precision
                key = (worst >= args.min_precision, round(F + args.agreement_weight * A, 4), -ww)
                print(f"  written={ww} C={C} thr={thr:.2f}: P={P:.3f} R={Rc:.3f} F1={F:.3f} kind={K:.3f} "
                      f"kzlaw agreement={A:.3f} " + " ".join(f"{lang} P={x[0]:.3f} R={x[1]:.3f}"
                                                           for lang, x in by_lang.items()))
                if best is None or key > best[0]:
                    best = (key, ww, C, thr, P, Rc, F, K, A)
    _, ww, C, thr, P, Rc, F, K, A = best
    print(f"chosen by 5-fold cv on the real tune half: written_weight={ww} C={C} threshold={thr} "
          f"P={P:.3f} R={Rc:.3f} F1={F:.3f} kind={K:.3f} kzlaw agreement={A:.3f}")
    vec, clf = fit(real + (written if ww > 0 else []), C, ww)
    names = vec.get_feature_names_out()
    classes = [str(c) for c in clf.classes_]
    coef = clf.coef_ if len(classes) > 2 else None
    weights = {c: {str(n): round(float(w), 5) for n, w in zip(names, coef[i]) if abs(w) >= 1e-4}
               for i, c in enumerate(classes)}
    model = {
        "kind": "multinomial logistic regression over binary string features "
                "(pipeline.extract.recommendations.sentence_features)",
        "trained": datetime.date.today().isoformat(),
        "dropped_features": list(drop),
        "data": {"real_tune": len(real), "labels": dict(Counter(e["label"] for e in real)),
                 "written": len(written) if ww > 0 else 0, "written_weight": ww},
        "C": C,
        "cv": {"precision": round(P, 4), "recall": round(Rc, 4), "f1": round(F, 4), "kind_accuracy": round(K, 4),
               "kzlaw_agreement": round(A, 4)},
        "threshold": thr,
        "classes": classes,
        "intercept": {c: round(float(b), 5) for c, b in zip(classes, clf.intercept_)},
        "weights": {c: dict(sorted(w.items())) for c, w in weights.items()},
    }
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(model, fh, ensure_ascii=False, indent=0)
        fh.write("\n")
    print(f"wrote {args.out}: {sum(len(w) for w in weights.values())} weights")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
