"""Organisations, legal acts and numbers through ``derek run``, tune and check halves.

Every figure is scored from what ``derek run`` wrote (``facts/<source_id>.json``) on ordinary
``.txt`` source files made from the development data:

- **KazNERD** (``kaznerd/IOB2_valid.txt``): sentences are grouped by half (``kaznerd:<index>``),
  50 to a file, each sentence one paragraph; tokens are joined by a space except before
  ``, . ; : ! ? ) ]`` and after ``( [`` (``74 , 9 %-ы`` -> ``74, 9 %-ы``). A map from every token to
  its offsets turns the gold entity spans into offsets of the file. Figures: ORGANISATION exact
  and overlap F1 (derek's organisation mentions), LAW overlap F1 (derek's legal-act mentions),
  number recall (CARDINAL / PERCENTAGE / MONEY / QUANTITY entities with a digit, found when a
  numeric claim overlaps them).
- **factRuEval** (``factrueval/devset``, ``factru:<book stem>``): each ``book_N.txt`` is a source;
  a gold Org mention spans its object's spans from the first start to the last end.
  Figure: Org exact F1 (both sides trimmed of quotes and spaces).
- **NEREL** (``nerel/dev``, ``nerel:<file stem>``): each ``*_text.txt`` is a source; gold
  ORGANIZATION and LAW entities (nested levels included, discontinuous ones left out).
  Figures: ORGANIZATION exact F1, LAW exact and overlap F1, number recall (NUMBER / PERCENT /
  MONEY with a digit).

RuREBus is not scored here: its INST entities include regions and countries as economic
actors (``Российской Федерации``, ``Алтайского края``) and generic bodies (``органов местного
самоуправления``), so they are not organisations in the contract's sense (a smoke check gave
recall 0.0-0.8 on two parts, meaning nothing).

Matching: *exact* means the trimmed spans are equal; *overlap* counts a gold span as found
when some predicted span overlaps it (recall) and a predicted span as right when it overlaps
some gold span (precision).

    .venv/bin/python bench/eval_ner.py                 # every figure (a few minutes)
    .venv/bin/python bench/eval_ner.py --sets kaznerd --smoke
    .venv/bin/python bench/eval_ner.py --sets factru --errors check   # misses and false alarms
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT, data_dir, half  # noqa: E402
from numeric_recall import named_number  # noqa: E402

COMMAND = "python bench/eval_ner.py"
PER_FILE = 50
SMOKE = {"kaznerd": 60, "factru": 2, "nerel": 2}  # sentences / documents of each half
NUMERIC_KAZNERD = ("CARDINAL", "PERCENTAGE", "MONEY", "QUANTITY")
NUMERIC_NEREL = ("NUMBER", "PERCENT", "MONEY")
DIGIT = re.compile(r"\d")
_TRIM = " \t\n«»“”„\"'"
NO_SPACE_BEFORE = set(",.;:!?)]")
NO_SPACE_AFTER = set("([")


@dataclass
class Source:
    """One generated source file and its gold spans, ``{kind: [(start, end)]}``."""
    name: str
    half: str
    text: str
    gold: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """The span without surrounding quotes and spaces (``«Нұр Отан»`` -> ``Нұр Отан``)."""
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


# ------------------------------------------------------------------ data into source files


def read_iob(path: Path) -> list[list[tuple[str, str]]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        w, _, t = line.rpartition(" ")
        cur.append((w, t))
    if cur:
        sents.append(cur)
    return sents


def join_tokens(tokens: list[str], pos: int) -> tuple[str, list[tuple[int, int]]]:
    """The sentence as text from ``pos`` on, and each token's (start, end)."""
    out, offs = [], []
    for k, w in enumerate(tokens):
        if k and not (w[:1] in NO_SPACE_BEFORE and len(w) == 1) and tokens[k - 1] not in NO_SPACE_AFTER:
            out.append(" ")
            pos += 1
        offs.append((pos, pos + len(w)))
        out.append(w)
        pos += len(w)
    return "".join(out), offs


