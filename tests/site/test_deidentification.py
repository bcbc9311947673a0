"""The medical-images notebook de-identifies as the DICOM Basic Profile asks (issue 20).

The notebook carries PS3.15 Table E.1-1 (Basic Profile column) as data, applies it to a copy of
pydicom's CT sample and saves it as ct_deidentified.dcm. These tests run the notebook's
privacy cells through the snippet check, with its first cell's TensorFlow import left out so
that they take seconds, and then:

- read the saved copy and check, in their own code, that no attribute whose action is
  "remove" is there and no attribute the profile replaces keeps its original value;
- check the table's rows for the attributes the fact base names against the fact base;
- run the old cell (13 hand-picked fields and a YES flag) and see the notebook's targets fail.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pydicom
from conftest import REPO, SHARED, command
from dlmd.snippetcheck.inventory import sha256_text
from pydicom import examples

NOTEBOOK = REPO / "docs" / "tutorials" / "medical-images.ipynb"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OLD_CELL = FIXTURES / "notebooks" / "deidentify-13-fields.py"
# The cells the privacy section needs: the CT file, its stored pixels, the table, the work, the
# check. The first cell imports TensorFlow; here it imports only what these cells use.
CELLS = ["header", "to-hu", "profile", "deidentify", "deidentify-check"]
LIGHT_IMPORTS = "import numpy as np\nimport pydicom\n"
TARGETS = {
    "profile_values_left": {"max": 0},
    "original_dates_left": {"max": 0},
    "original_uids_left": {"max": 0},
    "private_left": {"max": 0},
    "method_recorded": {"min": 1, "max": 1},
}
# Rows of Table E.1-1 (Basic Profile) as the fact base gives them
# (../shared/content/pitfalls-facts.md, no. 22, and medical-facts.md, D1).
FACT_BASE_ROWS = {
    "PatientName": "Z",
    "PatientID": "Z/D",
    "PatientBirthDate": "Z",
    "PatientSex": "Z",
    "PatientAge": "X",
    "PatientWeight": "X",
    "StudyDate": "Z",
    "SeriesDate": "X/D",
    "AcquisitionDate": "X/Z",
    "ContentDate": "Z/D",
    "StudyTime": "Z",  # "the matching Time attributes follow the same pattern"
    "SeriesTime": "X/D",
    "AcquisitionTime": "X/Z",
    "ContentTime": "Z/D",
    "TimezoneOffsetFromUTC": "X",
    "AccessionNumber": "Z",
    "ReferringPhysicianName": "Z",
    "InstitutionName": "X/Z/D",
    "StationName": "X/Z/D",
    "DeviceSerialNumber": "X/Z/D",
    "StudyDescription": "X",
    "SeriesDescription": "X",
    "ProtocolName": "X/D",
    "ImageComments": "X",
    "StudyInstanceUID": "U",
    "SeriesInstanceUID": "U",
    "SOPInstanceUID": "U",
    "FrameOfReferenceUID": "U",
    "InstanceCreatorUID": "U",
}


def cell_source(cell: dict) -> str:
    return "".join(cell["source"])


def code_cell(cell_id: str, source: str, record: bool = False) -> dict:
    meta = {"dlmd": {"source_sha256": sha256_text(source)}} if record else {}
    return {
        "cell_type": "code",
        "id": cell_id,
        "execution_count": None,
        "metadata": meta,
        "outputs": [],
        "source": source,
    }


def privacy_notebook(tmp_path: Path, replace: dict[str, str] | None = None) -> Path:
    """The privacy cells of the notebook, run in the checker's folder; the last cell copies
    the saved file to tmp_path/copy.dcm."""
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    by_id = {cell.get("id"): cell for cell in nb["cells"]}
    cells = [by_id["title"], code_cell("imports", LIGHT_IMPORTS, record=True)]
    for name in CELLS:
        replaced = (replace or {}).get(name)
        cells.append(code_cell(name, replaced) if replaced else by_id[name])
    copy = tmp_path / "copy.dcm"
    cells.append(code_cell("copy", f"import shutil\n\nshutil.copy(path, {str(copy)!r});"))
    nb["cells"] = cells
    nb["metadata"]["dlmd"]["targets"] = TARGETS
    path = tmp_path / "privacy.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def run_checker(notebook: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess, dict]:
    report = tmp_path / "report.json"
    line = [*command("check-snippets"), "--offline-data", str(SHARED / "datasets")]
    line += ["--no-cache", "--json", str(report), str(notebook)]
    result = subprocess.run(line, cwd=REPO, capture_output=True, text=True, timeout=600)
    return result, json.loads(report.read_text())["pages"][0]


def basic_profile() -> tuple[dict[str, str], list[tuple[re.Pattern, str]]]:
    """The notebook's table: tag (8 hex digits) -> action, and the repeating groups."""
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    source = cell_source(next(c for c in nb["cells"] if c.get("id") == "profile"))
    table = source.split('BASIC_PROFILE_TABLE = """')[1].split('"""')[0]
    rows: dict[str, str] = {}
    for line in table.strip().splitlines():
        action, *tags = line.split()
        rows.update(dict.fromkeys(tags, action))
    repeating = [
        (re.compile(tag.replace("x", "[0-9A-F]")), action)
        for tag, action in rows.items()
        if "x" in tag
    ]
    return rows, repeating


