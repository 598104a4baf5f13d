"""Figures of the language layer for ``bench/evaluate_product.py``: speed of ``derek run`` on
real text against natasha, mixed kk/ru words per CPU second, 1 -> 2 workers, peak RSS per
worker (all measured by ``bench/throughput.py`` on the whole command, model loading
included). Russian lemma accuracy through ``derek lemmatize`` is ``bench/eval_lemma.py``'s;
what each family of Russian context rules is worth there is ``bench/ru_rule_worth.py``'s.

These figures have no tune/check halves: nothing in them is learned from the texts.

    python bench/eval_language_layer.py [--smoke]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import throughput  # noqa: E402
from common import data_dir  # noqa: E402

COMMAND = "python bench/eval_language_layer.py"


def evaluate(work: Path, *, smoke: bool = False) -> list[dict]:
    """The throughput figures (none when the data is absent). ``smoke``: the natasha comparison
    on a few files only (two processes, each loading its models)."""
    figs = throughput.evaluate(work, smoke=smoke, russian=True, mixed=not smoke)
    for f in figs:
        f["command"] = COMMAND
    return figs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "derek-eval-language-layer")
    ap.add_argument("--smoke", action="store_true")
    args = ap.parse_args()
    if data_dir() is None:
        print("skip: data absent (factrueval, nerel, kaznerd, kzlaw not found under $DEREK_DATA or ../shared/data)")
        return 0
    figs = evaluate(args.work, smoke=args.smoke)
    if not figs:
        print("skip: data absent (factrueval, nerel, kaznerd, kzlaw not found under $DEREK_DATA or ../shared/data)")
        return 0
    print(f"\n{'figure':100s} {'value':>8s}  target")
    for f in figs:
        print(f"{f['figure'][:100]:100s} {f['tune']!s:>8s}  {f['target']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
