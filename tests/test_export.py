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


def test_export_empty_table_written_as_pyarrow_writes_it(tmp_path):
    import pyarrow.parquet as pq

    from pipeline.export import _to_arrow, write_parquet

    write_parquet(tmp_path / "a.parquet", [], name="tokens")
    pq.write_table(_to_arrow([], "tokens"), tmp_path / "b.parquet")
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()
    t = pq.read_table(tmp_path / "a.parquet")
    assert len(t) == 0 and t.schema.names[:3] == ["source_id", "doc_id", "sent_id"]


def test_export_merged_table_keeps_order_extra_columns_and_skips_empty_parts(tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    from pipeline import run_output
    from pipeline.export import write_part

    monkeypatch.setattr(run_output, "ROW_GROUP_ROWS", 3)  # several row groups from five parts
    parts = []
    for k, n in enumerate([2, 0, 3, 1, 2]):
        p = tmp_path / f"p{k}.arrow"
        recs = [{"source_id": f"s{k}", "rec_id": f"r{k}.{i}", "doc_id": "d", "lang": "ru", "text": "x",
                 "start": i, "end": i + 1} for i in range(n)]
        if k == 3:
            recs = [{**r, "extra": 1.5} for r in recs]  # a column beyond the contract's
        assert write_part(p, recs, name="recommendations") == n
        parts.append(p)
    run_output.write_concat(tmp_path / "all.parquet", parts, name="recommendations")
    f = pq.ParquetFile(tmp_path / "all.parquet")
    rows = f.read().to_pylist()
    assert [r["rec_id"] for r in rows] == ["r0.0", "r0.1", "r2.0", "r2.1", "r2.2", "r3.0", "r4.0", "r4.1"]
    assert [r["extra"] for r in rows] == [None] * 5 + [1.5] + [None] * 2
    assert f.schema_arrow.names[-1] == "extra" and f.metadata.num_row_groups == 2


@pytest.mark.parametrize("sync,calls", [(True, 1), (False, 0)])
def test_export_atomic_write_syncs_only_when_asked(tmp_path, monkeypatch, sync, calls):
    # a source's own files are renamed into place without waiting for the disk; the run's
    # manifest waits (fsync) before its rename
    import pipeline.export as export

    seen = []
    real = os.fsync
    monkeypatch.setattr(export.os, "fsync", lambda fd: (seen.append(fd), real(fd))[1])
    path = tmp_path / "facts" / "s.json"
    export.atomic_write_json(path, {"тексттің": 1}, sync=sync)
    assert json.loads(path.read_text(encoding="utf-8")) == {"тексттің": 1}
    assert len(seen) == calls
    assert [p.name for p in path.parent.iterdir()] == ["s.json"]  # no temporary name left
