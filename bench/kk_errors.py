"""Error analysis of pipeline.morph.kk on a UD Kazakh CoNLL-U file (tuning aid, prints only).

Usage: python bench/kk_errors.py FILE.conllu [--upos] [--lemma] [--top N]
Prints lemma and UPOS confusions (gold -> predicted) with a few example forms each.
Nothing is written: the output is for reading, never for copying into the lexicon.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.conllu import read_conllu  # noqa: E402
from pipeline.morph import kk  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", type=Path)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--lemma", action="store_true")
    ap.add_argument("--upos", action="store_true")
    ap.add_argument("--ex", type=int, default=6)
    args = ap.parse_args()
    pos_conf: Counter = Counter()
    pos_ex = defaultdict(list)
    lem_by_pos: Counter = Counter()
    lem_ex = defaultdict(list)
    n = 0
    for s in read_conllu(args.file.open(encoding="utf-8")):
        rows = s.word_rows()
        words = [r[1] for r in rows]
        pred = kk.analyze(words)
        for i, (r, (pl, pu)) in enumerate(zip(rows, pred)):
            if r[3] == "PUNCT" or r[2] == "_":
                continue
            n += 1
            ctx = " ".join(words[max(0, i - 2):i]) + " [" + words[i] + "] " + " ".join(words[i + 1:i + 3])
            if r[3] != pu:
                pos_conf[(r[3], pu)] += 1
                pos_ex[(r[3], pu)].append(f"{ctx}  (gold {r[2]}, pred {pl})")
            if r[2] != pl:
                lem_by_pos[r[3]] += 1
                lem_ex[r[3]].append(f"{r[1]}: gold {r[2]} / pred {pl} /{pu}")
    print("words", n)
    if args.upos or not args.lemma:
        print("== UPOS confusions (gold -> pred)")
        for (g, p), c in pos_conf.most_common(args.top):
            print(f"{c:4d} {g:>6} -> {p:<6}")
            for e in pos_ex[(g, p)][: args.ex]:
                print("        ", e)
    if args.lemma or not args.upos:
        print("== lemma misses by gold UPOS")
        for g, c in lem_by_pos.most_common():
            print(f"{c:4d} {g}")
            for e in lem_ex[g][: args.ex * 5]:
                print("        ", e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
