"""The stages in order, over one source: a plain list, visible in one place.

``process(text)`` runs them all on a string (for notebooks and tests);
``analyze_source(source)`` on an ingested :class:`Source`.
"""
from __future__ import annotations

import hashlib
import warnings
from typing import Callable

from pipeline.model import Analysis, Source, Token
from pipeline.morph import analyze_many
from pipeline.morph.tokenize import tokenize
from pipeline.segment import segment, split_sentences


def stage_segment(a: Analysis) -> None:
    """documents ▸ sections ▸ paragraphs ▸ sentences, each with its language."""
    view, documents, paragraphs = segment(a.source.text, source_id=a.source.source_id)
    a.view = view
    a.documents = documents
    a.paragraphs = paragraphs
    a.sentences = split_sentences(view, a.source.text, documents, paragraphs)


def stage_tokens(a: Analysis) -> None:
    """Tokens with lemma and UPOS; each sentence goes to its language's backend."""
    view = a.view
    text = a.source.text
    by_lang: dict[str, list[tuple[object, list[tuple[int, int]]]]] = {}
    for s in a.sentences:
        stext = view.text[s.vstart:s.vend]
        spans = [(s.vstart + x, s.vstart + y) for x, y in tokenize(stext, s.lang)]
        by_lang.setdefault(s.lang, []).append((s, spans))
    tokens: list[Token] = []
    for lang, items in by_lang.items():
        words = [[view.text[x:y] for x, y in spans] for _, spans in items]
        analysed = analyze_many(words, lang)
        for (s, spans), ws, res in zip(items, words, analysed):
            for i, ((x, y), w, (lemma, upos)) in enumerate(zip(spans, ws, res)):
                start, end = view.to_source(x, y)
                tokens.append(Token(s.doc_id, s.sent_id, i, start, end, text[start:end], w, lemma, upos, lang))
    order = {s.sent_id: n for n, s in enumerate(a.sentences)}
    tokens.sort(key=lambda t: (order[t.sent_id], t.i))
    a.tokens = tokens


def stage_tables_and_claims(a: Analysis) -> None:
    from pipeline.extract.numeric import extract_claims
    from pipeline.extract.tables import extract_tables

    a.tables = extract_tables(a)
    a.claims = extract_claims(a, a.tables)


def stage_organisations(a: Analysis) -> None:
    from pipeline.extract.organisations import extract_organisations

    a.organisations = extract_organisations(a)


def stage_legal_acts(a: Analysis) -> None:
    from pipeline.extract.legal_acts import extract_legal_acts

    a.legal_acts = extract_legal_acts(a)


def stage_recommendations(a: Analysis) -> None:
    from pipeline.extract.recommendations import extract_recommendations

    a.recommendations = extract_recommendations(a)


# name, function, what it requires (checked once: a stage runs after what it needs)
STAGES: list[tuple[str, Callable[[Analysis], None], tuple[str, ...]]] = [
    ("segment", stage_segment, ()),
    ("tokens", stage_tokens, ("segment",)),
    ("claims", stage_tables_and_claims, ("tokens",)),
    ("organisations", stage_organisations, ("tokens",)),
    ("legal_acts", stage_legal_acts, ("tokens",)),
    ("recommendations", stage_recommendations, ("tokens",)),
]
EXTRACTORS = ("claims", "organisations", "legal_acts", "recommendations")


def _check_order() -> None:
    seen: set[str] = set()
    for name, _, requires in STAGES:
        missing = set(requires) - seen
        if missing:
            raise RuntimeError(f"E201 stage {name!r} requires {sorted(missing)} to run before it")
        seen.add(name)


_check_order()


class StageError(Exception):
    """A stage failed on one source; ``stage`` names it."""

    def __init__(self, stage: str, error: BaseException):
        super().__init__(f"stage {stage} failed: {type(error).__name__}: {error}")
        self.stage = stage
        self.error = error


def analyze_source(source: Source, *, stages: tuple[str, ...] | None = None) -> Analysis:
    """Run the stages (all by default) over ``source``; raise StageError naming the stage that failed."""
    a = Analysis(source=source)
    for name, fn, _ in STAGES:
        if stages is not None and name not in stages and name not in ("segment", "tokens"):
            continue
        try:
            fn(a)
        except ModuleNotFoundError as e:
            if e.name and e.name.startswith("pipeline.extract."):
                warnings.warn(f"W201 extractor {e.name} is not installed; stage {name!r} skipped")
                continue
            raise StageError(name, e) from e
        except Exception as e:  # one source, one stage: reported, never hidden
            raise StageError(name, e) from e
    return a


def process(text: str, *, source_id: str = "text", path: str = "<text>", stages: tuple[str, ...] | None = None) -> Analysis:
    """Analyse a string: the model for a text, as ``derek run`` would build it.

    >>> a = process("Мәселен, 2014 жылы 90 ұйым болды.")
    >>> a.documents[0].lang
    'kk'
    """
    from pipeline.ingest import clean_text

    text = clean_text(text)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    src = Source(path=path, source_id=source_id, sha256=digest, format="txt", encoding="utf-8", text=text)
    return analyze_source(src, stages=stages)
