"""/api/webhooks: register with a secret shown once, change, rotate, delete, deliveries, re-send."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from conftest import Api
from integrations.models import WebhookEndpoint, WebhookMessage
from integrations.outbox import outbox_emit
from integrations.tests.token_client import TokenApi, make_token
from integrations.webhooks import DELIVERIES_LISTED, MAX_ENDPOINTS_PER_USER
from users.models import User

pytestmark = pytest.mark.django_db
URL = "https://hooks.example.com/habits"


def _create(api: Api, **body: Any) -> Any:
    return api.post("/api/webhooks", {"url": URL, "events": ["entry.updated"], **body})


def _field(response: Any) -> str:
    """The field a 422 names (the last name in its location: a list's index is not one)."""
    assert response.status_code == 422, response.content
    loc = response.json()["detail"][0]["loc"]
    return str([part for part in loc if isinstance(part, str)][-1])


def test_registering_a_webhook_shows_its_secret_once(api: Api, user: User) -> None:
    response = _create(api, events=["habit.created", "entry.updated"])
    assert response.status_code == 201
    body = response.json()
    assert body["secret"].startswith("whsec_")
    assert body["url"] == URL
    # Stored in the catalogue's order, whatever order they were picked in.
    assert body["events"] == ["entry.updated", "habit.created"]
    assert body["enabled"] is True
    assert WebhookEndpoint.objects.get(pk=body["id"]).owner == user
    listed = api.get("/api/webhooks")
    assert [item["id"] for item in listed.json()] == [body["id"]]
    assert body["secret"] not in listed.content.decode()
    assert body["secret"] not in api.get(f"/api/webhooks/{body['id']}").content.decode()


@pytest.mark.parametrize(
    "url",
    ["ftp://hooks.example.com/", "not a url", "", "https://user:pw@hooks.example.com/",
     "https://169.254.169.254/latest/meta-data/"],
)  # fmt: skip
def test_a_bad_url_is_a_422_naming_the_url(api: Api, url: str) -> None:
    assert _field(_create(api, url=url)) == "url"


def test_plain_http_and_private_addresses_need_the_operator_to_allow_them(
    api: Api, settings: Any
) -> None:
    settings.OUTBOUND_ALLOW_PRIVATE = False
    for url in ("http://hooks.example.com/", "https://10.0.0.5/", "https://localhost/x"):
        assert _field(_create(api, url=url)) == "url"
    settings.OUTBOUND_ALLOW_PRIVATE = True
    assert _create(api, url="http://192.168.1.20:8123/api/webhook/habits").status_code == 201


@pytest.mark.parametrize("events", [[], ["entry.created"], "entry.updated", None])
def test_bad_events_are_a_422_naming_the_events(api: Api, events: Any) -> None:
    assert _field(_create(api, events=events)) == "events"


def test_a_person_has_at_most_ten_webhooks(api: Api) -> None:
    for _ in range(MAX_ENDPOINTS_PER_USER):
        assert _create(api).status_code == 201
    response = _create(api)
    assert response.status_code == 400
    assert "delete one" in response.json()["detail"]


def test_a_webhook_can_change_its_url_and_events_and_be_turned_off_and_on(api: Api) -> None:
    hook = _create(api).json()
    changed = api.patch(
        f"/api/webhooks/{hook['id']}",
        {"url": "https://other.example.com/h", "events": ["habit.deleted"]},
    )
    assert changed.status_code == 200
    assert changed.json()["url"] == "https://other.example.com/h"
    assert changed.json()["events"] == ["habit.deleted"]
    off = api.patch(f"/api/webhooks/{hook['id']}", {"enabled": False}).json()
    assert off["enabled"] is False
    assert off["disabled_reason"] == "Disabled by you."
    on = api.patch(f"/api/webhooks/{hook['id']}", {"enabled": True}).json()
    assert on["enabled"] is True
    assert on["disabled_reason"] == ""
    assert on["disabled_at"] is None
    assert _field(api.patch(f"/api/webhooks/{hook['id']}", {"url": "gopher://x"})) == "url"
    assert _field(api.patch(f"/api/webhooks/{hook['id']}", {"events": []})) == "events"


def test_rotating_the_secret_returns_a_new_one_that_signs_from_then_on(api: Api) -> None:
    hook = _create(api).json()
    response = api.post(f"/api/webhooks/{hook['id']}/rotate-secret")
    assert response.status_code == 200
    secret = response.json()["secret"]
    assert secret.startswith("whsec_")
    assert secret != hook["secret"]
    assert WebhookEndpoint.objects.get(pk=hook["id"]).secret == secret


def test_deleting_a_webhook_removes_it_and_its_deliveries(api: Api, user: User) -> None:
    hook = _create(api).json()
    outbox_emit(user_id=user.pk, event_type="entry.updated", habit_id=1, data={})
    assert api.delete(f"/api/webhooks/{hook['id']}").status_code == 204
    assert not WebhookEndpoint.objects.exists()
    assert not WebhookMessage.objects.exists()
    assert api.delete(f"/api/webhooks/{hook['id']}").status_code == 404


def test_the_deliveries_list_shows_the_last_fifty_newest_first_in_few_queries(
    api: Api, user: User, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    hook = _create(api).json()
    for habit_id in range(DELIVERIES_LISTED + 5):
        outbox_emit(user_id=user.pk, event_type="entry.updated", habit_id=habit_id, data={})
    with django_assert_max_num_queries(4):
        response = api.get(f"/api/webhooks/{hook['id']}/deliveries")
    rows = response.json()
    assert len(rows) == DELIVERIES_LISTED
    assert [row["habit_id"] for row in rows] == list(range(54, 4, -1))
    assert rows[0]["status"] == "pending"
    assert rows[0]["attempts"] == 0
    assert set(rows[0]) >= {"response_code", "duration_ms", "error", "event_id", "event_type"}


def test_a_delivery_can_be_sent_again(api: Api, user: User) -> None:
    hook = _create(api).json()
    outbox_emit(user_id=user.pk, event_type="entry.updated", habit_id=1, data={"x": 1})
    message = WebhookMessage.objects.get()
    message.status = WebhookMessage.Status.FAILED
    message.attempts = 9
    message.save()
    response = api.post(f"/api/webhooks/{hook['id']}/deliveries/{message.pk}/resend")
    assert response.status_code == 202
    assert response.json()["status"] == "pending"
    message.refresh_from_db()
    assert message.status == "pending"
    assert message.attempts == 0
    assert message.next_attempt_at <= timezone.now()
    for missing_id in (message.pk + 1, 2**64):
        missing = api.post(f"/api/webhooks/{hook['id']}/deliveries/{missing_id}/resend")
        assert missing.status_code == 404
    assert api.get(f"/api/webhooks/{2**64}").status_code == 404


def test_another_persons_webhooks_are_404_everywhere(api: Api, other_api: Api, user: User) -> None:
    hook = _create(api).json()
    outbox_emit(user_id=user.pk, event_type="entry.updated", habit_id=1, data={})
    message = WebhookMessage.objects.get()
    base = f"/api/webhooks/{hook['id']}"
    assert other_api.get(base).status_code == 404
    assert other_api.patch(base, {"enabled": False}).status_code == 404
    assert other_api.post(f"{base}/rotate-secret").status_code == 404
    assert other_api.get(f"{base}/deliveries").status_code == 404
    assert other_api.post(f"{base}/deliveries/{message.pk}/resend").status_code == 404
    assert other_api.delete(base).status_code == 404
    assert other_api.get("/api/webhooks").json() == []
    assert WebhookEndpoint.objects.get().enabled is True


def test_personal_api_tokens_cannot_manage_webhooks(user: User) -> None:
    bearer = TokenApi(make_token(user, scope="write"))
    assert bearer.get("/api/webhooks").status_code == 403
    assert (
        bearer.post("/api/webhooks", {"url": URL, "events": ["entry.updated"]}).status_code == 403
    )
    assert not WebhookEndpoint.objects.exists()


def test_webhooks_need_a_session(anon: Api) -> None:
    assert anon.get("/api/webhooks").status_code == 401
