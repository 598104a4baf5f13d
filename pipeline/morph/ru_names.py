"""Russian analyser, names the dictionary lacks: declined back to the nominative by analogy with
the dictionary's names (``pipeline/data/ru/name_endings.tsv``)."""
from __future__ import annotations

from functools import lru_cache

from pipeline.morph.ru_base import _OC_CASE, _OC_GENDER, _OC_NUMBER, _morph, _no_yo, _tagger
from pipeline.morph.ru_candidates import _feminine_name


# ------------------------------------------------------------------ unknown names

# Names the dictionary lacks are declined back to the nominative by analogy with the
# names it has: pipeline/data/ru/name_endings.tsv counts, for every ending of 1-4
# letters, how OpenCorpora's names (Name, Surn, Geox) with that ending relate to
# their lemma (letters cut, letters added) and in which case, number and gender
# (built by ``build_name_endings``). The analogies are weighed by the tagger's case,
# number and gender in context; a flat tagger leaves the dictionary's proportions.
NAME_TAGGER_MIX = 0.8  # share of the tagger's distribution against a flat one
NAME_FORM_PRIOR = 0.5  # weight of "indeclinable: lemma = form" for names in -е/-и/-о/-у/-ы/-э/-ю
_NAME_MIN_WEIGHT = 1.0  # an ending needs this much (prior-weighted) dictionary evidence
_NAME_FEATS_CASES = ("Nom", "Gen", "Dat", "Acc", "Ins", "Loc")
_NAME_PROPER = frozenset({"Name", "Surn", "Geox"})
# foreign names ending in a vowel other than -а/-я do not decline (Тюлле, Хирамацу, Дзенки)
_INDECLINABLE_ENDS = "еиоуыэю"
# how often a name stands in each case / number in running text (rough shares for
# Russian prose; the nominative and genitive dominate, plural names are rare)
_NAME_CASE_PRIOR = {"Nom": 0.36, "Gen": 0.28, "Dat": 0.07, "Acc": 0.10, "Ins": 0.07, "Loc": 0.12, "Voc": 0.0}
_NAME_NUMBER_PRIOR = {"Sing": 0.95, "Plur": 0.05}


def build_name_endings(path) -> int:
    """Write the ending table from pymorphy3's dictionary (about a minute). Returns rows."""
    from collections import defaultdict

    m = _morph()
    pairs: dict = defaultdict(set)  # (form, UD lemma) -> {(case, number, gender)}
    for word, tag, nf, _pid, _idx in m.dictionary.iter_known_words(""):
        g = tag.grammemes
        if not (g & _NAME_PROPER) or tag.POS not in ("NOUN", "ADJF") or "Abbr" in g or "Init" in g:
            continue
        case = _OC_CASE.get(tag.case)
        if case is None or not word.isalpha():
            continue
        lemma = _feminine_name(word, nf, g) if ("femn" in g and "Surn" in g) else nf
        pairs[(_no_yo(word), _no_yo(lemma))].add(
            (case, _OC_NUMBER.get(tag.number) or "", _OC_GENDER.get(tag.gender) or ""))
    table: dict = defaultdict(lambda: defaultdict(float))
    for (w, lemma), feats in pairs.items():
        k = 0
        while k < min(len(w), len(lemma)) and w[k] == lemma[k]:
            k += 1
        # a lemma's forms weighted by how often names stand in each case and number in
        # running text; the genders of one form (ms-f) share its weight
        per_cn: dict = defaultdict(int)
        for f in feats:
            per_cn[f[:2]] += 1
        for n in range(1, 5):
            if len(w) <= n + 1:
                break
            for f in feats:
                share = _NAME_CASE_PRIOR[f[0]] * _NAME_NUMBER_PRIOR.get(f[1], 1.0) / per_cn[f[:2]]
                table[w[-n:]][(w[k:], lemma[k:]) + f] += share
    rows = []
    for suf in sorted(table):
        d = table[suf]
        total = sum(d.values())
        if total < _NAME_MIN_WEIGHT:
            continue
        for key, v in sorted(d.items(), key=lambda kv: -kv[1]):
            if v >= 0.05 and v >= 0.005 * total:
                rows.append("\t".join((suf,) + key + (f"{v:.1f}",)))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# Endings of proper names (Name, Surn, Geox) in pymorphy3's OpenCorpora dictionary\n"
                 "# (CC BY-SA), counted by pipeline.morph.ru_names.build_name_endings: ending, letters cut from\n"
                 "# the form, letters added for the UD lemma, case, number, gender, forms (a form with\n"
                 "# several analyses counts once, shared). No treebank data.\n")
        fh.write("\n".join(rows) + "\n")
    return len(rows)


