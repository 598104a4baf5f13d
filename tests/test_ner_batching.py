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
