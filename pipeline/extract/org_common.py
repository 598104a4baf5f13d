"""What the organisation modules of every language share: the candidate mention record
and the script tests."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

_CYR = re.compile(r"[А-Яа-яЁё]")
_LAT = re.compile(r"[A-Za-z]")


@dataclass
class Candidate:
    """One organisation mention before merging (view offsets)."""

    vstart: int
    vend: int
    name: str  # canonical-form name, without quotes and legal form
    lang: str
    doc_id: str
    unit: int  # index of the sentence / row it was found in
    legal_form: Optional[str] = None
    kind: str = "name"  # name | abbr | single
    abbr_def: Optional[str] = None  # an abbreviation defined right after the name
    source: str = "rule"
    descriptor: Optional[str] = None  # the noun after a quoted name, nominative: партия
    role: Optional[str] = None  # "affiliation" when found in an author's affiliation


@dataclass(frozen=True)
class StateBody:
    """One body of the Kazakh state with its Kazakh and Russian names."""

    kk: str
    ru: str
    abbrs: tuple[str, ...]
    acts: tuple[str, ...]  # the kzlaw acts that name it in both languages


def state_bodies() -> tuple[StateBody, ...]:
    """The Kazakh–Russian list of the state's bodies (``pipeline/data/common/state_bodies.tsv``).

    >>> next(b.ru for b in state_bodies() if b.kk == "Алматы облыстық мәслихаты")
    'Алматинский областной маслихат'
    """
    from pipeline.resources import load_list

    out = []
    for line in load_list("common/state_bodies.tsv"):
        kk, ru, abbrs, acts = (line.split("\t") + ["", "", "", ""])[:4]
        out.append(StateBody(kk.strip(), ru.strip(), tuple(filter(None, abbrs.split(","))),
                             tuple(filter(None, acts.split(",")))))
    return tuple(out)
