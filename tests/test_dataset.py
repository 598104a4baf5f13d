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


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_dataset_integer_columns_are_nullable_int64(sample_out, name):
    """`year`, `table`, `start` ... read as Int64 (2019, never 2019.0), by load() and by plain pandas."""
    import pandas as pd
    import pyarrow as pa

    ints = [f.name for f in _schema(name) if pa.types.is_integer(f.type)]
    df = load(sample_out)[name]
    assert all(str(df[c].dtype) == "Int64" for c in ints), df.dtypes
    path = sample_out / "tables" / f"{name}.parquet"
    if path.exists():
        plain = pd.read_parquet(path)
        assert all(str(plain[c].dtype) == "Int64" for c in ints if c in plain), plain.dtypes


def test_dataset_year_of_claims_is_an_integer(sample_out):
    claims = load(sample_out).numeric_claims
    years = claims.year.dropna()
    assert len(years) and claims.year.isna().any()  # the sample has dated and undated claims
    shown = years.astype(str).tolist()
    assert "2019" in shown and "2019.0" not in shown


@pytest.mark.parametrize("table", ["numeric_claims", "recommendations", "mentions"])
def test_dataset_facts_join_sentences_on_sent_id(sample_out, table):
    """Every fact in running text names its sentence: a plain join, no range join."""
    ds = load(sample_out)
    facts = ds[table]
    if table == "numeric_claims":
        assert facts[facts["where"] == "table"].sent_id.isna().all()  # table cells: null (the contract)
        facts = facts[facts["where"] == "text"]
    assert len(facts) and facts.sent_id.notna().all()
    joined = facts.merge(ds.sentences[["sent_id", "start", "end"]], on="sent_id", suffixes=("", "_s"))
    assert len(joined) == len(facts)
    assert ((joined.start_s <= joined.start) & (joined.start < joined.end_s)).all()


def test_dataset_sentences_join_sections_on_section_id(sample_out):
    ds = load(sample_out)
    assert ds.sentences.section_id.notna().all()
    joined = ds.sentences.merge(ds.sections[["section_id", "kind", "start", "end"]], on="section_id",
                                suffixes=("", "_sec"))
    assert len(joined) == len(ds.sentences)
    assert (joined.kind == joined.section).all()
    assert ((joined.start_sec <= joined.start) & (joined.start < joined.end_sec)).all()


def test_dataset_table_cells_row_is_the_label_claims_carry(sample_out):
    ds = load(sample_out)
    cells, claims = ds.table_cells, ds.numeric_claims
    assert cells.row.map(lambda v: v is None or isinstance(v, str) or v != v).all()
    assert str(cells.row_i.dtype) == "Int64"
    in_tables = claims[claims["where"] == "table"].dropna(subset=["row"])
    assert len(in_tables)
    keys = set(zip(cells.doc_id, cells.number, cells.row))
    assert all((c.doc_id, c.table, c.row) in keys for c in in_tables.itertuples())


@pytest.mark.parametrize("query", [
    "SELECT found_in, table_no, row_label, column_label, start_char, end_char FROM numeric_claims_v",
    "SELECT row_label, row_i, col, column_label FROM table_cells_v",
    "SELECT s.sent_id, s.section_id, c.found_in FROM numeric_claims_v c JOIN sentences_v s USING (sent_id)",
])
def test_dataset_plain_views_need_no_quoting(sample_out, query):
    assert len(load(sample_out).sql(query)) > 0


def test_dataset_plain_views_have_no_keyword_columns(sample_out):
    con = connect(sample_out)
    reserved = {r[0] for r in con.execute("SELECT keyword_name FROM duckdb_keywords() "
                                          "WHERE keyword_category IN ('reserved', 'column_name', 'type_function')").fetchall()}
    views = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
    plain = [v for v in views if v.endswith("_v")]
    assert {f"{t}_v" for t in TABLE_NAMES} <= set(plain)
    for v in plain:
        cols = [r[0] for r in con.execute(f"DESCRIBE {v}").fetchall()]
        assert not set(cols) & reserved, (v, set(cols) & reserved)


@pytest.mark.parametrize("column,plain", [("where", "found_in"), ("year", "year"), ("order", "order_")])
def test_dataset_plain_name(column, plain):
    from pipeline.dataset import plain_name

    assert plain_name(column, frozenset({"order"})) == plain


def test_dataset_sql_cli_plain_view(sample_out):
    r = run_derek("sql", str(sample_out), "SELECT found_in, count(*) AS n FROM numeric_claims_v GROUP BY 1 ORDER BY 1",
                  "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "found_in,n"
