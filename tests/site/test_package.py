"""The dlmd package as installed: importable from anywhere, its MkDocs plugins registered and
usable by another site, its commands on the PATH, and no import cycle or path hack inside."""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from importlib.metadata import EntryPoint, distribution, entry_points
from pathlib import Path

import dlmd
import pytest
from conftest import REPO, command
from dlmd.plugins.quiz.plugin import ASSETS
from dlmd.commands import COMMANDS as COMMAND_EXTRAS
from dlmd.commands import missing_packages
from dlmd.quality.build import build_site
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

PACKAGE = Path(dlmd.__file__).parent
COMMANDS = ["check-snippets", "check-quizzes", "site-figures", "page-weight", "make-figures"]


def test_the_package_imports_from_outside_the_repository(tmp_path: Path) -> None:
    modules = [point.value.split(":")[0] for point in plugin_entry_points()]
    modules.append("dlmd.snippetcheck.cli")
    code = f"import importlib\nfor m in {modules!r}:\n    importlib.import_module(m)\n"
    code += "import dlmd\nprint(dlmd.__file__)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).parent == PACKAGE


def plugin_entry_points() -> list[EntryPoint]:
    """The MkDocs plugins the installed package declares (pyproject.toml's entry points)."""
    return sorted(distribution("dlmd").entry_points.select(group="mkdocs.plugins"))


def test_each_plugin_has_one_folder_with_its_config_beside_it() -> None:
    points = plugin_entry_points()
    assert points, "the package declares no MkDocs plugin"
    folders = {path.parent.name for path in (PACKAGE / "plugins").glob("*/plugin.py")}
    assert folders == {point.value.split(".")[2] for point in points}
    for point in points:
        folder = point.value.split(".")[2]
        assert point.value.startswith(f"dlmd.plugins.{folder}.plugin:"), point
        plugin = point.load()
        assert issubclass(plugin, BasePlugin), point.name
        config = importlib.import_module(f"dlmd.plugins.{folder}.config")
        assert plugin.config_class.__module__ == config.__name__, point.name


def test_the_site_uses_every_plugin_the_package_declares() -> None:
    declared = {point.name for point in plugin_entry_points()}
    used = set(load_config(str(REPO / "mkdocs.yml")).plugins)
    assert used >= declared, f"mkdocs.yml does not use {sorted(declared - used)}"
    assert not (REPO / "overrides" / "hooks").exists()


QUIZ_PAGE = """# Another site

<!-- quiz -->
1. Which of these is an imaging modality?
    - [x] MRI
    - [ ] A blood test
    - [ ] A genome sequence
    explanation: MRI makes images.
<!-- /quiz -->
"""


def build_quiz_only_site(root: Path, plugin: str) -> tuple[Path, str]:
    """Another site of one quiz page whose only plugin is `plugin` (YAML under `plugins:`)."""
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(QUIZ_PAGE, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        f"site_name: Another site\nplugins:\n  - {plugin}\n"
        "markdown_extensions:\n  - md_in_html\n  - attr_list\n",
        encoding="utf-8",
    )
    site = build_site(root / "site", config_file=config)
    return site, (site / "index.html").read_text(encoding="utf-8")


def test_another_site_needs_only_the_quiz_plugin(tmp_path: Path) -> None:
    """`pip install` plus `plugins: [dlmd-quiz]`: the quiz renders and brings its JS and CSS."""
    site, html = build_quiz_only_site(tmp_path, "dlmd-quiz")
    assert html.count('<form class="dlmd-quiz"') == 1
    assert html.count('type="radio"') == 3
    assert '<script src="assets/javascripts/quiz.js" defer></script>' in html
    assert 'href="assets/stylesheets/quiz.css"' in html
    for name, folder in (("quiz.js", "javascripts"), ("quiz.css", "stylesheets")):
        assert (site / "assets" / folder / name).read_bytes() == (ASSETS / name).read_bytes()


def test_the_quiz_plugin_can_leave_loading_its_assets_to_the_site(tmp_path: Path) -> None:
    site, html = build_quiz_only_site(tmp_path, "dlmd-quiz:\n      assets: false")
    assert html.count('<form class="dlmd-quiz"') == 1
    assert "quiz.js" not in html and "quiz.css" not in html
    assert not (site / "assets" / "javascripts" / "quiz.js").exists()


@pytest.mark.parametrize("name", COMMANDS)
def test_each_console_script_prints_its_help(name: str, tmp_path: Path) -> None:
    declared = {p.name for p in entry_points(group="console_scripts") if p.value.startswith("dlmd")}
    assert declared == set(COMMANDS)
    result = subprocess.run(
        [*command(name), "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    extra = COMMAND_EXTRAS[name][0]
    if extra and missing_packages(extra):  # e.g. with only requirements/site.txt installed
        assert result.returncode == 2 and f"pip install 'dlmd[{extra}]'" in result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr  # one line, no traceback
        return
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: {name} ")


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_imports(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the package's modules it imports: every import anywhere in it, lazy ones,
    type-only ones under `if TYPE_CHECKING:` and relative ones (`from .x import y`) included."""
    files = {module_name(path, package): path for path in package.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        targets: set[str] = set()
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base) if node.level else ""
                module = ".".join(filter(None, [module, node.module]))
                for alias in node.names:  # `from dlmd.x import y` imports dlmd.x.y if a module
                    sub = f"{module}.{alias.name}"
                    targets.add(sub if sub in files else module)
        graph[name] = {target for target in targets if target in files and target != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as [a, b, ..., a], or [] when there is none."""
    state: dict[str, str] = {}  # "active" while on the current path, "done" after

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = "active"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "active":
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target, [*path, target])):
                return cycle
        state[node] = "done"
        return []

    for start in sorted(graph):
        if start not in state and (cycle := visit(start, [start])):
            return cycle
    return []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []


def test_the_import_graph_counts_type_only_and_relative_imports(tmp_path: Path) -> None:
    graph = package_imports()
    assert "dlmd.snippetcheck.workspace" in graph["dlmd.snippetcheck.notebooks"]
    assert "dlmd.snippetcheck.model" in graph["dlmd.snippetcheck.output_blocks"]  # type-only
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from .. import a\n")
    (package / "a.py").write_text("from .sub.b import thing\n")
    (package / "sub" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import x\n"
    )
    assert find_cycle(package_imports(package)) == ["pkg.a", "pkg.sub.b", "pkg.a"]
    assert package_imports(package)["pkg.sub"] == {"pkg.a"}


def test_the_package_has_no_import_cycle() -> None:
    graph = package_imports()
    cycle = find_cycle(graph)
    assert cycle == [], "import cycle: " + " -> ".join(cycle)


def test_no_module_edits_the_import_path_or_counts_parent_folders() -> None:
    hacks = re.compile(r"sys\.path\b|\.parents\[|pythonpath")
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in [*PACKAGE.rglob("*.py"), REPO / "pyproject.toml"]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if hacks.search(line)
    ]
    assert found == []


def test_importing_the_quiz_plugin_loads_nothing_of_the_snippet_check(tmp_path: Path) -> None:
    """Another site that wants quizzes gets no checker: the quiz and the checker share only
    dlmd.markdown."""
    code = (
        "import sys, dlmd.plugins.quiz.plugin, dlmd.quiz.cli\n"
        "print(sorted(m for m in sys.modules if m.startswith('dlmd.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded = ast.literal_eval(result.stdout.strip())
    assert "dlmd.markdown.fences" in loaded
    assert [name for name in loaded if name.startswith("dlmd.snippetcheck")] == []
