"""Rotating a secret: a day's grace in which deliveries carry the old secret's signature too."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from standardwebhooks import Webhook

from conftest import Api
from core.tests.test_integrations_doc import blocks
from integrations.models import WebhookEndpoint
from integrations.outbox import outbox_emit
from integrations.tests.receiver import Receiver
from integrations.webhook_delivery import webhook_endpoint_deliver
from integrations.webhooks import SECRET_GRACE, webhook_rotate_secret
from users.models import User

pytestmark = pytest.mark.django_db


def _register(api: Api, url: str) -> Any:
    response = api.post("/api/webhooks", {"url": url, "events": ["entry.updated"]})
    assert response.status_code == 201, response.content
    return response.json()


def _deliver_one(user: User, endpoint_id: int, receiver: Receiver) -> Any:
    """Emit an event, deliver it now, and return the request the receiver got."""
    before = len(receiver.received)
    outbox_emit(user_id=user.pk, event_type="entry.updated", habit_id=7, data={"habit_id": 7})
    assert webhook_endpoint_deliver(endpoint_id=endpoint_id) == 1
    assert len(receiver.received) == before + 1
    return receiver.received[-1]


def _parse(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_during_the_grace_period_receivers_with_the_old_and_the_new_secret_both_accept(
    api: Api, user: User, receiver: Receiver
) -> None:
    hook = _register(api, receiver.url)
    old = hook["secret"]
    assert hook["previous_secret_until"] is None

    before = timezone.now()
    response = api.post(f"/api/webhooks/{hook['id']}/rotate-secret")
    assert response.status_code == 200
    rotated = response.json()
    new = rotated["secret"]
    assert new != old
    until = _parse(rotated["previous_secret_until"])
    assert before + SECRET_GRACE <= until <= timezone.now() + SECRET_GRACE
    # The webhook itself says until when the old secret is still used.
    shown = api.get(f"/api/webhooks/{hook['id']}").json()
    assert _parse(shown["previous_secret_until"]) == until
    assert _parse(api.get("/api/webhooks").json()[0]["previous_secret_until"]) == until

    request = _deliver_one(user, hook["id"], receiver)

    # Two signatures, the new secret's first; each receiver finds its own with the library.
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    assert Webhook(old).verify(request.body, request.headers)["data"] == {"habit_id": 7}
    assert Webhook(new).verify(request.body, request.headers)["data"] == {"habit_id": 7}


def test_after_the_grace_period_only_the_new_secret_signs(
    api: Api, user: User, receiver: Receiver
) -> None:
    hook = _register(api, receiver.url)
    old = hook["secret"]
    # Travel back: the rotation happened a day and a minute ago, so its grace has ended now.
    long_ago = timezone.now() - SECRET_GRACE - dt.timedelta(minutes=1)
    _, new = webhook_rotate_secret(user=user, endpoint_id=hook["id"], now=long_ago)

    request = _deliver_one(user, hook["id"], receiver)

    assert len(request.headers["webhook-signature"].split(" ")) == 1
    assert Webhook(new).verify(request.body, request.headers)["data"] == {"habit_id": 7}
    with pytest.raises(Exception, match="signature"):
        Webhook(old).verify(request.body, request.headers)
    assert api.get(f"/api/webhooks/{hook['id']}").json()["previous_secret_until"] is None


def test_a_delivery_a_minute_before_the_grace_ends_still_carries_the_old_signature(
    api: Api, user: User, receiver: Receiver
) -> None:
    hook = _register(api, receiver.url)
    old = hook["secret"]
    almost_a_day_ago = timezone.now() - SECRET_GRACE + dt.timedelta(minutes=1)
    _, new = webhook_rotate_secret(user=user, endpoint_id=hook["id"], now=almost_a_day_ago)

    request = _deliver_one(user, hook["id"], receiver)

    assert Webhook(old).verify(request.body, request.headers)["data"] == {"habit_id": 7}
    assert Webhook(new).verify(request.body, request.headers)["data"] == {"habit_id": 7}
    assert api.get(f"/api/webhooks/{hook['id']}").json()["previous_secret_until"] is not None


def test_rotating_twice_keeps_only_the_immediately_previous_secret(
    api: Api, user: User, receiver: Receiver
) -> None:
    hook = _register(api, receiver.url)
    first = hook["secret"]
    second = api.post(f"/api/webhooks/{hook['id']}/rotate-secret").json()["secret"]
    third_answer = api.post(f"/api/webhooks/{hook['id']}/rotate-secret").json()
    third = third_answer["secret"]

    endpoint = WebhookEndpoint.objects.get(pk=hook["id"])
    assert endpoint.secret == third
    assert endpoint.previous_secret == second
    # The grace restarts from the second rotation (JSON keeps milliseconds).
    stored = endpoint.previous_secret_until
    assert stored is not None
    assert abs(stored - _parse(third_answer["previous_secret_until"])) < dt.timedelta(
        milliseconds=1
    )

    request = _deliver_one(user, hook["id"], receiver)

    assert len(request.headers["webhook-signature"].split(" ")) == 2
    assert Webhook(third).verify(request.body, request.headers)["data"] == {"habit_id": 7}
    assert Webhook(second).verify(request.body, request.headers)["data"] == {"habit_id": 7}
    with pytest.raises(Exception, match="signature"):
        Webhook(first).verify(request.body, request.headers)


def test_the_node_verifier_in_the_docs_accepts_a_grace_period_delivery_with_either_secret(
    api: Api, user: User, receiver: Receiver, tmp_path: Path
) -> None:
    node = shutil.which("node")
    assert node, "node is needed for the frontend and for this check"
    hook = _register(api, receiver.url)
    old = hook["secret"]
    new = api.post(f"/api/webhooks/{hook['id']}/rotate-secret").json()["secret"]
    request = _deliver_one(user, hook["id"], receiver)

    (code,) = blocks("js", "test=webhook")
    (tmp_path / "verify.mjs").write_text(code)
    (tmp_path / "check.mjs").write_text(
        """
import { verifyHabitsWebhook } from "./verify.mjs";
const { body, headers, secrets } = JSON.parse(process.argv[2]);
console.log(JSON.stringify(secrets.map((s) => verifyHabitsWebhook(body, headers, s).data)));
"""
    )
    given = {"body": request.body, "headers": request.headers, "secrets": [old, new]}
    result = subprocess.run(
        [node, "check.mjs", json.dumps(given)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"habit_id": 7}, {"habit_id": 7}]
