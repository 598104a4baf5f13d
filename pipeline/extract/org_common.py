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
