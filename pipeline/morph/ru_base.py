"""Russian analyser, shared pieces: OpenCorpora -> UD tables, the one pymorphy3 analyser, the
slovnet morphology tagger run for probabilities, navec's vocabulary. Loaded lazily, once per process."""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import NamedTuple

from pipeline.morph.ru_cnn import fast_encoder
from pipeline.morph.ru_rerank import UPOS


# --------------------------------------------------------------------------- tables

_OC_CASE = {"nomn": "Nom", "gent": "Gen", "datv": "Dat", "accs": "Acc", "ablt": "Ins",
            "loct": "Loc", "voct": "Voc", "gen2": "Gen", "acc2": "Acc", "loc2": "Loc",
            "gen1": "Gen", "loc1": "Loc"}
_OC_NUMBER = {"sing": "Sing", "plur": "Plur"}
_OC_GENDER = {"masc": "Masc", "femn": "Fem", "neut": "Neut"}
_OC_VERBFORM = {"INFN": "Inf", "PRTF": "Part", "PRTS": "Part", "GRND": "Conv", "VERB": "Fin"}

# OpenCorpora POS -> UD UPOS values it can stand for
_OC_POS = {
    "NOUN": ("NOUN", "PROPN"),
    "ADJF": ("ADJ", "DET", "PRON", "NUM", "PROPN"),
    "ADJS": ("ADJ", "VERB"),
    "COMP": ("ADJ", "ADV"),
    "VERB": ("VERB", "AUX"),
    "INFN": ("VERB", "AUX"),
    "PRTF": ("VERB", "ADJ", "AUX"),
    "PRTS": ("VERB", "ADJ", "AUX"),
    "GRND": ("VERB", "AUX"),
    "NUMR": ("NUM",),
    "ADVB": ("ADV", "PART", "SCONJ", "CCONJ"),
    "NPRO": ("PRON", "DET"),
    "PRED": ("ADV", "VERB", "NOUN"),
    "PREP": ("ADP",),
    "CONJ": ("CCONJ", "SCONJ", "ADV", "PART"),
    "PRCL": ("PART", "ADV", "SCONJ", "CCONJ", "INTJ"),
    "INTJ": ("INTJ", "PART"),
}
_PROPER_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
_FEATS = ("Case", "Number", "Gender", "VerbForm")

_URL = re.compile(r"^(https?://|www\.)\S+$|^\S+@\S+\.\w+$", re.I)
_LATIN = re.compile(r"[A-Za-z]")
_CYR = re.compile(r"[А-Яа-яЁё]")
_RUSSIAN_WORD = re.compile(r"^[а-яё]+$")

# --------------------------------------------------------------------------- loading

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def morph_analyzer():
    """The process's one pymorphy3 analyser (loaded on first use), its ``parse`` remembered
    per word form (a text repeats its words; the analyser and every rule ask about the same
    form). Extractors read tokens or call :mod:`pipeline.morph`'s word functions instead of
    parsing on their own."""
    import pymorphy3

    class RememberingAnalyzer(pymorphy3.MorphAnalyzer):
        """``parse`` as pymorphy3's, answered from memory for a form seen before."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._memo: dict[str, tuple] = {}

        def parse(self, word):
            hit = self._memo.get(word)
            if hit is None:
                if len(self._memo) >= PARSE_MEMO_MAX:
                    self._memo.clear()
                hit = self._memo[word] = tuple(super().parse(word))
            return list(hit)

    return RememberingAnalyzer()


PARSE_MEMO_MAX = 100_000  # word forms whose parses are kept (about 1 KB each)


class TagInfo(NamedTuple):
    """What the analyser reads from a pymorphy3 tag, as plain strings (None when absent)."""

    pos: str | None
    grammemes: frozenset
    case: str | None
    number: str | None
    gender: str | None


_TAG_INFO: dict[str, TagInfo] = {}


def tag_info(tag) -> TagInfo:
    """POS, grammemes, case, number and gender of a pymorphy3 tag, computed once per tag
    (pymorphy3 works each of them out again on every access)."""
    key = str(tag)
    hit = _TAG_INFO.get(key)
    if hit is None:
        hit = _TAG_INFO[key] = TagInfo(*(None if x is None else str(x) for x in (tag.POS,)),
                                       tag.grammemes,
                                       *(None if x is None else str(x) for x in (tag.case, tag.number, tag.gender)))
    return hit


_morph = morph_analyzer


@lru_cache(maxsize=1)
def news_embedding():
    """natasha's navec news embedding, loaded once and shared by the morphology and NER taggers."""
    from natasha import NewsEmbedding

    return NewsEmbedding()


def _navec_words_vocab(unk_id, pad_id):
    """A slovnet ``Vocab`` whose words and index are navec's own (no copy)."""
    from slovnet.vocab import Vocab

    nv = news_embedding().vocab
    shared = Vocab.__new__(Vocab)
    shared.items, shared.item_ids = nv.words, nv.word_ids
    shared.unk_id, shared.pad_id = unk_id, pad_id
    return shared


