"""`derek lemmatize`: fill LEMMA and UPOS of a CoNLL-U file from derek's analysis of each FORM."""
from __future__ import annotations

import sys
from typing import Iterable, Iterator, TextIO

from pipeline.conllu import ConlluSentence, read_conllu, write_conllu


def lemmatize_sentences(sentences: Iterable[ConlluSentence], lang: str, *, backend: str = "derek",
                        stanza_dir: str | None = None, batch: int = 256) -> Iterator[ConlluSentence]:
    """Yield the sentences with LEMMA (column 3) and UPOS (column 4) replaced.

    Multiword-token lines and empty nodes are kept unchanged; the analyser sees
    the syntactic words of the sentence in order, so it can use their context.
    Sentences go to the analyser in batches (a backend's ``analyze_many``).
    """
    pending: list[ConlluSentence] = []
    for sent in sentences:
        pending.append(sent)
        if len(pending) >= batch:
            yield from _fill(pending, lang, backend, stanza_dir)
            pending = []
    if pending:
        yield from _fill(pending, lang, backend, stanza_dir)


def _fill(sentences: list[ConlluSentence], lang: str, backend: str, stanza_dir: str | None) -> list[ConlluSentence]:
    forms = [[r[1] for r in s.word_rows()] for s in sentences]
    if backend == "stanza":
        from pipeline.morph.stanza_backend import analyze as stanza_analyze
        analysed = [stanza_analyze(f, lang, stanza_dir) if f else [] for f in forms]
    else:
        from pipeline.morph import analyze_many
        analysed = analyze_many(forms, lang)
    for sent, res in zip(sentences, analysed):
        for row, (lemma, upos) in zip(sent.word_rows(), res):
            row[2] = lemma
            row[3] = upos
    return sentences


def lemmatize_file(inp: TextIO, out: TextIO, lang: str, **kw) -> None:
    write_conllu(lemmatize_sentences(read_conllu(inp), lang, **kw), out)


def main(lang: str, input_path: str | None, output_path: str | None, **kw) -> int:
    """`derek lemmatize`. Input that is not CoNLL-U is a usage error (one line, exit 2); an output
    file is written whole or not at all."""
    import contextlib
    from pathlib import Path

    from pipeline.conllu import ConlluError
    from pipeline.export import atomic_path

    try:
        inp = open(input_path, encoding="utf-8") if input_path else sys.stdin
    except OSError as e:
        print(f"derek: error: --input {input_path}: {e.strerror or e}", file=sys.stderr)
        return 2
    try:
        with contextlib.ExitStack() as stack:
            if input_path:
                stack.enter_context(inp)
            if output_path:
                tmp = stack.enter_context(atomic_path(Path(output_path), suffix=".conllu"))
                out = stack.enter_context(open(tmp, "w", encoding="utf-8"))
            else:
                out = sys.stdout
            lemmatize_file(inp, out, lang, **kw)
    except ConlluError as e:
        print(f"derek: error: {e}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"derek: error: {input_path or 'standard input'} is not UTF-8 text (CoNLL-U is UTF-8)", file=sys.stderr)
        return 2
    return 0
