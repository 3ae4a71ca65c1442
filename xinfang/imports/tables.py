"""Reading an export: .xlsx (streamed, merged cells filled) or .csv (UTF-8, UTF-8 with BOM, GBK/GB18030),
with its header row found among the first rows.

`read_table(path_or_file, sheet=None)` returns a `Table`: `headers`, `sheets` (every sheet's name),
`sheet` (the one read), `header_row` (its 1-based row number), `rows` (a fresh iterator of `Row`s on
each access: the dry run and the import read the file separately, so a 1,000,000-row file is never
held in memory) and `estimate` (the number of data rows when the file says it, else None).
Anything unreadable raises `TableError` with a Chinese message (the command and the page show it).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

#: header cells the detector recognises (any mapping target's known column names: mapping.py)
HEADER_SCAN_ROWS = 15
SNIFF_BYTES = 1 << 20
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
CELL = re.compile(r"([A-Z]+)(\d+)")


class TableError(ValueError):
    """The file cannot be read as a table; the message says why, in Chinese."""


@dataclass(frozen=True)
class Row:
    number: int  # the row's number in the file (1-based, as a spreadsheet shows it)
    values: dict[str, Any]  # header -> cell value (str, int, float, datetime or None)


@dataclass
class Table:
    headers: list[str]
    header_row: int
    sheets: list[str]
    sheet: str
    kind: str  # "xlsx" or "csv"
    encoding: str = ""
    estimate: int | None = None
    _open_rows: Callable[[], Iterator[list[Any]]] = field(default=None, repr=False)  # type: ignore

    @property
    def rows(self) -> Iterator[Row]:
        """The data rows after the header row, as dicts by header; wholly empty rows are left out."""
        width = len(self.headers)
        for number, cells in enumerate(self._open_rows(), start=1):
            if number <= self.header_row:
                continue
            cells = list(cells[:width]) + [None] * (width - len(cells))
            if all(_blank(c) for c in cells):
                continue
            yield Row(number, dict(zip(self.headers, cells, strict=True)))

    @property
    def other_sheets(self) -> list[str]:
        return [s for s in self.sheets if s != self.sheet]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _headers(cells: list[Any]) -> list[str]:
    """Header texts, blank ones named by their column, repeated ones numbered (诉求, 诉求_2)."""
    out: list[str] = []
    for i, cell in enumerate(cells, start=1):
        name = re.sub(r"\s+", "", str(cell)) if not _blank(cell) else f"第{i}列"
        base, n = name, 2
        while name in out:
            name, n = f"{base}_{n}", n + 1
        out.append(name)
    while out and out[-1].startswith("第") and out[-1].endswith("列"):
        out.pop()  # trailing empty columns
    return out


def _header_scan(open_rows: Any) -> tuple[list[list[Any]], int]:
    """The first `HEADER_SCAN_ROWS` rows of a file and the index of its header row among them."""
    first: list[list[Any]] = []
    for cells in open_rows():
        first.append(cells)
        if len(first) >= HEADER_SCAN_ROWS:
            break
    return first, find_header_row(first)


def find_header_row(first_rows: list[list[Any]]) -> int:
    """The 0-based index of the header row: the first row naming at least two known columns; else
    the first row whose cells are all short texts (a title line above it has one cell only)."""
    from .mapping import known_header

    for i, cells in enumerate(first_rows):
        if sum(1 for c in cells if not _blank(c) and known_header(str(c))) >= 2:
            return i
    for i, cells in enumerate(first_rows):
        filled = [c for c in cells if not _blank(c)]
        if len(filled) >= 2 and all(isinstance(c, str) and len(c.strip()) <= 30 for c in filled):
            return i
    for i, cells in enumerate(first_rows):
        if any(not _blank(c) for c in cells):
            return i
    raise TableError("文件中没有数据")


def read_table(source: str | Path | IO[bytes], *, sheet: str | None = None,
               name: str | None = None) -> Table:
    """Open an export (.xlsx or .csv, by name or content); `sheet` picks a workbook's sheet (default
    the first). `name` is the original file name when `source` is a file object."""
    filename = str(name or getattr(source, "name", None) or source)
    head = _peek(source)
    if head.startswith(b"PK"):
        return _read_xlsx(source, sheet)
    if filename.lower().endswith((".xls", ".xlsm", ".xlsb", ".et")) or head.startswith(
            b"\xd0\xcf\x11\xe0"):
        raise TableError("不支持旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入")
    if filename.lower().endswith(".xlsx"):  # not a zip: a broken or renamed file, not a CSV
        raise TableError("无法读取该 Excel 文件（文件损坏或不是 .xlsx）")
    if sheet:
        raise TableError("CSV 文件只有一个表，不能选择工作表")
    return _read_csv(source)


def _peek(source: str | Path | IO[bytes]) -> bytes:
    if isinstance(source, str | Path):
        try:
            with open(source, "rb") as fh:
                return fh.read(SNIFF_BYTES)
        except OSError as exc:
            raise TableError(f"无法打开文件：{exc.strerror or exc}") from exc
    pos = source.tell()
    head = source.read(SNIFF_BYTES)
    source.seek(pos)
    return head


def _open_binary(source: str | Path | IO[bytes]) -> IO[bytes]:
    if isinstance(source, str | Path):
        return open(source, "rb")  # noqa: SIM115  (closed by the caller)
    source.seek(0)
    return _Unclosed(source)


class _Unclosed(io.BufferedIOBase):
    """A caller's file object lent to a reader that closes what it reads (it stays open)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw

    def read(self, *args: Any) -> bytes:
        return self.raw.read(*args)

    def read1(self, *args: Any) -> bytes:  # what TextIOWrapper calls (a CSV given as a file object)
        read1 = getattr(self.raw, "read1", None)
        return read1(*args) if read1 is not None else self.raw.read(*args)

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, *args: Any) -> int:
        return self.raw.seek(*args)

    def tell(self) -> int:
        return self.raw.tell()

    def close(self) -> None:  # the owner closes it
        pass


