"""derek's model for other tools: CoNLL-U for any document, a spaCy ``Doc`` for any document.

Both take an :class:`pipeline.model.Analysis` (from :func:`pipeline.process`, or
rebuilt from an output folder with ``pipeline.load(OUT).analysis(source_id)``).

>>> from pipeline import process
>>> a = process("Мәселен, 2014 жылы 90 ұйым болды.")
>>> print(to_conllu(a, a.documents[0].doc_id).splitlines()[0])
# newdoc id = text:d1
"""
from __future__ import annotations

from typing import Iterable

from pipeline.conllu import ConlluSentence, write_conllu
from pipeline.model import Analysis, Token

# spaCy / UD universal POS tags (anything else becomes X)
UPOS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ",
        "SYM", "VERB", "X"}
# entity labels of the fact types in a spaCy Doc
LABELS = {"organisations": "ORG", "numeric_claims": "CLAIM", "legal_acts": "LAW", "recommendations": "REC"}


class InteropError(Exception):
    """A document id that is not in the analysis."""


def _analysis_of(a, doc_id: str | None) -> Analysis:
    """The Analysis holding ``doc_id``: ``a`` itself, or the source of ``doc_id`` rebuilt from a dataset
    (``pipeline.load(OUT)``) or an output folder."""
    if isinstance(a, Analysis):
        return a
    from pathlib import Path

    from pipeline.dataset import Dataset

    if isinstance(a, (str, Path)):
        a = Dataset(a)
    if isinstance(a, Dataset):
        if doc_id is None:
            raise InteropError("E501 no document id given: name one to read a document of an output folder")
        return a.analysis(a.source_of(doc_id))
    raise TypeError(f"expected an Analysis, a Dataset or an output folder, not {type(a).__name__}")


def _check_doc(a: Analysis, doc_id: str) -> None:
    if doc_id not in {d.doc_id for d in a.documents}:
        known = ", ".join(d.doc_id for d in a.documents[:5]) or "none"
        raise InteropError(f"E501 no document {doc_id!r} (documents: {known})")


def _field(s: str | None) -> str:
    """A CoNLL-U field: no tabs or newlines, never empty (``_``)."""
    s = " ".join((s or "").split())
    return s or "_"


def _form(t: Token) -> str:
    # the form as read (hyphenation joined, homoglyphs fixed); the source slice can hold a line break
    return _field(t.norm or t.text)


def conllu_sentences(a: Analysis, doc_id: str) -> list[ConlluSentence]:
    """The sentences of one document as CoNLL-U sentences (ID, FORM, LEMMA, UPOS; MISC keeps offsets).

    MISC holds ``TokenRange=start:end`` (offsets into the source text) and
    ``SpaceAfter=No`` where the next token follows without a space.
    """
    _check_doc(a, doc_id)
    by_sent: dict[str, list[Token]] = {}
    for t in a.tokens:
        if t.doc_id == doc_id:
            by_sent.setdefault(t.sent_id, []).append(t)
    out: list[ConlluSentence] = []
    first = True
    for s in a.sentences:
        if s.doc_id != doc_id:
            continue
        toks = sorted(by_sent.get(s.sent_id, ()), key=lambda t: t.i)
        if not toks:
            continue
        cs = ConlluSentence()
        if first:
            cs.comments.append(f"# newdoc id = {doc_id}")
            first = False
        cs.comments.append(f"# sent_id = {s.sent_id}")
        view = getattr(a.view, "text", None)
        stext = view[s.vstart:s.vend] if view and s.vend > s.vstart else s.text
        cs.comments.append(f"# text = {' '.join(stext.split())}")
        cs.comments.append(f"# lang = {s.lang}")
        cs.comments.append(f"# section = {s.section}")
        for k, t in enumerate(toks):
            misc = [f"TokenRange={t.start}:{t.end}"]
            if k + 1 < len(toks) and toks[k + 1].start == t.end:
                misc.append("SpaceAfter=No")
            upos = t.upos if t.upos in UPOS else ("X" if t.upos else "_")
            cs.rows.append([str(k + 1), _form(t), _field(t.lemma), upos, "_", "_", "_", "_", "_", "|".join(misc)])
        out.append(cs)
    return out


def to_conllu(a: Analysis, doc_id: str | None = None) -> str:
    """CoNLL-U text of one document (every document when ``doc_id`` is None).

    ``a`` is an :class:`Analysis`, or a dataset (``pipeline.load(OUT)``) / output folder with a ``doc_id``.
    """
    import io

    a = _analysis_of(a, doc_id)
    buf = io.StringIO()
    ids = [doc_id] if doc_id else [d.doc_id for d in a.documents]
    for d in ids:
        write_conllu(conllu_sentences(a, d), buf)
    return buf.getvalue()


# --- spaCy ------------------------------------------------------------------------------------------


def _vocab():
    import spacy

    global _VOCAB
    try:
        return _VOCAB
    except NameError:
        _VOCAB = spacy.blank("xx").vocab
        return _VOCAB


