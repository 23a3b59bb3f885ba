"""The ``gridmap`` command: the GUI, and the same operations as subcommands.

This module only parses arguments, calls :mod:`gridmap.ops` (the functions the GUI calls) and prints.
``--json`` prints one JSON object on stdout.
A user error (bad file, bad option) prints one line on stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from gridmap import __version__
from gridmap.core.errors import BoundaryFileGiven, Cancelled, GridMapError
from gridmap.core.i18n import core_translator, set_translator, system_lang
from gridmap.core.i18n import tr  # a line of its own: update.py finds core templates by it

COMMANDS = ("inspect", "new", "info", "validate", "add", "watch", "stats", "export", "demo", "snapshot", "export-html",
            "edit", "plan", "print", "audit", "rules", "visits", "patrol", "brief", "push", "pull", "grant")


LANGS = ("zh", "en")
PROJECT_HELP = "project file (.gpkg) or database URL (postgresql://USER@HOST:PORT/DBNAME?schema=NAME)"


class UsageError(GridMapError):
    """A command line that does not parse."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        command = self.prog.removeprefix("gridmap").strip()
        raise UsageError(f"{command + ': ' if command else ''}{message} (see --help)")


def _ref(args):
    """The project the command line names: a path, or a database URL (``postgresql://…?schema=NAME``)."""
    from gridmap import ops

    return ops.project_ref(args.project)


def _shown(args) -> str:
    """The project as the output names it: as typed, a URL with its password masked."""
    from gridmap import ops

    ref = _ref(args)
    return args.project if isinstance(ref, Path) else ops.project_label(ref)


def _ref_stem(args) -> str:
    """The project's name for titles: the file's stem, or the database schema."""
    from gridmap import ops

    ref = _ref(args)
    return ref.stem if isinstance(ref, Path) else ops.store_of(ref).schema


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
    from gridmap.core.io.reader import inspect_source

    report = inspect_source(Path(args.file), args.layer, args.encoding, args.crs, args.strict)
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
    from gridmap.core.io.fields import ROLES, FieldMapping

    return FieldMapping(**{role: getattr(args, f"{role}_field") for role in ROLES})


def cmd_new(args) -> int:
    from gridmap import ops
    from gridmap.core.project.model import ImportOptions

    options = ImportOptions(Path(args.grids), args.layer, args.encoding, args.crs, args.coords, _mapping(args),
                            args.strict)
    try:
        result = ops.new(Path(args.project), options, args.force, _stderr_progress)
    finally:
        _done_progress()
    _emit(args, result.to_json(), f"{_shown(args)}: {len(result.project.grids)} grids from {args.grids}"
          + _problems_text(result.problems))
    return 0


def cmd_info(args) -> int:
    from gridmap import ops

    summary = ops.info(_ref(args)).to_json()
    _emit(args, summary, "\n".join(f"{key}: {_value_text(value)}" for key, value in summary.items()))
    return 0


