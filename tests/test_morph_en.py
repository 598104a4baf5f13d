"""pipeline.morph.en: rule lemmas, UPOS and the features the form shows (runs without ../shared)."""
from __future__ import annotations

import pytest

from pipeline import morph


@pytest.mark.parametrize("words,expected", [
    (["Developing", "countries", "analysed", "the", "policy", "."],
     [("develop", "VERB", "VerbForm=Ger"), ("country", "NOUN", "Number=Plur"), ("analyse", "VERB", ""),
      ("the", "DET", ""), ("policy", "NOUN", "Number=Sing"), (".", "PUNCT", "")]),
])
def test_morph_en_lemma_upos_feats(words, expected):
    assert [tuple(w) for w in morph.analyze_phrase(words, "en")] == expected
