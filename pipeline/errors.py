"""Every error and warning code of derek, defined once: code -> (module that raises it, meaning).

A code names one kind of failure and keeps it for good; messages may change, codes do not.
Codes are grouped by where they arise:

    E0xx  reading a source (ingest, run)         E3xx  reading an output folder (dataset)
    E1xx  the language layer, CoNLL-U             E4xx  evaluation
    E2xx  the stages of analysis                  E5xx  interoperability
    Wxxx  warnings (the run goes on)

``tests/test_errors.py`` checks that every code written in ``pipeline/`` is in :data:`CODES`
and appears only in the module(s) the table names. A new code: add a row here first.

A failure inside one extractor stage does not stop the others:
:func:`pipeline.analyze.analyze_source` records it in ``Analysis.errors`` as a
:class:`pipeline.model.StageFailure` ``(stage, code, message, error)`` with code
:data:`EXTRACTOR_FAILED`, keeps the facts of every other stage, and the run writes one error
row per failure (stage, code, message) next to the facts it did write.
"""
from __future__ import annotations

# code -> (the module(s) that write it, comma-separated; its one meaning)
CODES: dict[str, tuple[str, str]] = {
    # ---- reading a source
    "E001": ("pipeline/ingest.py", "the file cannot be opened or read (permissions, I/O error)"),
    "E002": ("pipeline/ingest.py", "the file holds no text (empty, or only spaces and control characters)"),
    "E003": ("pipeline/ingest.py", "the file is larger than the --max-mb limit"),
    "E004": ("pipeline/ingest.py", "the path is a broken symbolic link or a link loop"),
    "E005": ("pipeline/ingest.py", "the extracted text is longer than the character limit"),
    "E006": ("pipeline/ingest.py, pipeline/run.py", "the path is not a regular file (a FIFO, device or socket)"),
    "E007": ("pipeline/run.py", "a symbolic link under an input folder leads outside it (a warning row)"),
    "E010": ("pipeline/ingest.py", "the file is not text (binary content)"),
    "E011": ("pipeline/ingest.py", "the file is not valid in the encoding it declares or seems to have"),
    "E020": ("pipeline/ingest.py", "the PDF has no text layer (a scanned image)"),
    "E021": ("pipeline/ingest.py", "the file is named .pdf but is not a PDF"),
    "E022": ("pipeline/ingest.py", "the PDF has more pages than the --max-pages limit"),
    "E023": ("pipeline/ingest.py", "the PDF is password-protected"),
    "E024": ("pipeline/ingest.py", "the PDF is damaged or truncated"),
    "E025": ("pipeline/ingest.py", "reading the PDF's text took longer than the time limit"),
    "E026": ("pipeline/ingest.py", "the PDF needs more memory than derek allows for one file (or unpacks like a bomb)"),
    "E027": ("pipeline/ingest.py", "one PDF page holds more characters than the page limit"),
    "E031": ("pipeline/ingest.py", "the file is named .docx but is not a Word document"),
    "E032": ("pipeline/ingest.py", "the Word document unpacks to more than the zip-bomb guard allows"),
    "E033": ("pipeline/ingest.py", "the Word document is damaged"),
    "E040": ("pipeline/run.py", "processing the source took longer than --timeout and was stopped"),
    "E041": ("pipeline/run.py", "the source needed more memory than a worker may have (--max-memory-mb)"),
    "E042": ("pipeline/run.py", "the worker processing the source stopped (killed, crashed)"),
    # ---- the language layer
    "E101": ("pipeline/conllu.py", "a CoNLL-U line does not have 10 columns"),
    "E102": ("pipeline/conllu.py", "a CoNLL-U word line whose ID is not a word number (1, 2-3, 4.1)"),
    "E110": ("pipeline/morph/ru_feats.py", "a UD feature that Russian inflection cannot produce"),
    "E111": ("pipeline/morph/__init__.py", "no out-of-context word functions for the language"),
    "E120": ("pipeline/morph/stanza_backend.py", "the optional stanza backend is not installed"),
    "E121": ("pipeline/morph/stanza_backend.py", "no local stanza model for the language (never downloaded)"),
    # ---- the stages
    "E201": ("pipeline/analyze.py", "a stage is listed before a stage it requires"),
    "E202": ("pipeline/analyze.py", "lang= is not one of auto, kk, ru, en"),
    "E203": ("pipeline/analyze.py", "a core stage (segment, tokens, link) failed: the source has no facts"),
    "E210": ("pipeline/analyze.py", "an extractor stage failed: its facts are missing, the others' are written"),
    # ---- reading an output folder
    "E301": ("pipeline/dataset.py", "the folder is not a derek output folder"),
    "E302": ("pipeline/dataset.py", "the output folder has no tables/ or facts/"),
    "E303": ("pipeline/dataset.py", "no text for the source id in the output folder"),
    "E304": ("pipeline/dataset.py", "no facts for the source id in the output folder"),
    "E305": ("pipeline/dataset.py", "no such document in the output folder"),
    "E306": ("pipeline/dataset.py", "not a source id of the output folder"),
    "E307": ("pipeline/dataset.py", "an SQL query over the tables failed"),
    "E308": ("pipeline/sqlsafe.py", "a --read-only query writes, attaches, installs or reads outside the output folder"),
    # ---- evaluation
    "E401": ("pipeline/evaluate.py", "no facts JSON files in the folder"),
    "E402": ("pipeline/evaluate.py", "the gold or facts path does not exist"),
    "E403": ("pipeline/evaluate.py", "a facts file is not JSON"),
    "E404": ("pipeline/evaluate.py", "a JSON file is not a facts file"),
    "E405": ("pipeline/evaluate.py", "gold and predicted facts are of different sources"),
    "E406": ("pipeline/evaluate.py", "match= is not exact or overlap"),
    "E407": ("pipeline/evaluate.py", "the verdicts file cannot be read"),
    "E408": ("pipeline/evaluate.py", "the file is not a verdicts file"),
    "E409": ("pipeline/evaluate.py", "unreviewed= is not keep or drop"),
    "E410": ("pipeline/evaluate.py", "no facts for a source named in the verdicts"),
    "E411": ("pipeline/evaluate.py", "the verdicts were made on another version of the source"),
    # ---- interoperability
    "E501": ("pipeline/interop.py", "no such document in the analysis"),
    # ---- warnings
    "W201": ("pipeline/analyze.py", "an optional extractor module is not installed; its stage is skipped"),
}

CORE_STAGE_FAILED = "E203"
EXTRACTOR_FAILED = "E210"


def meaning(code: str) -> str:
    """What ``code`` means; raises KeyError for a code derek does not define.

    >>> meaning("E210")
    "an extractor stage failed: its facts are missing, the others' are written"
    """
    return CODES[code][1]
