"""Lemma and UPOS accuracy of ``derek lemmatize`` on the UD development files, tune and check halves.

Data (``bench/common.py: data_dir``): ``ud_kk_ktb/kk_ktb-ud-test-dev-half.conllu`` (Kazakh KTB),
``ud_ru/ru_gsd-ud-dev.conllu`` and ``ud_ru/ru_taiga-ud-dev.conllu`` (Russian GSD, Taiga), each
reported on its own. A sentence's half is ``half("ud:" + sent_id)``.

What is scored: the CoNLL-U file is written again with LEMMA, UPOS, XPOS and FEATS blanked (so
nothing gold reaches derek but the word forms), the real command ``derek lemmatize --lang L``
fills it, and each syntactic word (no ``N-M`` lines, no empty nodes) is compared with the gold
row, leaving out gold PUNCT and gold lemma ``_``. Lemma match is exact (case and ё kept).

A second reading goes through ``derek run`` itself: the sentences' ``# text`` lines become
ordinary ``.txt`` sources (one per half, 50 sentences a file, a sentence a paragraph), and the
tokens derek writes (``tables/tokens.parquet``: its own tokenizer, language id and analysis)
are matched to the gold words by character span. Figures: the share of gold words derek
tokenizes with the same span, and lemma / UPOS / FEATS (Kazakh) accuracy on those words.

    .venv/bin/python bench/eval_lemma.py            # table of figures
    .venv/bin/python bench/eval_lemma.py --errors kk --half tune   # the tune half's errors
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT, data_dir, half  # noqa: E402

sys.path.insert(0, str(ROOT))
from pipeline.conllu import ConlluSentence, read_conllu, write_conllu  # noqa: E402

SETS = {  # name: (lang, path under the data folder, lemma target, upos target)
    "kk KTB": ("kk", "ud_kk_ktb/kk_ktb-ud-test-dev-half.conllu", ">= 0.93", ">= 0.88"),
    "ru GSD": ("ru", "ud_ru/ru_gsd-ud-dev.conllu", ">= 0.97", ""),
    "ru Taiga": ("ru", "ud_ru/ru_taiga-ud-dev.conllu", ">= 0.97", ""),
}
SMOKE_SENTENCES = 12
KK_NOTE = ("the tune half's forms are in pipeline/data/kk/ud_forms.txt, so tune is memorised by "
           "construction; check is unseen")
COMMAND = "python bench/eval_lemma.py"


def sent_id(s: ConlluSentence, i: int) -> str:
    for c in s.comments:
        if c.startswith("# sent_id"):
            return c.split("=", 1)[1].strip()
    return str(i)


def blank(s: ConlluSentence) -> ConlluSentence:
    """The sentence with LEMMA, UPOS, XPOS and FEATS replaced by ``_`` (derek sees only forms)."""
    return ConlluSentence(comments=list(s.comments),
                          rows=[r[:2] + ["_", "_", "_", "_"] + r[6:] for r in s.rows])


def lemmatize(lang: str, inp: Path, out: Path) -> None:
    """Run the real command line on ``inp``, writing ``out``."""
    subprocess.run([sys.executable, "-m", "pipeline.cli", "lemmatize", "--lang", lang,
                    "--input", str(inp), "--output", str(out)], check=True, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})


def score(gold: list[ConlluSentence], pred: list[ConlluSentence]) -> dict[str, dict]:
    """Per half: words, lemma and UPOS hits, and the errors."""
    if len(gold) != len(pred):
        raise ValueError(f"derek lemmatize wrote {len(pred)} sentences for {len(gold)}")
    res = {h: Counter() for h in ("tune", "check")}
    errors = {"tune": [], "check": []}
    for i, (g, p) in enumerate(zip(gold, pred)):
        h = half("ud:" + sent_id(g, i))
        c = res[h]
        grows, prows = g.word_rows(), p.word_rows()
        if len(grows) != len(prows):
            raise ValueError(f"word count differs in sentence {sent_id(g, i)}")
        for gr, pr in zip(grows, prows):
            if gr[3] == "PUNCT" or gr[2] == "_":
                continue
            c["n"] += 1
            c["lemma"] += gr[2] == pr[2]
            c["upos"] += gr[3] == pr[3]
            if gr[2] != pr[2] or gr[3] != pr[3]:
                errors[h].append((gr[1], gr[2], gr[3], pr[2], pr[3], sent_id(g, i)))
    return {h: {"counts": res[h], "errors": errors[h]} for h in res}


def run_set(name: str, work: Path, *, smoke: bool) -> dict | None:
    lang, rel, _, _ = SETS[name]
    d = data_dir()
    if d is None or not (d / rel).exists():
        return None
    gold = list(read_conllu((d / rel).open(encoding="utf-8")))
    if smoke:
        gold = gold[:SMOKE_SENTENCES]
    stem = name.replace(" ", "_")
    inp, out = work / f"{stem}.input.conllu", work / f"{stem}.derek.conllu"
    with inp.open("w", encoding="utf-8") as f:
        write_conllu([blank(s) for s in gold], f)
    lemmatize(lang, inp, out)
    pred = list(read_conllu(out.open(encoding="utf-8")))
    return score(gold, pred)


def ratio(a, b):
    return round(a / b, 4) if b else None


def figures(name: str, r: dict) -> list[dict]:
    lang, _, lt, ut = SETS[name]
    t, c = r["tune"]["counts"], r["check"]["counts"]
    base = {"n_tune": t["n"], "n_check": c["n"], "command": COMMAND}
    if lang == "kk":
        base["note"] = KK_NOTE
    out = [{"figure": f"{name} dev lemma accuracy (words)", "tune": ratio(t["lemma"], t["n"]),
            "check": ratio(c["lemma"], c["n"]), "target": lt, **base},
           {"figure": f"{name} dev UPOS accuracy (words)", "tune": ratio(t["upos"], t["n"]),
            "check": ratio(c["upos"], c["n"]), "target": ut, **base}]
    return out


def gold_spans(s: ConlluSentence, text: str, pos: int) -> list[tuple[int, int, list[str]]]:
    """(start, end, row) of each syntactic word found in order in the sentence's text, offset by
    ``pos``; a word of a multiword token takes the token's span, words not found are left out."""
    out, at = [], 0
    mwt_end = {}
    for r in s.rows:
        if "-" in r[0] and r[0].split("-")[0].isdigit():
            a, b = (int(x) for x in r[0].split("-"))
            k = text.find(r[1], at)
            if k >= 0:
                for j in range(a, b + 1):
                    mwt_end[j] = (k, k + len(r[1]))
                at = k + len(r[1])
            continue
        if not r[0].isdigit():
            continue
        if int(r[0]) in mwt_end:
            a, b = mwt_end[int(r[0])]
            out.append((pos + a, pos + b, r))
            continue
        k = text.find(r[1], at)
        if k < 0:
            continue
        out.append((pos + k, pos + k + len(r[1]), r))
        at = k + len(r[1])
    return out


