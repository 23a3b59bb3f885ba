"""GridMap's domain, never importing Qt, the store or anything above it: a subpackage per concern (``project``,
``geo``, ``io``, ``records``, ``grids``, ``style``, ``printing``, ``sample``) and, at the top, what they all share:
errors, messages (:mod:`.i18n`), progress, problems and safe output files (:mod:`.outputs`)."""

__all__ = ["errors", "geo", "grids", "i18n", "io", "outputs", "printing", "problems", "progress", "project", "records",
           "sample", "style"]
