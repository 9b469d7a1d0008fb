from __future__ import annotations

import time
from typing import Any

import pytest

from core.tests.helpers import run_django
from core.tests.push_service import PushService
from reminders import push
from reminders.models_push import PushSubscription
from reminders.push import PushRetry, push_send_to_user
from reminders.tests.push_fixtures import *  # noqa: F403  (the stand_in and vapid_dir fixtures)
from reminders.tests.push_fixtures import subscribe

pytestmark = pytest.mark.django_db

REMINDER = {
    "kind": "reminder",
    "title": "Drink water",
    "body": "Not done yet today",
    "url": "/habits/7",
    "habit": {
        "id": 7,
        "name": "Drink water",
        "icon": "💧",
        "color": "#3366ff",
        "current_streak": 4,
    },
    "date": "2026-12-02",
    "reminder_id": 3,
    "actions": {"done": "d.token", "later": "l.token"},
}


def test_a_reminder_payload_arrives_decrypted_with_ttl_and_a_valid_vapid_token(
    api: Any, user: Any, stand_in: PushService
) -> None:
    browser, _ = subscribe(api, stand_in)

    assert push_send_to_user(user_id=user.pk, payload=REMINDER, ttl=900) == 1

    (message,) = stand_in.messages_for(browser)
    assert message.payload == REMINDER
    assert message.headers["ttl"] == "900"
    assert message.headers["content-encoding"] == "aes128gcm"
    assert message.claims["aud"] == stand_in.origin
    assert 0 < message.claims["exp"] - time.time() <= 24 * 3600
    assert message.claims["sub"].startswith("mailto:")


def test_it_sends_only_to_the_persons_own_devices(
    api: Any, other_api: Any, user: Any, stand_in: PushService
) -> None:
    mine, _ = subscribe(api, stand_in)
    theirs, _ = subscribe(other_api, stand_in)

    assert push_send_to_user(user_id=user.pk, payload=REMINDER) == 1

    assert len(stand_in.messages_for(mine)) == 1
    assert stand_in.messages_for(theirs) == []


@pytest.mark.parametrize("status", [404, 410])
def test_a_subscription_the_service_no_longer_knows_is_deleted(
    api: Any, user: Any, stand_in: PushService, status: int
) -> None:
    kept, _ = subscribe(api, stand_in)
    gone, gone_id = subscribe(api, stand_in)
    stand_in.answer(gone, status)

    assert push_send_to_user(user_id=user.pk, payload=REMINDER) == 1

    assert list(PushSubscription.objects.values_list("id", flat=True)) != [gone_id]
    assert not PushSubscription.objects.filter(pk=gone_id).exists()
    assert len(stand_in.messages_for(kept)) == 1


@pytest.mark.parametrize("status", [429, 500, 503])
def test_a_temporary_failure_raises_push_retry_naming_only_the_failed_device(
    api: Any, user: Any, stand_in: PushService, status: int
) -> None:
    fine, _ = subscribe(api, stand_in)
    busy, busy_id = subscribe(api, stand_in)
    stand_in.answer(busy, status)

    with pytest.raises(PushRetry) as raised:
        push_send_to_user(user_id=user.pk, payload=REMINDER)

    assert raised.value.delivered == 1
    assert raised.value.subscription_ids == [busy_id]
    assert PushSubscription.objects.filter(pk=busy_id).exists()
    # The retry goes to the failed device alone: the other one is not notified twice.
    stand_in.answers.clear()
    assert push_send_to_user(user_id=user.pk, payload=REMINDER, subscription_ids=[busy_id]) == 1
    assert len(stand_in.messages_for(fine)) == 1
    assert len(stand_in.messages_for(busy)) == 1


def test_a_redirect_is_not_followed(api: Any, user: Any, stand_in: PushService) -> None:
    browser, _ = subscribe(api, stand_in)
    stand_in.answer(browser, 307)

    assert push_send_to_user(user_id=user.pk, payload=REMINDER) == 0

    assert stand_in.received == []
    assert PushSubscription.objects.count() == 1


def test_a_push_service_whose_certificate_is_not_trusted_is_not_sent_to(
    api: Any, user: Any, stand_in: PushService, monkeypatch: Any
) -> None:
    browser, _ = subscribe(api, stand_in)
    # Without the test CA in the bundle, verification fails: it is never turned off.
    monkeypatch.delenv("SSL_CERT_FILE")
    monkeypatch.delenv("REQUESTS_CA_BUNDLE")

    with pytest.raises(PushRetry, match="SSLError"):
        push_send_to_user(user_id=user.pk, payload=REMINDER)

    assert stand_in.messages_for(browser) == []