def _value_text(value) -> str:
    """A summary value for people: counts with thousands separators, ``name count`` pairs and lists joined."""
    if isinstance(value, dict):
        return ", ".join(f"{key} {_value_text(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_value_text(item) for item in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _area(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"expected an area in m² of 0 or more, such as 1 or 0.5, not {text!r}")
    return value


def cmd_validate(args) -> int:
    from gridmap import ops

    report = ops.validate(_ref(args), tolerance_m2=args.tolerance)
    lines = [f"{_shown(args)}: {len(report.errors)} errors, {len(report.warnings)} warnings"]
    for severity, findings in (("error", report.errors), ("warning", report.warnings)):
        for f in findings:
            where = f"{f.location[0]:.6f},{f.location[1]:.6f}" if f.location else "-"
            lines.append(f"  {severity} {f.kind} at {where}: {f.message}")
    _emit(args, report.to_json(), "\n".join(lines))
    return 1 if report.errors else 0


def _day(text: str):
    from gridmap.core.records.stats import parse_day

    try:
        return parse_day(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2026-01-05, 2026/1/5 or 2026年1月5日, "
                                         f"not {text!r}") from None


def _lang(args) -> str:
    """The language of what a command writes: ``--lang``, else the system's."""
    return getattr(args, "lang", None) or system_lang()


def cmd_stats(args) -> int:
    from gridmap import ops
    from gridmap.core.outputs import TABLE_FORMATS

    if args.start is not None and args.end is not None and args.start > args.end:
        raise UsageError("stats: --from is after --to")
    suffix = Path(args.out).suffix.lower().lstrip(".") if args.out else ""
    fmt = args.format or (suffix if suffix in TABLE_FORMATS else "csv")
    if fmt == "xlsx" and not args.out:
        raise UsageError("stats: --format xlsx needs --out")
    result = ops.stats(_ref(args), args.kind, args.by, args.start, args.end,
                       Path(args.out) if args.out else None, fmt, _lang(args))
    if not args.out:
        sys.stdout.write(result.text(fmt) + ("" if fmt == "csv" else "\n"))
        return 0
    print(f"{result.out}: {len(result.frame)} rows, {int(result.frame['total'].sum()):,} {args.kind}")
    return 0


def cmd_patrol(args) -> int:
    from gridmap import ops

    result = ops.patrol(_ref(args), args.date, Path(args.out) if args.out else None, args.gap)
    frame = result.frame
    lines = [tr("{date}: {grids} grids patrolled, {minutes} minutes", date=f"{result.day:%Y-%m-%d}",
                grids=len(frame), minutes=f"{frame['minutes'].sum():,.1f}")]
    if result.out:
        lines.append(str(result.out))
    else:
        lines += [f"  {r.grid_code}  {r.workers} {r.fixes:>6} {r.minutes:>8.1f} min  {r.covered_share:6.1%}"
                  for r in frame.itertuples()]
    _emit(args, result.to_json(), "\n".join(lines))
    return 0


def cmd_brief(args) -> int:
    from gridmap.ops.brief import BriefOptions
    from gridmap.print.brief import print_brief

    if Path(args.out).suffix.lower() != ".pdf":
        raise UsageError("brief: --out must be a .pdf file")
    if args.xlsx and Path(args.xlsx).suffix.lower() != ".xlsx":
        raise UsageError("brief: --xlsx must be a .xlsx file")
    options = BriefOptions(args.date, Path(args.out), args.district, _lang(args),
                           Path(args.xlsx) if args.xlsx else None)
    try:
        result = print_brief(_ref(args), options, _stderr_progress, font=args.font)
    finally:
        _done_progress()
    day = result.brief.summary.iloc[0]
    text = "\n".join([str(result.out)] + [str(result.xlsx)] * bool(result.xlsx) + [tr(
        "{day}: {new} new incidents, {pages} pages, {seconds} s", day=f"{result.brief.day:%Y-%m-%d}",
        new=int(day["new"]), pages=result.pages, seconds=result.seconds)])
    _emit(args, result.to_json(), text)
    return 0


def cmd_demo(args) -> int:
    from gridmap import ops

    try:
        result = ops.demo(Path(args.dir) if args.dir else None, force=args.force, progress=_stderr_progress)
    finally:
        _done_progress()
    _emit(args, result.to_json(), str(result.project))
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

    data = snapshot(_ref(args), Path(args.out), args.size, args.lang, debug=args.debug)
    _emit(args, data, f"{data['out']}: {data['size'][0]}x{data['size'][1]}, {data['grids']} grids, "
                      f"first paint {data['first_paint_s']} s")
    return 0


def cmd_export_html(args) -> int:
    from gridmap import ops
    from gridmap.map.basemaps import NONE, Basemap
    from gridmap.map.export import export_html
    from gridmap.core.io.fields import FIELD_LABELS, FIELD_LABELS_ZH
    from gridmap.map.export import LEGEND_TITLES, page_title

    lang = _lang(args)
    project = ops.open_project(_ref(args))
    state = project.meta.get("map") or {}
    basemap = Basemap.from_dict(state["basemap"]) if state.get("basemap") else NONE
    basemap = _export_basemap(basemap, args.include_key, args.key)
    colour_by = args.colour_by or state.get("colour_by", "district")
    out = export_html(project.grids, Path(args.out), colour_by=colour_by,
                      labels=args.labels or state.get("labels", "code"), basemap=basemap, extent=state.get("extent"),
                      legend_title=LEGEND_TITLES[lang].get(colour_by, ""),
                      field_labels=FIELD_LABELS_ZH if lang == "zh" else FIELD_LABELS, include_key=args.include_key,
                      title=page_title(lang, str(project.meta.get("city") or _ref_stem(args))))
    data = {"out": str(out), "grids": len(project.grids), "bytes": out.stat().st_size}
    _emit(args, data, f"{out}: {data['grids']} grids, {data['bytes']:,} bytes")
    return 0


def _export_basemap(basemap, include_key: bool, key: str | None):
    """The project's basemap as export-html may use it: an online one the user has not chosen or confirmed on
    this machine is left out (with a note on stderr); its key, only with ``include_key``, comes from ``key``,
    $GRIDMAP_BASEMAP_KEY, the user's settings or (an older project's) the project."""
    from dataclasses import replace

    from gridmap.ui.map.basemap_settings import is_trusted, key_for
    from gridmap.map.basemaps import NONE

    if not basemap.is_online:
        return basemap
    if not is_trusted(basemap):
        print(f"note: basemap {basemap.name} left out: its tile server {', '.join(sorted(basemap.hosts()))} was not "
              "confirmed on this machine (open the project in GridMap to confirm it)", file=sys.stderr)
        return NONE
    if not include_key:
        return replace(basemap, key="")
    return replace(basemap, key=key or os.environ.get("GRIDMAP_BASEMAP_KEY") or key_for(basemap) or basemap.key)


def cmd_add(args) -> int:
    from gridmap import ops
    from gridmap.core.project.kinds import KINDS
    from gridmap.core.records.importing import RecordImportOptions

    columns = {role: getattr(args, f"{role}_col") for role in ("lon", "lat", "id", "time", "category", "status")
               if getattr(args, f"{role}_col")}
    if "time" in columns:
        columns[KINDS[args.kind].time or "reported_at"] = columns.pop("time")
    if "category" in columns:
        columns[KINDS[args.kind].category or "category"] = columns.pop("category")
    if args.far_m is not None and args.kind != "visits":
        raise UsageError("add: --far-m is for --kind visits")
    for item in args.col or []:
        role, sep, column = item.partition("=")
        if not sep:
            raise UsageError(f"add: --col expects ROLE=COLUMN, not {item!r}")
        columns[role.strip()] = column.strip()
    options = RecordImportOptions(Path(args.file), args.kind, columns, args.coords, args.encoding, args.sheet,
                                  args.fix_swapped, args.private or [], args.public or [], args.far_m)
    try:
        result = ops.add(_ref(args), options, _stderr_progress)
    finally:
        _done_progress()
    lines = [result.summary()] + [tr("  private (masked): {columns}", columns=", ".join(
        result.private_columns))] * bool(result.private_columns) + [
        tr("  row {row}: {reason}", row=r, reason=why) for r, why in result.rejected_rows[:20]]
    if len(result.rejected_rows) > 20:
        lines.append(tr("  … {count} more rejected rows (--json lists them all)",
                        count=len(result.rejected_rows) - 20))
    _emit(args, result.to_json(), "\n".join(lines))
    return 0


def cmd_watch(args) -> int:
    import time

    from gridmap.ops.watch import FolderWatch

    watch = FolderWatch(_ref(args), Path(args.folder), args.kind, args.coords)
    outcomes = []
    try:
        watch.ready()  # the first look: a file is taken when the next poll finds it unchanged
        while True:
            time.sleep(args.interval)
            for outcome in watch.poll(_stderr_progress):
                _done_progress()
                if args.once:
                    outcomes.append(outcome)
                else:
                    _emit(args, outcome.to_json(), outcome.summary())
                    sys.stdout.flush()
            if args.once:
                break
    except KeyboardInterrupt:  # Ctrl+C between imports ends the watch; within one, main reports it cancelled
        if watch.busy:
            raise
        return 0
    if args.once:
        _emit(args, {"folder": str(args.folder), "files": [o.to_json() for o in outcomes]},
              "\n".join(o.summary() for o in outcomes) or tr("no new files in {folder}", folder=args.folder))
    return 0


def _reason(args) -> str | None:
    """The reason given for ``--reveal`` (required with it), or None without ``--reveal``."""
    if not args.reveal:
        return None
    if not (args.reason or "").strip():
        raise UsageError(f"{args.command}: --reveal needs --reason TEXT (why the numbers are revealed; it is "
                         "recorded in the project's audit log)")
    return args.reason.strip()


def cmd_rules(args) -> int:
    from gridmap import ops

    change = ops.RulesChange(args.set or [], args.remove or [], args.reset, args.far_m, args.soon_days)
    result = ops.rules(_ref(args), change)
    rules = result.rules
    names = {"risk_level": "risk", "category": "category", "type": "type"}
    lines = [f"{names[r.field]}:{r.value} = {r.days} days" for r in rules.rules]
    lines += [f"default:{kind} = {days} days" for kind, days in rules.default.items()]
    lines += [f"far check-in: more than {rules.far_m:g} m", f"due soon: {rules.soon_days} days before due"]
    _emit(args, result.to_json(), "\n".join(lines))
    return 0


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a distance in metres more than 0, such as 500, not {text!r}")
    return value


def cmd_visits(args) -> int:
    from gridmap import ops
    from gridmap.core.outputs import TABLE_FORMATS

    suffix = Path(args.out).suffix.lower().lstrip(".") if args.out else ""
    fmt = args.format or (suffix if suffix in TABLE_FORMATS else "csv")
    if fmt == "xlsx" and not args.out:
        raise UsageError("visits: --format xlsx needs --out")
    from datetime import date

    result = ops.visits(_ref(args), args.date or date.today(), args.by, args.overdue,
                        Path(args.out) if args.out else None, fmt, _lang(args))
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
        return 0
    if not args.out:
        sys.stdout.write(result.text(fmt) + ("" if fmt == "csv" else "\n"))
        return 0
    t = result.totals
    print(f"{result.out}: {len(result.frame)} rows; on {result.day.date()}: {t['targets']:,} targets, "
          f"{t['on_time']:,} on time, {t['overdue']:,} overdue, {t['never']:,} never visited")
    return 0


def cmd_export(args) -> int:
    from gridmap import ops

    result = ops.export(_ref(args), args.layer, Path(args.out), _reason(args))
    _emit(args, result.to_json(), f"{result.out}: {result.rows:,} {args.layer}"
          + ("" if args.reveal else " (ID and phone numbers masked)"))
    return 0


def _copied_text(data: dict) -> str:
    layers = ", ".join(f"{k} {v:,}" for k, v in data.items() if k not in ("from", "to"))
    return f"{data['from']} -> {data['to']}: {layers}"


def cmd_push(args) -> int:
    from gridmap import ops

    try:
        result = ops.push(Path(args.project), args.url, args.force, _stderr_progress)
    finally:
        _done_progress()
    _emit(args, result.to_json(), _copied_text(result.to_json()))
    return 0


def cmd_pull(args) -> int:
    from gridmap import ops

    try:
        result = ops.pull(args.url, Path(args.out), args.force, _stderr_progress)
    finally:
        _done_progress()
    _emit(args, result.to_json(), _copied_text(result.to_json()))
    return 0


def cmd_audit(args) -> int:
    from gridmap import ops

    rows = ops.audit(_ref(args)).rows
    lines = [f"{r['at']}  {r['user']}@{r['host']}  {r['action']} {r['layer']} ({r['records']:,} records)"
             + (f" -> {r['output']}" if r["output"] else "") + f": {r['reason']}" for r in rows]
    _emit(args, {"audit": rows}, "\n".join(lines) or f"{_shown(args)}: no reveals recorded")
    return 0


def cmd_grant(args) -> int:
    from gridmap.ops.roles import grant

    users = {"viewer": args.viewer, "editor": args.editor, "privacy_officer": args.privacy_officer}
    result = grant(args.url, users, sql_only=args.sql)
    if args.sql:
        sys.stdout.write("".join(f"{s};\n" for s in result.statements))
        return 0
    given = "; ".join(f"{role}: {', '.join(names)}" for role, names in result.members.items())
    _emit(args, result.to_json(), f"{result.schema}: grants applied ({', '.join(result.roles.values())})"
          + (f"; {given}" if given else ""))
    return 0


def _wkt(text: str):
    import shapely

    try:
        return shapely.from_wkt(text)
    except shapely.errors.GEOSException:
        raise argparse.ArgumentTypeError(f"expected WKT in lon/lat, not {text[:60]!r}") from None


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def cmd_edit(args) -> int:
    from gridmap import ops

    options = ops.EditOptions(args.action, **{key: getattr(args, key) for key in (
        "grid", "line", "grids", "to", "area", "street") if hasattr(args, key)}, dry_run=args.dry_run)
    result = ops.edit(_ref(args), options)
    edit, data = result.edit, result.to_json()
    moved = ", ".join(f"{kind} {count}" for kind, count in data["moved"].items() if count) or "none"
    text = (f"{_shown(args)}: {edit.description}" + (" (dry run: nothing changed)" if args.dry_run else "")
            + f"\n  changed grids: {', '.join(data['changed_grids'])}\n  records moved: {moved}"
            + "".join(f"\n  ! {w}" for w in edit.warnings))
    _emit(args, data, text)
    return 0


def _plan_list(data, args) -> str:
    lines = [f"{'*' if p['in_use'] else ' '} {p['name']}: {p['grids']} grids" for p in data["plans"]]
    return "\n".join(lines) or "no plans saved"


def _plan_save(data, args) -> str:
    return f"{_shown(args)}: saved plan {data['plan']} ({data['grids']} grids), now in use"


def _plan_use(data, args) -> str:
    moved = ", ".join(f"{kind} {count}" for kind, count in data["moved"].items() if count) or "none"
    return f"{_shown(args)}: using plan {data['plan']} ({data['grids']} grids); records moved: {moved}"


def _plan_compare(data, args) -> str:
    lines = [f"{args.a} ({data['grids']['a']} grids) -> {args.b} ({data['grids']['b']} grids)"]
    for key in ("added", "removed", "geometry_changed", "attributes_changed"):
        lines.append(f"  {key.replace('_', ' ')}: {', '.join(data[key]) or '-'}")
    lines += [f"  {kind} moved: {data['moved'][kind]}" + "".join(
        f"\n    {m['from'] or '-'} -> {m['to'] or '-'}: {m['count']}" for m in pairs) for kind, pairs in
        data["moves"].items()]
    return "\n".join(lines)


def _plan_export(data, args) -> str:
    return f"{data['out']}: plan {args.name}, {data['grids']} grids"


def _plan_export_assignment(data, args) -> str:
    return f"{args.file}: {data['rows']:,} records" + ("" if args.reveal else " (ID numbers masked)")


def _plan_import_assignment(data, args) -> str:
    rejected = [(r["row"], r["reason"]) for r in data["rejected_rows"]]
    return "\n".join([f"{args.file}: {data['rows']} rows, {data['applied']} assigned by hand, {data['unchanged']} "
                      f"unchanged, {len(rejected)} rejected"] + [f"  row {r}: {why}" for r, why in rejected])


def cmd_plan(args) -> int:
    from gridmap import ops

    reason = _reason(args) if hasattr(args, "reveal") else None
    options = ops.PlanOptions(args.action, getattr(args, "name", None), getattr(args, "replace", False),
                              getattr(args, "a", None), getattr(args, "b", None),
                              getattr(args, "out", None) or getattr(args, "file", None),
                              getattr(args, "encoding", "UTF-8"), reason)
    data = ops.plan(_ref(args), options).to_json()
    _emit(args, data, args.plan_text(data, args))
    return 0


def _edit_and_plan_parsers(sub) -> None:
    """``gridmap edit PROJECT split|merge|transfer|create|delete`` and ``gridmap plan PROJECT ...``."""
    p = sub.add_parser("edit", help="split, merge, transfer area, create or delete grids, keeping the partition")
    p.add_argument("project")
    actions = p.add_subparsers(dest="action", metavar="EDIT", required=True, parser_class=_Parser)

    def edit(name: str, description: str):
        q = actions.add_parser(name, help=description, prog=f"gridmap edit {name}")
        q.add_argument("--dry-run", action="store_true", help="print the impact and change nothing")
        q.add_argument("--json", action="store_true", help="print the impact as one JSON object")
        q.set_defaults(func=cmd_edit)
        return q

    q = edit("split", "split a grid along a line")
    q.add_argument("--grid", required=True, metavar="CODE", help="grid to split")
    q.add_argument("--line", required=True, type=_wkt, metavar="WKT",
                   help="LINESTRING in lon/lat across the grid, edge to edge")
    q = edit("merge", "merge adjacent grids into the first")
    q.add_argument("--grids", required=True, type=_codes, metavar="A,B[,C]", help="grid codes, the kept one first")
    q = edit("transfer", "move an area from the grids it overlaps to a neighbouring grid")
    q.add_argument("--to", required=True, metavar="CODE", help="grid that takes the area")
    q.add_argument("--area", required=True, type=_wkt, metavar="WKT", help="POLYGON in lon/lat")
    q = edit("create", "a new grid where no grid is")
    q.add_argument("--area", required=True, type=_wkt, metavar="WKT", help="POLYGON in lon/lat")
    q.add_argument("--street", help="street the grid belongs to (default: the neighbour's sharing most boundary)")
    q = edit("delete", "remove a grid (its area and records become unassigned)")
    q.add_argument("--grid", required=True, metavar="CODE", help="grid to delete")

    p = sub.add_parser("plan", help="save, switch, compare and export grid plans; assignment tables")
    p.add_argument("project")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)

    def plan(name: str, description: str, text):
        q = actions.add_parser(name, help=description, prog=f"gridmap plan {name}")
        q.add_argument("--json", action="store_true", help="print one JSON object")
        q.set_defaults(func=cmd_plan, plan_text=text)
        return q

    plan("list", "the plans, * marking the one in use", _plan_list)
    q = plan("save", "save the current grids as a plan and use it", _plan_save)
    q.add_argument("name")
    q.add_argument("--replace", action="store_true", help="replace another plan of that name")
    q = plan("use", "switch to a plan (the current one is kept) and re-assign the records", _plan_use)
    q.add_argument("name")
    q = plan("compare", "grids and records that change from plan A to plan B", _plan_compare)
    q.add_argument("a")
    q.add_argument("b")
    q = plan("export", "write a plan's grids as Shapefile, GeoPackage or GeoJSON", _plan_export)
    q.add_argument("name")
    q.add_argument("--out", required=True, metavar="F", help="file to write: .shp, .gpkg or .geojson")
    q.add_argument("--encoding", choices=("UTF-8", "GBK"), type=str.upper, default="UTF-8",
                   help="Shapefile attribute encoding (default UTF-8; GBK for older Chinese software)")
    q = plan("export-assignment", "write every record's grid code as CSV (kind, id, grid_code)",
             _plan_export_assignment)
    q.add_argument("file", help="CSV file to write (UTF-8 with BOM)")
    q.add_argument("--reveal", action="store_true", help="write ids that are ID numbers unmasked (with --reason)")
    q.add_argument("--reason", metavar="TEXT", help="why they are revealed (required with --reveal; recorded in "
                                                    "the project's audit log)")
    q = plan("import-assignment", "assign records by hand from an assignment CSV, flagging bad rows",
             _plan_import_assignment)
    q.add_argument("file", help="CSV or XLSX with columns kind, id, grid_code")


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WEST,SOUTH,EAST,NORTH in degrees, not {text!r}") from None
    if not (west < east and south < north):
        raise argparse.ArgumentTypeError(f"{text}: west must be less than east and south less than north")
    return west, south, east, north


