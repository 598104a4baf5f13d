"""Every notebook runs headless from top to bottom, on the sample and with empty fact tables."""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MODES = {"all-extractors": None, "no-facts": ""}  # DEREK_EXTRACTORS: unset, or empty (every fact table empty)


def _execute(path: Path, extractors: str | None):
    """Run a notebook in a fresh `python3` kernel (the venv's ipykernel); return it, or the exception raised."""
    import nbclient
    import nbformat

    env = {k: v for k, v in os.environ.items() if k != "DEREK_EXTRACTORS"}
    if extractors is not None:
        env["DEREK_EXTRACTORS"] = extractors
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=300,
                                     resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute(env=env)  # raises CellExecutionError on the first failing cell
    except Exception as e:  # reported by the test of this notebook and mode
        return e
    return nb


@pytest.fixture(scope="module")
def executed():
    """Every (notebook, mode) executed once, two kernels at a time (the suite runs on 2 cores)."""
    pytest.importorskip("nbclient")
    pytest.importorskip("nbformat")
    jobs = [(p, m) for p in NOTEBOOKS for m in MODES]
    with ThreadPoolExecutor(max_workers=2) as ex:
        results = list(ex.map(lambda job: _execute(job[0], MODES[job[1]]), jobs))
    return {(p.stem, m): r for (p, m), r in zip(jobs, results)}


def test_notebooks_exist():
    assert {p.name for p in NOTEBOOKS} >= {"quickstart.ipynb", "corpus_exploration.ipynb"}


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("name", [p.stem for p in NOTEBOOKS])
def test_notebooks_run_headless(executed, name, mode):
    nb = executed[(name, mode)]
    if isinstance(nb, Exception):
        raise nb
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert [o for o in outputs if "image/png" in o.get("data", {})], "the notebook should draw its figures"
    run_line = next(o for o in outputs if o.get("output_type") == "stream" and "source(s) processed" in o.get("text", ""))
    assert "0 error(s)" in run_line["text"]
    if name == "quickstart" and mode == "no-facts":  # the run really had no facts
        import re

        sizes = next(o["data"]["text/plain"] for o in outputs if "numeric_claims" in o.get("data", {}).get("text/plain", ""))
        assert re.search(r"numeric_claims\s+0\b", sizes) and re.search(r"organisations\s+0\b", sizes)
