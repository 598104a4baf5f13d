"""Shared fixtures: the sample corpus and one run of derek over it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "000_c56d3abc32b6f588.txt"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def run_derek(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the real command line (`python -m pipeline.cli ...`)."""
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory) -> Path:
    """derek run over corpus/ (the README's run), once per session."""
    out = tmp_path_factory.mktemp("out")
    r = run_derek("run", str(ROOT / "corpus"), "-o", str(out), "--workers", "1")
    assert r.returncode == 0, r.stderr
    return out


def pdf_from_text(text: str, path: Path) -> Path:
    """Print ``text`` to a PDF, one source line per PDF line (a real PDF via reportlab)."""
    import matplotlib
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdfmetrics.registerFont(TTFont("DejaVu", str(font)))
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    y = height - 40
    for line in text.splitlines():
        if not line.strip():
            continue
        if y < 40:
            c.showPage()
            y = height - 40
        c.setFont("DejaVu", 9)
        c.drawString(30, y, line.rstrip())
        y -= 12
    c.save()
    return path