# --- CSV --------------------------------------------------------------------------------------------

def detect_encoding(head: bytes) -> str:
    """utf-8-sig (BOM), utf-8, else gb18030 (a superset of GBK and GB2312, what Chinese Excel saves)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        codecs.getincrementaldecoder("gb18030")().decode(head, final=False)
        return "gb18030"
    except UnicodeDecodeError as exc:
        raise TableError("无法识别文件编码（支持 UTF-8 和 GBK/GB18030），请另存为 UTF-8 CSV") from exc


def _read_csv(source: str | Path | IO[bytes]) -> Table:
    head = _peek(source)
    if not head.strip():
        raise TableError("文件是空的")
    encoding = detect_encoding(head)
    sample = head.decode(encoding, errors="ignore")
    try:
        dialect = csv.Sniffer().sniff(sample[:20000], delimiters=",\t;|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","

    def open_rows() -> Iterator[list[Any]]:
        with _open_binary(source) as raw:
            text = io.TextIOWrapper(raw, encoding=encoding, newline="")
            reader = csv.reader(text, delimiter=delimiter)
            try:
                yield from reader
            except UnicodeDecodeError as exc:
                raise TableError(f"第{reader.line_num + 1}行附近的字符无法按{encoding}解码："
                                 "文件可能混用了编码，请统一另存为 UTF-8 CSV") from exc
            except csv.Error as exc:
                raise TableError(f"第{reader.line_num}行 CSV 格式有误：{exc}") from exc
            finally:
                text.detach()

    first, index = _header_scan(open_rows)
    return Table(headers=_headers(first[index]), header_row=index + 1, sheets=[], sheet="",
                 kind="csv", encoding=encoding, _open_rows=open_rows)


# --- XLSX -------------------------------------------------------------------------------------------

MERGE_BLOCK = re.compile(rb"<(?:\w+:)?mergeCells\b.*?</(?:\w+:)?mergeCells>", re.S)
MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*\bref=\"([A-Z]+\d+(?::[A-Z]+\d+)?)\"")
ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"(\d+)\"")
SHEET_DATA_END = re.compile(rb"</(?:\w+:)?sheetData\s*>|<(?:\w+:)?sheetData\s*/>")


def _sheet_tail(zf: zipfile.ZipFile, path: str) -> tuple[list[tuple[int, int, int, int]], int | None]:
    """(merged ranges, last row number) of a sheet's XML in one pass over its bytes, without parsing
    the cells: <mergeCells> follows </sheetData>, so only what comes after it is kept and searched
    (regexes on bytes, no XML parser, so no entity can expand). Merged ranges are
    (min_row, min_col, max_row, max_col)."""
    after: bytes | None = None
    carry, last_row = b"", None
    with zf.open(path) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            if after is not None:
                after += block
                continue
            window = carry + block
            end = SHEET_DATA_END.search(window)
            rows = window[:end.start()] if end else window
            last = None
            for last in ROW_NUMBER.finditer(rows):  # noqa: B007  (the last one is wanted)
                pass
            if last is not None:
                last_row = int(last.group(1))
            if end:
                after = window[end.end():]
            else:
                carry = window[-512:]
    out = []
    found = MERGE_BLOCK.search(after or b"")
    for m in MERGE_REF.finditer(found.group(0) if found else b""):
        a, _, b = m.group(1).decode().partition(":")
        (c1, r1), (c2, r2) = _cell(a), _cell(b or a)
        out.append((r1, c1, r2, c2))
    return out, last_row


def _cell(ref: str) -> tuple[int, int]:
    m = CELL.fullmatch(ref)
    if not m:
        return 0, 0
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return col, int(m.group(2))


class _Book:
    """One opening of a workbook: its sheets and styles, read by openpyxl's reader without
    `load_workbook`, whose read-only sheets each scan their whole XML for a <dimension> that
    exports often lack (4 s per opening of a 50,000-row sheet); a sheet's cells are then
    streamed by openpyxl's own sheet parser (same values and dates as `iter_rows`)."""

    def __init__(self, raw: IO[bytes]) -> None:
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet

        self.reader = ExcelReader(raw, read_only=True, data_only=True)
        self.reader.read_manifest()
        self.reader.read_strings()
        self.reader.read_workbook()
        apply_stylesheet(self.reader.archive, self.reader.wb)
        self.paths = {sheet.name: rel.target.lstrip("/") for sheet, rel in self.reader.parser.find_sheets()
                      if "chartsheet" not in rel.Type and rel.target.lstrip("/") in self.reader.valid_files}

    @property
    def names(self) -> list[str]:
        return list(self.paths)

    def rows(self, sheet: str) -> Iterator[tuple[int, list[dict[str, Any]]]]:
        """(row number, cells) of the sheet's rows present in the file; a cell is a dict with
        `column` and `value`."""
        wb = self.reader.wb
        with self.reader.archive.open(self.paths[sheet]) as src:
            parser = _parser_class()(src, self.reader.shared_strings, data_only=True, epoch=wb.epoch,
                                     date_formats=wb._date_formats,
                                     timedelta_formats=wb._timedelta_formats)
            yield from parser.parse()

    def close(self) -> None:
        self.reader.archive.close()


