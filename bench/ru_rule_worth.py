"""What each family of Russian context rules is worth, through ``derek lemmatize``.

For every family of ``pipeline.morph.ru.RULES`` (the ``ru_rules_*`` module a rule lives in)
the real command line is run once with that family left out, on the UD Russian development
files (GSD, Taiga) with LEMMA/UPOS/FEATS blanked, and lemma accuracy is scored on the tune and
check halves (``half("ud:" + sent_id)``), words counted as in ``bench/eval_lemma.py``. A
family's worth is accuracy with all rules minus accuracy without it.

    .venv/bin/python bench/ru_rule_worth.py [--rules [--family ru_rules_syntax]]   # --rules: one rule at a time
"""
from __future__ import annotations

import argparse
import subprocess
import tempfile
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT, data_dir  # noqa: E402
from eval_lemma import blank, score  # noqa: E402

sys.path.insert(0, str(ROOT))
from pipeline.conllu import read_conllu, write_conllu  # noqa: E402
from pipeline.morph import ru  # noqa: E402

FILES = {"GSD": "ud_ru/ru_gsd-ud-dev.conllu", "Taiga": "ud_ru/ru_taiga-ud-dev.conllu"}
# runs `derek lemmatize` (pipeline.cli.main) with the rules named in argv[1] left out
RUNNER = ("import sys; from pipeline.morph import ru; off = set(sys.argv[1].split(',')) - {''}; "
          "ru.RULES = tuple(r for r in ru.RULES if r.__name__ not in off and r.__module__.split('.')[-1] not in off); "
          "from pipeline.cli import main; sys.exit(main(['lemmatize', '--lang', 'ru', '--input', sys.argv[2], "
          "'--output', sys.argv[3]]))")


def run(off: str, inp: Path, out: Path) -> None:
    subprocess.run([sys.executable, "-c", RUNNER, off, str(inp), str(out)], check=True, cwd=ROOT)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "derek-ru-rule-worth")
    ap.add_argument("--rules", action="store_true", help="leave out one rule at a time, not one family")
    ap.add_argument("--family", help="with --rules: only the rules of this family (e.g. ru_rules_syntax)")
    args = ap.parse_args()
    d = data_dir()
    if d is None or not all((d / f).exists() for f in FILES.values()):
        print("skip: data absent (ud_ru/*.conllu not found under $DEREK_DATA or ../shared/data)")
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    if args.rules:
        variants = [r.__name__ for r in ru.RULES
                    if not args.family or r.__module__.split(".")[-1] == args.family]
    else:
        variants = sorted({r.__module__.split(".")[-1] for r in ru.RULES})
    variants = [""] + variants + [",".join(sorted({r.__module__.split(".")[-1] for r in ru.RULES}))]
    gold = {}
    for name, rel in FILES.items():
        gold[name] = list(read_conllu((d / rel).open(encoding="utf-8")))
        with (args.work / f"{name}.input.conllu").open("w", encoding="utf-8") as f:
            write_conllu([blank(s) for s in gold[name]], f)
    base = None
    print(f"{'left out':40s}" + "".join(f"{n + ' ' + h:>14s}" for n in FILES for h in ("tune", "check")))
    for off in variants:
        row = []
        for name in FILES:
            out = args.work / f"{name}.{off.replace(',', '+') or 'all'}.conllu"
            run(off, args.work / f"{name}.input.conllu", out)
            r = score(gold[name], list(read_conllu(out.open(encoding="utf-8"))))
            for h in ("tune", "check"):
                c = r[h]["counts"]
                row.append(c["lemma"] / c["n"])
        if base is None:
            base = row
            print(f"{'(nothing: all rules)':40s}" + "".join(f"{x:14.4f}" for x in row), flush=True)
        else:
            label = off if len(off) < 40 else "(every rule family)"
            print(f"{label:40s}" + "".join(f"{x - b:+14.4f}" for x, b in zip(row, base)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
