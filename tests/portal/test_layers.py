"""The base layer imports no feature app: yingdu.core is what every kind shares, and the
kinds register themselves with it (yingdu.core.kinds), never the other way round."""

import ast
from pathlib import Path

import yingdu

CORE = Path(yingdu.__file__).parent / "core"
FEATURE_APPS = {
    "news", "daily", "bilingual", "compositions", "resources", "search", "aids", "imports",
    "portal", "accounts", "demo", "api", "cli",
}  # fmt: skip


def imported_modules(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level > 1:
            names.append("yingdu." + (node.module or ""))  # `from ..news import …`
    return names


def feature_imports(path: Path) -> list[str]:
    return [
        name
        for name in imported_modules(path)
        if name.startswith("yingdu.") and name.split(".")[1] in FEATURE_APPS
    ]


def test_core_modules_import_no_feature_app():
    modules = sorted(CORE.rglob("*.py"))
    assert len(modules) > 10
    found = {str(p.relative_to(CORE)): feature_imports(p) for p in modules}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_the_check_sees_a_feature_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from yingdu.news.models import NewsArticle\nfrom ..search import x\n")
    assert feature_imports(sample) == [
        "yingdu.news.models", "yingdu.news.models.NewsArticle", "yingdu.search",
    ]  # fmt: skip
