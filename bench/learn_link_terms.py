"""Learn Kazakh -> Russian word pairs for entity linking from the parallel kzlaw acts (tune half only).

The acts are those of ``kzlaw/`` in the development data and, unless ``--no-more``, the acts of
the same repositories copied into ``bench/data/kzlaw_more`` (their tune half too).

Rebuilds ``pipeline/data/common/link_learned.tsv``. Each act of ``kzlaw/`` exists in Kazakh and
Russian (official translations). The method:

1. ``derek run`` over the Kazakh and Russian versions of the **tune** acts (``kzlaw:<folder>``
   ids, ``bench/common.py: half``); lemmas and UPOS come from what derek wrote (tokens table).
2. Sentences of the two versions are aligned in order by dynamic programming (1-1, 1-0, 0-1, 2-1,
   1-2 steps) on length and on the numbers they contain (a Gale-Church-style alignment).
3. For content lemmas (NOUN, PROPN, ADJ) co-occurring in aligned sentence pairs, the Dice
   coefficient ``2 c(k, r) / (f(k) + f(r))`` is computed; a pair is kept when it is the best
   partner of both its words, seen in at least ``--min-count`` aligned pairs, with Dice >= ``--min-dice``.

    .venv/bin/python bench/learn_link_terms.py [--work DIR] [--min-count 3] [--min-dice 0.5]
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT, half, monotone_beads, parallel_acts, require_data  # noqa: E402

OUT = ROOT / "pipeline" / "data" / "common" / "link_learned.tsv"
CONTENT = {"NOUN", "PROPN", "ADJ"}
WORD = re.compile(r"[^\W\d_]{2,}(?:-[^\W\d_]+)*")  # a word of letters (no markup, no digits)


def run_tune_acts(work: Path, *, more: bool = True) -> Path:
    require_data("kzlaw")
    src = work / "src"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    sys.path.insert(0, str(ROOT))
    from pipeline.ingest import FORMATS

    suffix = ".md" if ".md" in FORMATS else ".txt"
    for stem, doc, p in parallel_acts(more=more):
        if half(doc) == "tune":
            shutil.copyfile(p / "kaz.md", src / f"{stem}_kk{suffix}")
            shutil.copyfile(p / "rus.md", src / f"{stem}_ru{suffix}")
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(src), "-o", str(out), "--workers", "1"],
                   cwd=ROOT, check=False, capture_output=True)
    return out


def sentences_by_source(out: Path) -> dict[str, list[tuple[int, set[str], set[str]]]]:
    """``{file stem: [(length, numbers, content lemmas)]}`` per sentence, in order."""
    import json

    import pandas as pd

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    stem_of = {s["source_id"]: Path(s["path"]).stem for s in manifest["sources"]}
    toks = pd.read_parquet(out / "tables" / "tokens.parquet", columns=["source_id", "sent_id", "text", "lemma", "upos"])
    sents = pd.read_parquet(out / "tables" / "sentences.parquet", columns=["source_id", "sent_id", "start", "end"])
    by_sent: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for sid, text, lemma, upos in zip(toks["sent_id"], toks["text"], toks["lemma"], toks["upos"]):
        nums, lems = by_sent[sid]
        if re.fullmatch(r"\d+", text or ""):
            nums.add(text)
        elif upos in CONTENT and lemma and WORD.fullmatch(lemma):
            lems.add(lemma.lower().replace("ё", "е"))
    res: dict[str, list] = defaultdict(list)
    for src, sid, s, e in sents.sort_values(["source_id", "start"]).itertuples(index=False):
        nums, lems = by_sent.get(sid, (set(), set()))
        res[stem_of.get(src, src)].append((e - s, nums, lems))
    return res


def align(a: list, b: list) -> list[tuple[list[int], list[int]]]:
    """Sentence alignment by DP on length ratio and shared numbers."""
    import math

    def pair_cost(ia, ib) -> float:
        la = sum(a[i][0] for i in ia) + 1
        lb = sum(b[j][0] for j in ib) + 1
        c = abs(math.log(la / lb)) * 2
        na = set().union(*(a[i][1] for i in ia))
        nb = set().union(*(b[j][1] for j in ib))
        if na or nb:
            c += 1.0 - len(na & nb) / len(na | nb)
        return c

    steps = [(1, 1, 0.0), (1, 0, 1.5), (0, 1, 1.5), (2, 1, 0.6), (1, 2, 0.6)]
    beads = monotone_beads(len(a), len(b), steps, lambda ia, ib: pair_cost(ia, ib) if ia and ib else 0.0)
    return [(list(ia), list(ib)) for ia, ib in beads if ia and ib]


def tune_numbers(*, more: bool = True) -> set[str]:
    """Stems of the acts in the tune half (the only ones learned from)."""
    return {stem for stem, doc, _ in parallel_acts(more=more) if half(doc) == "tune"}


def learn(out: Path, *, min_count: int, min_dice: float, more: bool = True) -> list[tuple[str, str, int, float]]:
    sents = sentences_by_source(out)
    tune = tune_numbers(more=more)
    co: Counter = Counter()
    fk: Counter = Counter()
    fr: Counter = Counter()
    for stem in sorted(sents):
        if not stem.endswith("_kk") or stem[:-3] not in tune:
            continue
        other = stem[:-3] + "_ru"
        if other not in sents:
            continue
        for ia, ib in align(sents[stem], sents[other]):
            kk = set().union(*(sents[stem][i][2] for i in ia))
            ru = set().union(*(sents[other][j][2] for j in ib))
            fk.update(kk)
            fr.update(ru)
            for k in kk:
                for r in ru:
                    co[(k, r)] += 1
    dice = {(k, r): 2 * c / (fk[k] + fr[r]) for (k, r), c in co.items() if c >= min_count}
    best_k: dict[str, tuple[float, str]] = {}
    best_r: dict[str, tuple[float, str]] = {}
    for (k, r), d in dice.items():
        if d > best_k.get(k, (0, ""))[0]:
            best_k[k] = (d, r)
        if d > best_r.get(r, (0, ""))[0]:
            best_r[r] = (d, k)
    pairs = []
    for k, (d, r) in best_k.items():
        if d >= min_dice and best_r.get(r, (0, ""))[1] == k and k != r:
            pairs.append((k, r, co[(k, r)], round(d, 3)))
    return sorted(pairs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "derek-link-terms")
    ap.add_argument("--out-dir", type=Path, help="reuse a finished derek run over the tune acts")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-dice", type=float, default=0.5)
    ap.add_argument("--no-more", action="store_true", help="the kzlaw tune acts only, not bench/data/kzlaw_more's")
    args = ap.parse_args()
    out = args.out_dir or run_tune_acts(args.work, more=not args.no_more)
    pairs = learn(out, min_count=args.min_count, min_dice=args.min_dice, more=not args.no_more)
    head = [
        "# Kazakh -> Russian lemma pairs learned from the parallel kzlaw acts"
        + ("" if args.no_more else " and bench/data/kzlaw_more") + " (tune half only) by",
        "# bench/learn_link_terms.py: sentence alignment + Dice over content lemmas, mutual best partners,",
        f"# count >= {args.min_count}, Dice >= {args.min_dice}. Rebuilt {date.today().isoformat()}; do not edit by hand.",
        "# kk lemma <TAB> ru lemma <TAB> aligned pairs <TAB> Dice",
    ]
    OUT.write_text("\n".join(head + [f"{k}\t{r}\t{c}\t{d}" for k, r, c, d in pairs]) + "\n", encoding="utf-8")
    print(f"{len(pairs)} pairs -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