def cmd_print(args) -> int:
    from gridmap.core.printing.layout import TEMPLATE_LABELS, PrintSpec
    from gridmap.print.output import print_project

    if args.start is not None and args.end is not None and args.start > args.end:
        raise UsageError("print: --from is after --to")
    extent = "view" if args.bbox else "street" if args.street else "district" if args.district else "all"
    options = {"template": args.template, "paper": args.paper, "landscape": not args.portrait,
               "dpi": args.dpi, "extent": extent, "district": args.district, "street": args.street,
               "bbox": args.bbox, "title": args.title or "", "subtitle": args.subtitle or "",
               "author": args.author or "", "labels": args.labels or TEMPLATE_LABELS[args.template],
               "mask_private": not args.reveal, "heat": args.heat, "lang": args.lang, "basemap": args.basemap,
               "legend": not args.no_legend, "scale_bar": not args.no_scale_bar,
               "north_arrow": not args.no_north_arrow,
               "start": f"{args.start:%Y-%m-%d}" if args.start is not None else None,
               "end": f"{args.end:%Y-%m-%d}" if args.end is not None else None}
    for key in ("margin_mm", "date"):
        if getattr(args, key) is not None:
            options[key] = getattr(args, key)
    spec = PrintSpec(**options)
    try:
        run = print_project(_ref(args), spec, Path(args.out), args.batch, _reason(args), _stderr_progress,
                            font=args.font)
    finally:
        _done_progress()
    data, result = run.to_json(), run.result
    scales = ", ".join(sorted({f"1:{s:,.0f}" for s in result.scales}))
    _emit(args, data, "\n".join(str(f) for f in result.files)
          + f"\n{len(result.scales)} page(s) on {args.paper}, {scales}, {run.seconds} s")
    return 0


