"""Front matter of real article openings through ``derek run``, tune and check halves.

Data (``bench/common.py: data_dir``): ``frontmatter/<stem>.txt`` with hand labels in
``<stem>.json`` (see that folder's README). A file's half is ``half("frontmatter:" + stem)``.

What is scored: every opening is copied unchanged under ``work/``, the real command
``derek run`` processes them, and the facts JSON it writes is compared with the labels:

- titles, authors, codes, DOI, keywords lines: micro precision and recall over the files of
  a half, strings compared with whitespace collapsed (DOI without case; a keywords line is the
  source slice of a ``keywords`` record, its header included, as the label has it);
- numbers labelled *not claims* that derek extracted as claims (a claim whose span overlaps an
  occurrence of such a number standing alone): their count, target 0; the labelled claims are
  none in this set, so their recall has no figure;
- one document per file, and the header in the document of the body;
- organisation mentions inside a title, furniture or metadata section (target 0);
- a generated journal issue of 10 articles (the half's openings, each followed by body text and
  a reference list, cycled when the half has fewer): documents written, target 10; the same issue
  printed to a PDF with a running head and a footer on every page: documents, and facts taken
  from those header and footer lines (target 0);
- kzlaw acts (``kzlaw:<folder>`` halves): the document's title equal to meta.yaml's title, an act
  record found, annex sections where an annex heading is printed, one document per file.

    .venv/bin/python bench/eval_frontmatter.py
    .venv/bin/python bench/eval_frontmatter.py --show tune     # per-file differences

Tried and not kept (2026-12-05, frozen clones of HEAD with and without): reading no organisation
in the title of a site's page of an article (furniture printed over the title, no author or
abstract; a check of the section kinds in ``pipeline/extract/organisations.py: _metadata_titles``):
every figure unchanged (organisation mentions in metadata tune/check 0/2 both ways), so left out.
On the kzlaw tune acts, 4 of the 5 titles that differ from meta.yaml differ in the text itself
(a misprint in meta.yaml or a word the text leaves out); only a stop after a closing quote is left.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT, data_dir, half, print_figures, require_data  # noqa: E402

COMMAND = "python bench/eval_frontmatter.py"
FIELDS = ("title", "authors", "codes", "doi", "keywords")
METADATA_KINDS = {"title", "furniture", "metadata", "keywords", "authors"}
SMOKE_FILES = 3

# body text appended to each opening in the generated journal issue (written for this bench)
ISSUE_BODY_KK = (
    "Зерттеудің мақсаты – елдегі саяси партиялардың қызметін талдау. Соңғы жылдары партиялар саны "
    "өзгеріп, олардың қоғамдағы рөлі артты. Біз 2015-2020 жылдар аралығындағы деректерді қарастырдық.\n\n"
    "Сауалнамаға 1200 адам қатысты, олардың 45%-ы партиялардың қызметіне сенім білдірді [1]. "
    "Бұл нәтиже бұрынғы зерттеулермен сәйкес келеді [2, 15 б.].\n\n")
ISSUE_BODY_RU = (
    "Целью исследования является анализ деятельности политических партий в стране. За последние годы "
    "число партий изменилось, а их роль в обществе выросла. Мы рассмотрели данные за 2015-2020 годы.\n\n"
    "В опросе участвовали 1200 человек, из них 45% выразили доверие партиям [1]. "
    "Этот результат согласуется с предыдущими исследованиями [2, с. 15].\n\n")
ISSUE_REFS = (
    "Список литературы\n\n"
    "1. Иванов И.И. Политические партии Казахстана. – Алматы: Наука, 2018. – 240 с.\n"
    "2. Петров П.П. Электоральные процессы // Вестник КазНУ. – 2019. – № 2. – С. 10-25.\n\n")


def _collapse(s: str) -> str:
    return " ".join(s.split())


def run_derek(inp: Path, out: Path) -> None:
    """The real command line over a folder of sources."""
    subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(inp), "-o", str(out), "--workers", "1"],
                   check=False, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def load_run(out: Path) -> dict[str, tuple[dict, str]]:
    """``{file stem: (facts, text)}`` of a run."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    res = {}
    for src in manifest["sources"]:
        if src["status"] != "ok":
            continue
        sid = src["source_id"]
        facts = json.loads((out / "facts" / f"{sid}.json").read_text(encoding="utf-8"))
        text = (out / "text" / f"{sid}.txt").read_text(encoding="utf-8")
        res[Path(src["path"]).stem] = (facts, text)
    return res


