"""The ``gridmap`` command: the GUI, and the same operations as subcommands.

Every subcommand calls the same core function the GUI calls. ``--json`` prints one JSON object on stdout.
A user error (bad file, bad option) prints one line on stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gridmap import __version__
from gridmap.core.errors import Cancelled, GridMapError

COMMANDS = ("inspect", "new", "info", "demo", "snapshot", "export-html")


class UsageError(GridMapError):
    """A command line that does not parse."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        command = self.prog.removeprefix("gridmap").strip()
        raise UsageError(f"{command + ': ' if command else ''}{message} (see --help)")


def _stderr_progress(fraction: float, message: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{fraction:4.0%} {message[:60]:<60}", end="", file=sys.stderr, flush=True)


def _done_progress() -> None:
    if sys.stderr.isatty():
        print("\r" + " " * 66 + "\r", end="", file=sys.stderr, flush=True)


def _emit(args, data: dict, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False) if args.json else text)


def _problems_text(problems) -> str:
    return "".join(f"\n  ! {p.message}" for p in problems)


def cmd_inspect(args) -> int:
    from gridmap.core.reader import inspect_source

    report = inspect_source(Path(args.file), args.layer, args.encoding, args.crs)
    data = report.to_json()
    enc = data["encoding"]
    lines = [
        f"{report.path}: {report.format}, layer {report.layer!r} of {len(report.layers)}, "
        f"{report.features} features ({', '.join(report.geometry_types) or 'no geometry'})",
        f"  CRS: {data['crs']['name'] or 'unknown'}" + (f" (EPSG:{data['crs']['epsg']})" if data['crs']['epsg'] else "")
        + (" [inferred]" if report.crs_inferred else ""),
        "  encoding: " + (f"{enc['name']} ({enc['source']})" if enc else "n/a (UTF-8 by format)"),
        f"  bbox (lon/lat): {data['bbox_wgs84']}",
        "  fields: " + "; ".join(f"{f.name} [{f.type}] e.g. {', '.join(map(str, f.samples))}" for f in report.fields),
    ]
    _emit(args, data, "\n".join(lines) + _problems_text(report.problems))
    return 0


def _mapping(args):
    from gridmap.core.fields import ROLES, FieldMapping

    return FieldMapping(**{role: getattr(args, f"{role}_field") for role in ROLES})


def cmd_new(args) -> int:
    from gridmap.core.project import ImportOptions, new_project

    options = ImportOptions(Path(args.grids), args.layer, args.encoding, args.crs, args.coords, _mapping(args))
    try:
        project, problems = new_project(Path(args.project), options, args.force, _stderr_progress)
    finally:
        _done_progress()
    data = {"project": str(Path(args.project)), "grids": len(project.grids), "source": project.meta["sources"][0],
            "field_mapping": project.meta["field_mapping"], "problems": [p.to_json() for p in problems]}
    _emit(args, data, f"{args.project}: {len(project.grids)} grids from {args.grids}" + _problems_text(problems))
    return 0


def cmd_info(args) -> int:
    from gridmap.core.store import open_project

    summary = open_project(Path(args.project)).summary()
    text = "\n".join(f"{key}: {value}" for key, value in summary.items())
    _emit(args, summary, text)
    return 0


def cmd_demo(args) -> int:
    from gridmap.core.demo import build_demo

    try:
        path = build_demo(Path(args.dir) if args.dir else None, progress=_stderr_progress, force=args.force)
    finally:
        _done_progress()
    _emit(args, {"project": str(path)}, str(path))
    return 0


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1600x1000, not {text!r}") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"{text}: width and height must be between 200 and 8000 pixels")
    return width, height


def cmd_snapshot(args) -> int:
    from gridmap.ui.snapshot import snapshot

    data = snapshot(Path(args.project), Path(args.out), args.size, args.lang)
    _emit(args, data, f"{data['out']}: {data['size'][0]}x{data['size'][1]}, {data['grids']} grids, "
                      f"first paint {data['first_paint_s']} s")
    return 0


