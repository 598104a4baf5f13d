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


def test_taggers_loaded_as_natasha_builds_them():
    """``ru_base.load_slovnet`` builds natasha's taggers from their packs on navec's word index
    (no index of the pack's own): the same word, shape and tag ids and the same answers as natasha's
    constructor."""
    from natasha import NewsMorphTagger, NewsNERTagger
    from natasha.ner import NEWS_NER
    from slovnet.exec.infer import NERInfer
    from slovnet.exec.model import NER

    from pipeline.morph import ru_base

    emb = ru_base.news_embedding()
    mine = ru_base.load_slovnet(NewsNERTagger, NER, NERInfer, NEWS_NER)
    assert isinstance(mine, NewsNERTagger)
    assert mine.infer.encoder.words_vocab.item_ids is emb.vocab.word_ids
    for own in (NewsNERTagger(emb), NewsMorphTagger(emb)):
        tagger = mine if isinstance(own, NewsNERTagger) else ru_base._tagger()
        enc = tagger.infer.encoder if tagger is mine else tagger.encoder
        ov = own.infer.encoder.words_vocab
        assert enc.words_vocab.items == ov.items
        for w in ("министерство", "москва", "кваркозябра", "<pad>", "<unk>"):
            assert enc.words_vocab.encode(w) == ov.encode(w)
        assert (enc.words_vocab.unk_id, enc.words_vocab.pad_id) == (ov.unk_id, ov.pad_id)
        assert enc.shapes_vocab.items == own.infer.encoder.shapes_vocab.items
    text = "Министр образования Казахстана встретился в Астане с ректором КазНУ имени аль-Фараби."
    want = [(s.start, s.stop, s.type) for s in next(NewsNERTagger(emb).map([text])).spans]
    assert [(s.start, s.stop, s.type) for s in next(mine.map([text])).spans] == want
    assert want
