from __future__ import annotations


class FieldError(Exception):
    """A business rule refused a value; `field` names it in the 422 response."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
