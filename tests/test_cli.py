"""`derek run` end to end on the sample and on mixed folders (issue: the spine)."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import pdf_from_text, run_derek


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
