"""Error analysis of pipeline.morph.kk on the UD Kazakh-KTB dev file (tuning aid, prints only).

Usage: python bench/kk_errors.py [--half tune|check] [--crossfit] [--upos] [--lemma] [--top N]

Reads ``ud_kk_ktb/kk_ktb-ud-test-dev-half.conllu`` from the data folder (``bench/common.py``)
and looks at the **tune** half only unless told otherwise (``--half check`` is for reading a
figure, never for tuning). Prints lemma and UPOS confusions (gold -> predicted) with a few
example forms each. Nothing is written.

``--crossfit``: the tune half's own form list (``pipeline/data/kk/ud_forms.txt``) makes the tune
half look solved; with this flag the tune half is split in two folds (``half("kkupos:" + id)``)
and each fold is analysed with a form list built from the other fold and the train file only,
so the errors and the accuracy printed are those of text the form list has not seen.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT, half, require_data  # noqa: E402

sys.path.insert(0, str(ROOT))

from pipeline.conllu import read_conllu  # noqa: E402


def sentences(path: Path):
    for s in read_conllu(path.open(encoding="utf-8")):
        sid = next((c.split("=", 1)[1].strip() for c in s.comments if c.startswith("# sent_id")), "")
        yield sid, s


def form_rows(sents) -> list[str]:
    """``form\\tlemma\\tUPOS\\tcount`` lines of some sentences (as kk_lexicon_build.py --ud writes)."""
    c = Counter()
    for _, s in sents:
        for r in s.word_rows():
            if r[3] in ("PUNCT", "NUM", "SYM") or r[2] == "_":
                continue
            c[(r[1].lower(), r[2], r[3])] += 1
    return [f"{f}\t{lem}\t{u}\t{n}" for (f, lem, u), n in c.items()]


def use_form_list(rows: list[str]) -> None:
    """A fresh lexicon whose form list holds only ``rows``; the analyser's caches cleared."""
    from pipeline.morph import kk, kk_lexicon
    kk_lexicon.lexicon.cache_clear()
    kk_lexicon.load_ud_forms(kk_lexicon.lexicon(), rows)
    for fn in (kk._best, kk._best_converb, kk._vn_noun, kk._seen_form, kk._is_suffix_chain,
               kk.lemmatize_word, kk._tail_kind, kk._analyse_word):
        fn.cache_clear()


def batches(args) -> list[tuple[list[str] | None, list]]:
    """(form list or None for the shipped one, sentences) to analyse."""
    ktb = require_data("ud_kk_ktb")
    dev = list(sentences(ktb / "kk_ktb-ud-test-dev-half.conllu"))
    part = [(sid, s) for sid, s in dev if half("ud:" + sid) == args.half]
    if not args.crossfit:
        return [(None, part)]
    train = list(sentences(ktb / "kk_ktb-ud-train.conllu"))
    folds = {k: [(sid, s) for sid, s in part if half("kkupos:" + sid) == k] for k in ("tune", "check")}
    return [(form_rows(folds["check"] + train), folds["tune"]),
            (form_rows(folds["tune"] + train), folds["check"])]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--half", choices=["tune", "check"], default="tune")
    ap.add_argument("--crossfit", action="store_true")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--lemma", action="store_true")
    ap.add_argument("--upos", action="store_true")
    ap.add_argument("--ex", type=int, default=6)
    args = ap.parse_args()
    if args.crossfit:
        os.environ["DEREK_KK_NO_UD"] = "1"
    from pipeline.morph import kk
    pos_conf: Counter = Counter()
    pos_ex = defaultdict(list)
    lem_by_pos: Counter = Counter()
    lem_ex = defaultdict(list)
    n = ok_l = ok_u = 0
    for rows_list, sents in batches(args):
        if rows_list is not None:
            use_form_list(rows_list)
        for _, s in sents:
            rows = s.word_rows()
            words = [r[1] for r in rows]
            pred = kk.analyze(words)
            for i, (r, (pl, pu)) in enumerate(zip(rows, pred)):
                if r[3] == "PUNCT" or r[2] == "_":
                    continue
                n += 1
                ok_l += r[2] == pl
                ok_u += r[3] == pu
                ctx = " ".join(words[max(0, i - 2):i]) + " [" + words[i] + "] " + " ".join(words[i + 1:i + 3])
                if r[3] != pu:
                    pos_conf[(r[3], pu)] += 1
                    pos_ex[(r[3], pu)].append(f"{ctx}  (gold {r[2]}, pred {pl})")
                if r[2] != pl:
                    lem_by_pos[r[3]] += 1
                    lem_ex[r[3]].append(f"{r[1]}: gold {r[2]} / pred {pl} /{pu}")
    print(f"{args.half} half{' (2-fold cross-fit)' if args.crossfit else ''}: words {n}, "
          f"lemma {ok_l / max(n, 1):.4f}, UPOS {ok_u / max(n, 1):.4f}")
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
