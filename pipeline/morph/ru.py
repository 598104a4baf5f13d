"""Russian lemmas and UD UPOS in context.

Pipeline per sentence:
1. shape rules (punctuation, numbers, symbols, URLs, hashtags, Latin words);
2. slovnet's news morphology tagger (numpy, navec embeddings, shipped inside the
   ``natasha`` package: no download) gives, for every word in context, a
   probability distribution over UD tags (UPOS + features);
3. every pymorphy3 parse of the word, read as a UD UPOS with its case, number,
   gender and verb form, is scored by the tagger's probability mass on the tags
   it agrees with, plus pymorphy's own prior; the best (parse, UPOS) gives the
   lemma and the UPOS. The tagger alone is weak on words outside navec's
   vocabulary, pymorphy alone cannot use context: together they are not.
4. UD-Russian lemma conventions (see ``_finish_lemma``).

Models load lazily, once per process (import is cheap). Candidate sets are
cached per word form, finished lemmas per (word, chosen tag).
"""
from __future__ import annotations

import math
import re
import threading
import unicodedata
from functools import lru_cache
from typing import Sequence

from pipeline.morph.ru_feats import ud_feats
from pipeline.morph.upos import shape_upos

__all__ = ["analyze", "analyze_many", "tag_many", "morph_analyzer", "news_embedding", "ner_tagger"]

# weight of pymorphy's prior against the tagger's log-probability
PRIOR_WEIGHT = 0.3
_EPS = 1e-4
# prior factor for reading a common noun/adjective of pymorphy's dictionary as PROPN
PROPN_COMMON_FACTOR = 0.02
# prior of "lemma = form" for a proper noun pymorphy does not know
UNKNOWN_NAME_PRIOR = 0.0
# readings of a lower-case word the dictionary lacks, its form as lemma
LOWER_UNKNOWN_UPOS = ("X", "INTJ")
# prior factor for PROPN readings of words capitalised inside a sentence
TITLE_PROPN_BONUS = 3.0
# prior factor for a dictionary lemma missing from navec's 250k-word vocabulary
RARE_LEMMA_FACTOR = 0.1

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
    """The process's one pymorphy3 analyser (loaded on first use). Extractors read tokens
    or call :mod:`pipeline.morph`'s word functions instead of parsing on their own."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


_morph = morph_analyzer


@lru_cache(maxsize=1)
def news_embedding():
    """natasha's navec news embedding, loaded once and shared by the morphology and NER taggers."""
    from natasha import NewsEmbedding

    return NewsEmbedding()


@lru_cache(maxsize=1)
def ner_tagger():
    """slovnet's news NER tagger (natasha's ``NewsNERTagger``) on the shared embedding."""
    from natasha import NewsNERTagger

    return NewsNERTagger(news_embedding())


