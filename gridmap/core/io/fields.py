"""Which source fields hold a grid's code, name, households and place in the hierarchy.

Real files carry Chinese names (网格编码), pinyin abbreviations cut to the DBF's 10 bytes (WGBM) or English
ones (GRID_CODE). :func:`guess_mapping` recognises the common ones; the user can always choose.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

ROLES = ("code", "name", "district", "street", "community", "households")

FIELD_LABELS = {"code": "Grid code", "name": "Grid name", "district": "District", "street": "Street / town",
                "community": "Community / village", "households": "Households"}
"""English display names of the roles, for output that does not go through Qt (``gridmap export-html``); the
GUI shows the translated ones of :mod:`gridmap.ui.labels`."""
FIELD_LABELS_ZH = {"code": "网格编码", "name": "网格名称", "district": "区县", "street": "街道/乡镇",
                   "community": "社区/村", "households": "户数"}
"""The same in Chinese (``--lang zh``), as the GUI shows them."""

# Candidate field names per role, best first; matched case-insensitively, exact before contained.
CANDIDATES = {
    "code": ["网格编码", "网格编号", "网格代码", "网格码", "wgbm", "wgbh", "wgdm", "grid_code", "gridcode",
             "grid_id", "gridid", "code", "编码", "编号", "代码", "bm"],
    "name": ["网格名称", "网格名", "wgmc", "grid_name", "gridname", "name", "名称", "mc"],
    "district": ["所属区县", "区县", "县区", "区县名称", "所属县区", "县市区", "qxmc", "qx", "xqmc", "district",
                 "county"],
    "street": ["所属街道", "乡镇街道", "街道乡镇", "所属乡镇", "街道", "乡镇", "镇街", "jdmc", "xzjd", "xzmc", "jd",
               "street", "town", "township"],
    "community": ["所属社区", "村社区", "社区村", "所属村社", "社区名称", "村社", "社区", "村居", "sqmc", "cjmc",
                  "sq", "community", "village"],
    "households": ["户数", "总户数", "住户数", "hs", "zhs", "households", "household"],
}


@dataclass
class FieldMapping:
    """Source field name for each role, or None where the source has none."""

    code: str | None = None
    name: str | None = None
    district: str | None = None
    street: str | None = None
    community: str | None = None
    households: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    def merged(self, overrides: "FieldMapping | None") -> "FieldMapping":
        """This mapping with every role that ``overrides`` sets replaced."""
        if overrides is None:
            return self
        values = self.to_dict()
        values.update({f.name: getattr(overrides, f.name) for f in fields(overrides) if getattr(overrides, f.name)})
        return FieldMapping(**values)


def guess_mapping(columns: list[str]) -> FieldMapping:
    """Guess each role's field from the column names; a column serves one role at most."""
    return FieldMapping(**match_columns(CANDIDATES, columns, contained_min=3))


def match_columns(candidates: dict[str, list[str]], columns: list[str], contained_min: int) -> dict[str, str]:
    """For each role in ``candidates`` (in its order) the first column named like one of its candidates
    (case-insensitively), else the first containing a Chinese candidate of at least ``contained_min``
    characters; a column serves one role at most."""
    free, chosen = list(columns), {}
    for role, names in candidates.items():
        lowered = {c.lower(): c for c in free}
        match = next((lowered[c] for c in names if c in lowered), None)
        if match is None:
            match = next((col for cand in names if len(cand) >= contained_min and not cand.isascii()
                          for col in free if cand in col), None)
        if match is not None:
            chosen[role] = match
            free.remove(match)
    return chosen
