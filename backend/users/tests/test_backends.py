from __future__ import annotations

from typing import Any

import pytest

from conftest import make_user
from users.backends import SessionUserBackend

pytestmark = pytest.mark.django_db


def test_it_loads_the_same_user_as_the_orm() -> None:
    user = make_user(timezone="Asia/Tokyo", day_start_hour=3)
    loaded = SessionUserBackend().get_user(user.pk)
    assert loaded is not None
    for field in type(user)._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(
            type(user).objects.get(pk=user.pk), field.attname
        )
    assert loaded.date_joined.tzinfo is not None


def test_deferred_timestamps_load_on_access_and_saving_other_fields_keeps_them(
    django_assert_num_queries: Any,
) -> None:
    user = make_user()
    loaded = SessionUserBackend().get_user(user.pk)
    assert loaded is not None
    assert loaded.get_deferred_fields() == {"last_login", "date_joined"}
    loaded.timezone = "Europe/Paris"
    loaded.save()  # saves the loaded fields only
    fresh = type(user).objects.get(pk=user.pk)
    assert (fresh.timezone, fresh.date_joined) == ("Europe/Paris", user.date_joined)
    with django_assert_num_queries(1):
        assert loaded.date_joined == user.date_joined


@pytest.mark.parametrize("user_id", [None, "abc", 10**9])
def test_it_answers_none_for_an_unknown_or_malformed_id(user_id: object) -> None:
    assert SessionUserBackend().get_user(user_id) is None


def test_an_inactive_user_is_not_loaded() -> None:
    user = make_user(is_active=False)
    assert SessionUserBackend().get_user(user.pk) is None


def test_it_converts_values_like_the_orm() -> None:
    user = make_user(is_staff=True)
    loaded = SessionUserBackend().get_user(user.pk)
    assert loaded is not None
    assert loaded.is_staff is True
    assert loaded.is_active is True
    assert loaded._state.adding is False