class _Tagger:
    """slovnet's morphology model run by hand so that we get probabilities, not argmax."""

    def __init__(self):
        import numpy as np
        from natasha import NewsMorphTagger

        infer = NewsMorphTagger(news_embedding()).infer
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
        from pipeline.morph.ru_rerank import UPOS

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
        if self._pool is not None:
            with self._pool.limit(limits=1, user_api="blas"):
                return self._probs(sentences, batch_size)
        return self._probs(sentences, batch_size)

    def _probs(self, sentences, batch_size):
        np = self.np
        self.encoder.batch_size = batch_size
        # sentences sorted by length, so that a batch pads little; results back in order
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        out: list = [None] * len(sentences)
        done = 0
        for inp in self.encoder([sentences[i] for i in order]):
            logits = self.model(inp.word_id, inp.shape_id, inp.pad_mask)
            logits = logits - logits.max(-1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(-1, keepdims=True)
            lengths = (~inp.pad_mask).sum(-1)
            for row, n in zip(p, lengths):
                out[order[done]] = row[:n]
                done += 1
        return out


@lru_cache(maxsize=1)
def _tagger() -> _Tagger:
    with _LOCK:
        return _Tagger()


# --------------------------------------------------------------------------- candidates

def _no_yo(s: str) -> str:
    return s.replace("ё", "е").replace("Ё", "Е")


class _Cand:
    __slots__ = ("lemma", "oc_pos", "upos", "proper", "known", "grammemes", "number")

    def __init__(self, lemma, oc_pos, upos, proper, known, grammemes, number=None):
        self.lemma, self.oc_pos, self.upos = lemma, oc_pos, upos
        self.proper, self.known, self.grammemes = proper, known, grammemes
        self.number = number


# weight of the navec vector length when two dictionary lemmas of one POS compete
NORM_WEIGHT = 1.0


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


@lru_cache(maxsize=200_000)
def _candidates(low: str, shape: str = "lower"):
    """(candidates, matrix of tag masks, log prior) for a lower-cased word form.

    ``shape`` is how the word was written: "lower", "title" (capitalised inside
    the sentence), "first" (capitalised at its start) or "upper".
    Capitalised dictionary words that pymorphy knows only as common words get no
    PROPN reading ("Федерации", "Бог" are NOUN in UD): a proper noun is either a
    dictionary name or a word the dictionary lacks. ALL-CAPS words keep it.
    """
    tg = _tagger()
    np = tg.np
    vocab = _vocab()
    cands, rows, prior = [], [], []
    seen = {}
    parses = _morph().parse(low)
    is_known = [len(p.methods_stack) == 1 and type(p.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
                for p in parses]
    known = [p for p, k in zip(parses, is_known) if k and p.tag.POS]
    # a word the dictionary lacks may be a name, unless it is written in lower case
    # (пех, гав, огл: slang, interjections, foreign words; names are capitalised)
    lower_unknown = not known and shape == "lower" and _RUSSIAN_WORD.match(low) is not None
    common_propn = shape == "upper" or (not known and not lower_unknown) or any(
        p.tag.grammemes & _PROPER_GRAMMEMES for p in known)
    lemmas = {p.normal_form for p in known}
    adjf = {_no_yo(p.normal_form): p.normal_form for p in known if p.tag.POS == "ADJF"}
    # longest navec vector among the lemmas of each OpenCorpora POS (for ties, see below)
    top_norm: dict = {}
    if len(lemmas) > 1:
        for p in known:
            nrm = _lemma_norm(p.normal_form)
            if nrm is not None and nrm > top_norm.get(p.tag.POS, 0.0):
                top_norm[p.tag.POS] = nrm
    for p, p_known in zip(parses, is_known):
        tag = p.tag
        ups = _OC_POS.get(tag.POS)
        if not ups:
            continue
        g = tag.grammemes
        if not p_known and tag.POS == "ADJS" and "masc" in g:
            # a masculine short form (zero ending) guessed for a word the dictionary lacks
            # (арбр -> *арбрый): adjectives coined or borrowed lately are hardly ever used in it
            continue
        proper = bool(g & _PROPER_GRAMMEMES)
        if not common_propn and not proper:
            ups = tuple(u for u in ups if u != "PROPN")
        if proper and p_known:
            # a dictionary name (Geox, Name, Surn...) is PROPN even when written in lower
            # case; a common-noun homonym has its own parse (роза / Роза)
            ups = tuple(u for u in ups if u != "NOUN")
        if "Abbr" in g and shape != "upper":
            ups = ups[:1]
        feats = (_OC_CASE.get(tag.case), _OC_NUMBER.get(tag.number),
                 _OC_GENDER.get(tag.gender), _OC_VERBFORM.get(tag.POS))
        base = p.score
        if "Abbr" in g and shape == "lower":
            base *= 0.1  # abbreviations are written with capitals or a full stop
        if len(lemmas) > 1 and p_known:
            nrm = _lemma_norm(p.normal_form)
            if nrm is None:
                base *= RARE_LEMMA_FACTOR  # of two dictionary lemmas prefer the one in common use
            elif tag.POS in top_norm:  # two lemmas of one POS: the more common word
                base *= math.exp(NORM_WEIGHT * (nrm - top_norm[tag.POS]))
        adj_lemma = None
        if tag.POS == "PRTF" and adjf and "ADJ" in ups:
            # the dictionary has the participle as an adjective too (данный, отдалённый):
            # read as ADJ it takes that adjective's lemma, not the verb's
            try:
                f = p.inflect({"masc", "sing", "nomn"})
            except Exception:
                f = None
            if f is not None:
                adj_lemma = adjf.get(_no_yo(f.word))
        if tag.POS == "ADJS" and "VERB" in ups:
            verb = _short_participle_verb(low)
            if verb is None:  # зыбко, чуток: no participle, no VERB reading
                ups = tuple(u for u in ups if u != "VERB")
        for u in ups:
            lemma = p.normal_form
            if tag.POS == "NOUN" and "plur" in g and p_known:
                lemma = _plural_lemma(p)  # деньги: the singular is only colloquial
            if u == "VERB" and tag.POS == "ADJS":
                lemma = verb  # развит -> развить (a short participle's lemma is its verb)
            elif u == "ADJ" and adj_lemma is not None:
                lemma = adj_lemma  # данной (ADJ) -> данный
            key = (lemma, u) + feats
            ubase = base
            if key in seen:  # same lemma and reading: add up pymorphy's scores
                prior[seen[key]] += ubase
                continue
            seen[key] = len(cands)
            cands.append(_Cand(lemma, tag.POS, u, proper, p_known, g, feats[1]))
            rows.append(tg.mask(u, *feats))
            sc = ubase
            if u == "PROPN":
                if not proper and p_known:
                    sc *= PROPN_COMMON_FACTOR
                if shape == "title":
                    sc *= TITLE_PROPN_BONUS
            prior.append(sc)
    if not known and low.isalpha() and not lower_unknown:
        # a word the dictionary lacks may be an indeclinable name: its form is its lemma
        cands.append(_Cand(low, "NOUN", "PROPN", True, False, frozenset({"Guess"})))
        rows.append(tg.mask("PROPN", None, None, None, None))
        prior.append(UNKNOWN_NAME_PRIOR)
    elif not known and low.isalpha():
        # in lower case: an unchanging word (interjection, foreign word, indeclinable noun)
        for u in LOWER_UNKNOWN_UPOS:
            cands.append(_Cand(low, "NOUN", u, False, False, frozenset({"Form"})))
            rows.append(tg.mask(u, None, None, None, None))
            prior.append(UNKNOWN_NAME_PRIOR)
    if not cands:
        return (), None, None
    prior = np.log(np.array(prior, dtype=np.float32) + 1e-3)
    return tuple(cands), np.stack(rows), prior


_PLURAL_LEMMAS: dict = {}


def _plural_lemma(p) -> str:
    """Lemma of a plural noun form: its nominative plural when the dictionary marks every
    singular form of the word as informal (Infr: деньга, деньгу), i.e. the standard
    language uses the noun in the plural only (деньги); else the usual singular lemma."""
    key = (p.normal_form, p.tag.gender, p.tag.animacy)
    hit = _PLURAL_LEMMAS.get(key)
    if hit is None:
        hit = p.normal_form
        try:
            lex = p.lexeme
            sing = [f for f in lex if "sing" in f.tag.grammemes]
            if sing and all("Infr" in f.tag.grammemes for f in sing):
                nom = [f.word for f in lex if {"plur", "nomn"} <= f.tag.grammemes]
                if nom:
                    hit = nom[0]
        except Exception:
            pass
        if len(_PLURAL_LEMMAS) < 50_000:
            _PLURAL_LEMMAS[key] = hit
    return hit


@lru_cache(maxsize=20_000)
def _short_participle_verb(low: str):
    """Infinitive behind a short form that pymorphy reads only as a short adjective
    (развит, похоронен, одет): rebuild the long passive participle from the short
    one (-н/-на/-но/-ны -> -нный, -т/-та/-то/-ты -> -тый) and ask pymorphy for its verb.
    None when the word is not a short passive participle (зыбко, чуток)."""
    stem = low[:-1] if low.endswith(("а", "о", "ы")) else low
    if stem.endswith("н"):
        longs = (stem + "ный",)
    elif stem.endswith("т"):
        longs = (stem + "ый",)
    else:
        return None
    for long in longs:
        for p in _morph().parse(long):
            if p.tag.POS == "PRTF" and "pssv" in p.tag.grammemes and p.is_known:
                return p.normal_form
    return None


# --------------------------------------------------------------------------- lemma rules

_POSS_INVARIANT = frozenset({"его", "ее", "её", "их"})


def _caps_like(word: str, lemma: str) -> str:
    """Proper-noun capitalisation: keep ALL-CAPS abbreviations, else Title-case each part."""
    if len(word) > 1 and word.isupper():
        return lemma.upper()
    return "-".join(p[:1].upper() + p[1:] for p in lemma.split("-"))


_SUPERLATIVE = re.compile(r"([шжчщ])(ий|его|ему|им|ем|ая|ей|ую|ее|ие|их|ими|ой|ого|ому|ом|ые|ых|ыми)$")
_THIS_THAT_PRON = {"тот": "то", "этот": "это"}
_THIS_THAT_DET = {"то": "тот", "это": "этот"}


@lru_cache(maxsize=1)
def _lexicon():
    """Small general word lists shipped in pipeline/data/ru/."""
    from pathlib import Path

    base = Path(__file__).resolve().parents[1] / "data" / "ru"

    def rows(name):
        path = base / name
        if not path.exists():
            return []
        out = []
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line.split("\t"))
        return out

    abbr = {r[0].lower(): (r[1], tuple(r[2].split("|")) if len(r) > 2 else ("NOUN",))
            for r in rows("abbreviations.txt") if len(r) >= 2}
    short_only = {r[0]: r[1] for r in rows("short_adjectives.txt") if len(r) >= 2}
    return abbr, short_only


def _finish_lemma(word: str, c: _Cand) -> str:
    low = word.lower()
    upos = c.upos
    lemma = c.lemma
    if upos == "ADP":  # UD-Russian keeps the preposition's own form: во, со, об, ко, обо
        return _no_yo(low)
    if upos == "DET" and low in _POSS_INVARIANT:
        return _no_yo(low)
    if upos == "AUX" and low in ("бы", "б"):
        return "бы"
    if low in ("всё", "все", "всего", "всем", "всём", "всеми", "всех") and lemma in ("весь", "всё", "все"):
        if upos == "DET":
            return "весь"
        if upos == "PRON":
            return "все" if c.number == "Plur" else "всё"
        if upos in ("ADV", "PART"):
            return "всё"
    if upos == "PRON" and lemma in _THIS_THAT_PRON:
        return _THIS_THAT_PRON[lemma]
    if upos == "DET" and lemma in _THIS_THAT_DET:
        return _THIS_THAT_DET[lemma]
    g = c.grammemes
    if c.oc_pos == "ADJF" and "Supr" in g:
        m = _SUPERLATIVE.search(low)
        if m:
            lemma = low[:m.start()] + m.group(1) + "ий"
    elif c.oc_pos == "ADJS" and "Apro" in g and upos in ("ADJ", "DET"):
        lemma = _pronominal_short_lemma(low) or lemma  # какова -> каков, not the bookish каковой
    elif c.oc_pos == "ADJS" and upos in ("ADJ", "VERB"):
        lemma = _lexicon()[1].get(lemma, lemma)
    elif c.oc_pos == "COMP" and upos == "ADV":
        lemma = _comparative_adverb(low, lemma)
    elif c.oc_pos == "COMP" and upos == "ADJ":
        lemma = _comparative_adjective(low) or lemma  # выше: высокий, not the adverb высоко
    if lemma.endswith("ие") and len(low) >= len(lemma) and low[:len(lemma) - 2] == lemma[:-2] and (
            "V-be" in g or low[len(lemma) - 2] == "ь"):
        lemma = lemma[:-2] + "ье"  # the form's own spelling: предгорьях -> предгорье, счастья -> счастье
    if "femn" in g and ("Patr" in g or "Surn" in g):
        lemma = _feminine_name(low, lemma, g)
    elif "Patr" in g and "masc" in g and low.rfind("ич") > 0:
        # a man's patronymic keeps its own spelling (Юрьевич, not Юриевич; Никитиче -> Никитич)
        lemma = low[:low.rfind("ич") + 2]
    lemma = _no_yo(lemma)
    if upos == "PROPN":
        return _caps_like(word, lemma)
    return lemma


@lru_cache(maxsize=256)
def _pronominal_short_lemma(low: str) -> str | None:
    """каков / таков have only short forms and are their own pronouns (UD lemma каков, таков);
    OpenCorpora files them under the full relative adjective (каковой, таковой). The lemma is the
    masculine singular short form of the word's own lexeme."""
    for p in _morph().parse(low):
        if p.tag.POS == "ADJS" and "Apro" in p.tag:
            f = p.inflect({"masc", "sing"})
            if f is not None:
                return _no_yo(f.word)
    return None


def _feminine_name(low: str, lemma: str, g) -> str:
    """Women's patronymics and surnames keep the feminine form as lemma (Петровна, Иванова)."""
    if "nomn" in g and "sing" in g:
        return low
    if "Patr" in g and lemma.endswith("ич"):
        return lemma[:-2] + "на"
    if "Surn" in g and "sing" in g:
        if lemma.endswith(("ов", "ев", "ёв", "ин", "ын")):
            return lemma + "а"
        if lemma.endswith(("ий", "ый", "ой")):
            return lemma[:-2] + "ая"
    return lemma


@lru_cache(maxsize=20_000)
def _comparative_adjective(low: str):
    """Positive adjective of a comparative (выше -> высокий, лучше -> хороший), else None."""
    for p in _morph().parse(low):
        if p.tag.POS != "COMP" or p.score < 0.25:  # уже "already", not узкий
            continue
        nf = p.normal_form
        if nf.endswith(("ый", "ий", "ой")):
            return nf
        if nf.endswith(("о", "е")):  # the dictionary's lemma is the adverb (высоко)
            for end in ("ий", "ый", "ой"):
                if any(q.tag.POS == "ADJF" and q.is_known and q.normal_form == nf[:-1] + end
                       for q in _morph().parse(nf[:-1] + end)):
                    return nf[:-1] + end
    return None


def _comparative_adverb(low: str, adj_lemma: str) -> str:
    """ADV comparatives: -ьше/-зже forms are their own lemma (больше, раньше, позже);
    the others take the positive adverb when pymorphy knows it (чаще -> часто)."""
    if low.endswith(("ьше", "зже")) or low.startswith("по"):
        return low
    return _positive_adverb(adj_lemma) or low


def _positive_adverb(adj_lemma: str):
    """The -о/-е adverb of an adjective when the dictionary has it (частый -> часто), else None."""
    for end in ("ый", "ий", "ой"):
        if adj_lemma.endswith(end):
            stem = adj_lemma[:-2]
            for adv in (stem + "о", stem + "е"):
                if any(p.tag.POS == "ADVB" and p.is_known for p in _morph().parse(adv)):
                    return adv
    return None


_LEMMA_CACHE: dict[tuple, tuple[str, str]] = {}
_LEMMA_CACHE_MAX = 500_000


def _shape_of(word: str, first: bool) -> str:
    if len(word) > 1 and word.isupper():
        return "upper"
    if word[:1].isupper():
        return "first" if first else "title"
    return "lower"


@lru_cache(maxsize=1)
def _reranker():
    from pipeline.morph import ru_rerank

    return ru_rerank.load(_tagger().np)


def _in_vocab(lemma: str) -> bool:
    v = _vocab()
    return lemma in v or _no_yo(lemma) in v


# set to a list by bench/train_ru_rerank.py: _choose then records every candidate's
# features and output (slow; training only)
_TRACE = None
_NO_CTX = None


def _choose(word: str, probs, first: bool = False, ctx=None, exclude=(), exclude_oc=()) -> tuple[str, str]:
    """Best (lemma, upos) for a Cyrillic word given the tagger's distribution.

    ``ctx`` = (UPOS marginals of this word, previous word's UPOS index, next word's,
    short-adjective mass, passive mass), computed per sentence by analyze_many."""
    low = word.lower()
    shape = _shape_of(word, first)
    cands, M, prior = _candidates(low, shape)
    if not cands:
        tg = _tagger()
        upos = tg.upos[int(probs.argmax())]
        lemma = word if upos == "PROPN" or (len(word) > 1 and word.isupper()) else low
        return lemma, upos
    mass = M @ probs
    logmass = _log(mass + _EPS)
    rr = _reranker()
    if rr is not None or _TRACE is not None:
        from pipeline.morph import ru_rerank

        if ctx is None:
            ctx = _context_of(probs)
        um, prv, nxt, short, passive = ctx
        ui = _tagger().np.array([ru_rerank.UPOS_INDEX.get(c.upos, 16) for c in cands])
        logupos = _log(um[ui] + _EPS)
    score = logmass + PRIOR_WEIGHT * prior
    if rr is not None:  # learned corrections to the base score
        static, ui = rr.static((low, shape), low, shape, cands, prior, _in_vocab)
        score = rr.score(score, static, ui, logmass, logupos, prv, nxt, short, passive)
    if exclude or exclude_oc:  # a sentence pass ruled these readings out
        keep = _tagger().np.array([c.upos not in exclude and c.oc_pos not in exclude_oc for c in cands])
        if keep.any():
            score = _tagger().np.where(keep, score, -1e9)
    i = int(score.argmax())
    if _TRACE is not None:
        outs = [_output(word, shape, cands, j, probs) for j in range(len(cands))]
        feats = ru_rerank.static_features(low, shape, cands, prior, _in_vocab)
        dyn = ru_rerank.dynamic_features(cands, score, logmass, logupos, ru_rerank.CTX[prv],
                                         ru_rerank.CTX[nxt], short, passive)
        _TRACE.append((word, outs, [dict(a, **b) for a, b in zip(feats, dyn)], i))
    return _output(word, shape, cands, i, probs)


def _context_of(probs, prev: int = 17, nxt: int = 18):
    tg = _tagger()
    return (probs @ tg.upos_matrix, prev, nxt, float(probs @ tg.short_vec), float(probs @ tg.pass_vec))


def _output(word: str, shape: str, cands, i: int, probs) -> tuple[str, str]:
    """Finished (lemma, upos) of candidate i, cached."""
    c = cands[i]
    guess = "Guess" in c.grammemes
    if c.upos == "PROPN" and not c.known and c.oc_pos in ("NOUN", "ADJF") and (
            guess or not any(k.known for k in cands)):
        # a name the dictionary lacks: its nominative by analogy with the dictionary's names
        low = _no_yo(word.lower())
        lemma = None
        if (low.isalpha() or "-" in low) and not (len(word) > 1 and word.isupper()):
            lemma = _unknown_name_lemma(low, probs)
        if lemma is not None:
            return _caps_like(word, lemma), "PROPN"
    if guess:  # unknown name: decline back from the tagger's features
        tg = _tagger()
        feats = tg.feats[int((probs * tg.upos_mask("PROPN")).argmax())]
        key = (word, shape, i, feats.get("Case"), feats.get("Number"), feats.get("Gender"))
    else:
        key = (word, shape, i)
    hit = _LEMMA_CACHE.get(key)
    if hit is None:
        if guess:
            hit = (_caps_like(word, _no_yo(_name_nominative(word.lower(), *key[3:]))), "PROPN")
        else:
            hit = (_finish_lemma(word, c), c.upos)
        if len(_LEMMA_CACHE) > _LEMMA_CACHE_MAX:
            _LEMMA_CACHE.clear()
        _LEMMA_CACHE[key] = hit
    return hit


# ------------------------------------------------------------------ unknown names

# Names the dictionary lacks are declined back to the nominative by analogy with the
# names it has: pipeline/data/ru/name_endings.tsv counts, for every ending of 1-4
# letters, how OpenCorpora's names (Name, Surn, Geox) with that ending relate to
# their lemma (letters cut, letters added) and in which case, number and gender
# (built by ``build_name_endings``). The analogies are weighed by the tagger's case,
# number and gender in context; a flat tagger leaves the dictionary's proportions.
NAME_TAGGER_MIX = 0.8  # share of the tagger's distribution against a flat one
NAME_FORM_PRIOR = 0.5  # weight of "indeclinable: lemma = form" for names in -е/-и/-о/-у/-ы/-э/-ю
_NAME_MIN_WEIGHT = 1.0  # an ending needs this much (prior-weighted) dictionary evidence
_NAME_FEATS_CASES = ("Nom", "Gen", "Dat", "Acc", "Ins", "Loc")
_NAME_PROPER = frozenset({"Name", "Surn", "Geox"})
# foreign names ending in a vowel other than -а/-я do not decline (Тюлле, Хирамацу, Дзенки)
_INDECLINABLE_ENDS = "еиоуыэю"
# how often a name stands in each case / number in running text (rough shares for
# Russian prose; the nominative and genitive dominate, plural names are rare)
_NAME_CASE_PRIOR = {"Nom": 0.36, "Gen": 0.28, "Dat": 0.07, "Acc": 0.10, "Ins": 0.07, "Loc": 0.12, "Voc": 0.0}
_NAME_NUMBER_PRIOR = {"Sing": 0.95, "Plur": 0.05}


def build_name_endings(path) -> int:
    """Write the ending table from pymorphy3's dictionary (about a minute). Returns rows."""
    from collections import defaultdict

    m = _morph()
    pairs: dict = defaultdict(set)  # (form, UD lemma) -> {(case, number, gender)}
    for word, tag, nf, _pid, _idx in m.dictionary.iter_known_words(""):
        g = tag.grammemes
        if not (g & _NAME_PROPER) or tag.POS not in ("NOUN", "ADJF") or "Abbr" in g or "Init" in g:
            continue
        case = _OC_CASE.get(tag.case)
        if case is None or not word.isalpha():
            continue
        lemma = _feminine_name(word, nf, g) if ("femn" in g and "Surn" in g) else nf
        pairs[(_no_yo(word), _no_yo(lemma))].add(
            (case, _OC_NUMBER.get(tag.number) or "", _OC_GENDER.get(tag.gender) or ""))
    table: dict = defaultdict(lambda: defaultdict(float))
    for (w, lemma), feats in pairs.items():
        k = 0
        while k < min(len(w), len(lemma)) and w[k] == lemma[k]:
            k += 1
        # a lemma's forms weighted by how often names stand in each case and number in
        # running text; the genders of one form (ms-f) share its weight
        per_cn: dict = defaultdict(int)
        for f in feats:
            per_cn[f[:2]] += 1
        for n in range(1, 5):
            if len(w) <= n + 1:
                break
            for f in feats:
                share = _NAME_CASE_PRIOR[f[0]] * _NAME_NUMBER_PRIOR.get(f[1], 1.0) / per_cn[f[:2]]
                table[w[-n:]][(w[k:], lemma[k:]) + f] += share
    rows = []
    for suf in sorted(table):
        d = table[suf]
        total = sum(d.values())
        if total < _NAME_MIN_WEIGHT:
            continue
        for key, v in sorted(d.items(), key=lambda kv: -kv[1]):
            if v >= 0.05 and v >= 0.005 * total:
                rows.append("\t".join((suf,) + key + (f"{v:.1f}",)))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# Endings of proper names (Name, Surn, Geox) in pymorphy3's OpenCorpora dictionary\n"
                 "# (CC BY-SA), counted by pipeline.morph.ru.build_name_endings: ending, letters cut from\n"
                 "# the form, letters added for the UD lemma, case, number, gender, forms (a form with\n"
                 "# several analyses counts once, shared). No treebank data.\n")
        fh.write("\n".join(rows) + "\n")
    return len(rows)