_PARSER: Any = None
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _inline_text(node: Any) -> str:
    """The text of an inline string (<is>), as openpyxl's `Text.from_tree(node).content` gives it:
    its plain <t>, then the <t> of each rich-text run (phonetic runs left out)."""
    plain, runs = None, []
    for el in node:
        if el.tag == _MAIN + "t":
            plain = el.text
        elif el.tag == _MAIN + "r":
            t = None
            for sub in el:
                if sub.tag == _MAIN + "t":
                    t = sub.text
            if t is not None:
                runs.append(t)
    return "".join([plain, *runs] if plain is not None else runs)


def _parser_class() -> Any:
    """openpyxl's sheet parser, with inline-string cells (what streaming exporters such as POI's
    SXSSF or openpyxl's write-only mode write) read without building openpyxl's rich-text objects
    (half the reading time of such a sheet); every other cell as openpyxl parses it."""
    global _PARSER  # noqa: PLW0603  (made once, on first use: openpyxl is imported lazily)
    if _PARSER is None:
        from openpyxl.utils import coordinate_to_tuple
        from openpyxl.worksheet._reader import WorkSheetParser

        inline = _MAIN + "is"

        class Parser(WorkSheetParser):
            def parse_cell(self, element: Any) -> dict[str, Any]:
                if element.get("t") != "inlineStr" or not self.data_only or self.rich_text:
                    return super().parse_cell(element)
                coordinate = element.get("r")
                style_id = element.get("s", 0)
                if style_id:
                    style_id = int(style_id)
                if coordinate:
                    row, column = coordinate_to_tuple(coordinate)
                    self.col_counter = column
                else:
                    self.col_counter += 1
                    row, column = self.row_counter, self.col_counter
                child = element.find(inline)
                if child is None:
                    return {"row": row, "column": column, "value": None, "data_type": "inlineStr",
                            "style_id": style_id}
                return {"row": row, "column": column, "value": _inline_text(child), "data_type": "s",
                        "style_id": style_id}

        _PARSER = Parser
    return _PARSER


