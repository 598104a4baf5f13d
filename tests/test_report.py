"""Review pages: escaping and nesting in the HTML, and the page itself driven in a real headless Chromium."""
from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.evaluate import to_gold
from pipeline.report import Highlight, render_marked, render_page, write_report
from tests.conftest import run_derek

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SID = "review-0123456789"
FILLER = "".join(f"Толтырғыш жол {i}: мәтін, мәтін, мәтін.\n" for i in range(120))


def _span(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def make_facts(text: str, sid: str = SID) -> dict:
    """Hand-made facts over ``text``: a claim, two organisations (one inside a recommendation), an act, two recs."""
    d1 = f"{sid}:d1"
    cs, ce = _span(text, "30 057")
    o1s, o1e = _span(text, "Медиаторлар палатасы")
    o2s, o2e = _span(text, "Совета медиаторов")
    as_, ae = _span(text, "Закону о медиации")
    r1s, r1e = _span(text, "«Медиаторлар палатасы» қауымдастығын қолдау қажет")
    r2s, r2e = _span(text, "усилить роль Совета медиаторов по Закону о медиации")
    ru = text.index("Необходимо")
    return {
        "schema": "derek.facts/1",
        "source": {"path": "review.txt", "source_id": sid, "sha256": "abc", "format": "txt", "encoding": "utf-8",
                   "n_chars": len(text)},
        "documents": [
            {"doc_id": d1, "lang": "kk", "title": "Тест", "start": 0, "end": ru - 1,
             "sections": [{"kind": "title", "lang": "kk", "start": 0, "end": 4},
                          {"kind": "body", "lang": "kk", "start": 5, "end": ru - 1}]},
            {"doc_id": f"{sid}:d2", "lang": "ru", "title": None, "start": ru, "end": len(text),
             "sections": [{"kind": "body", "lang": "ru", "start": ru, "end": len(text)}]}],
        "tables": [],
        "numeric_claims": [{"claim_id": f"{d1}:c1", "doc_id": d1, "lang": "kk", "value": 30057, "value_max": None,
                            "unit": "count", "currency": None, "qualifier": "exact", "measured": "өтініш",
                            "subject": None, "year": 2017, "period": None, "cite": None, "where": "text",
                            "table": None, "row": None, "column": None, "text": "30 057",
                            "sentence": "2017 жылы 30 057 өтініш түсті.", "start": cs, "end": ce}],
        "organisations": [
            {"org_id": f"{sid}:o1", "canonical": "Медиаторлар палатасы", "abbr": None, "legal_form": None,
             "url": None, "aliases": ["Медиаторлар палатасы"], "lang": "kk",
             "mentions": [{"doc_id": d1, "start": o1s, "end": o1e, "text": text[o1s:o1e]}]},
            {"org_id": f"{sid}:o2", "canonical": "Совет медиаторов", "abbr": None, "legal_form": None, "url": None,
             "aliases": ["Совета медиаторов"], "lang": "ru",
             "mentions": [{"doc_id": f"{sid}:d2", "start": o2s, "end": o2e, "text": text[o2s:o2e]}]}],
        "legal_acts": [{"act_id": f"{sid}:d2:a1", "doc_id": f"{sid}:d2", "canonical": "Закон о медиации",
                        "kind": "law", "year": None, "number": None,
                        "mentions": [{"doc_id": f"{sid}:d2", "start": as_, "end": ae, "text": text[as_:ae]}]}],
        "recommendations": [
            {"rec_id": f"{d1}:r1", "doc_id": d1, "lang": "kk", "text": text[r1s:r1e], "cue": "қажет",
             "start": r1s, "end": r1e},
            {"rec_id": f"{sid}:d2:r1", "doc_id": f"{sid}:d2", "lang": "ru", "text": text[r2s:r2e],
             "cue": "Необходимо", "start": r2s, "end": r2e}],
    }


TEXT = ("Тест\n2017 жылы 30 057 өтініш түсті. <script>alert('x')</script> & <b>жуан</b>\n" + FILLER +
        "Біз «Медиаторлар палатасы» қауымдастығын қолдау қажет деп санаймыз.\n"
        "Необходимо усилить роль Совета медиаторов по Закону о медиации.\n")


def make_out(root: Path, text: str = TEXT, facts: dict | None = None) -> Path:
    facts = facts or make_facts(text)
    sid = facts["source"]["source_id"]
    (root / "facts").mkdir(parents=True, exist_ok=True)
    (root / "text").mkdir(parents=True, exist_ok=True)
    (root / "facts" / f"{sid}.json").write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    (root / "text" / f"{sid}.txt").write_text(text, encoding="utf-8")
    (root / "manifest.json").write_text(json.dumps({"sources": [
        {"path": "review.txt", "source_id": sid, "status": "ok"},
        {"path": "broken.pdf", "source_id": "broken-1", "status": "error", "message": "<img src=x onerror=alert(1)>"},
    ]}), encoding="utf-8")
    return root


class _Tree(HTMLParser):
    """Checks that tags nest and collects the text of every element with a given class."""

    VOID = {"meta", "input", "br", "img", "hr", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        if tag == "script" and not dict(attrs).get("type"):
            self.scripts += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]} ")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