def predicted(facts: dict, text: str) -> dict[str, set[str]]:
    p: dict[str, set[str]] = {f: set() for f in FIELDS}
    for d in facts["documents"]:
        for t in d.get("titles") or []:
            p["title"].add(_collapse(t["text"]))
        for a in d.get("authors") or []:
            p["authors"].add(_collapse(a["name"]))
        for c in d.get("codes") or []:
            p["codes"].add(_collapse(c.get("text") or text[c["start"]:c["end"]]))
        if d.get("doi"):
            p["doi"].add(d["doi"].lower())
        for k in d.get("keywords") or []:
            p["keywords"].add(_collapse(text[k["start"]:k["end"]]))
    return p


def gold_sets(g: dict) -> dict[str, set[str]]:
    return {
        "title": {_collapse(t) for t in g["title"]},
        "authors": {_collapse(a) for a in g["authors"]},
        "codes": {_collapse(c) for c in g["codes"]},
        "doi": {g["doi"].lower()} if g["doi"] else set(),
        "keywords": {_collapse(k) for k in g["keywords_lines"]},
    }


def alone(text: str, s: str) -> list[tuple[int, int]]:
    """Occurrences of ``s`` not inside a longer number."""
    out = []
    for m in re.finditer(re.escape(s), text):
        a, b = m.span()
        if (a and text[a - 1].isdigit()) or (b < len(text) and text[b].isdigit()):
            continue
        out.append((a, b))
    return out


def score_file(facts: dict, text: str, g: dict) -> dict:
    p, gs = predicted(facts, text), gold_sets(g)
    r = {f: (len(p[f] & gs[f]), len(p[f]), len(gs[f])) for f in FIELDS}
    spans = [sp for s in g["numbers_that_are_not_claims"] for sp in alone(text, s)]
    r["not_claims"] = sum(1 for c in facts["numeric_claims"]
                          if any(a < c["end"] and c["start"] < b for a, b in spans))
    r["n_not_claims"] = len(g["numbers_that_are_not_claims"])
    docs = facts["documents"]
    r["one_doc"] = len(docs) == 1
    body = g.get("body_starts_with")
    ok = True
    if body and docs:
        bpos = text.find(body)
        heads = [text.find(x) for x in g["title"] + g["authors"] + g["codes"] if text.find(x) >= 0]
        bdoc = [d["doc_id"] for d in docs if d["start"] <= bpos < d["end"]]
        for h in heads:
            if [d["doc_id"] for d in docs if d["start"] <= h < d["end"]] != bdoc:
                ok = False
    r["header_with_body"] = ok
    meta = [(s["start"], s["end"]) for d in docs for s in d["sections"] if s["kind"] in METADATA_KINDS]
    r["org_in_meta"] = sum(1 for o in facts["organisations"] if o.get("role") != "affiliation"
                           for m in o["mentions"] if any(a <= m["start"] < b for a, b in meta))
    return r


def journal_issue(openings: list[tuple[str, str]], n: int = 10) -> str:
    """A journal issue of ``n`` articles: each opening, body text in its language, references."""
    parts = []
    for i in range(n):
        stem, text = openings[i % len(openings)]
        body = ISSUE_BODY_KK if stem.startswith("kk") else ISSUE_BODY_RU
        parts.append(text.rstrip() + "\n\n" + body * 3 + ISSUE_REFS)
    return "\n".join(parts)


def printed_citations(facts: dict, text: str) -> list[dict]:
    """The citations the issue's body text printed (an opening may hold markers of its own, which
    are not counted): those inside an occurrence of ``ISSUE_BODY_KK`` or ``ISSUE_BODY_RU``."""
    spans = [(m.start(), m.end()) for body in (ISSUE_BODY_KK, ISSUE_BODY_RU)
             for m in re.finditer(re.escape(body.strip()), text)]
    return [c for c in facts.get("citations", []) if any(a <= c["start"] < b for a, b in spans)]


