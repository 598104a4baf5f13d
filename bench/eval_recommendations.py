"""Recommendations on real Kazakh and Russian sentences, measured through ``derek run``.

    python bench/eval_recommendations.py [--smoke] [--work DIR] [--cues-only] [-v]

Gold: ``bench/data/recommendations/real.csv``, sentences of third-party data labelled by hand
(``none | proposal | demand | directive``; see that folder's README). Sentences of NEREL and
RuREBus (internal use only) are stored as a location (``path@start-end``) and read from the data
at run time.

What is run: every labelled sentence's whole source document (a kzlaw act, an article opening,
a NEREL or RuREBus document) is copied unchanged under ``work/src`` as a ``.txt`` file, so derek
sees each sentence in its context (a list item after its ordering sentence); KazNERD sentences,
which have no document, are written one per paragraph. ``derek run --only recommendations``
reads them; the score is read from ``out/facts/*.json``:

* a labelled sentence is *found* when a recommendation record overlaps its span;
* precision and recall of found against labelled positive (any kind), per language and half;
* kind accuracy: the share of the found positives whose record's ``kind`` is the labelled kind;
* kzlaw: the number of recommendations of the Kazakh and the Russian version of each act agree
  when ``|kk - ru| <= 0.15 * max(kk, ru)``; the figure is the share of acts that agree.

``--cues-only`` runs derek with ``DEREK_REC_CLASSIFIER=off`` (every live cue accepted): the
baseline the classifier has to beat. Halves: ``common.half(doc_id)``; the check figure counts.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import KZLAW_MORE, ROOT, data_dir, half, require_data  # noqa: E402

COMMAND = "python bench/eval_recommendations.py"
GOLD = ROOT / "bench/data/recommendations/real.csv"
POSITIVE = ("proposal", "demand", "directive")
_LOC = re.compile(r"^(?P<path>[^#@]+)@(?P<start>\d+)-(?P<end>\d+)$")


# ---------------------------------------------------------------- gold

def read_gold(data: Path) -> list[dict]:
    """Labelled rows with ``text`` filled in (read from the data for location-only rows) and
    ``path``/``start``/``end`` for rows of documents (None for KazNERD sentences)."""
    with open(GOLD, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        m = _LOC.match(r["source"])
        r["path"], r["start"], r["end"] = (None, None, None)
        if m:
            r["path"], r["start"], r["end"] = m["path"], int(m["start"]), int(m["end"])
            if not r["text"]:
                raw = read_raw(data / m["path"])
                r["text"] = raw[r["start"]:r["end"]]
    return rows


def read_raw(p: Path) -> str:
    with open(p, encoding="utf-8", newline="") as f:
        return f.read()


def smoke_rows(rows: list[dict]) -> list[dict]:
    """A tiny slice: two kzlaw acts (both versions) and 20 KazNERD sentences."""
    acts = sorted({r["doc_id"] for r in rows if r["doc_id"].startswith("kzlaw:")})[:2]
    kz = [r for r in rows if r["doc_id"].startswith("kaznerd:")][:20]
    return [r for r in rows if r["doc_id"] in acts] + kz


# ---------------------------------------------------------------- sources

def safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name)


def write_sources(rows: list[dict], data: Path, work: Path, *, acts: list[str]) -> dict:
    """Write the source files; return {file stem: (path of original or None, [(row, start, end)])}."""
    src = work / "src"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    files: dict[str, dict] = {}
    for r in rows:
        if r["path"]:
            stem = safe(r["path"])
            files.setdefault(stem, {"path": r["path"], "rows": []})["rows"].append((r, r["start"], r["end"]))
    for act in acts:  # every kzlaw act, for the count agreement, labelled or not
        for name in ("kaz.md", "rus.md"):
            p = f"kzlaw/{act}/{name}"
            if (data / p).exists():
                files.setdefault(safe(p), {"path": p, "rows": []})
            elif (KZLAW_MORE / act / name).exists():
                p = f"kzlaw_more/{act}/{name}"
                files.setdefault(safe(p), {"path": p, "rows": []})
    for stem, f in files.items():
        home = KZLAW_MORE.parent if f["path"].startswith("kzlaw_more/") else data
        shutil.copyfile(home / f["path"], src / f"{stem}.txt")
    # KazNERD: one sentence a paragraph, 50 a file
    kz = [r for r in rows if not r["path"]]
    for k in range(0, len(kz), 50):
        stem = f"kaznerd_{k // 50:03d}"
        parts, pos, spans = [], 0, []
        for r in kz[k:k + 50]:
            spans.append((r, pos, pos + len(r["text"])))
            parts.append(r["text"])
            pos += len(r["text"]) + 2
        (src / f"{stem}.txt").write_text("\n\n".join(parts) + "\n", encoding="utf-8")
        files[stem] = {"path": None, "rows": spans}
    return files


def run_derek(work: Path, *, cues_only: bool = False) -> None:
    out = work / "out"
    if out.exists():
        shutil.rmtree(out)
    env = dict(os.environ)
    if cues_only:
        env["DEREK_REC_CLASSIFIER"] = "off"
    cmd = [sys.executable, "-m", "pipeline.cli", "run", str(work / "src"), "-o", str(out),
           "--quiet", "--only", "recommendations", "--workers", "1"]
    subprocess.run(cmd, check=False, cwd=ROOT, env=env)


def read_output(work: Path) -> dict:
    """{file stem: (text derek indexed, [recommendation records])}."""
    res = {}
    out = work / "out"
    for fj in sorted((out / "facts").glob("*.json")):
        d = json.loads(fj.read_text(encoding="utf-8"))
        stem = Path(d["source"]["path"]).stem
        text = (out / "text" / f"{d['source']['source_id']}.txt").read_text(encoding="utf-8")
        res[stem] = (text, d.get("recommendations", []))
    return res


def locate(text: str, sent: str, start: int, end: int) -> tuple[int, int] | None:
    """The sentence's span in derek's text: the stored offsets when they still hold, else the
    first occurrence of the sentence."""
    if text[start:end] == sent:
        return start, end
    i = text.find(sent)
    return (i, i + len(sent)) if i >= 0 else None


# ---------------------------------------------------------------- scoring

def score(files: dict, output: dict) -> tuple[list[dict], dict]:
    """Per labelled row: gold label, found (bool), kind of the first overlapping record."""
    scored, counts = [], {}
    for stem, f in files.items():
        text, recs = output.get(stem, ("", []))
        if f["path"] and f["path"].startswith(("kzlaw/", "kzlaw_more/")):
            act, name = f["path"].split("/")[1:3]
            counts[(act, "kk" if name == "kaz.md" else "ru")] = len(recs)
        for r, a, b in f["rows"]:
            span = locate(text, r["text"], a, b)
            hit = [x for x in recs if span and x["start"] < span[1] and x["end"] > span[0]] if span else []
            scored.append({"row": r, "found": bool(hit), "kind": hit[0].get("kind") if hit else None,
                           "located": span is not None, "recs": hit})
    return scored, counts


def prf(items: list[dict]) -> dict:
    tp = sum(1 for s in items if s["found"] and s["row"]["label"] in POSITIVE)
    fp = sum(1 for s in items if s["found"] and s["row"]["label"] not in POSITIVE)
    fn = sum(1 for s in items if not s["found"] and s["row"]["label"] in POSITIVE)
    ok = sum(1 for s in items if s["found"] and s["row"]["label"] in POSITIVE and s["kind"] == s["row"]["label"])
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    return {"P": p, "R": r, "kind": ok / tp if tp else None, "tp": tp, "fp": fp, "fn": fn,
            "n": len(items), "pos": tp + fn}


def agreement(counts: dict, acts: set[str] | None = None) -> dict:
    by_half = defaultdict(list)
    for (act, lang) in counts:
        if lang != "kk" or (act, "ru") not in counts or (acts is not None and act not in acts):
            continue
        kk, ru = counts[(act, "kk")], counts[(act, "ru")]
        by_half[half(f"kzlaw:{act}")].append(abs(kk - ru) <= 0.15 * max(kk, ru))
    return {h: (sum(v) / len(v) if v else None, len(v)) for h, v in by_half.items()}


def _r(x):
    return None if x is None else round(x, 3)


def figures(scored: list[dict], counts: dict, *, label: str = "") -> list[dict]:
    out = []
    for lang, name in (("kk", "Kazakh"), ("ru", "Russian")):
        res = {h: prf([s for s in scored if s["row"]["lang"] == lang and s["row"]["half"] == h])
               for h in ("tune", "check")}
        for key, fig, target in (("P", "precision", ">= 0.90"), ("R", "recall", ">= 0.85"),
                                 ("kind", "kind accuracy on the found", ">= 0.85")):
            out.append({"figure": f"recommendations {name} {fig}{label} (real sentences, by sentence)",
                        "tune": _r(res["tune"][key]), "check": _r(res["check"][key]),
                        "n_tune": res["tune"]["pos"] if key != "P" else res["tune"]["tp"] + res["tune"]["fp"],
                        "n_check": res["check"]["pos"] if key != "P" else res["check"]["tp"] + res["check"]["fp"],
                        "target": target, "command": COMMAND + (" --cues-only" if label else "")})
    extra = {p.name for p in KZLAW_MORE.iterdir()} if KZLAW_MORE.is_dir() else set()
    for set_name, acts in (("kzlaw", {a for a, _ in counts} - extra), ("kzlaw_more (bench/data)", {a for a, _ in counts} & extra)):
        if not acts:
            continue
        ag = agreement(counts, acts)
        out.append({"figure": f"recommendations {set_name} acts whose kk and ru counts agree within 15%{label}",
                    "tune": _r(ag.get("tune", (None, 0))[0]), "check": _r(ag.get("check", (None, 0))[0]),
                    "n_tune": ag.get("tune", (None, 0))[1], "n_check": ag.get("check", (None, 0))[1],
                    "target": ">= 0.80", "command": COMMAND + (" --cues-only" if label else "")})
    return out


def evaluate(work: Path, *, smoke: bool = False, cues_only: bool = False, verbose: bool = False,
             more: bool = True) -> list[dict]:
    """Run derek on the labelled sentences' documents and score its recommendations."""
    data = data_dir()
    if data is None or not (data / "kzlaw").exists():
        return []
    rows = read_gold(data)
    acts = sorted(p.name for p in (data / "kzlaw").iterdir() if p.is_dir())
    if more and KZLAW_MORE.is_dir():
        acts += sorted(p.name for p in KZLAW_MORE.iterdir() if p.is_dir())
    if smoke:
        rows = smoke_rows(rows)
        acts = sorted({r["doc_id"].split(":", 1)[1] for r in rows if r["doc_id"].startswith("kzlaw:")})
    work = Path(work)
    files = write_sources(rows, data, work, acts=acts)
    run_derek(work, cues_only=cues_only)
    scored, counts = score(files, read_output(work))
    if verbose:
        show_errors(scored, counts)
    return figures(scored, counts, label=" (cues only)" if cues_only else "")


