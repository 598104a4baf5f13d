"""The one evaluation command (`bench/evaluate_product.py`) runs, so it cannot rot.

Two runs: on a tiny data folder written here (invented Kazakh sentences in the UD and KazNERD
formats; it always runs), and `--smoke` over every `bench/eval_*.py` on the real development
data (skipped, saying why, when `../shared/data` / `$DEREK_DATA` is absent).
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"

# invented sentences, in the formats of UD (CoNLL-U) and KazNERD (IOB2)
CONLLU = """# sent_id = a:1
# text = Комиссия мектептерді тексерді.
1\tКомиссия\tкомиссия\tNOUN\tn\tCase=Nom\t3\tnsubj\t_\t_
2\tмектептерді\tмектеп\tNOUN\tn\tCase=Acc|Number=Plur\t3\tobj\t_\t_
3\tтексерді\tтексер\tVERB\tv\tTense=Past\t0\troot\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\tsent\t_\t3\tpunct\t_\t_

# sent_id = b:2
# text = Балалар кітап оқиды.
1\tБалалар\tбала\tNOUN\tn\tCase=Nom|Number=Plur\t3\tnsubj\t_\t_
2\tкітап\tкітап\tNOUN\tn\tCase=Nom\t3\tobj\t_\t_
3\tоқиды\tоқы\tVERB\tv\tTense=Pres\t0\troot\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\tsent\t_\t3\tpunct\t_\t_

"""
IOB = """Қазақстан B-GPE
Республикасының I-GPE
Білім B-ORGANISATION
және I-ORGANISATION
ғылым I-ORGANISATION
министрлігі I-ORGANISATION
мектептерге O
25 B-PERCENTAGE
пайыз I-PERCENTAGE
қосымша O
қаржы O
бөлді O
. O

Биыл B-DATE
облыста O
1200 B-CARDINAL
жаңа O
жұмыс O
орны O
ашылды O
. O
"""


def load_evaluate_product():
    spec = importlib.util.spec_from_file_location("evaluate_product", BENCH / "evaluate_product.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run_product(*args: str, data: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEREK_EVAL_WORKERS": "1"}
    if data is not None:
        env["DEREK_DATA"] = str(data)
    return subprocess.run([sys.executable, str(BENCH / "evaluate_product.py"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1800)


@pytest.mark.parametrize("tune,check,marked", [(0.90, 0.93, True), (0.90, 0.91, False), (None, 0.5, False)])
def test_evaluate_product_marks_gaps(tune, check, marked):
    ev = load_evaluate_product()
    g = ev.normalise("x", {"figure": "f", "tune": tune, "check": check, "note": "why"})
    assert g["marked"] is marked
    table = ev.table([{"area": "x", "figures": [g], "status": "ok", "error": None}])
    assert ("| * |" in table) is marked


def test_evaluate_product_merge_replaces_only_the_areas_evaluated_again():
    ev = load_evaluate_product()

    def doc(rows: dict[str, float]) -> str:
        res = [{"area": a, "figures": [ev.normalise(a, {"figure": f"{a} f", "tune": None, "check": v})],
                "status": "ok", "error": None, "seconds": 1} for a, v in rows.items()]
        return ev.render(res, smoke=False)

    merged = ev.merge(doc({"lemma": 0.5, "ner": 0.6}), doc({"ner": 0.9}), ["ner"])
    assert "| lemma | lemma f | – | **0.500** |" in merged
    assert "| ner | ner f | – | **0.900** |" in merged and "**0.600**" not in merged
    assert merged.index("| lemma |") < merged.index("| ner |")
    assert "Areas ner evaluated again" in merged
    again = ev.merge(merged, doc({"ner": 0.8}), ["ner"])
    assert again.count("Areas ner evaluated again") == 1 and "**0.800**" in again


@pytest.mark.parametrize("only", ["lemma,ner"])
def test_evaluate_product_on_generated_data(tmp_path, only):
    data = tmp_path / "data"
    (data / "ud_kk_ktb").mkdir(parents=True)
    (data / "ud_kk_ktb" / "kk_ktb-ud-test-dev-half.conllu").write_text(CONLLU, encoding="utf-8")
    (data / "kaznerd").mkdir()
    # the same two sentences many times, so both halves hold some
    (data / "kaznerd" / "IOB2_valid.txt").write_text((IOB + "\n") * 6, encoding="utf-8")
    out = tmp_path / "RESULTS.md"
    r = run_product("--smoke", "--only", only, "--work", str(tmp_path / "work"), "--results", str(out), data=data)
    assert r.returncode == 0, r.stdout + r.stderr
    table = out.read_text(encoding="utf-8")
    assert "kk KTB dev lemma accuracy" in table
    assert "KazNERD valid ORGANISATION exact F1" in table
    assert "ru GSD" not in table  # absent data gives no figure, not a zero
    row = next(l for l in table.splitlines() if "kk KTB dev lemma accuracy" in l)
    cells = [c.strip() for c in row.split("|")]
    assert int(cells[5]) + int(cells[6]) == 6  # the six scored words, split between the halves


def test_evaluate_product_smoke_on_development_data(tmp_path):
    sys.path.insert(0, str(BENCH))
    try:
        from common import data_dir
    finally:
        sys.path.remove(str(BENCH))
    if data_dir() is None:
        pytest.skip("development data absent ($DEREK_DATA or ../shared/data); the generated-data test ran instead")
    r = run_product("--smoke", "--no-write", "--work", str(tmp_path / "work"))
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert "| lemma | kk KTB dev lemma accuracy" in r.stdout
