"""Organisation and legal-act recognition against the dev data ($DEREK_DATA, else ../shared/data).

    python bench/org_eval.py factru        # Russian Org mentions, factRuEval-2016 devset
    python bench/org_eval.py factru --cv /tmp/ru_org_cv   # the same, each document tagged by
                                           # the Russian CRF of the fold that held it out
    python bench/org_eval.py factru --crf      # with the shipped Russian CRF (saw this devset)
    python bench/org_eval.py nerel-org [--crf]   # Russian ORGANIZATION, NEREL dev (a
                                           # cross-dataset check; NEREL is never trained on)
    python bench/org_eval.py nerel         # Russian LAW spans, NEREL v1.1 dev (brat)
    python bench/org_eval.py nerel --split train   # the split the LAW rules were tuned on
    python bench/org_eval.py kaznerd       # Kazakh ORGANISATION, 5-fold CV of the CRF
    python bench/org_eval.py kaznerd --shuffle 0   # the same with shuffled folds
    python bench/org_eval.py all

Scores are exact-span precision / recall / F1 (micro). Prints "skip: data absent" when the
data is not there (a fresh clone); the data is never copied into the repo.

factRuEval: a gold Org mention spans its object's spans from the first start to the last
end; derek's mentions are those of ``extract_organisations`` (natasha NER + completion,
legal forms, merging). "named" scores against the gold mentions that hold a name (a
capitalised, Latin or digit word), leaving out mentions made only of common nouns
(``правительство``, ``сборной``), which are coreference rather than named entities.
NEREL: gold LAW entities (discontinuous ones skipped), nested levels included; derek's spans
are ``legal_acts.ru_acts(paragraph, articles=True)`` (acts and article references).
"""
from __future__ import annotations

