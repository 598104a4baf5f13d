"""Scoring facts against gold, and turning a grader's verdicts into a gold file."""
from __future__ import annotations

import copy
import json

import pytest

from pipeline.evaluate import (EvaluateError, evaluate, format_table, match_spans, read_facts, same,
                               verdicts_to_gold)
from tests.conftest import run_derek
from tests.test_report import SID, TEXT, make_facts


@pytest.fixture
def gold():
    return make_facts(TEXT)


def _write(path, doc):
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("a,b,expected", [
    (30057, 30057.0, True), (1.5e6, "1500000", True), (70, 80, False), (None, "", True), (None, 0, False),
    ("Ұлыбритания", " ұлыбритания ", True), ("медиатор", "медиация", False), ("KZT", "kzt", True),
])
def test_evaluate_same_compares_values(a, b, expected):
    assert same(a, b) is expected


@pytest.mark.parametrize("gold_spans,pred_spans,match,expected", [
    ([(0, 5)], [(0, 5)], "exact", [(0, 0)]),
    ([(0, 5)], [(1, 5)], "exact", []),
    ([(0, 5)], [(1, 5)], "overlap", [(0, 0)]),
    ([(0, 10), (20, 30)], [(5, 25)], "overlap", [(0, 0)]),  # one prediction pairs with one gold fact only
    ([(0, 10)], [(0, 3), (0, 9)], "overlap", [(0, 1)]),  # the better overlap wins
])
def test_evaluate_match_spans_one_to_one(gold_spans, pred_spans, match, expected):
    assert match_spans(gold_spans, pred_spans, match=match) == expected


def test_evaluate_identical_is_perfect(gold):
    r = evaluate(gold, copy.deepcopy(gold))
    for name, row in r["types"].items():
        assert (row["precision"], row["recall"], row["f1"]) == (1.0, 1.0, 1.0), name
        assert all(a["accuracy"] == 1.0 for a in row["attributes"].values())
    assert r["micro"]["tp"] == 6


