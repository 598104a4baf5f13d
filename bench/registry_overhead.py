"""What the entity registry adds to a run: seconds of linking over seconds of the whole run.

Generates ``-n`` articles with ``bench/generate_corpus.py`` (repository files only, so it runs
on a fresh clone), runs ``derek run`` over them, then times the registry step (``link_output``)
again on the finished output, and checks that a second run with the sources in reverse order
and another number of workers gives the same entity ids.

    .venv/bin/python bench/registry_overhead.py -n 1000 --workers 2
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _ids(out: Path) -> dict:
    res = {}
    for fp in sorted((out / "facts").glob("*.json")):
        f = json.loads(fp.read_text(encoding="utf-8"))
        res[Path(f["source"]["path"]).name] = sorted(
            (o.get("canonical"), o.get("entity_id")) for o in f.get("organisations", []) + f.get("legal_acts", []))
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=1000, help="generated articles (default 1000)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "derek-registry-overhead")
    args = ap.parse_args()
    from pipeline.link import link_output

    src, out, out2 = args.work / "src", args.work / "out", args.work / "out2"
    for p in (src, out, out2):
        shutil.rmtree(p, ignore_errors=True)
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate_corpus.py"), "-n", str(args.n), "-o", str(src)],
                   check=True, cwd=ROOT, capture_output=True)
    files = sorted(str(p) for p in src.rglob("*") if p.is_file())
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline.cli", "run", *files, "-o", str(out), "--workers",
                    str(args.workers)], check=True, cwd=ROOT, capture_output=True)
    run_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_entities = link_output(out)
    link_s = time.perf_counter() - t0
    subprocess.run([sys.executable, "-m", "pipeline.cli", "run", *reversed(files), "-o", str(out2), "--workers",
                    str(max(1, args.workers - 1))], check=True, cwd=ROOT, capture_output=True)
    same = _ids(out) == _ids(out2)
    print(f"{len(files)} articles, {n_entities} entities: run {run_s:.1f} s (registry included), registry "
          f"{link_s:.1f} s = {link_s / run_s:.1%} of the run; same ids in reverse order with "
          f"{max(1, args.workers - 1)} worker(s): {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
