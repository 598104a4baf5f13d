"""Russian context rules, syntax: quoted titles, no finite verb right after a preposition, noun
agreement. Each rule is a named function ``rule(words, row, P)`` that corrects ``row`` (lemma,
upos) in place, with an example."""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from pipeline.morph.ru_base import _morph
from pipeline.morph.ru_candidates import _caps_like
from pipeline.morph.ru_choose import _choose, _sentence_initial
from pipeline.morph.ru_rules_predicative import _is_infinitive
from pipeline.morph.ru_rules_pronouns import _noun_readings


_QUOTE_OPEN = frozenset({"«", "``", "\"", "“", "„"})
_QUOTE_CLOSE = frozenset({"»", "''", "\"", "”", "“"})


def _quoted_titles(words: Sequence[str], row: list[tuple[str, str]], P=None) -> None:
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


@lru_cache(maxsize=20_000)
def _adjective_readings(low: str) -> tuple:
    """(case, number, gender) of every full-adjective / participle reading of the word."""
    return tuple((p.tag.case, p.tag.number, p.tag.gender) for p in _morph().parse(low)
                 if p.tag.POS in ("ADJF", "PRTF") and p.tag.case)


def _noun_agreement(words: Sequence[str], row: list[tuple[str, str]], P=None) -> None:
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
