"""Printed maps out of GridMap: page images, vector PDF, PNG/JPEG files, a system printer, batches.

The GUI's print dialog and ``gridmap print`` call these. :func:`render_image` is safe on a worker thread
(QImage and QPainter only); the others need a Qt GUI application, which :func:`ensure_application` creates
for the command line.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPdfWriter

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.printing.layout import PrintSpec
from gridmap.core.outputs import refuse_project, staging
from gridmap.core.printing.model import PrintModel, compose, unit_specs
from gridmap.core.progress import ProgressFn, no_progress
from gridmap.print.basemap import basemap_image
from gridmap.print.fonts import use_font_file
from gridmap.print.pdftext import fix_to_unicode
from gridmap.print.render import MM_PER_INCH, draw_page

SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg")
MAX_PIXELS = 160_000_000
"""The largest page image written (A0 at 300 dpi is 139 million pixels, 560 MB in memory)."""
_app = None


def ensure_application() -> None:
    """Create a QGuiApplication for fonts and painting when none exists (the command line), offscreen where
    there is no display."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv[:1])


def batch_units(project, spec: PrintSpec, by: str) -> list[tuple[str, PrintSpec]]:
    """One (name, spec) per street or district (``by``) that has grids in ``spec``'s extent, in code order."""
    return unit_specs(project, spec, by)