# --- HTML (no browser) ---------------------------------------------------------------------------


@pytest.mark.parametrize("spans", [
    [(0, 10, "recommendations", "r1"), (3, 6, "organisations", "o1")],  # nested: an organisation in a recommendation
    [(0, 6, "numeric_claims", "c1"), (3, 10, "recommendations", "r1")],  # crossing
    [(2, 8, "organisations", "o1"), (2, 8, "recommendations", "r1"), (4, 4, "numeric_claims", "c1")],  # equal + empty
])
def test_report_marks_nest_and_keep_text(spans):
    text = "<a>&\"'bcdefghij"
    hls = [Highlight(s, e, fid, t, "kk") for s, e, t, fid in spans]
    out = render_marked(text, 0, len(text), hls)
    tree = _Tree()
    tree.feed(out)
    assert tree.errors == [] and tree.stack == []
    assert "".join(tree.text) == text  # every character once, in order, decoded back exactly
    for s, e, t, fid in spans:
        assert f'data-fact="{fid}"' in out


class _PerFact(HTMLParser):
    """The text inside the marks of each fact id, and whether the tags balance."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.per, self.all, self.unbalanced = [], {}, [], False

    def handle_starttag(self, tag, attrs):
        self.stack.append(dict(attrs).get("data-fact"))

    def handle_endtag(self, tag):
        if not self.stack:
            self.unbalanced = True
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.all.append(data)
        for f in set(self.stack):
            self.per[f] = self.per.get(f, "") + data


@pytest.mark.parametrize("seed", range(4))
def test_report_marks_random_spans_keep_text_and_evidence(seed):
    import random

    rnd = random.Random(seed)
    types = ["numeric_claims", "organisations", "legal_acts", "recommendations"]
    for _ in range(400):
        n = rnd.randint(0, 30)
        text = "".join(rnd.choice("ab <>&\"\r\nә") for _ in range(n))
        hls = [Highlight(s, e, f"f{k}", rnd.choice(types), "kk") for k in range(rnd.randint(0, 8))
               for s in [rnd.randint(-2, n + 2)] for e in [rnd.randint(s, n + 3)]]
        lo = rnd.randint(0, n)
        hi = rnd.randint(lo, n)
        p = _PerFact()
        p.feed(render_marked(text, lo, hi, hls))
        p.close()
        assert not p.unbalanced and not p.stack
        assert "".join(p.all) == text[lo:hi]
        for h in hls:  # each fact's marks hold exactly its (clipped) evidence
            s, e = max(h.start, lo), min(h.end, hi)
            if s < e:
                assert p.per.get(h.fact_id) == text[s:e]


def test_report_page_escapes_source_text(tmp_path):
    out = make_out(tmp_path)
    write_report(out)
    page = (out / "report" / f"{SID}.html").read_text(encoding="utf-8")
    tree = _Tree()
    tree.feed(page)
    assert tree.errors == []
    assert tree.scripts == 1  # only the page's own script; the source's <script> is text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page or "&lt;script&gt;alert('x')&lt;/script&gt;" in page
    index = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in index and "&lt;img src=x" in index
    assert f'href="{SID}.html"' in index


@pytest.mark.parametrize("facts,text", [
    ({}, ""),  # nothing at all
    ({"documents": [{"doc_id": "x:d1", "start": None}], "numeric_claims": [{"claim_id": None, "start": "a", "end": 3}],
      "organisations": [{"org_id": "o", "mentions": [{"start": 5, "end": 2}]}],
      "recommendations": [{"rec_id": "r", "start": 0, "end": 999}]}, "abc<"),  # broken spans, missing fields
])
def test_report_page_survives_odd_facts(facts, text):
    page = render_page(facts, text)
    tree = _Tree()
    tree.feed(page)
    assert tree.errors == [] and text.replace("<", "&lt;") in page


def test_report_page_has_no_network_resources(tmp_path):
    page = render_page(make_facts(TEXT), TEXT)
    assert "http://" not in page and "https://" not in page and "src=" not in page.split("<article")[0]
    assert "default-src 'none'" in page


def test_report_cli_writes_pages(tmp_path):
    out = make_out(tmp_path)
    r = run_derek("report", str(out))
    assert r.returncode == 0, r.stderr
    assert (out / "report" / f"{SID}.html").exists() and (out / "report" / "index.html").exists()
    assert run_derek("report", str(tmp_path / "missing")).returncode == 2


def test_report_unknown_source_is_a_usage_error_and_leaves_the_index(tmp_path, capsys):
    from pipeline.report import main

    out = make_out(tmp_path)
    assert main(str(out)) == 0
    capsys.readouterr()
    index = out / "report" / "index.html"
    before = index.read_bytes()
    assert main(str(out), sources=["NOSUCH"]) == 2
    err = capsys.readouterr().err
    assert "NOSUCH" in err and len(err.strip().splitlines()) == 1
    assert index.read_bytes() == before
    assert main(str(out), sources=[SID]) == 0  # a known id still works


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600)])
def test_report_files_follow_the_umask(tmp_path, umask, mode):
    from pipeline.report import write_report

    out = make_out(tmp_path)
    old = os.umask(umask)
    try:
        index = write_report(out)
    finally:
        os.umask(old)
    pages = list(index.parent.glob("*.html"))
    assert len(pages) == 2 and {p.stat().st_mode & 0o777 for p in pages} == {mode}


def test_report_on_real_run(sample_out):
    r = run_derek("report", str(sample_out))
    assert r.returncode == 0, r.stderr
    pages = list((sample_out / "report").glob("*.html"))
    assert len(pages) == 2  # the sample source and the index
    for p in pages:
        tree = _Tree()
        tree.feed(p.read_text(encoding="utf-8"))
        assert tree.errors == []


# --- in a real browser ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (scripts/install-browser.sh installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, tmp_path):
    out = make_out(tmp_path / "out")
    write_report(out)
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 700})
    pg = ctx.new_page()
    pg.requests, pg.dialogs, pg.errors = [], [], []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.goto((out / "report" / f"{SID}.html").as_uri())
    pg.out = out
    yield pg
    ctx.close()


def _in_view(pg, selector: str) -> bool:
    return pg.eval_on_selector(selector, """el => {
        const r = el.getBoundingClientRect(), c = el.closest('#text, #facts').getBoundingClientRect();
        return r.height > 0 && r.top >= c.top - 1 && r.bottom <= c.bottom + 1; }""")


def test_report_browser_loads_offline_and_shows_script_as_text(page):
    assert page.errors == [] and page.dialogs == []
    assert all(u.startswith("file://") for u in page.requests), page.requests
    assert "<script>alert('x')</script>" in page.inner_text("#text")
    assert page.locator("#text script").count() == 0
    assert page.locator("mark[data-fact]").count() >= 6
    assert page.locator("li.fact").count() == 6


def test_report_browser_click_fact_scrolls_to_evidence_and_back(page):
    rec = f'mark[data-fact="{SID}:d2:r1"]'
    assert not _in_view(page, rec)  # far below the filler lines
    page.click(f'li[data-fact-item="{SID}:d2:r1"] button.go')
    assert _in_view(page, rec)
    assert "flash" in page.get_attribute(rec, "class")
    # and back: the organisation nested inside the recommendation leads to the organisation, not the recommendation
    page.eval_on_selector("#facts", "el => el.scrollTop = 0")
    item = f'li[data-fact-item="{SID}:o2"]'
    page.evaluate("() => document.getElementById('fact-list').insertAdjacentHTML('afterbegin', "
                  "'<li style=\"height:2000px\"></li>')")  # push the list item out of view
    assert not _in_view(page, item)
    page.click(f'mark[data-fact="{SID}:o2"]')
    assert _in_view(page, item)
    assert page.evaluate("() => document.body.dataset.current") == f"organisations|{SID}:o2"


def test_report_browser_filters_by_type_and_language(page):
    org_item = f'li[data-fact-item="{SID}:o1"]'
    page.uncheck('input[name="type"][value="organisations"]')
    assert page.is_hidden(org_item)
    assert "off" in page.get_attribute(f'mark[data-fact="{SID}:o1"]', "class")
    assert page.is_visible(f'li[data-fact-item="{SID}:d1:c1"]')
    page.check('input[name="type"][value="organisations"]')
    assert page.is_visible(org_item)
    page.uncheck('input[name="lang"][value="ru"]')
    assert page.is_hidden(f'li[data-fact-item="{SID}:o2"]') and page.is_hidden(f'li[data-fact-item="{SID}:d2:r1"]')
    assert page.is_visible(org_item)


def test_report_browser_verdicts_download_and_become_gold(page, tmp_path):
    claim = f'li[data-fact-item="{SID}:d1:c1"]'
    org = f'li[data-fact-item="{SID}:o1"]'
    rec = f'li[data-fact-item="{SID}:d1:r1"]'
    page.click(f"{claim} button.ok")
    page.click(f"{rec} button.bad")  # wrong, no correction: not a fact
    page.click(f"{org} button.bad")
    page.fill(f'{org} .correction input[name="canonical"]', "Медиаторлар палатасы ҚБ")
    page.fill(f'{org} textarea[name="_note"]', "толық атауы")
    page.fill("#grader", "A. Grader")
    assert page.inner_text("#progress") == "3"
    # a fact the pipeline missed: select "2017" and add it as a claim
    page.evaluate("""() => { const div = document.querySelector('div.src.k-body');
        const node = [...div.childNodes].find(n => n.nodeType === 3 && n.data.includes('2017'));
        const r = document.createRange(); const i = node.data.indexOf('2017');
        r.setStart(node, i); r.setEnd(node, i + 4);
        const s = getSelection(); s.removeAllRanges(); s.addRange(r); }""")
    page.select_option("#add-type", "numeric_claims")
    page.click("#add")
    assert page.dialogs == []
    assert page.locator("#added-list li").count() == 1
    with page.expect_download() as dl:
        page.click("#download")
    path = tmp_path / "v.json"
    dl.value.save_as(path)
    v = json.loads(path.read_text(encoding="utf-8"))
    assert v["schema"] == "derek.verdicts/1" and v["source_id"] == SID and v["grader"] == "A. Grader"
    by = {x["fact_id"]: x for x in v["verdicts"]}
    assert by[f"{SID}:d1:c1"]["verdict"] == "correct"
    assert by[f"{SID}:d1:r1"] == {"fact_id": f"{SID}:d1:r1", "type": "recommendations", "verdict": "wrong",
                                   "correction": None, "note": ""}
    assert by[f"{SID}:o1"]["correction"] == {"canonical": "Медиаторлар палатасы ҚБ"}
    assert by[f"{SID}:o1"]["note"] == "толық атауы"
    added = v["added"][0]
    assert (added["type"], added["text"]) == ("numeric_claims", "2017")
    assert TEXT[added["start"]:added["end"]] == "2017"  # code-point offsets into the source text
    # the verdicts make a gold file
    gold = to_gold(path, page.out)[0]
    assert [c["text"] for c in gold["numeric_claims"]] == ["30 057", "2017"]
    assert [r["rec_id"] for r in gold["recommendations"]] == [f"{SID}:d2:r1"]
    assert gold["organisations"][0]["canonical"] == "Медиаторлар палатасы ҚБ"
    # reloading the page keeps the work (local storage), so a grader can stop and come back
    page.reload()
    assert page.inner_text("#progress") == "3"
    assert "v-wrong" in page.get_attribute(org, "class")
