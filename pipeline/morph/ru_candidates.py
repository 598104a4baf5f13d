"""Russian analyser, candidates: every pymorphy3 parse of a word form read as (lemma, UD UPOS,
case, number, gender, verb form) with its prior, and the UD-Russian lemma conventions that
finish a chosen candidate's lemma (``_finish_lemma``)."""
from __future__ import annotations

import math
import re
from functools import lru_cache

from pipeline.morph.ru_base import (tag_info, _OC_CASE, _OC_GENDER, _OC_NUMBER, _OC_POS, _OC_VERBFORM,
                                    _PROPER_GRAMMEMES, _RUSSIAN_WORD, _lemma_norm, _morph, _no_yo, _tagger,
                                    _vocab)


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


class _Cand:
    __slots__ = ("lemma", "oc_pos", "upos", "proper", "known", "grammemes", "number")

    def __init__(self, lemma, oc_pos, upos, proper, known, grammemes, number=None):
        self.lemma, self.oc_pos, self.upos = lemma, oc_pos, upos
        self.proper, self.known, self.grammemes = proper, known, grammemes
        self.number = number


# weight of the navec vector length when two dictionary lemmas of one POS compete
NORM_WEIGHT = 1.0


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
    infos = [tag_info(p.tag) for p in parses]
    known = [p for p, k, t in zip(parses, is_known, infos) if k and t.pos]
    known_info = [t for k, t in zip(is_known, infos) if k and t.pos]
    # a word the dictionary lacks may be a name, unless it is written in lower case
    # (пех, гав, огл: slang, interjections, foreign words; names are capitalised)
    lower_unknown = not known and shape == "lower" and _RUSSIAN_WORD.match(low) is not None
    common_propn = shape == "upper" or (not known and not lower_unknown) or any(
        t.grammemes & _PROPER_GRAMMEMES for t in known_info)
    lemmas = {p.normal_form for p in known}
    adjf = {_no_yo(p.normal_form): p.normal_form for p, t in zip(known, known_info) if t.pos == "ADJF"}
    # longest navec vector among the lemmas of each OpenCorpora POS (for ties, see below)
    top_norm: dict = {}
    if len(lemmas) > 1:
        for p, t in zip(known, known_info):
            nrm = _lemma_norm(p.normal_form)
            if nrm is not None and nrm > top_norm.get(t.pos, 0.0):
                top_norm[t.pos] = nrm
    for p, p_known, tag in zip(parses, is_known, infos):
        ups = _OC_POS.get(tag.pos)
        if not ups:
            continue
        g = tag.grammemes
        if not p_known and tag.pos == "ADJS" and "masc" in g:
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
                 _OC_GENDER.get(tag.gender), _OC_VERBFORM.get(tag.pos))
        base = p.score
        if "Abbr" in g and shape == "lower":
            base *= 0.1  # abbreviations are written with capitals or a full stop
        if len(lemmas) > 1 and p_known:
            nrm = _lemma_norm(p.normal_form)
            if nrm is None:
                base *= RARE_LEMMA_FACTOR  # of two dictionary lemmas prefer the one in common use
            elif tag.pos in top_norm:  # two lemmas of one POS: the more common word
                base *= math.exp(NORM_WEIGHT * (nrm - top_norm[tag.pos]))
        adj_lemma = None
        if tag.pos == "PRTF" and adjf and "ADJ" in ups:
            # the dictionary has the participle as an adjective too (данный, отдалённый):
            # read as ADJ it takes that adjective's lemma, not the verb's
            try:
                f = p.inflect({"masc", "sing", "nomn"})
            except Exception:
                f = None
            if f is not None:
                adj_lemma = adjf.get(_no_yo(f.word))
        if tag.pos == "ADJS" and "VERB" in ups:
            verb = _short_participle_verb(low)
            if verb is None:  # зыбко, чуток: no participle, no VERB reading
                ups = tuple(u for u in ups if u != "VERB")
        for u in ups:
            lemma = p.normal_form
            if tag.pos == "NOUN" and "plur" in g and p_known:
                lemma = _plural_lemma(p)  # деньги: the singular is only colloquial
            if u == "VERB" and tag.pos == "ADJS":
                lemma = verb  # развит -> развить (a short participle's lemma is its verb)
            elif u == "ADJ" and adj_lemma is not None:
                lemma = adj_lemma  # данной (ADJ) -> данный
            key = (lemma, u) + feats
            ubase = base
            if key in seen:  # same lemma and reading: add up pymorphy's scores
                prior[seen[key]] += ubase
                continue
            seen[key] = len(cands)
            cands.append(_Cand(lemma, tag.pos, u, proper, p_known, g, feats[1]))
            rows.append((u,) + feats)
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
        rows.append(("PROPN", None, None, None, None))
        prior.append(UNKNOWN_NAME_PRIOR)
    elif not known and low.isalpha():
        # in lower case: an unchanging word (interjection, foreign word, indeclinable noun)
        for u in LOWER_UNKNOWN_UPOS:
            cands.append(_Cand(low, "NOUN", u, False, False, frozenset({"Form"})))
            rows.append((u, None, None, None, None))
            prior.append(UNKNOWN_NAME_PRIOR)
    if not cands:
        return (), None, None
    prior = np.log(np.array(prior, dtype=np.float32) + 1e-3)
    return tuple(cands), _mask_matrix(tuple(rows)), prior


class MaskRows:
    """The tag masks of a word's candidates, one row per candidate, kept only over the tags
    some row agrees with (a mask agrees with a few dozen of slovnet's ~1,600 tags: the full
    rows held 68 MB after the mixed kk/ru throughput corpus, these a few MB).
    ``rows @ probs`` is each candidate's probability mass, the full rows' product up to float rounding;
    ``rows[idx]`` the masks of some candidates."""

    __slots__ = ("cols", "dense")

    def __init__(self, cols, dense):
        self.cols = cols
        self.dense = dense

    @classmethod
    def of(cls, full) -> "MaskRows":
        np = _tagger().np
        cols = np.flatnonzero(full.any(axis=0))
        return cls(cols, np.ascontiguousarray(full[:, cols]))

    def __matmul__(self, probs):
        # over the kept columns only (the others are 0 in every row): the same sums up to the
        # order of float additions (differences of about 1e-9), a quarter of the time of the
        # full rows' product
        return self.dense @ probs[self.cols]

    def __getitem__(self, idx) -> "MaskRows":
        return MaskRows(self.cols, self.dense[idx])

    def __len__(self) -> int:
        return len(self.dense)


@lru_cache(maxsize=20_000)
def _mask_matrix(keys: tuple) -> MaskRows:
    """The tag masks of a word's candidates, one row per (upos, case, number, gender, verb
    form); shared by every word with the same readings."""
    tg = _tagger()
    return MaskRows.of(tg.np.stack([tg.mask(*k) for k in keys]))


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
            norm = p.normalized.tag.grammemes  # the lexeme's nominative singular: one form, not the paradigm
            if not ("sing" in norm and "Infr" not in norm):  # else a standard singular: the usual lemma
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
