"""derek's data model: frozen records whose spans index the decoded source text.

Every record with ``start``, ``end`` and ``text`` satisfies
``source_text[start:end] == text``. Offsets are never re-based per sentence.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True, slots=True)
class Source:
    """One input file after decoding/extraction."""

    path: str
    source_id: str
    sha256: str
    format: str  # txt | pdf | docx
    encoding: Optional[str]
    text: str
    pages: tuple[int, ...] = ()  # source offsets where each page starts (PDF)


@dataclass(frozen=True, slots=True)
class Section:
    kind: str  # title|authors|affiliation|abstract|keywords|body|table|references|footnote|other
    lang: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Title:
    """A title as printed, in one language (``text`` is the source slice, line breaks kept)."""

    lang: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Author:
    name: str  # affiliation markers (``1``, ``*``) stripped
    affiliations: tuple[int, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Affiliation:
    id: int
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Code:
    """A classification code: ``УДК 32.019.5`` → scheme ``UDC``, value ``32.019.5``."""

    scheme: str  # UDC | IRSTI | JEL | HAC | other
    value: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Keywords:
    lang: str
    terms: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Dates:
    received: Optional[str] = None  # ISO dates
    accepted: Optional[str] = None
    published: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Act:
    """What an official document says of itself: ``{kind, number, date, issuer}``."""

    kind: str
    number: Optional[str]
    date: Optional[str]
    issuer: Optional[str]


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    lang: str
    title: Optional[str]
    start: int
    end: int
    sections: tuple[Section, ...] = ()
    # article metadata (front matter); empty for a text without it
    titles: tuple[Title, ...] = ()
    authors: tuple[Author, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    emails: tuple[str, ...] = ()
    orcids: tuple[str, ...] = ()
    codes: tuple[Code, ...] = ()
    doi: Optional[str] = None
    keywords: tuple[Keywords, ...] = ()
    dates: Dates = Dates()
    act: Optional[Act] = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    doc_id: str
    section: str  # kind of the enclosing section
    lang: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    sent_id: str
    doc_id: str
    section: str
    lang: str
    start: int
    end: int
    text: str
    vstart: int = 0  # span in the normalised view (pipeline.normalize.View)
    vend: int = 0
    section_id: Optional[str] = None  # "<doc_id>:sec<i>", the key of the section it stands in


@dataclass(frozen=True, slots=True)
class Token:
    doc_id: str
    sent_id: str
    i: int
    start: int
    end: int
    text: str
    norm: str  # the token as read in the normalised view
    lemma: str
    upos: str
    lang: str
    feats: str = ""  # UD-style features of the analysis chosen in context, "Case=Gen|Number=Sing"


# Section kinds whose sentences may state facts; every other kind (title, authors, affiliation,
# keywords, references, metadata, furniture) holds an article's metadata, never its facts.
FACT_SECTIONS = frozenset({"body", "abstract", "table", "annex", "footnote", "other"})


@dataclass(frozen=True, slots=True)
class Mention:
    doc_id: str
    start: int
    end: int
    text: str
    sent_id: Optional[str] = None  # the sentence it stands in (filled by analyze.link_sentences)


@dataclass(frozen=True, slots=True)
class Claim:
    claim_id: str
    doc_id: str
    lang: str
    value: float
    value_max: Optional[float]
    unit: str
    currency: Optional[str]
    qualifier: str
    measured: Optional[str]
    subject: Optional[str]
    year: Optional[int]
    period: Optional[str]
    cite: Optional[str]
    where: str
    table: Optional[int]
    row: Optional[str]
    column: Optional[str]
    text: str
    sentence: str
    start: int
    end: int
    sent_id: Optional[str] = None  # the sentence it stands in; None for a table cell
    measured_phrase: Optional[str] = None  # the counted noun with its modifiers: `кәсіби емес медиаторлар`
    change: Optional[str] = None  # increase | decrease: `сокращение ВВП на 3,1 %`
    from_value: Optional[float] = None  # `с 12% ... до 18,5%`: the `to` claim carries 12
    from_year: Optional[int] = None
    aggregate: Optional[str] = None  # mean (`в среднем`, `орта есеппен`) | annual (`ежегодно`, `жыл сайын`)
    as_of: Optional[str] = None  # `на 1 января 2020 года` -> 2020-01-01
    cite_ref: Optional[str] = None  # the reference a citation marker points to
    entity_id: Optional[str] = None  # the organisation (org_id) the figure is about


@dataclass(frozen=True, slots=True)
class Table:
    table_id: str
    doc_id: str
    number: Optional[int]
    caption: Optional[str]
    note: Optional[str]
    columns: tuple[str, ...]
    rows: tuple[tuple[Optional[str], ...], ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Organisation:
    org_id: str
    canonical: str
    abbr: Optional[str]
    legal_form: Optional[str]
    url: Optional[str]
    aliases: tuple[str, ...]
    lang: str
    mentions: tuple[Mention, ...]
    descriptor: Optional[str] = None  # the noun after a quoted name: «Нұр Отан» партиясы -> партия
    role: Optional[str] = None  # "affiliation" for an author's institution, else None
    entity_id: Optional[str] = None  # corpus-wide, filled when a run is linked


@dataclass(frozen=True, slots=True)
class LegalAct:
    act_id: str
    doc_id: str
    canonical: str
    kind: str  # law|code|strategy|concept|programme|decree|resolution|other
    year: Optional[int]
    number: Optional[str]
    mentions: tuple[Mention, ...]
    date: Optional[str] = None  # ISO date of adoption when stated (1997-07-28, or 1997-07, 1997)
    issuer: Optional[str] = None  # the body that issued it, as written (облыс әкімінің, акима области)
    entity_id: Optional[str] = None  # corpus-wide, filled when a run is linked


@dataclass(frozen=True, slots=True)
class Recommendation:
    rec_id: str
    doc_id: str
    lang: str
    text: str
    cue: str
    start: int
    end: int
    topic: Optional[str] = None
    score: Optional[float] = None
    sent_id: Optional[str] = None  # the sentence it starts in
    kind: Optional[str] = None  # proposal | demand | directive (CONTRACT: recommendations.kind)


@dataclass(frozen=True, slots=True)
class StageFailure:
    """An extractor stage that raised on one source; the other stages' facts are kept.
    ``code`` is from ``pipeline.errors.CODES`` (E210), ``error`` the exception's type name."""

    stage: str
    code: str
    message: str
    error: str = ""


