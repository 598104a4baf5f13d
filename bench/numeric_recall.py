"""Recall of numeric entities written with digits: KazNERD (kk) and NEREL (ru), in-process.

The product figure (tune and check halves, through ``derek run``) is in ``bench/eval_ner.py``;
this script is the quick in-process look with the misses listed.

KazNERD valid (`IOB2_valid.txt`): sentences joined into one text (tokens joined
by spaces, one sentence a line); PERCENTAGE, MONEY and CARDINAL entities that
contain a digit are gold. NEREL dev (brat `.txt`/`.ann`): NUMBER, PERCENT and
MONEY with a digit. Each text goes through ``pipeline.process`` (the claims
stage included); an entity is found when a claim's span overlaps it.

Also printed: "precision-ish", the share of claims that overlap any gold
numeric entity of these types (claims on DATE/QUANTITY/AGE... spans count as
misses, so it is a lower bound).

    .venv/bin/python bench/numeric_recall.py [--data DIR] [--limit N] [--show K]

Prints "skip: data absent" when the data is missing.
"""
from __future__ import annotations

import argparse
import collections
import glob
import os
import re
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DIGIT = re.compile(r"\d")
# what the contract does not count as a claim though NER corpora label it a number: a number after
# a number sign (`колонии № 5`, `дневники № 14`) or inside a name, right after a letter or a
# letter and a hyphen (`SARS-CoV-2`, `«Мурманск-198»`, `G20`)
_NAMED_BEFORE = re.compile(r"(?:(?:№|\bNo\.?|\bN)\s*|[^\W\d_][-‑]?)$")


def named_number(text: str, start: int) -> bool:
    """True when the gold number at ``start`` is an identifier or part of a name (CONTRACT,
    numeric_claims: not a claim): `вируса SARS-CoV-2` → True, `колонии № 5` → True,
    `около 12 тысяч` → False."""
    return bool(_NAMED_BEFORE.search(text[max(0, start - 8) : start]))


# entity types that are figures in the contract's sense (a count, a share, an amount, a measure)
QUANTITY_TYPES = ("CARDINAL", "PERCENTAGE", "MONEY", "QUANTITY", "NUMBER", "PERCENT", "AGE", "PENALTY")


