from __future__ import annotations

import base64
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from core.tests.push_service import PushService, b64url
from reminders.models_push import PushSubscription
from reminders.tests.push_fixtures import *  # noqa: F403  (the stand_in and vapid_dir fixtures)
from reminders.tests.push_fixtures import subscribe

pytestmark = pytest.mark.django_db

ENDPOINT = "https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b"


def browser_json(endpoint: str = ENDPOINT) -> dict[str, Any]:
    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    from cryptography.hazmat.primitives import serialization

    point = key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return {"endpoint": endpoint, "keys": {"p256dh": b64url(point), "auth": b64url(os.urandom(16))}}


def field_of(response: Any) -> str:
    """The field a 422 names, as a dotted path without the body/payload prefix."""
    loc = response.json()["detail"][0]["loc"]
    return ".".join(str(part) for part in loc if part not in ("body", "payload"))


@pytest.mark.usefixtures("vapid_dir")
def test_the_key_endpoint_gives_the_public_key_generated_once_into_var_dir(
    api: Any, vapid_dir: Path
) -> None:
    first = api.get("/api/push/key")
    assert first.status_code == 200
    key = first.json()["public_key"]
    point = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
    assert len(point) == 65
    assert point[0] == 4
    ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    assert api.get("/api/push/key").json()["public_key"] == key
    stored = vapid_dir / "vapid_private_key"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600


def test_the_key_endpoint_requires_a_session(anon: Any) -> None:
    assert anon.get("/api/push/key").status_code == 401


@pytest.mark.usefixtures("vapid_dir")
def test_the_key_endpoint_uses_the_configured_key_pair(api: Any, settings: Any) -> None:
    private = ec.generate_private_key(ec.SECP256R1())
    from cryptography.hazmat.primitives import serialization

    public = b64url(
        private.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    )
    settings.VAPID_PRIVATE_KEY = b64url(private.private_numbers().private_value.to_bytes(32, "big"))
    settings.VAPID_PUBLIC_KEY = public
    assert api.get("/api/push/key").json() == {"public_key": public}


def test_production_without_keys_answers_503_naming_the_setting(api: Any, settings: Any) -> None:
    settings.PRODUCTION = True
    settings.VAPID_PRIVATE_KEY = ""
    response = api.get("/api/push/key")
    assert response.status_code == 503
    assert "VAPID_PRIVATE_KEY" in response.json()["detail"]


def test_a_subscription_is_stored_and_the_same_endpoint_again_updates_it(api: Any) -> None:
    body = browser_json()
    first = api.post("/api/push/subscriptions", body | {"label": "Phone"})
    assert first.status_code == 201
    renewed = browser_json()
    again = api.post("/api/push/subscriptions", renewed)
    assert again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    stored = PushSubscription.objects.get()
    assert stored.p256dh == renewed["keys"]["p256dh"]
    assert stored.auth == renewed["keys"]["auth"]


def test_another_person_subscribing_the_same_browser_takes_the_device_over(
    api: Any, other_api: Any
) -> None:
    body = browser_json()
    api.post("/api/push/subscriptions", body)
    other_api.post("/api/push/subscriptions", body)
    assert PushSubscription.objects.count() == 1
    assert api.get("/api/push/subscriptions").json() == []
    assert len(other_api.get("/api/push/subscriptions").json()) == 1


def test_the_browser_user_agent_is_kept_to_name_the_device(api: Any) -> None:
    api.client.defaults["HTTP_USER_AGENT"] = "Mozilla/5.0 (Android 15) Chrome/140"
    api.post("/api/push/subscriptions", browser_json())
    (device,) = api.get("/api/push/subscriptions").json()
    assert device["user_agent"] == "Mozilla/5.0 (Android 15) Chrome/140"
    assert device["endpoint"] == ENDPOINT
    assert device["last_success_at"] is None


def _without_keys(body: dict[str, Any]) -> dict[str, Any]:
    return {"endpoint": body["endpoint"]}


