"""How many places in ``pipeline/`` still split words, analyse Russian words or list Kazakh endings
on their own: the census behind "one language layer owns the word".

Counted by reading the source (``ast``), not by running it; every hit is listed with ``-v`` so a
reader can check the count. What counts:

- **pymorphy3 analysers**: calls of ``MorphAnalyzer(...)`` or of a class derived from it. The language layer's one instance is
  in ``pipeline/morph``; the figure is the number of call sites in the whole package.
- **out-of-context Russian parses outside the layer**: ``<x>.parse(...)`` calls in modules outside
  ``pipeline/morph`` whose receiver is a morph analyser (a name or call containing ``morph``).
- **word splitters**: modules that compile a regular expression matching a run of letters
  (``\\w+``, ``[а-я...]+`` and the like) and use it with ``findall``/``finditer``/``split``, outside
  ``pipeline/morph/tokenize.py`` (the layer's tokenizer). A heuristic: a pattern may also find
  something that is not a word; the list shows each.
- **Kazakh ending lists**: literal collections of three or more strings in ``pipeline/`` of which
  three or more are Kazakh nominal endings of ``data/kk/suffixes.tsv`` of two letters or more
  (one-letter endings are Russian ones too), the same for the alternatives of a regular expression, plus data files under
  ``data/kk`` other than ``suffixes.tsv`` whose entries are mostly such endings.

No data set is needed; the figures have no tune/check halves.

    python bench/eval_layer_census.py [-v]
"""
from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT  # noqa: E402

PKG = ROOT / "pipeline"
COMMAND = "python bench/eval_layer_census.py -v"
_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]|\\[wWdDbB]")
_GLUE = re.compile(r"[()?:+*|'\-^$%]|\\.|\{\d*,?\d*\}")


def _is_word_pattern(pat: str) -> bool:
    """A pattern that matches a word and nothing else: letter classes and repetition only
    (``\\w+``, ``[А-Яа-яӘә]+(?:-[А-Яа-я]+)*``), with at least one class of letters repeated."""
    if not re.search(r"(\\w|\[[^\]]*(а-я|a-z|А-Я|A-Z|ә|қ|\\w)[^\]]*\])[+*]", pat):
        return False
    return not _GLUE.sub("", _CLASS.sub("", pat)).strip()


def _endings() -> set[str]:
    out: set[str] = set()
    for line in (PKG / "data" / "kk" / "suffixes.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) >= 4:
                out.update(x for x in cols[2:4] if x)
    return out


def _modules() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if "__pycache__" not in p.parts)


def _name_of(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Call):
        return _name_of(node.func)
    return ""


def census() -> dict[str, list[str]]:
    """``{what: [path:line description, ...]}`` for the four counts."""
    endings = _endings()
    hits: dict[str, list[str]] = {"analysers": [], "parses": [], "splitters": [], "ending_lists": []}
    analyser_classes = {"MorphAnalyzer"}  # and every class derived from it
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in _modules()}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(_name_of(b) == "MorphAnalyzer" for b in node.bases):
                analyser_classes.add(node.name)
    for p, tree in trees.items():
        rel = p.relative_to(ROOT).as_posix()
        in_layer = rel.startswith("pipeline/morph/")
        word_res: dict[str, int] = {}  # name of a compiled word pattern -> line
        used: set[str] = set()  # names of patterns used to find or split words
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                fname = _name_of(node.func)
                if fname in analyser_classes:
                    hits["analysers"].append(f"{rel}:{node.lineno}")
                if (not in_layer and isinstance(node.func, ast.Attribute) and node.func.attr == "parse"
                        and "morph" in _name_of(node.func.value).lower()):
                    hits["parses"].append(f"{rel}:{node.lineno}")
                if fname in ("findall", "finditer", "split"):
                    if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
                        used.add(node.func.value.id)
                    used.update(a.id for a in node.args[:1] if isinstance(a, ast.Name))
                    if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str) \
                            and _is_word_pattern(node.args[0].value):
                        word_res[f"inline pattern {node.args[0].value!r}"] = node.lineno
                        used.add(f"inline pattern {node.args[0].value!r}")
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) \
                    and _name_of(node.value.func) == "compile" and node.value.args \
                    and isinstance(node.value.args[0], ast.Constant) and isinstance(node.value.args[0].value, str) \
                    and _is_word_pattern(node.value.args[0].value):
                for t in node.targets:
                    if isinstance(t, ast.Name):
                        word_res[t.id] = node.lineno
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
                alts = [a.strip("()?:") for a in re.split(r"[|]", node.value)]
                if sum(len(a) >= 2 and a in endings for a in alts) >= 3:
                    hits["ending_lists"].append(f"{rel}:{node.lineno} regex {node.value[:50]!r}")
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                strs = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                if len(strs) >= 3 and sum(len(x) >= 2 and x in endings for x in strs) >= 3:
                    hits["ending_lists"].append(f"{rel}:{node.lineno} {strs[:6]}")
        splitters = {n: ln for n, ln in word_res.items() if n in used}
        if rel != "pipeline/morph/tokenize.py" and splitters:
            hits["splitters"].append(f"{rel}: " + ", ".join(f"{n} (line {ln})" for n, ln in sorted(splitters.items())))
    for f in sorted((PKG / "data" / "kk").glob("*.txt")):
        lines = [x.strip() for x in f.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]
        if len(lines) >= 5 and sum(x in endings for x in lines) / len(lines) >= 0.5:
            hits["ending_lists"].append(f"{f.relative_to(ROOT).as_posix()} ({len(lines)} entries)")
    return hits


_FIGURES = {
    "analysers": "pymorphy3 MorphAnalyzer() call sites in pipeline/",
    "parses": "out-of-context .parse() calls on an analyser outside pipeline/morph",
    "splitters": "modules with their own word-splitting regex besides morph/tokenize.py",
    "ending_lists": "Kazakh ending lists besides data/kk/suffixes.tsv",
}
_TARGETS = {"analysers": "= 1", "parses": "= 0", "splitters": "= 0", "ending_lists": "= 0"}


def evaluate(work: Path, *, smoke: bool = False) -> list[dict]:
    h = census()
    n_modules = len(_modules())
    return [{"figure": _FIGURES[k], "tune": None, "check": len(v), "n_tune": 0,
             "n_check": n_modules, "target": _TARGETS[k], "command": COMMAND,
             "note": "; ".join(v[:6]) + (" ..." if len(v) > 6 else "")} for k, v in h.items()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-v", action="store_true", help="list every hit")
    args = ap.parse_args()
    for k, v in census().items():
        print(f"{_FIGURES[k]}: {len(v)} (target {_TARGETS[k]})")
        if args.v:
            for x in v:
                print("   ", x)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
