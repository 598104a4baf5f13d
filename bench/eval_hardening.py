"""Hardening of `derek run`, measured on the command line's output (bench/FUZZING.md, "Hardening").

    python bench/eval_hardening.py [--smoke] [--work DIR]

Real sources, damaged the ways files arrive: every kzlaw act (``kaz.md``, ``rus.md``) and every
front-matter opening (``*.txt``) is written as a ``.txt`` source in three forms: its legacy code
page (KZ-1048 for Kazakh, CP1251 for Russian), UTF-16 with a BOM, and UTF-8 with NUL bytes, a
lone surrogate and a cut last character. One ``derek run`` reads them all; a form is right when
its manifest entry is ``ok`` and ``text/<id>.txt`` is the original text (NULs, the surrogate and
the cut character dropped). Halves: ``kzlaw:<act folder>`` and ``frontmatter:<file stem>``
(bench/common.py). Nothing is learnt from these files: no rule or threshold of derek depends on them.

Generated cases (no halves; the figure is in ``check``): the huge-page PDF, a FIFO and a link to
/dev/zero, and processes left 5 s after SIGKILL / SIGTERM of the main process (bench/hardening.py;
10 tries each, as in the figures of FUZZING.md).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import data_dir, half, require_data  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
COMMAND = "python bench/eval_hardening.py"
FORMS = ("legacy", "utf16", "damaged")
KILL_TRIES = 10  # per signal: "0 processes left in 10 tries each"


def _sources(d: Path, smoke: bool) -> list[tuple[str, str, str, str]]:
    """(doc id, name, language, text) of every real source used."""
    out = []
    acts = sorted(p for p in (d / "kzlaw").iterdir() if p.is_dir()) if (d / "kzlaw").is_dir() else []
    if smoke:  # the shortest act: the smoke run stays small
        acts = sorted(acts, key=lambda a: sum(p.stat().st_size for p in a.glob("*.md")))[:1]
    for act in acts:
        for fn, lang in (("kaz.md", "kk"), ("rus.md", "ru")):
            p = act / fn
            if p.is_file():
                out.append((f"kzlaw:{act.name}", f"{act.name[:40]}_{lang}", lang, p.read_text(encoding="utf-8")))
    fm = sorted((d / "frontmatter").glob("*.txt")) if (d / "frontmatter").is_dir() else []
    if smoke:
        fm = sorted(fm, key=lambda p: p.stat().st_size)[:1]
    for p in fm:
        out.append((f"frontmatter:{p.stem}", f"fm_{p.stem}", p.stem[:2], p.read_text(encoding="utf-8")))
    return out


def damage(text: str) -> bytes:
    """UTF-8 with two NUL bytes in the first third, a lone surrogate (ED A0 80) in the middle and
    the last character cut inside its bytes (or a dangling lead byte after an ASCII last character)."""
    b = text.encode("utf-8")
    third = len(text) // 3
    head = text[:third].encode("utf-8") + b"\x00\x00" + text[third:2 * third].encode("utf-8") + b"\xed\xa0\x80"
    tail = text[2 * third:].encode("utf-8")
    last = text[-1:].encode("utf-8")
    tail = tail[:-1] if len(last) > 1 else tail + b"\xd0"
    assert len(head) + len(tail) <= len(b) + 6
    return head + tail


def expected(text: str, form: str) -> str:
    from pipeline.ingest import clean_text

    if form == "damaged" and len(text[-1:].encode("utf-8")) > 1:
        text = text[:-1]
    return clean_text(text)


def encode(text: str, lang: str, form: str) -> bytes | None:
    if form == "legacy":
        try:
            return text.encode("kz1048" if lang == "kk" else "cp1251")
        except UnicodeEncodeError:
            return None  # a character the code page lacks: this form is not made
    if form == "utf16":
        return text.encode("utf-16")
    return damage(text)


def real_sources(work: Path, smoke: bool) -> list[dict]:
    d = require_data("kzlaw") and data_dir()
    src = work / "real"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    made = {}  # file name -> (doc id, form, expected text)
    for doc_id, name, lang, text in _sources(d, smoke):
        for form in FORMS:
            data = encode(text, lang, form)
            if data is None:
                continue
            fn = f"{name}.{form}.txt"
            (src / fn).write_bytes(data)
            made[fn] = (doc_id, form, expected(text, form))
    out = work / "real_out"
    shutil.rmtree(out, ignore_errors=True)
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(src), "-o", str(out), "--workers",
                        "1" if smoke else os.environ.get("DEREK_EVAL_WORKERS", "2"), "--only", "legal_acts", "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=3600)
    try:
        entries = {e["path"]: e for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["sources"]}
    except (OSError, ValueError):
        entries = {}
    right = {"tune": [], "check": []}
    lost = {"tune": 0, "check": 0}
    for fn, (doc_id, form, want) in made.items():
        e = entries.get(fn)
        h = half(doc_id)
        if e is None:
            lost[h] += 1
        ok = bool(e) and e["status"] == "ok" and \
            (out / "text" / f"{e['source_id']}.txt").read_text(encoding="utf-8") == want
        right[h].append(ok)
    tb = "Traceback" in r.stderr
    rate = {h: (sum(v) / len(v) if v else None) for h, v in right.items()}
    return [
        {"figure": "real sources (kzlaw acts, front matter) in a legacy code page, UTF-16 and damaged UTF-8: "
                   "share read back to the original text", "tune": rate["tune"], "check": rate["check"],
         "n_tune": len(right["tune"]), "n_check": len(right["check"]), "target": "= 1.0", "command": COMMAND},
        {"figure": "the same files: sources with no manifest entry (plus 1 if the run printed a traceback)",
         "tune": lost["tune"] + tb, "check": lost["check"] + tb, "n_tune": len(right["tune"]),
         "n_check": len(right["check"]), "target": "= 0", "command": COMMAND},
    ]


def generated(work: Path, smoke: bool) -> list[dict]:
    import hardening as hd

    rows = []
    h = hd.huge_page(work)
    rows.append({"figure": "huge-page PDF (generated, no halves): peak RSS of the run, MB",
                 "tune": None, "check": h["peak_rss_mb"], "n_tune": None, "n_check": 1, "target": "<= 1536",
                 "command": "python bench/hardening.py --only huge"})
    rows.append({"figure": f"huge-page PDF (generated, no halves): seconds to its row ({h['row']}; the whole "
                           f"run {h['run_seconds']} s wall, {h['run_cpu_seconds']} s CPU)",
                 "tune": None, "check": h["source_seconds"], "n_tune": None, "n_check": 1, "target": "<= 60",
                 "command": "python bench/hardening.py --only huge"})
    special = hd.special_files(work)
    worst = max((r.get("source_seconds") or 0 for r in special), default=None)
    run_s = max((r.get("run_seconds") or 0 for r in special), default=None)
    cpu_s = max((r.get("run_cpu_seconds") or 0 for r in special), default=None)
    codes = ",".join(sorted({str(r.get("row")) for r in special}))
    rows.append({"figure": f"FIFO and link to /dev/zero (generated, no halves): seconds to their rows ({codes}; "
                           f"the whole run {run_s} s wall, {cpu_s} s CPU)",
                 "tune": None, "check": worst if all(r.get("row") == "E006" for r in special) else None,
                 "n_tune": None, "n_check": len(special), "target": "<= 5",
                 "command": "python bench/hardening.py --only special"})
    if not smoke:
        try:
            import psutil  # noqa: F401
        except ImportError:
            return rows
        for r in hd.kills(work, KILL_TRIES):
            rows.append({"figure": f"{r['case']} (generated, no halves): processes left 5 s later, {r['tries']} tries",
                         "tune": None, "check": r["total_left"], "n_tune": None, "n_check": r["tries"],
                         "target": "= 0", "command": "python bench/hardening.py --only kill"})
    return rows


def evaluate(work: Path, *, smoke: bool = False) -> list[dict]:
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    if data_dir() is not None and (data_dir() / "kzlaw").is_dir():
        rows += real_sources(work / "hardening", smoke)
    rows += generated(work / "hardening" / "generated", smoke)
    return rows


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--work", type=Path, default=None)
    args = ap.parse_args(argv)
    if data_dir() is None:
        print("skip: data absent (kzlaw not found under $DEREK_DATA or ../shared/data); generated cases only")
    with tempfile.TemporaryDirectory(prefix="derek-eval-hardening-") as tmp:
        rows = evaluate(args.work or Path(tmp), smoke=args.smoke)
    fmt = lambda v: "-" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)  # noqa: E731
    print("| figure | tune | check | n tune | n check | target |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['figure']} | {fmt(r['tune'])} | {fmt(r['check'])} | {fmt(r['n_tune'])} | {fmt(r['n_check'])} "
              f"| {r['target']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
