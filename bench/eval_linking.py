"""Entity linking across Kazakh and Russian: the parallel kzlaw acts, through ``derek run``.

Each act of ``kzlaw/`` exists in Kazakh (``kaz.md``) and Russian (``rus.md``), official
translations of each other, so both name the same bodies and acts. All 60 files go through one
``derek run`` (the registry links across the whole run, as it would for a user), and per act the
entity ids of the organisations found in the Kazakh version are compared with those of the Russian
version (Jaccard), and the same for legal acts. Tune/check halves by ``kzlaw:<folder>``.

The same figure is reported for the acts of ``bench/data/kzlaw_more`` (more acts of the same
repositories and years), in a run of their own. It also checks the registry against itself: the same entities whatever the order of sources and
the number of workers (run twice, 1 and 2 workers, sources named in reverse order), and the share
of run time the registry takes.

    .venv/bin/python bench/eval_linking.py [--smoke] [--work DIR]
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT, half, parallel_acts, require_data  # noqa: E402

COMMAND = "python bench/eval_linking.py"


def _derek(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=ROOT, capture_output=True, text=True)


def _suffix() -> str:
    """``.md`` when derek reads Markdown, else ``.txt`` (the same bytes, read as plain text)."""
    sys.path.insert(0, str(ROOT))
    from pipeline.ingest import FORMATS

    return ".md" if ".md" in FORMATS else ".txt"


def make_sources(work: Path, *, smoke: bool) -> dict[str, tuple[str, str]]:
    """Copy the acts as ``<NN>_kk``/``<NN>_ru`` source files; return ``{act: (kk stem, ru stem)}``."""
    kz = require_data("kzlaw")
    src = work / "src"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    acts = sorted(p for p in kz.iterdir() if p.is_dir() and (p / "kaz.md").exists() and (p / "rus.md").exists())
    if smoke:
        acts = acts[:2]
    suffix = _suffix()
    pairs = {}
    for p in acts:
        nn = p.name.split("_", 1)[0]
        shutil.copyfile(p / "kaz.md", src / f"{nn}_kk{suffix}")
        shutil.copyfile(p / "rus.md", src / f"{nn}_ru{suffix}")
        pairs[p.name] = (f"{nn}_kk", f"{nn}_ru")
    return pairs


def entity_sets(out: Path) -> dict[str, dict[str, set[str]]]:
    """``{file stem: {"organisation": ids, "legal_act": ids}}`` from the facts JSON derek wrote."""
    res: dict[str, dict[str, set[str]]] = {}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for s in manifest["sources"]:
        stem = Path(s["path"]).stem
        fp = out / "facts" / f"{s['source_id']}.json"
        sets = {"organisation": set(), "legal_act": set()}
        if s.get("status") == "ok" and fp.exists():
            f = json.loads(fp.read_text(encoding="utf-8"))
            sets["organisation"] = {o.get("entity_id") for o in f.get("organisations", []) if o.get("entity_id")}
            sets["legal_act"] = {x.get("entity_id") for x in f.get("legal_acts", []) if x.get("entity_id")}
        res[stem] = sets
    return res


def jaccard(a: set, b: set) -> float:
    return 1.0 if not a and not b else len(a & b) / len(a | b)


def jaccard_figures(rows: dict[tuple[str, str], list[float]], label: str, *, note: str | None = None) -> list[dict]:
    """The mean per-act Jaccard of each type and half (``rows``: (type, half) -> Jaccards), as figures."""
    figures = []
    for typ, target in (("organisation", ">= 0.80"), ("legal_act", ">= 0.85")):
        vals = {h: rows.get((typ, h), []) for h in ("tune", "check")}
        fig = {
            "figure": f"{label} kk/ru entity-id Jaccard per act, {typ}s (mean)",
            "tune": round(sum(vals["tune"]) / len(vals["tune"]), 3) if vals["tune"] else None,
            "check": round(sum(vals["check"]) / len(vals["check"]), 3) if vals["check"] else None,
            "n_tune": len(vals["tune"]), "n_check": len(vals["check"]), "target": target, "command": COMMAND,
        }
        if note:
            fig["note"] = note
        figures.append(fig)
    return figures


def registry_digest(out: Path) -> list:
    import pandas as pd

    e = pd.read_parquet(out / "tables" / "entities.parquet")
    links = pd.read_parquet(out / "tables" / "entity_links.parquet")
    return sorted(zip(links["entity_id"], links["source_id"], links["record_id"])) + [len(e)]


def evaluate(work: Path, *, smoke: bool = False) -> list[dict]:
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    pairs = make_sources(work, smoke=smoke)
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    files = sorted((work / "src").iterdir())
    r = _derek("run", *map(str, files), "-o", str(out), "--workers", "1")
    seconds = time.perf_counter() - t0
    if r.returncode not in (0, 1):
        raise RuntimeError(f"derek run failed: {r.stderr[-2000:]}")
    sets = entity_sets(out)
    rows: dict[tuple[str, str], list[float]] = {}
    detail = []
    for act, (kk, ru) in pairs.items():
        h = half(f"kzlaw:{act}")
        for typ in ("organisation", "legal_act"):
            j = jaccard(sets.get(kk, {}).get(typ, set()), sets.get(ru, {}).get(typ, set()))
            rows.setdefault((typ, h), []).append(j)
            detail.append((act[:2], typ, h, round(j, 2)))
    figures = jaccard_figures(rows, "kzlaw")
    # the registry does not depend on the order of sources or on the number of workers
    out2 = work / "out2"
    shutil.rmtree(out2, ignore_errors=True)
    r2 = _derek("run", *map(str, reversed(files)), "-o", str(out2), "--workers", "2")
    same = r2.returncode in (0, 1) and _ids_by_path(out) == _ids_by_path(out2)
    figures.append({"figure": "registry identical with sources reversed and 2 workers (1 = yes)",
                    "tune": None, "check": 1.0 if same else 0.0, "n_tune": 0, "n_check": len(files),
                    "target": "= 1", "command": COMMAND})
    share = _registry_share(out, seconds)
    figures.append({"figure": "registry share of the run's wall time on these acts", "tune": None,
                    "check": round(share, 3), "n_tune": 0, "n_check": len(files), "target": "<= 0.10",
                    "command": COMMAND})
    from link_check import precision

    ok, checked, _ = precision()
    figures.append({"figure": "linking precision on links checked by hand (bench/data/links_checked.tsv)",
                    "tune": None, "check": round(ok / len(checked), 3) if checked else None, "n_tune": 0,
                    "n_check": len(checked), "target": ">= 0.95 on 200",
                    "command": "python bench/link_check.py score",
                    "note": "pairs drawn from runs over the kzlaw acts (both halves), corpus/ and the article openings"})
    if not smoke:
        figures.extend(more_figures(work))
        outs = [out] + ([work / "more_out"] if (work / "more_out").is_dir() else [])
        ok, checked, _ = precision(outs)
        figures.append({"figure": "linking precision on the checked links that these runs make",
                        "tune": None, "check": round(ok / len(checked), 3) if checked else None, "n_tune": 0,
                        "n_check": len(checked), "target": ">= 0.95 on 200", "command": COMMAND,
                        "note": "the pairs of bench/data/links_checked.tsv that the kzlaw and kzlaw_more runs link"})
    (work / "detail.json").write_text(json.dumps(detail, ensure_ascii=False, indent=0), encoding="utf-8")
    return figures


def more_figures(work: Path) -> list[dict]:
    """The same Jaccard on the acts of ``bench/data/kzlaw_more`` (more acts of the same repositories,
    of the years the development set may take), in a run of their own."""
    acts = parallel_acts(more=True, shared=False)
    if not acts:
        return []
    src = work / "more_src"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    suffix = _suffix()
    for stem, _, p in acts:
        shutil.copyfile(p / "kaz.md", src / f"{stem}_kk{suffix}")
        shutil.copyfile(p / "rus.md", src / f"{stem}_ru{suffix}")
    out = work / "more_out"
    shutil.rmtree(out, ignore_errors=True)
    r = _derek("run", str(src), "-o", str(out), "--workers", "1")
    if r.returncode not in (0, 1):
        raise RuntimeError(f"derek run failed: {r.stderr[-2000:]}")
    sets = entity_sets(out)
    rows: dict[tuple[str, str], list[float]] = {}
    for stem, doc, _ in acts:
        for typ in ("organisation", "legal_act"):
            j = jaccard(sets.get(f"{stem}_kk", {}).get(typ, set()), sets.get(f"{stem}_ru", {}).get(typ, set()))
            rows.setdefault((typ, half(doc)), []).append(j)
    return jaccard_figures(rows, "kzlaw_more (bench/data)",
                           note="more acts of the same repositories and years, copied into bench/data/kzlaw_more")


def _ids_by_path(out: Path) -> dict:
    """entity ids of every record, keyed by input file name (source ids depend on the input root)."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    res = {}
    for s in manifest["sources"]:
        fp = out / "facts" / f"{s['source_id']}.json"
        if fp.exists():
            f = json.loads(fp.read_text(encoding="utf-8"))
            res[Path(s["path"]).name] = sorted(
                (o.get("canonical"), o.get("entity_id")) for o in f.get("organisations", []) + f.get("legal_acts", []))
    return res


def _registry_share(out: Path, run_seconds: float) -> float:
    """Seconds of ``link_output`` on the finished output, over the seconds of the whole run."""
    sys.path.insert(0, str(ROOT))
    from pipeline.link import link_output

    t0 = time.perf_counter()
    link_output(out)
    return (time.perf_counter() - t0) / max(run_seconds, 1e-9)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "derek-eval-linking")
    args = ap.parse_args()
    figs = evaluate(args.work, smoke=args.smoke)
    for f in figs:
        print(f"{f['figure']:<70} tune {f['tune']!s:>6}  check {f['check']!s:>6}  target {f['target']}")


if __name__ == "__main__":
    main()
