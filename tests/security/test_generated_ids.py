"""Item 4: an id generated for a record without an id column is not a function of its private values, and
importing the same file again still updates the records instead of duplicating them."""

import pandas as pd

from gridmap.core.records.importing import RecordImportOptions, import_records
from gridmap.ops import open_project
from gridmap.core.io.tables import read_table

HEADER = "场所名称,场所类型,经度,纬度,联系电话"


def write(path, phones):
    rows = [f"网吧{i % 2},网吧,121.305,28.605,{p}" for i, p in enumerate(phones)]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_generated_ids_do_not_depend_on_phones(small_project, tmp_path):
    source = write(tmp_path / "场所.csv", ["13812340001", "13812345678", "13812340001", "13812349999"])
    project = open_project(small_project)
    import_records(project, RecordImportOptions(source, "venues"))
    ids = project.layers["venues"]["id"].tolist()
    assert len(set(ids)) == 4
    # rows 0 and 2, and rows 1 and 3, differ only in (or share) the phone: their ids share the fingerprint
    assert ids[2].split("-")[0] == ids[0] and ids[3].split("-")[0] == ids[1]
    # the fingerprint of the whole raw row (phone included), which a masked export let people brute-force
    raw = read_table(source).frame
    whole = pd.util.hash_pandas_object(raw, index=False).to_numpy()
    assert not {f"R{d:016x}" for d in whole} & {i.split("-")[0] for i in ids}


def test_reimport_updates_instead_of_duplicating(small_project, tmp_path):
    source = write(tmp_path / "场所.csv", ["13812340001", "13812345678"])
    project = open_project(small_project)
    import_records(project, RecordImportOptions(source, "venues"))
    again = import_records(project, RecordImportOptions(source, "venues"))
    assert (again.new, again.updated) == (0, 2) and len(project.layers["venues"]) == 2
    write(source, ["13900000000", "13812345678"])  # a phone changed: the same record, updated
    changed = import_records(project, RecordImportOptions(source, "venues"))
    assert (changed.new, changed.updated) == (0, 2)
    assert sorted(project.layers["venues"]["phone"]) == ["13812345678", "13900000000"]
