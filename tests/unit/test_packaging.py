"""What a user installing the wheel gets: every package the code imports is declared, the model pins
the error messages give match requirements/models.txt, and the sdist carries that file.

Why it matters: a package that is only pulled in by another one's dependencies (lxml_html_clean
through lxml's extra, starlette through fastapi) breaks as soon as that other package changes its
own dependencies, or an older pip resolves them differently.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import shutil
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest

from newsweave.nlp.model_packages import MODEL_PACKAGES

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCE = REPO_ROOT / "src" / "newsweave"
PYPROJECT = REPO_ROOT / "pyproject.toml"
MODELS = REPO_ROOT / "requirements" / "models.txt"
REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def normalized(name: str) -> str:
    """A distribution name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_top_level_modules(root: Path) -> dict[str, set[str]]:
    """Top-level module -> files importing it, over every absolute import under `root`."""
    found: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(root)))
    return found


# Optional features: the extra declaring their packages, and the only modules that may import them
# (anything else would make the feature's package a hidden requirement of every install).
OPTIONAL_FEATURES = {"postgres": "store/postgres", "spark": "pipeline/batch"}


def declared_dependencies(extra: str | None = None) -> set[str]:
    """The distributions pyproject.toml requires, or those of one optional extra."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] if extra is None else project["optional-dependencies"][extra]
    names = set()
    for requirement in requirements:
        match = REQUIREMENT_NAME.match(requirement)
        assert match, f"cannot read the requirement {requirement!r} in pyproject.toml"
        names.add(normalized(match.group(1)))
    return names


def test_imported_modules_are_read_from_the_source() -> None:
    modules = imported_top_level_modules(SOURCE)
    assert {"spacy", "fastapi", "lxml", "newsweave", "json"} <= set(modules)


def test_every_third_party_import_is_a_declared_dependency() -> None:
    distributions = importlib.metadata.packages_distributions()
    declared = declared_dependencies()
    problems = []
    for module, files in sorted(imported_top_level_modules(SOURCE).items()):
        if module == "newsweave" or module in sys.stdlib_module_names or module == "__future__":
            continue
        owners = {normalized(name) for name in distributions.get(module, [])}
        where = ", ".join(sorted(files))
        optional = [
            extra for extra, prefix in OPTIONAL_FEATURES.items()
            if owners & declared_dependencies(extra) and all(name.startswith(prefix) for name in files)
        ]
        if not owners:
            problems.append(f"{module} (imported in {where}) belongs to no installed distribution")
        elif not owners & declared and not optional:
            problems.append(f"{module} (imported in {where}) comes from {sorted(owners)}, not declared in pyproject.toml")
    assert not problems, "\n".join(problems)


def test_lxml_html_clean_is_declared() -> None:
    # Nothing here imports it by name: trafilatura's extractor does, through lxml.html.clean.
    assert "lxml-html-clean" in declared_dependencies()


def test_model_pins_in_messages_match_requirements_models_txt() -> None:
    pinned = {
        normalized(match.group(1)): match.group(0)
        for line in MODELS.read_text(encoding="utf-8").splitlines()
        if (match := re.match(r"^([A-Za-z0-9._-]+)==([^\s\\]+)", line))
    }
    for name, (pin, _) in MODEL_PACKAGES.items():
        distribution, version = pin.split("==")
        assert normalized(pinned[normalized(name)]) == normalized(f"{distribution}=={version}"), pin
    assert set(pinned) == {normalized(name) for name in MODEL_PACKAGES}


def test_the_sdist_ships_the_model_pins_and_the_licence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from setuptools import build_meta

    # Built from a copy, so the build's egg-info does not touch the working tree.
    tree = tmp_path / "tree"
    tree.mkdir()
    for name in ("pyproject.toml", "MANIFEST.in", "README.md", "LICENSE"):
        shutil.copy(REPO_ROOT / name, tree / name)
    shutil.copytree(REPO_ROOT / "requirements", tree / "requirements")
    shutil.copytree(SOURCE.parent, tree / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    # The backend builds the project in the current directory, as `python -m build --sdist` does.
    monkeypatch.chdir(tree)
    name = build_meta.build_sdist(str(tmp_path / "dist"))
    with tarfile.open(tmp_path / "dist" / name) as archive:
        members = {member.split("/", 1)[1] for member in archive.getnames() if "/" in member}
    assert {"requirements/models.txt", "LICENSE", "pyproject.toml", "src/newsweave/cli.py"} <= members
