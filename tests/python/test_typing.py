"""The Python package's declared types: `mypy --strict` on a typed usage file, and `stubtest`
comparing the native module's stub with the built module."""

import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, timeout=600)


def test_typed_usage_passes_mypy_strict():
    result = run("mypy", "--strict", "--no-incremental", str(HERE / "typed_usage.py"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_native_stub_matches_the_built_module():
    allowlist = HERE / "stubtest-allowlist.txt"
    result = run("mypy.stubtest", "webinar_analytics._native", "--allowlist", str(allowlist))
    assert result.returncode == 0, result.stdout + result.stderr
