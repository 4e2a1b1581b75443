"""The core (loading, parsing, conversion, store…) never depends on the UI."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE_MODULES = ["reader.model", "reader.load", "reader.parse", "reader.resources", "reader.cli"]


def test_import_linter_contracts_hold():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    if not lint_imports.exists():
        lint_imports = shutil.which("lint-imports")
    assert lint_imports, "import-linter is part of the test extras"
    result = subprocess.run([str(lint_imports)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout and "BROKEN" not in result.stdout


def test_every_core_module_is_under_the_contract():
    """A new core module must be added to the contract, or it is not checked."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if "reader.ui" in c["forbidden_modules"]]
    listed = set(contract["source_modules"])
    ui_side = {"reader.ui", "reader.cli", "reader.__main__", "reader.__init__"}  # the CLI may start the UI, lazily
    found = {f"reader.{path.stem}" for path in (ROOT / "reader").glob("*.py")} | {
        f"reader.{path.parent.name}" for path in (ROOT / "reader").glob("*/__init__.py")
    }
    assert found - ui_side - listed == set()


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_loads_without_textual(module):
    code = f"import sys, {module}; print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False", f"{module} pulled Textual in"
