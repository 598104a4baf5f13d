"""Kazakh lemmas and UPOS (UD Kazakh-KTB conventions).

`analyze(words)` gives (lemma, upos) for each word of one sentence. Nouns lose plural,
possessive and case (келіншектермен → келіншек, орнына → орын); verbs are the bare stem
(шыққан → шық, айтушы → айт, қолдайды → қолда); passive and reciprocal voice are stripped,
causative kept; derivational suffixes (-шы, -лық, -сыз, -дай, -лы) are kept.
Segmentation: pipeline/morph/kk_suffixes.py; stems: pipeline/morph/kk_lexicon.py.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Sequence

from pipeline.morph.kk_lexicon import UD_WEIGHT, lexicon
from pipeline.morph.kk_suffixes import CASE, CASE3, PL, POSS, VOWELS, Cand, nominal_endings, segment, tag_feats
from pipeline.morph.upos import shape_upos
from pipeline.resources import load_list

_CYR = re.compile(r"[а-яёәіңғүұқөһ]", re.I)
_LATIN = re.compile(r"^[A-Za-z][A-Za-z'’.\-]*$")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_NUM_SFX = re.compile(r"^(\d[\d\s.,\u00a0\u202f]*%?)-([а-яёәіңғүұқөһ]+)$", re.I)
_ORD = re.compile(r"^(.+?)(ыншы|інші|ншы|нші)$")

_STRONG_V = {"CONVP", "EVID", "PRES", "IMP2FP", "PRES2FP", "PAST2FP", "PRES1S", "PRES2S", "PRES1P", "PRES2F", "PRES2P", "PART",
             "PARTDYQ", "IMPF", "VN", "AGENT", "GALY", "GANSHA", "INF", "INFSHY", "COND",
             "COND1S", "COND2S", "COND1P", "COND2F", "PARTNEG"}
_WEAK_PENALTY = {"CONVA": 2.5, "AOR": 1.5, "PAST1P": 1.0, "PAST2S": 1.0, "IMP2F": 1.0,
                 "IMP2P": 1.0, "OPT3": 0.5, "PAST1S": 0.5, "P1S": 1.2, "P2S": 1.2, "P2F": 0.8,
                 "P2P": 1.0, "P1P": 0.3, "PRED": 1.0}
_NOM_SUFFIX_FORMS = frozenset(s.surf for s in CASE + CASE3 + PL + POSS)
_AUX_STEMS = {"бол"}
_LOAN = re.compile(r"[овфцчщэюяё]")
_BAD_FINAL = frozenset({"рн", "уз", "ус", "лқ", "лп", "рқ", "рн", "рм", "йн", "лн"})
_NOMINAL_UPOS = {"NOUN", "ADJ", "PROPN", "PRON", "NUM", "DET", "ADV"}


def _voiced_weight(c: Cand) -> float:
    for f in c.flags:
        if f[0] == "=":
            return lexicon().weight(f[1:], "V")
    return 0.0


_DEVOICE = {"ғ": "қ", "г": "к", "б": "п"}


def _devoice(stem: str) -> str:
    return stem[:-1] + _DEVOICE[stem[-1]] if stem[-1:] in _DEVOICE else stem


def _reflexive(c: Cand) -> bool:
    """True when c strips a reflexive -ын or reciprocal -ыс of a consonant stem whose voiced
    form is a listed verb (сезін, түсін, бағын, күрес): the treebank keeps those in the
    lemma. Stems ending in ы/і before a bare -н/-с (бағы+н) are the same split, worse."""
    voiced = next((f[1:] for f in c.flags if f[0] == "="), "")
    if voiced[-1:] not in ("н", "с") or c.stem[-1:] == "л":
        return False
    if len(voiced) == len(c.stem) + 1 and c.stem[-1:] in "ыі":
        return lexicon().weight(voiced, "V") > 0
    if len(voiced) == len(c.stem) + 1:
        # after a vowel: reciprocal -с (орналас, кездес) and reflexive -н (қуан, үйрен) of
        # listed verbs are kept, but the passive -н of -ла/-да verbs is not (жоспарлан → жоспарла)
        if voiced[-1] == "н" and c.stem.endswith(endings("LA")):
            return False
        return lexicon().weight(voiced, "V") > 0
    return len(voiced) == len(c.stem) + 2 and lexicon().weight(voiced, "V") > 0


def _score(c: Cand) -> float:
    lex = lexicon()
    w = lex.weight(c.stem, c.kind)
    if w == 0 and c.kind == "V" and len(c.stem) > 2 and not _reflexive(c):
        # the treebank strips passive/reciprocal voice: сатыл → сат even when only сатыл is listed
        w = _voiced_weight(c)
    n = len(c.tags)
    s = 0.0
    if w > 0:
        s += 10.0 + min(math.log1p(w), 8.0) + 0.25 * n
        if c.kind == "V" and ("PASS" in c.tags or "RCP" in c.tags) and lex.weight(c.stem, "V") > 0:
            # UD Kazakh-KTB lemmas drop the passive (жасал → жаса, салын → сал), but keep
            # lexicalised reflexive -ын and reciprocal -ыс verbs (сезін, түсін, орналас, кездес)
            s += -2.5 if _reflexive(c) else 1.5
    else:
        if "drop" in c.flags:
            # a dropped vowel is restored without the lexicon only where the bare cluster
            # cannot end a Kazakh word (орн-ы → орын, ауз-ы → ауыз, халқ-ы → халық)
            if "voice" in c.flags or c.stem[-3:-2] + c.stem[-1:] not in _BAD_FINAL:
                return -100.0
            s += 0.3
        s += 0.35 * n
        if len(c.stem) <= 2:
            s -= 3.0
        elif len(c.stem) == 3:
            s -= 1.0
        if c.kind == "V":
            if not c.tags:
                s -= 5.0
            elif c.tags[-1] in _STRONG_V or any(t in _STRONG_V for t in c.tags):
                s -= 0.2
            else:
                s -= 1.5
            if "vnvowel" in c.flags:
                s -= 0.5
            if "PASS" in c.tags or "RCP" in c.tags:
                voiced = next((f[1:] for f in c.flags if f[0] == "="), "")
                # an unknown passive in -л/-ыл is stripped as the treebank does (азаптал → азапта)
                s += 0.4 if voiced[-1:] == "л" and len(c.stem) > 3 else -0.6
        if "voice" in c.flags:
            s -= 0.1
        elif c.tags and c.stem[-1] in "ғгб" and not _LOAN.search(c.stem):
            s -= 1.0  # native stems do not end in ғ/г/б: мысығы → мысық
    if c.kind == "V" and not c.tags:
        s -= 3.0
    if c.kind == "N" and w > 0 and len(c.stem) > 3 and c.stem[-1] in "ыі" and c.stem[-2] not in VOWELS:
        # a listed stem that is itself a 3rd-person possessive of a listed stem
        # (аты < ат, іші < іш, ұлы < ұл): the treebank lemma is the bare stem
        base = c.stem[:-1]
        bw = max(lex.weight(base, "N"), lex.weight(_devoice(base), "N"))
        if bw >= 20 or (bw > 1.0 and bw >= w):
            s -= 2.5
    if w > 0 and c.tags and c.stem[-1] in "ғгб" and lex.weight(_devoice(c.stem), c.kind) > 0:
        s -= 3.0  # аймағ-ы is аймақ-ы: a voiced final is the suffix's doing
    if c.kind == "N" and c.tags and c.tags[0] in ("P3", "ACC", "GEN", "PL") and lex.best_pos(c.stem, "N") == "ADV":
        s -= 3.0  # adverbs take no possessive, accusative, genitive or plural (кешені ≠ кеше-ні)
    if c.kind == "V" and c.tags[-1:] == ("PAST1P",) and len(c.tags) <= 2:
        # -дық/-лық of a listed noun or adjective is a derived noun (жаман-дық), not 'we did'
        base = next((f[1:] for f in c.flags if f[0] == "="), c.stem)
        if lex.weight(base, "N") >= 2:
            s -= 3.0
    for t in c.tags:
        s -= _WEAK_PENALTY.get(t, 0.0)
    if "harm" in c.flags:
        s -= 3.0
    if "voice" in c.flags and w == 0 and lex.weight(c.stem[:-1], c.kind) > 0:
        s -= 5.0
    return s


@lru_cache(maxsize=200_000)
def _best(low: str) -> tuple[str, str, tuple[str, ...], bool]:
    """(stem, kind, tags, known) of the best reading of a lower-case word."""
    cands = segment(low)
    extra = []
    for c in cands:
        # Russian loans lose a final soft sign or double consonant before a suffix
        # (модел-і → модель, процес-ке → процесс); restored only for listed stems
        if c.kind == "N" and c.tags and c.stem[-1:] not in VOWELS and c.stem[-1:] != "ь":
            for alt in (c.stem + "ь", c.stem + c.stem[-1]):
                if lexicon().weight(alt, "N") > 0:
                    extra.append(Cand(alt, "N", c.tags, c.flags | {"loan"}))
    best = max(cands + extra, key=_score)
    best = _case_after_possessive(best, cands) or best
    return best.stem, best.kind, best.tags, lexicon().weight(best.stem, best.kind) > 0


_P3_CASES = frozenset(("P3", e.tag) for e in CASE3)


def _case_after_possessive(best: Cand, cands: Sequence[Cand]) -> Cand | None:
    """The case reading of a word that ends in a 3rd-person possessive followed by the
    pronominal -н- case (-сы-на, -ы-нда, -сі-нен, -ы-н) over a listed noun, when the best
    reading is instead the whole word as a stem known only from an induced word list.

    That chain closes a Kazakh noun and belongs to no root, so a corpus-induced list that
    holds such a word as a stem has mistaken a case form for a stem:
    ``кітапханасына`` (listed by induction) is кітапхана + сы + на, not a stem of its own.
    Hand-written and treebank stems (weight ≥ UD_WEIGHT) are trusted as they are."""
    if best.kind != "N" or best.tags or lexicon().weight(best.stem, "N") >= UD_WEIGHT:
        return None
    found = [c for c in cands if c.kind == "N" and tuple(t for t in c.tags if t != "PL")[-2:] in _P3_CASES
             and "harm" not in c.flags and "drop" not in c.flags and lexicon().weight(c.stem, "N") > 0]
    return max(found, key=_score) if found else None


@lru_cache(maxsize=50_000)
def _best_converb(low: str, tag: str = "CONVA") -> str | None:
    """Stem of the best verb reading of low ending in tag (by default the converb in -а/-е/-й)
    with a listed verb stem, or None."""
    lex = lexicon()
    best, best_s = None, -1e9
    for c in segment(low):
        if c.kind == "V" and c.tags and c.tags[-1] == tag and lex.weight(c.stem, "V") > 0:
            sc = _score(c)
            if sc > best_s:
                best, best_s = c.stem, sc
    return best


@lru_cache(maxsize=20_000)
def _vn_noun(low: str, tags: tuple[str, ...]) -> str | None:
    """The -у noun of a verbal-noun reading of low with nominal tags (жаттығулар → жаттығу)."""
    for c in segment(low):
        if c.kind == "N" and c.tags == tags and c.stem.endswith("у") and not c.flags:
            return c.stem
    return low if not tags and low.endswith("у") else None


def _cap_like(stem: str, word: str) -> str:
    """Give stem the capitalisation of word (ҚХА-ның → ҚХА, Сәрсенбайға → Сәрсенбай)."""
    if word.isupper() and len(word) > 1:
        return stem.upper()
    if word[:1].isupper():
        return stem[:1].upper() + stem[1:]
    return stem


def _analyse_plain(word: str, first: bool) -> tuple[str, str, str]:
    """(lemma, upos, kind) of one alphabetic word, without sentence context."""
    lex = lexicon()
    low = word.lower()
    closed = lex.closed.get(word) or lex.closed.get(low)
    if closed:
        lemma, upos = closed[0]
        if word == "Мен" and first:
            return "мен", "PRON", "C"  # sentence-initial Мен is 'I', inside it is 'and'
        return lemma, upos, "C"
    seen = lex.forms.get(low)
    if seen and not (seen[1] == "PROPN" and not word[:1].isupper()):
        got = _seen_form(low, *seen)
        if got is not None:
            return got
    # numerals: ordinals (үшінші → үш) and inflected cardinals
    m = _ORD.match(low)
    if m and m.group(1) in lex.closed and any(u == "NUM" for _, u in lex.closed[m.group(1)]):
        return m.group(1), "NUM", "C"
    adv = _adv_gy(low)
    if adv:
        return adv
    stem, kind, tags, known = _best(low)
    tag_s = "+".join(tags)
    if kind == "V":
        return stem, ("AUX" if stem in _AUX_STEMS else "VERB"), "V:" + tag_s
    closed = lex.closed.get(stem)
    if closed and tags:
        for lemma, upos in closed:
            if upos in ("PRON", "NUM", "DET", "ADJ", "ADV", "NOUN") and lemma == stem:
                if upos == "DET" and any(u == "NUM" for _, u in closed):
                    upos = "NUM"  # бірі, бірінен: an inflected determiner is a numeral
                return lemma, upos, "N:" + tag_s
    upos = lex.best_pos(stem, "N")
    capital = word[:1].isupper()
    if capital:
        propn = stem in lex.proper or upos == "PROPN"
        if not first and (propn or not known or word.isupper()):
            return lex.proper.get(stem) or _cap_like(stem, word), "PROPN", "N:" + tag_s
        # an unknown sentence-initial word is a name when the large hunspell-kk word list
        # is there to know the common words; with the small shipped lexicon it is more
        # often a common noun the lexicon lacks
        if first and (propn and upos == "PROPN" or (not known and lex.hunspell)):
            return lex.proper.get(stem) or _cap_like(stem, word), "PROPN", "N:" + tag_s
    if upos == "PROPN" and not capital:
        upos = _common_pos(stem)
    if upos is None:
        upos = "NOUN"
    if upos == "PROPN":
        return lex.proper.get(stem) or _cap_like(stem, word), "PROPN", "N:" + tag_s
    return stem, upos, "N:" + tag_s


def _common_pos(stem: str) -> str:
    """The best reading of a stem other than a name, for a word written in lower case.

    Kazakh writes proper names with a capital, so a lower-case word is a common word even
    when its stem is also a name (мейрам 'holiday' / Мейрам, араб 'an Arab' / Араб, иран
    соғысы): ``араб`` → NOUN, whatever the name lists say."""
    d = lexicon().stems.get(stem, {})
    common = {p: w for p, w in d.items() if p not in ("PROPN", "VERB")}
    return max(common, key=common.get) if common else "NOUN"


@lru_cache(maxsize=50_000)
def _seen_form(low: str, lemma: str, upos: str) -> tuple[str, str, str] | None:
    """(lemma, upos, kind) of a form the treebank's tune half reads one way (ud_forms.txt);
    the kind carries the suffix tags of the segmentation that reaches that lemma, so the
    context rules see it as they see any analysis (алынған → ал VERB, V:PASS+PART)."""
    verbal = upos in ("VERB", "AUX")
    if verbal:
        # AUX or VERB depends on the words around (a light verb after a converb is AUX):
        # the context rules decide, as for any verb
        upos = "AUX" if lemma in _AUX_STEMS else "VERB"
    best = None
    for c in segment(low):
        if c.stem == lemma.lower() and (c.kind == "V") == verbal and (best is None or _score(c) > _score(best)):
            best = c
    closed = upos in ("PRON", "DET", "ADP", "CCONJ", "SCONJ", "PART", "INTJ", "X")
    if best is None and not closed and lemma.lower() != low:
        # the suffix grammar cannot reach this form from that lemma (өсті → *өст): a slip of
        # the annotation, or an irregular form the grammar should learn; not taken on trust
        return None
    kind = ("V:" if verbal else "N:") + ("+".join(best.tags) if best else "")
    if closed:
        kind = "C"
    return lemma, upos, kind


_GY = re.compile(r"^(.{2,}?)(ғы|гі|қы|кі)$")


def _adv_gy(low: str) -> tuple[str, str, str] | None:
    """Adjectives in -ғы/-гі of time and place adverbs take the adverb as lemma and keep its
    UPOS (қазіргі → қазір, биылғы → биыл, арғы → ары, дейінгі → дейін)."""
    m = _GY.match(low)
    if not m:
        return None
    lex = lexicon()
    base = m.group(1)
    for stem in (base, base + "ы", base + "і"):
        d = lex.stems.get(stem)
        if d and d.get("ADV", 0) >= 100:
            return stem, "ADV", "N:GY"
        if stem in ("дейін", "шейін"):
            return stem, "ADP", "N:GY"
    return None


# the reading of a word before the context rules depends on the word and on whether it opens
# its sentence only: remembered per form (a new form is segmented, scored and looked up)
@lru_cache(maxsize=50_000)
def _analyse_word(word: str, first: bool) -> tuple[str, str, str]:
    if not word:
        return word, "X", "X"
    shape = shape_upos(word)
    m = _NUM_SFX.match(word)
    if m:
        return m.group(1), "NUM", "N"
    if shape:
        return word, shape, "X"
    if _ROMAN.match(word):
        return word, "NUM", "N"
    if "." in word.strip(".") and _CYR.search(word):
        return word.lower(), "NOUN", "N"  # abbreviation: т.б., б.з.б.
    if not _CYR.search(word):
        if _LATIN.match(word):
            return word, ("PROPN" if word[:1].isupper() else "X"), "X"
        if any(ch.isdigit() for ch in word):
            return word, "NUM", "N"
        return word, "SYM" if len(word) == 1 else "X", "X"
    if "-" in word.strip("-") and word.lower() not in lexicon().closed:
        head, _, tail = word.rpartition("-")
        if tail.lower() in _NOM_SUFFIX_FORMS or _is_suffix_chain(tail.lower()):
            # abbreviation or name with a hyphenated ending: ҚХА-ның → ҚХА
            return head, ("PROPN" if head[:1].isupper() else "NOUN"), _tail_kind(tail.lower())
        lemma, upos, kind = _analyse_plain(tail, False)
        if upos == "PROPN":
            # Санкт-Петербург, Сан-Паулуда → Сан-Паулу: a name keeps each part's capital
            return head + "-" + _cap_like(lemma, tail), upos, kind
        if head.isupper() and len(head) > 1:
            return head + "-" + lemma, upos, kind  # АҚШ-тың ... abbreviations keep their case
        # common compounds are lower-cased (Көші-қон → көші-қон, Премьер-Министрге → премьер-министр)
        return (head + "-" + lemma).lower(), upos, kind
    return _analyse_plain(word, first)


@lru_cache(maxsize=4096)
def _tail_kind(tail: str) -> str:
    """The nominal kind of a hyphenated ending (ҚХА-ның → ``N:GEN``, АҚШ-тағы → ``N:LREL``)."""
    for base in ("ата", "кітап", "үй", "мектеп"):
        for c in segment(base + tail):
            if c.kind == "N" and c.stem == base and c.tags:
                return "N:" + "+".join(c.tags)
    return "N:"


@lru_cache(maxsize=4096)
def _is_suffix_chain(s: str) -> bool:
    if not s or len(s) > 8 or any(ch not in VOWELS and not _CYR.match(ch) for ch in s):
        return False
    for c in segment("ата" + s):
        if c.kind == "N" and c.stem in ("ата", "атас") and c.tags:
            return True
    for c in segment("кітап" + s):
        if c.kind == "N" and c.stem in ("кітап",) and c.tags:
            return True
    return False


@lru_cache(maxsize=200_000)
def lemmatize_word(word: str) -> str:
    """Lemma of one word out of context."""
    try:
        lemma = _analyse_word(word, False)[0]
    except Exception:  # never raise on odd input
        return word
    if word[:1].isupper() and lemma[:1].islower() and lemma[:1].upper() == word[:1]:
        # out of context a capitalised word is most likely a name: keep its capital
        lemma = word[:1] + lemma[1:]
    return lemma


def analyze(words: Sequence[str]) -> list[tuple[str, str]]:
    """(lemma, upos) of each word of one sentence, in context."""
    return analyse_rules(words)[0]


def tag_many(sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, str, str]]]:
    """(lemma, upos, feats) of each word of many sentences; ``feats`` is a UD feature string
    (``Case=Gen|Number=Plur|Number[psor]=Plur,Sing|Person[psor]=3``) from the suffixes of the
    reading chosen in context, "" for closed-class words and symbols."""
    out = []
    for words in sentences:
        res, kinds = analyse_rules(words)
        out.append([(lemma, upos, feats_of(upos, kind)) for (lemma, upos), kind in zip(res, kinds)])
    return out


def tag(words: Sequence[str]) -> list[tuple[str, str, str]]:
    """(lemma, upos, feats) of each word of one sentence."""
    return tag_many([words])[0]


_CASED = frozenset({"NOUN", "PROPN"})


@lru_cache(maxsize=4096)
def feats_of(upos: str, kind: str) -> str:
    """UD features of a reading: its suffix tags' features (``kk/suffixes.tsv``,
    ``kk/verb_feats.tsv``), merged in order; nouns without a case ending are ``Case=Nom``.

    >>> feats_of("NOUN", "N:PL+P3+GEN")
    'Case=Gen|Number=Plur|Number[psor]=Plur,Sing|Person[psor]=3'
    """
    if ":" not in kind:
        return ""
    tags = [t for t in kind[2:].split("+") if t]
    table = {**tag_feats(), **_verb_feats()}
    merged: dict[str, str] = {}
    for t in tags:
        for f in table.get(t, "").split("|"):
            if "=" in f:
                k, v = f.split("=", 1)
                merged[k] = v
    if kind[0] == "N" and upos in _CASED and "Case" not in merged:
        merged["Case"] = "Nom"
    if kind[0] == "V" and "VN" in tags and "Case" not in merged:
        merged["Case"] = "Nom"
    return "|".join(f"{k}={merged[k]}" for k in sorted(merged, key=str.lower))


@lru_cache(maxsize=1)
def _verb_feats() -> dict[str, str]:
    return {line.split("\t")[0].strip(): line.split("\t")[1].strip()
            for line in load_list("kk/verb_feats.tsv") if "\t" in line}


def case_endings(*, possessive: bool = False, plural: bool = False) -> tuple[str, ...]:
    """Surface forms of the Kazakh case endings (``kk/suffixes.tsv``), longest first: after a
    bare stem (``-ның``, ``-ға``, ``-да`` ...) and after a 3rd-person possessive (``-нда``,
    ``-на``, ``-н``); with ``possessive`` / ``plural`` the possessive and plural endings too.
    For extractors that must recognise an ending on a word the language layer did not
    analyse (a name in quotes, an abbreviation with a hyphen: ``ҚХА-ның``).

    >>> "ның" in case_endings() and "лар" not in case_endings()
    True
    """
    groups = {"case", "case3", "case12"} | ({"poss"} if possessive else set()) | ({"pl"} if plural else set())
    forms = {e.surf for e in nominal_endings() if e.group in groups and e.tag != "SIM"}
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


@lru_cache(maxsize=None)
def endings(*tags: str) -> tuple[str, ...]:
    """Surface forms of the Kazakh endings with these tags in ``kk/suffixes.tsv``, longest first:
    ``PL``; possessives ``P3`` ``P1S`` ...; cases ``GEN ACC DAT LOC ABL INS`` (after a bare stem and
    after a 3rd-person possessive: ``DAT`` gives ``-ға`` and ``-на``), ``LREL`` (``-дағы``), ``SIM``
    (``-дай``); derivational ``LY`` (``-лы``), ``SYZ``, ``SHYL``, ``REL`` (``-ғы``), ``LYQ`` (``-лық``).
    For extractors that match an ending on a string the language layer did not analyse as one
    word (a name in quotes, an abbreviation with a hyphen, a span of several tokens).

    >>> endings("GEN")
    ('дың', 'дің', 'ның', 'нің', 'тың', 'тің')
    """
    want = set(tags)
    forms = {e.surf for e in nominal_endings() if e.tag in want}
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


def ending_pattern(*tags: str) -> str:
    """``endings(*tags)`` as a regex alternation (no group, no anchor), longest first.

    >>> re.fullmatch(ending_pattern("LOC"), "нде") is not None
    True
    """
    return "|".join(endings(*tags))


def analyse_rules(words: Sequence[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """(lemma, upos) and the analysis kind (``N:P3+GEN``, ``V:PAST``, ``C``, ``X``) of each
    word, by the suffix grammar, the lexicon and the context rules."""
    out: list[tuple[str, str]] = []
    kinds: list[str] = []
    first = True
    for w in words:
        try:
            lemma, upos, kind = _analyse_word(w, first)
        except Exception:
            lemma, upos, kind = w, "X", "X"
        out.append((lemma, upos))
        kinds.append(kind)
        if upos != "PUNCT":
            first = False
        elif w in ".!?…:«\"“–—":
            first = True
    _context(words, out, kinds)
    _keep_seen(words, out)
    return out, kinds


def _keep_seen(words: Sequence[str], out: list[tuple[str, str]]) -> None:
    """A form the treebank's tune half reads one way keeps that reading after the context
    rules, except verb against auxiliary, which only the context decides."""
    forms = lexicon().forms
    for i, w in enumerate(words):
        seen = forms.get(w.lower())
        if seen and seen[1] == "PROPN" and not w[:1].isupper():
            continue  # the form list is lower-cased: a lower-case word is no name (_common_pos)
        if seen and seen[1] in ("NOUN", "ADJ", "PROPN") and out[i][1] in ("NOUN", "ADJ", "PROPN"):
            out[i] = seen


_ABL = endings("ABL")  # одан, бұдан, сол жақтан ...
# verbs that follow a converb in -а/-е (келе жатыр, түсіне алмады, бола береді)
_CONV_AUX = frozenset({"жат", "ал", "бер", "біл", "сал", "түс", "кет", "баста", "отыр", "тұр", "жүр"})
# verbs the treebank tags AUX after a converb (айтып жатыр, келе жатқан, ойлап қалды)
_LIGHT = frozenset({"кел", "қал", "жат", "ал", "отыр", "жүр", "бол"})
# endings of loan adjectives, not Kazakh suffixes (so not in kk/suffixes.tsv): Arabic and
# Persian -и (тарихи, ресми), Russian -ов/-ев
_LOAN_ADJ_ENDINGS = ("и", "ов", "ев")
# a bare word in -лы, -сыз, -шыл, -ғы is an adjective (тұрақты, шексіз, ұшқыр, қазіргі)
_ADJ_BARE = re.compile(f"(?:{'|'.join(endings('LY', 'SYZ', 'SHYL', 'REL') + _LOAN_ADJ_ENDINGS)})$")
_ADJ_LYQ = re.compile(f"(?:{ending_pattern('LYQ')})$")
# -ды/-ті is both the accusative after a consonant (елді) and the adjective -лы (қуанышты)
_ACC_ADJ = re.compile(f"(?:{'|'.join(sorted(set(endings('ACC')) & set(endings('LY'))))})$")
_NOMINAL_NEXT = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})


@lru_cache(maxsize=1)
def _light_verbs() -> frozenset[tuple[str, str]]:
    pairs = set()
    for line in load_list("kk/light_verbs.txt"):
        parts = line.split("\t")
        if len(parts) == 2:
            pairs.add((parts[0].strip().lower(), parts[1].strip()))
    return frozenset(pairs)


def _context(words: Sequence[str], out: list[tuple[str, str]], kinds: list[str]) -> None:
    lex = lexicon()
    n = len(out)
    lvc = _light_verbs()
    main_bol: set[int] = set()  # бол as the verb of a compound (пайда болды) is VERB
    for i in range(n - 1):
        # compound verbs: the nominal part is X with its form as lemma (қол қойды, пайда болды)
        low = words[i].lower()
        if (low, out[i + 1][0]) in lvc and kinds[i + 1].startswith("V:"):
            out[i] = (low if not words[i][:1].isupper() or i == 0 else words[i], "X")
            kinds[i] = "X"
            if out[i + 1][0] == "бол":
                main_bol.add(i + 1)
    if (n > 1 and not lex.hunspell and out[0][1] == "NOUN" and words[0][:1].isupper()
            and out[1][1] == "PROPN" and kinds[0].startswith("N:") and lex.weight(out[0][0], "N") == 0):
        # without hunspell-kk an unknown first word is a common noun, unless a name follows
        # (Шолпан Сәрсенбайға ...)
        out[0] = (_cap_like(out[0][0], words[0]), "PROPN")
    for i in range(n - 1):
        # a nominal reading right before a verb is often a converb in -а/-е (келе жатыр,
        # түсіне алмады, айнала қарады): take the converb when its verb stem is listed
        if (kinds[i].startswith("N:") and out[i][1] in ("NOUN", "ADJ") and kinds[i + 1].startswith("V:")
                and not words[i][:1].isupper() and words[i][-1:] in "аеяй"):
            aux = out[i + 1][0] in _CONV_AUX
            stem = _best_converb(words[i].lower())
            if stem and (kinds[i] == "N:" and (aux or lex.weight(words[i].lower(), "N") == 0)
                         or aux and lex.weight(stem, "V") >= 100):
                out[i] = (stem, "VERB")
                kinds[i] = "V:CONVA"
    for i in range(n):
        # verbal nouns in -у used as nouns keep -у in the lemma (жаттығулар → жаттығу):
        # in the plural, or right after an adjective
        kind = kinds[i]
        if kind.startswith("V:VN") and out[i][1] == "VERB":
            tags = tuple(kind[2:].split("+"))
            after_adj = i > 0 and out[i - 1][1] == "ADJ" and kinds[i - 1] == "N:" and not set(tags) & {"DAT", "P3"}
            if "PL" in tags or after_adj:
                noun = _vn_noun(words[i].lower(), tags[1:])
                if noun:
                    out[i] = (noun, "NOUN")
                    kinds[i] = "N:" + "+".join(tags[1:])
    for i in range(n - 1):
        # izafet: a bare nominal before a noun with a 3rd-person possessive is a noun
        # (есірткі бизнесі, зейнетақы жинағы), unless it is a hand-listed adjective (жаңа үлгісі)
        if (out[i][1] == "ADJ" and kinds[i] == "N:" and out[i + 1][1] == "NOUN"
                and "P3" in kinds[i + 1][2:].split("+") and kinds[i + 1].startswith("N:")
                and lex.stems.get(out[i][0], {}).get("ADJ", 0) < 100 and not _ADJ_BARE.search(words[i].lower())):
            out[i] = (out[i][0], "NOUN")
    for i in range(n):
        lemma, upos = out[i]
        low = words[i].lower()
        prev = out[i - 1][1] if i > 0 else None
        prev_kind = kinds[i - 1] if i > 0 else ""
        nxt = out[i + 1][1] if i + 1 < n else None
        nxt_kind = kinds[i + 1] if i + 1 < n else ""
        kind = kinds[i]
        if low == "басқа" and i > 0 and (prev_kind.endswith("ABL") or words[i - 1].lower().endswith(_ABL)):
            out[i] = ("басқа", "ADP")  # одан басқа 'apart from it'
        elif out[i] == ("да", "ADV") and _finite(prev_kind):
            out[i] = ("да", "CCONJ")  # see _finite
        elif kind.startswith("V:") and lemma in _LIGHT:
            conv = prev_kind.startswith("V:") and prev_kind[2:].split("+")[-1] in ("CONVP", "CONVA")
            if i in main_bol:
                out[i] = (lemma, "VERB")
            elif (conv and out[i - 1][0] != "де") or lemma in _AUX_STEMS:
                out[i] = (lemma, "AUX")
        elif kind.startswith("N:") and upos == "NOUN":
            tags = kind[2:]
            if not tags and _ADJ_BARE.search(low) and len(low) > 4:
                out[i] = (lemma, "ADJ")
            elif not tags and _ADJ_LYQ.search(low) and nxt in _NOMINAL_NEXT:
                out[i] = (lemma, "ADJ")
            elif tags == "ACC" and _ACC_ADJ.search(low) and nxt in _NOMINAL_NEXT and nxt_kind.startswith("N:"):
                out[i] = (low, "ADJ")
            elif tags == "ACC" and _clause_final(words, i, out):
                _accusative_closing_clause(words, i, out, kinds)
        elif kind == "N:ACC" and upos == "ADJ" and _clause_final(words, i, out):
            _accusative_closing_clause(words, i, out, kinds)
        elif low in lex.closed and len(lex.closed[low]) > 1:
            options = lex.closed[low]
            ups = [u for _, u in options]
            if "DET" in ups and "PRON" in ups:
                pick = "DET" if nxt in ("NOUN", "ADJ", "PROPN", "NUM") else "PRON"
                for lem, u in options:
                    if u == pick:
                        out[i] = (lem, u)
                        break


def _finite(kind: str) -> bool:
    """True when the analysis kind is a finite verb form (its last suffix has ``VerbForm=Fin`` in
    ``kk/verb_feats.tsv``: -ды, -ады, -ыпты ...).

    After a finite verb the particle да/де/та/те no longer means 'also, even' (ADV): it joins the
    next clause to the one the verb closes, as a conjunction (CCONJ):
    ``Ол үйге барды да, кітабын алды.`` 'He went home and took his book.'"""
    if not kind.startswith("V:"):
        return False
    last = kind[2:].split("+")[-1]
    return "VerbForm=Fin" in _verb_feats().get(last, "")


def _clause_final(words: Sequence[str], i: int, out: list[tuple[str, str]]) -> bool:
    """True when word i ends its clause: last word, or before a copula/auxiliary or . ! ?"""
    return i + 1 >= len(out) or out[i + 1][1] == "AUX" or words[i + 1] in ".!?"


def _accusative_closing_clause(words: Sequence[str], i: int, out: list[tuple[str, str]], kinds: list[str]) -> None:
    """Re-read a nominal in -ды/-ді/-ты/-ті taken as an accusative that closes its clause.

    Kazakh is verb-final and the accusative marks an object, which stands before its verb: an
    accusative cannot close a clause nor stand before a copula. Such a word is the past tense
    -ды/-ті of a listed verb (Ол үйге барды. → бар VERB, not the accusative of the adjective
    бар), else a predicative adjective in -ды/-ты (қуанышты мын → қуанышты ADJ)."""
    low = words[i].lower()
    if not _ACC_ADJ.search(low):
        return
    past = _best_converb(low, "PAST")
    if past:
        prev_kind = kinds[i - 1] if i > 0 else ""
        conv = prev_kind.startswith("V:") and prev_kind.split("+")[-1] in ("V:CONVP", "CONVP", "V:CONVA", "CONVA")
        out[i] = (past, "AUX" if conv and past in _LIGHT else "VERB")
        kinds[i] = "V:PAST"
    else:
        out[i] = (low, "ADJ")
