"""Shared base of the stages' option models (the pdfplumber ``resolve`` habit)."""

from __future__ import annotations

from typing import Any, Self

from pydantic import BaseModel, ConfigDict, ValidationError

from esgtrace.errors import SettingError


class Options(BaseModel):
    """A stage's settings: named defaults, validated, immutable."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def resolve(cls, value: Self | dict[str, Any] | None = None, **overrides: Any) -> Self:
        """Accept ``None`` (defaults), a dict or an instance; errors name the setting."""
        if isinstance(value, cls):
            data = value.model_dump()
        elif value is None:
            data = {}
        elif isinstance(value, dict):
            data = dict(value)
        else:
            raise SettingError("options", value, f"None, a dict or {cls.__name__}")
        data.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**data)
        except ValidationError as error:
            first = error.errors()[0]
            name = ".".join(str(p) for p in first["loc"]) or "options"
            raise SettingError(name, first.get("input"), first["msg"]) from None