@lru_cache(maxsize=1)
def _name_endings():
    """ending -> (total weight, [(cut, add, feature index, weight)]); feature index into
    _name_feature_keys()."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data" / "ru" / "name_endings.tsv"
    keys = _name_feature_keys()
    index = {k: i for i, k in enumerate(keys)}
    table: dict = {}
    if not path.exists():
        return table
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        suf, cut, add, case, number, gender, w = line.split("\t")
        if number == "Plur" and not cut and add:
            continue  # zero-ending genitive plural (Анн -> Анна): a bare foreign name is nominative
        fi = index.get((case, number or None, gender or None))
        if fi is None:
            continue
        tot, rows = table.get(suf, (0.0, []))
        rows.append((cut, add, fi, float(w)))
        table[suf] = (tot + float(w), rows)
    return table


@lru_cache(maxsize=1)
def _name_feature_keys():
    return tuple((c, n, g) for c in _NAME_FEATS_CASES for n in ("Sing", "Plur", None)
                 for g in ("Masc", "Fem", "Neut", None))


@lru_cache(maxsize=1)
def _name_feature_matrix():
    """(n_keys, n_tags) 0/1: PROPN tags agreeing with each (case, number, gender)."""
    tg = _tagger()
    rows = []
    for c, n, g in _name_feature_keys():
        rows.append([1.0 if (u == "PROPN" and f.get("Case") == c and (n is None or f.get("Number") in (None, n))
                             ) else 0.0
                     for u, f in zip(tg.upos, tg.feats)])
    return tg.np.array(rows, dtype=tg.np.float32)


def _unknown_name_lemma(low: str, probs) -> str | None:
    """Nominative of a name the dictionary lacks, by analogy with the dictionary's names
    that end alike, weighed by the tagger's case/number/gender. None: no analogy."""
    table = _name_endings()
    hit = None
    for n in range(min(4, len(low) - 2), 0, -1):
        hit = table.get(low[-n:])
        if hit is not None and hit[0] >= _NAME_MIN_WEIGHT:
            break
        hit = None
    if hit is None:
        return None
    tg = _tagger()
    fm = _name_feature_matrix() @ probs
    propn = float(tg.upos_mask("PROPN") @ probs)
    fm = fm / max(propn, 1e-6)
    keys = _name_feature_keys()
    scores: dict = {}
    for cut, add, fi, w in hit[1]:
        if cut and not low.endswith(cut):
            continue
        if len(low) - len(cut) + len(add) < 3:
            continue  # no name of one or two letters (Пех is no form of *Пе)
        stem = low[:len(low) - len(cut)]
        if add[:1] == "й" and stem[-1] not in _VOWELS or add[:1] == "ь" and stem[-1] in _VOWELS:
            continue  # Ксю is no form of *Ксй
        lemma = stem + add
        c, nb, _g = keys[fi]
        ratio = float(fm[fi]) / (_NAME_CASE_PRIOR[c] * _NAME_NUMBER_PRIOR.get(nb, 1.0))
        scores[lemma] = scores.get(lemma, 0.0) + w * ((1.0 - NAME_TAGGER_MIX) + NAME_TAGGER_MIX * ratio)
    # foreign names the dictionary lacks are often indeclinable (Хирамацу, Тюлле): the
    # form itself as lemma in whatever case the context wants
    if low[-1] in _INDECLINABLE_ENDS:
        scores[low] = scores.get(low, 0.0) + NAME_FORM_PRIOR * hit[0]
    return max(scores.items(), key=lambda kv: kv[1])[0]


_VOWELS = "аеёиоуыэюя"


def _name_nominative(low: str, case, number, gender) -> str:
    """Nominative singular of a name the dictionary lacks, from Russian declension
    endings (Олафа -> Олаф, Гмелином -> Гмелин, Аделаиды -> Аделаида)."""
    if case in (None, "Nom") or len(low) < 4:
        return low
    if number == "Plur":
        for end in ("ыми", "ых", "ым"):  # surnames: Телакуровых -> Телакуров
            if low.endswith(end) and low[:-len(end)].endswith(("ов", "ев", "ин", "ын")):
                return low[:-len(end)]
        return low
    if gender == "Fem":
        rules = {"Gen": (("ии", "ия"), ("ы", "а"), ("и", "а")), "Dat": (("ии", "ия"), ("е", "а")),
                 "Loc": (("ии", "ия"), ("е", "а")), "Acc": (("ию", "ия"), ("у", "а"), ("ю", "я")),
                 "Ins": (("ией", "ия"), ("ой", "а"), ("ей", "я"))}
        for end, new in rules.get(case, ()):
            if low.endswith(end):
                stem = low[:-len(end)]
                if new == "а" and end == "и" and stem[-1:] not in "гкхжшчщ":
                    new = "я"
                return stem + new
        return low
    # masculine (and unknown gender): consonant stems
    if case == "Ins":
        for end in ("ым", "ом", "ем", "ём"):
            if low.endswith(end):
                stem = low[:-len(end)]
                if end == "ым":
                    return stem
                return _soft(stem) if end in ("ем", "ём") else stem
        return low
    ends = {"Gen": (("а", False), ("я", True)), "Acc": (("а", False), ("я", True)),
            "Dat": (("у", False), ("ю", True)), "Loc": (("е", None),)}
    for end, soft in ends.get(case, ()):
        if low.endswith(end):
            stem = low[:-len(end)]
            if soft:
                return _soft(stem)
            return stem
    return low


def _soft(stem: str) -> str:
    if not stem:
        return stem
    if stem[-1] in _VOWELS:
        return stem + "й"
    if stem[-1] in "жшчщц":
        return stem
    return stem + "ь"


def _log(x):
    return _tagger().np.log(x)


# --------------------------------------------------------------------------- shapes

def _is_symbolish(word: str) -> bool:
    """Emoji, emoticons like ')))' or ':-)', and other non-letter non-digit runs."""
    return all(not c.isalnum() for c in word) and any(
        unicodedata.category(c)[0] == "S" or c in "()" for c in word)


