"""One evaluation of the product: every ``bench/eval_*.py`` module, one table in ``bench/RESULTS.md``.

Each module ``bench/eval_<area>.py`` exposes::

    def evaluate(work: pathlib.Path, *, smoke: bool = False) -> list[dict]

which turns its development data into ordinary source files under ``work/``, runs the real
command line (``derek run`` / ``derek lemmatize``) and scores what derek wrote. It returns one
dict per figure::

    {"figure": "KazNERD ORGANISATION exact F1", "tune": 0.71, "check": 0.69,
     "n_tune": 380, "n_check": 379, "target": ">= 0.78",
     "command": "python bench/eval_ner.py", "note": "optional explanation"}

This command imports every such module, calls ``evaluate`` and writes one table: every figure
on the tune and the check half, with n, target and command, the date and the commit. A figure
whose tune and check differ by more than 0.02 is marked (``*``) and its ``note`` is shown.
The check half is the one that counts (``bench/common.py: half``).

    .venv/bin/python bench/evaluate_product.py                     # everything, rewrites RESULTS.md
    .venv/bin/python bench/evaluate_product.py --smoke --no-write  # a tiny slice of each, table to stdout
    .venv/bin/python bench/evaluate_product.py --only lemma,ner --work /tmp/ev
    .venv/bin/python bench/evaluate_product.py --only linking --merge   # only these rows of RESULTS.md

A module whose data is absent returns ``[]`` (or exits through ``require_data``); it is listed
as skipped. A module that raises is listed with its error and the command exits 1.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import importlib.util
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT, data_dir  # noqa: E402

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "RESULTS.md"
GAP = 0.02  # a tune/check difference larger than this is marked


def discover(only: list[str] | None = None) -> dict[str, Path]:
    """``{area: path}`` of every ``bench/eval_<area>.py``, sorted; restricted to ``only`` when given.

    Raises SystemExit(2) when ``only`` names an area that has no module.
    """
    found = {p.stem[len("eval_"):]: p for p in sorted(BENCH.glob("eval_*.py"))}
    if only:
        missing = [n for n in only if n not in found]
        if missing:
            print(f"error: no bench/eval_<name>.py for {', '.join(missing)} "
                  f"(have: {', '.join(found) or 'none'})", file=sys.stderr)
            raise SystemExit(2)
        found = {n: found[n] for n in only}
    return found


def load_module(area: str, path: Path):
    """Import ``bench/eval_<area>.py`` as a module (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"eval_{area}", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def run_area(area: str, path: Path, work: Path, *, smoke: bool) -> dict:
    """Run one module's ``evaluate``: ``{area, figures, status, error, seconds}``.

    ``status`` is ``ok``, ``skip`` (no figures: data absent) or ``error``.
    """
    t0 = time.monotonic()
    out = {"area": area, "figures": [], "status": "ok", "error": None}
    try:
        mod = load_module(area, path)
        wdir = work / area
        wdir.mkdir(parents=True, exist_ok=True)
        figs = mod.evaluate(wdir, smoke=smoke)
        out["figures"] = [normalise(area, f) for f in (figs or [])]
        if not out["figures"]:
            out["status"] = "skip"
    except SystemExit as e:  # require_data() printed "skip: data absent"
        out["status"] = "skip" if not e.code else "error"
        out["error"] = None if not e.code else f"exit {e.code}"
    except Exception as e:  # noqa: BLE001 - one broken module must not hide the others
        out["status"] = "error"
        out["error"] = f"{type(e).__name__}: {e}"
        traceback.print_exc()
    out["seconds"] = round(time.monotonic() - t0, 1)
    return out


def normalise(area: str, f: dict) -> dict:
    """A figure dict with every column present; ``gap`` is |tune - check| or None."""
    g = {"area": area, "figure": str(f.get("figure", "?")), "tune": f.get("tune"),
         "check": f.get("check"), "n_tune": f.get("n_tune"), "n_check": f.get("n_check"),
         "target": f.get("target") or "", "command": f.get("command") or f"python bench/eval_{area}.py",
         "note": f.get("note") or ""}
    t, c = g["tune"], g["check"]
    g["gap"] = abs(t - c) if isinstance(t, (int, float)) and isinstance(c, (int, float)) else None
    g["marked"] = g["gap"] is not None and g["gap"] > GAP + 1e-12
    if g["marked"] and not g["note"]:
        g["note"] = noise_note(t, c, g["n_tune"], g["n_check"])
    return g


def noise_note(t: float, c: float, n_t, n_c) -> str:
    """An explanation of a tune/check gap from sample size alone, when the figure is a rate.

    Two standard errors of the difference of two binomial rates; a gap inside them is what
    two random halves of that size give. ``''`` when the sizes are unknown or the figures
    are not rates (a count is an int; a rate a float in [0, 1]).
    """
    if not (isinstance(n_t, int) and isinstance(n_c, int) and n_t > 0 and n_c > 0
            and isinstance(t, float) and isinstance(c, float) and 0 <= t <= 1 and 0 <= c <= 1):
        return ""
    se = ((t * (1 - t) / n_t) + (c * (1 - c) / n_c)) ** 0.5
    where = "within" if abs(t - c) <= 2 * se else "beyond"
    return f"{where} sampling noise of halves this size (2 s.e. = {2 * se:.3f}, n {n_t}/{n_c})"


def fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) <= 1.0 else f"{v:.1f}"
    return str(v)


