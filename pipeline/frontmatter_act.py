"""What an official act says of itself in its opening and signature: its kind (from the
operative formula, ``ПОСТАНОВЛЯЕТ:``, ``ҚАУЛЫ ЕТЕДІ:``), number, date and issuer."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.frontmatter_lines import LO, UP, _alt, _iso_date, _lines, _prefix_rx
from pipeline.resources import load_list

@lru_cache(maxsize=1)
def _act_rx() -> tuple[re.Pattern, dict[str, str]]:
    rows = {}
    for line in load_list("common/act_formulas.tsv"):
        phrase, kind, *person = (x.strip() for x in line.split("\t"))
        rows[phrase.lower().replace("i", "і")] = (kind, bool(person and person[0] == "first"))
    alt = "|".join(re.escape(p).replace("і", "[іi]").replace(r"\ ", r"\s+") for p in sorted(rows, key=len, reverse=True))
    return re.compile(rf"(?<![{UP}{LO}])({alt})\s*:", re.IGNORECASE), rows


def find_act(text: str, start: int, end: int) -> dict | None:
    """What an official act says of itself, from its operative formula and its signature:
    ``... Аким области РЕШИЛ:`` → ``{kind: decision, issuer: Аким области}``; ``ПРИКАЗЫВАЮ:`` → an
    order whose issuer is the post on the signature line. Number and date when its opening states them.
    """
    rx, rows = _act_rx()
    m = rx.search(text, start, min(end, start + 6000))
    if not m:
        return None
    kind, first_person = rows.get(re.sub(r"\s+", " ", m.group(1)).lower().replace("i", "і"), ("other", False))
    before = text[max(start, m.start() - 120):m.start()]
    cut = max(before.rfind(c) for c in ",.;:»\"”)\n")
    words = before[cut + 1:].split()[-3:]  # the issuer is the last words before the formula
    caps = [k for k, w in enumerate(words) if w[:1].isupper()]
    words = words[caps[0]:] if caps else words  # "... граждан Аким области" → "Аким области"
    issuer = " ".join(words) if 1 <= len(words) <= 5 and words[0][:1].isalpha() and not first_person else None
    if issuer is None:
        signers = _prefix_rx("common/act_signers.txt")
        tail = [x for x in _lines(text, max(start, end - 1500), end)]
        for ln in reversed(tail):
            t = ln.text.strip(" *_>")
            if len(t.split()) <= 8 and (sm := signers.search(t)) and sm.start() < 25:
                issuer = t
                break
    first = _lines(text, start, min(end, start + 400))
    opening = first[0].text if first and not re.match(r"^[\s>*_]*(?:" + _alt(load_list("common/footnote_cues.txt")) + ")", first[0].text) else ""
    num = re.search(r"№\s*([\w/.-]*\d[\w/.-]*)", opening)
    number = num.group(1).rstrip(".") if num else None
    if number is None:  # an annex names the act it belongs to: "к приказу ... № 427", "№ 427 бұйрығына"
        ref = ANNEX_OF.search(text, m.end(), end)
        if ref:
            number = (ref.group(1) or ref.group(2)).rstrip(".")
    return {"kind": kind, "number": number, "date": _iso_date(opening), "issuer": issuer}


ANNEX_OF = re.compile(r"(?:к\s+(?:приказу|решению|постановлению|распоряжению)[^№]{0,120}№\s*([\w/-]*\d[\w/-]*)"
                      r"|№\s*([\w/-]*\d[\w/-]*)\s+(?:бұйрығына|шешіміне|қаулысына|өкіміне))", re.IGNORECASE)
