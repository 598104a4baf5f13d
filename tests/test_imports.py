"""The import contract of ``pipeline/``: layers, and no import circle.

Layers, lowest first; a module may import modules of its own layer or a lower one, never a
higher one:

    base      model, errors, resources, conllu
    lang      morph/* (the language layer), normalize, langid, frontmatter(_lines, _act), segment, ingest, formats
    extract   extract/*, references
    analyze   analyze (the stages in order)
    outputs   export, link(_names, _acts), contract, dataset, evaluate, interop, lemmatize, report, sqlsafe
    run       run, run_output
    cli       cli

An import inside a function counts like one at the top of the module: a lazy import may
save start-up time, but it may not hide a circle (moved to the top it would make one).
The package's ``__init__`` is the public facade (``pipeline.process``, ``pipeline.load``): it
may import lazily from any layer, and any module may read ``pipeline.__version__`` from it.
The check reads the source (AST); it imports nothing.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "pipeline"

LAYERS = [  # (name, module prefixes), lowest first
    ("base", ("pipeline.model", "pipeline.errors", "pipeline.resources", "pipeline.conllu")),
    ("lang", ("pipeline.morph", "pipeline.normalize", "pipeline.langid", "pipeline.frontmatter",
              "pipeline.frontmatter_lines", "pipeline.frontmatter_act",
              "pipeline.segment", "pipeline.ingest", "pipeline.formats")),
    ("extract", ("pipeline.extract", "pipeline.references")),
    ("analyze", ("pipeline.analyze",)),
    ("outputs", ("pipeline.export", "pipeline.link", "pipeline.link_names", "pipeline.link_acts",
                 "pipeline.contract", "pipeline.dataset",
                 "pipeline.evaluate", "pipeline.interop", "pipeline.lemmatize", "pipeline.report",
                 "pipeline.sqlsafe")),
    ("run", ("pipeline.run", "pipeline.run_output")),
    ("cli", ("pipeline.cli",)),
]


def modules(pkg: Path = PKG) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    out = {}
    for f in sorted(pkg.rglob("*.py")):
        parts = list(f.relative_to(pkg.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = f
    return out


def imports(mods: dict[str, Path]) -> dict[str, dict[str, str]]:
    """Module -> {imported pipeline module: "top" or "function"} (where the import statement is)."""
    graph: dict[str, dict[str, str]] = {}
    for name, f in mods.items():
        edges: dict[str, str] = {}
        is_pkg = f.name == "__init__.py"

        def add(target: str, where: str) -> None:
            if target in mods and target != name:
                if edges.get(target) != "top":
                    edges[target] = where

        def visit(node: ast.AST, where: str) -> None:
            for ch in ast.iter_child_nodes(node):
                w = "function" if isinstance(ch, (ast.FunctionDef, ast.AsyncFunctionDef)) else where
                if isinstance(ch, ast.ImportFrom):
                    base = ch.module or ""
                    if ch.level:  # relative import
                        anchor = name.split(".") if is_pkg else name.split(".")[:-1]
                        anchor = anchor[:len(anchor) - (ch.level - 1)]
                        base = ".".join(anchor + ([ch.module] if ch.module else []))
                    for a in ch.names:
                        sub = f"{base}.{a.name}"
                        add(sub if sub in mods else base, w)
                elif isinstance(ch, ast.Import):
                    for a in ch.names:
                        add(a.name, w)
                visit(ch, w)

        visit(ast.parse(f.read_text(encoding="utf-8"), filename=str(f)), "top")
        graph[name] = edges
    return graph


def layer_of(module: str) -> int | None:
    for k, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return k
    return None


def cycles(graph: dict[str, dict[str, str]]) -> list[list[str]]:
    """Every strongly connected component with more than one module (Tarjan), as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return sorted(out)


def test_imports_every_module_has_a_layer():
    missing = [m for m in modules() if m != "pipeline" and layer_of(m) is None]
    assert not missing, f"modules with no layer in tests/test_imports.py LAYERS: {missing}"


def test_imports_no_circle():
    found = cycles(imports(modules()))
    assert not found, "import circles (counting imports inside functions): " + "; ".join(
        " <-> ".join(c) for c in found)


def test_imports_follow_the_layers():
    bad = []
    for mod, edges in imports(modules()).items():
        if mod == "pipeline":
            continue  # the facade
        lm = layer_of(mod)
        for target, where in edges.items():
            if target == "pipeline":
                continue  # pipeline.__version__
            lt = layer_of(target)
            if lm is not None and lt is not None and lt > lm:
                bad.append(f"{mod} ({LAYERS[lm][0]}) imports {target} ({LAYERS[lt][0]}) at {where} level")
    assert not bad, "\n".join(bad)


# ------------------------------------------------------------- the checker on invented packages

@pytest.mark.parametrize("files,expected", [
    ({"a.py": "from pkgx import b\n", "b.py": "def f():\n    from pkgx import a\n"}, [["pkgx.a", "pkgx.b"]]),
    ({"a.py": "from pkgx import b\n", "b.py": "import math\n"}, []),
    ({"a.py": "from . import b\n", "b.py": "from .a import x\n"}, [["pkgx.a", "pkgx.b"]]),
])
def test_imports_checker_finds_circles_inside_functions(tmp_path, files, expected):
    pkg = tmp_path / "pkgx"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    for name, src in files.items():
        (pkg / name).write_text(src, encoding="utf-8")
    assert cycles(imports(modules(pkg))) == expected