PDF_HEAD = "Хабаршы. Саясаттану сериясы. № 2 (45). 2021"
PDF_FOOT = "ISSN 1563-0269 • Қазақстан Республикасының 2020 жылғы № 15 Заңы • бет"


def issue_pdf(text: str, path: Path) -> bool:
    """Print a journal issue to a PDF (reportlab), 55 lines a page, with a running head and a footer
    (with the page number) on every page. False when reportlab is not installed."""
    try:
        import matplotlib
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen import canvas
    except ImportError:
        return False
    import textwrap

    font = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdfmetrics.registerFont(TTFont("DejaVu", str(font)))
    lines = []
    for para in text.split("\n"):
        lines += textwrap.wrap(para, 105) or [""]
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    for n, k in enumerate(range(0, len(lines), 55), 1):
        c.setFont("DejaVu", 8)
        c.drawString(30, height - 25, PDF_HEAD)
        y = height - 50
        for line in lines[k:k + 55]:
            if line:
                c.drawString(30, y, line)
            y -= 13
        c.drawString(30, 20, f"{PDF_FOOT} {n}")
        c.showPage()
    c.save()
    return True


def facts_in_furniture(facts: dict, text: str, lines: tuple[str, ...]) -> int:
    """Facts (claims, act and organisation mentions, recommendations) that start on a printed running
    head or footer line (with the page number after it)."""
    spans = []
    for line in lines:
        spans += [m.span() for m in re.finditer(re.escape(line) + r"(?:[ \t]*\d{1,4})?", text)]
    inside = lambda x: any(a <= x < b for a, b in spans)  # noqa: E731
    n = sum(inside(c["start"]) for c in facts["numeric_claims"])
    n += sum(inside(m["start"]) for x in facts["legal_acts"] + facts["organisations"] for m in x["mentions"])
    n += sum(inside(r["start"]) for r in facts["recommendations"])
    return n


def kzlaw_figures(work: Path, *, smoke: bool) -> list[dict]:
    """Acts of kzlaw/: title (the act's first heading) against meta.yaml's, the act record found,
    and annex sections where the text has an annex heading."""
    import yaml

    d = data_dir()
    root = d / "kzlaw" if d is not None else None
    if root is None or not root.is_dir():
        return []
    acts = sorted(p for p in root.iterdir() if p.is_dir() and (p / "meta.yaml").exists())
    if smoke:
        acts = acts[:2]
    inp = work / "kz_in"
    shutil.rmtree(inp, ignore_errors=True)
    inp.mkdir(parents=True)
    gold = {}
    for act in acts:
        meta = yaml.safe_load((act / "meta.yaml").read_text(encoding="utf-8"))
        for lang, fname in (("kaz", "kaz.md"), ("rus", "rus.md")):
            if not (act / fname).exists():
                continue
            stem = f"{act.name[:2]}_{lang}"
            shutil.copyfile(act / fname, inp / f"{stem}.md")
            has_annex = bool(re.search(r"^>?\s*\*?\s*(?:Приложение|\d*\s*-?\s*қосымша|Қосымша)\b", (act / fname).read_text(
                encoding="utf-8"), re.M | re.I))
            gold[stem] = (half("kzlaw:" + act.name), _collapse((meta.get("title") or {}).get(lang) or ""), has_annex)
    out = work / "kz_out"
    shutil.rmtree(out, ignore_errors=True)
    run_derek(inp, out)
    run = load_run(out)
    rows = {"tune": [], "check": []}
    for stem, (h, title, has_annex) in gold.items():
        if stem not in run:
            continue
        facts, _ = run[stem]
        doc = facts["documents"][0] if facts["documents"] else {}
        kinds = {s["kind"] for x in facts["documents"] for s in x["sections"]}
        rows[h].append({"title": _collapse(doc.get("title") or "") == title, "act": bool(doc.get("act")),
                        "annex": ("annex" in kinds) if has_annex else None, "docs": len(facts["documents"]) == 1})
    figs = []
    for key, name in (("title", "title equal to the act's title"), ("act", "act record found"),
                      ("annex", "annex sections where an annex heading is printed"), ("docs", "read as one document")):
        vals = {h: [r[key] for r in rows[h] if r[key] is not None] for h in rows}
        figs.append({"figure": f"kzlaw acts (kaz.md, rus.md): {name} (share)",
                     "tune": round(sum(vals["tune"]) / len(vals["tune"]), 3) if vals["tune"] else None,
                     "check": round(sum(vals["check"]) / len(vals["check"]), 3) if vals["check"] else None,
                     "n_tune": len(vals["tune"]), "n_check": len(vals["check"]), "target": "1.0", "command": COMMAND})
    return figs


