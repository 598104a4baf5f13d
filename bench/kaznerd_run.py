"""KazNERD ORGANISATION and LAW through ``derek run`` (what the product writes, not a tagger
over gold tokens).

    python bench/kaznerd_run.py [--limit N] [--work DIR]

Each KazNERD sentence (id ``kaznerd:<index>``, split by ``common.half``) becomes a paragraph
of an ordinary text file (tokens joined with the spacing of running text: no space before
``, . : ; ! ? ) »`` or after ``( «``); ``derek run`` reads the files and the organisations'
mentions and the legal acts' mentions of ``facts/*.json`` are scored against the gold spans,
exact and by overlap (a predicted span overlapping a gold one of the same sentence; each gold
span matched at most once), per half.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT, half, require_data  # noqa: E402

NO_SPACE_BEFORE = set(",.:;!?)»”%")
NO_SPACE_AFTER = set("(«“")
PER_FILE = 250


def read_kaznerd(path: Path) -> list[tuple[list[str], list[str]]]:
    sents, words, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sents.append((words, tags))
                words, tags = [], []
            continue
        w, _, t = line.rpartition(" ")
        words.append(w)
        tags.append(t)
    if words:
        sents.append((words, tags))
    return sents


def detokenize(words: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence as running text and each word's span in it."""
    out, spans = "", []
    for k, w in enumerate(words):
        if k and not (w in NO_SPACE_BEFORE or words[k - 1] in NO_SPACE_AFTER):
            out += " "
        spans.append((len(out), len(out) + len(w)))
        out += w
    return out, spans


def gold_spans(tags: list[str], typ: str) -> list[tuple[int, int]]:
    out, i = [], None
    for k, t in enumerate(tags + ["O"]):
        if i is not None and t != "I-" + typ:
            out.append((i, k))
            i = None
        if t == "B-" + typ:
            i = k
    return out


def write_sources(sents, ids, work: Path) -> dict:
    """Files of PER_FILE sentences; returns {file stem: [(sentence id, start, end, word spans)]}."""
    src = work / "src"
    src.mkdir(parents=True, exist_ok=True)
    layout = {}
    for f in range(0, len(ids), PER_FILE):
        stem = f"kaznerd_{f // PER_FILE:03d}"
        text, rows = "", []
        for k in ids[f:f + PER_FILE]:
            s, spans = detokenize(sents[k][0])
            rows.append((k, len(text), len(text) + len(s), [(len(text) + a, len(text) + b) for a, b in spans]))
            text += s + "\n\n"
        (src / f"{stem}.txt").write_text(text, encoding="utf-8")
        layout[stem] = rows
    return layout


def run_derek(src: Path, out: Path, *, only: str = "organisations,legal_acts") -> None:
    cmd = [sys.executable, "-m", "pipeline.cli", "run", str(src), "-o", str(out), "--quiet",
           "--workers", "1", "--only", only]
    subprocess.run(cmd, check=False, cwd=ROOT)


def predicted(out: Path) -> dict:
    """{file stem: (org mention spans, legal-act mention spans)} from facts/*.json."""
    res = {}
    for fj in sorted((out / "facts").glob("*.json")):
        d = json.loads(fj.read_text(encoding="utf-8"))
        stem = Path(d["source"]["path"]).stem
        orgs = [(m["start"], m["end"]) for o in d.get("organisations", []) for m in o["mentions"]]
        acts = [(m["start"], m["end"]) for a in d.get("legal_acts", []) for m in a["mentions"]]
        res[stem] = (orgs, acts)
    return res


def score(pairs) -> dict:
    """pairs: [(half, gold spans, predicted spans)] per sentence -> P/R/F1 exact and overlap per half."""
    res = {}
    for h in ("tune", "check"):
        g = p = tp = otp_g = otp_p = 0
        for hh, gold, pred in pairs:
            if hh != h:
                continue
            g += len(gold)
            p += len(pred)
            tp += len(set(gold) & set(pred))
            used = set()
            for a, b in gold:
                for k, (c, d) in enumerate(pred):
                    if k not in used and c < b and a < d:
                        used.add(k)
                        otp_g += 1
                        break
            otp_p += len(used)
        f = lambda t, n, m: (2 * t / (n + m)) if n + m else 0.0  # noqa: E731
        res[h] = {"gold": g, "pred": p, "exact_f1": f(tp, g, p), "overlap_f1": f(otp_g, g, p),
                  "exact_p": tp / p if p else 0.0, "exact_r": tp / g if g else 0.0}
    return res


def evaluate_kaznerd(work: Path, *, limit: int = 0, types=("ORGANISATION", "LAW"),
                     errors: bool = False) -> dict:
    path = require_data("kaznerd", "IOB2_valid.txt")
    sents = read_kaznerd(path)
    ids = list(range(len(sents)))
    if limit:
        ids = ids[:limit]
    layout = write_sources(sents, ids, work)
    run_derek(work / "src", work / "out")
    pred = predicted(work / "out")
    result = {}
    for ti, typ in enumerate(types):
        pairs = []
        errs = []
        for stem, rows in layout.items():
            ps = pred.get(stem, ([], []))[0 if typ == "ORGANISATION" else 1]
            for k, s, e, wspans in rows:
                gold = [(wspans[i][0], wspans[j - 1][1]) for i, j in gold_spans(sents[k][1], typ)]
                mine = [(a, b) for a, b in ps if s <= a < e]
                pairs.append((half(f"kaznerd:{k}"), gold, mine))
                if errors and set(gold) != set(mine):
                    errs.append((k, gold, mine, s))
        result[typ] = score(pairs)
        if errors:
            result[typ + "_errors"] = errs
    return result


def main() -> int:
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--work", type=Path, default=Path("/tmp/kaznerd_run"))
    ap.add_argument("--errors", type=int, default=0, help="print the first N differing sentences")
    args = ap.parse_args()
    res = evaluate_kaznerd(args.work, limit=args.limit, errors=bool(args.errors))
    for typ in ("ORGANISATION", "LAW"):
        for h in ("tune", "check"):
            r = res[typ][h]
            print(f"KazNERD {typ} {h}: exact P={r['exact_p']:.3f} R={r['exact_r']:.3f} "
                  f"F1={r['exact_f1']:.3f}  overlap F1={r['overlap_f1']:.3f}  "
                  f"(gold {r['gold']}, predicted {r['pred']})")
    if args.errors:
        texts = {p.stem: p.read_text(encoding="utf-8") for p in (args.work / "src").glob("*.txt")}
        for typ in ("ORGANISATION", "LAW"):
            print(f"--- {typ} (gold [..], derek {{..}})")
            for k, gold, mine, s in res[typ + "_errors"][:args.errors]:
                text = texts[f"kaznerd_{k // PER_FILE:03d}"]
                g = ", ".join("[" + text[a:b] + "]" for a, b in gold)
                m = ", ".join("{" + text[a:b] + "}" for a, b in mine)
                print(f"{k} {half(f'kaznerd:{k}')}: {g}  |  {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
