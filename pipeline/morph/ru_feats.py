"""pymorphy3 (OpenCorpora) grammemes read as UD features, for ``Token.feats``.

``ud_feats("NOUN", {"NOUN", "inan", "femn", "sing", "gent"})`` ->
``"Animacy=Inan|Case=Gen|Gender=Fem|Number=Sing"`` (UD order: features sorted by name).
"""
from __future__ import annotations

from functools import lru_cache

_CASE = {"nomn": "Nom", "gent": "Gen", "datv": "Dat", "accs": "Acc", "ablt": "Ins", "loct": "Loc",
         "voct": "Voc", "gen2": "Par", "acc2": "Acc", "loc2": "Loc", "gen1": "Gen", "loc1": "Loc"}
_GENDER = {"masc": "Masc", "femn": "Fem", "neut": "Neut"}
_NUMBER = {"sing": "Sing", "plur": "Plur"}
_ANIMACY = {"anim": "Anim", "inan": "Inan"}
_ASPECT = {"perf": "Perf", "impf": "Imp"}
_TENSE = {"pres": "Pres", "past": "Past", "futr": "Fut"}
_PERSON = {"1per": "1", "2per": "2", "3per": "3"}
_MOOD = {"indc": "Ind", "impr": "Imp"}
_VOICE = {"actv": "Act", "pssv": "Pass"}
_VERBFORM = {"INFN": "Inf", "PRTF": "Part", "PRTS": "Part", "GRND": "Conv", "VERB": "Fin"}
# each UD feature and the OpenCorpora grammemes that give its value
_GROUPS = (("Animacy", _ANIMACY), ("Aspect", _ASPECT), ("Case", _CASE), ("Gender", _GENDER),
           ("Mood", _MOOD), ("Number", _NUMBER), ("Person", _PERSON), ("Tense", _TENSE),
           ("Voice", _VOICE))
# UD features whose values are OpenCorpora grammemes again (for inflecting to a UD request)
TO_GRAMMEMES = {
    "Case": {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct",
             "Voc": "voct", "Par": "gen2"},
    "Gender": {v: k for k, v in _GENDER.items()},
    "Number": {v: k for k, v in _NUMBER.items()},
    "Animacy": {v: k for k, v in _ANIMACY.items()},
    "Tense": {v: k for k, v in _TENSE.items()},
    "Person": {v: k for k, v in _PERSON.items()},
}


@lru_cache(maxsize=4096)
def ud_feats(oc_pos: str, grammemes: frozenset) -> str:
    """UD features of one pymorphy3 analysis (its POS and grammemes), as ``Name=Value|...``."""
    out = {}
    for name, table in _GROUPS:
        for g in grammemes:
            v = table.get(g)
            if v is not None:
                out[name] = v
                break
    vf = _VERBFORM.get(oc_pos)
    if vf:
        out["VerbForm"] = vf
    if vf != "Fin":
        out.pop("Mood", None)
    if oc_pos in ("ADJS", "PRTS"):
        out["Variant"] = "Short"
    if oc_pos == "COMP" or "Cmp2" in grammemes:
        out["Degree"] = "Cmp"
    elif "Supr" in grammemes:
        out["Degree"] = "Sup"
    elif oc_pos in ("ADJF", "ADJS"):
        out["Degree"] = "Pos"
    if "Abbr" in grammemes:
        out["Abbr"] = "Yes"
    return "|".join(f"{k}={out[k]}" for k in sorted(out))


def grammemes_of(feats: str | dict) -> set[str]:
    """OpenCorpora grammemes for a UD request: ``"Case=Nom|Number=Sing"`` -> ``{"nomn", "sing"}``."""
    if isinstance(feats, str):
        feats = dict(f.split("=", 1) for f in feats.split("|") if "=" in f)
    out = set()
    for k, v in feats.items():
        g = TO_GRAMMEMES.get(k, {}).get(v)
        if g is None:
            raise ValueError(f"E110 cannot inflect to the UD feature {k}={v}")
        out.add(g)
    return out
