"""``gridmap brief`` as a duty officer gets it: the PDF read back with poppler (its text holds the headings and the
numbers of the hand-made project, its fonts are embedded), the XLSX beside it, "—" without status data, one line
and exit 2 for a bad district."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from builders import BRIEF_INCIDENTS as INCIDENTS, brief_project as build, run_cli
from gridmap.store.gpkg import GpkgStore

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "城市.gpkg"
    GpkgStore(path).save(build(tmp_path))
    return path


def test_brief_pdf_text_and_fonts(project, tmp_path, capsys):
    out, xlsx = tmp_path / "简报.pdf", tmp_path / "简报.xlsx"
    code, stdout, err = run_cli(capsys, "brief", project, "--date", "2026-03-15", "--out", out, "--xlsx", xlsx,
                                "--lang", "zh", "--json")
    assert code == 0, err
    data = json.loads(stdout)
    assert (data["day"], data["period_start"], data["pages"]) == ("2026-03-14", "2026-03-01", 1)
    assert xlsx.exists()
    text = pdftotext(out)
    for heading in ("台州市每日简报", "2026年3月14日(星期六)", "事件类别", "事件最多的网格", "逾期走访(按街道)",
                    "逾期走访(按网格员)", "无网格员的网格 (1)", "网格边界变更 (1)", "拆分网格 005"):
        assert heading in text, heading
    assert "66.7%" in text and "60.0%" in text  # the resolution rate and 盗抢骗 share of the day and month
    lines = {line.split()[0]: line.split()[1:] for line in text.splitlines() if line.split()}
    assert lines["矛盾纠纷"][:3] == ["1", "2", "40.0"]
    assert lines["入室盗窃"][:3] == ["0", "1", "20.0"]
    assert lines["331002001009"][0] == "网格9"  # the grid without a worker
    assert "员2" in text and "海门街道" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), fonts  # every font embedded


def test_brief_without_status(tmp_path, capsys):
    path = tmp_path / "无状态.gpkg"
    GpkgStore(path).save(build(tmp_path, [",".join(line.split(",")[:-1]) for line in INCIDENTS]))
    out = tmp_path / "brief.pdf"
    code, _, err = run_cli(capsys, "brief", path, "--date", "2026-03-15", "--out", out, "--lang", "en")
    assert code == 0, err
    text = pdftotext(out)
    assert "Daily Brief" in text and "Resolution rate" in text and "—" in text


def test_brief_bad_district(project, tmp_path, capsys):
    code, _, err = run_cli(capsys, "brief", project, "--date", "2026-03-15", "--out", tmp_path / "b.pdf",
                           "--district", "东区")
    assert code == 2 and err.count("\n") == 1 and "东区" in err
    assert not (tmp_path / "b.pdf").exists()
