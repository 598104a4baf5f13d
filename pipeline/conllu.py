"""Read and write CoNLL-U, keeping every column (for `derek lemmatize` and export)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, TextIO


@dataclass(slots=True)
class ConlluSentence:
    comments: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # 10 columns each

    def word_rows(self) -> list[list[str]]:
        """Rows of syntactic words: no `N-M` multiword lines, no `N.M` empty nodes."""
        return [r for r in self.rows if r[0].isdigit()]


def read_conllu(lines: Iterable[str]) -> Iterator[ConlluSentence]:
    """Yield sentences from CoNLL-U lines."""
    sent = ConlluSentence()
    for line in lines:
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
                raise ValueError(f"E101 CoNLL-U line has {len(cols)} columns, expected 10: {line[:80]!r}")
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
