"""Russian words out of context: every dictionary reading of a form, inflection, and a
name phrase in the nominative. Extractors call these (through :mod:`pipeline.morph`)
instead of keeping a pymorphy3 analyser of their own; pymorphy3 objects never leave here.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Sequence

from pipeline.morph.ru import morph_analyzer
from pipeline.morph.ru_feats import grammemes_of, ud_feats

_CYR = re.compile(r"[А-Яа-яЁё]")
# OpenCorpora POS -> the UD UPOS it is read as out of context
_UPOS = {"NOUN": "NOUN", "ADJF": "ADJ", "ADJS": "ADJ", "COMP": "ADJ", "VERB": "VERB", "INFN": "VERB",
         "PRTF": "VERB", "PRTS": "VERB", "GRND": "VERB", "NUMR": "NUM", "ADVB": "ADV", "NPRO": "PRON",
         "PRED": "ADV", "PREP": "ADP", "CONJ": "CCONJ", "PRCL": "PART", "INTJ": "INTJ"}
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


class Reading(NamedTuple):
    """One dictionary analysis of a word form, likeliest first (pymorphy3's order)."""

    lemma: str          # dictionary form, ё kept as the dictionary writes it
    pos: str            # OpenCorpora POS: NOUN, ADJF, PRTF, VERB, ...
    upos: str           # UD UPOS it reads as out of context (PROPN for dictionary names)
    grammemes: frozenset  # OpenCorpora grammemes: {"NOUN", "inan", "femn", "sing", "gent"}
    feats: str          # the same as UD features: "Animacy=Inan|Case=Gen|Gender=Fem|Number=Sing"
    score: float        # pymorphy3's probability estimate
    known: bool         # the dictionary has the form (not a guess by suffix)


@lru_cache(maxsize=131072)
def readings(word: str) -> tuple[Reading, ...]:
    """Every reading of a Russian word form, out of context (lower-cased first); ``()`` for a
    word without Cyrillic letters.

    ``readings("стали")[0].pos`` is ``"VERB"`` or ``"NOUN"`` by pymorphy3's estimate; use the
    sentence's tokens (``Analysis.tokens_of``) for the reading chosen in context.
    """
    if not word or not _CYR.search(word):
        return ()
    out = []
    for p in morph_analyzer().parse(word.lower()):
        tag = p.tag
        pos = str(tag.POS or "")
        g = frozenset(str(x) for x in tag.grammemes)
        upos = _UPOS.get(pos, "X")
        if upos == "NOUN" and g & _PROPER:
            upos = "PROPN"
        known = p.is_known and len(p.methods_stack) == 1
        out.append(Reading(p.normal_form, pos, upos, g, ud_feats(pos, g), float(p.score), bool(known)))
    return tuple(out)


def inflect(word: str, feats: str | dict, *, pos: Sequence[str] | None = None,
            lemma: str | None = None) -> str | None:
    """The form of ``word`` with the UD features ``feats`` (``"Case=Nom|Number=Sing"``), from
    its likeliest reading of a POS in ``pos`` (and lemma ``lemma``) that can take them;
    lower case; None when none can. ``inflect("министерства", "Case=Nom")`` -> ``"министерство"``.
    Raises ValueError (E110) for a feature it cannot inflect to."""
    want = grammemes_of(feats)
    for p in morph_analyzer().parse(word.lower()):
        if pos is not None and p.tag.POS not in pos:
            continue
        if lemma is not None and p.normal_form.replace("ё", "е") != lemma.replace("ё", "е"):
            continue
        f = p.inflect(want)
        if f is not None:
            return f.word
    return None


def _case_like(src: str, form: str) -> str:
    """``form`` written in the letter case of ``src`` (Министерства -> Министерство)."""
    if src.isupper() and len(src) > 1:
        return form.upper()
    if src[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


_AGREE = ("nomn", "gent", "datv", "accs", "ablt", "loct", "sing", "plur", "masc", "femn", "neut")


def _agreeing_noun(rs: tuple[Reading, ...], before: Sequence[str]) -> Reading | None:
    """The noun reading of a head that agrees with the adjectives before it, in case, number and
    (singular) gender; else the likeliest noun reading. An adjective agrees with its noun: after
    ``Алматинского областного`` (genitive, masculine or neuter) ``Маслихата`` is the genitive of
    ``маслихат``, not a feminine ``маслихата``.

    >>> _agreeing_noun(readings("Маслихата"), ["Алматинского", "областного"]).lemma
    'маслихат'
    """
    nouns = [r for r in rs if r.pos == "NOUN"]
    if not nouns:
        return None
    adj_sets = []
    for w in before:
        sets = [r.grammemes for r in readings(w) if r.pos in ("ADJF", "PRTF")]
        if sets:
            adj_sets.append(sets)
    if not adj_sets:
        return nouns[0]

    def agrees(n: Reading, g: frozenset) -> bool:  # every case, number (and singular gender) of g is n's
        shared = g & frozenset(_AGREE)
        if "sing" not in n.grammemes:
            shared -= {"masc", "femn", "neut"}
        return shared <= n.grammemes

    for n in nouns:
        if all(any(agrees(n, g) for g in sets) for sets in adj_sets):
            return n
    return nouns[0]


def nominative_phrase(words: Sequence[str]) -> list[str]:
    """A name phrase with its head noun and the adjectives before it in the nominative,
    agreeing in number and gender; other words unchanged. ``["Министерства", "юстиции"]`` ->
    ``["Министерство", "юстиции"]``; ``["Государственной", "думы"]`` -> ``["Государственная",
    "дума"]``. The phrase is returned unchanged when its head cannot be found."""
    words = list(words)
    head = None
    for k, w in enumerate(words):
        if not _CYR.search(w) or (w.isupper() and len(w) > 1):
            break
        rs = readings(w)
        noun = _agreeing_noun(rs, words[:k])
        adj = next((r for r in rs if r.pos in ("ADJF", "PRTF")), None)
        if noun is not None and (adj is None or rs[0].pos == "NOUN"):
            head = (k, noun)
            break
        if adj is None:
            break
    if head is None:
        return words
    k, noun = head
    nom = inflect(words[k], "Case=Nom", pos=("NOUN",), lemma=noun.lemma)
    if nom is None:
        return words
    out = list(words)
    out[k] = _case_like(words[k], nom)
    r = next((r for r in readings(nom) if r.pos == "NOUN" and "nomn" in r.grammemes), None)
    number = "Plur" if r is not None and "plur" in r.grammemes else "Sing"
    gender = None
    if r is not None:
        gender = next((g for g in ("masc", "femn", "neut") if g in r.grammemes), None)
    want = {"Case": "Nom", "Number": number}
    if number == "Sing" and gender:
        want["Gender"] = {"masc": "Masc", "femn": "Fem", "neut": "Neut"}[gender]
    for i in range(k):
        form = inflect(words[i], want, pos=("ADJF", "PRTF"))
        if form is not None:
            out[i] = _case_like(words[i], form)
    return out