def _tag_upos(probs, allowed: Sequence[str]) -> str:
    tg = _tagger()
    best, bu = -1.0, allowed[0]
    for u in allowed:
        m = float(tg.upos_mask(u) @ probs)
        if m > best:
            best, bu = m, u
    return bu


_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.$")
# pieces of multi-token abbreviations: (this token, next token) -> lemma of this token
_ABBR_PAIRS = {("т.", "д."): "так", ("т.", "е."): "то", ("т.", "п."): "тот", ("т.", "к."): "так",
               ("н.", "э."): "наш"}
_ABBR_SECOND = {("т.", "д."): "далее", ("т.", "е."): "есть", ("т.", "п."): "подобный",
                ("т.", "к."): "как", ("н.", "э."): "эра"}
_ABBR_PAIR_UPOS = {"так": "ADV", "то": "PRON", "тот": "DET", "наш": "DET", "далее": "ADV",
                   "есть": "VERB", "подобный": "ADJ", "как": "SCONJ", "эра": "NOUN"}


def _abbreviation(words: Sequence[str], i: int, probs) -> tuple[str, str] | None:
    word = words[i]
    low = word.lower()
    if "." not in word and not (len(low) <= 4 and word.islower()):
        return None
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    prv = words[i - 1].lower() if i > 0 else ""
    if (low, nxt) in _ABBR_PAIRS:
        lemma = _ABBR_PAIRS[(low, nxt)]
        return lemma, _ABBR_PAIR_UPOS[lemma]
    if (prv, low) in _ABBR_SECOND:
        lemma = _ABBR_SECOND[(prv, low)]
        return lemma, _ABBR_PAIR_UPOS[lemma]
    abbr = _lexicon()[0]
    hit = abbr.get(low)
    if hit is None:
        return None
    lemma, upos_set = hit
    if low == "г." and i + 1 < len(words) and words[i + 1][:1].isupper():
        lemma = "город"  # г. Москва
    upos = upos_set[0] if len(upos_set) == 1 else _tag_upos(probs, upos_set)
    return lemma, upos


def _latin(word: str, probs) -> tuple[str, str]:
    """Foreign words: UD keeps proper names and ALL-CAPS abbreviations, lower-cases the rest."""
    if _ROMAN.match(word):
        return word, _tag_upos(probs, ("NUM", "ADJ", "PROPN", "X"))
    upos = _tag_upos(probs, ("X", "PROPN", "NOUN"))
    if word.isupper() or (upos == "PROPN" and word[:1].isupper()):
        return word, upos
    return word.lower(), upos


_ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")


def _analyze_word(words: Sequence[str], i: int, probs, ctx=None) -> tuple[str, str]:
    word = words[i]
    if not word or not word.strip():
        return (word, "X")
    if "\u0301" in word or "\u0300" in word:  # stress marks: Ива́н -> Иван
        stripped = word.replace("\u0301", "").replace("\u0300", "")
        if stripped:
            word = stripped
            words = list(words)
            words[i] = word
    s = shape_upos(word)
    if s == "PUNCT":
        if word in ("%", "‰", "№", "§") or _is_symbolish(word) and word not in "()":
            return (word, "SYM")
        return (word, "PUNCT")
    if s == "SYM":
        return (word, "SYM")
    if s == "NUM":
        m = _ORDINAL.match(word)
        if m and m.group(2) in _ORDINAL_ONLY:
            return (m.group(1) + "-й", "ADJ")  # 3-им, 14-го: an adjectival ending is an ordinal's
        upos = _tag_upos(probs, ("NUM", "ADJ"))
        if m and upos == "ADJ":
            return (m.group(1) + "-й", upos)
        return (word, upos)
    if _URL.match(word):
        return (word, "X")
    if word[0] == "@" and len(word) > 1:
        return (word, "PROPN")
    if word[0] == "#" and len(word) > 1:
        # a hashtag is a label, not a word form in its sentence: UD (Taiga, EWT) keeps it
        # whole as its own lemma (#друзья, #облака), X
        return (word, "X")
    if _INITIAL.match(word) and (
            _tag_upos(probs, ("PROPN", "NOUN", "X")) == "PROPN"
            or (i + 1 < len(words) and words[i + 1][:1].isupper() and words[i + 1][:1].isalpha())):
        return (word[0], "PROPN")
    ab = _abbreviation(words, i, probs)
    if ab is not None:
        return ab
    if not _CYR.search(word):
        if any(c.isdigit() for c in word) and not _LATIN.search(word):
            return (word, "NUM")
        if _is_symbolish(word):
            return (word, "SYM")
        return _latin(word, probs)
    first = _sentence_initial(words, i)
    if _STRETCHED.search(word) and (first or not word[:1].isupper()):
        word = _unstretch(word)  # (a capitalised lengthened word inside a sentence: a name, Кооооль)
    if first or not word[:1].isupper():
        word = _respell(word)  # собиралися -> собирались, справяться -> справятся, сьел -> съел
    return _choose(word, probs, first, ctx)


_STRETCHED = re.compile(r"([а-яё])\1\1", re.I)


@lru_cache(maxsize=5_000)
def _unstretch(word: str) -> str:
    """Expressive lengthening (Даааа, Спасиииибо, Поздравляяяем): runs of three or more
    equal letters shrink to one, else to two, when that gives a dictionary word."""
    m = _morph()
    if m.word_is_known(word.lower()):
        return word
    for n in (1, 2):
        cand = re.sub(r"([а-яё])\1{2,}", lambda mt: mt.group(1) * n, word, flags=re.I)
        if m.word_is_known(cand.lower()):
            return cand
    return word


_SYA_AFTER_VOWEL = re.compile(r"([аеёиоуыэюя])ся$")
_SOFT_SIGN_PREFIX = re.compile(r"^([а-яё]{0,4}[бвдзкпрст])ь([еёюя])")


@lru_cache(maxsize=5_000)
def _respell(word: str) -> str:
    """A word the dictionary lacks written in one of the common variant spellings of Russian
    verse and informal writing takes the dictionary spelling, when that gives a known word:
    the reflexive -ся after a vowel (собиралися, ложася, пастися: -сь in the standard language),
    -ться / -тся confused (справяться -> справятся, учиться / учится) and ь written for the
    separating ъ after a prefix (сьел, обьявление -> съел, объявление). The word keeps its
    own letter case; capitalised words inside a sentence (names) are not touched by the caller."""
    m = _morph()
    low = word.lower()
    if not _RUSSIAN_WORD.match(low) or m.word_is_known(low):
        return word
    cands = []
    if _SYA_AFTER_VOWEL.search(low):
        cands.append(low[:-2] + "сь")
    if low.endswith("ться"):
        cands.append(low[:-4] + "тся")
    elif low.endswith("тся"):
        cands.append(low[:-3] + "ться")
    if _SOFT_SIGN_PREFIX.search(low):
        cands.append(_SOFT_SIGN_PREFIX.sub(r"\1ъ\2", low, count=1))
    for cand in cands:
        if m.word_is_known(cand):
            return (cand[:1].upper() + cand[1:]) if word[:1].isupper() else cand
    return word


def _sentence_initial(words: Sequence[str], i: int) -> bool:
    """True when no word (only punctuation / symbols) precedes position i,
    or the previous token ends a sentence or opens a quotation."""
    for j in range(i - 1, -1, -1):
        w = words[j]
        if w[:1] == "@" and len(w) > 1:
            continue  # "@user Спасибо": a reply opens with the addressee's handle
        if any(ch.isalnum() for ch in w):
            return False
        if w in ("«", "\"", "“", "„", "(", "-", "—", "–", ".", "!", "?", "...", "…", ":"):
            return True
    return True


_ORDINAL = re.compile(r"^(\d+)-(й|го|му|м|х|е|я|ю|ой|ый|ий|ая|ое|ые|ых|ым|ыми|ом|ую|им|ими|ему|его|ей)$")
# endings only an ordinal takes (a cardinal's are -х, -ти, -мя...: 4-х, 5-ти)
_ORDINAL_ONLY = frozenset({"й", "го", "му", "ой", "ый", "ий", "ая", "ое", "ые", "ым", "ыми", "ом", "ую",
                           "им", "ими", "ему", "его", "ей"})


# --------------------------------------------------------------------------- API

def _fallback(word) -> tuple[str, str]:
    """Context-free answer used only if the tagger cannot run."""
    try:
        word = word if isinstance(word, str) else str(word)
        s = shape_upos(word)
        if s:
            return (word, s)
        for p in _morph().parse(word.lower()):
            ups = _OC_POS.get(p.tag.POS)
            if ups:
                u = "PROPN" if (ups[0] == "NOUN" and p.tag.grammemes & _PROPER_GRAMMEMES) else ups[0]
                c = _Cand(p.normal_form, p.tag.POS, u, False, p.is_known, p.tag.grammemes)
                return (_finish_lemma(word, c), u)
        return (word.lower(), "X")
    except Exception:
        return (str(word).lower(), "X")


def analyze_many(sentences: Sequence[Sequence[str]], batch_size: int = 64) -> list[list[tuple[str, str]]]:
    """(lemma, upos) per word for many sentences; the tagger runs in batches."""
    return [[(w[0], w[1]) for w in row] for row in tag_many(sentences, batch_size, feats=False)]


def tag_many(sentences: Sequence[Sequence[str]], batch_size: int = 64, *,
             feats: bool = True) -> list[list[tuple[str, str, str]]]:
    """(lemma, upos, feats) per word for many sentences; ``feats`` are the UD features of
    the pymorphy3 analysis chosen in context (``"Case=Gen|Gender=Fem|Number=Sing"``; ""
    for punctuation, numbers in digits, Latin words, or with ``feats=False``)."""
    sents = [[w if isinstance(w, str) else str(w) for w in s] for s in sentences]
    try:
        tg = _tagger()
        nonempty = [[w if w.strip() else "_" for w in s] for s in sents if s]
        # batch sentences of similar length together (less padding), then restore order
        order = sorted(range(len(nonempty)), key=lambda k: len(nonempty[k]))
        sorted_probs = tg.probs([nonempty[k] for k in order], batch_size) if nonempty else []
        restored = [None] * len(nonempty)
        for k, pr in zip(order, sorted_probs):
            restored[k] = pr
        probs = iter(restored)
    except Exception:
        return [[_fallback(w) + ("",) for w in s] for s in sents]
    result: list[list[tuple[str, str, str]]] = []
    for s in sents:
        if not s:
            result.append([])
            continue
        P = next(probs)
        ctxs = _sentence_context(P)
        row = []
        for i, pr in enumerate(P):
            try:
                row.append(_analyze_word(s, i, pr, ctxs[i] if ctxs else None))
            except Exception:
                row.append(_fallback(s[i]))
        _possessives(s, row)
        _totals(s, row, P)
        _predicatives(s, row)
        _total_pronoun_number(s, row)
        _comparatives(s, row)
        _bynames(s, row)
        _name_adjectives(s, row)
        _nobiliary(s, row)
        _appositions(s, row)
        _substantivised(s, row)
        _no_finite_after_preposition(s, row, P)
        _emphatic_sam(s, row)
        _quoted_titles(s, row)
        _split_indefinites(s, row)
        _noun_agreement(s, row)
        _short_adjective_after_pronoun(s, row)
        if feats:
            result.append([(lem, u, _feats_of(s, i, lem, u, P[i])) for i, (lem, u) in enumerate(row)])
        else:
            result.append([(lem, u, "") for lem, u in row])
    return result