def iob_spans(tags: list[str]) -> list[tuple[str, int, int]]:
    """(type, first token, last token + 1) of IOB2 tags."""
    spans, cur = [], None
    for i, t in enumerate(tags + ["O"]):
        if cur and not (t.startswith("I-") and t[2:] == cur[0]):
            spans.append((cur[0], cur[1], i))
            cur = None
        if t.startswith("B-") or (t.startswith("I-") and cur is None):
            cur = (t[2:], i)
    return spans


def kaznerd_sources(d: Path, *, smoke: bool) -> list[Source]:
    sents = read_iob(d / "kaznerd" / "IOB2_valid.txt")
    by_half = {"tune": [], "check": []}
    for i, s in enumerate(sents):
        by_half[half(f"kaznerd:{i}")].append(s)
    out = []
    for h, ss in by_half.items():
        if smoke:
            ss = ss[:SMOKE["kaznerd"]]
        for f0 in range(0, len(ss), PER_FILE):
            src = Source(f"kaznerd_{h}_{f0 // PER_FILE:04d}", h, "",
                         {"org": [], "law": [], "project": [], "num": []})
            parts, pos = [], 0
            for s in ss[f0:f0 + PER_FILE]:
                if parts:
                    parts.append("\n\n")
                    pos += 2
                words = [w for w, _ in s]
                text, offs = join_tokens(words, pos)
                parts.append(text)
                pos += len(text)
                for typ, a, b in iob_spans([t for _, t in s]):
                    span = (offs[a][0], offs[b - 1][1])
                    if typ == "ORGANISATION":
                        src.gold["org"].append(span)
                    elif typ == "LAW":
                        src.gold["law"].append(span)
                    elif typ == "PROJECT":
                        src.gold["project"].append(span)
                    elif typ in NUMERIC_KAZNERD and any(DIGIT.search(w) for w in words[a:b]):
                        src.gold["num"].append(span)
            src.text = "".join(parts) + "\n"
            out.append(src)
    return out


def factru_sources(d: Path, *, smoke: bool) -> list[Source]:
    folder = d / "factrueval" / "devset"
    out, seen = [], {"tune": 0, "check": 0}
    for txt in sorted(folder.glob("*.txt")):
        stem = txt.with_suffix("")
        h = half(f"factru:{stem.name}")
        if smoke and seen[h] >= SMOKE["factru"]:
            continue
        seen[h] += 1
        with open(txt, encoding="utf-8", newline="") as f:
            text = f.read()
        spans = {}
        for line in Path(str(stem) + ".spans").read_text(encoding="utf-8").splitlines():
            p = line.split()
            if len(p) >= 4:
                spans[p[0]] = (int(p[2]), int(p[2]) + int(p[3]))
        gold = []
        for line in Path(str(stem) + ".objects").read_text(encoding="utf-8").splitlines():
            p = line.split("#")[0].split()
            if len(p) >= 3 and p[1] == "Org":
                ss = [spans[s] for s in p[2:] if s in spans]
                if ss:
                    gold.append((min(s for s, _ in ss), max(e for _, e in ss)))
        out.append(Source(f"factru_{stem.name}", h, text, {"org": sorted(set(gold))}))
    return out