def table(results: list[dict]) -> str:
    """The markdown table of every figure (one row each) and a line per skipped or failed area."""
    head = ("| area | figure | tune | check | n tune | n check | target | gap > 0.02 | note | command |\n"
            "|---|---|---|---|---|---|---|---|---|---|")
    rows = []
    for r in results:
        for g in r["figures"]:
            cells = [g["area"], g["figure"], fmt(g["tune"]), f"**{fmt(g['check'])}**",
                     fmt(g["n_tune"]), fmt(g["n_check"]), g["target"],
                     "*" if g["marked"] else "", g["note"] if g["marked"] or g["note"] else "",
                     f"`{g['command']}`"]
            rows.append("| " + " | ".join(c.replace("|", "\\|") if i != 9 else c
                                         for i, c in enumerate(cells)) + " |")
    extra = []
    for r in results:
        if r["status"] == "skip":
            extra.append(f"- `{r['area']}`: skipped (data absent or no figures)")
        elif r["status"] == "error":
            extra.append(f"- `{r['area']}`: **error** {r['error']}")
    return "\n".join([head, *rows]) + ("\n\n" + "\n".join(extra) if extra else "")


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def render(results: list[dict], *, smoke: bool) -> str:
    now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    secs = sum(r["seconds"] for r in results)
    lines = [
        "# Results of the product",
        "",
        f"Generated by `python bench/evaluate_product.py{' --smoke' if smoke else ''}` on {now}, "
        f"commit `{commit()}`, in {secs:.0f} s.",
        "",
        "Every figure is scored from what `derek run` (or `derek lemmatize`) wrote on source files made",
        "from the development data. Each data set is split into a **tune** half and a **check** half",
        "by a stable hash of the document id (`bench/common.py: half`); rules, lists, thresholds and",
        "models learn from the tune half only, and the **check** figure is the one that counts.",
        f"`*`: tune and check differ by more than {GAP}; the note says why.",
        "",
        table(results),
        "",
    ]
    if smoke:
        lines.insert(2, "**Smoke run on a tiny slice: these figures mean nothing.**\n")
    return "\n".join(lines)


