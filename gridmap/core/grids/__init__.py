"""The grids as a partition: building them from a boundary file (:mod:`.build`), validating (:mod:`.validate`),
editing with plan/apply/revert (:mod:`.edits`), plans and assignment tables (:mod:`.plans`), workload balance
(:mod:`.balance`), the district/street/community tree (:mod:`.hierarchy`), search (:mod:`.search`) and
point-in-grid lookup (:mod:`.query`)."""

__all__ = ["balance", "build", "edits", "hierarchy", "plans", "query", "search", "validate"]
