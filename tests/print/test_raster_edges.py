"""Issue 14, item 6: a raster page is opaque white to its last row and column. The page in millimetres rarely
ends on a whole pixel (A3 at 72 dpi is 1190.55 px wide): the last row and column were left half-painted over
uninitialised memory, tinted and semi-transparent in a PNG, a grey line in a JPEG, coloured dots in the
print dialog's preview."""

import numpy as np
import pytest
from PySide6.QtGui import QImage

from gridmap.core.printing.layout import PrintSpec
from gridmap.ops import open_project
from gridmap.print.output import render_image, write_print
from gridmap.ui.dialogs.print_dialog import preview_dpi


def edges(image: QImage) -> np.ndarray:
    """The ARGB values of the image's first and last rows and columns."""
    image = image.convertToFormat(QImage.Format_ARGB32)
    w, h = image.width(), image.height()
    row = image.bytesPerLine() // 4
    argb = np.frombuffer(image.constBits(), np.uint32, row * h).reshape(h, row)[:, :w]
    return np.concatenate([argb[0], argb[-1], argb[:, 0], argb[:, -1]])


@pytest.mark.parametrize("name, dpi", [("page.png", 72), ("page.png", 150), ("page.jpg", 72), ("page.jpg", 150)])
def test_image_files_are_opaque_white_to_the_edge(qapp, small_project, tmp_path, name, dpi):
    out = tmp_path / name
    write_print(open_project(small_project), PrintSpec(dpi=dpi), out)
    image = QImage(str(out))
    assert image.width() == round(420 / 25.4 * dpi)  # A3 landscape, rounded once
    values = edges(image)
    bad = values[values != 0xFFFFFFFF]
    assert len(bad) == 0, f"{len(bad)} edge pixels not opaque white, e.g. {bad[0]:#010x}"


def test_preview_is_opaque_white_to_the_edge(qapp, small_project):
    for _ in range(3):  # uninitialised memory is whatever the last image left
        spec = PrintSpec()
        values = edges(render_image(open_project(small_project), spec, dpi=preview_dpi(spec)))
        assert (values == 0xFFFFFFFF).all()
