"""`derek lemmatize`: fill LEMMA and UPOS of a CoNLL-U file from derek's analysis of each FORM."""
from __future__ import annotations

import sys
from typing import Iterable, Iterator, TextIO

from pipeline.conllu import ConlluSentence, read_conllu, write_conllu
from pipeline.morph import analyze


def lemmatize_sentences(sentences: Iterable[ConlluSentence], lang: str, *, backend: str = "derek",
                        stanza_dir: str | None = None) -> Iterator[ConlluSentence]:
    """Yield the sentences with LEMMA (column 3) and UPOS (column 4) replaced.

    Multiword-token lines and empty nodes are kept unchanged; the analyser sees
    the syntactic words of the sentence in order, so it can use their context.
    """
    for sent in sentences:
        words = sent.word_rows()
        forms = [r[1] for r in words]
        if backend == "stanza":
            from pipeline.morph.stanza_backend import analyze as stanza_analyze
            analysed = stanza_analyze(forms, lang, stanza_dir)
        else:
            analysed = analyze(forms, lang)
        for row, (lemma, upos) in zip(words, analysed):
            row[2] = lemma
            row[3] = upos
        yield sent


def lemmatize_file(inp: TextIO, out: TextIO, lang: str, **kw) -> None:
    write_conllu(lemmatize_sentences(read_conllu(inp), lang, **kw), out)


def main(lang: str, input_path: str | None, output_path: str | None, **kw) -> int:
    inp = open(input_path, encoding="utf-8") if input_path else sys.stdin
    out = open(output_path, "w", encoding="utf-8") if output_path else sys.stdout
    try:
        lemmatize_file(inp, out, lang, **kw)
    finally:
        if input_path:
            inp.close()
        if output_path:
            out.close()
    return 0
