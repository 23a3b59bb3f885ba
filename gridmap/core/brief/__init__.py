"""The morning brief (每日简报): the tables a command center reads each morning (:mod:`.model`), Qt-free; drawn as
an A4 PDF by :mod:`gridmap.print.brief`."""
