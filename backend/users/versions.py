"""The person's data_version: renewed by every write, read by every cached response's key.

A module of its own, with nothing but the user model below it, so that every app's services
can end their writes with it (reminders.services too, which users.services itself imports).
"""

from __future__ import annotations

from django.db import connection

from core.versions import new_version
from users.models import User


def user_touch(*, user: User) -> None:
    """Give data_version a new value (locking the user's row until commit); last in every write."""
    # Plain SQL: every write ends here, and compiling the ORM's UPDATE cost more than running it.
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {q(User._meta.db_table)} SET {q('data_version')} = %s WHERE {q('id')} = %s",  # noqa: S608 - names come from the model
            [new_version(63), user.pk],
        )
