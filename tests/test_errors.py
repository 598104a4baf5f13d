"""pipeline.errors: every code defined once, used where the table says; extractor failures kept."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline import analyze
from pipeline.errors import CODES, EXTRACTOR_FAILED, meaning

PKG = Path(__file__).resolve().parents[1] / "pipeline"
# a code as derek writes it: at the start of a string literal ("E301 ...", "E040")
CODE = re.compile(r"""["']([EW]\d{3})\b""")


def _uses() -> dict[str, set[str]]:
    uses: dict[str, set[str]] = {}
    for f in sorted(PKG.rglob("*.py")):
        rel = f.relative_to(PKG.parent).as_posix()
        if rel == "pipeline/errors.py":
            continue
        for code in CODE.findall(f.read_text(encoding="utf-8")):
            uses.setdefault(code, set()).add(rel)
    return uses


@pytest.mark.parametrize("code", sorted(_uses()))
def test_errors_every_code_is_defined_once_in_its_module(code):
    assert code in CODES, f"{code} is used in pipeline/ but not defined in pipeline/errors.py"
    modules = set(CODES[code][0].split(", "))
    assert _uses()[code] <= modules, f"{code} is used in {sorted(_uses()[code])}, the table says {modules}"


@pytest.mark.parametrize("code", ["E210"])
def test_errors_meaning(code):
    assert "extractor" in meaning(code)
    with pytest.raises(KeyError):
        meaning("E999")


@pytest.mark.parametrize("text", ["В 2014 году в Казахстане работали 90 организаций, их доля выросла до 45%. "
                                  "Министерство юстиции предложило увеличить число медиаторов согласно Закону "
                                  "Республики Казахстан «О медиации» от 28 января 2011 года."])
def test_errors_extractor_failure_is_recorded_and_others_run(monkeypatch, text):
    whole = analyze.process(text)

    def broken(a):
        raise RuntimeError("invented failure")

    stages = [(n, broken if n == "organisations" else f, r) for n, f, r in analyze.STAGES]
    monkeypatch.setattr(analyze, "STAGES", stages)
    a = analyze.process(text)
    assert [(e.stage, e.code, e.error) for e in a.errors] == [("organisations", EXTRACTOR_FAILED, "RuntimeError")]
    assert "invented failure" in a.errors[0].message and a.errors[0].message.startswith("E210 ")
    assert a.organisations == [] and whole.errors == []
    # the stages before and after the failed one give what they give in a whole run
    assert a.tokens == whole.tokens
    assert (a.claims, a.legal_acts, a.recommendations) == (whole.claims, whole.legal_acts, whole.recommendations)


@pytest.mark.parametrize("text", ["Одно предложение."])
def test_errors_core_stage_failure_raises_with_code(monkeypatch, text):
    def broken(a):
        raise ValueError("invented")

    stages = [(n, broken if n == "tokens" else f, r) for n, f, r in analyze.STAGES]
    monkeypatch.setattr(analyze, "STAGES", stages)
    with pytest.raises(analyze.StageError) as ei:
        analyze.process(text)
    assert ei.value.stage == "tokens" and ei.value.code == "E203"