def merge(old: str, new: str, areas: list[str]) -> str:
    """``old`` RESULTS.md with the rows (and skip/error lines) of ``areas`` replaced by those of ``new``;
    a line under the heading says which areas were evaluated again, when and at which commit."""
    def rows(text: str) -> tuple[list[str], list[str]]:
        body = [ln for ln in text.splitlines() if ln.startswith("| ") and not ln.startswith("| area |")]
        notes = [ln for ln in text.splitlines() if ln.startswith("- `")]
        return body, notes

    def area_of(line: str) -> str:
        return line[2:].split(" |", 1)[0] if line.startswith("| ") else line[3:].split("`", 1)[0]

    old_rows, old_notes = rows(old)
    new_rows, new_notes = rows(new)
    order: list[str] = []
    for ln in old_rows + new_rows:
        if area_of(ln) not in order:
            order.append(area_of(ln))
    kept = {a: [ln for ln in old_rows if area_of(ln) == a] for a in order if a not in areas}
    fresh = {a: [ln for ln in new_rows if area_of(ln) == a] for a in areas}
    body = [ln for a in order for ln in (fresh.get(a) if a in areas else kept.get(a, []))]
    body += [ln for a in areas if a not in order for ln in fresh[a]]
    notes = [ln for ln in old_notes if area_of(ln) not in areas] + new_notes
    head, _, _ = old.partition("| area |")
    stamp = next((ln for ln in new.splitlines() if ln.startswith("Generated by")), "")
    stamp = stamp.replace("Generated by", f"Areas {', '.join(areas)} evaluated again by", 1).replace(
        "evaluate_product.py`", f"evaluate_product.py --only {','.join(areas)} --merge`", 1)
    def stale(line: str) -> bool:  # an earlier stamp of areas all evaluated again now
        if not line.startswith("Areas "):
            return False
        return set(line[len("Areas "):].split(" evaluated again", 1)[0].split(", ")) <= set(areas)

    head_lines = [ln for ln in head.rstrip("\n").splitlines() if not stale(ln)]
    head_lines.insert(3, stamp)
    table_head = ("| area | figure | tune | check | n tune | n check | target | gap > 0.02 | note | command |\n"
                  "|---|---|---|---|---|---|---|---|---|---|")
    return "\n".join(head_lines) + "\n\n" + table_head + "\n" + "\n".join(body) + \
        ("\n\n" + "\n".join(notes) if notes else "") + "\n"


def _report(r: dict) -> dict:
    print(f"== {r['area']}: {r['status']} in {r['seconds']} s, {len(r['figures'])} figures"
          + (f": {r['error']}" if r["error"] else ""), flush=True)
    return r


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--smoke", action="store_true", help="a tiny slice of every data set (seconds each)")
    ap.add_argument("--only", default="", help="comma-separated areas (eval_<area>.py)")
    ap.add_argument("--work", type=Path, default=None, help="folder for generated sources and outputs")
    ap.add_argument("--no-write", action="store_true", help="print the table, do not rewrite RESULTS.md")
    ap.add_argument("--results", type=Path, default=RESULTS, help="where to write the table")
    ap.add_argument("--jobs", type=int, default=1, help="areas evaluated at once, each in its own process")
    ap.add_argument("--merge", action="store_true",
                    help="with --only: replace only these areas' rows of RESULTS.md, keep the others as they are")
    args = ap.parse_args(argv)
    only = [s.strip() for s in args.only.split(",") if s.strip()] or None
    mods = discover(only)
    if data_dir() is None:
        print("note: data absent ($DEREK_DATA or ../shared/data); modules will skip")
    tmp = None
    if args.work is None:
        tmp = tempfile.TemporaryDirectory(prefix="derek-eval-")
        work = Path(tmp.name)
    else:
        work = args.work
        work.mkdir(parents=True, exist_ok=True)
    results = []
    if args.jobs > 1:  # each area in its own process; the table keeps the areas' order
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=args.jobs) as ex:
            futures = [ex.submit(run_area, area, path, work, smoke=args.smoke) for area, path in mods.items()]
            for fut in futures:
                results.append(_report(fut.result()))
    else:
        for area, path in mods.items():
            print(f"== {area} ({path.name})", flush=True)
            results.append(_report(run_area(area, path, work, smoke=args.smoke)))
    text = render(results, smoke=args.smoke)
    if args.merge and only and not args.smoke and args.results.exists():
        text = merge(args.results.read_text(encoding="utf-8"), text, list(mods))
    print(text)
    if not args.no_write:
        args.results.write_text(text, encoding="utf-8")
        print(f"wrote {args.results}")
    if tmp is not None:
        tmp.cleanup()
    return 1 if any(r["status"] == "error" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
