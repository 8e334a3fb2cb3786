"""The exceptions esgtrace raises.

Every class subclasses :class:`EsgtraceError` and a built-in, keeps its fields and
builds its one-line message in ``__str__`` (the pint habit), so the CLI can print
``str(error)`` and exit 2 without a traceback.
"""

from __future__ import annotations

from pathlib import Path


class EsgtraceError(Exception):
    """Base class of every error esgtrace raises on purpose."""


class InputError(EsgtraceError, ValueError):
    """A source file esgtrace cannot read; ``reason`` says why in a few words."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(path, reason)
        self.path = str(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class InputNotFound(InputError, FileNotFoundError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, "no such file")


class UnsupportedFormat(InputError):
    def __init__(self, path: str | Path, detail: str = "") -> None:
        what = f" ({detail})" if detail else ""
        super().__init__(path, f"not a supported type{what}; esgtrace reads PDF, text and HTML")


class EmptyInput(InputError):
    def __init__(self, path: str | Path, detail: str = "the file is empty") -> None:
        super().__init__(path, detail)


class InputTooLarge(InputError):
    def __init__(self, path: str | Path, size: int, limit: int) -> None:
        super().__init__(
            path,
            f"the file is {size / 1e6:,.1f} MB, over the {limit / 1e6:,.0f} MB limit "
            "(raise it with --max-size)",
        )
        self.size = size
        self.limit = limit


class EncryptedPdf(InputError):
    def __init__(self, path: str | Path, *, password_given: bool) -> None:
        reason = (
            "the PDF is encrypted and the password given does not open it"
            if password_given
            else "the PDF is encrypted; give its password with --password"
        )
        super().__init__(path, reason)
        self.password_given = password_given


class CorruptPdf(InputError):
    def __init__(self, path: str | Path, detail: str = "") -> None:
        detail = detail.strip().rstrip(".").strip()
        while detail.startswith("(") and detail.endswith(")"):  # PDFium's own brackets: one pair is enough
            detail = detail[1:-1].strip().rstrip(".")
        what = f" ({detail})" if detail else ""
        super().__init__(path, f"not a readable PDF, the file is damaged{what}")


class NeedsOcr(InputError):
    def __init__(self, path: str | Path, pages: int) -> None:
        super().__init__(
            path,
            f"none of its {pages} page(s) has a text layer (a scanned PDF?); it needs OCR first",
        )
        self.pages = pages


class OutputError(EsgtraceError, OSError):
    """A file or folder esgtrace cannot write; ``reason`` says why in a few words."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(path, reason)
        self.path = str(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: cannot write here ({self.reason})"


class SettingError(EsgtraceError, ValueError):
    """A setting of a stage's options has a value it cannot take."""

    def __init__(self, setting: str, value: object, expected: str) -> None:
        super().__init__(setting, value, expected)
        self.setting = setting
        self.value = value
        self.expected = expected

    def __str__(self) -> str:
        return f"setting {self.setting}={self.value!r}: expected {self.expected}"


class PageOutOfRange(EsgtraceError, IndexError):
    def __init__(self, page: int, page_count: int) -> None:
        super().__init__(page, page_count)
        self.page = page
        self.page_count = page_count

    def __str__(self) -> str:
        return f"page {self.page} is out of range: the document has {self.page_count} page(s)"


class UnknownChoice(EsgtraceError, LookupError):
    """An id that is not one of the known ones (metric, rule, period); ``nearest`` are the closest."""

    def __init__(self, what: str, value: str, nearest: tuple[str, ...] = (), see: str = "") -> None:
        super().__init__(what, value, nearest, see)
        self.what = what
        self.value = value
        self.nearest = nearest
        self.see = see

    def __str__(self) -> str:
        hint = f": did you mean {' or '.join(self.nearest)}?" if self.nearest else ""
        see = f" ({self.see})" if self.see else ""
        return f"unknown {self.what} {self.value!r}{hint}{see}"


def nearest(value: str, known: list[str] | tuple[str, ...] | set[str], n: int = 3) -> tuple[str, ...]:
    """The ``n`` known ids closest to ``value`` (for "did you mean" hints)."""
    import difflib

    return tuple(difflib.get_close_matches(value, sorted(known), n=n, cutoff=0.5))