def _pr(rows: list[dict], f: str) -> tuple[float | None, float | None]:
    tp = sum(r[f][0] for r in rows)
    npred = sum(r[f][1] for r in rows)
    ngold = sum(r[f][2] for r in rows)
    return (round(tp / npred, 3) if npred else None, round(tp / ngold, 3) if ngold else None)


def evaluate(work: Path, *, smoke: bool = False, show: str | None = None) -> list[dict]:
    d = data_dir()
    src = d / "frontmatter" if d is not None else None
    if src is None or not src.is_dir():
        return []
    stems = sorted(p.stem for p in src.glob("*.txt"))
    if smoke:
        stems = [s for s in stems if half("frontmatter:" + s) == "tune"][:SMOKE_FILES] + \
                [s for s in stems if half("frontmatter:" + s) == "check"][:SMOKE_FILES]
    work = Path(work)
    shutil.rmtree(work / "fm_in", ignore_errors=True)
    (work / "fm_in").mkdir(parents=True)
    for s in stems:
        shutil.copyfile(src / f"{s}.txt", work / "fm_in" / f"{s}.txt")
    # journal issues, one per half
    for h in ("tune", "check"):
        ops = [(s, (src / f"{s}.txt").read_text(encoding="utf-8")) for s in stems if half("frontmatter:" + s) == h]
        if ops:
            (work / "fm_in" / f"issue_{h}.txt").write_text(journal_issue(ops, 10 if not smoke else 3), encoding="utf-8")
        if ops and issue_pdf((work / "fm_in" / f"issue_{h}.txt").read_text(encoding="utf-8"),
                             work / "fm_in" / f"issuepdf_{h}.pdf"):
            pass
    shutil.rmtree(work / "fm_out", ignore_errors=True)
    run_derek(work / "fm_in", work / "fm_out")
    run = load_run(work / "fm_out")
    by_half: dict[str, list[dict]] = {"tune": [], "check": []}
    for s in stems:
        g = json.loads((src / f"{s}.json").read_text(encoding="utf-8"))
        facts, text = run[s]
        r = score_file(facts, text, g)
        r["stem"] = s
        by_half[half("frontmatter:" + s)].append(r)
        if show and half("frontmatter:" + s) == show:
            p, gs = predicted(facts, text), gold_sets(g)
            for f in FIELDS:
                if p[f] != gs[f]:
                    print(f"{s} {f}: extra {sorted(p[f] - gs[f])} missing {sorted(gs[f] - p[f])}")
            if r["not_claims"]:
                print(f"{s} claims:", [c["text"] for c in facts["numeric_claims"]])
    figures = []
    n = {h: len(by_half[h]) for h in by_half}
    for f in FIELDS:
        pt, rt = _pr(by_half["tune"], f)
        pc, rc = _pr(by_half["check"], f)
        name = {"title": "titles", "authors": "authors", "codes": "classification codes", "doi": "DOI",
                "keywords": "keywords lines"}[f]
        figures.append({"figure": f"frontmatter {name} precision", "tune": pt, "check": pc,
                        "n_tune": sum(r[f][1] for r in by_half["tune"]), "n_check": sum(r[f][1] for r in by_half["check"]),
                        "target": ">= 0.95", "command": COMMAND})
        figures.append({"figure": f"frontmatter {name} recall", "tune": rt, "check": rc,
                        "n_tune": sum(r[f][2] for r in by_half["tune"]), "n_check": sum(r[f][2] for r in by_half["check"]),
                        "target": ">= 0.95", "command": COMMAND})
    figures.append({"figure": "frontmatter numbers labelled not-claims extracted as claims (count)",
                    "tune": sum(r["not_claims"] for r in by_half["tune"]),
                    "check": sum(r["not_claims"] for r in by_half["check"]),
                    "n_tune": sum(r["n_not_claims"] for r in by_half["tune"]),
                    "n_check": sum(r["n_not_claims"] for r in by_half["check"]), "target": "0", "command": COMMAND})
    for key, name in (("one_doc", "files read as one document (share)"),
                      ("header_with_body", "files with the header in the body's document (share)")):
        figures.append({"figure": f"frontmatter {name}",
                        "tune": round(sum(r[key] for r in by_half["tune"]) / max(1, n["tune"]), 3),
                        "check": round(sum(r[key] for r in by_half["check"]) / max(1, n["check"]), 3),
                        "n_tune": n["tune"], "n_check": n["check"], "target": "1.0", "command": COMMAND})
    figures.append({"figure": "frontmatter organisation mentions in title/furniture/metadata sections (count)",
                    "tune": sum(r["org_in_meta"] for r in by_half["tune"]),
                    "check": sum(r["org_in_meta"] for r in by_half["check"]),
                    "n_tune": n["tune"], "n_check": n["check"], "target": "0", "command": COMMAND})
    issue_n = 3 if smoke else 10
    docs = {h: (len(run[f"issue_{h}"][0]["documents"]) if f"issue_{h}" in run else None) for h in ("tune", "check")}
    figures.append({"figure": f"frontmatter generated journal issue of {issue_n} articles (text): documents",
                    "tune": docs["tune"], "check": docs["check"], "n_tune": issue_n, "n_check": issue_n,
                    "target": f"== {issue_n}", "command": COMMAND})
    # the issue's reference lists (2 entries an article) and markers ([1], [2, с. 15] / [2, 15 б.], 3 of each)
    refs = {h: run[f"issue_{h}"][0].get("references", []) if f"issue_{h}" in run else None for h in ("tune", "check")}
    cites = {h: printed_citations(*run[f"issue_{h}"]) if f"issue_{h}" in run else None for h in ("tune", "check")}
    figures.append({"figure": f"frontmatter generated issue: reference entries found / {2 * issue_n} printed",
                    "tune": None if refs["tune"] is None else round(len(refs["tune"]) / (2 * issue_n), 3),
                    "check": None if refs["check"] is None else round(len(refs["check"]) / (2 * issue_n), 3),
                    "n_tune": 2 * issue_n, "n_check": 2 * issue_n, "target": "1.0", "command": COMMAND})
    figures.append({"figure": f"frontmatter generated issue: citation markers linked to their entry / {6 * issue_n} printed",
                    "tune": None if cites["tune"] is None else round(sum(1 for c in cites["tune"] if c["ref_id"])
                                                                      / (6 * issue_n), 3),
                    "check": None if cites["check"] is None else round(sum(1 for c in cites["check"] if c["ref_id"])
                                                                        / (6 * issue_n), 3),
                    "n_tune": 6 * issue_n, "n_check": 6 * issue_n, "target": "1.0", "command": COMMAND})
    if any(f"issuepdf_{h}" in run for h in ("tune", "check")):
        pdocs = {h: (len(run[f"issuepdf_{h}"][0]["documents"]) if f"issuepdf_{h}" in run else None)
                 for h in ("tune", "check")}
        figures.append({"figure": f"frontmatter generated journal issue of {issue_n} articles (PDF): documents",
                        "tune": pdocs["tune"], "check": pdocs["check"], "n_tune": issue_n, "n_check": issue_n,
                        "target": f"== {issue_n}", "command": COMMAND})
        furn = {h: (facts_in_furniture(*run[f"issuepdf_{h}"], (PDF_HEAD, PDF_FOOT)) if f"issuepdf_{h}" in run else None)
                for h in ("tune", "check")}
        figures.append({"figure": "frontmatter facts from the PDF issue's repeated page header and footer (count)",
                        "tune": furn["tune"], "check": furn["check"], "n_tune": None, "n_check": None,
                        "target": "0", "command": COMMAND})
    figures += kzlaw_figures(work, smoke=smoke)
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--show", choices=("tune", "check"))
    ap.add_argument("--work", default=None)
    args = ap.parse_args()
    require_data("frontmatter")
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="eval_frontmatter_"))
    figs = evaluate(work, smoke=args.smoke, show=args.show)
    print_figures(figs)


if __name__ == "__main__":
    main()
