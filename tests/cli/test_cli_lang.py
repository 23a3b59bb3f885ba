"""``--lang`` anywhere on the command line, and the CLI's messages in the system's language (issue 14 item 13).

The CLI is run as a process with the locale variables set explicitly; Chinese comes from
``resources/translations/core_zh_CN.json``, the core context of the Qt translation, read without Qt.
"""

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from builders import QUAD_HEADER, quad_grids, write_lines
from gridmap.core.project.model import Project
from gridmap.store.gpkg import GpkgStore

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


def gridmap(*args, **locale):
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    env.update({"PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8", **locale})
    return subprocess.run([sys.executable, "-m", "gridmap", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120)


@pytest.fixture
def project(tmp_path) -> Path:
    path = tmp_path / "quad.gpkg"
    GpkgStore(path).save(Project(quad_grids(), {"format_version": 1}))
    return path


def test_lang_before_help_is_listed():
    done = gridmap("--lang", "zh", "--help")
    assert done.returncode == 0, done.stderr
    assert "--lang {zh,en}" in done.stdout and "info" in done.stdout


@pytest.mark.parametrize("where", ["first", "after the command", "last, with ="])
def test_lang_anywhere(project, where):
    args = {"first": ["--lang", "en", "info", project], "after the command": ["info", "--lang", "en", project],
            "last, with =": ["info", project, "--lang=en"]}[where]
    done = gridmap(*args, LANG="zh_CN.UTF-8")
    assert done.returncode == 0, done.stderr
    assert "grids: 4" in done.stdout


def test_chinese_system_gets_chinese_errors(tmp_path):
    done = gridmap("info", tmp_path / "missing.gpkg", LANG="zh_CN.UTF-8")
    assert done.returncode == 2
    assert done.stderr == f"gridmap: {tmp_path / 'missing.gpkg'}: 找不到项目文件\n"


@pytest.mark.parametrize("locale", [{"LC_ALL": "zh_CN.UTF-8"}, {"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}])
def test_locale_variables_in_posix_order(tmp_path, locale):
    done = gridmap("info", tmp_path / "missing.gpkg", **locale)
    assert done.stderr.endswith(": 找不到项目文件\n")
    english = gridmap("info", tmp_path / "missing.gpkg", LC_ALL="en_US.UTF-8", LANG="zh_CN.UTF-8")
    assert english.stderr.endswith(": project file not found\n")


def test_lang_en_overrides_a_chinese_system(tmp_path):
    for args in (["--lang", "en", "info", tmp_path / "missing.gpkg"], ["info", tmp_path / "missing.gpkg", "--lang", "en"]):
        done = gridmap(*args, LANG="zh_CN.UTF-8")
        assert (done.returncode, done.stderr) == (2, f"gridmap: {tmp_path / 'missing.gpkg'}: project file not found\n")
    done = gridmap("--lang", "zh", "info", tmp_path / "missing.gpkg")
    assert done.stderr.endswith(": 找不到项目文件\n")


def test_add_summary_and_rejected_rows_follow_the_language(project, tmp_path):
    csv = write_lines(tmp_path / "事件.csv", [QUAD_HEADER, "SJ1,121.05,28.05,2026/1/5 8:30,盗窃,结案",
                                             "SJ2,121.05,28.05,昨天,盗窃,结案"], "gbk")
    done = gridmap("add", project, csv, "--kind", "incidents", LANG="zh_CN.UTF-8")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:] == ["  第 3 行:无法识别的时间 '昨天'"]
    assert "读取 2 行" in done.stdout.splitlines()[0]
    as_json = gridmap("--lang", "zh", "add", project, csv, "--kind", "incidents", "--json")
    assert set(json.loads(as_json.stdout)) >= {"rows", "imported", "rejected_rows"}  # keys stay English


def test_bad_lang_is_one_line():
    done = gridmap("--lang", "fr", "info", "x.gpkg")
    assert (done.returncode, done.stderr) == (2, "gridmap: argument --lang: invalid choice: 'fr' (choose from "
                                                 "'zh', 'en')\n")


def test_core_json_is_the_core_context_of_the_translation():
    """update.py writes both; the CLI's Chinese is the GUI's."""
    context = next(c for c in ET.parse(TRANSLATIONS / "gridmap_zh_CN.ts").getroot().iter("context")
                   if c.findtext("name") == "core")
    ts = {m.findtext("source"): m.findtext("translation") for m in context.iter("message")}
    assert json.loads((TRANSLATIONS / "core_zh_CN.json").read_text(encoding="utf-8")) == ts