def nerel_sources(d: Path, *, smoke: bool) -> list[Source]:
    folder = d / "nerel" / "dev"
    out, seen = [], {"tune": 0, "check": 0}
    for ann in sorted(folder.glob("*.ann")):
        h = half(f"nerel:{ann.stem}")
        if smoke and seen[h] >= SMOKE["nerel"]:
            continue
        seen[h] += 1
        with open(ann.with_suffix(".txt"), encoding="utf-8", newline="") as f:
            text = f.read()
        gold = {"org": [], "law": [], "act": [], "num": [], "numclaim": []}
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if not line.startswith("T") or len(parts) < 3 or ";" in parts[1]:
                continue
            typ, s, e = parts[1].split(" ")[0], int(parts[1].split(" ")[1]), int(parts[1].split(" ")[-1])
            if typ == "ORGANIZATION":
                gold["org"].append((s, e))
            elif typ == "LAW":
                gold["law"].append((s, e))
                if not ARTICLE_REF.match(text[s:e]):
                    gold["act"].append((s, e))
            elif typ in NUMERIC_NEREL and DIGIT.search(text[s:e]):
                gold["num"].append((s, e))
                if not named_number(text, s):
                    gold["numclaim"].append((s, e))
        out.append(Source(f"nerel_{ann.stem}", h, text, {k: sorted(set(v)) for k, v in gold.items()}))
    return out


# ------------------------------------------------------------------ running derek


def derek_run(sources: list[Source], folder: Path, *, only: str) -> dict[str, dict]:
    """Write the sources, run ``derek run`` on them, return ``{name: {"text", "facts"}}``."""
    src_dir, out_dir = folder / "src", folder / "out"
    src_dir.mkdir(parents=True, exist_ok=True)
    for s in sources:
        (src_dir / f"{s.name}.txt").write_text(s.text, encoding="utf-8")
    workers = os.environ.get("DEREK_EVAL_WORKERS", "2")
    subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(src_dir), "-o", str(out_dir),
                    "--workers", workers, "--quiet", "--only", only],
                   cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    got = {}
    for e in manifest["sources"]:
        name = Path(e["path"]).stem
        if e.get("status") != "ok":
            got[name] = {"text": None, "facts": {}, "error": e.get("message") or e.get("error")}
            continue
        sid = e["source_id"]
        text = (out_dir / "text" / f"{sid}.txt").read_text(encoding="utf-8")
        facts = json.loads((out_dir / "facts" / f"{sid}.json").read_text(encoding="utf-8"))
        got[name] = {"text": text, "facts": facts}
    return got


# KazNERD labels laws, codes and decrees LAW and programmes, strategies and concepts PROJECT
# (``Бизнестің жол картасы 2025``): derek's act kinds on either side of that line
PROJECT_KINDS = frozenset({"programme", "strategy", "concept"})

# NEREL LAW nests article references (``части 2 статьи 214 «Вандализм»``, ``ст. 282 УК РФ``)
# around the act they cite; the contract's legal acts are acts, one span per mention
ARTICLE_REF = re.compile(r"\s*(?:\d+-\w+\s+)?(?:стать|ст\.|част|ч\.|пункт|п\.|подпункт|пп\.|абзац)",
                         re.I)


def mentions(facts: dict, kind: str) -> list[tuple[int, int]]:
    """Predicted spans of one kind: ``org`` (organisation mentions), ``law`` (legal-act
    mentions), ``lawlike`` / ``project`` (legal-act mentions of a kind outside / inside
    :data:`PROJECT_KINDS`), ``num`` (numeric claims)."""
    if kind == "num":
        return [(c["start"], c["end"]) for c in facts.get("numeric_claims", []) if c.get("where", "text") == "text"]
    if kind in ("lawlike", "project"):
        return [(m["start"], m["end"]) for r in facts.get("legal_acts", [])
                if (r.get("kind") in PROJECT_KINDS) == (kind == "project") for m in r.get("mentions", [])]
    key = {"org": "organisations", "law": "legal_acts", "act": "legal_acts"}[kind]
    return [(m["start"], m["end"]) for r in facts.get(key, []) for m in r.get("mentions", [])]


