"""Silver Kazakh organisation labels projected from the Russian versions of the tune-half kzlaw acts.

Each act of ``kzlaw/`` (development data) and ``bench/data/kzlaw_more`` exists in Kazakh
(``kaz.md``) and Russian (``rus.md``). Only the acts whose ``half("kzlaw:<folder>")`` is ``tune``
are read (``bench/common.py``); a check-half act is never opened.

1. ``derek run`` over the tune acts' two versions together (one run, cwd the repository), so the
   linker gives a body's Kazakh and Russian mentions one ``entity_id``. The Russian side (natasha
   and the Russian rules) is the teacher.
2. Each version is segmented again in-process as ``derek run`` segments it
   (``ingest.read_source`` -> ``analyze.analyze_source`` -> ``organisations._units``); the
   Russian sentences are aligned to the Kazakh ones by a monotone dynamic programme over the
   sentence lengths and the numbers they hold (Gale-Church beads 1-1, 1-2, 2-1, 1-0, 0-1).
3. In a Kazakh sentence the candidate spans are derek's Kazakh mentions there and the spans of
   ``kk_candidates(every_rule=True)`` and ``kk_add_state_bodies`` (the shipped tagger and every
   rule). A candidate is a silver ORGANISATION when it is matched to a Russian organisation of
   the act: its derek mention has an entity id of the Russian version, or its name and a Russian
   name have the same concepts or name one body by ``link.one_body_in_two_versions`` (the
   linker's bilingual comparison; ``link_names.name_key`` over the language layer's analysis).
4. A Kazakh sentence is kept only when it is one side of a confident 1-1 bead (the same numbers
   on both sides, lengths in proportion), every Russian organisation of its Russian sentence is
   matched by one of its silver spans, and none of derek's own Kazakh mentions in it is left
   unmatched (there the teacher and the pipeline disagree). Other words: with ``--others
   tagger`` (default) the shipped tagger's labels of the other KazNERD types (GPE, PERSON, LAW,
   POSITION, ...), which KazNERD labels and a Russian organisation says nothing about; with
   ``--others O`` they are O. Rule spans not matched are O.

Output: ``OUT`` in the format of KazNERD's ``IOB2_valid.txt`` (``word label`` per line, a blank
line after each sentence; words as the tagger sees them at run time, ``org_kk._unit_words``), and
``OUT.acts.tsv``: per sentence its index, the act's doc id, the Kazakh sentence's view offsets
and its number of ORGANISATION spans.

    DEREK_DATA=... .venv/bin/python bench/project_kzlaw.py --out /tmp/silver.txt [--work DIR]
"""
from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT, half, monotone_beads, parallel_acts  # noqa: E402

sys.path.insert(0, str(ROOT))

MAX_WORDS = 80  # a longer unit is a table or a list run together, not a sentence
MIN_WORDS = 3
_DIGITS = re.compile(r"\d+")


def tune_acts() -> list[tuple[str, str, Path]]:
    """(stem, doc id, folder) of the tune-half acts of kzlaw and kzlaw_more (folders only listed)."""
    return [a for a in parallel_acts(more=True) if half(a[1]) == "tune"]


def derek_run(acts, work: Path) -> Path:
    src = work / "src"
    out = work / "out"
    shutil.rmtree(src, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    src.mkdir(parents=True)
    for stem, _, p in acts:
        shutil.copyfile(p / "kaz.md", src / f"{stem}_kk.md")
        shutil.copyfile(p / "rus.md", src / f"{stem}_ru.md")
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(src), "-o", str(out),
                        "--workers", "1"], cwd=ROOT, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise RuntimeError(f"derek run failed: {r.stderr[-2000:]}")
    return out


def read_orgs(out: Path) -> dict[str, list[dict]]:
    """file stem (``01_kk``) -> organisations of its facts JSON."""
    res = {}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for s in manifest["sources"]:
        fp = out / "facts" / f"{s['source_id']}.json"
        if s.get("status") == "ok" and fp.exists():
            res[Path(s["path"]).stem] = json.loads(fp.read_text(encoding="utf-8")).get("organisations", [])
    return res


def analyse(path: Path, source_id: str):
    """The analysis (segment and tokens) derek builds of one file, and its organisation units."""
    from pipeline.analyze import analyze_source
    from pipeline.extract.organisations import _units
    from pipeline.ingest import read_source

    a = analyze_source(read_source(path, source_id=source_id), stages=())
    return a, _units(a)


def mentions_by_unit(a, units, orgs) -> dict[int, list[tuple[int, int, str, dict]]]:
    """unit index -> (view start, view end, entity id, org) of derek's mentions inside it."""
    import bisect
    starts = [u[2] for u in units]
    out: dict[int, list] = {}
    for o in orgs:
        for m in o.get("mentions", []):
            vs = a.view.from_source(m["start"])
            ve = a.view.from_source(m["end"])
            k = bisect.bisect_right(starts, vs) - 1
            if k >= 0 and vs < units[k][3]:
                out.setdefault(k, []).append((vs, ve, o.get("entity_id"), o))
    return out