def _read_kaznerd(path: str, limit: int | None):
    """(text, entities[(type, start, end, text)], other numeric spans) from an IOB2 file."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            w, _, t = line.rpartition(" ")
            cur.append((w, t))
    if cur:
        sents.append(cur)
    if limit:
        sents = sents[:limit]
    parts, ents, pos = [], [], 0
    for s in sents:
        offs = []
        for k, (w, _) in enumerate(s):
            if k:
                parts.append(" ")
                pos += 1
            offs.append((pos, pos + len(w)))
            parts.append(w)
            pos += len(w)
        parts.append("\n")
        pos += 1
        i = 0
        while i < len(s):
            tag = s[i][1]
            if tag.startswith("B-"):
                typ = tag[2:]
                j = i + 1
                while j < len(s) and s[j][1] == "I-" + typ:
                    j += 1
                a, b = offs[i][0], offs[j - 1][1]
                ents.append((typ, a, b))
                i = j
            else:
                i += 1
    text = "".join(parts)
    return text, [(t, a, b, text[a:b]) for t, a, b in ents]


def _read_nerel(folder: str, limit: int | None):
    docs = []
    for p in sorted(glob.glob(os.path.join(folder, "*.txt")))[: limit or None]:
        ann = p[:-4] + ".ann"
        if not os.path.exists(ann):
            continue
        text = open(p, encoding="utf-8").read()
        ents = []
        for line in open(ann, encoding="utf-8"):
            if not line.startswith("T"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            head = parts[1].split()
            typ = head[0]
            try:
                spans = [tuple(map(int, x.split())) for x in " ".join(head[1:]).split(";")]
            except ValueError:
                continue
            a, b = spans[0][0], spans[-1][1]
            ents.append((typ, a, b, text[a:b]))
        docs.append((os.path.basename(p), text, ents))
    return docs


def _claims(text: str, source_id: str):
    from pipeline import process

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = process(text, source_id=source_id)
    for c in a.claims:
        assert a.source.text[c.start : c.end] == c.text, c
    return a.claims


def _overlap(a, b, c, d) -> bool:
    return a < d and c < b


def _score(name, items, types, show):
    """items: (doc, text, ents, claims)."""
    found = collections.Counter()
    total = collections.Counter()
    misses = collections.defaultdict(list)
    n_claims = n_claim_hit = 0
    by_type: collections.Counter = collections.Counter()
    unmatched: list[str] = []
    for doc, text, ents, claims in items:
        spans = sorted((c.start, c.end) for c in claims)
        numeric_gold = [(a, b) for t, a, b, s in ents if t in types and DIGIT.search(s)]
        any_gold = [(a, b) for t, a, b, s in ents if DIGIT.search(s)]
        for t, a, b, s in ents:
            if t not in types or not DIGIT.search(s):
                continue
            total[t] += 1
            if any(_overlap(a, b, x, y) for x, y in spans):
                found[t] += 1
            else:
                lo = max(0, a - 40)
                misses[t].append(f"{s!r}  …{text[lo:b + 40]!r}")
        for x, y in spans:
            n_claims += 1
            if any(_overlap(a, b, x, y) for a, b in numeric_gold):
                n_claim_hit += 1
            hit = [t for t, a, b, s in ents if _overlap(a, b, x, y)]
            by_type[hit[0] if hit else "(none)"] += 1
            if not hit:
                unmatched.append(f"{text[x:y]!r}  …{text[max(0, x - 40):y + 40]!r}")
        del any_gold
    print(f"== {name}")
    for t in types:
        if total[t]:
            print(f"  {t:<11} recall {found[t] / total[t]:.3f}  ({found[t]}/{total[t]})")
    if n_claims:
        print(f"  claims {n_claims}; overlapping a gold {'/'.join(types)} entity: {n_claim_hit / n_claims:.3f} (precision-ish)")
    if n_claims:
        qty = sum(by_type[t] for t in QUANTITY_TYPES)
        print(f"  claims overlapping any quantity entity ({'/'.join(t for t in QUANTITY_TYPES if by_type[t])}, "
              f"digits or words): {qty / n_claims:.3f}")
        print("  claims by the gold entity they overlap: " + ", ".join(f"{t} {n}" for t, n in by_type.most_common()))
        import random

        for m in random.Random(0).sample(unmatched, min(show, len(unmatched))):
            print(f"    claim on no entity: {m}")
    for t in types:
        for m in misses[t][:show]:
            print(f"    miss {t}: {m}")
    return found, total


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=None, help="data folder (default: bench/common.py: data_dir())")
    ap.add_argument("--limit", type=int, default=None, help="sentences (KazNERD) / documents (NEREL)")
    ap.add_argument("--show", type=int, default=10, help="misses to print per type")
    args = ap.parse_args(argv)
    if args.data is None:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from common import data_dir
        d = data_dir()
        if d is None:
            print("skip: data absent (kaznerd / nerel not found under $DEREK_DATA or ../shared/data)")
            return 0
        args.data = str(d)
    kz = os.path.join(args.data, "kaznerd", "IOB2_valid.txt")
    nerel = os.path.join(args.data, "nerel", "dev")
    ran = False
    if os.path.exists(kz):
        ran = True
        t0 = time.time()
        text, ents = _read_kaznerd(kz, args.limit)
        # one process() per chunk of ~2000 sentences keeps memory flat; offsets stay per chunk
        items = []
        lines = text.split("\n")
        chunk, base = 2000, 0
        for i in range(0, len(lines), chunk):
            part = "\n".join(lines[i : i + chunk])
            lo, hi = base, base + len(part)
            sub = [(t, a - lo, b - lo, s) for t, a, b, s in ents if lo <= a < hi]
            items.append((i, part, sub, _claims(part, f"kaznerd{i}")))
            base = hi + 1
        _score("KazNERD valid (kk)", items, ("PERCENTAGE", "MONEY", "CARDINAL"), args.show)
        print(f"  {time.time() - t0:.1f}s")
    else:
        print(f"skip: data absent ({kz})")
    if os.path.isdir(nerel):
        ran = True
        t0 = time.time()
        docs = _read_nerel(nerel, args.limit)
        items = [(name, text, ents, _claims(text, name)) for name, text, ents in docs]
        _score("NEREL dev (ru)", items, ("NUMBER", "PERCENT", "MONEY"), args.show)
        print(f"  {time.time() - t0:.1f}s")
    else:
        print(f"skip: data absent ({nerel})")
    return 0 if ran or True else 0


if __name__ == "__main__":
    raise SystemExit(main())
