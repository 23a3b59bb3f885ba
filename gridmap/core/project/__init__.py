"""The project model: grids, record layers and metadata (:mod:`.model`), the record kinds and their columns
(:mod:`.kinds`), and private columns and the audit of revealing them (:mod:`.privacy`)."""

from gridmap.core.project.kinds import KINDS, RecordKind, kind_label

__all__ = ["KINDS", "RecordKind", "kind_label", "kinds", "model", "privacy"]
