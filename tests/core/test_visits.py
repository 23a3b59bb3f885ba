"""Visits: import (targets checked, far check-ins flagged), rules, status and coverage on a small hand-made city with
exact counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from gridmap.core.errors import GridMapError
from gridmap.core.project.model import Project
from gridmap.core.records.importing import RecordImportOptions, guess_columns, import_records
from gridmap.core.visits.due import overdue_list, totals, visit_coverage, visit_status
from gridmap.core.visits.rules import DEFAULT_RULES, changed_rules, set_visit_rules, visit_rules
from builders import PERSONS, QUAD_CODES, VENUES, VISITS, WORKERS, quad_grids, write_lines

A, B, C, D = QUAD_CODES


@pytest.fixture
def city(tmp_path) -> Project:
    project = Project(quad_grids(), {"sources": [{"crs": "EPSG:4490"}]})
    for kind, lines, encoding in (("persons", PERSONS, "utf-8"), ("venues", VENUES, "gbk"),
                                  ("workers", WORKERS, "utf-8")):
        import_records(project, RecordImportOptions(write_lines(tmp_path / f"{kind}.csv", lines, encoding), kind))
    return project


def add_visits(project, tmp_path, lines=VISITS, encoding="gbk", **options):
    return import_records(project, RecordImportOptions(write_lines(tmp_path / "visits.csv", lines, encoding),
                                                       "visits", **options))


def test_visit_headers_guessed():
    columns = VISITS[0].split(",") + ["走访人工号"]
    assert guess_columns("visits", columns) == {
        "target_id": "走访对象编号", "target_kind": "走访对象类型", "worker": "走访人", "visited_at": "走访时间",
        "result": "走访结果", "note": "备注", "id": "走访编号", "lon": "签到经度", "lat": "签到纬度"}


def test_import_checks_targets_and_flags_far_checkins(city, tmp_path):
    result = add_visits(city, tmp_path)
    assert (result.rows, result.imported, result.rejected, result.far) == (8, 5, 3, 1)
    assert [r for r, _ in result.rejected_rows] == [7, 8, 9]
    reasons = [why for _, why in result.rejected_rows]
    assert "RY99" in reasons[0] and "RY01" in reasons[1] and "外星人" in reasons[2]
    visits = city.layers["visits"].set_index("id")
    assert visits.loc["Z3", "target_kind"] == "persons" and visits.loc["Z5", "target_kind"] == "venues"
    assert visits["far"].to_dict() == {"Z1": False, "Z2": False, "Z3": False, "Z4": True, "Z5": False}
    assert visits["grid_code"].to_dict() == {"Z1": A, "Z2": A, "Z3": C, "Z4": D, "Z5": D}
    assert visits.loc["Z5", "visited_at"] == pd.Timestamp("2026-03-01 11:00")
    assert np.isnan(visits.loc["Z3", "lon"]) and visits.loc["Z4", "lon"] == pytest.approx(121.2)
    assert result.to_json()["far"] == 1


def test_far_limit_option_and_project_setting(city, tmp_path):
    assert add_visits(city, tmp_path, far_m=50).far == 2  # Z2's 98 m too
    set_visit_rules(city.meta, changed_rules(visit_rules(city.meta), [], far_m=10_000))
    assert add_visits(city, tmp_path).far == 0  # the same ids: updated, not added
    assert len(city.layers["visits"]) == 5


def test_visits_follow_their_target_to_another_grid(city, tmp_path):
    from gridmap.core.records.assign import set_overrides

    add_visits(city, tmp_path)
    set_overrides(city, "persons", ["RY01"], B, "搬家")
    assert city.layers["visits"].set_index("id").loc[["Z1", "Z2"], "grid_code"].tolist() == [B, B]


def test_a_visit_file_without_target_or_time(city, tmp_path):
    with pytest.raises(GridMapError, match="走访对象编号"):
        add_visits(city, tmp_path, ["编号,走访人", "Z1,网格员一"])


def status_of(city, day, target):
    table = visit_status(city, pd.Timestamp(day)).set_index("target_id")
    return table.loc[target]


def test_visited_on_day_0_and_8_under_7_days_is_overdue_one_day(city, tmp_path):
    add_visits(city, tmp_path)
    days = pd.date_range("2026-03-02", "2026-03-16")  # the next visit is due on the 16th
    rows = [status_of(city, d, "RY01") for d in days]
    overdue = [d.date().isoformat() for d, r in zip(days, rows) if r["status"] == "overdue"]
    assert overdue == ["2026-03-09"]
    assert status_of(city, "2026-03-17", "RY01")["days_overdue"] == 1
    assert rows[7]["days_overdue"] == 1 and rows[7]["due"] == pd.Timestamp("2026-03-08")
    assert [r["status"] for r in rows[:7]] == ["on_time"] * 3 + ["due_soon"] * 4  # 3 days before due: soon
    assert rows[8]["last_visit"] == pd.Timestamp("2026-03-09 10:00") and rows[8]["status"] == "on_time"


def test_status_never_venue_rules_and_workers(city, tmp_path):
    add_visits(city, tmp_path)
    table = visit_status(city, pd.Timestamp("2026-03-20")).set_index("target_id")
    assert table["status"].to_dict() == {"RY01": "overdue", "RY02": "never", "RY03": "overdue", "CS01": "on_time",
                                         "CS02": "on_time"}
    assert table["interval_days"].to_dict() == {"RY01": 7, "RY02": 30, "RY03": 7, "CS01": 30, "CS02": 90}
    assert table.loc["RY01", "days_overdue"] == 4 and table.loc["RY03", "days_overdue"] == 12
    assert np.isnan(table.loc["RY02", "days_overdue"]) and pd.isna(table.loc["RY02", "last_visit"])
    assert table.loc["CS01", "due"] == pd.Timestamp("2026-03-31")
    assert table["worker_id"].to_dict() == {"RY01": "W1", "RY02": "W1", "RY03": "W2", "CS01": "W3", "CS02": "W3"}
    assert table.loc["CS01", "street"] == "白云街道" and table.loc["CS01", "grid_name"] == "丁网格"
    assert visit_status(city, pd.Timestamp("2026-03-28")).set_index("target_id").loc["CS01", "status"] == "due_soon"


def test_coverage_per_grid_street_and_worker(city, tmp_path):
    add_visits(city, tmp_path)
    status = visit_status(city, pd.Timestamp("2026-03-20"))
    grid = visit_coverage(status, "grid", city).set_index("grid_code")
    assert grid[["targets", "on_time", "overdue", "never"]].to_dict("index") == {
        A: {"targets": 1, "on_time": 0, "overdue": 1, "never": 0}, B: {"targets": 1, "on_time": 0, "overdue": 0, "never": 1},
        C: {"targets": 1, "on_time": 0, "overdue": 1, "never": 0}, D: {"targets": 2, "on_time": 2, "overdue": 0, "never": 0}}
    assert grid["coverage"].tolist() == [0.0, 0.0, 0.0, 100.0]
    street = visit_coverage(status, "street", city).set_index("street")
    assert street.loc["海门街道", ["targets", "on_time", "coverage"]].tolist() == [2, 0, 0.0]
    assert street.loc["白云街道", ["targets", "on_time", "overdue", "coverage"]].tolist() == [3, 2, 1, 66.7]
    worker = visit_coverage(status, "worker", city).set_index("worker_id")
    assert worker[["targets", "on_time"]].to_dict("index") == {"W1": {"targets": 2, "on_time": 0},
                                                              "W3": {"targets": 2, "on_time": 2},
                                                              "W2": {"targets": 1, "on_time": 0}}
    assert totals(status) == {"targets": 5, "on_time": 2, "due_soon": 0, "overdue": 2, "never": 1, "coverage": 40.0}


def test_coverage_of_a_unit_without_targets_is_nan(city, tmp_path):
    city.layers["persons"] = city.layers["persons"].iloc[:0]
    status = visit_status(city, pd.Timestamp("2026-03-20"))
    grid = visit_coverage(status, "grid", city).set_index("grid_code")
    assert grid.loc[A, "targets"] == 0 and np.isnan(grid.loc[A, "coverage"])


def test_overdue_list_masks_private_ids(city, tmp_path):
    add_visits(city, tmp_path)
    status = visit_status(city, pd.Timestamp("2026-03-20"))
    status.loc[status["target_id"] == "RY03", "target_id"] = "331002199001011234"
    listed = overdue_list(status, city.meta)
    assert listed["target_id"].tolist() == ["331002********1234", "RY01", "RY02"]
    assert listed["days_overdue"].tolist()[:2] == [12, 4] and np.isnan(listed["days_overdue"].iloc[2])
    assert listed.loc[0, "worker"] == "网格员二"


def test_rules_changed_by_value_field_and_default():
    rules = changed_rules(DEFAULT_RULES, ["高风险=3", "type:出租房=60", "default:venues=120", "吸毒=14"],
                          remove=["中"], known={"category": {"吸毒"}})
    table = {(r.field, r.value): r.days for r in rules.rules}
    assert table[("risk_level", "高风险")] == 3 and table[("type", "出租房")] == 60 and table[("category", "吸毒")] == 14
    assert ("risk_level", "中风险") not in table and rules.default == {"persons": 30, "venues": 120}
    assert DEFAULT_RULES.default == {"persons": 30, "venues": 90}  # unchanged
    with pytest.raises(GridMapError, match="risk:网吧"):
        changed_rules(DEFAULT_RULES, ["网吧=30"])
    with pytest.raises(GridMapError, match="1 to 3650"):
        changed_rules(DEFAULT_RULES, ["高=0"])


def test_rules_stored_in_the_project(city, tmp_path):
    add_visits(city, tmp_path)
    set_visit_rules(city.meta, changed_rules(visit_rules(city.meta), ["高=10"]))
    table = visit_status(city, pd.Timestamp("2026-03-11")).set_index("target_id")
    assert table.loc["RY01", "interval_days"] == 10
    city.meta["visit_rules"] = {"rules": "nonsense"}
    with pytest.raises(GridMapError, match="visit rules"):
        visit_rules(city.meta)


def test_sample_visits_deterministic_mostly_on_time_overdue_by_worker():
    from gridmap.core.sample.city import TODAY, VISIT_DAYS, build_visits

    rng = np.random.default_rng(7)
    n = 4000
    targets = pd.DataFrame({"target_kind": np.where(rng.random(n) < 0.4, "persons", "venues"),
                            "target_id": [f"T{i}" for i in range(n)], "interval_days": rng.choice([7, 30, 90], n),
                            "worker_id": [f"W{i % 200}" for i in range(n)], "worker": "某人",
                            "lon": 121.4, "lat": 28.6})
    visits = build_visits(targets, seed=1)
    assert visits.equals(build_visits(targets, seed=1)) and not visits.equals(build_visits(targets, seed=2))
    when = pd.to_datetime(visits["visited_at"])
    assert when.min() >= TODAY - pd.Timedelta(days=VISIT_DAYS) and when.max() < TODAY
    last = when.groupby(visits["target_id"].to_numpy()).max().dt.normalize()
    due = last + pd.to_timedelta(targets.set_index("target_id")["interval_days"].reindex(last.index), unit="D")
    late = (due < TODAY).reindex(targets["target_id"], fill_value=True).to_numpy()  # never visited: late too
    assert 0.03 < late.mean() < 0.2
    by_worker = pd.Series(late).groupby(targets["worker_id"]).mean().sort_values(ascending=False)
    assert by_worker.iloc[:20].sum() > 0.5 * by_worker.sum()  # a tenth of the workers: most of the overdue
    assert visits["target_kind"].isin(["重点人员", "重点场所"]).all()
