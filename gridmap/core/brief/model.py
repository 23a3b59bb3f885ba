"""The tables of the morning brief for a date D: the day reported (D − 1) and the month to date (from the 1st of
that day's month to it).

* incidents by category, for the day and the month to date, with the 盗抢骗 (theft, robbery, fraud: categories
  holding 盗, 抢 or 骗) total and share;
* new and closed (status 结案) incidents and the resolution rate (None, shown "—", when no incident has a status);
* the top 10 grids by new incidents in the month to date;
* overdue visits by street and by worker on the morning of D (:func:`gridmap.core.visits.due.visit_status`);
* grids without a worker; changes of grid boundaries in the month to date (the project's edit log).

``district`` limits everything to one district (its name or 6-digit code). Private numbers never appear: the
tables carry names, grid codes and counts only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.project.kinds import CLOSED, GRID, worker_grids

THEFT_ROBBERY_FRAUD = re.compile("[盗抢骗]")
"""An incident category counted as 盗抢骗 (盗窃, 入室盗窃, 抢劫, 抢夺, 诈骗, 电信诈骗 …)."""
TOP = 10
OVERDUE_ROWS = 12


@dataclass
class Brief:
    """The brief's tables (pandas, column names in English) and headline numbers."""

    date: pd.Timestamp
    day: pd.Timestamp
    period_start: pd.Timestamp
    district: str | None
    city: str
    summary: pd.DataFrame
    categories: pd.DataFrame
    top_grids: pd.DataFrame
    overdue_streets: pd.DataFrame
    overdue_workers: pd.DataFrame
    no_worker: pd.DataFrame
    boundary_changes: pd.DataFrame
    visits: dict = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in the order the brief shows them."""
        return {"summary": self.summary, "categories": self.categories, "top_grids": self.top_grids,
                "overdue_streets": self.overdue_streets, "overdue_workers": self.overdue_workers,
                "no_worker": self.no_worker, "boundary_changes": self.boundary_changes}


def district_grids(grids: pd.DataFrame, district: str | None) -> pd.DataFrame:
    """The grids of ``district`` (its name, or the 6-digit code its grid codes start with); all for None."""
    if not district:
        return grids
    mine = grids[(grids["district"] == district) | grids["code"].str.startswith(district)] if district.isdigit() \
        else grids[grids["district"] == district]
    if not len(mine):
        names = ", ".join(sorted(set(grids["district"]) - {""}))
        raise GridMapError(tr("no district {name}; districts: {names}", name=repr(district), names=names))
    return mine


def build_brief(project, date, district: str | None = None) -> Brief:
    """The brief of the morning of ``date`` (see the module docstring)."""
    date = pd.Timestamp(date).normalize()
    day = date - pd.Timedelta(days=1)
    start = day.replace(day=1)
    grids = district_grids(project.grids, district)
    codes = set(grids["code"])
    incidents = project.layers["incidents"] if "incidents" in project.layers else pd.DataFrame(
        {"category": [], "reported_at": pd.Series([], dtype="datetime64[ns]"), GRID: []})
    if district:
        incidents = incidents[incidents[GRID].isin(codes).to_numpy()]
    times = incidents["reported_at"]
    in_period = ((times >= start) & (times < date)).to_numpy()
    in_day = ((times >= day) & (times < date)).to_numpy()
    period, today = incidents[in_period], incidents[in_day]
    status, coverage = _visits(project, date, codes if district else None)
    return Brief(
        date=date, day=day, period_start=start, district=district or None,
        city=str(project.meta.get("city") or ""),
        summary=_summary(today, period), categories=_categories(today, period),
        top_grids=_top_grids(grids, today, period), overdue_streets=coverage["street"],
        overdue_workers=coverage["worker"], no_worker=_no_worker(project, grids),
        boundary_changes=_changes(project.meta.get("edit_log") or [], start, date, codes if district else None),
        visits=status)


def _has_status(frame: pd.DataFrame) -> bool:
    return "status" in frame.columns and bool((frame["status"].fillna("").astype(str) != "").any())


def _summary(today: pd.DataFrame, period: pd.DataFrame) -> pd.DataFrame:
    """One row per window (``day``, ``period``): new, closed, resolution_rate (%), theft_robbery_fraud, share (%)."""
    rows = []
    for name, frame in (("day", today), ("period", period)):
        new = len(frame)
        known = _has_status(frame)
        closed = int((frame["status"] == CLOSED).sum()) if known else None
        trf = int(frame["category"].fillna("").astype(str).str.contains(THEFT_ROBBERY_FRAUD).sum())
        rows.append({"window": name, "new": new, "closed": closed,
                     "resolution_rate": round(100 * closed / new, 1) if known and new else None,
                     "theft_robbery_fraud": trf, "trf_share": round(100 * trf / new, 1) if new else None})
    return pd.DataFrame(rows)


def _categories(today: pd.DataFrame, period: pd.DataFrame) -> pd.DataFrame:
    """Per category (most in the month to date first): day, period, share of the period (%), ``trf``."""
    day = today["category"].fillna("").astype(str).value_counts()
    per = period["category"].fillna("").astype(str).value_counts()
    names = sorted(set(per.index) | set(day.index), key=lambda c: (-per.get(c, 0), -day.get(c, 0), c))
    total = max(int(per.sum()), 1)
    return pd.DataFrame({"category": [n or tr("(no category)") for n in names],
                         "day": [int(day.get(n, 0)) for n in names], "period": [int(per.get(n, 0)) for n in names],
                         "share": [round(100 * per.get(n, 0) / total, 1) for n in names],
                         "trf": [bool(THEFT_ROBBERY_FRAUD.search(n)) for n in names]})


def _top_grids(grids: pd.DataFrame, today: pd.DataFrame, period: pd.DataFrame) -> pd.DataFrame:
    """The :data:`TOP` grids with the most new incidents in the month to date (ties: the day's count, then the
    code): rank, grid_code, name, street, district, day, period."""
    per = period[GRID][period[GRID] != ""].astype(str).value_counts()  # str: a categorical counts its unused codes
    day = today[GRID].value_counts()
    table = pd.DataFrame({"grid_code": per.index.astype(str), "period": per.to_numpy(int)})
    table["day"] = [int(day.get(c, 0)) for c in table["grid_code"]]
    table = table.sort_values(["period", "day", "grid_code"], ascending=[False, False, True]).head(TOP)
    info = grids.set_index("code")
    table["name"] = info["name"].reindex(table["grid_code"]).fillna("").to_numpy()
    table["street"] = info["street"].reindex(table["grid_code"]).fillna("").to_numpy()
    table["district"] = info["district"].reindex(table["grid_code"]).fillna("").to_numpy()
    table.insert(0, "rank", np.arange(1, len(table) + 1))  # the number on the brief's map
    return table[["rank", "grid_code", "name", "street", "district", "day", "period"]].reset_index(drop=True)


def _visits(project, date: pd.Timestamp, codes: set | None) -> tuple[dict, dict[str, pd.DataFrame]]:
    """The visit totals and the overdue visits by street and by worker (most overdue first, the rows with any)."""
    from gridmap.core.visits.due import totals, visit_coverage, visit_status

    status = visit_status(project, date)
    if codes is not None:
        status = status[status[GRID].isin(codes).to_numpy()]
    out = {}
    for by, keys in (("street", ["district", "street"]), ("worker", ["worker", "street"])):
        if by == "worker":
            table = visit_coverage(status, "worker")
            street = status.drop_duplicates("worker_id").set_index("worker_id")["street"]  # the first target's
            table["street"] = street.reindex(table["worker_id"]).fillna("").to_numpy()
        else:
            table = visit_coverage(status, "street")
        table["overdue"] = table["overdue"] + table["never"]
        table = table[table["overdue"] > 0]
        table = table.sort_values(["overdue", "coverage"], ascending=[False, True], kind="stable")
        table = table[keys + ["targets", "overdue", "coverage"]].head(OVERDUE_ROWS).reset_index(drop=True)
        table["coverage"] = table["coverage"].round(1)
        for key in keys:
            table[key] = table[key].replace("", tr("(none)"))
        out[by] = table
    return totals(status), out


def _no_worker(project, grids: pd.DataFrame) -> pd.DataFrame:
    """The grids no worker is responsible for: grid_code, name, street, district."""
    workers = project.layers["workers"] if "workers" in project.layers else None
    staffed = {c for v in (workers[GRID] if workers is not None else []) for c in worker_grids(v)}
    bare = grids[~grids["code"].isin(staffed)]
    return pd.DataFrame({"grid_code": bare["code"].to_numpy(dtype=str), "name": bare["name"].to_numpy(dtype=str),
                         "street": bare["street"].to_numpy(dtype=str),
                         "district": bare["district"].to_numpy(dtype=str)})


def _changes(log: list, start: pd.Timestamp, end: pd.Timestamp, codes: set | None) -> pd.DataFrame:
    """The grid edits logged from ``start`` to before ``end`` (China Standard Time): when, what, description,
    before, after (the grid codes), who."""
    from gridmap.core.clock import RECORD_TIME_ZONE

    rows = []
    for entry in log:
        try:
            when = pd.Timestamp(entry["when"]).tz_convert(RECORD_TIME_ZONE).tz_localize(None)
        except (KeyError, TypeError, ValueError):
            continue
        if not start <= when < end:
            continue
        before, after = list(entry.get("before") or []), list(entry.get("after") or [])
        if codes is not None and not (set(before) | set(after)) & codes and not any(
                c[:6] in {k[:6] for k in codes} for c in before + after):
            continue
        rows.append({"when": f"{when:%Y-%m-%d %H:%M}", "what": str(entry.get("what") or ""),
                     "description": str(entry.get("description") or ""), "before": ", ".join(before),
                     "after": ", ".join(after), "who": str(entry.get("who") or "")})
    return pd.DataFrame(rows, columns=["when", "what", "description", "before", "after", "who"])


TEXT = {
    "zh": {"title": "每日简报", "day": "昨日", "period": "本月累计", "window": "统计期", "new": "新增事件",
           "closed": "已结案", "resolution_rate": "办结率(%)", "theft_robbery_fraud": "盗抢骗",
           "trf_share": "盗抢骗占比(%)", "category": "事件类别", "share": "占比(%)", "trf": "盗抢骗类",
           "rank": "排名", "grid_code": "网格编码", "name": "网格名称", "street": "街道/乡镇", "district": "区县",
           "worker": "网格员", "targets": "走访对象", "overdue": "逾期未访", "coverage": "按时率(%)",
           "when": "时间", "what": "操作", "description": "说明", "before": "原网格", "after": "新网格",
           "who": "操作人", "summary": "事件概况", "categories": "事件类别", "top_grids": "事件最多的网格",
           "overdue_streets": "逾期走访(按街道)", "overdue_workers": "逾期走访(按网格员)",
           "no_worker": "无网格员的网格", "boundary_changes": "网格边界变更", "yes": "是", "no": "",
           "none": "无", "resolution_none": "—", "visits": "重点人员和场所走访", "on_time": "按时",
           "never": "从未走访", "page": "第 {n} 页", "masked": "证件号码和电话号码不出现在本简报中",
           "made": "GridMap 生成于 {when}", "weekday": "一二三四五六日", "more": "另有 {n} 个",
           "trf_note": "盗抢骗:类别含“盗”“抢”“骗”的事件", "map": "事件最多的网格(红色,数字为排名)"},
    "en": {"title": "Daily Brief", "day": "Yesterday", "period": "Month to date", "window": "Window",
           "new": "New incidents", "closed": "Closed", "resolution_rate": "Resolution rate (%)",
           "theft_robbery_fraud": "Theft, robbery, fraud", "trf_share": "Theft/robbery/fraud share (%)",
           "category": "Category", "share": "Share (%)", "trf": "Theft etc.", "rank": "No.",
           "grid_code": "Grid code", "name": "Grid name", "street": "Street", "district": "District",
           "worker": "Grid worker", "targets": "Targets", "overdue": "Overdue", "coverage": "On time (%)",
           "when": "When", "what": "Edit", "description": "Description", "before": "Grids before",
           "after": "Grids after", "who": "By", "summary": "Incidents", "categories": "Incidents by category",
           "top_grids": "Grids with most incidents", "overdue_streets": "Overdue visits by street",
           "overdue_workers": "Overdue visits by grid worker", "no_worker": "Grids without a worker",
           "boundary_changes": "Grid boundary changes", "yes": "yes", "no": "", "none": "none",
           "resolution_none": "—", "visits": "Visits to key persons and venues", "on_time": "on time",
           "never": "never visited", "page": "Page {n}", "masked": "No ID or phone numbers appear in this brief",
           "made": "Made by GridMap on {when}", "weekday": "MTWTFSS", "more": "{n} more",
           "trf_note": "Theft, robbery, fraud: categories holding 盗, 抢 or 骗",
           "map": "Grids with most incidents (red, numbered by rank)"},
}
"""The brief's words per language (headers of its tables in the XLSX too)."""


def people_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A brief table as people read it: headers in ``lang``, the window names and yes/no in words."""
    words = TEXT[lang]
    out = frame.copy()
    if "window" in out.columns:
        out["window"] = out["window"].map(words)
    if "trf" in out.columns:
        out["trf"] = np.where(out["trf"].astype(bool), words["yes"], words["no"])
    return out.rename(columns={c: words.get(c, c) for c in out.columns})


def write_brief_xlsx(brief: Brief, path, lang: str = "zh") -> None:
    """The brief's tables as one XLSX sheet each (named in ``lang``): text cells are text (never formulas),
    numbers numbers, missing values empty."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    for name, frame in brief.tables().items():
        sheet = book.create_sheet(TEXT[lang][name][:31])
        table = people_table(frame, lang)

        def cell(value):
            if isinstance(value, str):
                text = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
                text.data_type = "s"
                return text
            if value is None or (isinstance(value, float) and np.isnan(value)):
                return None
            return value.item() if isinstance(value, np.generic) else value

        sheet.append([cell(str(c)) for c in table.columns])
        for values in table.itertuples(index=False, name=None):
            sheet.append([cell(v) for v in values])
    book.save(path)
