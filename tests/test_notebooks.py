"""Every notebook runs headless from a copy outside the repository, on the output of `derek run`
named by DEREK_OUT (or by the papermill parameter `out`), with facts and with empty fact tables."""
from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import run_derek

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
FACT_TABLES = ("numeric_claims", "organisations", "legal_acts", "recommendations")


@pytest.fixture(scope="module")
def empty_out(tmp_path_factory) -> Path:
    """`derek run` over a text that states no fact: every fact table is empty."""
    src = tmp_path_factory.mktemp("nofacts")
    (src / "note.txt").write_text("Бұл мақала туралы қысқаша.\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("nofacts-out")
    r = run_derek("run", str(src), "-o", str(out), "--workers", "1")
    assert r.returncode == 0, r.stderr
    return out


def _execute(path: Path, workdir: Path, *, env_out: Path | None, param_out: Path | None = None):
    """Copy the notebook into ``workdir`` (outside the repository) and run it there in a fresh kernel;
    ``env_out`` is DEREK_OUT, ``param_out`` is injected after the ``parameters`` cell as papermill does."""
    import nbclient
    import nbformat

    workdir.mkdir(parents=True, exist_ok=True)
    copy = workdir / path.name
    shutil.copy(path, copy)
    env = {k: v for k, v in os.environ.items() if k not in ("DEREK_OUT", "PYTHONPATH")}
    if env_out is not None:
        env["DEREK_OUT"] = str(env_out)
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    nb = nbformat.read(copy, as_version=4)
    if param_out is not None:
        k = next(i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", []))
        nb.cells.insert(k + 1, nbformat.v4.new_code_cell(f"out = {str(param_out)!r}",
                                                         metadata={"tags": ["injected-parameters"]}))
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=300,
                                     resources={"metadata": {"path": str(workdir)}})
    try:
        client.execute(env=env, cwd=str(workdir))  # raises CellExecutionError on the first failing cell
    except TypeError:  # an nbclient without cwd: the resources path is the kernel's directory
        client.execute(env=env)
    except Exception as e:  # reported by the test of this notebook and mode
        return e
    return nb


@pytest.fixture(scope="module")
def executed(sample_out, empty_out, tmp_path_factory):
    """Every (notebook, mode) executed once, two kernels at a time (the suite runs on 2 cores)."""
    pytest.importorskip("nbclient")
    pytest.importorskip("nbformat")
    base = tmp_path_factory.mktemp("notebooks")
    assert ROOT not in base.parents
    jobs = [(p, "sample", dict(env_out=sample_out)) for p in NOTEBOOKS]
    jobs += [(p, "no-facts", dict(env_out=empty_out)) for p in NOTEBOOKS]
    jobs += [(NOTEBOOKS[0], "papermill", dict(env_out=None, param_out=sample_out))]
    with ThreadPoolExecutor(max_workers=2) as ex:
        results = list(ex.map(lambda j: _execute(j[0], base / f"{j[0].stem}-{j[1]}", **j[2]), jobs))
    return {(p.stem, m): r for (p, m, _), r in zip(jobs, results)}


def _outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def test_notebooks_exist():
    assert {p.name for p in NOTEBOOKS} >= {"quickstart.ipynb", "corpus_exploration.ipynb"}


@pytest.mark.parametrize("mode", ["sample", "no-facts"])
@pytest.mark.parametrize("name", [p.stem for p in NOTEBOOKS])
def test_notebooks_run_headless_from_outside_the_repository(executed, sample_out, empty_out, name, mode):
    nb = executed[(name, mode)]
    if isinstance(nb, Exception):
        raise nb
    outputs = _outputs(nb)
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert [o for o in outputs if "image/png" in o.get("data", {})], "the notebook should draw its figures"
    out = sample_out if mode == "sample" else empty_out
    line = next(o["text"] for o in outputs if o.get("output_type") == "stream" and "source(s)" in o.get("text", ""))
    assert line.startswith(f"{out}:") and "0 error(s)" in line  # it read DEREK_OUT, not corpus/ nor out/


def test_notebooks_no_facts_output_really_has_none(empty_out):
    from pipeline.dataset import load

    ds = load(empty_out)
    assert all(len(ds[t]) == 0 for t in FACT_TABLES)


def test_notebooks_take_the_papermill_parameter(executed, sample_out):
    nb = executed[(NOTEBOOKS[0].stem, "papermill")]
    if isinstance(nb, Exception):
        raise nb
    line = next(o["text"] for o in _outputs(nb) if o.get("output_type") == "stream" and "source(s)" in o.get("text", ""))
    assert line.startswith(f"{sample_out}:")


@pytest.mark.parametrize("name", [p.stem for p in NOTEBOOKS])
def test_notebooks_plot_values_over_years_from_the_sample(executed, name):
    """The sample states figures for several years: the values-over-years table is not empty."""
    nb = executed[(name, "sample")]
    if isinstance(nb, Exception):
        raise nb
    cell = next(c for c in nb.cells if c.cell_type == "code" and "Values over the years" in c.source)
    html = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
    assert "measured" in html and "years" in html


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_text_names_only_what_exists(path):
    import nbformat

    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "SOURCES" not in text and "StopIteration" not in text
    assert "DEREK_OUT" in text and any("parameters" in c.get("metadata", {}).get("tags", []) for c in nb.cells)
    assert "run(" not in text.replace("derek run", "")  # reads an output, never re-processes corpus/
