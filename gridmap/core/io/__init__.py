"""Reading and writing files: boundary files and what is in them (:mod:`.reader`, with the shapefile checks of
:mod:`.shapefile` and the DBF encodings of :mod:`.encoding`), the columns a boundary file's fields play
(:mod:`.fields`), record tables (:mod:`.tables`) and layer exports (:mod:`.export`)."""

__all__ = ["encoding", "export", "fields", "reader", "shapefile", "tables"]