def _print_parser(sub) -> None:
    from gridmap.core.printing.layout import LABELS, TEMPLATES, Template

    p = sub.add_parser("print", help="print the grid map: vector PDF, PNG or JPEG, on A4 to A0")
    p.add_argument("project")
    p.add_argument("--out", required=True, metavar="FILE", help="file to write: .pdf (vector), .png or .jpg")
    p.add_argument("--template", choices=TEMPLATES, default=Template.OVERVIEW,
                   help="overview (grids by street), workers (grid worker notice map: names and phones), "
                        "incidents (per grid, or --heat), venues (key venues by type); default overview")
    p.add_argument("--paper", choices=("A4", "A3", "A2", "A1", "A0"), default="A3", help="paper (default A3)")
    side = p.add_mutually_exclusive_group()
    side.add_argument("--landscape", action="store_true", help="landscape (the default)")
    side.add_argument("--portrait", action="store_true", help="portrait")
    p.add_argument("--margin", dest="margin_mm", type=float, metavar="MM", help="page margins in mm (default 10)")
    p.add_argument("--dpi", type=int, default=300, help="resolution of PNG/JPEG (and of a PDF's coordinates); "
                                                        "default 300")
    p.add_argument("--district", metavar="NAME|CODE", help="print one district (name or 6-digit code)")
    p.add_argument("--street", metavar="NAME|CODE", help="print one street or town (name or 9-digit code; "
                                                         "with --district when the name is not unique)")
    p.add_argument("--bbox", type=_bbox, metavar="W,S,E,N", help="print this lon/lat box instead")
    p.add_argument("--batch", choices=("street", "district"),
                   help="one page per street or district of the extent: pages of one PDF, or one PNG/JPEG each")
    p.add_argument("--labels", choices=LABELS,
                   help="grid labels (default: code for overview, name for workers, none otherwise)")
    p.add_argument("--title", help="title (default: the area and the template, e.g. 椒江区网格总览图)")
    p.add_argument("--subtitle", help="subtitle (default: the period of an incident map)")
    p.add_argument("--author", metavar="UNIT", help="the unit that made the map, printed in the notes")
    p.add_argument("--date", help="the date printed (default today)")
    p.add_argument("--from", dest="start", type=_day, metavar="DATE", help="incidents from this day")
    p.add_argument("--to", dest="end", type=_day, metavar="DATE", help="incidents up to this day, included")
    p.add_argument("--heat", action="store_true", help="incidents as a heat map instead of counts per grid")
    p.add_argument("--reveal", action="store_true", help="print phone numbers in full (default: masked; with "
                                                         "--reason)")
    p.add_argument("--reason", metavar="TEXT", help="why they are revealed (required with --reveal; recorded in "
                                                    "the project's audit log)")
    p.add_argument("--basemap", metavar="PATH", help="local tiles under the map: an .mbtiles file or a "
                                                     "{z}/{x}/{y} folder")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the page (default zh)")
    p.add_argument("--no-legend", action="store_true", help="leave out the legend")
    p.add_argument("--no-scale-bar", action="store_true", help="leave out the scale bar")
    p.add_argument("--no-north-arrow", action="store_true", help="leave out the north arrow")
    p.add_argument("--font", metavar="FILE", help="print with this font file (.ttf, .otf, .ttc), such as an "
                                                  "organisation's standard Chinese font (default: an installed "
                                                  "Chinese font; without one, print refuses rather than draw boxes)")
    p.add_argument("--json", action="store_true", help='print {"out": [...], "pages", "scale", "seconds"}')
    p.set_defaults(func=cmd_print)


