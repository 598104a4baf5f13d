"""Russian context rules, predicates: words of the state category (трудно -> трудный ADJ as a
predicate, ADV elsewhere), comparatives and softened comparatives. Each rule is a named
function ``rule(words, row, P)`` that corrects ``row`` (lemma, upos) in place, with an example."""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from pipeline.morph.ru_base import _morph, _no_yo
from pipeline.morph.ru_candidates import (_comparative_adjective, _comparative_adverb, _lexicon,
                                          _positive_adverb)
from pipeline.morph.ru_choose import _is_symbolish


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


def _predicatives(words: Sequence[str], row: list[tuple[str, str]], P=None) -> None:
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


def _comparatives(words: Sequence[str], row: list[tuple[str, str]], P=None) -> None:
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
