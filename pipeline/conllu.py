"""Read and write CoNLL-U, keeping every column (for `derek lemmatize` and export)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, TextIO


@dataclass(slots=True)
class ConlluSentence:
    comments: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # 10 columns each

    def word_rows(self) -> list[list[str]]:
        """Rows of syntactic words: no `N-M` multiword lines, no `N.M` empty nodes."""
        return [r for r in self.rows if r[0].isdigit()]


class ConlluError(ValueError):
    """Input that is not CoNLL-U; the message names the line."""


_ID = re.compile(r"[1-9][0-9]*(-[1-9][0-9]*|\.[1-9][0-9]*)?|0\.[1-9][0-9]*")


def read_conllu(lines: Iterable[str]) -> Iterator[ConlluSentence]:
    """Yield sentences from CoNLL-U lines."""
    sent = ConlluSentence()
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\n").rstrip("\r")
        if not line.strip():
            if sent.rows or sent.comments:
                yield sent
            sent = ConlluSentence()
        elif line.startswith("#"):
            sent.comments.append(line)
        else:
            cols = line.split("\t")
            if len(cols) != 10:
                raise ConlluError(f"E101 CoNLL-U line {n} has {len(cols)} columns, expected 10 separated by tabs: "
                                  f"{line[:60]!r}")
            if not _ID.fullmatch(cols[0]):
                raise ConlluError(f"E102 CoNLL-U line {n}: the ID column holds {cols[0][:20]!r}, not a word number "
                                  "(1, 2-3 or 4.1)")
            sent.rows.append(cols)
    if sent.rows or sent.comments:
        yield sent


def write_conllu(sentences: Iterable[ConlluSentence], out: TextIO) -> None:
    for s in sentences:
        for c in s.comments:
            out.write(c + "\n")
        for r in s.rows:
            out.write("\t".join(r) + "\n")
        out.write("\n")