def _page_image(model: PrintModel, dpi: float) -> QImage:
    width, height = (round(v / MM_PER_INCH * dpi) for v in model.layout.page)
    if width * height > MAX_PIXELS:
        raise GridMapError(tr("a {paper} page at {dpi} dpi is too big an image ({pixels} million pixels); "
                              "choose a lower resolution or PDF", paper=model.spec.paper, dpi=round(dpi),
                              pixels=width * height // 1_000_000))
    image = QImage(width, height, QImage.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))  # opaque to the last pixel: the page in mm rarely ends on a whole pixel
    dots = round(dpi / MM_PER_INCH * 1000)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    painter = QPainter(image)
    try:
        draw_page(painter, model, dpi, basemap_image(model, dpi))
    finally:
        painter.end()
    return image


def render_image(project, spec: PrintSpec, dpi: float | None = None) -> QImage:
    """The whole page of ``spec`` as an image at ``dpi`` (default ``spec.dpi``)."""
    return _page_image(compose(project, spec), float(dpi or spec.dpi))


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._") or "page"


@dataclass(frozen=True)
class PrintResult:
    """What :func:`export_print` wrote: the files, and the scale denominator of each page."""

    files: list[Path]
    scales: list[float]


def write_print(project, spec: PrintSpec, out: Path, batch: str | None = None,
                progress: ProgressFn = no_progress) -> list[Path]:
    """Write ``spec``'s page to ``out``: vector PDF (``.pdf``; a batch makes one page per unit) or a raster
    image (``.png``, ``.jpg``; a batch makes one file per unit, ``NAME-UNIT.png``) at ``spec.dpi``. Files are
    replaced only once every page is written. Returns the files written."""
    return export_print(project, spec, out, batch, progress).files


def export_print(project, spec: PrintSpec, out: Path, batch: str | None = None,
                 progress: ProgressFn = no_progress) -> PrintResult:
    """:func:`write_print`, also telling each page's scale."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise GridMapError(tr("cannot print to a file named {name}; expected one of {expected}", name=out.name,
                              expected=", ".join(SUFFIXES)), out)
    if not out.parent.is_dir():
        raise GridMapError(tr("the folder does not exist"), out.parent)
    units = batch_units(project, spec, batch) if batch else [("", spec)]
    targets = [out] if suffix == ".pdf" or not batch else [out.with_name(f"{out.stem}-{_safe(name)}{out.suffix}")
                                                           for name, _ in units]
    for path in targets:
        refuse_project(path)
    try:
        with staging(out.parent) as folder:
            temps = [folder / path.name for path in targets]
            scales = _write_pages(project, units, temps, suffix, progress)
            for tmp, path in zip(temps, targets):
                os.replace(tmp, path)
    except OSError as err:
        raise GridMapError(tr("cannot write ({error})", error=err.strerror or str(err)), out) from None
    progress(1.0, tr("Done"))
    return PrintResult(targets, scales)


def _write_pages(project, units, temps: list[Path], suffix: str, progress: ProgressFn) -> list[float]:
    """Draw the pages into the ``temps`` files; the scale of each page."""
    scales: list[float] = []
    if suffix == ".pdf":
        scales = _write_pdf(project, units, temps[0], progress)
        fix_to_unicode(temps[0])
        return scales
    for i, ((name, unit), tmp) in enumerate(zip(units, temps)):
        progress(i / len(units), tr("Drawing {name}", name=name or tmp.name))
        model = compose(project, unit)
        scales.append(model.frame.scale)
        image = _page_image(model, unit.dpi)
        if not image.save(str(tmp), "PNG" if suffix == ".png" else "JPEG", -1 if suffix == ".png" else 92):
            raise GridMapError(tr("cannot write the image"), tmp)
    return scales


def _write_pdf(project, units: list[tuple[str, PrintSpec]], path: Path, progress: ProgressFn) -> list[float]:
    spec = units[0][1]
    writer = QPdfWriter(str(path))
    writer.setResolution(spec.dpi)
    writer.setCreator("GridMap")
    writer.setPageLayout(QPageLayout(QPageSize(QSizeF(*spec.page_mm), QPageSize.Millimeter), QPageLayout.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    scales = []
    try:
        for i, (name, unit) in enumerate(units):
            progress(i / len(units), tr("Drawing {name}", name=name or path.name))
            model = compose(project, unit)
            scales.append(model.frame.scale)
            if i == 0:
                writer.setTitle(model.title)
                if not painter.begin(writer):
                    raise GridMapError(tr("cannot write the PDF"), path)
            elif not writer.newPage():
                raise GridMapError(tr("cannot write the PDF"), path)
            draw_page(painter, model, spec.dpi, basemap_image(model, spec.dpi))
    finally:
        if painter.isActive():
            painter.end()
    return scales


def print_pages(project, spec: PrintSpec, device: QPagedPaintDevice, batch: str | None = None) -> int:
    """Draw ``spec``'s pages (one per unit with ``batch``) on a printer or other paged device set up for the
    spec's paper; returns the number of pages."""
    if hasattr(device, "setFullPage"):
        device.setFullPage(True)  # the painter's origin is the paper's corner, as the layout expects
    units = batch_units(project, spec, batch) if batch else [("", spec)]
    painter = QPainter()
    if not painter.begin(device):
        raise GridMapError(tr("cannot start printing"))
    try:
        for i, (_, unit) in enumerate(units):
            if i:
                device.newPage()
            model = compose(project, unit)
            dpi = device.logicalDpiX()
            draw_page(painter, model, dpi, basemap_image(model, dpi))
    finally:
        painter.end()
    if getattr(device, "outputFormat", None) and device.outputFormat() == device.OutputFormat.PdfFormat:
        fix_to_unicode(Path(device.outputFileName()))
    return len(units)


@dataclass(frozen=True)
class PrintRun:
    """What :func:`print_project` wrote, and how long it took (loading included)."""

    result: PrintResult
    seconds: float

    def to_json(self) -> dict:
        scales = self.result.scales
        return {"out": [str(f) for f in self.result.files], "pages": len(scales),
                "scale": scales[0] if len(set(scales)) == 1 else scales, "seconds": self.seconds}


def print_project(ref, spec: PrintSpec, out: Path, batch: str | None = None, reveal_reason: str | None = None,
                  progress: ProgressFn = no_progress, font: str | Path | None = None) -> PrintRun:
    """``gridmap print``: open the project (under its lock when revealing phone numbers, which is recorded in
    its audit log), make sure a Qt GUI application exists, and write the map.

    Parameters
    ----------
    ref : path or ProjectStore
    spec : PrintSpec
    out : path
        ``.pdf``, ``.png`` or ``.jpg``.
    batch : str, optional
        ``street`` or ``district``: one page per unit.
    reveal_reason : str, optional
        Why phone numbers are printed in full (``spec.mask_private`` off).
    progress : callable, optional
    font : path, optional
        A font file (.ttf, .otf, .ttc) to print with.

    Returns
    -------
    PrintRun
    """
    import time

    from gridmap.ops import reading, reveal

    started = time.perf_counter()
    with reading(ref, reveal_reason) as project:
        ensure_application()
        if font is not None:
            use_font_file(font)
        result = export_print(project, spec, Path(out), batch, progress)
        workers = project.layers.get("workers")
        reveal(project, reveal_reason, "print", "workers", 0 if workers is None else len(workers),
               ", ".join(str(f.resolve()) for f in result.files))
    return PrintRun(result, round(time.perf_counter() - started, 2))
