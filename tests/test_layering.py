"""store/ is the domain layer: it never imports Textual (tui/ shows and edits; the brief's layering)."""
from __future__ import annotations

import ast
from pathlib import Path

STORE = Path(__file__).resolve().parent.parent / "store"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_no_module_of_store_imports_textual_or_the_tui():
    offenders = {str(p.relative_to(STORE.parent)): sorted(imported_modules(p) & {"textual", "tui"})
                 for p in STORE.rglob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}
