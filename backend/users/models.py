"""The custom user: email is the login, and each person keeps their own calendar settings."""

from __future__ import annotations

from typing import Any, ClassVar
from zoneinfo import available_timezones

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.timezone import now


def validate_timezone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(f"{value!r} is not an IANA time zone name")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields: Any) -> User:
        if not email:
            raise ValueError("email is required")
        user = self.model(email=normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields["is_staff"] = True
        fields["is_superuser"] = True
        return self._create(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email=normalize_email(username or ""))


def normalize_email(email: str) -> str:
    # The whole address is lower-cased: people type their email in every case imaginable,
    # and two accounts that differ only in case would be a support nightmare.
    return email.strip().lower()


# The languages the app ships in, named in themselves (the web app lists the same ones).
LANGUAGES = [("en", "English"), ("de", "Deutsch"), ("fr", "Français"), ("es", "Español"),
             ("pt-BR", "Português (Brasil)"), ("ar", "العربية")]  # fmt: skip
LANGUAGE_CODES = tuple(code for code, _ in LANGUAGES)


class User(AbstractBaseUser, PermissionsMixin):
    WEEKDAYS = [(0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"),
                (4, "Friday"), (5, "Saturday"), (6, "Sunday")]  # fmt: skip

    email = models.EmailField(max_length=254, unique=True)
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    # People whose day ends after midnight: a check-in at 02:00 with day_start_hour=4 counts
    # for the previous date.
    day_start_hour = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(23)])
    week_start = models.PositiveSmallIntegerField(default=0, choices=WEEKDAYS)
    # The language the person chose for the app, e-mails and the API's messages, as a BCP 47
    # tag of one of LANGUAGES; empty until they choose (then the browser's languages decide).
    language = models.CharField(max_length=8, blank=True, default="", choices=LANGUAGES)
    # Given a new random value (core.versions) at the end of every transaction that writes this
    # person's habits or entries: the cached Today response is keyed by it (see habits.services
    # for the lock order).
    data_version = models.PositiveBigIntegerField(default=0, editable=False)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(day_start_hour__lte=23), name="user_day_start_hour_range"
            ),
            models.CheckConstraint(
                condition=models.Q(week_start__lte=6), name="user_week_start_range"
            ),
        ]

    def __str__(self) -> str:
        return self.email
