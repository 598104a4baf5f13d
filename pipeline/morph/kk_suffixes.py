"""Kazakh inflectional morphology: suffix tables and candidate segmentations.

Grammar, not vocabulary: the tables below are the allomorphs of Kazakh inflectional
suffixes. Each allomorph says which stem-final sound classes it may follow:

    V vowel, R р/й/у/и, L л, Z з/ж, N м/н/ң, U voiceless (and б/в/г/д/һ of loanwords)

`segment(word)` proposes every (stem, kind, tags, flags) reading it can find by stripping
suffixes from the right: the nominal chain (plural, possessive, case, -дағы, predicative
person) and the verbal chain (voice, negation, participles, converbs, tense, person), with
consonant voicing (қ→ғ, к→г, п→б) and vowel drop (орын → орны) restored. Derivational
suffixes (-шы, -лық, -сыз, -дай, -лы ...) are never stripped. A lexicon picks among them.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from pipeline.resources import load_list

VOWELS = frozenset("аәеёиоөуұүыіэюя")
BACK = frozenset("аоұыяё")
FRONT = frozenset("әеөүіэ")
_FAM = {}
for _c in "аәеёоөұүыіэюяь":
    _FAM[_c] = "V"
for _c in "рйуи":
    _FAM[_c] = "R"
_FAM["л"] = "L"
for _c in "зж":
    _FAM[_c] = "Z"
for _c in "мнң":
    _FAM[_c] = "N"
ALL = "VRLZNU"
C = "RLZNU"


def fam(ch: str) -> str:
    return _FAM.get(ch, "U")


def harmony(s: str) -> str | None:
    """'b' or 'f' from the last vowel that decides, None if none does."""
    for ch in reversed(s):
        if ch in BACK:
            return "b"
        if ch in FRONT:
            return "f"
    return None


def mixed(s: str) -> bool:
    """True for words with both back and front vowels (loanwords: no harmony check)."""
    return any(c in BACK for c in s) and any(c in FRONT for c in s)


class Sfx(NamedTuple):
    surf: str
    tag: str
    fams: str  # stem-final classes it may follow
    harm: str | None  # 'b', 'f' or None


def _mk(tag: str, *groups: tuple) -> list[Sfx]:
    """groups: (back_form, front_form, fams)."""
    out = []
    for back, front, fams in groups:
        if back == front:
            out.append(Sfx(back, tag, fams, None))
        else:
            out.append(Sfx(back, tag, fams, "b"))
            out.append(Sfx(front, tag, fams, "f"))
    return out


# ---- nominal chain: plural, possessive and case endings live in pipeline/data/kk/suffixes.tsv


class Ending(NamedTuple):
    """One allomorph of a nominal ending, as listed in ``kk/suffixes.tsv``."""
    group: str  # pl, poss, case, case3, case12
    tag: str  # PL, P3, GEN, ...
    surf: str
    fams: str
    harm: str | None
    feats: str  # UD features, "" when the ending has none


@lru_cache(maxsize=1)
def nominal_endings() -> tuple[Ending, ...]:
    """Every plural, possessive and case allomorph of ``kk/suffixes.tsv``, in file order
    (a back and a front form per row; one when they are the same)."""
    out = []
    for line in load_list("kk/suffixes.tsv"):
        parts = line.split("\t")
        group, tag, back, front, fams = (p.strip() for p in parts[:5])
        feats = parts[5].strip() if len(parts) > 5 else ""
        if back == front:
            out.append(Ending(group, tag, back, fams, None, feats))
        else:
            out.append(Ending(group, tag, back, fams, "b", feats))
            out.append(Ending(group, tag, front, fams, "f", feats))
    return tuple(out)


def _group(name: str) -> list[Sfx]:
    return [Sfx(e.surf, e.tag, e.fams, e.harm) for e in nominal_endings() if e.group == name]


def tag_feats() -> dict[str, str]:
    """UD features of each nominal tag (``GEN`` -> ``Case=Gen``, ``P3`` -> ``Number[psor]=...``)."""
    return {e.tag: e.feats for e in nominal_endings()}


PL = _group("pl")
POSS = _group("poss")
CASE = _group("case")
# case after a 3rd-person possessive (stem ends in ы/і)
CASE3 = _group("case3")
# dative after 1sg/2sg possessive (кітабыма)
CASE12 = _group("case12")
PRED = _mk("PRED", ("мын", "мін", "VRL"), ("бын", "бін", "ZN"), ("пын", "пін", "U"),
           ("сың", "сің", ALL), ("быз", "біз", "ZN"), ("пыз", "піз", "U"))

# ---- verbal chain
NEG = _mk("NEG", ("ма", "ме", "VRL"), ("ба", "бе", "ZN"), ("па", "пе", "U"))
VOICE = _mk("PASS", ("ыл", "іл", "RZNU"), ("л", "л", "V"), ("н", "н", "V"), ("ын", "ін", C)) + _mk(
    "RCP", ("ыс", "іс", C), ("с", "с", "V"))

# finite / non-final verbal endings: (tag, groups, nominal continuation allowed)
_VERB_ENDINGS = [
    ("CONVP", [("ып", "іп", C), ("п", "п", "V")], False),
    ("EVID", [("ыпты", "іпті", C), ("пты", "пті", "V")], False),
    ("CONVA", [("а", "е", C), ("й", "й", "V")], False),
    ("PRES", [("ады", "еді", C), ("йды", "йді", "V")], False),
    ("PRES1S", [("амын", "емін", C), ("ймын", "ймін", "V")], False),
    ("PRES2S", [("асың", "есің", C), ("йсың", "йсің", "V")], False),
    ("PRES1P", [("амыз", "еміз", C), ("ймыз", "йміз", "V")], False),
    ("PRES2F", [("асыз", "есіз", C), ("йсыз", "йсіз", "V")], False),
    ("PRES2P", [("асыңдар", "есіңдер", C), ("йсыңдар", "йсіңдер", "V")], False),
    ("PAST", [("ды", "ді", "VRLZN"), ("ты", "ті", "U")], False),
    ("PAST1S", [("дым", "дім", "VRLZN"), ("тым", "тім", "U")], False),
    ("PAST2S", [("дың", "дің", "VRLZN"), ("тың", "тің", "U")], False),
    ("PAST1P", [("дық", "дік", "VRLZN"), ("тық", "тік", "U")], False),
    ("PAST2F", [("дыңыз", "діңіз", "VRLZN"), ("тыңыз", "тіңіз", "U")], False),
    ("PAST2P", [("дыңдар", "діңдер", "VRLZN"), ("тыңдар", "тіңдер", "U")], False),
    ("COND", [("са", "се", ALL)], False),
    ("COND1S", [("сам", "сем", ALL)], False),
    ("COND2S", [("саң", "сең", ALL)], False),
    ("COND1P", [("сақ", "сек", ALL)], False),
    ("COND2F", [("саңыз", "сеңіз", ALL)], False),
    ("OPT3", [("сын", "сін", ALL)], False),
    ("OPT1S", [("айын", "ейін", C), ("йын", "йін", "V")], False),
    ("OPT1P", [("айық", "ейік", C), ("йық", "йік", "V")], False),
    ("IMP2F", [("ыңыз", "іңіз", C), ("ңыз", "ңіз", "V")], False),
    ("IMP2P", [("ыңдар", "іңдер", C), ("ңдар", "ңдер", "V")], False),
    ("IMP2FP", [("ыңыздар", "іңіздер", C), ("ңыздар", "ңіздер", "V")], False),
    ("PRES2FP", [("асыздар", "есіздер", C), ("йсыздар", "йсіздер", "V")], False),
    ("PAST2FP", [("дыңыздар", "діңіздер", "VRLZN"), ("тыңыздар", "тіңіздер", "U")], False),
    ("GALY", [("ғалы", "гелі", "VRLZN"), ("қалы", "келі", "U")], False),
    ("GANSHA", [("ғанша", "генше", "VRLZN"), ("қанша", "кенше", "U")], False),
    ("AOR", [("ар", "ер", C), ("р", "р", "V")], True),
    ("PARTNEG", [("с", "с", "V")], True),
    ("IMPF", [("атын", "етін", C), ("йтын", "йтін", "V")], True),
    ("PART", [("ған", "ген", "VRLZN"), ("қан", "кен", "U")], True),
    ("PARTDYQ", [("ғандық", "гендік", "VRLZN"), ("қандық", "кендік", "U")], True),
    ("VN", [("у", "у", ALL)], True),
    ("AGENT", [("ушы", "уші", ALL)], True),
    ("INF", [("мақ", "мек", "VRL"), ("бақ", "бек", "ZN"), ("пақ", "пек", "U")], True),
    ("INFSHY", [("мақшы", "мекші", "VRL"), ("бақшы", "бекші", "ZN"), ("пақшы", "пекші", "U")], False),
]
VERB_ENDINGS = [(_mk(tag, *groups), nom) for tag, groups, nom in _VERB_ENDINGS]
VERB_FIN = [s for group, nom in VERB_ENDINGS if not nom for s in group]
VERB_NONFIN = [s for group, nom in VERB_ENDINGS if nom for s in group]
# endings that must follow the negation suffix
NEEDS_NEG = {"PARTNEG"}

_VOICED_BACK = {"ғ": "қ", "г": "к", "б": "п"}
_DROP_C1 = frozenset("рлйнзуқсмт")


class Cand(NamedTuple):
    stem: str
    kind: str  # 'N' nominal, 'V' verbal
    tags: tuple[str, ...]  # suffix tags, innermost first
    flags: frozenset[str]  # 'voice' (consonant restored), 'drop' (vowel restored), 'harm'


def _ok(stem: str, sfx: Sfx) -> bool:
    if stem[-1:] == "ь" and len(stem) > 1:
        # loanwords in -ль, -нь: the soft sign is silent (стильдер, модельдің)
        return fam(stem[-2]) in sfx.fams or fam(stem[-1]) in sfx.fams
    return bool(stem) and fam(stem[-1]) in sfx.fams


_NEUTRAL = frozenset("иу")


def _harm_bad(stem: str, sfx: Sfx) -> bool:
    if sfx.harm is None or mixed(stem):
        return False
    last = next((ch for ch in reversed(stem) if ch in VOWELS), "")
    if last in _NEUTRAL and any(ch in "оёэюявфцчщь" for ch in stem):
        return False  # loanwords whose last vowel is и/у take either row (командирі, ресурстар)
    h = harmony(stem)
    return h is not None and h != sfx.harm


def _strip(word: str, table) -> list[tuple[str, Sfx]]:
    out = []
    for s in table:
        if len(word) > len(s.surf) and word.endswith(s.surf):
            stem = word[: -len(s.surf)]
            if _ok(stem, s):
                out.append((stem, s))
    return out


def _valid_stem(stem: str) -> bool:
    return len(stem) >= 2 and any(c in VOWELS for c in stem)


def _restorations(stem: str, next_surf: str) -> list[tuple[str, frozenset[str]]]:
    """Stem spellings before a suffix: as is, de-voiced final, re-inserted dropped vowel."""
    out = [(stem, frozenset())]
    if next_surf and next_surf[0] in VOWELS:
        last = stem[-1]
        if last in _VOICED_BACK:
            out.append((stem[:-1] + _VOICED_BACK[last], frozenset({"voice"})))
        if (len(stem) >= 3 and stem[-1] not in VOWELS and (stem[-2] not in VOWELS or stem[-2] == "у")
                and stem[-3] in VOWELS and stem[-2] in _DROP_C1):
            v = "ы" if harmony(stem) != "f" else "і"
            restored = stem[:-1] + v + stem[-1]
            out.append((restored, frozenset({"drop"})))
            if restored[-1] in _VOICED_BACK:
                out.append((restored[:-1] + _VOICED_BACK[restored[-1]], frozenset({"drop", "voice"})))
    return out


def _nominal_chains(word: str) -> list[tuple[str, tuple[str, ...], str, bool]]:
    """(base, tags, surface of innermost stripped suffix, harmony-violation) for every
    nominal-chain split of word, including the empty chain."""
    out: list[tuple[str, tuple[str, ...], str, bool]] = [(word, (), "", False)]
    # predicative person
    starts: list[tuple[str, tuple[str, ...], str, bool]] = [(word, (), "", False)]
    for stem, s in _strip(word, PRED):
        starts.append((stem, ("PRED",), s.surf, _harm_bad(stem, s)))
        out.append(starts[-1])
    for w, tags, _, hb in starts:
        afters_case: list[tuple[str, tuple[str, ...], str, bool, str]] = []
        if not tags:
            for stem, s in _strip(w, CASE):
                afters_case.append((stem, (s.tag,), s.surf, hb or _harm_bad(stem, s), "gen"))
            for stem, s in _strip(w, CASE3):
                if stem[-1] in "ыі":
                    afters_case.append((stem, (s.tag,), s.surf, hb or _harm_bad(stem, s), "p3"))
            for stem, s in _strip(w, CASE12):
                if stem[-1] in "мң":
                    afters_case.append((stem, (s.tag,), s.surf, hb or _harm_bad(stem, s), "p12"))
        afters_case.append((w, tags, "", hb, "none"))
        for stem, ctags, csurf, chb, ctx in afters_case:
            if ctags != tags and ctx not in ("p3", "p12"):
                # pronominal -н- cases (-нда, -нан) and dative -а need the possessive below
                out.append((stem, ctags, csurf, chb))
            # possessive
            for pstem, p in _strip(stem, POSS):
                if ctx == "p3" and p.tag != "P3":
                    continue
                if ctx == "p12" and p.tag not in ("P1S", "P2S"):
                    continue
                if ctx == "gen" and p.tag == "P3":
                    continue
                if tags and tags[0] == "PRED":
                    continue
                ptags = (p.tag,) + ctags
                phb = chb or _harm_bad(pstem, p)
                out.append((pstem, ptags, p.surf, phb))
                for lstem, l in _strip(pstem, PL):
                    out.append((lstem, ("PL",) + ptags, l.surf, phb or _harm_bad(lstem, l)))
            if ctx in ("p3", "p12"):
                continue
            for lstem, l in _strip(stem, PL):
                out.append((lstem, ("PL",) + ctags, l.surf, chb or _harm_bad(lstem, l)))
    return out


def _verb_core(base: str, endings, tags_after: tuple[str, ...], hb0: bool) -> list[Cand]:
    """Verb readings of base = stem [voice] [neg] ending."""
    out: list[Cand] = []
    for s in endings:
        variants = [(s.surf, "")]
        if s.surf.startswith("й"):
            variants.append(("и" + s.surf[1:], "ы" if s.harm != "f" else "і"))
        for surf, add in variants:
            if not (len(base) > len(surf) and base.endswith(surf)):
                continue
            rest = base[: -len(surf)] + add
            if not add and not _ok(rest, s):
                continue
            if s.tag == "VN" and rest[-1] not in VOWELS:
                # оқу < оқы+у : the stem vowel ы/і is dropped before -у
                extra = [(rest + ("ы" if harmony(rest) != "f" else "і"), True)]
            else:
                extra = []
            hb = hb0 or _harm_bad(rest, s)
            for r, vn_restored in [(rest, False)] + extra:
                tags = (s.tag,) + tags_after
                chains = [(r, tags, surf, hb)]
                for nstem, n in _strip(r, NEG):
                    chains.append((nstem, ("NEG",) + tags, n.surf, hb or _harm_bad(nstem, n)))
                if s.tag in NEEDS_NEG:
                    chains = chains[1:]
                more = []
                for st, tg, first, h in chains:
                    for vstem, v in _strip(st, VOICE):
                        more.append((vstem, (v.tag,) + tg, v.surf, h or _harm_bad(vstem, v), st))
                for st, tg, first, h, *voiced in [c + (None,) for c in chains] + more:
                    for rs, fl in _restorations(st, first):
                        if _valid_stem(rs):
                            flags = set(fl)
                            if voiced and voiced[0]:
                                flags.add("=" + voiced[0])  # the stem with its voice suffix
                            if h:
                                flags.add("harm")
                            if vn_restored:
                                flags.add("vnvowel")
                            out.append(Cand(rs, "V", tg, frozenset(flags)))
    return out


def segment(word: str) -> list[Cand]:
    """All readings of a lower-case word (the bare word is always the first)."""
    w = word
    out: list[Cand] = [Cand(w, "N", (), frozenset())]
    for base, tags, first, hb in _nominal_chains(w):
        if tags:
            for rs, fl in _restorations(base, first):
                if _valid_stem(rs):
                    flags = set(fl)
                    if hb:
                        flags.add("harm")
                    out.append(Cand(rs, "N", tags, frozenset(flags)))
        # verbal nouns and participles carry the nominal chain
        out.extend(_verb_core(base, VERB_NONFIN, tags, hb))
        if not tags:
            out.extend(_verb_core(base, VERB_FIN, (), False))
            out.append(Cand(w, "V", (), frozenset()))  # bare imperative
    # тап+ып → тауып, жап+ып → жауып
    for cv in ("уып", "уіп"):
        if w.endswith(cv) and len(w) > 4 and harmony(w[:-3]) == ("b" if cv == "уып" else "f"):
            out.append(Cand(w[:-3] + "п", "V", ("CONVP",), frozenset({"irreg"})))
    # de-duplicate, keep order
    seen = set()
    uniq = []
    for c in out:
        key = (c.stem, c.kind, c.tags)
        if key not in seen:
            seen.add(key)
            uniq.append(c)
    return uniq