def show_errors(scored: list[dict], counts: dict) -> None:
    """The errors and the kzlaw counts of the tune half only: check-half examples are not read."""
    for s in sorted(scored, key=lambda s: (s["row"]["lang"], s["row"]["id"])):
        r = s["row"]
        if r["half"] != "tune":
            continue
        gold = r["label"]
        wrong = (s["found"] != (gold in POSITIVE)) or (s["found"] and gold in POSITIVE and s["kind"] != gold)
        if wrong or not s["located"]:
            tag = "FP" if s["found"] and gold not in POSITIVE else "FN" if not s["found"] and gold in POSITIVE else "KIND"
            if not s["located"]:
                tag = "UNLOCATED"
            print(f"{tag}\t{r['id']}\t{r['lang']}\t{r['half']}\t{gold}\t{s['kind']}\t{r['text'][:200]!r}")
    for (act, lang), n in sorted(counts.items()):
        if lang == "kk" and half(f"kzlaw:{act}") == "tune":
            print(f"kzlaw\t{act[:40]}\tkk={n}\tru={counts.get((act, 'ru'))}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--cues-only", action="store_true")
    ap.add_argument("--work", default="/tmp/derek_eval_recommendations")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--no-more", action="store_true", help="the kzlaw acts only, not bench/data/kzlaw_more's")
    args = ap.parse_args(argv)
    require_data("kzlaw")
    res = evaluate(Path(args.work), smoke=args.smoke, cues_only=args.cues_only, verbose=args.verbose,
                   more=not args.no_more)
    print(f"{'figure':88} {'tune':>6} {'check':>6} {'n_tune':>6} {'n_check':>7}  target")
    for f in res:
        fmt = lambda x: "  -   " if x is None else f"{x:6.3f}"  # noqa: E731
        print(f"{f['figure']:88} {fmt(f['tune'])} {fmt(f['check'])} {f['n_tune']:6} {f['n_check']:7}  {f['target']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
