"""Drawing printed maps with QtGui (no widgets): :mod:`.render` draws a page, :mod:`.output` writes PDF, PNG
and JPEG files and prints to a QPrinter."""
