"""The stages in order, over one source: a plain list, visible in one place.

``process(text)`` runs them all on a string (for notebooks and tests);
``analyze_source(source)`` on an ingested :class:`Source`.
"""
from __future__ import annotations

import hashlib
import warnings
from typing import Callable

from pipeline.errors import CORE_STAGE_FAILED, EXTRACTOR_FAILED
from pipeline.model import Analysis, Source, StageFailure, Token
from pipeline.morph import tag_many
from pipeline.morph.tokenize import tokenize
from pipeline.segment import segment, split_sentences


# formats whose text derek renders itself, one block (paragraph, heading, list item, table) between
# blank lines (pipeline/formats.py, ingest.docx_text): there a blank line is a paragraph break,
# whatever the lines look like
BLOCK_FORMATS = frozenset({"md", "html", "docx"})


def stage_segment(a: Analysis) -> None:
    """documents ▸ sections ▸ paragraphs ▸ sentences, each with its language."""
    view, documents, paragraphs = segment(a.source.text, source_id=a.source.source_id, pages=a.source.pages,
                                          blank_breaks=a.source.format in BLOCK_FORMATS)
    a.view = view
    a.documents = documents
    a.paragraphs = paragraphs
    a.sentences = split_sentences(view, a.source.text, documents, paragraphs)


def stage_tokens(a: Analysis) -> None:
    """Tokens with lemma, UPOS and features; each sentence goes to its language's backend."""
    view = a.view
    text = a.source.text
    by_lang: dict[str, list[tuple[object, list[tuple[int, int]]]]] = {}
    for s in a.sentences:
        stext = view.text[s.vstart:s.vend]
        spans = [(s.vstart + x, s.vstart + y) for x, y in tokenize(stext, s.lang)]
        by_lang.setdefault(s.lang, []).append((s, spans))
    per_sentence: dict[int, list[Token]] = {}  # id of the sentence -> its tokens
    for lang, items in by_lang.items():
        vtext = view.text
        words = [[vtext[x:y] for x, y in spans] for _, spans in items]
        analysed = tag_many(words, lang)
        for (s, spans), ws, res in zip(items, words, analysed):
            doc_id, sent_id = s.doc_id, s.sent_id
            row = per_sentence[id(s)] = []
            for i, ((x, y), w, (lemma, upos, feats)) in enumerate(zip(spans, ws, res)):
                start, end = view.to_source(x, y)
                row.append(Token(doc_id, sent_id, i, start, end, text[start:end], w, lemma, upos, lang, feats))
    # in the order of the sentences, each sentence's tokens in order
    a.tokens = [t for s in a.sentences for t in per_sentence[id(s)]]


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


def stage_references(a: Analysis) -> None:
    """Reference entries and the citation markers of the text; a claim's ``cite`` gets its entry's id."""
    import dataclasses

    from pipeline.references import extract_references, resolve_cite

    a.references, a.citations = extract_references(a)
    if a.references and a.claims and "cite_ref" in {f.name for f in dataclasses.fields(a.claims[0])}:
        a.claims = [dataclasses.replace(c, cite_ref=resolve_cite(a, c.cite, c.start)) if c.cite and c.cite_ref is None
                    else c for c in a.claims]


