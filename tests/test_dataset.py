"""pipeline.load(OUT): tables as DataFrames, SQL over them, one source's model rebuilt from the folder."""
from __future__ import annotations

import json

import pytest

import pipeline
from pipeline.dataset import TABLE_NAMES, Dataset, DatasetError, connect, load
from pipeline.export import _schema, facts
from tests.conftest import run_derek
from tests.test_report import SID, make_out


def test_dataset_load_is_exposed_by_the_package(sample_out):
    ds = pipeline.load(sample_out)
    assert isinstance(ds, Dataset)


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_dataset_tables_have_contract_columns(sample_out, name):
    import pandas as pd

    ds = load(sample_out)
    df = ds[name]
    assert isinstance(df, pd.DataFrame)
    assert set(_schema(name).names) <= set(df.columns)
    assert getattr(ds, name) is df  # cached, attribute access works too


def test_dataset_tokens_match_source_text(sample_out):
    ds = load(sample_out)
    tokens = ds.tokens
    assert len(tokens) > 100
    for sid, group in tokens.groupby("source_id"):
        text = ds.text(sid)
        assert all(text[s:e] == t for s, e, t in zip(group.start, group.end, group.text))


def test_dataset_missing_tables_are_empty_with_columns(tmp_path):
    out = make_out(tmp_path)  # facts and text only, no tables/
    ds = load(out)
    assert len(ds.numeric_claims) == 0 and "claim_id" in ds.numeric_claims.columns
    assert ds.sql("SELECT count(*) AS n FROM organisations").n[0] == 0
    assert ds.source_ids() == [SID]


@pytest.mark.parametrize("bad", ["missing-folder", "file.txt"])
def test_dataset_refuses_what_is_not_an_output_folder(tmp_path, bad):
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(DatasetError):
        load(tmp_path / bad)


@pytest.mark.parametrize("source_id", ["../etc", "a/b", ""])
def test_dataset_source_ids_never_escape_out(sample_out, source_id):
    with pytest.raises(DatasetError):
        load(sample_out).text(source_id)


def test_dataset_sql_over_views(sample_out):
    ds = load(sample_out)
    n = ds.sql("SELECT count(*) AS n FROM tokens").n[0]
    assert n == len(ds.tokens)
    by_lang = ds.sql("SELECT lang, count(*) AS n FROM sentences GROUP BY lang ORDER BY n DESC")
    assert set(by_lang.lang) <= {"kk", "ru", "en", "other"} and by_lang.n.sum() == len(ds.sentences)
    joined = ds.sql("SELECT d.lang, count(t.i) AS n FROM documents d JOIN tokens t USING (doc_id) GROUP BY 1")
    assert joined.n.sum() == len(ds.tokens)


def test_dataset_sql_cli(sample_out, tmp_path):
    r = run_derek("sql", str(sample_out), "SELECT lang, count(*) AS n FROM tokens GROUP BY 1 ORDER BY 1", "--format", "json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert sum(x["n"] for x in rows) == len(load(sample_out).tokens)
    r = run_derek("sql", str(sample_out), "SELECT count(*) AS n FROM numeric_claims", "--format", "csv")
    assert r.stdout.splitlines()[0] == "n"
    assert run_derek("sql", str(sample_out), "SELEC nonsense").returncode == 2
    db = tmp_path / "derek.duckdb"
    r = run_derek("sql", str(sample_out), "--save", str(db))
    assert r.returncode == 0, r.stderr
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM tokens").fetchone()[0] == len(load(sample_out).tokens)
    con.close()


def test_dataset_analysis_round_trips_facts(sample_out):
    ds = load(sample_out)
    sid = ds.source_ids()[0]
    a = ds.analysis(sid)
    assert a.source.text == ds.text(sid)
    assert len(a.tokens) == int((ds.tokens.source_id == sid).sum()) and a.sentences
    again = facts(a)
    original = ds.facts(sid)
    for key in ("documents", "numeric_claims", "organisations", "legal_acts", "recommendations", "tables"):
        assert again[key] == original[key], key


def test_dataset_connect_views_each_table(sample_out):
    con = connect(sample_out)
    names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert set(TABLE_NAMES) <= names
