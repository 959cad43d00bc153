"""The import layers of docs/architecture.md, read from the code itself with `ast`.

No module imports a module of a higher layer, nor of another app in its own layer, and no
function imports one of our apps (that is how loops are hidden). The one exception is an app's
`AppConfig.ready()`, where Django wants an app's signal handlers connected once models load.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lower numbers are lower layers. Apps in one layer do not import each other.
LAYERS = {
    "pagecache": 0,  # the cache engine: imports no app of ours
    "core": 1,  # shared and domain-free
    "feedback": 2,  # reader comments and ratings
    "offers": 2,  # where to watch: services, offers, their links and clicks
    "people": 2,  # people the reviewed works credit
    "reviews": 3,
    "home": 4,
    "demo": 5,
    "wordpress": 5,
    "config": 6,  # the project: settings, URLs, WSGI
    "bench": 6,
}
SKIPPED_PARTS = {"migrations", "__pycache__"}


def modules():
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if not SKIPPED_PARTS & set(path.relative_to(ROOT).parts):
                yield app, path


def imported_apps(node, app):
    """Our apps that an Import or ImportFrom node names (a relative import is its own app)."""
    if isinstance(node, ast.ImportFrom):
        if node.level:
            return {app}
        names = [node.module or ""]
    else:
        names = [alias.name for alias in node.names]
    return {name.split(".")[0] for name in names} & LAYERS.keys()


class ImportFinder(ast.NodeVisitor):
    """Every import of our apps, with whether it sits inside a function and which one."""

    def __init__(self, app):
        self.app = app
        self.functions = []
        self.found = []  # (line, imported app, enclosing function name or None)

    def visit_FunctionDef(self, node):
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Import(self, node):
        function = self.functions[-1] if self.functions else None
        self.found += [(node.lineno, other, function) for other in imported_apps(node, self.app)]

    visit_ImportFrom = visit_Import


def imports_of(app, path):
    finder = ImportFinder(app)
    finder.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return finder.found


ALL_IMPORTS = [
    (app, path, line, other, function)
    for app, path in modules()
    for line, other, function in imports_of(app, path)
]


def where(path, line):
    return f"{path.relative_to(ROOT)}:{line}"


def test_the_layers_cover_every_app_of_ours():
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    assert packages - {"tests"} == set(LAYERS)


def test_no_module_imports_from_a_higher_layer_or_a_sibling_app():
    wrong = [
        f"{where(path, line)}: {app} (layer {LAYERS[app]}) imports {other} (layer {LAYERS[other]})"
        for app, path, line, other, _ in ALL_IMPORTS
        if other != app and LAYERS[other] >= LAYERS[app]
    ]
    assert wrong == []


def test_no_function_imports_our_apps_except_app_config_ready():
    hidden = [
        f"{where(path, line)}: {function}() imports {other}"
        for app, path, line, other, function in ALL_IMPORTS
        if function is not None and not (path.name == "apps.py" and function == "ready")
    ]
    assert hidden == []


def test_ready_imports_only_its_own_app():
    foreign = [
        f"{where(path, line)} imports {other}"
        for app, path, line, other, function in ALL_IMPORTS
        if path.name == "apps.py" and function == "ready" and other != app
    ]
    assert foreign == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from reviews.models import ReviewPage", [(1, "reviews", None)]),
        ("def f():\n    from home import models", [(2, "home", "f")]),
        ("import wagtail.models", []),
    ],
)
def test_the_finder_sees_imports_where_they_are(source, expected, tmp_path):
    module = tmp_path / "module.py"
    module.write_text(source)
    assert imports_of("core", module) == expected
