"""What every evaluation in bench/ shares: where the development data is, and the tune/check split.

The data folder is ``$DEREK_DATA`` when set, else ``../shared/data`` next to the repository.
Scripts call :func:`data_dir` and, when it returns None, print ``skip: data absent (...)``
and exit 0.

Every data set is split into a **tune** half and a **check** half by a stable hash of its
document id (the sentence id where a set has no documents). Rules, word lists, thresholds
and models learn from the tune half only; figures are reported on both halves and the
check half's is the one that counts.

The ids, one convention for every script (both languages of one act share a half):

    KazNERD      kaznerd:<0-based index of the sentence in IOB2_valid.txt>
    UD           ud:<the sentence's "# sent_id" value>
    factRuEval   factru:<book stem, e.g. book_58>
    NEREL        nerel:<file stem, e.g. 12345_text>
    RuREBus      rurebus:<document id: the file stem before "_part_">
    kzlaw        kzlaw:<act folder name, e.g. 01_0624-o-sozdanii-...>
    kzlaw_more   kzlaw:<act folder name, e.g. 0114-ob-utverzhdenii-...-3466> (bench/data/kzlaw_more)
    frontmatter  frontmatter:<file stem, e.g. kk_01>
    a sentence drawn from any of these (e.g. a labelled recommendation) takes the id of
    the document it came from, so it falls in that document's half.
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# more parallel acts of the kzlaw repositories, of the years the development set may take,
# copied into the repository (bench/data/kzlaw_more/README.md)
KZLAW_MORE = ROOT / "bench" / "data" / "kzlaw_more"


def data_dir() -> Path | None:
    """The development data folder, or None when it is absent."""
    env = os.environ.get("DEREK_DATA")
    cands = [Path(env)] if env else []
    cands.append(ROOT.parent / "shared" / "data")
    for c in cands:
        if c.is_dir():
            return c
    return None


def require_data(*parts: str) -> Path:
    """The data folder (or a path inside it); print ``skip: data absent`` and exit 0 when missing."""
    d = data_dir()
    p = d.joinpath(*parts) if d is not None else None
    if p is None or not p.exists():
        where = "/".join(parts) or "."
        print(f"skip: data absent ({where} not found under $DEREK_DATA or ../shared/data)")
        sys.exit(0)
    return p


def half(doc_id: str) -> str:
    """``'tune'`` or ``'check'`` for a document id, by a stable hash (the same on every machine).

    >>> half("kaznerd:0"), half("kaznerd:0") == half("kaznerd:0")
    ('tune', True)
    """
    h = hashlib.sha256(doc_id.encode("utf-8")).digest()
    return "tune" if h[0] % 2 == 0 else "check"


def is_tune(doc_id: str) -> bool:
    return half(doc_id) == "tune"


def parallel_acts(*, more: bool = False, shared: bool = True) -> list[tuple[str, str, Path]]:
    """``(stem, doc id, folder)`` of the acts in Kazakh and Russian (``kaz.md``, ``rus.md``): those of
    ``kzlaw/`` in the development data (``shared``, when present: stem ``NN``) and, with ``more``,
    those of ``bench/data/kzlaw_more`` (stem ``m`` + the act's number). Both halves; the doc id
    gives the half."""
    out: list[tuple[str, str, Path]] = []
    d = data_dir()
    if shared and d is not None and (d / "kzlaw").is_dir():
        for p in sorted((d / "kzlaw").iterdir()):
            if (p / "kaz.md").exists() and (p / "rus.md").exists():
                out.append((p.name.split("_", 1)[0], f"kzlaw:{p.name}", p))
    if more and KZLAW_MORE.is_dir():
        for p in sorted(KZLAW_MORE.iterdir()):
            if (p / "kaz.md").exists() and (p / "rus.md").exists():
                out.append(("m" + p.name.rsplit("-", 1)[-1], f"kzlaw:{p.name}", p))
    return out


def print_figures(figs: list[dict], width: int = 78, *, n: bool = False) -> None:
    """The figures of an ``evaluate`` as a plain table: figure, tune, check (with ``n``: their n), target."""
    head = f"{'figure':{width}s} {'tune':>7s} {'check':>7s}"
    print(head + (f" {'n_tune':>7s} {'n_check':>7s}" if n else "") + "  target")
    for f in figs:
        t = "-" if f["tune"] is None else f["tune"]
        c = "-" if f["check"] is None else f["check"]
        row = f"{f['figure']:{width}s} {t!s:>7s} {c!s:>7s}"
        print(row + (f" {f['n_tune']!s:>7s} {f['n_check']!s:>7s}" if n else "") + f"  {f['target']}")


def monotone_beads(n: int, m: int, steps, bead_cost) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The least-cost monotone alignment of ``n`` items against ``m`` (sentences of two versions of a
    text, Gale-Church style): dynamic programming over ``steps`` ``(di, dj, penalty)``, a bead of
    items ``a`` and ``b`` costing ``penalty + bead_cost(a, b)`` (``a``, ``b``: tuples of indexes, one of
    them empty for a skip). Returns every bead in order, skips included."""
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for di, dj, pen in steps:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                c = cost[i][j] + pen + bead_cost(tuple(range(i, ni)), tuple(range(j, nj)))
                if c < cost[ni][nj]:
                    cost[ni][nj] = c
                    back[ni][nj] = (i, j)
    beads = []
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj = back[i][j]
        beads.append((tuple(range(pi, i)), tuple(range(pj, j))))
        i, j = pi, pj
    return beads[::-1]
