"""Group derek's Russian lemma errors on UD CoNLL-U files by category.

Usage: python bench/ru_lemma_errors.py FILE.conllu [FILE ...] [--examples 8] [--only CATEGORY]
       [--dump errors.tsv]

Runs pipeline.morph.ru.analyze_many on the FORM column (the same call as
`derek lemmatize --lang ru`) and counts words as bench/lemma_accuracy.py does
(no multiword-token lines, no empty nodes, no gold PUNCT, no gold lemma `_`).
Each lemma error is put in the first category that fits (see ``category``);
per category the count, the share of all errors and the most frequent
(form, predicted, gold) examples are printed. This is an analysis tool: nothing
here feeds the analyser.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.conllu import read_conllu  # noqa: E402

_LAT = re.compile(r"[A-Za-z]")
_CYR = re.compile(r"[А-Яа-яЁё]")
_STRETCH = re.compile(r"([а-яё])\1\1", re.I)


def _no_yo(s: str) -> str:
    return s.replace("ё", "е").replace("Ё", "Е")


def category(form: str, pred: str, gold: str, gupos: str, pupos: str) -> str:
    """First matching error category (order matters: the specific before the general)."""
    if pred.lower() == gold.lower():
        return "case-of-letters/" + gupos
    if _no_yo(pred) == _no_yo(gold):
        return "yo"
    if form.startswith("#"):
        return "hashtag"
    if form.startswith(("http", "www", "@")):
        return "url/mention"
    if _LAT.search(form) and not _CYR.search(form):
        return "latin/" + gupos
    if any(ch.isdigit() for ch in form):
        return "digits/" + gupos
    if _STRETCH.search(form):
        return "stretched"
    if "." in form or (form.isupper() and len(form) > 1):
        return "abbreviation/" + gupos
    pl, gl = pred.lower(), gold.lower()
    if gupos == "VERB" and (pl.endswith(("ся", "сь")) != gl.endswith(("ся", "сь"))):
        return "verb-sya"
    if gupos in ("VERB", "AUX") and pupos in ("ADJ", "NOUN") or gupos == "ADJ" and pupos == "VERB":
        return f"participle {pupos}->{gupos}"
    if form.lower().endswith(("ее", "ей", "ше", "же", "че", "ще")) and gupos in ("ADJ", "ADV") and \
            gl != form.lower() or gl == form.lower() and pupos in ("ADJ", "ADV") and \
            form.lower().endswith(("ее", "ше", "же", "че", "ще")):
        return "comparative/" + gupos
    if gupos == "ADJ" and gl.endswith(("ый", "ий", "ой")) and not pl.endswith(("ый", "ий", "ой")):
        return "short-adj/pred-o"
    if {gupos, pupos} == {"ADJ", "ADV"}:
        return "adj-vs-adv"
    if gupos == "PROPN" or pupos == "PROPN":
        if gl.endswith(("ович", "евич", "ична", "овна", "евна", "инична")):
            return "patronymic"
        if gupos == "PROPN" and pupos != "PROPN":
            return "propn-missed/" + pupos
        if pupos == "PROPN" and gupos != "PROPN":
            return "propn-spurious/" + gupos
        return "propn-lemma"
    if gupos == "NUM" or pupos == "NUM":
        return "numeral"
    if gupos in ("PRON", "DET"):
        return "pron-det"
    if gupos != pupos:
        return f"upos {pupos}->{gupos}"
    return "same-upos/" + gupos


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--examples", type=int, default=8)
    ap.add_argument("--only", help="print all examples of categories starting with this")
    ap.add_argument("--dump", type=Path, help="write every error as TSV")
    ap.add_argument("--upos", action="store_true", help="also count UPOS confusions")
    args = ap.parse_args()
    from pipeline.morph import ru

    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for f in args.files:
        sents = list(read_conllu(f.open(encoding="utf-8")))
        forms = [[r[1] for r in s.word_rows()] for s in sents]
        pred = ru.analyze_many(forms)
        n = 0
        cats: Counter = Counter()
        ex: dict[str, Counter] = defaultdict(Counter)
        upos_conf: Counter = Counter()
        for s, res in zip(sents, pred):
            rows = s.word_rows()
            words = [r[1] for r in rows]
            for k, (g, (pl, pu)) in enumerate(zip(rows, res)):
                if g[3] == "PUNCT" or g[2] == "_":
                    continue
                n += 1
                if g[3] != pu:
                    upos_conf[(pu, g[3])] += 1
                if g[2] == pl:
                    continue
                c = category(g[1], pl, g[2], g[3], pu)
                cats[c] += 1
                ex[c][(g[1], pl, pu, g[2], g[3])] += 1
                if dump:
                    ctx = " ".join(words[max(0, k - 4):k]) + " [" + words[k] + "] " + " ".join(words[k + 1:k + 4])
                    dump.write("\t".join((f.name, c, g[1], pl, pu, g[2], g[3], ctx)) + "\n")
        total = sum(cats.values())
        print(f"== {f.name}: words={n} lemma errors={total} (acc {1 - total / n:.4f})")
        for c, k in cats.most_common():
            if args.only and not c.startswith(args.only):
                continue
            top = ex[c].most_common(None if args.only else args.examples)
            shown = "; ".join(f"{a}->{b}/{pu} (gold {d}/{e})" + (f" x{m}" if m > 1 else "")
                              for (a, b, pu, d, e), m in top)
            print(f"{k:5d} {k / total:6.1%}  {c:28s} {shown}")
        if args.upos:
            print("-- UPOS confusions (pred->gold)")
            for (a, b), k in upos_conf.most_common(25):
                print(f"{k:5d}  {a}->{b}")
    if dump:
        dump.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
