"""Russian context rules, pronouns and determiners: substantivised participles, possessive
его/её/их, весь/всё/все, emphatic сам, indefinites written apart. Each rule is a named
function ``rule(words, row, P)`` that corrects ``row`` (lemma, upos) in place, with an example."""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from pipeline.morph.ru_base import _morph, _no_yo
from pipeline.morph.ru_choose import _choose, _sentence_initial
from pipeline.morph.ru_rules_names import _plural_participle
from pipeline.morph.ru_rules_predicative import _clause_of, _predicative_lemma


def _substantivised(words: Sequence[str], row: list[tuple[str, str]], P=None) -> None:
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


def _possessives(words: Sequence[str], row: list[tuple[str, str]], P=None) -> None:
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


def _total_pronoun_number(words: Sequence[str], row: list[tuple[str, str]], P=None) -> None:
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


def _pronoun_cases(low: str) -> frozenset:
    """Cases of the personal / reflexive pronoun readings (NPRO) of a word."""
    return frozenset(p.tag.case for p in _morph().parse(low) if p.tag.POS == "NPRO" and p.tag.case)


def _emphatic_sam(words: Sequence[str], row: list[tuple[str, str]], P=None) -> None:
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


def _split_indefinites(words: Sequence[str], row: list[tuple[str, str]], P=None) -> None:
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