def load_slovnet(api_cls, model_cls, infer_cls, path, batch_size: int = 8):
    """What natasha's ``NewsMorphTagger(emb)`` / ``NewsNERTagger(emb)`` build (``api_cls``: their
    class, over slovnet's ``Morph`` / ``NER`` API), from the same pack, on the shared navec
    embedding, without building the pack's own 250,002-word index when its word list is navec's:
    natasha's constructor builds it, only to have it replaced by navec's (~0.1 CPU s a model).
    natasha's morphology and NER packs each ship a copy of navec's 250,002 words (about 50 MB a
    copy): the taggers read words through navec's own list and index instead. Model, encoder and
    decoder as slovnet's ``load`` makes them."""
    from gzip import decompress

    from slovnet.api import API
    from slovnet.const import PAD, SHAPE, TAG, UNK, WORD
    from slovnet.exec.encoders import TagEncoder
    from slovnet.exec.infer import TagDecoder
    from slovnet.exec.pack import Pack, vocab_name
    from slovnet.vocab import Vocab

    with Pack(path) as pack:
        pack.load_meta().check_protocol()
        model = pack.load_model(model_cls)
        arrays = dict(pack.load_arrays(model.weights))
        words = decompress(pack.read(vocab_name(WORD))).decode("utf8").splitlines()  # as slovnet reads it
        shapes_vocab = pack.load_vocab(SHAPE)
        tags_vocab = pack.load_vocab(TAG)
    nv = news_embedding().vocab
    if words == nv.words:  # both indexes are {word: position} of their lists: the same ids
        words_vocab = _navec_words_vocab(nv.word_ids.get(UNK), nv.word_ids.get(PAD))
    else:
        words_vocab = Vocab(words)
    infer = infer_cls(model.inject_arrays(arrays), TagEncoder(words_vocab, shapes_vocab, batch_size),
                      TagDecoder(tags_vocab))
    api = api_cls.__new__(api_cls)
    API.__init__(api, infer, batch_size)
    api.navec(news_embedding())
    return api


def remember_word_ids(encoder, limit: int = 200_000) -> None:
    """Make a slovnet word-and-shape encoder look each word form up once: its word id and shape id
    are kept per form (a text repeats its words; slovnet works out the shape and lower-cases and
    looks the word up again for every token). The ids are the encoder's own, so the network's input
    is the same."""
    words_vocab, shapes_vocab = encoder.words_vocab, encoder.shapes_vocab
    from slovnet.shape import word_shape

    memo: dict[str, tuple[int, int]] = {}

    def item(words):
        word_ids, shape_ids = [], []
        for word in words:
            hit = memo.get(word)
            if hit is None:
                if len(memo) >= limit:
                    memo.clear()
                hit = memo[word] = (words_vocab.encode(word.lower()), shapes_vocab.encode(word_shape(word)))
            word_ids.append(hit[0])
            shape_ids.append(hit[1])
        return word_ids, shape_ids

    encoder.item = item


@lru_cache(maxsize=1)
def ner_tagger():
    """slovnet's news NER tagger (natasha's ``NewsNERTagger``) on the shared embedding and
    word vocabulary."""
    from natasha import NewsNERTagger
    from natasha.ner import NEWS_NER
    from slovnet.exec.infer import NERInfer
    from slovnet.exec.model import NER

    tagger = load_slovnet(NewsNERTagger, NER, NERInfer, NEWS_NER)
    remember_word_ids(tagger.infer.encoder)
    fast_encoder(tagger.infer.model)
    return tagger