def action(tag: pydicom.tag.BaseTag, rows: dict, repeating: list) -> str | None:
    if tag.is_private:
        return "X"
    key = f"{tag:08X}"
    return rows.get(key) or next((a for p, a in repeating if p.fullmatch(key)), None)


def filled(element: pydicom.DataElement) -> bool:
    return element.VR != "SQ" and element.value is not None and element.value != ""


def test_the_table_is_the_whole_basic_profile_and_agrees_with_the_fact_base() -> None:
    rows, repeating = basic_profile()
    assert len(rows) == 620, "Table E.1-1 (2024b) lists 620 attributes besides private ones"
    assert set(rows.values()) == {"X", "Z", "D", "U", "X/Z", "X/D", "Z/D", "X/Z/D", "X/Z/U*"}
    assert [p.pattern for p, _ in repeating] == [
        "50[0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F]",
        "60[0-9A-F][0-9A-F]3000",
        "60[0-9A-F][0-9A-F]4000",
    ]
    dictionary = pydicom.datadict.tag_for_keyword
    wrong = {
        keyword: (rows.get(f"{dictionary(keyword):08X}"), expected)
        for keyword, expected in FACT_BASE_ROWS.items()
        if rows.get(f"{dictionary(keyword):08X}") != expected
    }
    assert not wrong, f"the notebook's table differs from the fact base (table, fact base): {wrong}"


def test_the_saved_copy_keeps_nothing_the_profile_removes_or_replaces(tmp_path: Path) -> None:
    result, page = run_checker(privacy_notebook(tmp_path), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert page["metrics"] == {name: 0.0 for name in TARGETS} | {"method_recorded": 1.0}

    original, copy = examples.ct, pydicom.dcmread(tmp_path / "copy.dcm")
    rows, repeating = basic_profile()
    in_copy = {e.tag: e for e in [*copy.file_meta, *copy.iterall()]}
    listed = [
        (e, code)
        for e in [*original.file_meta, *original.iterall()]
        if (code := action(e.tag, rows, repeating)) is not None
    ]
    assert len(listed) > 200, "the CT sample carries many private and 35 listed attributes"
    problems = []
    for element, code in listed:
        kept = in_copy.get(element.tag)
        name = element.keyword or f"private {element.tag}"
        if code == "X" and kept is not None:
            problems.append(f"{name}: the profile removes it (X), the copy holds it")
        elif kept is not None and filled(element) and str(kept.value) == str(element.value):
            problems.append(
                f"{name}: the profile replaces it ({code}), the copy keeps {kept.value}"
            )
    assert not problems, "\n".join(problems)

    values = [str(e.value) for e in in_copy.values() if filled(e)]
    dates = {str(e.value) for e in original.iterall() if e.VR == "DA" and filled(e)}
    assert dates == {"20040119", "19970430"}
    assert not [v for v in values if any(date in v for date in dates)], "an original date is left"
    uids = {str(e.value) for e in original.iterall() if e.VR == "UI" and filled(e)}
    uids -= {uid for uid in uids if uid.startswith("1.2.840.10008.")}  # DICOM's own UIDs
    assert not uids & set(values), "an original UID is left"
    assert not any(tag.is_private for tag in in_copy)

    assert copy.PatientIdentityRemoved == "YES"
    (method,) = copy.DeidentificationMethodCodeSequence
    assert (method.CodeValue, method.CodingSchemeDesignator) == ("113100", "DCM")
    assert method.CodeMeaning == "Basic Application Confidentiality Profile"
    assert "Basic Profile" in copy.DeidentificationMethod
    assert copy.LongitudinalTemporalInformationModified == "REMOVED"
    assert (copy.pixel_array == original.pixel_array).all()


def test_the_old_cell_fails_the_notebooks_targets(tmp_path: Path) -> None:
    """13 hand-picked fields and a YES flag: dates, UIDs and profile attributes are left."""
    old = OLD_CELL.read_text(encoding="utf-8")
    result, page = run_checker(privacy_notebook(tmp_path, {"deidentify": old}), tmp_path)
    assert result.returncode != 0
    missed = {e.split("target ")[1].split(":")[0] for e in page["errors"] if "target " in e}
    assert missed == set(TARGETS) - {"private_left"}, page["errors"]
    metrics = page["metrics"]
    assert metrics["original_dates_left"] >= 4  # Series, Acquisition, Content, Instance Creation
    assert metrics["original_uids_left"] >= 2  # Frame of Reference UID, Instance Creator UID