def test_evaluate_counts_misses_spurious_and_wrong_attributes(gold):
    pred = copy.deepcopy(gold)
    pred["recommendations"].pop()  # a missed recommendation
    pred["numeric_claims"][0]["year"] = 2018  # a wrong attribute on a matched claim
    extra = dict(pred["numeric_claims"][0], claim_id="x:c9", start=0, end=4, text=TEXT[0:4])
    pred["numeric_claims"].append(extra)  # a spurious claim
    pred["organisations"][0]["mentions"][0]["end"] -= 3  # still overlaps: matched, span not exact
    r = evaluate(gold, pred)
    rec, cl, org = r["types"]["recommendations"], r["types"]["numeric_claims"], r["types"]["organisations"]
    assert (rec["tp"], rec["fp"], rec["fn"], rec["recall"]) == (1, 0, 1, 0.5)
    assert (cl["tp"], cl["fp"], cl["fn"], cl["precision"]) == (1, 1, 0, 0.5)
    assert cl["attributes"]["year"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert cl["attributes"]["value"]["accuracy"] == 1.0
    assert org["tp"] == 2 and r["types"]["organisations.mentions"]["attributes"]["span"]["accuracy"] == 0.5
    strict = evaluate(gold, pred, match="exact")
    assert strict["types"]["organisations"]["tp"] == 1
    text = format_table(r)
    assert "recommendations" in text and "numeric_claims.year" in text


def test_evaluate_empty_prediction_and_empty_gold(gold):
    empty = {k: [] for k in gold if isinstance(gold[k], list)}
    r = evaluate(gold, empty)
    assert r["micro"]["recall"] == 0.0 and r["micro"]["precision"] is None
    r = evaluate(empty, empty)
    assert r["micro"]["f1"] is None
    format_table(r)  # no division by zero, no crash


def test_evaluate_cli_table_and_json(tmp_path, gold):
    g = _write(tmp_path / "gold.json", gold)
    pred = copy.deepcopy(gold)
    pred["legal_acts"] = []
    p = _write(tmp_path / "pred.json", pred)
    r = run_derek("evaluate", "--gold", str(g), str(p))
    assert r.returncode == 0, r.stderr
    assert "legal_acts" in r.stdout and "f1" in r.stdout
    r = run_derek("evaluate", "--gold", str(g), str(p), "--json")
    data = json.loads(r.stdout)
    assert data["types"]["legal_acts"]["recall"] == 0.0 and data["types"]["numeric_claims"]["f1"] == 1.0
    assert run_derek("evaluate", "--gold", str(tmp_path / "nope.json"), str(p)).returncode == 2
    assert run_derek("evaluate", str(p)).returncode == 2


def test_evaluate_reads_output_folder(tmp_path, gold):
    (tmp_path / "out" / "facts").mkdir(parents=True)
    _write(tmp_path / "out" / "facts" / f"{SID}.json", gold)
    assert set(read_facts(tmp_path / "out")) == {SID}
    with pytest.raises(EvaluateError):
        read_facts(_write(tmp_path / "x.json", {"hello": 1}))


def test_evaluate_verdicts_to_gold(gold):
    verdicts = {"schema": "derek.verdicts/1", "source_id": SID, "grader": "G", "verdicts": [
        {"fact_id": f"{SID}:d1:c1", "type": "numeric_claims", "verdict": "wrong",
         "correction": {"year": 2018, "start": TEXT.index("2017"), "end": TEXT.index("2017") + 4}},
        {"fact_id": f"{SID}:o1", "type": "organisations", "verdict": "correct"},
        {"fact_id": f"{SID}:d2:r1", "type": "recommendations", "verdict": "wrong", "correction": None},
    ], "added": [{"type": "legal_acts", "start": TEXT.index("Тест"), "end": TEXT.index("Тест") + 4, "text": "Тест",
                  "fields": {"kind": "law"}}]}
    g = verdicts_to_gold(verdicts, gold, text=TEXT, unreviewed="drop")
    assert g["numeric_claims"][0]["year"] == 2018 and g["numeric_claims"][0]["text"] == "2017"
    assert [o["org_id"] for o in g["organisations"]] == [f"{SID}:o1"]  # o2 unreviewed, dropped
    assert g["recommendations"] == []  # r1 unreviewed (dropped), d2:r1 wrong
    added = g["legal_acts"][-1]
    assert added["kind"] == "law" and added["mentions"][0]["text"] == "Тест" and added["doc_id"] == f"{SID}:d1"
    assert g["review"]["corrected"] == 1 and g["review"]["dropped"] == 1 and g["review"]["added"] == 1
    kept = verdicts_to_gold(verdicts, gold, text=TEXT, unreviewed="keep")
    assert len(kept["organisations"]) == 2 and len(kept["recommendations"]) == 1
    # the gold file scores the original facts: the dropped rec is a false positive, the added act a miss
    r = evaluate(kept, gold)
    assert r["types"]["recommendations"]["fp"] == 1 and r["types"]["legal_acts"]["fn"] == 1
    assert r["types"]["numeric_claims"]["tp"] == 0  # the corrected claim moved to another span


def test_evaluate_cli_verdicts_to_gold(tmp_path, gold):
    from tests.test_report import make_out

    out = make_out(tmp_path / "out")
    v = _write(tmp_path / "v.json", {"source_id": SID, "sha256": "abc", "verdicts": [
        {"fact_id": f"{SID}:d1:c1", "type": "numeric_claims", "verdict": "wrong", "correction": None}]})
    g = tmp_path / "gold.json"
    r = run_derek("evaluate", "--verdicts", str(v), "--facts", str(out), "--to-gold", str(g))
    assert r.returncode == 0, r.stderr
    assert json.loads(g.read_text(encoding="utf-8"))["numeric_claims"] == []
    r = run_derek("evaluate", "--gold", str(g), str(out), "--json")
    assert json.loads(r.stdout)["types"]["numeric_claims"]["fp"] == 1
    bad = _write(tmp_path / "bad.json", {"source_id": SID, "sha256": "other", "verdicts": []})
    assert run_derek("evaluate", "--verdicts", str(bad), "--facts", str(out), "--to-gold", str(g)).returncode == 2
