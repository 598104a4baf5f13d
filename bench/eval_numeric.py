"""Numeric claims through the command line: kzlaw parallel agreement and the hand-checked sample.

1. **kzlaw parallel agreement** (label-free). Every act in ``kzlaw/`` exists in Kazakh
   (``kaz.md``) and Russian (``rus.md``), translated by the state, so both versions state the
   same figures. Both files of every act go through ``derek run`` (as ``.md`` when derek reads
   Markdown, else copied to ``.txt``); per act, the F1 between the multisets of (value, unit)
   of the claims found in each version, and the same with (qualifier, year, change) added;
   mean over acts, tune and check halves (``kzlaw:<folder>`` ids).
2. **Hand-checked sample** (``bench/data/claims_sample/sample.jsonl``): 100 claims (50 kk,
   50 ru) drawn at random from the kzlaw tune acts and the front-matter openings, each with
   the right value of every field as read by a person. The sources are run through
   ``derek run`` again and the claim with the same span is compared with the verdicts:
   value+unit right, every field right (a claim no longer found counts as wrong).
   The sample is drawn from tune documents only (plus the front-matter openings, which
   are split by ``frontmatter:<stem>``), so its figure is reported on the tune half and on
   the front-matter check half where it has items.

    .venv/bin/python bench/eval_numeric.py [--work DIR] [--smoke] [--show N]
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import KZLAW_MORE, ROOT, data_dir, half, require_data  # noqa: E402

SAMPLE = Path(__file__).parent / "data" / "claims_sample" / "sample.jsonl"
COMMAND = "python bench/eval_numeric.py"
# the fields a reader checks on every claim (the sample's "every field right")
SAMPLE_FIELDS = ("value", "value_max", "unit", "currency", "qualifier", "measured", "year", "period", "change")


def _md_supported() -> bool:
    """True when derek reads ``.md`` sources itself (Markdown tables become pipe tables)."""
    try:
        from pipeline.ingest import FORMATS
    except Exception:  # pragma: no cover - the package is broken; fall back to .txt
        return False
    return ".md" in FORMATS


def derek_run(inputs: Path, out: Path) -> None:
    """``derek run inputs -o out --only claims`` with this interpreter; raises on a usage error."""
    cmd = [sys.executable, "-m", "pipeline.cli", "run", str(inputs), "-o", str(out), "--only", "claims",
           "--workers", os.environ.get("DEREK_EVAL_WORKERS", "2"), "--quiet"]
    r = subprocess.run(cmd, cwd=str(ROOT), capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise RuntimeError(f"derek run failed ({r.returncode}): {r.stderr[-2000:]}")


def read_facts(out: Path) -> dict[str, dict]:
    """``{source path relative to the input folder: facts}`` of one run."""
    man = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    res = {}
    for s in man["sources"]:
        f = out / "facts" / f"{s['source_id']}.json"
        if s.get("status") == "ok" and f.exists():
            res[s["path"]] = json.loads(f.read_text(encoding="utf-8"))
    return res


# ---------------------------------------------------------------- kzlaw agreement

def _key_vu(c: dict) -> tuple:
    return (round(float(c["value"]), 4), c["unit"])


def _key_full(c: dict) -> tuple:
    return _key_vu(c) + (c.get("qualifier"), c.get("year"), c.get("change"))


def multiset_f1(a: list, b: list) -> float:
    """F1 between two multisets (1.0 when both are empty)."""
    if not a and not b:
        return 1.0
    ca, cb = collections.Counter(a), collections.Counter(b)
    common = sum((ca & cb).values())
    if not common:
        return 0.0
    p, r = common / sum(cb.values()), common / sum(ca.values())
    return 2 * p * r / (p + r)


def more_acts() -> list[str]:
    """Folder names of the acts of ``bench/data/kzlaw_more``."""
    return sorted(p.name for p in KZLAW_MORE.iterdir() if (p / "kaz.md").exists() and (p / "rus.md").exists()) \
        if KZLAW_MORE.is_dir() else []


def prepare_kzlaw(work: Path, *, smoke: bool = False, more: bool = False) -> tuple[Path, list[str]]:
    """Copy both versions of every act under ``work/kzlaw_in/<act>/`` (with ``more``, the acts of
    ``bench/data/kzlaw_more`` too); the act folder names."""
    src = require_data("kzlaw")
    ext = ".md" if _md_supported() else ".txt"
    dst = work / "kzlaw_in"
    if dst.exists():
        shutil.rmtree(dst)
    acts = sorted(p.name for p in src.iterdir() if p.is_dir() and (p / "kaz.md").exists() and (p / "rus.md").exists())
    if smoke:  # the smallest tune act that the hand-checked sample draws from, and one check act
        sampled = {Path(it["source"]).parent.name for it in load_sample()}
        tune = sorted((a for a in acts if half(f"kzlaw:{a}") == "tune"),
                      key=lambda a: (a not in sampled, (src / a / "kaz.md").stat().st_size))
        acts = tune[:1] + [a for a in acts if half(f"kzlaw:{a}") == "check"][:1]
    if more and not smoke:
        acts = acts + more_acts()
    for a in acts:
        (dst / a).mkdir(parents=True)
        home = KZLAW_MORE if (KZLAW_MORE / a).is_dir() else src
        for name in ("kaz", "rus"):
            shutil.copyfile(home / a / f"{name}.md", dst / a / f"{name}{ext}")
    return dst, acts


def kzlaw_claims(work: Path, *, smoke: bool = False, more: bool = False) -> dict[str, dict[str, list[dict]]]:
    """``{act: {"kk": claims, "ru": claims}}`` from one ``derek run`` over both versions of every act."""
    inp, acts = prepare_kzlaw(work, smoke=smoke, more=more)
    out = work / "kzlaw_out"
    if out.exists():
        shutil.rmtree(out)
    derek_run(inp, out)
    facts = read_facts(out)
    res: dict[str, dict[str, list[dict]]] = {a: {"kk": [], "ru": []} for a in acts}
    for path, f in facts.items():
        p = Path(path)
        act, lang = p.parent.name, "kk" if p.stem == "kaz" else "ru"
        if act in res:
            res[act][lang] = f.get("numeric_claims", [])
    return res


def kzlaw_agreement(claims: dict[str, dict[str, list[dict]]]) -> dict[str, dict]:
    """Per act: F1 of (value, unit) and of (value, unit, qualifier, year, change)."""
    out = {}
    for act, by in claims.items():
        kk, ru = by["kk"], by["ru"]
        out[act] = {
            "half": half(f"kzlaw:{act}"),
            "vu": multiset_f1([_key_vu(c) for c in kk], [_key_vu(c) for c in ru]),
            "full": multiset_f1([_key_full(c) for c in kk], [_key_full(c) for c in ru]),
            "n_kk": len(kk), "n_ru": len(ru),
        }
    return out


def disagreements(by: dict[str, list[dict]], key=_key_full) -> tuple[list[dict], list[dict]]:
    """Claims of each version whose key the other version lacks (kk-only, ru-only)."""
    ck = collections.Counter(key(c) for c in by["ru"])
    only_kk = []
    for c in by["kk"]:
        k = key(c)
        if ck[k] > 0:
            ck[k] -= 1
        else:
            only_kk.append(c)
    ck = collections.Counter(key(c) for c in by["kk"])
    only_ru = []
    for c in by["ru"]:
        k = key(c)
        if ck[k] > 0:
            ck[k] -= 1
        else:
            only_ru.append(c)
    return only_kk, only_ru


def _mean(xs: list[float]):
    return round(sum(xs) / len(xs), 4) if xs else None


# ---------------------------------------------------------------- hand-checked sample

def load_sample() -> list[dict]:
    if not SAMPLE.exists():
        return []
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def _source_file(item: dict) -> Path | None:
    """The data file a sample item was drawn from (``kzlaw/<act>/kaz.md`` or ``frontmatter/<stem>.txt``)."""
    d = data_dir()
    return d / item["source"] if d is not None else None


def sample_claims(work: Path, items: list[dict], kz_facts: dict | None = None) -> dict[str, list[dict]]:
    """``{item source: claims}``: the front-matter files through ``derek run``; kzlaw ones from ``kz_facts``."""
    res: dict[str, list[dict]] = {}
    need = sorted({it["source"] for it in items})
    inp = work / "sample_in"
    if inp.exists():
        shutil.rmtree(inp)
    ext = ".md" if _md_supported() else ".txt"  # as the sample was drawn: offsets index derek's text of it
    copied = {}
    for s in need:
        p = Path(s)
        if kz_facts is not None and p.parts[0] == "kzlaw" and p.parent.name in kz_facts:
            res[s] = kz_facts[p.parent.name]["kk" if p.stem == "kaz" else "ru"]
            continue
        f = _source_file({"source": s})
        if f is None or not f.exists():
            continue
        rel = Path(*p.parts[:-1]) / (p.stem + (ext if p.suffix == ".md" else p.suffix))
        (inp / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, inp / rel)
        copied[str(rel)] = s
    if copied:
        out = work / "sample_out"
        if out.exists():
            shutil.rmtree(out)
        derek_run(inp, out)
        for path, f in read_facts(out).items():
            if path in copied:
                res[copied[path]] = f.get("numeric_claims", [])
    return res


def _same(field: str, got, want) -> bool:
    if field in ("value", "value_max") and got is not None and want is not None:
        return abs(float(got) - float(want)) < 1e-6
    return got == want


def score_sample(items: list[dict], found: dict[str, list[dict]]) -> list[dict]:
    """Per item: ``{item, got, vu, all, wrong: [fields]}``."""
    rows = []
    for it in items:
        claims = found.get(it["source"], [])
        got = next((c for c in claims if c["start"] == it["start"] and c["end"] == it["end"]), None)
        if got is None:
            got = next((c for c in claims if c["start"] < it["end"] and it["start"] < c["end"]), None)
        gold = it["gold"]
        if gold.get("not_a_claim"):
            ok = got is None  # a number that states nothing is right only when no claim is made of it
            rows.append({"item": it, "got": got, "vu": ok, "all": ok, "wrong": [] if ok else ["not_a_claim"]})
            continue
        if got is None:
            rows.append({"item": it, "got": None, "vu": False, "all": False, "wrong": ["missing"]})
            continue
        wrong = [f for f in SAMPLE_FIELDS if f in gold and not _same(f, got.get(f), gold[f])]
        vu = not ({"value", "unit", "currency"} & set(wrong))
        rows.append({"item": it, "got": got, "vu": vu, "all": not wrong, "wrong": wrong})
    return rows


def sample_half(item: dict) -> str:
    p = Path(item["source"])
    doc = f"kzlaw:{p.parent.name}" if p.parts[0] == "kzlaw" else f"frontmatter:{p.stem}"
    return half(doc)


# ---------------------------------------------------------------- the interface

def evaluate(work: Path, *, smoke: bool = False, details: dict | None = None, more: bool = True) -> list[dict]:
    """Figures of this area (see the module docstring)."""
    if data_dir() is None or not (data_dir() / "kzlaw").exists():
        return []
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    claims = kzlaw_claims(work, smoke=smoke, more=more)
    agr = kzlaw_agreement(claims)
    extra = set(more_acts())
    figs = []
    for set_name, in_set, note in (("kzlaw", lambda a: a not in extra, None),
                                   ("kzlaw_more (bench/data)", lambda a: a in extra,
                                    "more acts of the same repositories and years, copied into bench/data/kzlaw_more")):
        if not any(in_set(a) for a in agr):
            continue
        for key, name, target in (("vu", f"{set_name} kk-ru agreement, (value, unit) F1, mean over acts", ">= 0.92"),
                                  ("full", f"{set_name} kk-ru agreement, (value, unit, qualifier, year, change) F1, "
                                   "mean over acts", ">= 0.85")):
            t = [r[key] for a, r in agr.items() if r["half"] == "tune" and in_set(a)]
            c = [r[key] for a, r in agr.items() if r["half"] == "check" and in_set(a)]
            figs.append({"figure": name, "tune": _mean(t), "check": _mean(c), "n_tune": len(t), "n_check": len(c),
                         "target": target, "command": COMMAND})
            if note:
                figs[-1]["note"] = note
    items = load_sample()
    if smoke:
        items = [it for it in items if Path(it["source"]).parent.name in claims][:10]
    if items:
        found = sample_claims(work, items, kz_facts=claims)
        rows = score_sample(items, found)
        for key, name, target in (("vu", "hand-checked claims (kzlaw tune acts + openings): value and unit right", ">= 0.97"),
                                  ("all", "hand-checked claims (kzlaw tune acts + openings): every field right", ">= 0.85")):
            t = [r[key] for r in rows if sample_half(r["item"]) == "tune"]
            c = [r[key] for r in rows if sample_half(r["item"]) == "check"]
            figs.append({"figure": name, "tune": _mean([float(x) for x in t]), "check": _mean([float(x) for x in c]),
                         "n_tune": len(t), "n_check": len(c), "target": target, "command": COMMAND,
                         "note": "drawn from kzlaw tune acts and the openings; check = the openings of the check half"})
        if details is not None:
            details["sample"] = rows
    if details is not None:
        details["claims"] = claims
        details["agreement"] = agr
    return figs


def _show(details: dict, n: int) -> None:
    agr = details["agreement"]
    print("\nper act (half, vu, full, n_kk, n_ru):")
    for act, r in sorted(agr.items(), key=lambda x: x[1]["full"]):
        print(f"  {r['half']:5} {r['vu']:.3f} {r['full']:.3f} {r['n_kk']:4} {r['n_ru']:4}  {act[:60]}")
    print(f"\ndisagreements (first {n} per act, tune acts only):")
    for act, by in details["claims"].items():
        if half(f"kzlaw:{act}") != "tune":
            continue
        kk, ru = disagreements(by)
        if not kk and not ru:
            continue
        print(f"== {act[:70]}")
        for lab, cs in (("kk", kk), ("ru", ru)):
            for c in cs[:n]:
                print(f"  {lab}-only {_key_full(c)} {c.get('measured')!r} | {c['text']!r} | {c['sentence'][:150]!r}")
    if "sample" in details:
        bad = [r for r in details["sample"] if not r["all"]]
        print(f"\nsample items wrong ({len(bad)}):")
        for r in bad:
            g = r["got"] or {}
            print(f"  {r['item']['source']} {r['item']['text']!r}: {r['wrong']} got "
                  f"{ {f: g.get(f) for f in r['wrong'] if f != 'missing'} } want "
                  f"{ {f: r['item']['gold'].get(f) for f in r['wrong'] if f != 'missing'} }")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--show", type=int, default=0, help="print per-act scores and N disagreements per act")
    ap.add_argument("--no-more", action="store_true", help="the kzlaw acts only, not bench/data/kzlaw_more's")
    args = ap.parse_args(argv)
    require_data("kzlaw")
    work = args.work or Path(tempfile.mkdtemp(prefix="derek-eval-numeric-"))
    details: dict = {}
    figs = evaluate(work, smoke=args.smoke, details=details, more=not args.no_more)
    print(f"{'figure':90} {'tune':>6} {'check':>6} {'n_t':>4} {'n_c':>4} target")
    for f in figs:
        t = "-" if f["tune"] is None else f"{f['tune']:.3f}"
        c = "-" if f["check"] is None else f"{f['check']:.3f}"
        print(f"{f['figure']:90} {t:>6} {c:>6} {f['n_tune']:>4} {f['n_check']:>4} {f['target']}")
    if args.show:
        _show(details, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
