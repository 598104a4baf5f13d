"""The review page's score counts reviewed facts only: unreviewed ones are neither correct nor wrong."""
from __future__ import annotations

import pytest

from tests.test_report import SID, browser, page  # noqa: F401  (fixtures: a real headless Chromium)


def test_review_score_counts_reviewed_facts_only(page):  # noqa: F811
    assert page.inner_text("#score") == "no fact reviewed yet"
    assert page.evaluate("() => derekScore().precision") is None
    claim = f'li[data-fact-item="{SID}:d1:c1"]'
    org = f'li[data-fact-item="{SID}:o1"]'
    rec = f'li[data-fact-item="{SID}:d1:r1"]'
    page.click(f"{claim} button.ok")
    page.click(f"{org} button.ok")
    page.click(f"{rec} button.bad")
    score = page.evaluate("() => derekScore()")
    # 6 facts on the page, 3 reviewed: 2 of 3 correct, whatever the other 3 are
    assert (score["n_facts"], score["reviewed"], score["correct"], score["wrong"]) == (6, 3, 2, 1)
    assert score["precision"] == pytest.approx(2 / 3)
    assert score["by_type"]["organisations"]["precision"] == 1.0
    assert score["by_type"]["recommendations"]["precision"] == 0.0
    assert "numeric_claims" in score["by_type"] and "legal_acts" not in score["by_type"]
    assert page.inner_text("#score").startswith("66.7% correct of 3 reviewed")
    assert page.evaluate("() => derekVerdicts().score.reviewed") == 3
    page.click(f"{org} button.bad")  # changing a verdict moves the score
    assert page.evaluate("() => derekScore().precision") == pytest.approx(1 / 3)