# ------------------------------------------------------------------ scoring


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(pairs: list[tuple[str, list, list]], *, mode: str) -> dict:
    """Micro P/R/F1 over (text, gold spans, predicted spans) of many sources."""
    tp_g = tp_p = ng = np_ = 0
    for text, gold, pred in pairs:
        g = sorted({trim(text, s, e) for s, e in gold})
        p = sorted({trim(text, s, e) for s, e in pred})
        ng += len(g)
        np_ += len(p)
        if mode == "exact":
            k = len(set(g) & set(p))
            tp_g += k
            tp_p += k
        else:
            tp_g += sum(any(overlaps(x, y) for y in p) for x in g)
            tp_p += sum(any(overlaps(y, x) for x in g) for y in p)
    P = tp_p / np_ if np_ else 0.0
    R = tp_g / ng if ng else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return {"p": round(P, 4), "r": round(R, 4), "f1": round(F, 4), "n_gold": ng, "n_pred": np_}


def pairs_of(sources: list[Source], got: dict, kind: str, h: str, pred_kind: str = "") -> list[tuple[str, list, list]]:
    """(text, gold spans of ``kind``, derek's spans of ``pred_kind`` or else ``kind``) per source."""
    pred_kind = pred_kind or kind
    out = []
    for s in sources:
        if s.half != h:
            continue
        r = got.get(s.name)
        if r is None or r["text"] is None:
            out.append((s.text, s.gold.get(kind, []), []))  # a failed source predicts nothing
            continue
        if r["text"] != s.text:
            raise ValueError(f"derek's text of {s.name} differs from the source; offsets would not map")
        out.append((s.text, s.gold.get(kind, []), mentions(r["facts"], pred_kind)))
    return out


def figure(name: str, sources, got, kind: str, mode: str, stat: str, target: str, note: str = "",
           pred_kind: str = "") -> dict:
    res = {h: score(pairs_of(sources, got, kind, h, pred_kind), mode=mode) for h in ("tune", "check")}
    f = {"figure": name, "tune": res["tune"][stat], "check": res["check"][stat],
         "n_tune": res["tune"]["n_gold"], "n_check": res["check"]["n_gold"], "target": target,
         "command": COMMAND}
    if note:
        f["note"] = note
    f["detail"] = res
    return f


def errors(sources, got, kind: str, h: str) -> list[str]:
    """Misses (FN) and false alarms (FP) of one kind on one half, exact spans."""
    lines = []
    for text, gold, pred in pairs_of(sources, got, "law" if kind == "lawlike" else kind, h, kind):
        g = {trim(text, s, e) for s, e in gold}
        p = {trim(text, s, e) for s, e in pred}
        for s, e in sorted(g - p):
            lines.append(f"FN\t{text[s:e]}\t⟨{text[max(0, s - 40):s]}⟩")
        for s, e in sorted(p - g):
            lines.append(f"FP\t{text[s:e]}\t⟨{text[max(0, s - 40):s]}⟩")
    return lines


SETS = ("kaznerd", "factru", "nerel")


def run_sets(work: Path, sets, *, smoke: bool):
    d = data_dir()
    done = {}
    if d is None:
        return done
    makers = {"kaznerd": (kaznerd_sources, "kaznerd/IOB2_valid.txt"),
              "factru": (factru_sources, "factrueval/devset"),
              "nerel": (nerel_sources, "nerel/dev")}
    made = {}
    for name in sets:
        make, rel = makers[name]
        if (d / rel).exists():
            made[name] = make(d, smoke=smoke)
    if not made:
        return done
    # one run over every set's sources: the models load once
    got = derek_run([s for srcs in made.values() for s in srcs], work / "+".join(made),
                    only="organisations,legal_acts,claims")
    for name, srcs in made.items():
        done[name] = (srcs, got)
    return done


