"""Russian analyser, the choice: the candidate with the best tagger mass plus prior (and the
learned reranker's correction) gives a word's lemma and UPOS; finished lemmas are cached."""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Sequence

from pipeline.morph.ru_base import _log, _no_yo, _tagger, _vocab
from pipeline.morph.ru_candidates import (PRIOR_WEIGHT, _EPS, _LEMMA_CACHE, _LEMMA_CACHE_MAX, _candidates,
                                          _caps_like, _finish_lemma)
from pipeline.morph.ru_names import _name_nominative, _unknown_name_lemma
from pipeline.morph import ru_rerank


def _shape_of(word: str, first: bool) -> str:
    if len(word) > 1 and word.isupper():
        return "upper"
    if word[:1].isupper():
        return "first" if first else "title"
    return "lower"


@lru_cache(maxsize=1)
def _reranker():
    return ru_rerank.load(_tagger().np)


def _in_vocab(lemma: str) -> bool:
    v = _vocab()
    return lemma in v or _no_yo(lemma) in v


# set to a list by bench/train_ru_rerank.py: _choose then records every candidate's
# features and output (slow; training only)
_TRACE = None
_NO_CTX = None


# the candidate the last call of _choose settled on (None when it had none): tag_many reads
# the features of the chosen parse from it
LAST_CHOICE: list = [None]


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
    if len(cands) == 1 and _TRACE is None:  # one reading: nothing to weigh
        LAST_CHOICE[0] = cands[0]
        return _output(word, shape, cands, 0, probs)
    mass = M @ probs
    logmass = _log(mass + _EPS)
    rr = _reranker()
    if rr is not None or _TRACE is not None:
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
    LAST_CHOICE[0] = cands[i]
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


# --------------------------------------------------------------------------- shapes

def _is_symbolish(word: str) -> bool:
    """Emoji, emoticons like ')))' or ':-)', and other non-letter non-digit runs."""
    return all(not c.isalnum() for c in word) and any(
        unicodedata.category(c)[0] == "S" or c in "()" for c in word)


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
