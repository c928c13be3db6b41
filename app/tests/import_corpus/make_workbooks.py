#!/usr/bin/env python3
"""Writes the .xlsx files of the import corpus (Python's standard library
only, so anyone can make them again): an .xlsx workbook is a zip of XML
parts. Run from this folder: python3 make_workbooks.py"""

import zipfile
from xml.sax.saxutils import escape

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""


def column_name(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def workbook(path, rows, sheet_name="Leads", padding=0):
    """rows: {row number (1-based): [cell, ...]}; a cell is None (empty),
    a str (shared string), ("inline", str), a number, or (column, value)
    pairs in a dict for far-away cells."""
    strings = []
    sheet_rows = []
    for number in sorted(rows):
        cells = rows[number]
        if isinstance(cells, dict):
            cells = cells.items()
        else:
            cells = enumerate(cells)
        xml_cells = []
        for column, value in cells:
            reference = f"{column_name(column)}{number}"
            if value is None:
                continue
            if isinstance(value, tuple):
                xml_cells.append(f'<c r="{reference}" t="inlineStr"><is><t>{escape(value[1])}</t></is></c>')
            elif isinstance(value, str):
                strings.append(value)
                xml_cells.append(f'<c r="{reference}" t="s"><v>{len(strings) - 1}</v></c>')
            else:
                xml_cells.append(f'<c r="{reference}"><v>{value}</v></c>')
        sheet_rows.append(f'<row r="{number}">{"".join(xml_cells)}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData>{"".join(sheet_rows)}</sheetData>'
        + " " * padding
        + "</worksheet>"
    )
    shared = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
        + "</sst>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", PACKAGE_RELS),
            ("xl/workbook.xml", WORKBOOK.format(name=escape(sheet_name))),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/sharedStrings.xml", shared),
            ("xl/worksheets/sheet1.xml", sheet),
        ]:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


# Persian headers on the second row (the first is blank), a phone in
# Persian digits, a value typed as a number, a formula-looking name, and a
# row with no name (refused, line 5).
workbook(
    "persian_leads.xlsx",
    {
        2: ["نام", "شرکت", "تلفن", "ایمیل", "مرحله", "ارزش"],
        3: ["رضا کریمی", "کاشی پارس", ("inline", "۰۹۱۲۱۱۱۲۲۲۲"), "reza@example.com", "واجد شرایط", 1500000],
        4: ["=HYPERLINK(\"http://x\")", "Tile Co", "09123334444", None, None, 250000.0],
        5: [None, "Nobody Ltd", "09125556666", None, None, None],
    },
    sheet_name="سرنخ‌ها",
)
# A small upload whose sheet unzips to 80 MB of blanks.
workbook("unzips_to_80_megabytes.xlsx", {1: ["name"], 2: ["Reza"]}, padding=80 * 1024 * 1024)
# One cell in the sheet's last column (XFD).
workbook("cell_in_column_xfd.xlsx", {1: ["name"], 2: {0: "Reza", 16383: "far away"}})