def _keys(**keys: str) -> dict[str, Any]:
    body = browser_json()
    body["keys"] = {k: v for k, v in (body["keys"] | keys).items() if v != "-"}
    return body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"endpoint": ENDPOINT}, "keys"),
        (_keys(auth="-"), "keys.auth"),
        (_keys(p256dh="-"), "keys.p256dh"),
        (_keys(p256dh="not base64url!"), "keys.p256dh"),
        (_keys(p256dh=b64url(b"\x04" + b"\x01" * 64)), "keys.p256dh"),
        (_keys(p256dh=b64url(os.urandom(20))), "keys.p256dh"),
        (_keys(auth=b64url(os.urandom(8))), "keys.auth"),
        (_keys(auth="a+b/c=="), "keys.auth"),
        (_keys(auth="ab\x00cd"), "keys.auth"),
        (browser_json("not a url"), "endpoint"),
        (browser_json("ftp://push.example.com/x"), "endpoint"),
        (browser_json("https://user:pw@push.example.com/x"), "endpoint"),
        (browser_json("https://169.254.169.254/latest/meta-data"), "endpoint"),
        (browser_json("https://push.example.com/" + "x" * 2100), "endpoint"),
        ({"keys": browser_json()["keys"]}, "endpoint"),
    ],
)
def test_bad_subscriptions_are_refused_with_422_naming_the_field(
    api: Any, body: dict[str, Any], field: str
) -> None:
    response = api.post("/api/push/subscriptions", body)
    assert response.status_code == 422, response.content
    assert field_of(response) == field
    assert PushSubscription.objects.count() == 0


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://push.example.com/x",
        "https://127.0.0.1/push/x",
        "https://10.0.0.7/push/x",
        "https://[fd12::1]/push/x",
        "https://169.254.10.10/push/x",
        "https://localhost:8443/push/x",
    ],
)
def test_plain_http_and_internal_endpoints_are_refused_when_private_networks_are_not_allowed(
    api: Any, settings: Any, endpoint: str
) -> None:
    settings.OUTBOUND_ALLOW_PRIVATE = False
    response = api.post("/api/push/subscriptions", browser_json(endpoint))
    assert response.status_code == 422
    assert field_of(response) == "endpoint"


def test_the_device_list_shows_only_the_persons_own_devices_in_constant_queries(
    api: Any, other_api: Any, django_assert_max_num_queries: Any
) -> None:
    other_api.post("/api/push/subscriptions", browser_json(ENDPOINT + "other"))
    api.post("/api/push/subscriptions", browser_json())
    with django_assert_max_num_queries(3):
        one = api.get("/api/push/subscriptions").json()
    for n in range(19):
        api.post("/api/push/subscriptions", browser_json(f"{ENDPOINT}{n}"))
    with django_assert_max_num_queries(3):
        twenty = api.get("/api/push/subscriptions").json()
    assert len(one) == 1
    assert len(twenty) == 20


def test_a_person_can_subscribe_at_most_twenty_devices(api: Any) -> None:
    for n in range(20):
        assert (
            api.post("/api/push/subscriptions", browser_json(f"{ENDPOINT}{n}")).status_code == 201
        )
    response = api.post("/api/push/subscriptions", browser_json(f"{ENDPOINT}x"))
    assert response.status_code == 422
    assert field_of(response) == "endpoint"


def test_deleting_a_device_removes_it_and_another_persons_device_answers_404(
    api: Any, other_api: Any
) -> None:
    mine = api.post("/api/push/subscriptions", browser_json()).json()["id"]
    theirs = other_api.post("/api/push/subscriptions", browser_json(ENDPOINT + "b")).json()["id"]
    assert api.delete(f"/api/push/subscriptions/{theirs}").status_code == 404
    assert api.delete(f"/api/push/subscriptions/{mine}").status_code == 204
    assert api.delete(f"/api/push/subscriptions/{mine}").status_code == 404
    assert list(PushSubscription.objects.values_list("id", flat=True)) == [theirs]


def test_subscribing_requires_the_csrf_token(api: Any) -> None:
    response = api.post("/api/push/subscriptions", browser_json(), csrf=False)
    assert response.status_code == 403


def test_the_test_notification_arrives_decrypted_on_every_device(
    api: Any, stand_in: PushService
) -> None:
    phone, _ = subscribe(api, stand_in)
    laptop, _ = subscribe(api, stand_in)

    response = api.post("/api/push/test")

    assert response.status_code == 200
    assert response.json() == {"devices": 2, "delivered": 2, "removed": 0, "failed": 0}
    for browser in (phone, laptop):
        (message,) = stand_in.messages_for(browser)
        assert message.payload["kind"] == "test"
        assert message.payload["url"] == "/settings"
        assert message.payload["title"]
        assert message.claims["aud"] == stand_in.origin
    assert stand_in.rejected == []
    assert all(d["last_success_at"] for d in api.get("/api/push/subscriptions").json())


def test_the_test_notification_reports_and_deletes_a_device_the_service_answers_410(
    api: Any, stand_in: PushService
) -> None:
    kept, _ = subscribe(api, stand_in)
    gone, gone_id = subscribe(api, stand_in)
    stand_in.answer(gone, 410)

    response = api.post("/api/push/test")

    assert response.json() == {"devices": 2, "delivered": 1, "removed": 1, "failed": 0}
    assert not PushSubscription.objects.filter(pk=gone_id).exists()
    assert len(stand_in.messages_for(kept)) == 1


def test_a_test_with_no_devices_reports_zero(api: Any, vapid_dir: Path) -> None:
    assert api.post("/api/push/test").json() == {
        "devices": 0,
        "delivered": 0,
        "removed": 0,
        "failed": 0,
    }
