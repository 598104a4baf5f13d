"""Kazakh stem lexicon, loaded lazily once per process.

Sources (see pipeline/data/kk/CARD.md):
  closed.txt        hand-written closed-class words with their inflected forms
  verbs.txt, adjectives.txt, adverbs.txt   hand-written common open-class stems
  stems_kaznerd.txt stems induced from KazNERD surface forms (bench/kk_lexicon_build.py)
  ud_forms.txt      forms with lemma and UPOS from the tune half of UD Kazakh-KTB
                    (bench/kk_lexicon_build.py --ud; never the check half)
  /usr/share/hunspell/kk_KZ.dic  read at run time when installed (never shipped)
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.resources import load_list

HUNSPELL_DIC = Path(os.environ.get("DEREK_KK_HUNSPELL", "/usr/share/hunspell/kk_KZ.dic"))

HAND_WEIGHT = 200.0
HUNSPELL_WEIGHT = 2.0
NOUN_WEIGHT = 30.0  # hand-written short nouns: known, but not above the hand-written verbs
UD_WEIGHT = 50.0  # a lemma of the treebank's tune half: known, below the hand-written lists
FORM_SHARE = 0.6  # a form's reading is used when it has at least this share of its readings


@dataclass
class Lexicon:
    closed: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # form -> [(lemma, upos)]
    stems: dict[str, dict[str, float]] = field(default_factory=dict)  # lower stem -> {upos: weight}
    proper: dict[str, str] = field(default_factory=dict)  # lower stem -> capitalised spelling
    forms: dict[str, tuple[str, str]] = field(default_factory=dict)  # lower form -> (lemma, upos)
    hunspell: bool = False

    def add(self, stem: str, upos: str, weight: float, hand: bool = False) -> None:
        if len(stem) <= 2 and not hand and (upos == "VERB" or weight < 20):
            return  # two-letter verbs only from the hand-written lists; nouns if frequent
        d = self.stems.setdefault(stem, {})
        d[upos] = d.get(upos, 0.0) + weight

    def weight(self, stem: str, kind: str) -> float:
        d = self.stems.get(stem)
        if not d:
            return 0.0
        if kind == "V":
            return d.get("VERB", 0.0)
        return sum(w for p, w in d.items() if p != "VERB")

    def best_pos(self, stem: str, kind: str) -> str | None:
        if kind == "V":
            return "VERB"
        d = self.stems.get(stem)
        if not d:
            return None
        nominal = {p: w for p, w in d.items() if p != "VERB"}
        if not nominal:
            return None
        return max(nominal.items(), key=lambda kv: kv[1])[0]


def _load_closed(lex: Lexicon) -> None:
    for line in load_list("kk/closed.txt"):
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        lemma, upos = parts[0].strip(), parts[1].strip()
        forms = [lemma] + (parts[2].split() if len(parts) > 2 else [])
        for f in forms:
            lst = lex.closed.setdefault(f, [])
            if (lemma, upos) not in lst:
                lst.append((lemma, upos))
        if upos in ("NUM", "PRON", "ADJ", "ADV", "DET"):
            lex.add(lemma, upos, HAND_WEIGHT, hand=True)


def _load_hunspell(lex: Lexicon, path: Path) -> None:
    """Stems of the hunspell-kk dictionary (GPL; read at run time only, never copied)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="ignore").splitlines()[1:]
    except OSError:
        return
    entries: dict[str, str] = {}
    for line in lines:
        word, _, flags = line.strip().lstrip("\ufeff").partition("/")
        if word and " " not in word:
            entries[word] = flags
    for word, flags in entries.items():
        low = word.lower()
        if flags[:1] == "M" and low.endswith("у") and len(low) > 2:
            # verbal noun in -у: the verb stem is the word less -у (оқу < оқы)
            base = low[:-1]
            if base in entries or base[-1:] in "аеәоөұүя":
                lex.add(base, "VERB", HUNSPELL_WEIGHT)
            else:
                for v in ("ы", "і"):
                    if base + v in entries:
                        lex.add(base + v, "VERB", HUNSPELL_WEIGHT)
                        break
                else:
                    lex.add(base, "VERB", HUNSPELL_WEIGHT)
            continue
        if word[:1].isupper():
            lex.add(low, "PROPN", HUNSPELL_WEIGHT)
            lex.proper.setdefault(low, word)
        else:
            lex.add(low, "NOUN", HUNSPELL_WEIGHT / 2)
    lex.hunspell = True


def load_ud_forms(lex: Lexicon, rows=None) -> None:
    """Forms of the treebank's tune half: each form's majority (lemma, UPOS) when it holds at
    least FORM_SHARE of the form's readings, and every lemma as a stem of its UPOS.
    ``rows`` (``form\tlemma\tUPOS\tcount``) default to ``kk/ud_forms.txt``."""
    if rows is None:
        try:
            rows = load_list("kk/ud_forms.txt")
        except FileNotFoundError:
            return
    by_form: dict[str, dict[tuple[str, str], int]] = {}
    for line in rows:
        parts = line.split("\t")
        if len(parts) != 4:
            continue
        form, lemma, upos, count = parts[0], parts[1], parts[2], int(parts[3])
        d = by_form.setdefault(form, {})
        d[(lemma, upos)] = d.get((lemma, upos), 0) + count
        if upos not in ("X", "PUNCT", "AUX"):
            lex.add(lemma.lower(), "VERB" if upos == "VERB" else upos, UD_WEIGHT, hand=True)
            if upos == "PROPN":
                lex.proper.setdefault(lemma.lower(), lemma)
    for form, d in by_form.items():
        (lemma, upos), c = max(d.items(), key=lambda kv: kv[1])
        if c >= FORM_SHARE * sum(d.values()):
            lex.forms[form] = (lemma, upos)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lex = Lexicon()
    _load_closed(lex)
    for name, upos in (("kk/verbs.txt", "VERB"), ("kk/adjectives.txt", "ADJ"), ("kk/adverbs.txt", "ADV")):
        for w in load_list(name):
            if " " not in w:
                lex.add(w.lower(), upos, HAND_WEIGHT, hand=True)
    for w in load_list("kk/nouns.txt"):
        lex.add(w.lower(), "NOUN", NOUN_WEIGHT, hand=True)
    try:
        rows = load_list("kk/stems_kaznerd.txt")
    except FileNotFoundError:
        rows = ()
    for line in rows:
        parts = line.split("\t")
        if len(parts) != 3:
            continue
        stem, upos, count = parts
        low = stem.lower()
        lex.add(low, upos, float(count))
        if upos == "PROPN":
            lex.proper.setdefault(low, stem)
    if os.environ.get("DEREK_KK_NO_UD") != "1":
        load_ud_forms(lex)
    if os.environ.get("DEREK_KK_NO_HUNSPELL") != "1" and HUNSPELL_DIC.exists():
        _load_hunspell(lex, HUNSPELL_DIC)
    return lex


def common_word(lemma: str) -> bool:
    """The lemma is a common (not proper) word that the hand-written lists, the treebank or KazNERD's
    common words know, more than a spelling dictionary's guess: ``шара`` ('measure', a table heading
    ``ШАРАЛАР``) is one, an abbreviation such as ``СЭС`` is not; a compound written with a hyphen is
    one when each of its parts is (``іс-шара``)."""
    parts = lemma.lower().split("-")
    return all(bool(d := lexicon().stems.get(p)) and sum(w for u, w in d.items() if u != "PROPN") > HUNSPELL_WEIGHT
               for p in parts)
