"""Sentence language identification of ``derek run``, tune and check halves.

Data (``bench/common.py: data_dir``):

- UD Russian GSD and Taiga dev (``ru``), UD Kazakh-KTB dev half and train (``kk``), KazNERD
  validation (``kk``): each gold sentence is written into ordinary ``.txt`` sources, five
  sentences a paragraph, 200 a file, one data set and one half per file (a sentence's half is
  ``half("ud:" + sent_id)`` / ``half("kaznerd:" + index)``). derek's sentences are matched to the
  gold sentences by character overlap; a gold sentence takes the language derek gave most of its
  characters (none at all counts as wrong).
- kzlaw: the Russian (``rus.md``) and Kazakh (``kaz.md``) text of each act, copied as a ``.txt``
  source (half: ``half("kzlaw:" + folder)``). Every sentence derek finds with at least three
  Cyrillic letters is scored against the file's language. One figure keeps only the Russian
  sentences holding a Kazakh-only letter (a Kazakh name such as «Әділет», a stray letter of the
  scan): what the rule that one foreign name does not flip a sentence is for.

What is scored is ``tables/sentences.parquet`` of ``derek run`` (language detected, ``--lang auto``).

    .venv/bin/python bench/eval_langid.py              # table of figures
    .venv/bin/python bench/eval_langid.py --errors     # the tune half's wrong sentences
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT, data_dir, half  # noqa: E402

COMMAND = "python bench/eval_langid.py"
PER_PARAGRAPH = 5
PER_FILE = 200
SMOKE_SENTENCES = 15
SMOKE_ACTS = 2
_CYR = re.compile(r"[\u0400-\u04ff]")


def conllu_sentences(path: Path):
    """``(id, text)`` of every sentence of a CoNLL-U file (id ``ud:<sent_id>``)."""
    sid = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id"):
            sid = line.split("=", 1)[1].strip()
        elif line.startswith("# text ="):
            yield f"ud:{sid}", line.split("=", 1)[1].strip()


def iob_sentences(path: Path):
    """``(id, text)`` of every KazNERD sentence (id ``kaznerd:<0-based index>``), tokens joined by spaces."""
    cur: list[str] = []
    n = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            if cur:
                yield f"kaznerd:{n}", " ".join(cur)
                n += 1
            cur = []
        else:
            cur.append(line.rsplit(" ", 1)[0])
    if cur:
        yield f"kaznerd:{n}", " ".join(cur)


def sentence_sets(data: Path) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """``{name: (gold language, [(id, text)])}`` of the sentence-level data sets present."""
    out = {}
    ru = [data / "ud_ru/ru_gsd-ud-dev.conllu", data / "ud_ru/ru_taiga-ud-dev.conllu"]
    if all(p.exists() for p in ru):
        out["UD ru (GSD + Taiga dev)"] = ("ru", [x for p in ru for x in conllu_sentences(p)])
    if (data / "kaznerd/IOB2_valid.txt").exists():
        out["KazNERD valid"] = ("kk", list(iob_sentences(data / "kaznerd/IOB2_valid.txt")))
    kk = [p for p in (data / "ud_kk_ktb/kk_ktb-ud-test-dev-half.conllu", data / "ud_kk_ktb/kk_ktb-ud-train.conllu")
          if p.exists()]
    if kk:
        out["UD kk (KTB dev half + train)"] = ("kk", [x for p in kk for x in conllu_sentences(p)])
    return out


def write_sources(inp: Path, sets: dict, *, smoke: bool) -> dict[str, list[tuple[str, str, str, int, int]]]:
    """Write the sentence sets as ``.txt`` sources; ``{file name: [(set, id, gold, start, end)]}``."""
    spans: dict[str, list] = {}
    for k, (name, (gold, items)) in enumerate(sets.items()):
        for h in ("tune", "check"):
            part = [(i, t) for i, t in items if half(i) == h and t.strip()]
            if smoke:
                part = part[:SMOKE_SENTENCES]
            for f in range(0, len(part), PER_FILE):
                fname = f"set{k}_{h}_{f // PER_FILE:03d}.txt"
                text, recs = "", []
                for j, (i, t) in enumerate(part[f:f + PER_FILE]):
                    if j:
                        text += "\n\n" if j % PER_PARAGRAPH == 0 else " "
                    recs.append((name, i, gold, len(text), len(text) + len(t)))
                    text += t
                (inp / fname).write_text(text + "\n", encoding="utf-8")
                spans[fname] = recs
    return spans


def write_acts(inp: Path, data: Path, *, smoke: bool) -> dict[str, tuple[str, str, str]]:
    """Copy each kzlaw act's two texts as ``.txt`` sources; ``{file name: (id, gold, half)}``."""
    out = {}
    folders = sorted(p for p in (data / "kzlaw").iterdir() if p.is_dir()) if (data / "kzlaw").is_dir() else []
    if smoke:
        folders = folders[:SMOKE_ACTS]
    for d in folders:
        for fname, gold in (("rus.md", "ru"), ("kaz.md", "kk")):
            if (d / fname).exists():
                name = f"kzlaw_{d.name[:40]}_{gold}.txt"
                (inp / name).write_bytes((d / fname).read_bytes())
                out[name] = (f"kzlaw:{d.name}", gold, half(f"kzlaw:{d.name}"))
    return out