def product_sources(name: str, src: Path, *, smoke: bool) -> dict[str, list] | None:
    """Write one set's sentences as sources in ``src``: ``{file stem: [(start, end, row, half)]}``."""
    lang, rel, _, _ = SETS[name]
    d = data_dir()
    if d is None or not (d / rel).exists():
        return None
    gold = list(read_conllu((d / rel).open(encoding="utf-8")))
    if smoke:
        gold = gold[:SMOKE_SENTENCES]
    golds = {}
    by_half = {"tune": [], "check": []}
    for i, s in enumerate(gold):
        text = next((c.split("=", 1)[1].strip() for c in s.comments if c.startswith("# text")), None)
        if text:
            by_half[half("ud:" + sent_id(s, i))].append((s, text))
    for h, items in by_half.items():
        for f0 in range(0, len(items), 50):
            stem = f"{name.replace(' ', '_')}_{h}_{f0 // 50:03d}"
            parts, pos, spans = [], 0, []
            for s, text in items[f0:f0 + 50]:
                if parts:
                    parts.append("\n\n")
                    pos += 2
                spans += [(a, b, r, h) for a, b, r in gold_spans(s, text, pos)]
                parts.append(text)
                pos += len(text)
            (src / f"{stem}.txt").write_text("".join(parts) + "\n", encoding="utf-8")
            golds[stem] = spans
    return golds