class _Tagger:
    """slovnet's morphology model run by hand so that we get probabilities, not argmax."""

    def __init__(self):
        import numpy as np
        from natasha import NewsMorphTagger
        from natasha.morph.tagger import NEWS_MORPH
        from slovnet.exec.infer import MorphInfer
        from slovnet.exec.model import Morph

        infer = load_slovnet(NewsMorphTagger, Morph, MorphInfer, NEWS_MORPH).infer
        remember_word_ids(infer.encoder)
        fast_encoder(infer.model)
        self.np = np
        self.model = infer.model
        self.encoder = infer.encoder
        self.unk_id = infer.encoder.words_vocab.unk_id
        tags = infer.decoder.tags_vocab.items
        self.tags = tags
        self.upos = []
        self.feats = []
        for t in tags:
            pos, *fs = t.split("|")
            self.upos.append(pos)
            self.feats.append(dict(f.split("=", 1) for f in fs if "=" in f))
        self.upos_set = sorted(set(self.upos) - {"<pad>"})
        # (n_upos, n_tags) 0/1 matrix: tag probabilities -> UPOS marginals
        self.upos_matrix = np.array([[1.0 if t == u else 0.0 for t in self.upos] for u in UPOS],
                                    dtype=np.float32).T
        self.short_vec = np.array([1.0 if f.get("Variant") == "Short" else 0.0 for f in self.feats],
                                  dtype=np.float32)
        self.pass_vec = np.array([1.0 if f.get("Voice") == "Pass" else 0.0 for f in self.feats],
                                 dtype=np.float32)
        self._masks: dict[tuple, object] = {}
        # The CNN's matrices are small: multi-threaded BLAS only adds contention
        # (26x slower on a busy 2-core box). Limit BLAS threads during inference only.
        self._single_thread = False
        try:
            from threadpoolctl import ThreadpoolController

            self._pool = ThreadpoolController()
        except Exception:  # threadpoolctl missing: run as is
            self._pool = None

    def mask(self, upos: str, case, number, gender, verbform):
        """0/1 vector over tags agreeing with a candidate analysis (unspecified = agree)."""
        key = (upos, case, number, gender, verbform)
        m = self._masks.get(key)
        if m is None:
            want = dict(zip(_FEATS, (case, number, gender, verbform)))
            m = self.np.array(
                [1.0 if (u == upos and all(v is None or f.get(k) in (None, v) for k, v in want.items()))
                 else 0.0 for u, f in zip(self.upos, self.feats)], dtype=self.np.float32)
            self._masks[key] = m
        return m

    def upos_mask(self, upos: str):
        return self.mask(upos, None, None, None, None)

    def probs(self, sentences: list[list[str]], batch_size: int = 64):
        """Per sentence a (len, n_tags) float array of tag probabilities."""
        if self._pool is not None and self._multithreaded():
            with self._pool.limit(limits=1, user_api="blas"):
                return self._probs(sentences, batch_size)
        return self._probs(sentences, batch_size)

    def _multithreaded(self) -> bool:
        """Whether a BLAS library may run more than one thread (asked until the answer is no:
        ``derek run`` limits every worker to one thread before it analyses anything)."""
        if self._single_thread:
            return False
        try:
            self._single_thread = all(lib.get("num_threads", 1) <= 1 for lib in self._pool.info()
                                      if lib.get("user_api") == "blas")
        except Exception:
            return True
        return not self._single_thread

    def _probs(self, sentences, batch_size):
        np = self.np
        self.encoder.batch_size = batch_size
        # sentences sorted by length and cut into batches of similar length (a batch is padded
        # to its longest sentence: one batch of 5- and 80-word sentences is mostly padding);
        # results back in order
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        batches: list[list[int]] = []
        for i in order:
            if not batches or len(batches[-1]) >= batch_size or \
                    len(sentences[i]) > BATCH_LENGTH_RATIO * len(sentences[batches[-1][0]]):
                batches.append([])
            batches[-1].append(i)
        out: list = [None] * len(sentences)
        for batch in batches:
            for inp in self.encoder([sentences[i] for i in batch]):
                logits = self.model(inp.word_id, inp.shape_id, inp.pad_mask)
                logits = logits - logits.max(-1, keepdims=True)
                p = np.exp(logits)
                p /= p.sum(-1, keepdims=True)
                lengths = (~inp.pad_mask).sum(-1)
                for k, (row, n) in enumerate(zip(p, lengths)):
                    out[batch[k]] = row[:n]
        return out


# a batch of the tagger holds sentences at most this many times as long as its shortest
BATCH_LENGTH_RATIO = 1.6


@lru_cache(maxsize=1)
def _tagger() -> _Tagger:
    with _LOCK:
        return _Tagger()


# --------------------------------------------------------------------------- candidates

def _no_yo(s: str) -> str:
    return s.replace("ё", "е").replace("Ё", "Е")


@lru_cache(maxsize=1)
def _navec_arrays():
    we = _tagger().model.emb.word
    codes = we.codes.array if hasattr(we.codes, "array") else we.codes
    idx = we.indexes.array if hasattr(we.indexes, "array") else we.indexes
    np = _tagger().np
    return (codes ** 2).sum(-1), idx, np.arange(codes.shape[0])


@lru_cache(maxsize=100_000)
def _lemma_norm(lemma: str):
    """Length of the lemma's navec vector (None when navec lacks it). In GloVe-style
    embeddings the vector of a frequent word is longer than that of a rare one, so among
    dictionary lemmas of equal standing the longer vector marks the word in common use
    (большой over больший, основной over основный)."""
    v = _vocab()
    i = v.get(lemma)
    if i is None:
        i = v.get(_no_yo(lemma))
    if i is None:
        return None
    sq, idx, q = _navec_arrays()
    return float(sq[q, idx[i]].sum()) ** 0.5


@lru_cache(maxsize=1)
def _vocab():
    """navec's 250k-word news vocabulary: a cheap 'is this a common word' test."""
    return _tagger().encoder.words_vocab.item_ids


def _log(x):
    return _tagger().np.log(x)
