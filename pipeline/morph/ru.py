"""Russian lemmas, UD UPOS and features in context.

Pipeline per sentence:
1. shape rules (punctuation, numbers, symbols, URLs, hashtags, Latin words);
2. slovnet's news morphology tagger (numpy, navec embeddings, shipped inside the
   ``natasha`` package: no download) gives, for every word in context, a
   probability distribution over UD tags (UPOS + features) (``ru_base``);
3. every pymorphy3 parse of the word, read as a UD UPOS with its case, number,
   gender and verb form, is scored by the tagger's probability mass on the tags
   it agrees with, plus pymorphy's own prior; the best (parse, UPOS) gives the
   lemma and the UPOS (``ru_candidates``, ``ru_choose``; names the dictionary lacks:
   ``ru_names``). The tagger alone is weak on words outside navec's vocabulary,
   pymorphy alone cannot use context: together they are not.
4. UD-Russian lemma conventions (``ru_candidates._finish_lemma``);
5. context rules over the whole sentence, in the order of :data:`RULES`
   (``ru_rules_*``: named functions, each with an example);
6. features: the UD reading of the pymorphy3 parse behind the final lemma and UPOS.

Models load lazily, once per process (import is cheap). Candidate sets are
cached per word form, finished lemmas per (word, chosen tag).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from pipeline.morph import ru_choose
from pipeline.morph.ru_base import (_CYR, _LATIN, _OC_POS, _PROPER_GRAMMEMES, _RUSSIAN_WORD, _URL, _log, _morph,
                                    _no_yo, _tagger, morph_analyzer, ner_tagger, news_embedding)
from pipeline.morph.ru_candidates import PRIOR_WEIGHT, _EPS, _Cand, _candidates, _finish_lemma, _lexicon
from pipeline.morph.ru_choose import _choose, _is_symbolish, _reranker, _sentence_initial, _shape_of
from pipeline.morph.ru_feats import ud_feats
from pipeline.morph.ru_rules_names import _appositions, _bynames, _name_adjectives, _nobiliary, _quoted_titles
from pipeline.morph.ru_rules_predicative import _comparatives, _predicatives
from pipeline.morph.ru_rules_pronouns import (_emphatic_sam, _possessives, _split_indefinites, _substantivised,
                                              _total_pronoun_number, _totals)
from pipeline.morph.upos import shape_upos

__all__ = ["analyze", "analyze_many", "tag_many", "morph_analyzer", "news_embedding", "ner_tagger", "RULES"]

# The context rules in the order they run over a sentence: rule(words, row, P) corrects the
# (lemma, upos) pairs of ``row`` in place (P: the tagger's tag probabilities per word).
RULES = (
    _possessives,                  # видел его книгу: его DET; видел его вчера: он PRON
    _totals,                       # все книги: весь DET; всё же: всё ADV
    _predicatives,                 # сейчас трудно найти: трудный ADJ; усердно работает: ADV
    _total_pronoun_number,         # важно всё: всё, not все
    _comparatives,                 # судак становится активнее: активный ADJ
    _bynames,                      # Илья Муромец: Муромец PROPN
    _name_adjectives,              # Стаклишкского деканата: стаклишкский ADJ
    _nobiliary,                    # Леонардо да Винчи: да -> Да
    _appositions,                  # у города Иидзука: Иидзука, not *Иидзук
    _substantivised,               # поиск выживших: выживший NOUN
    _emphatic_sam,                 # к самому себе: сам, not самый
    _quoted_titles,                # роман «Воскресение»: Воскресение PROPN
    _split_indefinites,            # когда то: когда-то
)


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
        chosen = []
        for i, pr in enumerate(P):
            ru_choose.LAST_CHOICE[0] = None
            try:
                row.append(_analyze_word(s, i, pr, ctxs[i] if ctxs else None))
            except Exception:
                row.append(_fallback(s[i]))
            chosen.append(ru_choose.LAST_CHOICE[0])
        before = list(row)
        for rule in RULES:
            rule(s, row, P)
        if feats:
            result.append([(lem, u, _chosen_feats(c) if c is not None and (lem, u) == b
                            else _feats_of(s, i, lem, u, P[i]))
                           for i, ((lem, u), b, c) in enumerate(zip(row, before, chosen))])
        else:
            result.append([(lem, u, "") for lem, u in row])
    return result


def _chosen_feats(c: _Cand) -> str:
    """UD features of the candidate the word's analysis settled on ("" for a guessed name)."""
    if "Guess" in c.grammemes or "Form" in c.grammemes:
        return ""
    return ud_feats(c.oc_pos, c.grammemes)


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
    if _reranker() is None and ru_choose._TRACE is None:
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


def analyze(words: Sequence[str]) -> list[tuple[str, str]]:
    """(lemma, upos) for every word of one sentence, chosen in context. Never raises."""
    try:
        return analyze_many([list(words)], batch_size=1)[0]
    except Exception:
        return [_fallback(w) for w in words]