def _fact_spans(a: Analysis, doc_id: str, kinds: Iterable[str]) -> list[tuple[int, int, str, str]]:
    """(start, end, label, fact id) of every fact of ``kinds`` inside the document, in source offsets."""
    out = []
    kinds = set(kinds)
    if "organisations" in kinds:
        for o in a.organisations:
            for m in o.mentions:
                if m.doc_id == doc_id:
                    out.append((m.start, m.end, LABELS["organisations"], o.org_id))
    if "legal_acts" in kinds:
        for x in a.legal_acts:
            for m in x.mentions:
                if m.doc_id == doc_id:
                    out.append((m.start, m.end, LABELS["legal_acts"], x.act_id))
    if "numeric_claims" in kinds:
        out += [(c.start, c.end, LABELS["numeric_claims"], c.claim_id) for c in a.claims if c.doc_id == doc_id]
    if "recommendations" in kinds:
        out += [(r.start, r.end, LABELS["recommendations"], r.rec_id) for r in a.recommendations if r.doc_id == doc_id]
    return out


def to_spacy(a, doc_id: str, *, vocab=None, ents: Iterable[str] = ("organisations", "numeric_claims"),
             spans: Iterable[str] = ("organisations", "numeric_claims", "legal_acts", "recommendations")):
    """A spaCy ``Doc`` of one document: tokens, lemmas, POS, sentences, facts as entities and spans.

    ``a`` is an :class:`Analysis` (``pipeline.process(text)``), a dataset (``pipeline.load(OUT)``)
    or an output folder: ``to_spacy(pipeline.load("out"), "<source_id>:d1")``.

    Words are the tokens as read (``Token.norm``); ``token.idx`` indexes the Doc's
    own text, and ``doc.user_data["source_offsets"][i]`` gives token ``i``'s
    ``(start, end)`` in the source text. ``doc.ents`` holds the organisation and
    claim mentions (overlaps resolved by ``spacy.util.filter_spans``, longest first);
    ``doc.spans["derek"]`` holds every fact of ``spans``, overlaps kept, each
    span's ``id_`` being the fact id. The vocab is ``spacy.blank("xx")``'s unless given.
    """
    from spacy.tokens import Doc, Span
    from spacy.util import filter_spans

    a = _analysis_of(a, doc_id)
    _check_doc(a, doc_id)
    vocab = vocab or _vocab()
    sent_order = {s.sent_id: n for n, s in enumerate(a.sentences)}
    toks = sorted((t for t in a.tokens if t.doc_id == doc_id), key=lambda t: (sent_order.get(t.sent_id, 1 << 30), t.i))
    words = [(t.norm or t.text).replace("\n", " ") or "_" for t in toks]
    space = [k + 1 < len(toks) and toks[k + 1].start > t.end for k, t in enumerate(toks)]
    sent_starts = [k == 0 or toks[k - 1].sent_id != t.sent_id for k, t in enumerate(toks)]
    doc = Doc(vocab, words=words, spaces=space,
              lemmas=[t.lemma or w for t, w in zip(toks, words)],
              pos=[t.upos if t.upos in UPOS else "X" for t in toks],
              sent_starts=sent_starts)
    doc.user_data["source_offsets"] = [(t.start, t.end) for t in toks]
    doc.user_data["doc_id"] = doc_id
    doc.user_data["source_id"] = a.source.source_id
    doc.user_data["lang"] = [t.lang for t in toks]

    # source offsets -> token indices (a fact covers every token it overlaps)
    starts = [t.start for t in toks]
    import bisect

    def token_span(s: int, e: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(starts, s) - 1
        if i < 0 or toks[i].end <= s:
            i += 1
        j = bisect.bisect_left(starts, e)
        if i >= j:
            return None
        return i, j

    def make(items) -> list:
        out = []
        for s, e, label, fid in items:
            ts = token_span(s, e)
            if ts is not None:
                out.append(Span(doc, ts[0], ts[1], label=label, span_id=fid))
        return out

    doc.spans["derek"] = make(_fact_spans(a, doc_id, spans))
    doc.ents = filter_spans(make(_fact_spans(a, doc_id, ents)))
    return doc


# --- `derek conllu` ------------------------------------------------------------------------------------


def main(out: str, *, docs: list[str] | None = None, source: str | None = None, output: str | None = None) -> int:
    """`derek conllu OUT [--doc DOC_ID ...] [--source SOURCE_ID] [--output FILE]`."""
    import sys

    from pipeline.dataset import Dataset, DatasetError

    try:
        ds = Dataset(out)
        if docs:
            wanted: dict[str, list[str]] = {}
            for d in docs:
                wanted.setdefault(ds.source_of(d), []).append(d)
        else:
            sids = [source] if source else ds.source_ids()
            wanted = {sid: [] for sid in sids}
        chunks = []
        for sid, ids in wanted.items():
            a = ds.analysis(sid)
            for d in ids or [d.doc_id for d in a.documents]:
                chunks.append(to_conllu(a, d))
    except (DatasetError, InteropError) as e:
        print(f"derek: {e}", file=sys.stderr)
        return 2
    text = "".join(chunks)
    if output:
        from pathlib import Path

        from pipeline.export import atomic_write_text

        atomic_write_text(Path(output), text)
    else:
        sys.stdout.write(text)
    return 0