@lru_cache(maxsize=1)
def _name_endings():
    """ending -> (total weight, [(cut, add, feature index, weight)]); feature index into
    _name_feature_keys()."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data" / "ru" / "name_endings.tsv"
    keys = _name_feature_keys()
    index = {k: i for i, k in enumerate(keys)}
    table: dict = {}
    if not path.exists():
        return table
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        suf, cut, add, case, number, gender, w = line.split("\t")
        if number == "Plur" and not cut and add:
            continue  # zero-ending genitive plural (Анн -> Анна): a bare foreign name is nominative
        fi = index.get((case, number or None, gender or None))
        if fi is None:
            continue
        tot, rows = table.get(suf, (0.0, []))
        rows.append((cut, add, fi, float(w)))
        table[suf] = (tot + float(w), rows)
    return table


@lru_cache(maxsize=1)
def _name_feature_keys():
    return tuple((c, n, g) for c in _NAME_FEATS_CASES for n in ("Sing", "Plur", None)
                 for g in ("Masc", "Fem", "Neut", None))


@lru_cache(maxsize=1)
def _name_feature_matrix():
    """(n_keys, n_tags) 0/1: PROPN tags agreeing with each (case, number, gender)."""
    tg = _tagger()
    rows = []
    for c, n, g in _name_feature_keys():
        rows.append([1.0 if (u == "PROPN" and f.get("Case") == c and (n is None or f.get("Number") in (None, n))
                             ) else 0.0
                     for u, f in zip(tg.upos, tg.feats)])
    return tg.np.array(rows, dtype=tg.np.float32)


def _unknown_name_lemma(low: str, probs) -> str | None:
    """Nominative of a name the dictionary lacks, by analogy with the dictionary's names
    that end alike, weighed by the tagger's case/number/gender. None: no analogy."""
    table = _name_endings()
    hit = None
    for n in range(min(4, len(low) - 2), 0, -1):
        hit = table.get(low[-n:])
        if hit is not None and hit[0] >= _NAME_MIN_WEIGHT:
            break
        hit = None
    if hit is None:
        return None
    tg = _tagger()
    fm = _name_feature_matrix() @ probs
    propn = float(tg.upos_mask("PROPN") @ probs)
    fm = fm / max(propn, 1e-6)
    keys = _name_feature_keys()
    scores: dict = {}
    for cut, add, fi, w in hit[1]:
        if cut and not low.endswith(cut):
            continue
        if len(low) - len(cut) + len(add) < 3:
            continue  # no name of one or two letters (Пех is no form of *Пе)
        stem = low[:len(low) - len(cut)]
        if add[:1] == "й" and stem[-1] not in _VOWELS or add[:1] == "ь" and stem[-1] in _VOWELS:
            continue  # Ксю is no form of *Ксй
        lemma = stem + add
        c, nb, _g = keys[fi]
        ratio = float(fm[fi]) / (_NAME_CASE_PRIOR[c] * _NAME_NUMBER_PRIOR.get(nb, 1.0))
        scores[lemma] = scores.get(lemma, 0.0) + w * ((1.0 - NAME_TAGGER_MIX) + NAME_TAGGER_MIX * ratio)
    # foreign names the dictionary lacks are often indeclinable (Хирамацу, Тюлле): the
    # form itself as lemma in whatever case the context wants
    if low[-1] in _INDECLINABLE_ENDS:
        scores[low] = scores.get(low, 0.0) + NAME_FORM_PRIOR * hit[0]
    return max(scores.items(), key=lambda kv: kv[1])[0]


_VOWELS = "аеёиоуыэюя"


def _name_nominative(low: str, case, number, gender) -> str:
    """Nominative singular of a name the dictionary lacks, from Russian declension
    endings (Олафа -> Олаф, Гмелином -> Гмелин, Аделаиды -> Аделаида)."""
    if case in (None, "Nom") or len(low) < 4:
        return low
    if number == "Plur":
        for end in ("ыми", "ых", "ым"):  # surnames: Телакуровых -> Телакуров
            if low.endswith(end) and low[:-len(end)].endswith(("ов", "ев", "ин", "ын")):
                return low[:-len(end)]
        return low
    if gender == "Fem":
        rules = {"Gen": (("ии", "ия"), ("ы", "а"), ("и", "а")), "Dat": (("ии", "ия"), ("е", "а")),
                 "Loc": (("ии", "ия"), ("е", "а")), "Acc": (("ию", "ия"), ("у", "а"), ("ю", "я")),
                 "Ins": (("ией", "ия"), ("ой", "а"), ("ей", "я"))}
        for end, new in rules.get(case, ()):
            if low.endswith(end):
                stem = low[:-len(end)]
                if new == "а" and end == "и" and stem[-1:] not in "гкхжшчщ":
                    new = "я"
                return stem + new
        return low
    # masculine (and unknown gender): consonant stems
    if case == "Ins":
        for end in ("ым", "ом", "ем", "ём"):
            if low.endswith(end):
                stem = low[:-len(end)]
                if end == "ым":
                    return stem
                return _soft(stem) if end in ("ем", "ём") else stem
        return low
    ends = {"Gen": (("а", False), ("я", True)), "Acc": (("а", False), ("я", True)),
            "Dat": (("у", False), ("ю", True)), "Loc": (("е", None),)}
    for end, soft in ends.get(case, ()):
        if low.endswith(end):
            stem = low[:-len(end)]
            if soft:
                return _soft(stem)
            return stem
    return low


def _soft(stem: str) -> str:
    if not stem:
        return stem
    if stem[-1] in _VOWELS:
        return stem + "й"
    if stem[-1] in "жшчщц":
        return stem
    return stem + "ь"
