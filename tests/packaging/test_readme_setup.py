"""The README's set-up works as written: its commands are those CI runs (``.ci/run``), its Debian lines start with
``apt-get update`` and need no sudo, and they name every library Qt's xcb platform plugin links."""

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEST_ONLY = {"poppler-utils", "chromium", "gdal-bin"}
"""What ``.ci/run`` installs for the tests alone (PDF text, exported-HTML checks)."""


def quick_start() -> list[str]:
    """The commands (indented lines) of the README's Quick start section, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in section.splitlines() if line.startswith("    ") and line.strip()]


def ci() -> str:
    return (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def ci_packages() -> set[str]:
    script = ci()
    packages = set(re.search(r'^packages="([^"]*)"', script, re.M).group(1).split())
    return packages | {re.search(r"^\s*alsa=(\S+);", script, re.M).group(1)}


def installs() -> list[set[str]]:
    """The packages of each ``apt-get install`` line of the Quick start."""
    return [{word for word in shlex.split(line)[2:] if not word.startswith("-")}
            for line in quick_start() if line.startswith("apt-get install")]


def python(words: list[str]) -> list[str]:
    return ["python" if w == "python3" else w for w in words]


def test_run_and_test_commands_are_what_ci_runs():
    commands = quick_start()
    assert "pip install -e . && gridmap" in commands
    install, test = (shlex.split(part) for part in
                     next(c for c in commands if c.startswith("pip install -e \".[test]\"")).split(" && "))
    ci_lines = [python(shlex.split(line)) for line in ci().splitlines() if line.startswith("python3 ")]
    assert ["python", "-m", "pip", "install", "-q", *install[2:]] in ci_lines
    assert python(test) in ci_lines


def test_debian_lines_run_as_root_and_update_first():
    commands = [c for c in quick_start() if "apt-get" in c]
    assert commands[0] == "apt-get update"
    assert all(c.startswith("apt-get ") for c in commands)  # no sudo: absent as root in containers
    assert all(" -y " in c for c in commands[1:])


def test_offscreen_libraries_are_those_ci_installs():
    offscreen = next(p for p in installs() if "fonts-noto-cjk" in p)
    assert offscreen == ci_packages() - TEST_ONLY


@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("ldd"), reason="Linux: ldd")
def test_display_line_names_every_xcb_library_qt_links():
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    linked = set(re.findall(r"^\s*(libxcb[\w-]*|libX11-xcb|libxkbcommon-x11)\.so\.(\d+)",
                            subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout, re.M))
    assert len(linked) > 5
    # Debian's package for libNAME.so.N is libNAMEN, or libNAME-N when NAME ends in a digit.
    needed = {(name + ("-" if name[-1].isdigit() else "") + n).lower() for name, n in linked}
    display = set().union(*installs())
    assert needed <= display, needed - display