@dataclass(frozen=True, slots=True)
class Reference:
    """One entry of an article's reference list."""

    ref_id: str
    doc_id: str
    n: Optional[int]  # its printed number, when numbered
    authors: tuple[str, ...]
    year: Optional[int]
    title: Optional[str]
    venue: Optional[str]
    doi: Optional[str]
    url: Optional[str]
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Citation:
    """A marker in the text (``[1]``, ``[1, с. 25]``, ``(Смағұлов, 2019)``) and the entry it points to."""

    doc_id: str
    ref_id: Optional[str]
    text: str
    start: int
    end: int
    sent_id: Optional[str] = None


@dataclass(slots=True)
class Analysis:
    """Everything derek knows about one source; stages fill it in order."""

    source: Source
    view: object = None  # pipeline.normalize.View
    documents: list[Document] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    legal_acts: list[LegalAct] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    errors: list[StageFailure] = field(default_factory=list)  # extractor stages that failed
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.source.text

    def fact_sentences(self) -> list[Sentence]:
        """The sentences of sections that may state facts (body, abstract, table, annex, ...)."""
        return [s for s in self.sentences if s.section in FACT_SECTIONS]

    def tokens_of(self, sent_id: str) -> list[Token]:
        """Tokens of one sentence, in order (indexed once per token list)."""
        key = (id(self.tokens), len(self.tokens))
        if self._index.get("key") != key:
            by_sent: dict[str, list[Token]] = {}
            for t in self.tokens:
                by_sent.setdefault(t.sent_id, []).append(t)
            self._index.clear()
            self._index.update(key=key, by_sent=by_sent)
        return list(self._index["by_sent"].get(sent_id, ()))