def run_derek(inp: Path, out: Path) -> None:
    """The real command line: ``derek run IN -o OUT`` (one extractor only: the sentences are what is scored)."""
    subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(inp), "-o", str(out), "--workers", "1",
                    "--only", "claims", "--quiet"], check=True, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL)


def derek_sentences(out: Path) -> dict[str, list[tuple[int, int, str, str]]]:
    """``{input file name: [(start, end, lang, text)]}`` from ``tables/sentences.parquet``."""
    import pyarrow.parquet as pq

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    name_of = {s["source_id"]: Path(s["path"]).name for s in manifest["sources"]}
    rows = pq.read_table(out / "tables" / "sentences.parquet",
                         columns=["source_id", "start", "end", "lang", "text"]).to_pylist()
    by_file: dict[str, list] = defaultdict(list)
    for r in rows:
        by_file[name_of[r["source_id"]]].append((r["start"], r["end"], r["lang"], r["text"]))
    for v in by_file.values():
        v.sort()
    return by_file


def score_sentences(spans: dict, sents: dict) -> tuple[dict, list]:
    """Per (set, half): [right, total]; and the wrong sentences ``(set, half, id, gold, got)``."""
    res: dict = defaultdict(lambda: [0, 0])
    wrong = []
    for fname, recs in spans.items():
        pred = sents.get(fname, [])
        k = 0
        for name, i, gold, a, b in recs:
            while k < len(pred) and pred[k][1] <= a:
                k += 1
            chars: Counter = Counter()
            j = k
            while j < len(pred) and pred[j][0] < b:
                chars[pred[j][2]] += min(b, pred[j][1]) - max(a, pred[j][0])
                j += 1
            got = chars.most_common(1)[0][0] if chars else None
            h = half(i)
            res[(name, h)][1] += 1
            if got == gold:
                res[(name, h)][0] += 1
            else:
                wrong.append((name, h, i, gold, got))
    return res, wrong


def score_acts(acts: dict, sents: dict) -> tuple[dict, list]:
    """kzlaw per (figure, half): [right, total]; and the wrong sentences."""
    res: dict = defaultdict(lambda: [0, 0])
    wrong = []
    kk_letters = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
    for fname, (i, gold, h) in acts.items():
        for _, _, lang, text in sents.get(fname, []):
            if len(_CYR.findall(text)) < 3:
                continue
            keys = ["kzlaw Russian and Kazakh acts"]
            if gold == "ru" and kk_letters & set(text):
                keys.append("kzlaw Russian sentences with a Kazakh-only letter")
            for key in keys:
                res[(key, h)][1] += 1
                res[(key, h)][0] += lang == gold
            if lang != gold:
                wrong.append(("kzlaw", h, i, gold, lang, text))
    return res, wrong


TARGETS = {"UD ru (GSD + Taiga dev)": ">= 0.97", "KazNERD valid": ">= 0.99", "UD kk (KTB dev half + train)": ">= 0.98",
           "kzlaw Russian and Kazakh acts": ">= 0.97", "kzlaw Russian sentences with a Kazakh-only letter": ">= 0.90"}


def _evaluate(work: Path, *, smoke: bool = False) -> tuple[list[dict], list]:
    data = data_dir()
    if data is None:
        return [], []
    inp, out = work / "in", work / "out"
    inp.mkdir(parents=True, exist_ok=True)
    spans = write_sources(inp, sentence_sets(data), smoke=smoke)
    acts = write_acts(inp, data, smoke=smoke)
    if not spans and not acts:
        return [], []
    run_derek(inp, out)
    sents = derek_sentences(out)
    r1, w1 = score_sentences(spans, sents)
    r2, w2 = score_acts(acts, sents)
    res = {**r1, **r2}
    figures = []
    for name in TARGETS:
        t, c = res.get((name, "tune")), res.get((name, "check"))
        if not t and not c:
            continue
        figures.append({"figure": f"sentence language id accuracy, {name}",
                        "tune": round(t[0] / t[1], 4) if t and t[1] else None,
                        "check": round(c[0] / c[1], 4) if c and c[1] else None,
                        "n_tune": t[1] if t else 0, "n_check": c[1] if c else 0,
                        "target": TARGETS[name], "command": COMMAND})
    return figures, w1 + w2


def evaluate(work: Path, *, smoke: bool = False) -> list[dict]:
    """Figures of sentence language id (see the module's docstring); ``[]`` when the data is absent."""
    return _evaluate(work, smoke=smoke)[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--smoke", action="store_true", help="a few sentences of each set")
    ap.add_argument("--errors", action="store_true", help="print the tune half's wrong sentences")
    ap.add_argument("--work", default=None, help="working folder (default: a temporary one)")
    args = ap.parse_args(argv)
    if data_dir() is None:
        print("skip: data absent (../shared/data or $DEREK_DATA not found)")
        return 0
    with tempfile.TemporaryDirectory(prefix="derek-langid-") as tmp:
        work = Path(args.work) if args.work else Path(tmp)
        figures, wrong = _evaluate(work, smoke=args.smoke)
    print(f"{'figure':72} {'tune':>7} {'check':>7} {'n tune':>7} {'n check':>7}  target")
    for f in figures:
        print(f"{f['figure']:72} {f['tune'] if f['tune'] is not None else '-':>7} "
              f"{f['check'] if f['check'] is not None else '-':>7} {f['n_tune']:>7} {f['n_check']:>7}  {f['target']}")
    if args.errors:
        for w in wrong:
            if w[1] == "tune":
                print("  ", *w)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
