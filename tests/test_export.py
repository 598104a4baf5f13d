"""pipeline.export: facts.jsonl, files that follow the umask, row labels of table cells."""
from __future__ import annotations

import json
import os
import shutil
import stat

import pytest

from pipeline.export import FACT_TYPES, atomic_write_text, row_label, write_facts_jsonl


def test_export_facts_jsonl_one_fact_a_line(sample_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(sample_out, out)
    (out / "facts.jsonl").unlink(missing_ok=True)
    n = write_facts_jsonl(out)
    lines = (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    assert n == len(lines) > 0
    recs = [json.loads(x) for x in lines]
    assert all(list(r)[:2] == ["type", "source_id"] for r in recs)
    expected = 0
    for f in (out / "facts").glob("*.json"):
        facts = json.loads(f.read_text(encoding="utf-8"))
        expected += sum(len(facts.get(k) or ()) for k in FACT_TYPES)
        for key, kind in FACT_TYPES.items():
            mine = [{k: v for k, v in r.items() if k not in ("type", "source_id")} for r in recs
                    if r["type"] == kind and r["source_id"] == f.stem]
            assert mine == facts.get(key, [])
    assert n == expected
    assert {r["type"] for r in recs} <= set(FACT_TYPES.values())


def test_export_facts_jsonl_of_an_output_without_facts(tmp_path):
    (tmp_path / "facts").mkdir()
    assert write_facts_jsonl(tmp_path) == 0
    assert (tmp_path / "facts.jsonl").read_text(encoding="utf-8") == ""


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_export_files_follow_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        atomic_write_text(tmp_path / "x.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "x.txt").stat().st_mode) == mode


def test_export_run_outputs_are_readable_by_others(sample_out):
    """The tests run under umask 022 or the like: nothing derek wrote is private (mkstemp's 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    if mask & 0o044:
        pytest.skip("this umask makes files private")
    for p in [sample_out / "manifest.json", *(sample_out / "tables").glob("*.parquet"), *(sample_out / "facts").glob("*")]:
        assert stat.S_IMODE(p.stat().st_mode) & 0o044 == 0o044, p


@pytest.mark.parametrize("row,label", [
    (["1", "«Келісім» орталығы", "45"], "«Келісім» орталығы"),  # a row number, then the label
    (["2019", "12", "7"], "2019"),  # a year labels a row of figures
    ([None, "7"], None),
])
def test_export_row_label(row, label):
    assert row_label(row) == label
