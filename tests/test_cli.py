"""`derek run` end to end on the sample and on mixed folders (issue: the spine)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import ROOT, pdf_from_text, run_derek


def _facts(out: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "facts").glob("*.json"))]


def _shape(facts: dict) -> list:
    """Documents and their sections, without offsets (which depend on the encoding's line ends)."""
    return [(d["lang"], d["title"], [(s["kind"], s["lang"]) for s in d["sections"]]) for d in facts["documents"]]


def test_cli_sample_has_two_documents(sample_out):
    (facts,) = _facts(sample_out)
    docs = facts["documents"]
    assert [d["lang"] for d in docs] == ["kk", "ru"]
    assert docs[0]["title"] == "ҚАЗАҚСТАНДАҒЫ САЯСИ МЕДИАЦИЯНЫҢ ПЕРСПЕКТИВАЛАРЫ"
    assert docs[1]["title"] is None
    kinds = [(s["kind"], s["lang"]) for s in docs[0]["sections"]]
    assert kinds[:3] == [("title", "kk"), ("abstract", "en"), ("body", "kk")]
    assert [k for k, _ in kinds].count("table") == 3
    assert {s["kind"] for s in docs[1]["sections"]} == {"body"}


def test_cli_sample_tables_and_manifest(sample_out):
    manifest = json.loads((sample_out / "manifest.json").read_text(encoding="utf-8"))
    (src,) = manifest["sources"]
    assert src["status"] == "ok" and src["encoding"] == "utf-8" and src["format"] == "txt"
    assert len(src["sha256"]) == 64
    for name in ("documents", "sections", "sentences", "tokens", "numeric_claims", "table_cells", "organisations",
                 "mentions", "legal_acts", "recommendations", "errors"):
        assert (sample_out / "tables" / f"{name}.parquet").exists(), name
    tokens = pq.read_table(sample_out / "tables" / "tokens.parquet").to_pandas()
    assert set(tokens["lang"]) >= {"kk", "ru", "en"}
    kk = set(tokens.loc[tokens["lang"] == "kk", "text"])
    for tok in ("ҚХА-ның", "3000-ға", "50%-ы", "30 057", "[1]", "т.б."):
        assert tok in kk, tok
    assert pq.read_table(sample_out / "tables" / "errors.parquet").num_rows == 0


@pytest.mark.parametrize("variant", ["cp1251", "kz1048", "utf-16", "koi8-r", "utf-8-sig", "crlf", "pdf", "docx"])
def test_cli_sample_variants_give_same_documents(tmp_path, sample_text, sample_out, variant):
    src = tmp_path / "in"
    src.mkdir()
    if variant == "pdf":
        pdf_from_text(sample_text, src / "sample.pdf")
    elif variant == "docx":
        import docx

        d = docx.Document()
        for line in sample_text.splitlines():
            d.add_paragraph(line)
        d.save(str(src / "sample.docx"))
    elif variant == "crlf":
        (src / "sample.txt").write_bytes(sample_text.replace("\n", "\r\n").encode("utf-8"))
    elif variant in ("koi8-r", "cp1251"):
        # neither has the Kazakh letters: only the Russian document can be saved in them
        # (Kazakh text in the CP1251 family is KZ-1048, the next case)
        ru = sample_text[sample_text.index("Государственная"):]
        (src / "sample.txt").write_bytes(ru.encode(variant))
    else:
        (src / "sample.txt").write_bytes(sample_text.encode(variant))
    out = tmp_path / "out"
    r = run_derek("run", str(src), "-o", str(out), "--workers", "1", "--only", "claims")
    assert r.returncode == 0, r.stderr
    (facts,) = _facts(out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    enc = manifest["sources"][0]["encoding"]
    (expected,) = _facts(sample_out)
    if variant in ("koi8-r", "cp1251"):
        assert enc == variant
        assert _shape(facts) == [("ru", None, [("body", "ru")])]
        return
    if variant in ("pdf", "docx"):
        assert enc is None and manifest["sources"][0]["format"] == variant
    elif variant != "crlf":
        assert enc.replace("-sig", "").startswith(variant.replace("-sig", "")[:6])
    assert _shape(facts) == _shape(expected)


def test_cli_bad_files_are_error_rows(tmp_path, sample_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "sample.txt").write_bytes(sample_path.read_bytes())
    (src / "empty.txt").write_bytes(b"")
    (src / "noise.txt").write_bytes(bytes(range(256)) * 64)
    good_pdf = pdf_from_text("Мәселен, 2014 жылы 90 ұйым болды.", tmp_path / "good.pdf")
    (src / "truncated.pdf").write_bytes(good_pdf.read_bytes()[:300])
    out = tmp_path / "out"
    r = run_derek("run", str(src), "-o", str(out), "--workers", "1", "--only", "claims")
    assert r.returncode == 1, r.stderr
    errors = pq.read_table(out / "tables" / "errors.parquet").to_pylist()
    assert sorted(e["source"] for e in errors) == ["empty.txt", "noise.txt", "truncated.pdf"]
    assert all(e["message"] and e["stage"] == "ingest" for e in errors)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    ok = [s for s in manifest["sources"] if s["status"] == "ok"]
    assert [s["path"] for s in ok] == ["sample.txt"]
    assert (out / "facts" / f"{ok[0]['source_id']}.json").exists()


@pytest.mark.parametrize("args", [["run", "/no/such/folder"], ["run", "--workers", "0"], ["frobnicate"]])
def test_cli_usage_errors_exit_2(args, tmp_path):
    r = run_derek(*args, "-o", str(tmp_path / "o")) if args[0] == "run" else run_derek(*args)
    assert r.returncode == 2


# --- the command line without surprises ------------------------------------------------------------

RU = "Закон Республики Казахстан «О медиации» принят в 2011 году. Министерство юстиции предложило поправки.\n"


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    """The command line in this process (models loaded once for the module): code, stdout, stderr."""
    from pipeline.cli import main

    code = main(list(args))
    got = capsys.readouterr()
    return code, got.out, got.err


def _one_line(err: str) -> None:
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


def test_cli_version(capsys):
    from pipeline import __version__

    code, out, _ = _cli(capsys, "--version")
    assert code == 0 and out.strip() == f"derek {__version__}"


def test_cli_every_option_has_help_and_old_spellings_are_hidden():
    import argparse

    from pipeline.cli import OLD_OUT_SPELLINGS, build_parser

    ap = build_parser()
    subs = next(a for a in ap._actions if isinstance(a, argparse._SubParsersAction))
    assert {"run", "lemmatize", "report", "evaluate", "sql", "conllu"} <= set(subs.choices)
    for name, p in subs.choices.items():
        text = p.format_help()
        for old in OLD_OUT_SPELLINGS:
            assert old not in text, (name, old)
        for a in p._actions:
            if a.help == argparse.SUPPRESS:
                assert set(a.option_strings) <= set(OLD_OUT_SPELLINGS), (name, a.option_strings)
                continue
            assert a.help and len(a.help) > 5, (name, a.option_strings or a.dest)


@pytest.mark.parametrize("command", [["run"], ["lemmatize", "--lang", "kk"], ["report", "o"], ["sql", "o"],
                                     ["conllu", "o"]])
@pytest.mark.parametrize("spelling", ["-o", "--out", "--dest", "--output", "--save"])
def test_cli_output_option_one_spelling_old_ones_kept(command, spelling):
    from pipeline.cli import build_parser

    args = build_parser().parse_args([*command, spelling, "target"])
    assert args.out_path == "target"


def test_cli_run_output_is_an_existing_file(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(RU, encoding="utf-8")
    f = tmp_path / "file.txt"
    f.write_text("mine", encoding="utf-8")
    code, _, err = _cli(capsys, "run", str(tmp_path / "in"), "-o", str(f))
    assert code == 2 and "is a file" in err
    _one_line(err)
    assert f.read_text(encoding="utf-8") == "mine"


def test_cli_run_empty_folder_is_a_warning_exit_1(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.md.bak").write_text("x", encoding="utf-8")
    code, _, err = _cli(capsys, "run", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 1 and "warning" in err and "nothing to do" in err
    _one_line(err)
    assert not (tmp_path / "out").exists()


def test_cli_run_refuses_a_folder_it_did_not_make_unless_forced(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(RU, encoding="utf-8")
    out = tmp_path / "mine"
    theirs = {out / "manifest.json": "my own manifest", out / "tables" / "x.csv": "1,2",
              out / "deep" / "er" / ".tmp-abcd1234": "my temp file", out / ".tmp-abcd5678": "mine too"}
    for p, text in theirs.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    code, _, err = _cli(capsys, "run", str(src), "-o", str(out), "--workers", "1", "--only", "legal_acts")
    assert code == 2 and "--force" in err
    _one_line(err)
    assert all(p.read_text(encoding="utf-8") == t for p, t in theirs.items())
    code, _, err = _cli(capsys, "run", str(src), "-o", str(out), "--workers", "1", "--only", "legal_acts", "--force")
    assert code == 0, err
    theirs.pop(out / "manifest.json")  # the run's own manifest replaces it: the one file --force allows
    assert all(p.read_text(encoding="utf-8") == t for p, t in theirs.items())
    assert not (out / ".derek-output").exists()  # written into, not claimed: the next run must be forced again
    code, _, _ = _cli(capsys, "run", str(src), "-o", str(out), "--workers", "1", "--only", "legal_acts")
    assert code == 2


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_cli_run_outputs_follow_the_umask_and_rerun_and_summary(tmp_path, capsys, umask, mode):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(RU, encoding="utf-8")
    out = tmp_path / "out"
    old = os.umask(umask)
    try:
        code, _, err = _cli(capsys, "run", str(src), "-o", str(out), "--workers", "1", "--only", "legal_acts")
    finally:
        os.umask(old)
    assert code == 0, err
    assert "1 written, 0 skipped, 0 failed" in err
    files = [p for p in out.rglob("*") if p.is_file() and p.name != ".lock"]
    assert len(files) > 10
    assert {p.stat().st_mode & 0o777 for p in files} == {mode}
    # the folder derek made is derek's: a second run needs no --force; --resume says what it skipped
    code, _, err = _cli(capsys, "run", str(src), "-o", str(out), "--workers", "1", "--only", "legal_acts", "--resume")
    assert code == 0 and "0 written, 1 skipped (1 unchanged since the last run), 0 failed" in err, err


def test_cli_run_lang_reaches_the_analysis(tmp_path, capsys):
    import pyarrow.parquet as pq

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(RU, encoding="utf-8")
    for lang in ("auto", "kk"):
        out = tmp_path / lang
        code, _, err = _cli(capsys, "run", str(src), "-o", str(out), "--workers", "1", "--only", "legal_acts",
                            "--lang", lang)
        assert code == 0, err
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["config"]["lang"] == lang
        langs = set(pq.read_table(out / "tables" / "sentences.parquet").column("lang").to_pylist())
        assert langs == ({"ru"} if lang == "auto" else {"kk"})


def test_cli_run_reads_standard_input(tmp_path):
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "-", "-o", str(out), "--workers", "1", "--only",
                        "legal_acts"], cwd=ROOT, input=RU.encode("utf-8"), capture_output=True, timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    (src,) = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["sources"]
    assert src["path"] == "stdin.txt" and src["status"] == "ok"
    assert (out / "text" / f"{src['source_id']}.txt").read_text(encoding="utf-8") == RU
    from pipeline import export

    if hasattr(export, "write_facts_jsonl"):  # every run writes OUT/facts.jsonl
        lines = [json.loads(x) for x in (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
        assert lines and all(x["type"] and x["source_id"] == src["source_id"] for x in lines)


def test_cli_run_says_models_are_loading(tmp_path, capsys):
    """The progress bar does not sit at 0% without a word while the models load."""
    from pipeline.run import RunConfig, run

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(RU, encoding="utf-8")
    run([str(src)], str(tmp_path / "out"), config=RunConfig(extractors=("legal_acts",)), workers=1, progress=True)
    assert "loading models" in capsys.readouterr().err


@pytest.fixture(scope="module")
def small_out(tmp_path_factory) -> Path:
    from pipeline.run import RunConfig, run

    d = tmp_path_factory.mktemp("small")
    (d / "in").mkdir()
    (d / "in" / "a.txt").write_text(RU, encoding="utf-8")
    run([str(d / "in")], str(d / "out"), config=RunConfig(extractors=("legal_acts",)), workers=1, progress=False)
    return d / "out"


def test_cli_sql_closed_pipe_is_one_line_exit_2(small_out):
    p = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "sql", str(small_out),
                          "SELECT range AS n FROM range(200000)", "--format", "csv"], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout.readline().strip() == b"n"
    p.stdout.close()  # `| head -1`
    err = p.stderr.read().decode()
    assert p.wait(timeout=120) == 2, err
    _one_line(err)
    assert "pipe" in err


@pytest.mark.parametrize("query, ok", [
    ("SELECT count(*) AS n FROM sentences", True),
    ("WITH s AS (SELECT * FROM sentences) SELECT count(*) FROM s", True),
    ("COPY sentences TO '{out}/copied.csv'", False),
    ("ATTACH '{tmp}/other.duckdb' AS other", False),
    ("INSTALL httpfs", False),
    ("SELECT * FROM read_csv('/etc/passwd')", False),
    ("SELECT * FROM read_text('{out}/../outside.txt')", False),
    ("SELECT 1; CREATE TABLE t AS SELECT 1", False),
])
def test_cli_sql_read_only(small_out, capsys, query, ok):
    (small_out.parent / "outside.txt").write_text("outside", encoding="utf-8")
    q = query.format(out=small_out, tmp=small_out.parent)
    code, out, err = _cli(capsys, "sql", str(small_out), q, "--read-only", "--format", "csv")
    if ok:
        assert code == 0 and out, err
    else:
        assert code == 2 and ("E308" in err or ".." in q and "E307" in err), err
        _one_line(err)
        assert "outside" not in out
    assert not (small_out / "copied.csv").exists() and not (small_out.parent / "other.duckdb").exists()


def test_cli_report_output_naming_a_file_is_one_line_exit_2(small_out, tmp_path, capsys):
    f = tmp_path / "taken"
    f.write_text("mine", encoding="utf-8")
    code, _, err = _cli(capsys, "report", str(small_out), "-o", str(f))
    assert code == 2 and "taken" in err
    _one_line(err)
    assert f.read_text(encoding="utf-8") == "mine"