def cmd_export_html(args) -> int:
    from gridmap.core.store import open_project
    from gridmap.map.basemaps import NONE, Basemap
    from gridmap.map.export import export_html
    from gridmap.ui.labels import ENGLISH_LABELS

    project = open_project(Path(args.project))
    state = project.meta.get("map") or {}
    basemap = Basemap.from_dict(state["basemap"]) if state.get("basemap") else NONE
    colour_by = args.colour_by or state.get("colour_by", "district")
    out = export_html(project.grids, Path(args.out), colour_by=colour_by,
                      labels=args.labels or state.get("labels", "code"), basemap=basemap, extent=state.get("extent"),
                      legend_title={"district": "Districts", "street": "Streets / towns"}.get(colour_by, ""),
                      field_labels=ENGLISH_LABELS)
    data = {"out": str(out), "grids": len(project.grids), "bytes": out.stat().st_size}
    _emit(args, data, f"{out}: {data['grids']} grids, {data['bytes']:,} bytes")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gridmap", description="GridMap: desktop GIS for grid-based community governance. "
                     "Without a command, opens the GUI (on the bundled Taizhou sample city, or on PROJECT.gpkg).")
    parser.add_argument("--version", action="version", version=f"GridMap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def source_options(p):
        p.add_argument("--layer", help="layer to read (GeoPackage, KML)")
        p.add_argument("--encoding", help="attribute encoding of a Shapefile, e.g. GBK, UTF-8 (default: .cpg, "
                                          "DBF language driver, else detected)")
        p.add_argument("--crs", help="coordinate system: EPSG:4528, gk3:120 (3° Gauss-Krüger, CM 120°E, no zone "
                                     "prefix), gk3:zone40 (prefixed), WKT... (default: the file's, else inferred)")

    p = sub.add_parser("inspect", help="describe a boundary file: format, CRS, encoding, fields, problems")
    p.add_argument("file", help=".shp, .zip, .gpkg, .geojson or .kml")
    source_options(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_inspect)

    p = sub.add_parser("new", help="create a project (.gpkg) from a grid boundary file")
    p.add_argument("project", help="project file to create, *.gpkg")
    p.add_argument("--grids", required=True, help="grid boundary file (.shp, .zip, .gpkg, .geojson, .kml)")
    source_options(p)
    p.add_argument("--coords", choices=("wgs84", "gcj02", "bd09"), default="wgs84",
                   help="lon/lat flavour of the source: wgs84 (also CGCS2000), gcj02 (Amap, Tencent), bd09 (Baidu)")
    for role, example in (("code", "WGBM"), ("name", "WGMC"), ("community", "SQMC"), ("street", "JDMC"),
                          ("district", "QXMC"), ("households", "HS")):
        p.add_argument(f"--{role}-field", metavar="F", help=f"field holding the grid {role} (e.g. {example}; "
                                                            "default: guessed)")
    p.add_argument("--force", action="store_true", help="overwrite an existing project (atomically)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("info", help="summarise a project: grids, districts, streets, area, layers")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("demo", help="build the sample Taizhou city project and print its path")
    p.add_argument("dir", nargs="?", help="folder for the sample (default: the user's GridMap data folder)")
    p.add_argument("--force", action="store_true", help="rebuild even if it exists")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("snapshot", help="render the main window with the project's map to a PNG (offscreen)")
    p.add_argument("project")
    p.add_argument("--out", required=True, help="PNG file to write")
    p.add_argument("--size", type=_size, default=(1600, 1000), metavar="WxH", help="window size (default 1600x1000)")
    p.add_argument("--lang", choices=("zh", "en"), help="user interface language (default: the system's)")
    p.add_argument("--json", action="store_true", help='print {"first_paint_s": ..., "grids": n, ...}')
    p.set_defaults(func=cmd_snapshot)

    p = sub.add_parser("export-html", help="write the map as one HTML file that opens offline in a browser")
    p.add_argument("project")
    p.add_argument("--out", required=True, help="HTML file to write")
    p.add_argument("--colour-by", choices=("district", "street", "none"),
                   help="grid colours (default: as saved in the project, else district)")
    p.add_argument("--labels", choices=("code", "name", "none"), help="grid labels (default: as saved, else code)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_export_html)
    return parser


def _gui(argv: list[str]) -> int:
    parser = _Parser(prog="gridmap", description="Open the GridMap window.")
    parser.add_argument("project", nargs="?", help="project file (.gpkg); default: the sample city")
    parser.add_argument("--lang", choices=("zh", "en"), help="user interface language (default: the system's)")
    args = parser.parse_args(argv)
    from gridmap.ui.app import run

    return run(Path(args.project) if args.project else None, args.lang)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        first = next((a for a in argv if not a.startswith("-")), None)
        if first not in COMMANDS and not {"-h", "--help", "--version"} & set(argv):
            return _gui(argv)
        args = build_parser().parse_args(argv)
        if args.command is None:
            return _gui([])
        return args.func(args)
    except GridMapError as err:
        print(f"gridmap: {err}", file=sys.stderr)
        return 2
    except (Cancelled, KeyboardInterrupt):
        print("gridmap: cancelled; nothing was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
