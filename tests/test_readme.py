"""The README's examples of using the output run as written, on the output of `derek run`."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import run_derek

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def section(title: str) -> str:
    """The text of one ``## `` section of the README."""
    text = README.read_text(encoding="utf-8")
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert m, f"README has no section {title!r}"
    return m.group(1)


def blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", section("Using the output"), flags=re.M | re.S)


def queries() -> list[str]:
    return [q.strip() for b in blocks("sql") for q in b.split(";") if q.strip()]


@pytest.fixture
def in_out_folder(sample_out, tmp_path):
    """A working directory whose ``out`` is the output of `derek run` (the README's examples say "out")."""
    (tmp_path / "out").symlink_to(sample_out, target_is_directory=True)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(cwd)


def test_readme_shows_three_questions_in_pandas_and_sql():
    assert len(blocks("python")) >= 2
    assert len(queries()) == 3
    assert "to_spacy(ds, " in section("Using the output")


@pytest.mark.parametrize("k", range(len(blocks("python"))))
def test_readme_python_examples_run(in_out_folder, k):
    namespace: dict = {}
    exec(compile(blocks("python")[k], f"README.md python block {k}", "exec"), namespace)  # noqa: S102
    if "values" in namespace:  # the three questions have answers on the sample
        assert len(namespace["values"]) and len(namespace["top_orgs"]) and namespace["where_recs"].sum() > 0
    if "doc" in namespace:
        assert len(namespace["doc"]) and namespace["entities"] and namespace["lemmas"]


@pytest.mark.parametrize("k", range(len(queries())))
def test_readme_sql_examples_run(sample_out, k):
    from pipeline.dataset import load

    df = load(sample_out).sql(queries()[k])
    assert len(df) > 0


def test_readme_sql_example_runs_in_derek_sql(sample_out):
    r = run_derek("sql", str(sample_out), queries()[0], "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "measured,unit,year,value,claims" and len(r.stdout.splitlines()) > 1
