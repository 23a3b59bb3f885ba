"""Fonts: with no font that draws Chinese (fontconfig seeing DejaVu alone, for real, in a subprocess) ``gridmap print``
refuses with exit 2 and one line naming the fix instead of writing a PDF of boxes, and the window shows a one-line
banner; ``--font FILE`` (or the print dialog's Font) prints with any font file, and the PDF's text is Chinese."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gridmap.core.errors import GridMapError
from gridmap.ops import open_project
from gridmap.print.fonts import page_font, use_font_file
from gridmap.ui.dialogs.print_dialog import FONT_KEY, PrintDialog

ROOT = Path(__file__).resolve().parents[2]
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
CJK = next((p for pattern in ("NotoSansCJK-Regular.ttc", "NotoSansCJK*.tt?", "*CJK*.tt?", "*Han*.otf")
            for p in sorted(Path("/usr/share/fonts").rglob(pattern))), None)
pytestmark = pytest.mark.skipif(not DEJAVU.is_dir() or CJK is None, reason="Linux with DejaVu and a CJK font file")


@pytest.fixture
def dejavu_only(tmp_path) -> dict:
    """The environment of a machine whose only fonts are DejaVu's."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{DEJAVU}</dir><cachedir>{tmp_path / "fc-cache"}</cachedir></fontconfig>
""", encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


def gridmap(env, *args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gridmap", *map(str, args)], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def test_print_without_a_chinese_font_refuses(small_project, dejavu_only, tmp_path):
    run = gridmap(dejavu_only, "print", small_project, "--out", tmp_path / "map.pdf", "--paper", "A4")
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "apt-get install fonts-noto-cjk" in lines[0] and "--font" in lines[0], run.stderr
    assert not (tmp_path / "map.pdf").exists()
    png = gridmap(dejavu_only, "print", small_project, "--out", tmp_path / "map.png", "--paper", "A4")
    assert png.returncode == 2 and not (tmp_path / "map.png").exists()


def test_print_with_a_font_file_draws_chinese(small_project, dejavu_only, tmp_path):
    out = tmp_path / "map.pdf"
    run = gridmap(dejavu_only, "print", small_project, "--out", out, "--paper", "A4", "--labels", "name",
                  "--font", CJK)
    assert run.returncode == 0, run.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "网格总览图" in text and "海门街道" in text and "第1网格" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts and "DejaVu" not in fonts
    latin = gridmap(dejavu_only, "print", small_project, "--out", out, "--font", DEJAVU / "DejaVuSans.ttf")
    assert latin.returncode == 2 and "fonts-noto-cjk" in latin.stderr  # a font file without Chinese is no fix


def test_window_shows_a_banner_without_a_chinese_font(dejavu_only):
    script = ("from gridmap.ui.app import create_application, font_banner\n"
              "from gridmap.ui.main_window import MainWindow\n"
              "app = create_application(lang='zh')\n"
              "label = font_banner(MainWindow())\n"
              "print('BANNER', label.text() if label else None, label and label.textFormat())\n")
    run = subprocess.run([sys.executable, "-c", script], env=dejavu_only, capture_output=True, text=True,
                         timeout=300)
    banner = next(line for line in run.stdout.splitlines() if line.startswith("BANNER"))
    assert "apt-get install fonts-noto-cjk" in banner, run.stderr[-2000:]
    assert banner.isascii()  # readable without a Chinese font, in a Chinese interface too
    assert banner.endswith("TextFormat.PlainText")


def test_no_banner_with_a_chinese_font(qtbot):
    from gridmap.ui.app import create_application, font_banner
    from gridmap.ui.main_window import MainWindow

    create_application(lang="en")
    window = MainWindow()
    qtbot.addWidget(window)
    assert font_banner(window) is None


def test_font_file_errors(tmp_path):
    with pytest.raises(GridMapError, match="not a font file"):
        use_font_file(tmp_path / "notes.txt")
    with pytest.raises(GridMapError, match="no such font file"):
        use_font_file(tmp_path / "missing.ttf")
    (tmp_path / "broken.ttf").write_bytes(b"not a font")
    with pytest.raises(GridMapError, match="cannot read this font file"):
        use_font_file(tmp_path / "broken.ttf")


def test_print_dialog_font_setting(qtbot, small_project):
    QSettings().remove(FONT_KEY)
    dialog = PrintDialog(open_project(small_project))
    qtbot.addWidget(dialog)
    try:
        assert dialog.set_font_file(CJK)
        assert page_font(10).families()[0] == "Noto Sans CJK SC" or CJK.name not in str(CJK)
        assert "(" + CJK.name + ")" in dialog.font_edit.text()
        assert QSettings().value(FONT_KEY) == str(CJK)
        qtbot.waitUntil(lambda: not dialog.is_rendering(), timeout=30000)
        assert dialog.preview_image() is not None
        assert not dialog.set_font_file(ROOT / "README.md")
        assert "not a font file" in dialog.status_label.text()
    finally:
        assert dialog.set_font_file(None)
        qtbot.waitUntil(lambda: not dialog.is_rendering(), timeout=30000)
        QSettings().remove(FONT_KEY)
    assert dialog.font_edit.text() == "" and page_font(10).families()[0] == "Noto Sans CJK SC"
