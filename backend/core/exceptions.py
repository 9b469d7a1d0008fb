from __future__ import annotations


class FieldError(Exception):
    """A business rule refused a value; `field` names it in the 422 response.

    `message` is shown to the person: raise it with gettext so it is in their language.
    `code` is the stable machine-readable type of the 422 item.
    """

    def __init__(self, field: str, message: str, *, code: str = "value_error") -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = str(message)
        self.code = code
