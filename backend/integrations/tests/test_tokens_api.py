"""POST/GET/DELETE /api/tokens: the token is shown once, stored as a hash, revocable at once."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Api
from integrations import tokens
from integrations.models import ApiToken
from integrations.tests.token_client import TokenApi, make_token
from users.models import User

pytestmark = pytest.mark.django_db


def _create(api: Api, **body: Any) -> Any:
    return api.post("/api/tokens", {"name": "Home Assistant", "scope": "read", **body})


def test_creating_a_token_shows_it_once_with_its_id(api: Api, user: User) -> None:
    response = _create(api, scope="write")
    assert response.status_code == 201
    body = response.json()
    assert body["token"].startswith("hbt_")
    assert len(body["token"]) == tokens.TOKEN_LENGTH
    assert body["prefix"] == body["token"][:12]
    assert body["name"] == "Home Assistant"
    assert body["scope"] == "write"
    assert body["expires_at"] is None
    assert body["last_used_at"] is None
    assert ApiToken.objects.get(pk=body["id"]).owner == user


def test_only_a_keyed_hash_of_the_token_is_stored(api: Api) -> None:
    raw = _create(api).json()["token"]
    stored = json.dumps(list(ApiToken.objects.values()), default=str)
    assert raw not in stored
    assert raw[12:] not in stored
    assert ApiToken.objects.get().key_hash == tokens.token_hash(raw)


def test_the_list_never_shows_the_token(api: Api) -> None:
    raw = _create(api).json()["token"]
    response = api.get("/api/tokens")
    assert response.status_code == 200
    [listed] = response.json()
    assert set(listed) == {
        "id", "name", "scope", "prefix", "created_at", "last_used_at", "expires_at"
    }  # fmt: skip
    assert raw not in response.content.decode()


def test_the_list_shows_only_ones_own_live_tokens_newest_first(
    api: Api, other_api: Api, user: User
) -> None:
    first = _create(api, name="first").json()["id"]
    second = _create(api, name="second").json()["id"]
    _create(other_api, name="bob's")
    assert api.delete(f"/api/tokens/{first}").status_code == 204
    assert [t["id"] for t in api.get("/api/tokens").json()] == [second]


def test_a_token_expiring_in_the_future_is_accepted_with_its_time(api: Api) -> None:
    when = (timezone.now() + dt.timedelta(days=30)).replace(microsecond=0)
    body = _create(api, expires_at=when.isoformat()).json()
    assert dt.datetime.fromisoformat(body["expires_at"]) == when


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"expires_at": "2001-01-01T00:00:00Z"}, "expires_at"),
        ({"expires_at": "2099-01-01T00:00:00"}, "expires_at"),
        ({"expires_at": "soon"}, "expires_at"),
        ({"scope": "admin"}, "scope"),
        ({"name": "   "}, "name"),
        ({"name": ""}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "nul\x00"}, "name"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(api: Api, body: dict[str, Any], field: str) -> None:
    response = _create(api, **body)
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"][-1] == field
    assert not ApiToken.objects.exists()


def test_a_person_cannot_hold_more_than_the_limit(api: Api, user: User) -> None:
    for n in range(tokens.MAX_TOKENS_PER_USER):
        make_token(user, name=f"t{n}")
    response = _create(api)
    assert response.status_code == 400
    assert "revoke one" in response.json()["detail"]


def test_revoking_works_at_once_and_says_so(api: Api, user: User) -> None:
    body = _create(api).json()
    script = TokenApi(body["token"])
    assert script.get("/api/today").status_code == 200
    assert api.delete(f"/api/tokens/{body['id']}").status_code == 204
    response = script.get("/api/today")
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_revoking_another_persons_token_is_404_like_a_missing_one(api: Api, other_api: Api) -> None:
    theirs = _create(other_api).json()
    assert api.delete(f"/api/tokens/{theirs['id']}").status_code == 404
    assert api.delete("/api/tokens/999999").status_code == 404
    assert TokenApi(theirs["token"]).get("/api/today").status_code == 200


def test_revoking_twice_is_404_the_second_time(api: Api) -> None:
    token_id = _create(api).json()["id"]
    assert api.delete(f"/api/tokens/{token_id}").status_code == 204
    assert api.delete(f"/api/tokens/{token_id}").status_code == 404


def test_managing_tokens_needs_a_session(anon: Api) -> None:
    assert anon.get("/api/tokens").status_code == 401
    assert _create(anon).status_code == 401


def test_the_token_list_costs_the_same_queries_for_one_or_many_tokens(
    api: Api, user: User, django_assert_max_num_queries: Any
) -> None:
    make_token(user)
    with django_assert_max_num_queries(3):
        assert len(api.get("/api/tokens").json()) == 1
    for n in range(30):
        make_token(user, name=f"t{n}")
    with django_assert_max_num_queries(3):
        assert len(api.get("/api/tokens").json()) == 31


def test_deleting_the_account_deletes_its_tokens(api: Api, user: User) -> None:
    raw = _create(api).json()["token"]
    assert (
        api.delete("/api/auth/me", {"password": "a long and sturdy passphrase"}).status_code == 204
    )
    assert not ApiToken.objects.exists()
    assert TokenApi(raw).get("/api/today").status_code == 401


def test_an_operator_revokes_a_token_in_the_admin_without_seeing_its_hash(user: User) -> None:
    raw = make_token(user)
    token = ApiToken.objects.get()
    admin_user = User.objects.create_superuser(email="root@example.com", password="x" * 20)
    client = Client()
    client.force_login(admin_user)
    page = client.get(f"/admin/integrations/apitoken/{token.pk}/change/")
    assert page.status_code == 200
    assert token.key_hash not in page.content.decode()
    listing = client.get("/admin/integrations/apitoken/", {"q": raw[:12]})
    assert token.name in listing.content.decode()
    response = client.post(
        "/admin/integrations/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    assert TokenApi(raw).get("/api/today").status_code == 401