def test_an_endpoint_resolving_to_loopback_is_not_sent_to_when_private_networks_are_refused(
    api: Any, user: Any, stand_in: PushService, settings: Any
) -> None:
    browser, _ = subscribe(api, stand_in)  # accepted while development allowed it
    settings.OUTBOUND_ALLOW_PRIVATE = False

    assert push_send_to_user(user_id=user.pk, payload=REMINDER) == 0

    assert stand_in.messages_for(browser) == []
    assert PushSubscription.objects.count() == 1  # kept: the name may point elsewhere later


def test_a_payload_too_large_for_one_record_is_refused_before_sending(
    api: Any, user: Any, stand_in: PushService
) -> None:
    subscribe(api, stand_in)
    with pytest.raises(ValueError, match="bytes"):
        push_send_to_user(user_id=user.pk, payload={"kind": "test", "body": "x" * 5000})
    assert stand_in.received == []


def test_connections_to_the_push_service_are_reused(
    api: Any, user: Any, stand_in: PushService
) -> None:
    subscribe(api, stand_in)
    for _ in range(5):
        push_send_to_user(user_id=user.pk, payload=REMINDER)
    pools = list(push._pools._pools.values())
    assert len(pools) == 1
    assert pools[0].num_connections == 1
    assert pools[0].num_requests == 5


def test_the_vapid_token_is_signed_once_per_push_service_and_reused(
    api: Any, user: Any, stand_in: PushService
) -> None:
    browser, _ = subscribe(api, stand_in)
    push_send_to_user(user_id=user.pk, payload=REMINDER)
    push_send_to_user(user_id=user.pk, payload=REMINDER)
    first, second = stand_in.messages_for(browser)
    assert first.headers["authorization"] == second.headers["authorization"]


PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "k" * 20 + "production-secret-key-for-a-test-0123456789abcdefghij",
    "ALLOWED_HOSTS": "habits.example.com",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/habits",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}
CHECK = (
    "from django.core.checks import run_checks\n"
    "for m in run_checks(include_deployment_checks=True):\n"
    "    print(m.id, m.msg)\n"
)


def test_the_deploy_check_refuses_production_without_a_vapid_key() -> None:
    result = run_django(CHECK, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "reminders.E001 VAPID_PRIVATE_KEY must be set" in result.stdout


def test_the_deploy_check_refuses_a_public_key_that_does_not_match() -> None:
    code = (
        "from cryptography.hazmat.primitives.asymmetric import ec\n"
        "from py_vapid import b64urlencode\n"
        "k = ec.generate_private_key(ec.SECP256R1())\n"
        "print(b64urlencode(k.private_numbers().private_value.to_bytes(32, 'big')))\n"
    )
    private = run_django(code).stdout.strip()
    other = run_django(code).stdout.strip()
    public_of_other = run_django(
        "from reminders.push import push_vapid_public_key\nprint(push_vapid_public_key())",
        VAPID_PRIVATE_KEY=other,
    ).stdout.strip()
    env = PRODUCTION | {
        "VAPID_PRIVATE_KEY": private,
        "VAPID_PUBLIC_KEY": public_of_other,
        "VAPID_SUBJECT": "mailto:ops@example.com",
    }
    result = run_django(CHECK, **env)
    assert "reminders.E001 VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY" in result.stdout
    good = run_django(CHECK, **(env | {"VAPID_PUBLIC_KEY": ""}))
    assert "reminders.E001" not in good.stdout, good.stdout + good.stderr


def test_the_deploy_check_refuses_a_key_that_is_not_a_p256_key() -> None:
    env = PRODUCTION | {"VAPID_PRIVATE_KEY": "bm90IGEga2V5", "VAPID_SUBJECT": "mailto:a@b.example"}
    result = run_django(CHECK, **env)
    assert "reminders.E001 VAPID_PRIVATE_KEY is not a P-256 private key" in result.stdout


def test_a_second_message_within_the_hour_reads_the_devices_and_writes_nothing(
    api: Any, user: Any, stand_in: PushService, django_assert_num_queries: Any
) -> None:
    subscribe(api, stand_in)
    push_send_to_user(user_id=user.pk, payload=REMINDER)
    first = PushSubscription.objects.get().last_success_at
    assert first is not None

    with django_assert_num_queries(1):
        assert push_send_to_user(user_id=user.pk, payload=REMINDER) == 1

    assert PushSubscription.objects.get().last_success_at == first
