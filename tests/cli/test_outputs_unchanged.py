"""The CLI's JSON on the sample city stays what it was before the operations layer (issue 16): the golden files
in ``golden/`` were written by the CLI as it stood before the refactor; volatile values (paths, times) are
normalised. ``python tests/cli/test_outputs_unchanged.py`` rewrites them, for a deliberate change of output."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
MAPS = Path(__file__).resolve().parents[2] / "maps" / "taizhou"
VOLATILE = {"modified", "created", "seconds", "first_paint_s", "at"}

# (name, arguments with {project}/{dir}/{maps} placeholders, files whose content is part of the output)
CASES = [
    ("inspect", ["inspect", "{maps}/counties.geojson", "--json"], []),
    ("info", ["info", "{project}", "--json"], []),
    ("validate", ["validate", "{project}", "--json"], []),
    ("stats_street", ["stats", "{project}", "--by", "street", "--format", "json"], []),
    ("stats_persons_district", ["stats", "{project}", "--by", "district", "--kind", "persons", "--format", "json"],
     []),
    ("stats_period", ["stats", "{project}", "--by", "district", "--from", "2026-01-01", "--to", "2026-03-31",
                      "--format", "json"], []),
    ("export_venues", ["export", "{project}", "--layer", "venues", "--out", "{dir}/venues.csv", "--json"],
     ["venues.csv"]),
    ("edit_merge_dry", ["edit", "{project}", "merge", "--grids", "331002001001,331002001002", "--dry-run",
                        "--json"], []),
    ("plan_save", ["plan", "{project}", "save", "第一版", "--json"], []),
    ("plan_list", ["plan", "{project}", "list", "--json"], []),
    ("add_incidents", ["add", "{project}", "--kind", "incidents", "{dir}/new.csv", "--json"], []),
    ("info_after", ["info", "{project}", "--json"], []),
]

NEW_INCIDENTS = "事件编号,事件类别,上报时间,办理状态,经度,纬度\nG1,盗窃,2026-02-01 08:00,结案,121.42,28.66\n" \
                "G2,诈骗,2026/02/02 09:30,受理,121.43,28.65\nG3,矛盾纠纷,2026-02-03,上报,10.0,10.0\n"


def _normalise(value, folder: str):
    if isinstance(value, dict):
        return {k: ("<volatile>" if k in VOLATILE else _normalise(v, folder)) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v, folder) for v in value]
    if isinstance(value, str):
        return value.replace(folder, "<dir>").replace(str(MAPS), "<maps>")
    return value


def run_cases(folder: Path, run) -> dict[str, dict]:
    """Each case run by ``run(args) -> (exit code, stdout)`` on a fresh sample city in ``folder``."""
    from gridmap.ops.demo import build_demo

    project = build_demo(folder)
    (folder / "new.csv").write_text(NEW_INCIDENTS, encoding="utf-8")
    results = {}
    for name, args, files in CASES:
        args = [a.format(project=project, dir=folder, maps=MAPS) for a in args]
        code, out = run(args)
        result = {"exit": code, "json": _normalise(json.loads(out), str(folder)) if out.strip() else None}
        for f in files:
            result[f] = hashlib.sha256((folder / f).read_bytes()).hexdigest()
        results[name] = result
    return results


def run_cli_main(args) -> tuple[int, str]:
    """``gridmap ARGS`` in this process: (exit code, stdout)."""
    from gridmap.cli import main

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(args)
    return code, buffer.getvalue()


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run_cases(tmp_path_factory.mktemp("golden"), run_cli_main)


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_cli_json_unchanged(name, results):
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    assert results[name] == expected


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        GOLDEN.mkdir(exist_ok=True)
        for name, result in run_cases(Path(d), run_cli_main).items():
            (GOLDEN / f"{name}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True)
                                                 + "\n", encoding="utf-8")
