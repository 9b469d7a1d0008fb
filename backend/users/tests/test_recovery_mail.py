"""The recovery e-mails are written in the reader's language (users/recovery_mail.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.utils import translation

from conftest import make_user
from users import recovery_mail


@pytest.fixture(autouse=True)
def _mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://habits.example.com"


@pytest.mark.django_db
def test_a_password_reset_e_mail_is_in_german_for_a_german_account() -> None:
    make_user("ada@example.com", language="de")
    # The worker may run with any language active; the account's decides.
    with translation.override("fr"):
        assert recovery_mail.password_reset_send(email="ada@example.com")
    (message,) = mail.outbox
    assert message.subject == "Setze dein Habit Tracker-Passwort zurück"
    assert "öffne diesen Link innerhalb der nächsten Stunde" in message.body
    assert "https://habits.example.com/reset-password" in message.body


@pytest.mark.django_db
def test_an_account_without_a_language_gets_english() -> None:
    make_user("ada@example.com", language="")
    with translation.override("de"):
        assert recovery_mail.password_reset_send(email="ada@example.com")
    (message,) = mail.outbox
    assert message.subject == "Reset your Habit Tracker password"


@pytest.mark.django_db
def test_the_e_mail_change_messages_are_in_brazilian_portuguese() -> None:
    user = make_user("ada@example.com", language="pt-BR")
    assert recovery_mail.email_change_send(user_id=user.pk, new_email="new@example.com")
    confirm, notice = mail.outbox
    assert confirm.subject == "Confirme seu novo endereço de e-mail do Habit Tracker"
    assert "abra este link dentro de 24 horas" in confirm.body
    assert notice.subject == "Seu endereço de e-mail do Habit Tracker está prestes a mudar"