def _feats_of(words: Sequence[str], i: int, lemma: str, upos: str, probs) -> str:
    """UD features of the word's pymorphy3 analysis that gives the chosen lemma and UPOS,
    the likeliest in context when several do (стали: Case=Gen|Number=Sing of сталь, NOUN;
    Tense=Past of стать, VERB)."""
    word = words[i]
    if upos in ("PUNCT", "SYM", "X") or not _CYR.search(word):
        return ""
    try:
        cands, M, prior = _candidates(word.lower(), _shape_of(word, _sentence_initial(words, i)))
        if not cands:
            return ""
        want = _no_yo(lemma.lower())
        idx = [k for k, c in enumerate(cands) if c.upos == upos and _no_yo(c.lemma.lower()) == want]
        if not idx:
            idx = [k for k, c in enumerate(cands) if c.upos == upos]
        if not idx:
            return ""
        if len(idx) > 1:
            score = _log(M[idx] @ probs + _EPS) + PRIOR_WEIGHT * prior[idx]
            k = idx[int(score.argmax())]
        else:
            k = idx[0]
        c = cands[k]
        if "Guess" in c.grammemes or "Form" in c.grammemes:
            return ""
        return ud_feats(c.oc_pos, c.grammemes)
    except Exception:
        return ""


def _sentence_context(P):
    """Per word the reranker's context: UPOS marginals, neighbours' best UPOS, short/passive mass."""
    if _reranker() is None and _TRACE is None:
        return None
    try:
        tg = _tagger()
        U = P @ tg.upos_matrix
        best = U.argmax(-1).tolist()
        short = (P @ tg.short_vec).tolist()
        passive = (P @ tg.pass_vec).tolist()
        n = len(best)
        return [(U[i], best[i - 1] if i else 17, best[i + 1] if i + 1 < n else 18, short[i], passive[i])
                for i in range(n)]
    except Exception:
        return None


# ------------------------------------------------------------------ predicative -о words

# Russian "words of the state category" (трудно, видно, круто) are neuter short
# adjectives when they are the predicate of a clause (UD-Russian: ADJ, lemma = the full
# adjective: "Сейчас трудно найти" -> трудный) and adverbs when they modify a verb or
# an adjective ("усердно работает", "безумно красиво": ADV, lemma = form).
_COPULA = frozenset({"было", "будет", "стало", "станет", "становится", "становилось",
                     "бывает", "было бы", "будто"})
_PRED_CLAUSE_END = frozenset({",", ".", "!", "?", ";", ":", "...", "…", "!!", "?!", "!!!", ")", "(",
                              "--", "—", "–", "-", "«", "»", "\""})
_SENT_END = frozenset({".", "!", "?", "...", "…", "!!", "!!!", "?!", "!?", "??", "?.."})
_THAT = frozenset({"что", "чтобы", "когда", "если", "как"})
_DATIVE_PRON = frozenset({"мне", "тебе", "ему", "ей", "нам", "вам", "им", "всем", "себе"})
_PARENTH = frozenset({",", "!", "?", ".", "...", "…"})


@lru_cache(maxsize=50_000)
def _predicative_lemma(low: str):
    """Full-adjective lemma when the -о word is both an adverb/predicative and the neuter
    short form of an adjective (трудно -> трудный), else None."""
    if not low.endswith("о") or len(low) < 4:
        return None
    adj = None
    other = False
    # a relative adjective (ежемесячный, обязательный: no Qual mark in the dictionary) has no
    # predicative short form in use; its -о word is the adverb. Words the dictionary lacks carry
    # no such mark, so they are not held to it.
    known = _morph().word_is_known(low)
    for p in _morph().parse(low):
        t = p.tag
        if t.POS == "ADJS" and "neut" in t.grammemes and "sing" in t.grammemes and (
                "Qual" in t.grammemes or not known):
            adj = adj or p.normal_form
        elif t.POS in ("ADVB", "PRED"):
            other = True
        elif t.POS == "INTJ":  # браво
            return None
        elif t.POS in ("CONJ", "PRCL"):
            other = other or None  # конечно: a particle / parenthetical, not an adverb
    if not adj or other is None or not (other or low.endswith(("ко", "во", "но", "то", "ло", "хо", "мо", "со", "ро"))):
        return None  # every -о short form of a qualitative adjective doubles as an adverb
    return _no_yo(_lexicon()[1].get(adj, adj))


def _is_clause_end(w: str) -> bool:
    return w in _PRED_CLAUSE_END or not any(ch.isalnum() for ch in w)


@lru_cache(maxsize=20_000)
def _dative_only(low: str) -> bool:
    ps = [p for p in _morph().parse(low) if p.tag.POS in ("NOUN", "NPRO")]
    # a locative needs a preposition: without one, -е/-и forms like бабушке are datives
    return bool(ps) and all(p.tag.case in ("datv", "loct", "loc2") for p in ps) and any(
        p.tag.case == "datv" for p in ps)


@lru_cache(maxsize=20_000)
def _neuter_nominative(low: str) -> bool:
    """Every noun/pronoun reading of the word is a neuter singular nominative (or accusative)
    and one of them is nominative."""
    ps = [p for p in _morph().parse(low) if p.tag.POS in ("NOUN", "NPRO")]
    return bool(ps) and any(p.tag.case == "nomn" for p in ps) and all(
        p.tag.case in ("nomn", "accs") and "neut" in p.tag and "sing" in p.tag for p in ps)


def _neuter_subject(words: Sequence[str], row: list[tuple[str, str]], a: int, i: int) -> bool:
    """A neuter singular nominative noun or pronoun before word ``i`` in its clause, not governed
    by a preposition: the subject a predicative short adjective (ADJ, neuter) agrees with."""
    return any(row[k][1] in ("NOUN", "PRON", "PROPN") and _neuter_nominative(words[k].lower())
               and (k == 0 or row[k - 1][1] != "ADP") for k in range(a, i))


@lru_cache(maxsize=20_000)
def _has_pred(low: str) -> bool:
    """The word has a predicative (PRED) reading: надо, можно, нельзя, жаль."""
    return any(p.tag.POS == "PRED" for p in _morph().parse(low))


def _predicatives(words: Sequence[str], row: list[tuple[str, str]]) -> None:
    """Read an ADV/ADJ -о word as a predicative short adjective (ADJ, full-adjective lemma)
    when it is the predicate of its clause, as an adverb (ADV, lemma = form) otherwise.

    Predicate: after a copula (было, стало), before an infinitive at the head of its
    clause (трудно сказать; also after a subordinating conjunction other than чтобы: что с ним
    легко договориться), before ", что" (понятно, что), alone in a verbless clause
    ending a sentence (Очень красиво!), or last in a verbless clause closed by a comma,
    colon or semicolon where some word other than a conjunction or particle precedes it
    (сразу видно, ...; здесь тихо: ...), or in a clause without another verb after a neuter
    singular nominative subject it agrees with (это место опасно для жизни). Modifier: before an adjective, adverb, finite verb,
    participle, preposition or numeral (безумно красиво, особенно в ..., было окончательно
    отменено); a parenthetical word set off by commas (видимо, ...) is an adverb too."""
    n = len(words)
    for i, w in enumerate(words):
        low = w.lower()
        if row[i][1] not in ("ADV", "ADJ") and not (row[i][1] == "VERB" and row[i][0] == _no_yo(low)):
            continue  # (a predicative word read as VERB, нужно, is weighed here too)
        adj = _predicative_lemma(low)
        if adj is None:
            continue
        a, b = _clause_of(words, i)
        nxt = row[i + 1][1] if i + 1 < n else "PUNCT"
        nlow = words[i + 1].lower() if i + 1 < n else ""
        prv = words[i - 1].lower() if i > 0 else ""
        n_inf = nxt in ("VERB", "AUX") and _is_infinitive(nlow)
        modifier = (nxt in ("ADJ", "ADV", "ADP", "NUM") and nlow != low) or (nxt in ("VERB", "AUX") and not n_inf
                                                                           and nlow not in _COPULA)
        # the word heads its clause: only conjunctions and particles before it
        head = all(row[k][1] in ("CCONJ", "PART") for k in range(a, i))
        after_copula = prv in _COPULA or (prv in ("бы", "не") and i > 1 and words[i - 2].lower() in _COPULA)
        # мне грустно, бабушке тяжко с ними: a dative experiencer right before, no verb in the clause
        experiencer = i > 0 and (prv in _DATIVE_PRON or (
            row[i - 1][1] in ("NOUN", "PROPN") and _dative_only(prv)
            and (i < 2 or row[i - 2][1] != "ADP")))
        if experiencer and nxt not in ("ADJ", "ADV", "VERB", "AUX") and not any(
                row[k][1] in ("VERB", "AUX") for k in range(a, b) if k != i):
            pred = True
        elif nxt not in ("ADJ", "ADV", "VERB", "AUX") and any(
                words[k].lower() in _DATIVE_PRON or words[k].lower() == "кому" for k in range(a, i - 1)) and not any(
                (row[k][1] in ("VERB", "AUX") and not _is_infinitive(words[k].lower())) or _has_pred(words[k].lower())
                for k in range(a, b) if k != i):
            pred = True  # кому жить хорошо, мне с ним легко: a dative experiencer earlier in a verbless clause
        elif nxt not in ("ADJ", "ADV", "VERB", "AUX") and _neuter_subject(words, row, a, i) and not any(
                row[k][1] in ("VERB", "AUX") and words[k].lower() not in _COPULA
                for k in range(a, b) if k != i):
            pred = True  # познание доступно народу: agrees with a neuter subject, no other verb
        elif after_copula and nxt not in ("ADJ", "VERB", "AUX"):
            pred = True  # было известно задолго до ...
        elif modifier:
            pred = False
        elif row[i][1] == "ADJ":
            continue  # the tagger's predicative reading stands
        elif nlow in _COPULA or nlow in _COPULA or (
                prv in ("бы", "не") and i > 1 and words[i - 2].lower() in _COPULA):
            pred = True  # было жарко, грустно стало
        elif prv == "и" and i > 1 and row[i - 2] == (_predicative_lemma(words[i - 2].lower()), "ADJ"):
            pred = True  # жарко и темно: coordinated with a predicate
        elif nlow == "," and i + 2 < n and words[i + 2].lower() in _THAT and head:
            pred = True  # понятно, что ...
        elif b == i + 1 and nlow in (",", "(") and a == i:
            pred = False  # parenthetical: видимо, ...
        else:
            finite = any(row[k][1] in ("VERB", "AUX") and not _is_infinitive(words[k].lower())
                         and words[k].lower() not in _COPULA for k in range(a, b) if k != i)
            # поднять руку, а потом [медленно] опустить: the infinitive is coordinated with an
            # infinitive of the previous clause, so the -о word modifies it
            coord_inf = a > 1 and words[a - 1] == "," and any(
                row[k][1] in ("VERB", "AUX") and _is_infinitive(words[k].lower())
                for k in range(_clause_of(words, a - 2)[0], a - 1))
            if n_inf:  # трудно сказать; not "можно [постоянно] сталкиваться"
                pred = not finite and not coord_inf and all(
                    row[k][1] in ("NOUN", "PRON", "PROPN", "PART", "CCONJ", "SCONJ", "ADP", "DET", "NUM")
                    and words[k].lower() not in ("чтобы", "бы") for k in range(a, i))
            else:
                end = words[b] if b < n else "."
                inf_before = any(row[k][1] in ("VERB", "AUX") and _is_infinitive(words[k].lower())
                                 for k in range(a, i))
                # хотя нередко и ...; but the exclamative как right before (как красиво!) is no conjunction
                sconj = any(row[k][1] == "SCONJ" and not (k == i - 1 and words[k].lower() == "как")
                            for k in range(a, i))
                pred = not finite and not inf_before and not sconj and (
                    end in _SENT_END or (_is_symbolish(end) and end not in "()")
                    or (end in (",", ":", ";") and not head and b == i + 1))
        if pred:
            row[i] = (adj, "ADJ")
        elif row[i][1] == "ADJ" and row[i][0] == adj and (modifier or b == i + 1 and a == i):
            row[i] = (_no_yo(low), "ADV")


