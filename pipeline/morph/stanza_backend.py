"""Optional stanza backend (extra ``derek[stanza]``), used only when its models exist locally.

derek never downloads a model: a missing package or model is a clear error that
names the fix.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Sequence

DEFAULT_DIR = Path(os.environ.get("DEREK_STANZA_DIR", Path(__file__).resolve().parents[2] / "models" / "stanza"))


class BackendError(Exception):
    """The backend cannot run here; the message says how to make it run."""


def model_dir(path: str | os.PathLike | None = None) -> Path:
    return Path(path) if path else DEFAULT_DIR


def check(lang: str, path: str | os.PathLike | None = None) -> Path:
    """Raise BackendError naming the fix unless stanza and its ``lang`` models are present."""
    try:
        import stanza  # noqa: F401
    except ImportError:
        raise BackendError("E120 the stanza backend is not installed: run  .venv/bin/pip install -e '.[stanza]'") from None
    root = model_dir(path)
    if not (root / lang).is_dir():
        raise BackendError(
            f"E121 no stanza model for '{lang}' in {root}. derek never downloads models. On a machine with "
            f"network access run  python -c \"import stanza; stanza.download('{lang}', model_dir='models/stanza')\"  "
            f"and copy models/stanza/{lang} here (or set DEREK_STANZA_DIR)."
        )
    return root


@lru_cache(maxsize=4)
def _pipeline(lang: str, root: str):
    import stanza

    return stanza.Pipeline(lang, dir=root, processors="tokenize,pos,lemma", tokenize_pretokenized=True,
                           download_method=None, verbose=False)


def analyze(words: Sequence[str], lang: str, path: str | os.PathLike | None = None) -> list[tuple[str, str]]:
    """(lemma, upos) for one pre-tokenised sentence through stanza."""
    root = check(lang, path)
    doc = _pipeline(lang, str(root))([list(words)])
    return [(w.lemma or w.text, w.upos or "X") for s in doc.sentences for w in s.words][: len(words)]
