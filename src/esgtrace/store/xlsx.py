"""Excel workbooks for people: a bold frozen header, an autofilter, fitted column widths,
and numbers formatted at the precision the report printed them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, BinaryIO

from esgtrace.display import show_number

_MAX_WIDTH = 60


def number_format(value: float, printed: str | None = None) -> str:
    """An Excel format showing ``value`` as :func:`esgtrace.display.show_number` does."""
    shown = show_number(value, printed)
    decimals = len(shown.split(".", 1)[1]) if "." in shown else 0
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def write_xlsx(path: Path | BinaryIO, sheets: dict[str, tuple[list[str], list[list[Any]]]],
               printed: dict[str, list[dict[int, str]]] | None = None) -> None:
    """An Excel workbook with one sheet per entry.

    :param sheets: sheet name -> (header, rows)
    :param printed: sheet name -> per row, column index -> the figure as printed, so that
        cell's number format keeps the printed decimals
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=False)
    book.remove(book.active)
    for name, (header, rows) in sheets.items():
        sheet = book.create_sheet(name[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        widths = [len(str(h)) for h in header]
        hints = (printed or {}).get(name, [])
        for n, row in enumerate(rows):
            sheet.append([_flat(v) for v in row])
            for column, cell in enumerate(sheet[sheet.max_row]):
                value = cell.value
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # a quote such as "= 1,234" is text, not a formula
                if isinstance(value, float):
                    cell.number_format = number_format(value, hints[n].get(column) if n < len(hints) else None)
                    text = show_number(value, hints[n].get(column) if n < len(hints) else None)
                else:
                    text = "" if value is None else str(value)
                if column < len(widths):
                    widths[column] = max(widths[column], min(len(text), _MAX_WIDTH))
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width + 2
        if header:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(sheet.max_row, 1)}"
    book.save(path)
