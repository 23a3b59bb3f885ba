"""The morning brief of the sample city: its tables, the A4 PDF and the XLSX, from the loaded project and as a command.

    python benchmarks/bench_brief.py [--repeat 3] [--dir DIR]

Builds the sample city (``gridmap demo``) into ``DIR`` (default a cache folder under the temporary directory, reused)
and measures, median of ``--repeat``: (a) ``build_brief`` (the tables: incidents, visits, grids without a worker,
edits); (b) ``print_brief`` from the loaded project (tables, PDF, XLSX); (c) ``gridmap brief`` as a new process
(Python's start-up, loading the project and Qt included). The goal is under 3 s; no timing is asserted.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_print import timed  # noqa: E402 - this folder is on the path when run as a script

DATE = "2027-01-01"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "gridmap-bench-brief")
    args = parser.parse_args()
    from gridmap.core.brief.model import build_brief
    from gridmap.ops import build_demo, open_project
    from gridmap.ops.brief import BriefOptions
    from gridmap.print.brief import print_brief
    from gridmap.print.output import ensure_application

    path = build_demo(args.dir)
    project = open_project(path)
    ensure_application()
    out = args.dir / "brief.pdf"
    options = BriefOptions(DATE, out, lang="zh", xlsx=args.dir / "brief.xlsx")
    t_model, runs_model = timed(lambda: build_brief(project, DATE), args.repeat)
    t_brief, runs_brief = timed(lambda: print_brief(project, options), args.repeat)
    command = [sys.executable, "-m", "gridmap", "brief", str(path), "--date", DATE, "--out", str(out), "--lang", "zh"]
    t_cmd, runs_cmd = timed(lambda: subprocess.run(command, check=True, capture_output=True), args.repeat)
    fmt = lambda ts: ", ".join(f"{t:.2f}" for t in ts)  # noqa: E731
    print(f"sample city: {len(project.grids):,} grids, {len(project.layers['incidents']):,} incidents, "
          f"{len(project.layers.get('visits', [])):,} visits; brief of {DATE}")
    print(f"(a) the tables (build_brief):                 {t_model:.2f} s  [{fmt(runs_model)}]")
    print(f"(b) tables + PDF + XLSX from the loaded project: {t_brief:.2f} s  [{fmt(runs_brief)}]")
    print(f"(c) gridmap brief as a command:               {t_cmd:.2f} s  [{fmt(runs_cmd)}]")
    print(f"PDF: {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