# forms of the link verbs after which a comparative is the predicate (должна быть медленнее)
_LINK_VERBS = frozenset({"быть", "стать", "становиться", "казаться", "оказаться", "оказываться",
                         "бывать", "делаться", "сделаться"})
# degree words that may stand between the link verb and the comparative
_DEGREE = frozenset({"еще", "ещё", "гораздо", "намного", "куда", "чуть", "немного", "значительно",
                     "несколько", "все", "всё", "даже", "не", "бы", "заметно", "существенно", "вдвое",
                     "втрое", "значительно"})


@lru_cache(maxsize=20_000)
def _is_link_verb(low: str) -> bool:
    return any(p.tag.POS in ("VERB", "INFN") and p.normal_form in _LINK_VERBS for p in _morph().parse(low))


@lru_cache(maxsize=20_000)
def _can_be_nominative(low: str) -> bool:
    ps = [p for p in _morph().parse(low) if p.tag.POS in ("NOUN", "NPRO")]
    return not ps or any(p.tag.case == "nomn" for p in ps)


def _clause_of(words: Sequence[str], i: int) -> tuple[int, int]:
    """[a, b): the clause around word ``i``, up to the nearest punctuation either side."""
    a = i
    while a > 0 and not _is_clause_end(words[a - 1]):
        a -= 1
    b = i + 1
    while b < len(words) and not _is_clause_end(words[b]):
        b += 1
    return a, b


def _comparatives(words: Sequence[str], row: list[tuple[str, str]]) -> None:
    """A comparative that is the predicate of its clause is ADJ with the positive adjective
    as lemma (UD-Russian: "судак становится активнее", "зарплата выше, чем ..." ->
    активный, высокий); one that modifies a verb stays ADV. Predicate: after a link verb
    (быть, стать, становиться, казаться ... with degree words between), or in a clause
    without a verb where a noun or pronoun (its subject) precedes it and no numeral
    follows (меньше 40 часов: an adverb of quantity, also when the tagger read it as ADJ), or
    before an infinitive in a clause without a finite verb and not after чтобы (лучше всего ловить)."""
    n = len(words)
    for i, w in enumerate(words):
        if row[i][1] not in ("ADV", "ADJ"):
            continue
        low = w.lower()
        adj = _comparative_adjective(low)
        if adj is None:
            continue
        if low.startswith("по"):
            if _softened_comparative(low):
                _softened(words, row, i, adj)
            continue  # позже, позднее: no softened comparative, left as they are
        k = i - 1
        while k >= 0 and words[k].lower() in _DEGREE:
            k -= 1
        after_link = k >= 0 and row[k][1] in ("VERB", "AUX") and _is_link_verb(words[k].lower())
        a, b = _clause_of(words, i)
        nxt = row[i + 1][1] if i + 1 < n else "PUNCT"
        if nxt == "NUM" or (i + 1 < n and words[i + 1][:1].isdigit()):
            if row[i][1] == "ADJ" and row[i][0] == adj:
                row[i] = (_comparative_adverb(low, _no_yo(adj)), "ADV")  # меньше 40 часов
            continue
        verb = any(row[j][1] in ("VERB", "AUX") for j in range(a, b) if j != i)
        subject = any(row[j][1] in ("NOUN", "PROPN", "PRON") and _can_be_nominative(words[j].lower())
                      for j in range(a, i))
        sconj = any(row[j][1] == "SCONJ" or words[j].lower() in ("чем", "как") for j in range(a, i))
        # лучше всего ловить ...: before an infinitive (всего/всех between), with no finite verb
        # in the clause, the comparative is the predicate, as трудно сказать is
        j = i + 1
        if j < n and words[j].lower() in ("всего", "всех"):
            j += 1
        before_inf = j < n and row[j][1] in ("VERB", "AUX") and _is_infinitive(words[j].lower()) and not any(
            row[k][1] in ("VERB", "AUX") and not _is_infinitive(words[k].lower()) for k in range(a, b) if k != i) and not any(
            words[k].lower() in ("чтобы", "чтоб") for k in range(a, i))  # чтобы скорее научиться: adverb
        if after_link or (not verb and subject and not sconj) or before_inf:
            row[i] = (_no_yo(adj), "ADJ")


@lru_cache(maxsize=5_000)
def _softened_comparative(low: str) -> bool:
    """по- + comparative, the softened comparative (покрупнее, подольше: Cmp2 in OpenCorpora)."""
    return any(p.tag.POS == "COMP" and "Cmp2" in p.tag.grammemes for p in _morph().parse(low))


@lru_cache(maxsize=20_000)
def _genitive_only_noun(low: str) -> bool:
    ps = [p for p in _morph().parse(low) if p.tag.POS == "NOUN" and p.tag.case]
    return bool(ps) and all(p.tag.case in ("gent", "gen2") for p in ps)


def _softened(words: Sequence[str], row: list[tuple[str, str]], i: int, adj: str) -> None:
    """A softened comparative (по- + comparative) right after a noun that is not a genitive of
    quantity is a postposed attribute of it (грибы покрупнее, нарисуй дом побольше): ADJ with the
    positive adjective as lemma. Elsewhere it is an adverb whose lemma is the positive adverb when
    the dictionary has one (подольше -> долго, почаще -> часто), as for other comparative adverbs."""
    low = words[i].lower()
    if i > 0 and row[i - 1][1] == "NOUN" and not _genitive_only_noun(words[i - 1].lower()):
        row[i] = (_no_yo(adj), "ADJ")
    elif row[i][1] == "ADV" and row[i][0] == _no_yo(low):
        adv = _positive_adverb(adj)
        if adv is not None and adv != low[2:]:  # побольше: no positive adverb (больше is none)
            row[i] = (_no_yo(adv), "ADV")


@lru_cache(maxsize=50_000)
def _is_infinitive(low: str) -> bool:
    return any(p.tag.POS == "INFN" for p in _morph().parse(low))


@lru_cache(maxsize=50_000)
def _first_name_cases(low: str) -> frozenset:
    """(case, number) of the dictionary's first-name readings of a word (Ильи -> Gen/Sing)."""
    return frozenset((_OC_CASE.get(p.tag.case), _OC_NUMBER.get(p.tag.number)) for p in _morph().parse(low)
                     if p.is_known and p.tag.grammemes & {"Name", "Patr"} and p.tag.POS == "NOUN")


@lru_cache(maxsize=50_000)
def _byname_nouns(low: str) -> tuple:
    """(case, number, lemma) of the common-noun readings of a word the dictionary knows only
    as a common word (Муромца -> Gen/Sing муромец); () when it has a name reading."""
    out = []
    for p in _morph().parse(low):
        if not p.is_known:
            continue
        if p.tag.grammemes & _PROPER_GRAMMEMES:
            return ()
        if p.tag.POS == "NOUN" and "Abbr" not in p.tag.grammemes:
            out.append((_OC_CASE.get(p.tag.case), _OC_NUMBER.get(p.tag.number), _no_yo(p.normal_form)))
    return tuple(out)


def _bynames(words: Sequence[str], row: list[tuple[str, str]]) -> None:
    """A capitalised common noun right after a first name, in the same case, is the person's
    surname or byname (Илья Муромец, Алешей Поповичем, Иисус Христос): PROPN, its noun lemma
    capitalised."""
    for i in range(1, len(words)):
        w = words[i]
        prev = words[i - 1]
        if not (w[:1].isupper() and w[1:].islower() and prev[:1].isupper() and prev[1:].islower()):
            continue
        if row[i][1] == "PROPN" or row[i - 1][1] != "PROPN":
            continue
        names = _first_name_cases(prev.lower())
        if not names:
            continue
        for case, number, lemma in _byname_nouns(w.lower()):
            if (case, number) in names and number == "Sing":
                row[i] = (_caps_like(w, lemma), "PROPN")
                break
        else:
            # after a first name (or patronymic) in the nominative: a word read as a verb or
            # other non-nominal (Сандро Мерло, not мереть), or a noun of surname shape
            # (Тимофей Григорьевич Плужников, not плужник) is the surname itself
            if ("Nom", "Sing") in names and (
                    row[i][1] not in ("NOUN", "ADJ", "DET", "NUM", "PRON")
                    or row[i][1] == "NOUN" and w.lower().endswith(("ов", "ев", "ёв", "ин", "ын"))):
                row[i] = (_caps_like(w, _no_yo(w.lower())), "PROPN")


_ADJ_NAME_SUFFIX = ("ский", "цкий", "ской", "цкой")


@lru_cache(maxsize=20_000)
def _unknown_adjective(low: str) -> tuple:
    """(lemma, {(case, number, gender)}) when a word the dictionary lacks declines as an
    -ский/-цкий adjective (Стаклишкского -> стаклишкский), else ()."""
    m = _morph()
    if m.word_is_known(low):
        return ()
    feats, lemma = set(), None
    for p in m.parse(low):
        if p.tag.POS == "ADJF" and p.normal_form.endswith(_ADJ_NAME_SUFFIX):
            lemma = lemma or p.normal_form
            if p.normal_form == lemma:
                feats.add((p.tag.case, p.tag.number, p.tag.gender))
    return (_no_yo(lemma), frozenset(feats)) if lemma else ()


@lru_cache(maxsize=50_000)
def _noun_feats(low: str) -> frozenset:
    return frozenset((p.tag.case, p.tag.number, p.tag.gender) for p in _morph().parse(low)
                     if p.tag.POS == "NOUN")


def _agrees(adj_feats, noun_feats, coordinated: bool = False) -> bool:
    """Case, number and gender agree; singular adjectives coordinated before a plural noun
    (в Гёттингенском и Лейпцигском университетах) agree in case only."""
    return any(a[0] == n[0] and (a[1] == n[1] and (a[1] == "plur" or a[2] == n[2] or n[2] is None)
                                 or coordinated and n[1] == "plur")
               for a in adj_feats for n in noun_feats)


