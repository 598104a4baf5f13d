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