def evaluate(work: Path, *, smoke: bool = False, sets=SETS) -> list[dict]:
    """Every figure of the data sets present (none when the data is absent)."""
    work.mkdir(parents=True, exist_ok=True)
    done = run_sets(work, sets, smoke=smoke)
    figs = []
    if "kaznerd" in done:
        s, g = done["kaznerd"]
        figs += [figure("KazNERD valid ORGANISATION exact F1", s, g, "org", "exact", "f1", ">= 0.78"),
                 figure("KazNERD valid ORGANISATION overlap F1", s, g, "org", "overlap", "f1", ""),
                 figure("KazNERD valid LAW overlap F1", s, g, "law", "overlap", "f1", ">= 0.60",
                        note="derek's legal acts of kind law, code, decree, resolution, other: "
                             "KazNERD labels programmes, strategies and concepts PROJECT",
                        pred_kind="lawlike"),
                 figure("KazNERD valid PROJECT overlap F1 (programmes, strategies, concepts)",
                        s, g, "project", "overlap", "f1", "",
                        note="derek's legal acts of kind programme, strategy, concept against "
                             "every KazNERD PROJECT (which also names projects that are no act)",
                        pred_kind="project"),
                 figure("KazNERD valid number recall (digit CARDINAL/PERCENTAGE/MONEY/QUANTITY)",
                        s, g, "num", "overlap", "r", "")]
    if "factru" in done:
        s, g = done["factru"]
        figs += [figure("factRuEval dev Org exact F1", s, g, "org", "exact", "f1", "")]
    if "nerel" in done:
        s, g = done["nerel"]
        figs += [figure("NEREL dev ORGANIZATION exact F1", s, g, "org", "exact", "f1", ""),
                 figure("NEREL dev LAW exact F1", s, g, "law", "exact", "f1", ""),
                 figure("NEREL dev LAW overlap F1", s, g, "law", "overlap", "f1", ""),
                 figure("NEREL dev LAW exact F1, acts only (article references left out)",
                        s, g, "act", "exact", "f1", "",
                        note="gold LAW spans that open with an article, part or point "
                             "(статьи 128.1 УК РФ) are references inside an act, not acts "
                             "(CONTRACT legal_acts); the act they cite (УК РФ) is kept"),
                 figure("NEREL dev LAW overlap F1, acts only (article references left out)",
                        s, g, "act", "overlap", "f1", ""),
                 figure("NEREL dev number recall (digit NUMBER/PERCENT/MONEY)", s, g, "num", "overlap", "r", ""),
                 figure("NEREL dev number recall, claims only (numbers after № or inside a name left out)",
                        s, g, "numclaim", "overlap", "r", ">= 0.95",
                        note="gold numbers after a number sign (колонии № 5) or right after a letter or a "
                             "letter and hyphen (SARS-CoV-2, «Мурманск-198») are identifiers and parts of "
                             "names, not claims (CONTRACT numeric_claims; numeric_recall.named_number)",
                        pred_kind="num")]
    return figs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp") / "derek-eval-ner")
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--errors", choices=["tune", "check"], help="print exact-span errors of one half")
    ap.add_argument("--kind", default="org", choices=["org", "law", "act", "lawlike", "project", "num"])
    args = ap.parse_args()
    if data_dir() is None:
        print("skip: data absent (kaznerd / factrueval / nerel not found under $DEREK_DATA or ../shared/data)")
        return 0
    sets = [s for s in args.sets.split(",") if s]
    if args.errors:
        for name, (s, g) in run_sets(args.work, sets, smoke=args.smoke).items():
            print(f"== {name}")
            print("\n".join(errors(s, g, args.kind, args.errors)))
        return 0
    figs = evaluate(args.work, smoke=args.smoke, sets=sets)
    if not figs:
        print("skip: data absent (no NER data set found under $DEREK_DATA or ../shared/data)")
        return 0
    print(f"{'figure':72} {'tune':>7} {'check':>7} {'n_tune':>7} {'n_check':>7}  target")
    for f in figs:
        print(f"{f['figure']:72} {f['tune']!s:>7} {f['check']!s:>7} {f['n_tune']:>7} {f['n_check']:>7}  {f['target']}")
        for h in ("tune", "check"):
            d = f["detail"][h]
            print(f"{'':8}{h}: P={d['p']} R={d['r']} F1={d['f1']} gold={d['n_gold']} predicted={d['n_pred']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