def _name_adjectives(words: Sequence[str], row: list[tuple[str, str]]) -> None:
    """A capitalised -ский/-цкий word the dictionary lacks is an adjective (ADJ, lower-case
    lemma: Стаклишкского деканата -> стаклишкский) when it modifies the common noun after it,
    also across a coordinated adjective (Гёттингенском и Лейпцигском университетах); without
    such a noun it stays a name (a surname in -ский)."""
    n = len(words)
    for i, w in enumerate(words):
        if row[i][1] != "PROPN" or not w[:1].isupper() or (len(w) > 1 and w.isupper()):
            continue
        adj = _unknown_adjective(w.lower().replace("\u0301", "").replace("\u0300", ""))
        if not adj:
            continue
        j = i + 1
        coordinated = j + 1 < n and words[j].lower() in ("и", "или") and row[j + 1][1] in ("ADJ", "PROPN")
        if coordinated:
            j += 2  # Гёттингенском и Лейпцигском университетах
        if j < n and row[j][1] == "NOUN" and words[j][:1].islower() and _agrees(
                adj[1], _noun_feats(words[j].lower()), coordinated):
            row[i] = (adj[0], "ADJ")


# particles inside Romance personal names (Жиль де Рэ, Карло Пеллион ди Персано, Жанна д'Арк)
_NOBILIARY = frozenset({"де", "ди", "дю", "д", "да"})


def _nobiliary(words: Sequence[str], row: list[tuple[str, str]]) -> None:
    """A nobiliary particle before a capitalised name part is part of the name: UD-Russian
    (GSD) writes its lemma with a capital (де -> Де, PART); the capitalised word before it
    is a first name (PROPN) unless the dictionary knows it as a common noun."""
    n = len(words)
    for i, w in enumerate(words):
        if w not in _NOBILIARY or i + 1 >= n:
            continue
        nxt = words[i + 1]
        if nxt in ("'", "’") and i + 2 < n:
            nxt = words[i + 2]
        if not (nxt[:1].isupper() and _CYR.search(nxt[:1])):
            continue
        if w == "да" and not (i > 0 and words[i - 1][:1].isupper()):
            continue  # "да" is mostly a conjunction: only between two name parts
        row[i] = (w[:1].upper() + w[1:], "PART")
        if i > 0:
            prev = words[i - 1]
            if prev[:1].isupper() and prev[1:].islower() and row[i - 1][1] != "PROPN" and not any(
                    p.is_known and p.tag.POS == "NOUN" for p in _morph().parse(prev.lower())):
                row[i - 1] = (prev, "PROPN")


@lru_cache(maxsize=1)
def _designators() -> frozenset:
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data" / "ru" / "name_designators.txt"
    if not path.exists():
        return frozenset()
    return frozenset(x.strip() for x in path.read_text(encoding="utf-8").splitlines()
                     if x.strip() and not x.startswith("#"))


@lru_cache(maxsize=20_000)
def _nominative_common_only(low: str) -> bool:
    """The dictionary knows the word only as a common word and it can be a nominative singular noun."""
    parses = [p for p in _morph().parse(low) if p.is_known]
    return bool(parses) and not any(p.tag.grammemes & _PROPER_GRAMMEMES for p in parses) and any(
        p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number == "sing" for p in parses)


def _appositions(words: Sequence[str], row: list[tuple[str, str]]) -> None:
    """A name the dictionary lacks right after a generic noun (город, река, партия: see
    pipeline/data/ru/name_designators.txt) stands in apposition in the nominative: its form
    is its lemma (у города Иидзука -> Иидзука, not *Иидзук)."""
    des = _designators()
    # the headword of a definition (Родопы ( ) -- горная система ...) is in the nominative
    k = 0
    while k < len(words) and not any(ch.isalnum() for ch in words[k]):
        k += 1
    if k + 1 < len(words) and words[k + 1] in ("(", "--", "—", "–") and row[k][1] == "PROPN":
        w = words[k].replace("\u0301", "").replace("\u0300", "")
        low = w.lower()
        if low.isalpha() and w[:1].isupper() and not (len(w) > 1 and w.isupper()) and not _morph().word_is_known(low):
            row[k] = (_caps_like(w, _no_yo(low)), "PROPN")
    for i in range(1, len(words)):
        w = words[i]
        if not (w[:1].isupper() and w[1:].islower()):
            continue
        if row[i - 1][1] != "NOUN" or _no_yo(row[i - 1][0]) not in des:
            continue
        low = w.lower()
        if not low.isalpha():
            continue
        if not _morph().word_is_known(low):
            if row[i][1] == "PROPN":
                row[i] = (_caps_like(w, _no_yo(low)), "PROPN")
        elif row[i][1] == "NOUN" and _nominative_common_only(low):
            # a common word capitalised after a generic noun is the place's name (село Гуща)
            row[i] = (_caps_like(w, _no_yo(low)), "PROPN")


@lru_cache(maxsize=50_000)
def _plural_participle(low: str):
    """Masculine nominative singular of a plural long participle (выживших -> выживший), else None."""
    for p in _morph().parse(low):
        if p.tag.POS == "PRTF" and "plur" in p.tag.grammemes and p.is_known:
            f = p.inflect({"masc", "sing", "nomn"})
            return _no_yo(f.word) if f is not None else None
    return None


def _substantivised(words: Sequence[str], row: list[tuple[str, str]]) -> None:
    """A plural participle that modifies no noun and stands where a noun stands (after a
    preposition, a noun or an adjective, not after a comma: поиск выживших, памяти павших,
    первыми погибшими) is a substantivised participle: NOUN, lemma the masculine
    nominative singular (выживший)."""
    n = len(words)
    for i, w in enumerate(words):
        if row[i][1] not in ("VERB", "ADJ") or i == 0:
            continue
        part = _plural_participle(w.lower())
        if part is None:
            continue
        nxt = row[i + 1][1] if i + 1 < n else "PUNCT"
        if nxt in ("NOUN", "PROPN", "ADJ", "NUM", "DET", "PRON", "VERB"):
            continue
        if nxt == "PUNCT" and i + 1 < n and words[i + 1] not in (".", ",", ";", ":", ")", "!", "?", "...", "…"):
            continue  # отличающимся « вежеством »: the noun follows in quotes
        if row[i - 1][1] not in ("ADP", "NOUN", "ADJ"):
            continue
        # смотрящих на него людей: an agreeing plural noun later in the clause is its head
        feats = {(p.tag.case, "plur") for p in _morph().parse(w.lower()) if p.tag.POS == "PRTF"}
        j = i + 1
        head = False
        while j < n and row[j][1] != "PUNCT" and not head:
            if row[j][1] == "NOUN" and any((p.tag.case, p.tag.number) in feats for p in _morph().parse(words[j].lower())
                                           if p.tag.POS == "NOUN"):
                head = True
            j += 1
        if not head:
            row[i] = (part, "NOUN")


_PERSONAL = {"его": "он", "ее": "она", "её": "она", "их": "они"}


@lru_cache(maxsize=20_000)
def _oblique_only(low: str) -> bool:
    """Every noun/adjective reading of the word is dative or instrumental."""
    ps = [p for p in _morph().parse(low) if p.tag.POS in ("NOUN", "ADJF") and p.tag.case]
    return bool(ps) and all(p.tag.case in ("datv", "ablt") for p in ps)


@lru_cache(maxsize=20_000)
def _participle_agrees(part: str, nxt: str) -> bool:
    """The word ``part`` is an active or passive long participle agreeing in case, number and
    (singular) gender with the noun or adjective ``nxt``."""
    pf = {(p.tag.case, p.tag.number, p.tag.gender) for p in _morph().parse(part)
          if p.tag.POS == "PRTF" and p.tag.case}
    if not pf:
        return False
    nf = {(p.tag.case, p.tag.number, p.tag.gender) for p in _morph().parse(nxt)
          if p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.case}
    return any(a[0] == b[0] and a[1] == b[1] and (a[1] == "plur" or a[2] is None or b[2] is None or a[2] == b[2])
               for a in pf for b in nf)


def _possessives(words: Sequence[str], row: list[tuple[str, str]]) -> None:
    """его/её/их before a noun or adjective are possessive determiners (DET, lemma = form),
    elsewhere personal pronouns (PRON, lemma он/она/они)."""
    for i, w in enumerate(words):
        low = w.lower()
        if low not in _PERSONAL or row[i][1] not in ("PRON", "DET"):
            continue
        nxt = row[i + 1][1] if i + 1 < len(row) else "PUNCT"
        k = i - 1
        while k >= 0 and words[k] in ("»", "\"", "”", ")"):
            k -= 1  # нейтрализовать» их ...
        prv = row[k][1] if k >= 0 else "PUNCT"
        # a reflexive verb (-ся) takes no accusative object: называться его именем
        transitive = prv in ("VERB", "AUX") and not words[k].lower().endswith(("ся", "сь"))
        if nxt in ("NOUN", "ADJ") and transitive and _oblique_only(words[i + 1].lower()):
            # обучал его языку, прикрыть её ладонью: right after a verb, before a noun in the
            # dative or instrumental (not the verb's accusative object), it is the verb's object
            row[i] = (_PERSONAL[low], "PRON")
        elif nxt in ("NOUN", "ADJ") and k == i - 1 and not words[k].lower().endswith(("ся", "сь")) and \
                _participle_agrees(words[k].lower(), words[i + 1].lower()):
            # в окружающем его мире: between a participle and the noun or adjective it agrees with,
            # the pronoun is the participle's object (отражающую его стиль, no agreement: DET)
            row[i] = (_PERSONAL[low], "PRON")
        elif nxt in ("NOUN", "ADJ") or (prv in ("NOUN", "PROPN") and k == i - 1 and (k == 0 or row[k - 1][1] != "ADP")):
            # жизнь его, стоимость их: after its noun (not one in a prepositional phrase, к
            # субботе их пришили) a possessive stands postposed
            row[i] = (_no_yo(low), "DET")
        else:
            row[i] = (_PERSONAL[low], "PRON")


# ------------------------------------------------------------------ весь / всё / все

_TOTAL_FORMS = frozenset({"все", "всё", "всего", "всем", "всём", "всеми", "всех", "вся", "всю", "всей", "весь"})
# words after which всё/все is the adverb "still, all the same" (всё же, всё ещё)
_STILL = frozenset({"же", "ж", "ещё", "еще", "-таки", "таки"})
# a word of these UPOS after весь can be the nominal it agrees with (все книги, всё это, все они)
_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "DET", "NUM", "PRON", "X", "SYM"})


@lru_cache(maxsize=20_000)
def _is_comparative(low: str) -> bool:
    return any(p.tag.POS == "COMP" and p.is_known for p in _morph().parse(low))


@lru_cache(maxsize=20_000)
def _is_participle(low: str) -> bool:
    return any(p.tag.POS == "PRTF" for p in _morph().parse(low))


