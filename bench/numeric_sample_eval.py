"""Numeric claims on the sample article against the hand-written gold.

Gold: ``tests/golden/sample_claims.expected.json`` (claims read off the sample by
hand, and the numbers that must not be claims). A predicted claim matches a gold
claim when their spans overlap (one to one). Prints precision, recall, the
non-claims wrongly emitted, and the accuracy of every gold field over the
matched pairs.

    .venv/bin/python bench/numeric_sample_eval.py [-v]
"""
from __future__ import annotations

import json
import os
import re
import sys
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

GOLD = os.path.join(ROOT, "tests", "golden", "sample_claims.expected.json")
FIELDS = ("value", "value_max", "unit", "currency", "qualifier", "measured", "subject", "year", "period",
          "cite", "where", "table", "row", "column")


def locate(text: str, anchor: str, needle: str) -> tuple[int, int]:
    """Span of ``needle`` as a whole number/word inside the one occurrence of ``anchor``."""
    a = text.find(anchor)
    if a < 0 or text.find(anchor, a + 1) >= 0:
        raise ValueError(f"anchor not unique or absent: {anchor!r}")
    m = re.search(rf"(?<![\w]){re.escape(needle)}(?![\d])", text[a : a + len(anchor)])
    if not m:
        raise ValueError(f"{needle!r} not in anchor {anchor!r}")
    return a + m.start(), a + m.end()


def evaluate(*, verbose: bool = False) -> dict:
    from pipeline import process

    gold = json.load(open(GOLD, encoding="utf-8"))
    text = open(os.path.join(ROOT, gold["source"]), encoding="utf-8").read()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = process(text, source_id="sample")
    pred = list(a.claims)
    for c in pred:
        assert text[c.start : c.end] == c.text, c
    gspans = [locate(text, g["anchor"], g["text"]) for g in gold["claims"]]
    nspans = [locate(text, n["anchor"], n["text"]) for n in gold["non_claims"]]
    used: set[int] = set()
    pairs = []
    for g, (s, e) in zip(gold["claims"], gspans):
        best = None
        for k, c in enumerate(pred):
            if k in used or not (c.start < e and s < c.end):
                continue
            best = k
            break
        if best is not None:
            used.add(best)
            pairs.append((g, pred[best]))
        elif verbose:
            print(f"  missed: {g['text']!r} ({g['anchor']!r})")
    wrong_non = []
    for n, (s, e) in zip(gold["non_claims"], nspans):
        hit = [c for c in pred if c.start < e and s < c.end]
        if hit:
            wrong_non.append((n, hit[0]))
            if verbose:
                print(f"  non-claim emitted: {n['text']!r} in {n['anchor']!r} ({n['why']})")
    extra = [c for k, c in enumerate(pred) if k not in used]
    if verbose:
        for c in extra:
            print(f"  extra: {c.text!r} … {text[max(0, c.start - 30):c.end + 30]!r}")
    per_field: dict[str, list[int]] = {f: [0, 0] for f in FIELDS}
    for g, c in pairs:
        for f in FIELDS:
            if f not in g:
                continue
            per_field[f][1] += 1
            ok = getattr(c, f) == g[f]
            per_field[f][0] += ok
            if not ok and verbose:
                print(f"  {f}: {g['text']!r} ({g['anchor'][:30]!r}) gold={g[f]!r} got={getattr(c, f)!r}")
    n_attr = sum(v[1] for v in per_field.values())
    n_ok = sum(v[0] for v in per_field.values())
    return {
        "gold": len(gold["claims"]),
        "predicted": len(pred),
        "matched": len(pairs),
        "precision": len(pairs) / len(pred) if pred else 0.0,
        "recall": len(pairs) / len(gold["claims"]),
        "non_claims_emitted": len(wrong_non),
        "non_claims": len(gold["non_claims"]),
        "attribute_accuracy": n_ok / n_attr if n_attr else 0.0,
        "fields": {f: (v[0] / v[1] if v[1] else None, v[1]) for f, v in per_field.items()},
        "all_exact": sum(all(getattr(c, f) == g[f] for f in FIELDS if f in g) for g, c in pairs),
    }


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    r = evaluate(verbose="-v" in argv)
    print(f"gold {r['gold']}  predicted {r['predicted']}  matched {r['matched']}")
    print(f"precision {r['precision']:.3f}  recall {r['recall']:.3f}")
    print(f"non-claims emitted {r['non_claims_emitted']}/{r['non_claims']}")
    print(f"attribute accuracy {r['attribute_accuracy']:.3f}; claims with every field right {r['all_exact']}/{r['matched']}")
    for f, (acc, n) in r["fields"].items():
        if n:
            print(f"  {f:<10} {acc:.3f}  (n={n})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