def run_product(work: Path, *, smoke: bool) -> dict[str, dict]:
    """Counts per set and half of ``derek run`` tokens against the gold words (one run over
    every set's sources; see the module doc)."""
    import json

    import pandas as pd
    src, out = work / "run_src", work / "run_out"
    src.mkdir(parents=True, exist_ok=True)
    golds = {}
    for name in SETS:
        g = product_sources(name, src, smoke=smoke)
        if g is not None:
            golds[name] = g
    if not golds:
        return {}
    subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(src), "-o", str(out), "--quiet",
                    "--workers", os.environ.get("DEREK_EVAL_WORKERS", "2"), "--only", "claims"],
                   cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    sid_of = {Path(e["path"]).stem: e["source_id"] for e in manifest["sources"] if e.get("status") == "ok"}
    toks = pd.read_parquet(out / "tables" / "tokens.parquet")
    results = {}
    for name, by_stem in golds.items():
        res = {h: Counter() for h in ("tune", "check")}
        for stem, spans in by_stem.items():
            t = toks[toks.source_id == sid_of.get(stem, "?")]
            at = {(int(a), int(b)): (lem, up, ft) for a, b, lem, up, ft in
                  zip(t.start, t.end, t.lemma, t.upos, t.feats if "feats" in t else [""] * len(t))}
            for a, b, r, h in spans:
                if r[3] == "PUNCT" or r[2] == "_":
                    continue
                c = res[h]
                c["n"] += 1
                p = at.get((a, b))
                if p is None:
                    continue
                c["matched"] += 1
                c["lemma"] += p[0] == r[2]
                c["upos"] += p[1] == r[3]
                c["feats"] += (p[2] or "_") == r[5]
        results[name] = res
    return results


def product_figures(name: str, r: dict) -> list[dict]:
    lang = SETS[name][0]
    t, c = r["tune"], r["check"]
    base = {"n_tune": t["n"], "n_check": c["n"], "command": COMMAND}
    if lang == "kk":
        base["note"] = KK_NOTE
    out = [{"figure": f"{name} dev, derek run: gold words tokenized with the same span", "target": "",
            "tune": ratio(t["matched"], t["n"]), "check": ratio(c["matched"], c["n"]), **base}]
    for k, label in (("lemma", "lemma"), ("upos", "UPOS")) + ((("feats", "FEATS exact"),) if lang == "kk" else ()):
        out.append({"figure": f"{name} dev, derek run: {label} accuracy (words of the same span)",
                    "tune": ratio(t[k], t["matched"]), "check": ratio(c[k], c["matched"]), "target": "",
                    **{**base, "n_tune": t["matched"], "n_check": c["matched"]}})
    return out


def evaluate(work: Path, *, smoke: bool = False) -> list[dict]:
    """Figures for every UD set present (none when the data is absent)."""
    work.mkdir(parents=True, exist_ok=True)
    figs = []
    for name in SETS:
        r = run_set(name, work, smoke=smoke)
        if r is not None:
            figs += figures(name, r)
    for name, r in run_product(work, smoke=smoke).items():
        figs += product_figures(name, r)
    return figs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp") / "derek-eval-lemma")
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--errors", choices=["kk", "ru GSD", "ru Taiga", "gsd", "taiga"],
                    help="print the errors of one set (tune half unless --half check)")
    ap.add_argument("--half", choices=["tune", "check"], default="tune")
    args = ap.parse_args()
    if data_dir() is None:
        print("skip: data absent (ud_kk_ktb / ud_ru not found under $DEREK_DATA or ../shared/data)")
        return 0
    if args.errors:
        args.work.mkdir(parents=True, exist_ok=True)
        name = {"kk": "kk KTB", "gsd": "ru GSD", "taiga": "ru Taiga"}.get(args.errors, args.errors)
        r = run_set(name, args.work, smoke=args.smoke)
        for e in r[args.half]["errors"]:
            print("\t".join(e))
        return 0
    figs = evaluate(args.work, smoke=args.smoke)
    if not figs:
        print("skip: data absent (no UD file found under $DEREK_DATA or ../shared/data)")
        return 0
    print(f"{'figure':44} {'tune':>7} {'check':>7} {'n_tune':>7} {'n_check':>7}  target")
    for f in figs:
        print(f"{f['figure']:44} {f['tune']!s:>7} {f['check']!s:>7} {f['n_tune']:>7} {f['n_check']:>7}  {f['target']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
