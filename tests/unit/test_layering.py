"""The architecture contract in .importlinter, checked by import-linter on every test run.

Stages import the shared records (model, config, errors, lexicon) and never each other;
only pipeline/, web/ and cli.py wire stages. The second test shows the check
has teeth: the same contract run on a copy of the package with one stage
importing another must fail and name the offending import.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(cwd: Path, python_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(python_path)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_package_keeps_its_import_contracts() -> None:
    result = _lint(ROOT, ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_stage_importing_another_stage_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "src" / "newsweave", tmp_path / "src" / "newsweave")
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    render = tmp_path / "src" / "newsweave" / "render" / "__init__.py"
    render.write_text(render.read_text(encoding="utf-8") + "\nfrom newsweave import clean as _clean  # noqa\n")

    result = _lint(tmp_path, tmp_path / "src")

    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "newsweave.render -> newsweave.clean" in result.stdout