# ------------------------------------------------------------------ sentence alignment


def _numbers(text: str) -> Counter:
    return Counter(_DIGITS.findall(text))


def align(kk: list[str], ru: list[str]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Monotone alignment of two lists of sentences (Gale-Church beads with a cost for numbers
    that differ); returns the beads as (kk indexes, ru indexes)."""
    n, m = len(kk), len(ru)
    lk = [len(t) + 1 for t in kk]
    lr = [len(t) + 1 for t in ru]
    mu = math.log(sum(lk) / max(sum(lr), 1))
    nk = [_numbers(t) for t in kk]
    nr = [_numbers(t) for t in ru]

    def cost(ks, rs):
        if not ks or not rs:
            return 3.0
        a = sum(lk[k] for k in ks)
        b = sum(lr[r] for r in rs)
        c = abs(math.log(a / b) - mu) / 0.25
        na = sum((nk[k] for k in ks), Counter())
        nb = sum((nr[r] for r in rs), Counter())
        if na or nb:
            inter = sum((na & nb).values())
            union = sum((na | nb).values())
            c += 3.0 * (1 - inter / union)
        return c + (0.0 if len(ks) == len(rs) == 1 else 1.5)

    moves = ((1, 1, 0.0), (1, 0, 0.0), (0, 1, 0.0), (1, 2, 0.0), (2, 1, 0.0))
    return monotone_beads(n, m, moves, cost), mu


def confident(kk_text: str, ru_text: str, mu: float) -> bool:
    """A 1-1 bead to trust: the same numbers on both sides and lengths in proportion."""
    if _numbers(kk_text) != _numbers(ru_text):
        return False
    r = math.log((len(kk_text) + 1) / (len(ru_text) + 1)) - mu
    return abs(r) <= 0.35


# ------------------------------------------------------------------ matching names


class Concepts:
    """Concept sets of names (``link_names.name_key`` over the language layer), cached."""

    def __init__(self):
        self.cache: dict[tuple[str, str], frozenset] = {}

    def of(self, items: list[tuple[str, str]]) -> list[frozenset]:
        from pipeline.link_names import _analyse_names, name_key
        todo = sorted({x for x in items if x not in self.cache})
        if todo:
            for x, words in zip(todo, _analyse_names(todo)):
                self.cache[x] = name_key(words, x[0])[0] if words else frozenset()
        return [self.cache[x] for x in items]


def best_match(concepts: frozenset, ru: list[tuple[frozenset, str]]) -> str | None:
    """The entity id of the Russian organisation that names the same body, or None."""
    from pipeline.link import one_body_in_two_versions
    if not concepts:
        return None
    best, score = None, 0.0
    for rc, eid in ru:
        if not rc:
            continue
        s = 1.01 if rc == concepts else one_body_in_two_versions(concepts, rc)
        if s is not None and s > score:
            best, score = eid, s
    return best


def _name(org: dict) -> str:
    return f"{org['canonical']} {org['descriptor']}" if org.get("descriptor") else org.get("canonical") or ""


# ------------------------------------------------------------------ projection


def project_act(stem: str, doc: str, folder: Path, orgs: dict, tagger, concepts: Concepts, others: str,
                stats: Counter) -> list[tuple[list[str], list[str], tuple]]:
    from pipeline.extract import kk_ner
    from pipeline.extract.organisations import _cut_markup, kk_add_state_bodies, kk_candidates
    from pipeline.extract.org_kk import _unit_words

    a_kk, u_kk = analyse(folder / "kaz.md", f"{stem}_kk")
    a_ru, u_ru = analyse(folder / "rus.md", f"{stem}_ru")
    kk_orgs, ru_orgs = orgs.get(f"{stem}_kk", []), orgs.get(f"{stem}_ru", [])
    ru_eids = {o.get("entity_id") for o in ru_orgs if o.get("entity_id")}
    ru_conc = list(zip(concepts.of([("ru", _name(o)) for o in ru_orgs]), [o.get("entity_id") for o in ru_orgs]))
    m_kk = mentions_by_unit(a_kk, u_kk, kk_orgs)
    m_ru = mentions_by_unit(a_ru, u_ru, ru_orgs)
    t_kk = [a_kk.view.text[u[2]:u[3]] for u in u_kk]
    t_ru = [a_ru.view.text[u[2]:u[3]] for u in u_ru]
    beads, mu = align(t_kk, t_ru)
    out = []
    for ks, rs in beads:
        if len(ks) != 1 or len(rs) != 1:
            stats["kk sentences not in a 1-1 bead"] += len(ks)
            continue
        k, r = ks[0], rs[0]
        seg, vs = t_kk[k], u_kk[k][2]
        if u_kk[k][1] != "kk":
            continue
        stats["kk sentences in a 1-1 bead"] += 1
        if not confident(seg, t_ru[r], mu):
            stats["rejected: bead not confident"] += 1
            continue
        words = _unit_words(seg)
        if not MIN_WORDS <= len(words) <= MAX_WORDS:
            stats["rejected: length"] += 1
            continue
        # candidates: derek's mentions (view offsets -> unit offsets) and every rule / state body
        derek = [(s - vs, e - vs, eid, o) for s, e, eid, o in m_kk.get(k, [])]
        extra = kk_add_state_bodies(seg, kk_candidates(seg, tagger, every_rule=True))
        for d in extra:
            _cut_markup(seg, d)
        extra = [d for d in extra if d["end"] > d["start"]
                 and not any(d["start"] < e and s < d["end"] for s, e, _, _ in derek)]
        names = [("kk", _name(o)) for _, _, _, o in derek] + [("kk", d["name"]) for d in extra]
        conc = concepts.of(names)
        spans, ok = [], True
        for (s, e, eid, _), c in zip(derek, conc):
            hit = eid if eid in ru_eids else best_match(c, ru_conc)
            if hit is None:
                ok = False  # the pipeline names a body the Russian version does not
                break
            spans.append((s, e, hit))
        if not ok:
            stats["rejected: a derek kk mention unmatched"] += 1
            continue
        for d, c in zip(extra, conc[len(derek):]):
            hit = best_match(c, ru_conc)
            if hit is not None and not any(d["start"] < e and s < d["end"] for s, e, _ in spans):
                spans.append((d["start"], d["end"], hit))
        found = {h for _, _, h in spans}
        need = {eid for _, _, eid, _ in m_ru.get(r, []) if eid}
        if not need <= found:
            stats["rejected: a Russian organisation not accounted for"] += 1
            continue
        # labels over the tagger's words
        ws = [w for _, _, w in words]
        labels = ["O"] * len(ws)
        if others == "tagger":
            for typ, i, j in kk_ner.spans(tagger.tag(ws)):
                if typ != "ORGANISATION":
                    for q in range(i, j):
                        labels[q] = ("B-" if q == i else "I-") + typ
        n_org = 0
        for s, e, _ in sorted(spans):
            idx = [q for q, (a, b, _) in enumerate(words) if a < e and s < b]
            if not idx:
                continue
            lo, hi = idx[0], idx[-1] + 1
            # a span of another type touching the organisation gives way to it
            q = lo
            while q > 0 and labels[q].startswith("I-"):
                q -= 1
            for z in range(q, hi):
                labels[z] = "O"
            z = hi
            while z < len(labels) and labels[z].startswith("I-"):
                labels[z] = "O"
                z += 1
            for z in range(lo, hi):
                labels[z] = ("B-" if z == lo else "I-") + "ORGANISATION"
            n_org += 1
        stats["kept sentences"] += 1
        stats["kept ORGANISATION spans"] += n_org
        stats["kept sentences with an organisation"] += bool(n_org)
        out.append((ws, labels, (doc, u_kk[k][2], u_kk[k][3], n_org)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="the silver IOB2 file to write")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "derek-project-kzlaw")
    ap.add_argument("--others", choices=["tagger", "O"], default="tagger",
                    help="labels of the words outside the silver organisations")
    ap.add_argument("--only-orgs", action="store_true",
                    help="keep only the sentences with at least one silver organisation")
    ap.add_argument("--tagger", default=None, metavar="STEM",
                    help="the Kazakh tagger giving the candidates and the other labels (default: "
                         "the shipped models/kk_org_crf; never a model trained on this silver set)")
    ap.add_argument("--reuse", action="store_true", help="reuse the derek run already in --work")
    args = ap.parse_args()
    from pipeline.extract import kk_ner

    acts = tune_acts()
    if not acts:
        print("skip: data absent (no kzlaw acts)")
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    out_dir = args.work / "out"
    if not (args.reuse and (out_dir / "manifest.json").exists()):
        out_dir = derek_run(acts, args.work)
    orgs = read_orgs(out_dir)
    tagger = kk_ner.load_tagger(args.tagger)
    concepts = Concepts()
    stats: Counter = Counter()
    sents = []
    per_act: Counter = Counter()
    for stem, doc, folder in acts:
        got = project_act(stem, doc, folder, orgs, tagger, concepts, args.others, stats)
        per_act[doc] = sum(1 for _, _, m in got if m[3])
        if args.only_orgs:
            got = [x for x in got if x[2][3]]
        sents.extend(got)
    with open(args.out, "w", encoding="utf-8") as f:
        for ws, labels, _ in sents:
            for w, t in zip(ws, labels):
                f.write(f"{w} {t}\n")
            f.write("\n")
    with open(str(args.out) + ".acts.tsv", "w", encoding="utf-8") as f:
        f.write("sentence\tact\tkk_vstart\tkk_vend\torg_spans\n")
        for n, (_, _, (doc, s, e, k)) in enumerate(sents):
            f.write(f"{n}\t{doc}\t{s}\t{e}\t{k}\n")
    print(f"{len(acts)} tune acts; {len(sents)} sentences written to {args.out}")
    for k, v in sorted(stats.items()):
        print(f"  {k}: {v}")
    print(f"  acts contributing a sentence with an organisation: {sum(1 for v in per_act.values() if v)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
