"""One contract test over every output record (the offset invariant, schema)."""
from __future__ import annotations

import json

import pytest

from pipeline.contract import check_facts, check_output


def test_contract_sample_output_keeps_contract(sample_out):
    assert check_output(sample_out) == []


def test_contract_every_record_indexes_source(sample_out):
    manifest = json.loads((sample_out / "manifest.json").read_text(encoding="utf-8"))
    n = 0
    for src in manifest["sources"]:
        text = (sample_out / "text" / f"{src['source_id']}.txt").read_text(encoding="utf-8")
        facts = json.loads((sample_out / "facts" / f"{src['source_id']}.json").read_text(encoding="utf-8"))
        for name in ("numeric_claims", "recommendations"):
            for rec in facts[name]:
                assert text[rec["start"]:rec["end"]] == rec["text"]
                n += 1
        for org in facts["organisations"] + facts["legal_acts"]:
            for m in org["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"]
                n += 1
    assert n > 0  # the sample states figures and names organisations


@pytest.mark.parametrize("bad", [
    {"start": 0, "end": 3, "text": "xyz"},
    {"start": 5, "end": 2, "text": ""},
    {"start": 0, "end": 999, "text": "abc"},
])
def test_contract_checker_catches_broken_spans(bad):
    facts = {"schema": "derek.facts/1", "documents": [], "tables": [], "numeric_claims": [], "organisations": [],
             "legal_acts": [], "recommendations": [{"rec_id": "r", "doc_id": "d", "lang": "kk", "cue": "x", **bad}]}
    assert check_facts(facts, "abcdef")


@pytest.mark.parametrize("name,rec", [
    ("recommendations", {"rec_id": "r", "doc_id": "d", "lang": "kk", "cue": "x", "text": "abc", "start": 0, "end": 3}),
    ("organisations", {"org_id": "o", "canonical": "abc", "abbr": None, "legal_form": None, "url": None,
                       "aliases": [], "lang": "kk", "mentions": [{"doc_id": "d", "start": 0, "end": 3, "text": "abc"}]}),
])
def test_contract_checker_wants_sent_id_on_every_fact(name, rec):
    facts = {"schema": "derek.facts/1", "documents": [], "tables": [], "numeric_claims": [], "organisations": [],
             "legal_acts": [], "recommendations": []}
    facts[name] = [rec]
    assert any("sent_id" in p for p in check_facts(facts, "abcdef"))


def test_contract_sample_facts_name_their_sentence(sample_out):
    for f in (sample_out / "facts").glob("*.json"):
        facts = json.loads(f.read_text(encoding="utf-8"))
        for c in facts["numeric_claims"]:
            assert (c["sent_id"] is None) == (c["where"] == "table")
        assert all(r["sent_id"] for r in facts["recommendations"])
        assert all(m["sent_id"] for o in facts["organisations"] + facts["legal_acts"] for m in o["mentions"])


def test_contract_checker_reads_reference_and_citation_tables(sample_out, tmp_path):
    """A citation whose text does not match the source is reported (the offset invariant, every table)."""
    import shutil

    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    shutil.copytree(sample_out, out)
    sid = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["sources"][0]["source_id"]
    pq.write_table(pa.Table.from_pylist([{"source_id": sid, "doc_id": f"{sid}:d1", "ref_id": None, "text": "[99]",
                                          "start": 0, "end": 4, "sent_id": None}]), out / "tables" / "citations.parquet")
    assert any(p.startswith("tables/citations") for p in check_output(out))