def _totals(words: Sequence[str], row: list[tuple[str, str]], P) -> None:
    """весь / всё / все by the UD guidelines: the determiner весь (DET) agrees with a nominal
    it modifies (все книги, всё это, все они); without one the word is the pronoun
    (PRON: всё "everything", все "everyone"), and всё before же / ещё or a comparative is
    the adverb всё (всё же, всё ещё, всё ярче: ADV)."""
    n = len(words)
    for i, w in enumerate(words):
        low = w.lower()
        if low not in _TOTAL_FORMS or row[i][0] not in ("весь", "всё", "все"):
            continue
        j = i + 1
        while j < n and row[j][1] == "ADV" and not _is_comparative(words[j].lower()):
            j += 1  # все очень разные: look past an adverb
        nlow = words[i + 1].lower() if i + 1 < n else ""
        if low in ("все", "всё") and (nlow in _STILL or (_is_comparative(nlow) and row[i + 1][1] in ("ADV", "ADJ"))):
            row[i] = ("всё", "ADV")  # всё же, всё ещё, всё чаще
            continue
        if row[i][1] != "DET":
            continue
        nxt = row[j][1] if j < n else "PUNCT"
        if nxt in _NOMINAL or (nxt in ("VERB", "AUX") and _is_participle(words[j].lower())):
            continue  # все пришедшие: a participle is a nominal too
        row[i] = _choose(w, P[i], _sentence_initial(words, i), None, exclude=("DET",))


def _total_pronoun_number(words: Sequence[str], row: list[tuple[str, str]]) -> None:
    """все (everyone, plural) vs всё (everything, neuter singular) for a PRON spelled все without
    ё: a predicative neuter short adjective in its clause agrees with всё (важно всё, всё ясно).
    (Finite verbs are no cue: все/всё is as often their object as their subject.)"""
    for i, w in enumerate(words):
        if w.lower() != "все" or row[i][1] != "PRON" or row[i][0] != "все":
            continue
        a, b = _clause_of(words, i)
        if any(row[k][1] == "ADJ" and _predicative_lemma(words[k].lower()) == row[k][0]
               for k in range(a, b) if k != i):
            row[i] = ("всё", "PRON")


def analyze(words: Sequence[str]) -> list[tuple[str, str]]:
    """(lemma, upos) for every word of one sentence, chosen in context. Never raises."""
    try:
        return analyze_many([list(words)], batch_size=1)[0]
    except Exception:
        return [_fallback(w) for w in words]


def _pronoun_cases(low: str) -> frozenset:
    """Cases of the personal / reflexive pronoun readings (NPRO) of a word."""
    return frozenset(p.tag.case for p in _morph().parse(low) if p.tag.POS == "NPRO" and p.tag.case)


def _emphatic_sam(words: Sequence[str], row: list[tuple[str, str]]) -> None:
    """сам vs самый for their shared forms (самого, самому, самом, самой): the superlative/identity
    word самый modifies a noun or adjective, while the emphatic pronoun сам is the one that stands
    next to a personal or reflexive pronoun and agrees with it in case (себе самому, самого себя,
    о нём самом). Such a form next to a pronoun of the same case takes the lemma сам."""
    n = len(words)
    for i, w in enumerate(words):
        if row[i][0] != "самый":
            continue
        low = w.lower()
        sam_cases = frozenset(p.tag.case for p in _morph().parse(low)
                              if p.normal_form == "сам" and p.tag.case)
        if not sam_cases:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < n and row[j][1] == "PRON" and sam_cases & _pronoun_cases(words[j].lower()):
                row[i] = ("сам", row[i][1])
                break


_QUOTE_OPEN = frozenset({"«", "``", "\"", "“", "„"})
_QUOTE_CLOSE = frozenset({"»", "''", "\"", "”", "“"})


def _quoted_titles(words: Sequence[str], row: list[tuple[str, str]]) -> None:
    """A capitalised common noun standing alone in quotation marks inside a sentence is the
    name of a work, hotel, ship or the like (апартаменты «Сапфир», роман «Воскресение"):
    PROPN, with the noun's lemma capitalised. Sentence-initial words are left alone."""
    n = len(words)
    for i in range(1, n - 1):
        w = words[i]
        if (row[i][1] == "NOUN" and w[:1].isupper() and not w.isupper() and words[i - 1] in _QUOTE_OPEN
                and words[i + 1] in _QUOTE_CLOSE and not _sentence_initial(words, i - 1)):
            row[i] = (_caps_like(w, row[i][0]), "PROPN")


@lru_cache(maxsize=20_000)
def _finite_verb_lemma(word_low: str, lemma: str) -> bool:
    """The (lemma) reading of the word is a finite verb form in the dictionary."""
    return any(p.tag.POS == "VERB" and p.normal_form == lemma for p in _morph().parse(word_low))


def _no_finite_after_preposition(words: Sequence[str], row: list[tuple[str, str]], P) -> None:
    """A preposition governs a noun phrase, never a finite verb: a word read as a finite
    verb right after a preposition (для покрывал, с небеси) takes its best other reading."""
    for i in range(1, len(words)):
        if row[i - 1][1] != "ADP" or row[i][1] not in ("VERB", "AUX"):
            continue
        low = words[i].lower()
        if _is_infinitive(low) or not _finite_verb_lemma(low, row[i][0]):
            continue
        alt = _choose(words[i], P[i], False, None, exclude_oc=("VERB",))
        if alt[1] in ("VERB", "AUX") and low.endswith(("ою", "ею")):
            # со всею силой: -ою / -ею is the longer (bookish, verse) instrumental ending of -ой / -ей
            alt = _choose(words[i][:-1] + "й", P[i], False, None, exclude_oc=("VERB",))
        if alt[1] not in ("VERB", "AUX"):
            row[i] = alt


# interrogative pronouns and adverbs that form indefinites with -либо / -нибудь
_INTERROGATIVES = frozenset({"какой", "кто", "что", "чей", "где", "куда", "откуда", "когда", "как",
                             "каков", "сколько", "почему", "зачем"})


# the UPOS of an indefinite in -то / -либо / -нибудь by its interrogative's dictionary POS
_INDEFINITE_UPOS = {"NPRO": "PRON", "ADJF": "DET", "ADVB": "ADV", "CONJ": "ADV", "NUMR": "NUM"}


@lru_cache(maxsize=2_000)
def _interrogative(low: str):
    """(lemma, UPOS) of the interrogative a word form belongs to (каких -> какой, DET), else None."""
    for p in _morph().parse(low):
        if p.normal_form in _INTERROGATIVES and p.tag.POS in _INDEFINITE_UPOS:
            return p.normal_form, _INDEFINITE_UPOS[p.tag.POS]
    return None


@lru_cache(maxsize=20_000)
def _neuter_sing_nominal(low: str) -> bool:
    """The word can be a neuter singular nominative/accusative noun or adjective (решение, новое)."""
    return any(p.tag.POS in ("NOUN", "ADJF", "PRTF") and "neut" in p.tag and "sing" in p.tag
               and p.tag.case in ("nomn", "accs") for p in _morph().parse(low))


def _split_indefinites(words: Sequence[str], row: list[tuple[str, str]]) -> None:
    """An indefinite written without its hyphen (каких либо, кто нибудь, когда то, как- то): the
    interrogative takes the indefinite's lemma (какой-либо, кто-нибудь, когда-то), as the hyphenated
    spelling would. A separate то is the particle only where it cannot be the demonstrative: not
    after что (the conjunction: что то решение ...), not before a comma (как то, так и ...) and
    not before a neuter singular noun or adjective it would agree with (когда то время ...)."""
    n = len(words)
    for i in range(n - 1):
        nxt = words[i + 1].lower()
        if nxt in ("либо", "нибудь") and row[i][0] in _INTERROGATIVES and row[i][1] in ("DET", "PRON", "ADV"):
            row[i] = (row[i][0] + "-" + nxt, row[i][1])
            continue
        if nxt != "то":
            continue
        low = words[i].lower()
        glued = low.endswith("-") and len(low) > 1  # как- то: the hyphen stayed on the first part
        hit = _interrogative(low[:-1] if glued else low)
        if hit is None or hit[0] == "что" and not glued:
            continue
        after = words[i + 2].lower() if i + 2 < n else ""
        if not glued and (after == "," or _neuter_sing_nominal(after)):
            continue
        row[i] = (hit[0] + "-то", hit[1])


@lru_cache(maxsize=20_000)
def _noun_readings(low: str) -> tuple:
    """(lemma, case, number, gender) of every common-noun reading of the word."""
    return tuple((_no_yo(p.normal_form), p.tag.case, p.tag.number, p.tag.gender)
                 for p in _morph().parse(low) if p.tag.POS == "NOUN" and p.tag.case
                 and not ({"Name", "Surn", "Patr", "Geox", "Orgn"} & set(p.tag.grammemes)))


@lru_cache(maxsize=20_000)
def _adjective_readings(low: str) -> tuple:
    """(case, number, gender) of every full-adjective / participle reading of the word."""
    return tuple((p.tag.case, p.tag.number, p.tag.gender) for p in _morph().parse(low)
                 if p.tag.POS in ("ADJF", "PRTF") and p.tag.case)


def _noun_agreement(words: Sequence[str], row: list[tuple[str, str]]) -> None:
    """Two dictionary nouns share the form (зал: masc. nom. зал / fem. gen. pl. of зала): the
    adjective right before agrees with one of them in case, number (and gender in the singular),
    so a lemma no agreeing reading has gives way to the one that has it (парадных зал -> зала)."""
    for i in range(1, len(words)):
        if row[i][1] != "NOUN" or row[i - 1][1] not in ("ADJ", "DET", "VERB"):
            continue
        nouns = _noun_readings(words[i].lower())
        if len({r[0] for r in nouns}) < 2:
            continue
        adjs = _adjective_readings(words[i - 1].lower())
        if not adjs:
            continue
        agree = {lem for lem, c, num, g in nouns for ac, an, ag in adjs
                 if c == ac and num == an and (num == "plur" or ag is None or g is None or g == ag)}
        if len(agree) == 1 and row[i][0] not in agree:
            row[i] = (agree.pop(), "NOUN")


# number (and gender, where fixed) of the nominative personal pronouns
_PRONOUN_AGREEMENT = {"я": ("sing", None), "ты": ("sing", None), "он": ("sing", "masc"),
                      "она": ("sing", "femn"), "оно": ("sing", "neut"), "мы": ("plur", None),
                      "вы": ("plur", None), "они": ("plur", None)}


def _short_adjective_after_pronoun(words: Sequence[str], row: list[tuple[str, str]]) -> None:
    """Right after a nominative personal pronoun, in a clause without a verb, a word read as a
    noun that has a short-adjective reading agreeing with the pronoun (ты права, они готовы),
    while none of its nominative noun readings does, is that short adjective: the predicate."""
    for i in range(1, len(words)):
        agr = _PRONOUN_AGREEMENT.get(words[i - 1].lower())
        if agr is None or row[i][1] != "NOUN" or row[i - 1][1] != "PRON":
            continue
        a, b = _clause_of(words, i)
        if any(row[k][1] in ("VERB", "AUX") for k in range(a, b)):
            continue
        num, gen = agr
        ps = _morph().parse(words[i].lower())
        if any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number == num for p in ps):
            continue
        for p in ps:
            if p.tag.POS == "ADJS" and p.tag.number == num and (gen is None or num == "plur" or p.tag.gender == gen):
                lemma = _no_yo(_lexicon()[1].get(p.normal_form, p.normal_form))
                row[i] = (lemma, "ADJ")
                break
