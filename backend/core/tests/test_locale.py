"""The request's language: the account's, else Accept-Language's, else English (core/locale.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import Api, make_user
from core.locale import accept_language_choice, django_language
from users.models import User


def speaking(language: str, user: User | None = None) -> Api:
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return Api(client)


def test_the_account_s_pt_br_is_django_s_pt_br_and_portugal_falls_back_to_brazil() -> None:
    assert django_language("pt-BR") == "pt-br"
    assert django_language("pt-PT") == "pt-br"
    assert django_language("de-AT") == "de"
    assert django_language("ja") == ""


def test_the_best_supported_accept_language_wins_and_english_is_the_fallback() -> None:
    assert accept_language_choice("ja, fr-CA;q=0.8, de;q=0.9") == "de"
    assert accept_language_choice("ja, zh;q=0.5") == "en"
    assert accept_language_choice("") == "en"
    assert accept_language_choice("de;q=0, fr;q=0.1") == "fr"


@pytest.mark.django_db
def test_a_422_in_german_names_the_field_with_a_stable_type() -> None:
    response = speaking("de-DE,de;q=0.9,en;q=0.8").post("/api/auth/register", {"password": "x"})
    assert response.status_code == 422
    [item] = response.json()["detail"]
    assert item["type"] == "missing"
    assert item["loc"][-1] == "email"
    assert item["msg"] == "Pflichtfeld"
    assert response["Content-Language"] == "de"


@pytest.mark.django_db
def test_a_422_in_arabic_uses_the_plural_form_for_the_count() -> None:
    body = {"email": "a" * 250 + "@example.com", "password": "a long and sturdy passphrase"}
    response = speaking("ar").post("/api/auth/register", body)
    assert response.status_code == 422
    [item] = response.json()["detail"]
    assert item["type"] == "string_too_long"
    assert item["loc"][-1] == "email"
    # 254 takes Arabic's "many" form (n % 100 in 11..99).
    assert item["msg"] == "يجب ألا يتجاوز النص 254 حرفًا"
    assert response["Content-Language"] == "ar"


@pytest.mark.django_db
def test_a_field_error_from_a_service_is_translated_and_keeps_its_type() -> None:
    make_user("taken@example.com")
    body = {"email": "taken@example.com", "password": "another sturdy passphrase"}
    response = speaking("fr").post("/api/auth/register", body)
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "type": "value_error",
            "loc": ["body", "email"],
            "msg": "Un compte existe déjà avec cette adresse e-mail.",
        }
    ]


@pytest.mark.django_db
def test_a_validator_s_own_message_is_translated_inside_pydantic_s_value_error() -> None:
    response = speaking("es").post(
        "/api/auth/register", {"email": "a@example.com", "password": "x", "timezone": "Mars/Base"}
    )
    [item] = response.json()["detail"]
    assert item["type"] == "value_error"
    assert item["loc"][-1] == "timezone"
    assert item["msg"] == (
        "Valor no válido: debe ser un nombre de zona horaria IANA como Europe/Madrid"
    )


@pytest.mark.django_db
def test_english_keeps_pydantic_s_own_words() -> None:
    response = speaking("en").post("/api/auth/register", {"password": "x"})
    [item] = response.json()["detail"]
    assert item["msg"] == "Field required"


@pytest.mark.django_db
def test_a_401_carries_a_stable_code_and_a_translated_detail() -> None:
    response = speaking("de").get("/api/auth/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "Anmeldung erforderlich", "code": "not_authenticated"}


@pytest.mark.django_db
def test_a_404_carries_a_stable_code_and_a_translated_detail(user: User) -> None:
    response = speaking("pt-BR", user).get("/api/habits/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Esse hábito não existe", "code": "not_found"}
    assert response["Content-Language"] == "pt-BR"


@pytest.mark.django_db
def test_a_404_outside_the_api_is_translated_too() -> None:
    response = speaking("fr").get("/api/no-such-route")
    assert response.status_code == 404
    assert response.json() == {"detail": "Introuvable", "code": "not_found"}


@pytest.mark.django_db
def test_a_wrong_password_at_login_is_a_401_with_its_own_code() -> None:
    make_user("ada@example.com")
    body = {"email": "ada@example.com", "password": "not the password at all"}
    response = speaking("es").post("/api/auth/login", body)
    assert response.status_code == 401
    assert response.json() == {
        "detail": "El correo o la contraseña no son correctos.",
        "code": "invalid_credentials",
    }


@pytest.mark.django_db
def test_the_account_s_language_beats_accept_language() -> None:
    user = make_user(language="de")
    response = speaking("fr", user).get("/api/habits/999999")
    assert response.json()["detail"] == "Diese Gewohnheit gibt es nicht"
    assert response["Content-Language"] == "de"


@pytest.mark.django_db
def test_an_account_without_a_language_follows_accept_language() -> None:
    user = make_user(language="")
    response = speaking("ar", user).get("/api/habits/999999")
    assert response.json()["detail"] == "هذه العادة غير موجودة"


@pytest.mark.django_db
def test_accept_language_decides_when_logged_out() -> None:
    response = speaking("es-MX,es;q=0.9").post(
        "/api/auth/password-reset/confirm", {"uid": "x", "token": "y", "new_password": "z"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Este enlace ya no es válido. Pide uno nuevo.",
        "code": "link_invalid",
    }


@pytest.mark.django_db
def test_no_accept_language_answers_in_english(anon: Api) -> None:
    response = anon.get("/api/auth/me")
    assert response.json()["detail"] == "Authentication required"
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_api_answers_vary_on_accept_language(api: Api) -> None:
    response = api.get("/api/today")
    assert response.status_code == 200
    assert "Accept-Language" in response["Vary"]
    assert "Cookie" in response["Vary"]  # the session's Vary is kept beside it


@pytest.mark.django_db
def test_the_today_body_is_the_same_in_every_language(user: User) -> None:
    # Today is cached per data_version and not per language: that is only right while the body
    # holds no translated text. If this fails, put the language into the cache key.
    bodies = {speaking(tag, user).get("/api/today").content for tag in ("en", "de", "ar")}
    assert len(bodies) == 1


@pytest.mark.django_db
def test_choosing_the_language_adds_no_query(
    user: User, django_assert_max_num_queries: Any
) -> None:
    user.language = "de"
    user.save()
    client = speaking("fr", user)
    client.get("/api/today")  # warm the Today cache and the session
    # The session and the user; the language is read from the user already loaded.
    with django_assert_max_num_queries(2):
        response = client.get("/api/today")
    assert response["Content-Language"] == "de"


def test_a_csrf_failure_is_translated(db: None) -> None:
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="de")
    response = client.post("/api/auth/logout")
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "csrf_failed"
    assert body["detail"].startswith("CSRF-Prüfung fehlgeschlagen")


@pytest.mark.django_db
def test_a_token_s_owner_gets_their_language_even_when_the_token_may_not_write() -> None:
    from django.utils import timezone

    from integrations import tokens

    user = make_user(language="de")
    _token, raw = tokens.api_token_create(
        user=user, name="script", scope="read", expires_at=None, now=timezone.now()
    )
    client = Client(HTTP_ACCEPT_LANGUAGE="en", HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = client.post("/api/habits", "{}", content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_scope"
    assert response.json()["detail"].startswith("Dieses Token hat den Bereich")
    # The challenge is for programs: English whatever the language.
    assert "This token's scope is read" in response["WWW-Authenticate"]


@pytest.mark.django_db
def test_an_unknown_token_is_refused_in_the_accept_language() -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="fr", HTTP_AUTHORIZATION="Bearer hbt_" + "x" * 43)
    response = client.get("/api/habits")
    assert response.status_code == 401
    assert response.json()["code"] == "token_unknown"
    assert response.json()["detail"].startswith("Ce jeton est inconnu")
