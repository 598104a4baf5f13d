"""Linking precision from links checked by hand: ``bench/data/links_checked.tsv``.

``sample OUT``: draws up to ``-n`` links from a ``derek run`` output (pairs of records that the
registry made one entity: different names, or one name in different sources), at random with a
fixed seed, and writes them to the TSV with an empty ``verdict`` column; verdicts already given
to the same pair of names are kept, so the file can be refreshed after the linker changes.
A person then writes ``ok`` (one body / act), ``wrong`` (two) or ``junk`` (a record that is no
organisation or act at all: an extraction error, left out of linking precision) in ``verdict``.

``score``: linking precision = ok / (ok + wrong) over the rows with a verdict; ``--current OUT ...``
only over the checked pairs that those outputs still link (after the linker changed).

    .venv/bin/python bench/link_check.py sample OUT [-n 200]
    .venv/bin/python bench/link_check.py sample OUT --add -n 40   # more pairs, the checked ones kept
    .venv/bin/python bench/link_check.py score
    .venv/bin/python bench/link_check.py score --current OUT1 OUT2
"""
from __future__ import annotations

import argparse
import csv
import itertools
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILE = ROOT / "bench" / "data" / "links_checked.tsv"
FIELDS = ["type", "lang_a", "name_a", "lang_b", "name_b", "evidence", "verdict", "note"]


def read() -> list[dict]:
    if not FILE.exists():
        return []
    with FILE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


def _pair_key(r: dict) -> tuple:
    return (r["type"],) + tuple(sorted([(r["lang_a"], r["name_a"]), (r["lang_b"], r["name_b"])]))


def sample(out: Path, n: int, seed: int = 13) -> list[dict]:
    import pandas as pd

    links = pd.read_parquet(out / "tables" / "entity_links.parquet")
    pairs: dict[tuple, dict] = {}
    for _, g in links.groupby("entity_id"):
        for a, b in itertools.combinations(g.to_dict("records"), 2):
            if a["source_id"] == b["source_id"] and a["name"] == b["name"]:
                continue
            (la, na), (lb, nb) = sorted([(a["lang"], a["name"]), (b["lang"], b["name"])])
            row = {"type": a["type"], "lang_a": la, "name_a": na, "lang_b": lb, "name_b": nb,
                   "evidence": b["evidence"] if b["evidence"] != "self" else a["evidence"], "verdict": "", "note": ""}
            pairs.setdefault(_pair_key(row), row)
    keys = sorted(pairs)
    random.Random(seed).shuffle(keys)
    return [pairs[k] for k in keys[:n]]


def precision(current: list[Path] | None = None) -> tuple[int, list[dict], int]:
    """(links judged ok, rows judged ok or wrong, rows judged junk) of the checked file; with ``current``
    (derek run outputs), only the rows whose pair those outputs still link."""
    every = read()
    if current:
        linked = {k for out in current for k in (_pair_key(r) for r in sample(out, 10 ** 6))}
        every = [r for r in every if _pair_key(r) in linked]
    rows = [r for r in every if r.get("verdict") in ("ok", "wrong")]
    return sum(r["verdict"] == "ok" for r in rows), rows, sum(r.get("verdict") == "junk" for r in every)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("out", type=Path)
    s.add_argument("-n", type=int, default=200)
    s.add_argument("--add", action="store_true",
                   help="keep every row of the file and append up to -n pairs of OUT it does not hold yet")
    sc = sub.add_parser("score")
    sc.add_argument("--current", type=Path, nargs="+",
                    help="derek run outputs: score only the checked pairs these outputs still link")
    args = ap.parse_args()
    if args.cmd == "sample":
        kept = read()
        old = {_pair_key(r): r for r in kept}
        if args.add:
            new = [r for r in sample(args.out, 10 ** 6) if _pair_key(r) not in old][:args.n]
            rows = kept + new
        else:
            rows = sample(args.out, args.n)
        for r in rows:
            prev = old.get(_pair_key(r))
            if prev:
                r["verdict"], r["note"] = prev.get("verdict", ""), prev.get("note", "")
        FILE.parent.mkdir(parents=True, exist_ok=True)
        with FILE.open("w", encoding="utf-8", newline="") as f:
            f.write("# Links of derek's registry checked by hand (bench/link_check.py); verdict: ok (one body / "
                    "act) | wrong (two) | junk (a record that is no organisation or act: an extraction error, not a "
                    "linking one)\n")
            w = csv.DictWriter(f, FIELDS, delimiter="\t", lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
        print(f"{len(rows)} links -> {FILE.relative_to(ROOT)} ({sum(1 for r in rows if r['verdict'])} with a verdict)")
        return
    ok, rows, n_junk = precision(args.current)
    if not rows:
        print("no verdicts yet")
        sys.exit(0)
    print(f"linking precision {ok / len(rows):.3f} ({ok} of {len(rows)} checked links; {n_junk} more join records "
          f"that are no organisation or act)")
    for t in sorted({r['type'] for r in rows}):
        rr = [r for r in rows if r["type"] == t]
        print(f"  {t}: {sum(r['verdict'] == 'ok' for r in rr) / len(rr):.3f} of {len(rr)}")


if __name__ == "__main__":
    main()