# name, function, what it requires (checked once: a stage runs after what it needs)
STAGES: list[tuple[str, Callable[[Analysis], None], tuple[str, ...]]] = [
    ("segment", stage_segment, ()),
    ("tokens", stage_tokens, ("segment",)),
    ("claims", stage_tables_and_claims, ("tokens",)),
    ("organisations", stage_organisations, ("tokens",)),
    ("legal_acts", stage_legal_acts, ("tokens",)),
    ("recommendations", stage_recommendations, ("tokens",)),
    ("references", stage_references, ("claims",)),
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
    """A core stage (segment, tokens, link) failed on one source; ``stage`` names it,
    ``code`` is E203 (``pipeline.errors``). Extractor failures do not raise: see
    :func:`analyze_source`."""

    def __init__(self, stage: str, error: BaseException):
        super().__init__(f"{CORE_STAGE_FAILED} stage {stage} failed: {type(error).__name__}: {error}")
        self.stage = stage
        self.error = error
        self.code = CORE_STAGE_FAILED


LANGS = ("auto", "kk", "ru", "en")  # what `lang=` accepts: auto = detected per paragraph and sentence


def force_language(a: Analysis, lang: str) -> None:
    """Give every document, section, paragraph and sentence the language ``lang`` (``lang=`` other than auto)."""
    from dataclasses import replace

    a.documents = [replace(d, lang=lang, sections=tuple(replace(s, lang=lang) for s in d.sections)) for d in a.documents]
    a.paragraphs = [replace(p, lang=lang) for p in a.paragraphs]
    a.sentences = [replace(s, lang=lang) for s in a.sentences]


def link_sentences(a: Analysis) -> None:
    """Keys that join without ranges: each sentence gets its ``section_id``, each claim (not a table
    cell), recommendation, mention and citation the ``sent_id`` of the sentence whose span holds its start."""
    import bisect
    from dataclasses import replace

    spans: dict[str, list[tuple[int, int, str]]] = {}
    for d in a.documents:
        spans[d.doc_id] = [(s.start, s.end, f"{d.doc_id}:sec{i}") for i, s in enumerate(d.sections)]

    def holder(items: list[tuple[int, int, str]], starts: list[int], pos: int) -> str | None:
        # items: (start, end, id), sorted and not overlapping; the one whose span holds pos
        k = bisect.bisect_right(starts, pos) - 1
        return items[k][2] if k >= 0 and pos < items[k][1] else None

    sec_starts = {d: [x[0] for x in v] for d, v in spans.items()}
    a.sentences = [replace(s, section_id=holder(spans.get(s.doc_id, []), sec_starts.get(s.doc_id, []), s.start))
                   if s.section_id is None else s for s in a.sentences]
    sents = sorted((s.start, s.end, s.sent_id) for s in a.sentences)
    starts = [x[0] for x in sents]

    def sent_of(pos: int) -> str | None:
        return holder(sents, starts, pos)

    a.claims = [replace(c, sent_id=None if c.where == "table" else sent_of(c.start)) for c in a.claims]
    a.recommendations = [replace(r, sent_id=sent_of(r.start)) for r in a.recommendations]

    def mentions(ms):
        return tuple(replace(m, sent_id=sent_of(m.start)) for m in ms)

    a.organisations = [replace(o, mentions=mentions(o.mentions)) for o in a.organisations]
    a.legal_acts = [replace(x, mentions=mentions(x.mentions)) for x in a.legal_acts]
    a.citations = [replace(c, sent_id=sent_of(c.start)) if c.sent_id is None else c for c in a.citations]


def analyze_source(source: Source, *, stages: tuple[str, ...] | None = None, lang: str = "auto") -> Analysis:
    """Run the stages (all by default) over ``source``.

    A core stage (segment, tokens, link) that fails raises :class:`StageError` (E203). An
    extractor stage that fails does not: it is recorded in ``Analysis.errors`` as a
    :class:`StageFailure` ``(stage, "E210", message, error type)``, the facts it would have
    given stay empty and the other stages still run.

    ``lang`` is ``auto`` (each paragraph and sentence gets the language detected for it) or
    ``kk``, ``ru``, ``en`` (every sentence is read in that language).
    """
    if lang not in LANGS:
        raise ValueError(f"E202 lang must be one of {', '.join(LANGS)}, not {lang!r}")
    a = Analysis(source=source)
    for name, fn, _ in STAGES:
        if stages is not None and name not in stages and name not in ("segment", "tokens", "references"):
            continue
        try:
            fn(a)
            if name == "segment" and lang != "auto":
                force_language(a, lang)
        except ModuleNotFoundError as e:
            if e.name and e.name.startswith("pipeline.extract."):
                warnings.warn(f"W201 extractor {e.name} is not installed; stage {name!r} skipped")
                continue
            raise StageError(name, e) from e
        except Exception as e:  # one source, one stage: reported, never hidden
            if name not in EXTRACTORS:
                raise StageError(name, e) from e
            # an extractor failed: its facts are missing, the other stages still run
            a.errors.append(StageFailure(name, EXTRACTOR_FAILED,
                                         f"{EXTRACTOR_FAILED} stage {name} failed: {type(e).__name__}: {e}",
                                         type(e).__name__))
    try:
        link_sentences(a)
    except Exception as e:
        raise StageError("link", e) from e
    return a


def process(text: str, *, source_id: str = "text", path: str = "<text>", stages: tuple[str, ...] | None = None,
            lang: str = "auto") -> Analysis:
    """Analyse a string: the model for a text, as ``derek run`` would build it.

    >>> a = process("Мәселен, 2014 жылы 90 ұйым болды.")
    >>> a.documents[0].lang
    'kk'
    >>> process("Число медиаторов выросло.", lang="kk").sentences[0].lang
    'kk'
    """
    from pipeline.ingest import clean_text

    text = clean_text(text)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    src = Source(path=path, source_id=source_id, sha256=digest, format="txt", encoding="utf-8", text=text)
    return analyze_source(src, stages=stages, lang=lang)
