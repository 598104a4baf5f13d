"""Ordinals written in digits: a number that names a place in a series, no amount.

Kazakh marks the ordinal of digits with a hyphen before its noun (`5-сынып`, `2-тоқсанда`);
Russian leaves it to the noun's case and number (`во 2 квартале`, `в 5 классе`). Rules of
``pipeline.extract.numeric.NON_CLAIM_RULES``: each takes the number's context and returns a
reason or None.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from pipeline.extract.numbers import unit_of
from pipeline.extract.numeric_lex import qualifiers, word_role
from pipeline.extract.numeric_measured import Ctx as _Ctx
from pipeline.morph import analyze_phrase
from pipeline.morph.kk import ending_pattern, endings

# endings that make an adjective of a measure (`10-күндік`, `3-бөлмелі` = `3 бөлмелі`): the figure stays
_KK_MEASURE_ADJ = re.compile(f"(?:{ending_pattern('LY', 'LYQ')})(?:{ending_pattern('P3', 'DAT', 'LOC', 'ABL', 'ACC', 'GEN', 'INS')})?$")


def kk_ordinal_noun(c: _Ctx) -> Optional[str]:
    """Kazakh writes the ordinal of a number in digits with a hyphen before its noun: `5-сынып`
    (the fifth grade), `2-тоқсанда` (in the second quarter), `3-бөлімінде` (in section 3),
    `айдың 5-күніне дейін` (by the fifth of the month): the number names a place in a series, no
    amount. Not an ending alone (`5-ке`, `100-ден`, `1998-дегі`: a case of the number itself),
    a measure (`18-жасқа`), a year, a multiple, a qualifier (`5-шақты`), a collective (`3-еуі`)
    or an adjective of measure (`10-күндік`)."""
    e = c.expr
    if c.lang != "kk" or e.unit or e.words or e.value_max is not None or e.value >= 1000:
        return None
    m = re.match(r"[-‑]([^\W\d_]+)", c.right)
    tail = e.suffix.lstrip("-‑") or (m.group(1) if m else "")
    if len(tail) < 3 or not tail.islower() or re.match(r"[еа]?у", tail) or _KK_MEASURE_ADJ.search(tail):
        return None
    if word_role(tail, c.lang) in ("year", "times", "anniversary", "ago", "last") or unit_of(tail, c.lang):
        return None
    if any(len(ws) == 1 and len(ws[0]) > 3 and tail.startswith(ws[0]) for ws, _, _ in qualifiers(c.lang)):
        return None
    w = analyze_phrase([tail], c.lang)[0]
    lemma = w.lemma.lower()
    # a noun of its own with the possessive of the series (`5-күніне` = by the 5th day, `3-айында`),
    # though its endings, taken off greedily, leave less than three letters (күн-і-не)
    own_noun = w.upos == "NOUN" and "Person[psor]=3" in w.feats and len(lemma) >= 3 and tail.startswith(lemma)
    if len(_kk_left_of_endings(tail)) < 3 and not own_noun or unit_of(lemma, c.lang) or w.upos in ("ADP", "ADV", "CCONJ", "PART"):
        return None  # `1-інен`, `45-іне`, `26-сына`, `170-тейі`: the endings of the number's own name
    return "ordinal"


def ru_ordinal_digits(c: _Ctx) -> Optional[str]:
    """A Russian cardinal (other than one, 21, 31 ...: they agree with a singular noun, `в 21 районе`)
    takes a plural noun in an oblique case (`в 3 районах`, `5 школам`); a singular noun in the
    locative or dative after it makes it an ordinal written in digits, the name of a place in a
    series (`во 2 квартале`, `в 5 классе`, `на 3 этапе` = Kazakh `2-тоқсанда`, `5-сыныпта`), no
    amount. The nominative and genitive are left alone (`2 лицея`, `5 человек`: the genitive
    plural looks like a nominative singular), and the instrumental (`11 нокаутом`: a manner)."""
    e = c.expr
    if c.lang != "ru" or e.unit or e.words or e.suffix or e.value_max is not None or e.mult != 1 or e.compound:
        return None
    v = e.value
    if v != int(v) or v >= 1000 or int(v) % 10 == 1 and int(v) % 100 != 11 or not c.next:
        return None
    w = c.next[0]
    if w.upos != "NOUN" or not w.text[:1].islower():
        return None
    feats = dict(f.split("=", 1) for f in w.feats.split("|") if "=" in f)
    return "ordinal" if feats.get("Number") == "Sing" and feats.get("Case") in ("Loc", "Dat") else None


@lru_cache(maxsize=4096)
def _kk_left_of_endings(tail: str) -> str:
    """What is left of a word after every nominal ending is taken off its end, greedily (`інен` →
    ``, `даған` → ``, `бөлімінде` → `бөл`): under three letters, the word is endings of the
    number's name (бір-і-нен), not a noun of its own."""
    ends = endings("PL", "P3", "P1S", "P2S", "P1P", "P2P", "GEN", "ACC", "DAT", "LOC", "ABL", "INS", "LREL", "SIM", "REL")
    rest, cut = tail, True
    while rest and cut:
        cut = False
        for e in ends:
            if rest.endswith(e):
                rest, cut = rest[: -len(e)], True
                break
    return rest
