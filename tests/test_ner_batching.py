from __future__ import annotations

import pytest

from pipeline.extract.organisations import _ner_map


class _EchoNER:
    """Stands for natasha's tagger: its markup of a text is the text itself; records the order."""

    def __init__(self):
        self.seen = []

    def map(self, texts):
        for t in texts:
            self.seen.append(t)
            yield t


@pytest.mark.parametrize("texts", [
    [],
    ["один"],
    ["Длинное предложение о министерстве.", "Коротко.", "Средней длины фраза."],
])
def test_ner_batching_keeps_text_order(texts):
    ner = _EchoNER()
    assert _ner_map(ner, texts) == texts
    assert [len(t) for t in ner.seen] == sorted(len(t) for t in texts)


def test_ner_batching_same_spans_as_natasha_order():
    from pipeline.extract.organisations import load_ru_ner

    ner = load_ru_ner()
    texts = ["Министерство юстиции Республики Казахстан сообщило.", "ООН.",
             "Компания «Газпром» и Сбербанк подписали соглашение с ВТБ в Москве."]
    plain = [[(s.start, s.stop, s.type) for s in m.spans] for m in ner.map(texts)]
    sorted_ = [[(s.start, s.stop, s.type) for s in m.spans] for m in _ner_map(ner, texts)]
    assert sorted_ == plain
    assert any(plain)


@pytest.mark.parametrize("text, expected", [
    ("Он сказал, что вернётся завтра.", False),        # the one capital: a pronoun opening the sentence
    ("Когда цены вырастут, никто не знает.", False),  # a conjunction
    ("Газета сообщила об этом.", True),                # a noun: it could be a name
    ("Он приехал в Москву.", True),                    # a capital inside the sentence
    ("он читал «правду».", True),                      # quotes
    ("он купил iphone.", True),                        # Latin letters
    ("Он работает в мвд.", False),
    ("Кваркозябры пришли.", True),                     # a word the dictionary lacks
])
def test_ner_gate_may_hold_names(text, expected):
    from pipeline.morph.ru_ner_tagger import may_hold_names

    assert may_hold_names(text) is expected


def test_ner_gate_skipped_sentences_get_empty_markups_and_the_rest_natasha_s():
    from pipeline.morph import ner_tagger
    from pipeline.morph.ru_base import ner_tagger as natasha

    texts = ["Он сказал, что вернётся завтра.", "Министерство юстиции Республики Казахстан сообщило.",
             "Когда цены вырастут, никто не знает.", "Компания «Газпром» подписала соглашение с ВТБ."]
    gated = [[(s.start, s.stop, s.type) for s in m.spans] for m in ner_tagger().map(texts)]
    plain = [[(s.start, s.stop, s.type) for s in m.spans] for m in natasha().map(texts)]
    assert gated == plain
    assert gated[0] == [] and gated[1] and gated[3]
    assert [m.text for m in ner_tagger().map(texts)] == texts


def test_remembered_word_ids_are_the_encoders_own():
    """The NER and morphology taggers' encoders look a form up once; the ids are slovnet's."""
    from slovnet.exec.encoders import WordShapeEncoder

    from pipeline.morph.ru_base import ner_tagger

    enc = ner_tagger().infer.encoder
    words = ["Президент", "России", "посетил", "«", "Газпром", "»", "2019", "COVID-19", "Президент", "..."]
    assert "item" in vars(enc)  # the remembering lookup is installed
    assert enc.item(words) == WordShapeEncoder.item(enc, words)
    assert enc.item(words) == WordShapeEncoder.item(enc, words)  # asked again: from memory, the same