import os
import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = Path(os.environ.get("DEREK_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data")


_TRIM = " \t\n«»“”„\"'"


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Span without surrounding quotes and spaces: factRuEval's token spans leave out the
    closing quote of ``ОАО «Газпром»``, so both sides are compared trimmed."""
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def prf(gold: set, pred: set) -> str:
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (gold {len(gold)}, predicted {len(pred)}, tp {tp})"


# ---------------------------------------------------------------- factRuEval


def read_factru(folder: Path):
    """(name, text, gold Org spans, outer gold Org spans) per document."""
    for txt in sorted(folder.glob("*.txt")):
        stem = txt.with_suffix("")
        text = txt.read_text(encoding="utf-8")
        spans = {}
        for line in Path(str(stem) + ".spans").read_text(encoding="utf-8").splitlines():
            p = line.split()
            if len(p) >= 4:
                spans[p[0]] = (int(p[2]), int(p[2]) + int(p[3]))
        gold = set()
        for line in Path(str(stem) + ".objects").read_text(encoding="utf-8").splitlines():
            p = line.split("#")[0].split()
            if len(p) >= 3 and p[1] == "Org":
                ss = [spans[s] for s in p[2:] if s in spans]
                if ss:
                    gold.add((min(s for s, _ in ss), max(e for _, e in ss)))
        yield txt.name, text, gold


def named(text: str, s: int, e: int) -> bool:
    """A mention that holds a name (a capitalised, Latin or digit-bearing word), not only
    common nouns (``правительство``, ``сборной``: coreference, which NER does not target)."""
    return any(w[:1].isupper() or w[:1].isdigit() or re.match(r"[A-Za-z]", w)
               for w in text[s:e].split())


def eval_factru(verbose: bool = False, cv=None, no_crf: bool = False, crf: bool = False) -> None:
    """``cv``: a folder written by ``bench/train_ru_org.py --cv K --out DIR`` (fold models +
    folds.json); each document is then tagged by the Russian CRF of the fold that held it
    out. ``no_crf``: natasha + completion rules only (the Russian CRF switched off)."""
    folder = DATA / "factrueval" / "devset"
    if not folder.exists():
        print("skip: data absent", folder)
        return
    from pipeline.extract import ru_ner
    fold_of = None
    if cv is not None:
        import json
        fold_of = json.loads((Path(cv) / "folds.json").read_text(encoding="utf-8"))
    if no_crf:
        ru_ner.use_model("/nonexistent/ru_org_crf")
    elif crf:
        ru_ner.enable()
    from pipeline.extract.organisations import extract_organisations
    from pipeline.model import Analysis, Source
    from pipeline.normalize import normalize
    gold, names, pred = set(), set(), set()
    errors = Counter()
    t0 = time.time()
    texts = {}
    for name, text, g in read_factru(folder):
        texts[name] = text
        if fold_of is not None:
            ru_ner.use_model(str(Path(cv) / f"fold{fold_of[name]}"))
        a = Analysis(source=Source(name, name, "", "txt", "utf-8", text), view=normalize(text))
        for org in extract_organisations(a, use_crf=False):
            for m in org.mentions:
                pred.add((name, *trim(text, m.start, m.end)))
        g = {trim(text, s, e) for s, e in g}
        gold |= {(name, s, e) for s, e in g}
        names |= {(name, s, e) for s, e in g if named(text, s, e)}
        if verbose:
            for s, e in g:
                if (name, s, e) not in pred:
                    errors["FN " + text[s:e]] += 1
            for n, s, e in pred:
                if n == name and (s, e) not in g:
                    errors["FP " + text[s:e]] += 1
    ru_ner.use_model(None)
    ru_ner.enable(False)
    how = ("Russian CRF of the held-out folds in " + str(cv)) if cv else (
        "shipped Russian CRF (trained on this devset: not a fair score)" if crf else "no Russian CRF")
    print(f"[{how}]")
    print(f"factRuEval devset Org (all gold mentions): {prf(gold, pred)}")
    pnamed = {(n, s, e) for n, s, e in pred if named(texts[n], s, e)}
    print(f"factRuEval devset Org (named mentions only): {prf(names, pnamed)}")
    print(f"  {time.time() - t0:.1f}s")
    if verbose:
        for k, v in errors.most_common(300):
            print(f"  {v:3d} {k}")


# ---------------------------------------------------------------- NEREL


def read_brat(folder: Path, typ: str):
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        with open(ann.with_suffix(".txt"), encoding="utf-8", newline="") as f:
            text = f.read()
        gold = set()
        for line in ann.read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            info = parts[1].split(" ")
            if info[0] != typ or ";" in parts[1]:
                continue
            gold.add((int(info[1]), int(info[-1])))
        yield ann.stem, text, gold


def eval_nerel(split: str = "dev", verbose: bool = False) -> None:
    folder = DATA / "nerel" / split
    if not folder.exists():
        print("skip: data absent", folder)
        return
    from pipeline.extract.legal_acts import ru_acts
    gold, pred = set(), set()
    errors = Counter()
    t0 = time.time()
    for name, text, g in read_brat(folder, "LAW"):
        p = set()
        pos = 0
        for para in text.split("\n"):
            for sp in ru_acts(para, articles=True):
                p.add((pos + sp.start, pos + sp.end))
            pos += len(para) + 1
        gold |= {(name, s, e) for s, e in g}
        pred |= {(name, s, e) for s, e in p}
        if verbose:
            for s, e in g - p:
                errors["FN " + text[s:e] + "   ⟨" + text[max(0, s - 30):s] + "⟩"] += 1
            for s, e in p - g:
                errors["FP " + text[s:e] + "   ⟨" + text[max(0, s - 30):s] + "⟩"] += 1
    print(f"NEREL {split} LAW: {prf(gold, pred)}  {time.time() - t0:.1f}s")
    if verbose:
        for k, v in sorted(errors.items()):
            print(f"  {v:3d} {k}")


def eval_nerel_org(split: str = "dev", crf: bool = False) -> None:
    """Russian ORGANIZATION mentions of NEREL (a cross-dataset check of the Russian CRF,
    which is trained on factRuEval only; NEREL has no licence and is never trained on).
    Gold: every ORGANIZATION entity (nested levels included, discontinuous ones skipped),
    compared trimmed as for factRuEval."""
    folder = DATA / "nerel" / split
    if not folder.exists():
        print("skip: data absent", folder)
        return
    from pipeline.extract import ru_ner
    from pipeline.extract.organisations import extract_organisations
    from pipeline.model import Analysis, Source
    from pipeline.normalize import normalize
    ru_ner.enable(crf)
    gold, pred = set(), set()
    t0 = time.time()
    for name, text, g in read_brat(folder, "ORGANIZATION"):
        a = Analysis(source=Source(name, name, "", "txt", "utf-8", text), view=normalize(text))
        for org in extract_organisations(a, use_crf=False):
            for m in org.mentions:
                pred.add((name, *trim(text, m.start, m.end)))
        gold |= {(name, *trim(text, s, e)) for s, e in g}
    ru_ner.enable(False)
    how = "shipped Russian CRF" if crf else "no Russian CRF"
    print(f"NEREL {split} ORGANIZATION [{how}]: {prf(gold, pred)}  {time.time() - t0:.1f}s")


# ---------------------------------------------------------------- KazNERD


def eval_kaznerd(folds: int = 5, shuffle=None) -> None:
    path = DATA / "kaznerd" / "IOB2_valid.txt"
    if not path.exists():
        print("skip: data absent", path)
        return
    import subprocess
    cmd = [sys.executable, str(ROOT / "bench" / "train_kk_org.py"), "--cv", str(folds)]
    if shuffle is not None:
        cmd += ["--shuffle", str(shuffle)]
    subprocess.run(cmd, check=False)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["factru", "nerel", "nerel-org", "kaznerd", "all"])
    ap.add_argument("--split", default="dev")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--cv", default=None, metavar="DIR",
                    help="factru: tag each document with the Russian CRF of its held-out fold "
                         "(DIR from bench/train_ru_org.py --cv K --out DIR)")
    ap.add_argument("--no-crf", action="store_true",
                    help="factru: without the Russian CRF (natasha + completion rules; the default)")
    ap.add_argument("--crf", action="store_true",
                    help="factru, nerel-org: with the shipped Russian CRF (models/ru_org_crf.*)")
    ap.add_argument("--shuffle", type=int, default=None, metavar="SEED",
                    help="kaznerd: shuffled folds instead of contiguous ones")
    args = ap.parse_args()
    if not DATA.exists():
        print("skip: data absent", DATA)
        return 0
    if args.what in ("factru", "all"):
        eval_factru(args.verbose, args.cv, args.no_crf, args.crf)
    if args.what in ("nerel", "all"):
        eval_nerel(args.split, args.verbose)
    if args.what == "nerel-org":
        eval_nerel_org(args.split, args.crf)
    if args.what in ("kaznerd", "all"):
        eval_kaznerd(shuffle=args.shuffle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
