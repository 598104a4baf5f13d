"""kzlaw: do the Kazakh and the Russian version of one official act yield the same
organisations and legal acts? (no hand labels: the two versions are official translations
of each other.)

    python bench/eval_kzlaw_orgs.py [--smoke] [--work DIR] [-v]

Each act's ``kaz.md`` and ``rus.md`` (``../shared/data/kzlaw``) are written under ``work/src`` as
Markdown files (``<act>__kk.md``), read by ``derek run`` as a user's Markdown is (tables parsed, markup
gone), as the other kzlaw figures read them; from ``facts/*.json``:

* organisations: the number of distinct organisations of each version; an act agrees when the
  two numbers differ by at most 15% of the larger (``|kk - ru| <= 0.15 * max(kk, ru)``); the
  figure is the share of acts that agree;
* legal acts: each version's set of keys ``(kind, number, year)`` over its numbered acts, the
  number keyed as ``derek``'s registry links acts (``pipeline.link.act_number_key``); the
  figure is the micro F1 of the Kazakh set against the Russian one (the known disagreements of
  the source, e.g. a number misprinted in one version, count against it).

Acts are split into halves by ``common.half('kzlaw:<folder name>')``. The same figures are reported
for the acts of ``bench/data/kzlaw_more`` (more acts of the same repositories and years; not with
``--no-more``), in the same run.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import KZLAW_MORE, ROOT, half, require_data  # noqa: E402

sys.path.insert(0, str(ROOT))
from pipeline.link import act_number_key  # noqa: E402

COMMAND = "python bench/eval_kzlaw_orgs.py"
SMOKE_ACTS = 2


def write_sources(acts: list[Path], work: Path) -> None:
    src = work / "src"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    for d in acts:
        for lang, name in (("kk", "kaz.md"), ("ru", "rus.md")):
            p = d / name
            if p.exists():
                shutil.copyfile(p, src / f"{d.name}__{lang}.md")


def run_derek(work: Path) -> None:
    out = work / "out"
    if out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "pipeline.cli", "run", str(work / "src"), "-o", str(out),
           "--quiet", "--only", "organisations,legal_acts"]
    subprocess.run(cmd, check=False, cwd=ROOT)


def read_facts(work: Path) -> dict:
    """{(act folder, lang): facts JSON}."""
    res = {}
    for fj in sorted((work / "out" / "facts").glob("*.json")):
        d = json.loads(fj.read_text(encoding="utf-8"))
        stem = Path(d["source"]["path"]).stem
        folder, _, lang = stem.rpartition("__")
        res[(folder, lang)] = d
    return res


def act_keys(facts: dict) -> set:
    """A version's numbered acts as ``(kind, number, year)``, the number keyed as the registry
    links acts (:func:`pipeline.link.act_number_key`: ``97-ө`` and ``97``, ``77-р`` and ``77`` are
    one number)."""
    keys = {(a["kind"], act_number_key(str(a["number"])), a.get("year"))
            for a in facts.get("legal_acts", []) if a.get("number")}
    return {k for k in keys if k[1]}


def org_agree(n_kk: int, n_ru: int) -> bool:
    return abs(n_kk - n_ru) <= 0.15 * max(n_kk, n_ru)


def score(facts: dict, folders: list[str]) -> dict:
    """Per half: share of acts whose organisation counts agree, and the acts' key F1."""
    res = {}
    for h in ("tune", "check"):
        agree = n = tp = n_kk = n_ru = 0
        for f in folders:
            if half(f"kzlaw:{f}") != h or (f, "kk") not in facts or (f, "ru") not in facts:
                continue
            kk, ru = facts[(f, "kk")], facts[(f, "ru")]
            n += 1
            agree += org_agree(len(kk.get("organisations", [])), len(ru.get("organisations", [])))
            a, b = act_keys(kk), act_keys(ru)
            tp += len(a & b)
            n_kk += len(a)
            n_ru += len(b)
        res[h] = {"acts": n, "org_agree": agree / n if n else None,
                  "act_f1": 2 * tp / (n_kk + n_ru) if n_kk + n_ru else None,
                  "act_keys": (n_kk, n_ru, tp)}
    return res


def evaluate(work: Path, *, smoke: bool = False, more: bool = True) -> list[dict]:
    base = require_data("kzlaw")
    acts = sorted(d for d in base.iterdir() if d.is_dir())
    extra = sorted(d for d in KZLAW_MORE.iterdir() if d.is_dir()) if more and not smoke else []
    if smoke:
        acts = acts[:SMOKE_ACTS]
    work = Path(work)
    write_sources(acts + extra, work)
    run_derek(work)
    facts = read_facts(work)
    rows = []
    for name, group, note in (("kzlaw", acts, None),
                              ("kzlaw_more (bench/data)", extra,
                               "more acts of the same repositories and years, copied into bench/data/kzlaw_more")):
        if not group:
            continue
        res = score(facts, [d.name for d in group])
        rows += [
            {"figure": f"{name} acts whose kk and ru organisation counts agree within 15%",
             "tune": res["tune"]["org_agree"], "check": res["check"]["org_agree"],
             "n_tune": res["tune"]["acts"], "n_check": res["check"]["acts"], "target": ">= 0.80",
             "command": COMMAND},
            {"figure": f"{name} legal acts (kind, number, year) kk vs ru F1",
             "tune": res["tune"]["act_f1"], "check": res["check"]["act_f1"],
             "n_tune": res["tune"]["acts"], "n_check": res["check"]["acts"], "target": ">= 0.85",
             "command": COMMAND},
        ]
        if note:
            for r in rows[-2:]:
                r["note"] = note
    return rows


def details(work: Path) -> None:
    """Per act: organisation counts and the act keys found in one version only."""
    facts = read_facts(work)
    for f in sorted({k[0] for k in facts}):
        kk, ru = facts.get((f, "kk"), {}), facts.get((f, "ru"), {})
        nk, nr = len(kk.get("organisations", [])), len(ru.get("organisations", []))
        a, b = act_keys(kk), act_keys(ru)
        print(f"{f[:40]:40s} {half('kzlaw:' + f):5s} orgs kk {nk:3d} ru {nr:3d} "
              f"{'ok' if org_agree(nk, nr) else '--'}  acts kk {len(a)} ru {len(b)} both {len(a & b)}")
        for k in sorted(a - b, key=str):
            print("      kk only", k)
        for k in sorted(b - a, key=str):
            print("      ru only", k)


def main() -> int:
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--work", type=Path, default=Path("/tmp/derek_eval_kzlaw_orgs"))
    ap.add_argument("-v", "--verbose", action="store_true", help="per-act counts and act keys")
    ap.add_argument("--no-more", action="store_true", help="the kzlaw acts only, not bench/data/kzlaw_more's")
    args = ap.parse_args()
    rows = evaluate(args.work, smoke=args.smoke, more=not args.no_more)
    fmt = lambda v: "-" if v is None else f"{v:.3f}"  # noqa: E731
    print(f"{'figure':70s} {'tune':>6s} {'check':>6s}  n_tune n_check target")
    for r in rows:
        print(f"{r['figure']:70s} {fmt(r['tune']):>6s} {fmt(r['check']):>6s}  {r['n_tune']:6d} "
              f"{r['n_check']:7d} {r['target']}")
    if args.verbose:
        details(args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
