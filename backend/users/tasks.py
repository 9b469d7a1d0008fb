"""Background work of the accounts app: the recovery e-mails (users/recovery_mail.py)."""

from __future__ import annotations

from django_tasks import task

from users import recovery_mail


@task()
def send_password_reset(email: str) -> bool:
    return recovery_mail.password_reset_send(email=email)


@task()
def send_email_change(user_id: int, new_email: str) -> bool:
    return recovery_mail.email_change_send(user_id=user_id, new_email=new_email)