def build_parser() -> argparse.ArgumentParser:
    from gridmap.core.project.kinds import RecordKind
    from gridmap.core.style.choices import COLOUR_BY, MAP_LABELS

    parser = _Parser(prog="gridmap", description="GridMap: desktop GIS for grid-based community governance. "
                     "Without a command, opens the GUI (on the bundled Taizhou sample city, or on PROJECT.gpkg).")
    parser.add_argument("--version", action="version", version=f"GridMap {__version__}")
    parser.add_argument("--lang", choices=LANGS, help="language of GridMap's messages, anywhere on the command line "
                                                      "(default: the system's)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def source_options(p):
        p.add_argument("--layer", help="layer to read (GeoPackage, KML)")
        p.add_argument("--encoding", help="attribute encoding of a Shapefile, e.g. GBK, UTF-8 (default: .cpg, "
                                          "DBF language driver, else detected)")
        p.add_argument("--strict", action="store_true", help="text that does not decode in the encoding is an "
                                                             "error (default: a problem listing the records)")
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

    p = sub.add_parser("push", help="copy a project file into a PostGIS database schema (shared by many desks)")
    p.add_argument("project", help="project file, *.gpkg")
    p.add_argument("url", help="postgresql://USER@HOST:PORT/DBNAME?schema=NAME (password: PGPASSWORD or .pgpass)")
    p.add_argument("--force", action="store_true", help="replace the schema if it exists (atomically)")
    p.add_argument("--json", action="store_true", help="print one JSON object: from, to and the rows per layer")
    p.set_defaults(func=cmd_push)

    p = sub.add_parser("pull", help="copy a database project into a new project file")
    p.add_argument("url", help="postgresql://USER@HOST:PORT/DBNAME?schema=NAME")
    p.add_argument("out", help="project file to write, *.gpkg")
    p.add_argument("--force", action="store_true", help="overwrite an existing file (atomically)")
    p.add_argument("--json", action="store_true", help="print one JSON object: from, to and the rows per layer")
    p.set_defaults(func=cmd_pull)

    p = sub.add_parser("info", help="summarise a project: grids, districts, streets, area, layers")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("validate", help="check the grids: overlaps, gaps, invalid geometry, duplicate codes, "
                       "multipart grids, slivers, records outside every grid, grids without a worker")
    p.add_argument("project")
    p.add_argument("--tolerance", type=_area, default=1.0, metavar="M2",
                   help="overlaps and gaps up to this area (m²) are noise of shared edges, not findings (default 1)")
    p.add_argument("--json", action="store_true",
                   help='print {"errors": [...], "warnings": [...]}, each {kind, grids, location, area_m2, message}')
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("add", help="import incidents, key persons, key venues, grid workers, visits or GPS tracks "
                                   "into a project")
    p.add_argument("project")
    p.add_argument("--kind", required=True, choices=[kind.value for kind in RecordKind],
                   help="record kind")
    p.add_argument("file", help="CSV (UTF-8, UTF-8 with BOM or GBK), XLSX, a point layer (.shp, .gpkg, "
                                ".geojson), or GPX for tracks")
    p.add_argument("--lon-col", metavar="C", help="longitude column (default: guessed: 经度, lng, lon, x…)")
    p.add_argument("--lat-col", metavar="C", help="latitude column (default: guessed: 纬度, lat, y…)")
    p.add_argument("--coords", default="wgs84", metavar="CRS",
                   help="coordinates of the file: wgs84 (also CGCS2000), gcj02 (Amap, Tencent), bd09 (Baidu) or "
                        "a projected CRS such as EPSG:4549 (default wgs84)")
    p.add_argument("--encoding", help="text encoding of a CSV (default: detected, UTF-8 or GBK)")
    p.add_argument("--sheet", help="sheet of an XLSX file, or layer of a GeoPackage (default: the first)")
    p.add_argument("--id-col", metavar="C", help="record id column; records with an id already in the project "
                                                  "are updated, not duplicated (default: guessed)")
    p.add_argument("--time-col", metavar="C", help="incident or visit time column (default: guessed: 上报时间, 走访时间…)")
    p.add_argument("--category-col", metavar="C", help="category column (venues: their type; visits: their result)")
    p.add_argument("--status-col", metavar="C", help="incident status column")
    p.add_argument("--col", action="append", metavar="ROLE=COLUMN",
                   help="any other column role, e.g. --col address=详细地址 --col phone=手机 (repeatable)")
    p.add_argument("--private", action="append", metavar="COL",
                   help="mark this column private: masked in tables, Identify and exports (repeatable; default: "
                        "columns named or holding ID and phone numbers)")
    p.add_argument("--public", action="append", metavar="COL",
                   help="do not mark this column private though it looks like ID or phone numbers (repeatable)")
    p.add_argument("--fix-swapped", action="store_true",
                   help="swap longitude and latitude where they look exchanged (default: such rows are rejected)")
    p.add_argument("--far-m", type=_positive, metavar="M",
                   help="visits: flag a check-in farther than M metres from its target (default: the project's "
                        "setting, see gridmap rules; 500)")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object: rows, imported, new, updated, rejected, unassigned, rejected_rows, "
                        "private_columns")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("watch", help="import every CSV/XLSX dropped into a folder, moving each to done/ or "
                       "failed/ with a .log; runs until Ctrl+C")
    p.add_argument("project")
    p.add_argument("--folder", required=True, metavar="DIR", help="folder to watch")
    p.add_argument("--kind", choices=[kind.value for kind in RecordKind],
                   help="record kind of every file (default: from each file's name, else its columns)")
    p.add_argument("--coords", default="wgs84", metavar="CRS", help="coordinates of the files (as for add)")
    p.add_argument("--interval", type=float, default=2.0, metavar="S",
                   help="seconds between two looks at the folder; a file is taken once unchanged between two "
                        "(default 2)")
    p.add_argument("--once", action="store_true",
                   help="look twice, import what is ready and stop")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object per file (with --once: one object listing them, {folder, files})")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("export", help="write a layer to CSV, GeoPackage or Shapefile (ID and phone masked)")
    p.add_argument("project")
    p.add_argument("--layer", required=True, help="grids, incidents, persons, venues, workers or visits")
    p.add_argument("--out", required=True, metavar="F", help="file to write: .csv, .gpkg, .shp or .geojson")
    p.add_argument("--reveal", action="store_true", help="write ID and phone numbers unmasked (with --reason)")
    p.add_argument("--reason", metavar="TEXT", help="why they are revealed (required with --reveal; recorded in "
                                                    "the project's audit log)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("audit", help="list the project's audit log: every reveal of ID and phone numbers")
    p.add_argument("project")
    p.add_argument("--json", action="store_true",
                   help='print {"audit": [...]}, each {at, user, host, action, layer, records, output, reason}')
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("grant", help="give users the viewer, editor or privacy-officer role of a database project")
    p.add_argument("url", help="postgresql://USER@HOST:PORT/DBNAME?schema=NAME (run as the schema's owner)")
    p.add_argument("--viewer", action="append", default=[], metavar="USER",
                   help="may read; ID and phone numbers masked (repeatable)")
    p.add_argument("--editor", action="append", default=[], metavar="USER", help="may edit grids and records")
    p.add_argument("--privacy-officer", action="append", default=[], metavar="USER",
                   help="may read ID and phone numbers through reveal_<kind>(reason), each read audited")
    p.add_argument("--sql", action="store_true", help="print the SQL instead of running it")
    p.add_argument("--json", action="store_true", help="print {schema, roles, members, applied}")
    p.set_defaults(func=cmd_grant)

    p = sub.add_parser("stats", help="count records per grid, community, street or district")
    p.add_argument("project")
    p.add_argument("--by", choices=("grid", "community", "street", "district"), default="grid",
                   help="unit to count per (default grid)")
    p.add_argument("--kind", choices=[kind.value for kind in RecordKind], default=RecordKind.INCIDENTS,
                   help="record layer to count (default incidents)")
    p.add_argument("--from", dest="start", type=_day, metavar="DATE",
                   help="first day counted (incidents reported from then on): 2026-01-05, 2026/1/5, 2026年1月5日")
    p.add_argument("--to", dest="end", type=_day, metavar="DATE", help="last day counted, the whole day included")
    p.add_argument("--format", choices=("csv", "json", "xlsx"),
                   help="output format (default: from --out's suffix, else csv); CSV is UTF-8 with a BOM in files")
    p.add_argument("--out", metavar="F", help="file to write atomically (default: print CSV or JSON on stdout)")
    p.add_argument("--lang", choices=("zh", "en"),
                   help="language of the CSV and XLSX headers (default: the system's; JSON keys stay English)")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("patrol", help="patrol per grid on a day from the GPS tracks: minutes, covered share")
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("--date", required=True, type=_day, metavar="DATE", help="the day: 2026-01-05, 2026/1/5, 2026年1月5日")
    p.add_argument("--gap", type=float, default=5.0, metavar="MIN",
                   help="consecutive fixes further apart than this many minutes are not one patrol (default 5)")
    p.add_argument("--out", metavar="F", help="write the table to F (.csv, .json or .xlsx)")
    p.add_argument("--json", action="store_true",
                   help='print {"date", "grids", "minutes", "rows": [{grid_code, workers, fixes, minutes, '
                        'covered_share}]}')
    p.set_defaults(func=cmd_patrol)
    p = sub.add_parser("rules", help="show or change how often key persons and venues must be visited")
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("--set", action="append", metavar="RULE=DAYS",
                   help="visit every DAYS days: 高风险=7 (a risk level), category:吸毒=14, type:出租房=90, "
                        "default:persons=30 or default:venues=90 (the targets no rule matches); a bare value is "
                        "the field already holding it, a risk level, or the category or venue type the project "
                        "has (repeatable)")
    p.add_argument("--remove", action="append", metavar="RULE", help="remove a rule: 中风险 or type:出租房 (repeatable)")
    p.add_argument("--reset", action="store_true", help="back to the default rules first")
    p.add_argument("--far-m", type=_positive, metavar="M",
                   help="flag imported visits checked in farther than M metres from their target (default 500)")
    p.add_argument("--soon-days", type=int, metavar="N", help="targets due within N days count as due soon "
                                                              "(default 3)")
    p.add_argument("--json", action="store_true",
                   help='print {"rules": [{field, value, days}], "default": {persons, venues}, "far_m", "soon_days", '
                        '"changed"}')
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("visits", help="visit coverage of key persons and venues per grid, street, district or "
                                      "worker on a day, or the overdue list")
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("--date", type=_day, default=None, metavar="DATE",
                   help="the day (default today): the state at its start, visits before it counted")
    p.add_argument("--by", choices=("grid", "community", "street", "district", "worker"), default="grid",
                   help="unit of the coverage table (default grid)")
    p.add_argument("--overdue", action="store_true",
                   help="list the targets overdue or never visited instead: kind, id (masked), name, grid, worker, "
                        "last visit, due, days overdue")
    p.add_argument("--format", choices=("csv", "json", "xlsx"),
                   help="output format (default: from --out's suffix, else csv); CSV is UTF-8 with a BOM in files")
    p.add_argument("--out", metavar="F", help="file to write atomically (default: print CSV or JSON on stdout)")
    p.add_argument("--lang", choices=("zh", "en"),
                   help="language of the CSV and XLSX headers, kinds and statuses (default: the system's)")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object: date, totals (targets, on_time, due_soon, overdue, never, "
                        "coverage) and the rows")
    p.set_defaults(func=cmd_visits)

    p = sub.add_parser("brief", help="the morning brief (每日简报) as an A4 PDF: yesterday and the month to date")
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("--date", required=True, type=_day, metavar="DATE",
                   help="the brief's morning: it reports the day before and the month to date")
    p.add_argument("--out", required=True, metavar="F.pdf", help="PDF file to write (atomically)")
    p.add_argument("--district", metavar="NAME", help="one district (name or 6-digit code; default the whole project)")
    p.add_argument("--lang", choices=LANGS, help="language of the brief (default: the system's)")
    p.add_argument("--xlsx", metavar="F.xlsx", help="also write the brief's tables, one sheet each")
    p.add_argument("--font", metavar="FILE", help="a font file (.ttf, .otf, .ttc) that draws Chinese")
    p.add_argument("--json", action="store_true", help="print the brief's tables and the files as one JSON object")
    p.set_defaults(func=cmd_brief)

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
    p.add_argument("--debug", action="store_true", help="keep Qt's and Chromium's log messages on stderr")
    p.set_defaults(func=cmd_snapshot)

    p = sub.add_parser("export-html", help="write the map as one HTML file that opens offline in a browser")
    p.add_argument("project")
    p.add_argument("--out", required=True, help="HTML file to write")
    p.add_argument("--colour-by", choices=COLOUR_BY,
                   help="grid colours (default: as saved in the project, else district)")
    p.add_argument("--labels", choices=MAP_LABELS, help="grid labels (default: as saved, else code)")
    p.add_argument("--include-key", action="store_true",
                   help="keep a basemap that needs a key (Tianditu), writing the key into the file in clear")
    p.add_argument("--key", help="the basemap's key with --include-key (default: $GRIDMAP_BASEMAP_KEY, else the "
                                 "key saved in GridMap's settings)")
    p.add_argument("--lang", choices=("zh", "en"),
                   help="language of the page's title, legend and popups (default: the system's)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_export_html)
    _edit_and_plan_parsers(sub)
    _print_parser(sub)
    return parser


def _gui(argv: list[str]) -> int:
    parser = _Parser(prog="gridmap", description="Open the GridMap window.")
    parser.add_argument("project", nargs="?", help=PROJECT_HELP + "; default: the sample city")
    parser.add_argument("--lang", choices=("zh", "en"), help="user interface language (default: the system's)")
    parser.add_argument("--debug", action="store_true", help="keep Qt's and Chromium's log messages on stderr")
    args = parser.parse_args(argv)
    from gridmap.ui.display import display_problem

    set_translator(core_translator(args.lang or system_lang()))
    problem = display_problem()
    if problem:
        print(f"gridmap: {problem}", file=sys.stderr)
        return 2
    from gridmap.ui.app import run

    return run(_ref(args) if args.project else None, args.lang, debug=args.debug)


def _quoted(path: str) -> str:
    """``path`` as typed on a command line (quoted when it holds spaces)."""
    return f'"{path}"' if " " in path else path


def _take_lang(argv: list[str]) -> tuple[str | None, list[str]]:
    """The ``--lang`` given anywhere before ``--`` (the last one counts), and the arguments without it."""
    lang, rest, i = None, [], 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        if arg == "--lang" or arg.startswith("--lang="):
            if arg == "--lang" and i + 1 == len(argv):
                raise UsageError("argument --lang: expected one argument (see --help)")
            lang = arg.partition("=")[2] if "=" in arg else argv[i + 1]
            if lang not in LANGS:
                raise UsageError(f"argument --lang: invalid choice: {lang!r} (choose from 'zh', 'en')")
            i += 1 if "=" in arg else 2
            continue
        rest.append(arg)
        i += 1
    return lang, rest


def _with_lang(parser: argparse.ArgumentParser, argv: list[str], lang: str) -> list[str]:
    """``argv`` with ``--lang`` where it parses: after the command when the command has its own ``--lang``
    (the language of its output), else first."""
    command = next((i for i, a in enumerate(argv) if a in COMMANDS), None)
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    if command is not None and "--lang" in commands[argv[command]]._option_string_actions:
        return argv[:command + 1] + ["--lang", lang] + argv[command + 1:]
    return ["--lang", lang, *argv]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        lang, argv = _take_lang(argv)
        first = next((a for a in argv if not a.startswith("-")), None)
        if first not in COMMANDS and not {"-h", "--help", "--version"} & set(argv):
            return _gui(argv + ["--lang", lang] * bool(lang))
        set_translator(core_translator(lang or system_lang()))
        parser = build_parser()
        args = parser.parse_args(_with_lang(parser, argv, lang) if lang else argv)
        if args.command is None:
            return _gui(["--lang", lang] * bool(lang))
        return args.func(args)
    except BoundaryFileGiven as err:
        print("gridmap: " + tr("{file} is a boundary file; create a project with: gridmap new PROJECT.gpkg --grids "
                               "{file}", file=_quoted(str(err.path))), file=sys.stderr)
        return 2
    except GridMapError as err:
        print(f"gridmap: {err}", file=sys.stderr)
        return 2
    except (Cancelled, KeyboardInterrupt):
        # a second Ctrl+C while Python waits for worker threads to end exits at once, quietly
        signal.signal(signal.SIGINT, lambda *_: os._exit(130))
        print("gridmap: " + tr("cancelled; nothing was written"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        set_translator(None)
