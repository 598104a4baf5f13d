"""The language layer's CNN encoder gives slovnet's output to the bit, with less copying."""
from __future__ import annotations

import numpy as np
from slovnet.exec.model import CNNEncoder

from pipeline.morph import ru_cnn
from pipeline.morph.ru_base import _tagger, ner_tagger

# invented sentences of different lengths (one batch is padded to its longest)
SENTENCES = [
    ["Комитет", "по", "делам", "молодёжи", "открыл", "новый", "центр", "."],
    ["Вчера", "шёл", "дождь", "."],
    ["Мэр", "города", "Н.", "встретился", "с", "представителями", "ООО", "«", "Ромашка", "»", "и",
     "обсудил", "план", "на", "2030", "год", "."],
    ["Да"],
]


def _outputs(model, enc):
    enc.batch_size = 8
    return [model(inp.word_id, inp.shape_id, inp.pad_mask) for inp in enc(SENTENCES)]


def _check(model, enc, slovnet_layers):
    fast = model.encoder
    assert isinstance(fast, ru_cnn.FastCNNEncoder)
    got = _outputs(model, enc)
    try:
        model.encoder = CNNEncoder(slovnet_layers)
        want = _outputs(model, enc)
    finally:
        model.encoder = fast
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g.shape == w.shape
        assert g.dtype == w.dtype
        assert g.tobytes() == w.tobytes()


def test_morphology_tagger_output_bit_equal():
    tg = _tagger()
    _check(tg.model, tg.encoder, tg.model.encoder.source_layers)


def test_ner_tagger_output_bit_equal():
    infer = ner_tagger().infer
    _check(infer.model, infer.encoder, infer.model.encoder.source_layers)


def test_padding_words_are_zero():
    tg = _tagger()
    for inp in _tagger().encoder(SENTENCES):
        x = tg.model.emb(inp.word_id, inp.shape_id)
        out = tg.model.encoder(x, inp.pad_mask)
        assert np.all(out[inp.pad_mask] == 0)
        assert out.shape[:2] == inp.word_id.shape
