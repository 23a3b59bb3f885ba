"""Item 3: personal data is masked by what it is, not by a fixed column list: extra columns named or holding ID
and phone numbers are marked private at import and masked in exports, tables, Identify, messages and prints."""

import json
import shutil
import subprocess

import pytest

from builders import run_cli

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(first17: str) -> str:
    """A valid 18-character ID number (GB 11643 check digit)."""
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


ROWS = [(f"V{i}", f"场所{i}", 121.301 + 0.002 * i, 28.605, f"1381234{i:04d}", f"0576-8888{i:04d}",
         id_number(f"33100219900101{i:03d}"), id_number(f"33100319850505{i:03d}"), f"1390000{i:04d}",
         f"1370000{i:04d}") for i in range(1, 6)]
HEADER = "编号,场所名称,经度,纬度,监护人电话,举报人电话,身份证号,紧急联系人身份证号,手机号码,备注"
EXTRA = ["监护人电话", "举报人电话", "身份证号", "紧急联系人身份证号", "备注"]
SECRETS = [v for row in ROWS for v in row[4:]]


@pytest.fixture
def venues_csv(tmp_path):
    path = tmp_path / "场所.csv"
    path.write_text("\n".join([HEADER, *(",".join(map(str, r)) for r in ROWS)]) + "\n", encoding="utf-8-sig")
    return path


def leaked(path_or_paths) -> list[str]:
    """The raw numbers found in the bytes of the files (UTF-8, as the exports write them)."""
    paths = path_or_paths if isinstance(path_or_paths, list) else [path_or_paths]
    data = b"".join(p.read_bytes() for p in paths)
    return [s for s in SECRETS if s.encode() in data or s.replace("-", "").encode() in data]


def test_extra_personal_columns_are_marked_private_and_every_export_masks_them(small_project, venues_csv,
                                                                               tmp_path, capsys):
    code, out, _ = run_cli(capsys, "add", small_project, "--kind", "venues", venues_csv, "--json")
    assert code == 0
    assert set(EXTRA) | {"phone"} <= set(json.loads(out)["private_columns"])
    for suffix in (".csv", ".gpkg", ".geojson", ".shp"):
        target = tmp_path / f"out{suffix}"
        code, _, err = run_cli(capsys, "export", small_project, "--layer", "venues", "--out", target)
        assert code == 0, err
        files = sorted(tmp_path.glob("out.*")) if suffix == ".shp" else [target]
        assert leaked(files) == [], suffix
    assert "331002********" in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")


def test_public_unmarks_a_column_and_private_marks_one(small_project, venues_csv, tmp_path, capsys):
    code, out, _ = run_cli(capsys, "add", small_project, "--kind", "venues", venues_csv, "--json",
                           "--public", "备注", "--private", "场所名称")
    assert code == 0
    private = json.loads(out)["private_columns"]
    assert "备注" not in private and "name" in private
    run_cli(capsys, "export", small_project, "--layer", "venues", "--out", tmp_path / "v.csv")
    text = (tmp_path / "v.csv").read_text(encoding="utf-8-sig")
    assert "13700000001" in text and "场所1" in text  # 场所1 has no digits to hide: shown as it is
    code, _, err = run_cli(capsys, "add", small_project, "--kind", "venues", venues_csv, "--public", "手机号码")
    assert code == 2 and "always stays private" in err and err.count("\n") == 1


def test_a_rejected_duplicate_id_number_is_quoted_masked(small_project, tmp_path, capsys):
    number = id_number("33100219900101123")
    source = tmp_path / "人员.csv"
    source.write_text(f"姓名,身份证号,经度,纬度\n张三,{number},121.305,28.605\n张三,{number},121.306,28.606\n",
                      encoding="utf-8")
    code, out, _ = run_cli(capsys, "add", small_project, "--kind", "persons", source)
    assert code == 0 and "duplicate id" in out
    assert number not in out and number[:6] + "********" + number[-4:] in out


def test_table_and_identify_mask_detected_columns(qtbot, small_project, venues_csv, capsys):
    from gridmap.ui.main_window import MainWindow

    assert run_cli(capsys, "add", small_project, "--kind", "venues", venues_csv)[0] == 0
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(small_project)
    model = window.tables.tables["venues"].model
    shown = [model.data(model.index(r, c)) for r in range(model.rowCount()) for c in range(model.columnCount())]
    assert not [s for s in SECRETS if s in shown]
    assert "138****0001" in shown
    window.show_record("venues", 0)
    values = window.identify.field_values()
    assert values["监护人电话"] == "138****0001" and values["身份证号"].startswith("331002********")
    assert not [s for s in SECRETS if s in values.values()]
    window.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_printed_notice_map_masks_workers_phones(small_project, tmp_path, capsys):
    source = tmp_path / "网格员.csv"
    source.write_text("工号,姓名,手机号码,网格编码,紧急联系电话\nW1,王芳,13812340001,331002001001,13912340001\n"
                      "W2,李强,13812340002,331003001002,13912340002\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "add", small_project, "--kind", "workers", source, "--json")
    assert code == 0 and "紧急联系电话" in json.loads(out)["private_columns"]
    pdf = tmp_path / "notice.pdf"
    assert run_cli(capsys, "print", small_project, "--template", "workers", "--paper", "A4", "--out", pdf)[0] == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "王芳" in text and "138****0001" in text and "13812340001" not in text
    run_cli(capsys, "export", small_project, "--layer", "workers", "--out", tmp_path / "w.csv")
    assert "13912340001" not in (tmp_path / "w.csv").read_text(encoding="utf-8-sig")
