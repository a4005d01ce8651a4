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


def test_result_fields_are_typed_for_mypy(tmp_path: pathlib.Path) -> None:
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "import webinar_analytics as wa\n"
        "log = wa.demo_campaign(contacts=10, seed=1).log\n"
        "name: str = wa.funnel(log, ['register']).counts\n"
        "count: str = wa.funnel(log, ['register']).steps[0]['count']\n"
        "wa.funnel(log, ['register'], order='sorted', as_of=3.5)\n"
    )
    result = run("mypy", "--strict", "--no-incremental", str(wrong))
    assert result.returncode == 1, result.stdout
    assert 'expression has type "list[int]"' in result.stdout, result.stdout
    assert 'expression has type "int"' in result.stdout, result.stdout
    assert '"order"' in result.stdout and '"as_of"' in result.stdout, result.stdout