def _read_xlsx(source: str | Path | IO[bytes], sheet: str | None) -> Table:
    try:
        with _open_binary(source) as raw:
            book = _Book(raw)
            try:
                names = book.names
                chosen = sheet or (names[0] if names else "")
                merged, last_row = (_sheet_tail(book.reader.archive, book.paths[chosen])
                                    if chosen in book.paths else ([], None))
            finally:
                book.close()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise TableError("无法读取该 Excel 文件（文件损坏或不是 .xlsx）") from exc
    if not names:
        raise TableError("工作簿中没有工作表")
    if chosen not in names:
        raise TableError(f"工作簿中没有名为“{chosen}”的工作表；现有工作表：{'、'.join(names)}")

    def open_rows() -> Iterator[list[Any]]:
        fill: dict[tuple[int, int], tuple[int, int]] = {}
        for r1, c1, r2, c2 in merged:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        fill[(r, c)] = (r1, c1)
        anchors = set(fill.values())
        row_last: dict[int, int] = {}
        for r, c in fill:
            row_last[r] = max(c, row_last.get(r, 0))
        kept: dict[tuple[int, int], Any] = {}
        with _open_binary(source) as raw:
            book = _Book(raw)
            try:
                expected = 1
                for number, row in book.rows(chosen):
                    while expected < number:  # rows the file leaves out (empty) keep their numbers
                        yield []
                        expected += 1
                    values: list[Any] = []
                    for c in row:
                        column = c["column"]
                        while len(values) < column - 1:
                            values.append(fill_value(kept, fill, number, len(values) + 1))
                        value = c["value"]
                        if fill:
                            if (number, column) in anchors:
                                kept[(number, column)] = value
                            if value is None and (number, column) in fill:
                                value = kept.get(fill[(number, column)])
                        values.append(value)
                    while len(values) < row_last.get(number, 0):  # a merged range reaching past the row's last cell
                        values.append(fill_value(kept, fill, number, len(values) + 1))
                    yield values
                    expected = number + 1
            finally:
                book.close()

    first, index = _header_scan(open_rows)
    estimate = max(0, last_row - index - 1) if last_row else None
    return Table(headers=_headers(first[index]), header_row=index + 1, sheets=names, sheet=chosen,
                 kind="xlsx", estimate=estimate, _open_rows=open_rows)


def fill_value(kept: dict, fill: dict, row: int, col: int) -> Any:
    """The value of a cell openpyxl did not yield: the merged range's first cell, else None."""
    return kept.get(fill[(row, col)]) if (row, col) in fill else None


def excel_datetime(value: Any) -> dt.datetime | None:
    """A date cell as a datetime (openpyxl gives datetime/date; a number is an Excel serial day)."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return None
