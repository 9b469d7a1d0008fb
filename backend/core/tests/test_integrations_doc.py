"""Every HTTP call docs/integrations.md shows runs, as written, against a live server.

The doc's fenced blocks whose info string has `test` are extracted and run with a real
personal API token: the curl commands in bash, the Python in the venv's interpreter (the
generated client's block against a client generated here from the document), the webhook
verifiers (Python and Node) on the body and headers the delivery code makes for a real
check-in's event, and Home Assistant's REST sensors and rest_command with their templates
rendered by Jinja against the real answers.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from django.test import Client

from habits.models import Entry, Habit
from integrations.models_webhooks import WebhookMessage
from integrations.webhook_delivery import message_sign
from users.models import User

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

DOC = Path(__file__).resolve().parents[3] / "docs" / "integrations.md"
BLOCK = re.compile(r"^```(\w+) (test[^\n]*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
EXAMPLE_HOST = "https://habits.example.com"
EXAMPLE_HABIT = "/api/habits/12/"


def blocks(language: str, tag: str = "test") -> list[str]:
    found = [code for lang, _info, code in BLOCK.findall(DOC.read_text()) if lang == language]
    tagged = [
        code
        for lang, info, code in BLOCK.findall(DOC.read_text())
        if lang == language and info == tag
    ]
    assert found, f"no {language} test blocks in {DOC}"
    return tagged


@pytest.fixture
def account(live_server: Any) -> dict[str, Any]:
    user = User.objects.create_user(email="doc@example.com", password="pw-for-docs-123")
    user.timezone = "UTC"
    user.save()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    browser.get("/api/auth/csrf")
    csrf = {"X-CSRFToken": browser.cookies["csrftoken"].value}
    created = browser.post(
        "/api/tokens",
        data={"name": "Docs", "scope": "write", "expires_at": None},
        content_type="application/json",
        headers=csrf,
    )
    assert created.status_code == 201, created.content
    token = created.json()["token"]
    bearer = Client(headers={"Authorization": f"Bearer {token}"})
    walk = bearer.post(
        "/api/habits", data={"name": "Walk the dog"}, content_type="application/json"
    )
    weight = bearer.post(
        "/api/habits",
        data={"name": "Weight", "kind": "measurable", "unit": "kg", "target": 1},
        content_type="application/json",
    )
    assert walk.status_code == 201, walk.content
    assert weight.status_code == 201, weight.content
    return {
        "user": user,
        "browser": browser,
        "csrf": csrf,
        "token": token,
        "walk": walk.json()["id"],
        "weight": weight.json()["id"],
        "env": {
            **os.environ,
            "HABITS_URL": live_server.url,
            "HABITS_TOKEN": token,
            "HABIT_ID": str(walk.json()["id"]),
            "WEIGHT_HABIT_ID": str(weight.json()["id"]),
        },
    }


def today() -> dt.date:
    return dt.date.today()


def test_every_curl_command_in_the_doc_works_with_a_real_token(
    account: dict[str, Any], tmp_path: Path
) -> None:
    commands = blocks("sh")
    assert len(commands) >= 6
    for command in commands:
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", command],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=account["env"],
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        if result.stdout.strip():
            json.loads(result.stdout)  # every answer shown is JSON
        if "-X PUT" in command and "$HABIT_ID" in command:
            entry = Entry.objects.get(habit_id=account["walk"], date=today())
            assert (entry.status, entry.note) == ("done", "From the tag by the door")
        if "$WEIGHT_HABIT_ID" in command:
            weighed = Entry.objects.get(habit_id=account["weight"], date=today())
            assert float(weighed.value or 0) == 72.4
    # The last calls undid the check-in and downloaded the export.
    assert not Entry.objects.filter(habit_id=account["walk"], date=today()).exists()
    export = json.loads((tmp_path / "habits.json").read_text())
    assert "Walk the dog" in json.dumps(export)


def run_python(code: str, env: dict[str, str], cwd: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, (code, result.stdout, result.stderr)
    return result.stdout


def test_the_python_requests_example_checks_in_and_prints_progress(
    account: dict[str, Any], tmp_path: Path
) -> None:
    (code,) = [c for c in blocks("python") if "import requests" in c]
    output = run_python(code, account["env"], tmp_path)
    assert "1 of 2 habits done today" in output
    assert "Walk the dog: streak 1" in output
    assert Entry.objects.get(habit_id=account["walk"], date=today()).status == "done"


def test_the_generated_python_client_example_runs_against_the_live_server(
    account: dict[str, Any], tmp_path: Path, client: Client
) -> None:
    document = tmp_path / "openapi.json"
    document.write_text(json.dumps(client.get("/api/openapi.json").json()))
    bin_dir = Path(sys.executable).parent
    generated = subprocess.run(
        [str(bin_dir / "openapi-python-client"), "generate", "--path", str(document)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"},
        timeout=300,
        check=False,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    (code,) = [c for c in blocks("python") if "habit_tracker_api_client" in c]
    env = {**account["env"], "PYTHONPATH": str(tmp_path / "habit-tracker-api-client")}
    output = run_python(code, env, tmp_path)
    assert "checked in: done" in output
    assert f"1 of 2 done on {today().isoformat()}" in output
    assert "streak: 1" in output


@pytest.fixture
def signed_event(account: dict[str, Any]) -> dict[str, Any]:
    """What a delivery sends: the event a real check-in wrote to the outbox, signed by the
    delivery code (Standard Webhooks library) with the secret POST /api/webhooks handed out."""
    created = account["browser"].post(
        "/api/webhooks",
        data={"url": "https://example.com/hooks/habits", "events": ["entry.updated"]},
        content_type="application/json",
        headers=account["csrf"],
    )
    assert created.status_code == 201, created.content
    secret = created.json()["secret"]
    bearer = Client(headers={"Authorization": f"Bearer {account['token']}"})
    checked_in = bearer.put(
        f"/api/habits/{account['walk']}/entries/{today().isoformat()}",
        data={"status": "done"},
        content_type="application/json",
    )
    assert checked_in.status_code == 200, checked_in.content
    message = WebhookMessage.objects.get(endpoint_id=created.json()["id"])
    signed = message_sign(secret=secret, message=message, at=dt.datetime.now(dt.UTC))
    body = signed.pop("body")
    assert '"done"' in body
    return {"secret": secret, "body": body, "headers": signed}


def test_the_python_webhook_verifier_accepts_a_real_signature_and_refuses_a_changed_body(
    signed_event: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    (code,) = blocks("python", "test=webhook")
    monkeypatch.setenv("HABITS_WEBHOOK_SECRET", signed_event["secret"])
    namespace: dict[str, Any] = {}
    exec(compile(code, str(DOC), "exec"), namespace)  # noqa: S102 - the doc's own snippet
    verify = namespace["verify_habits_webhook"]
    event = verify(signed_event["body"].encode(), signed_event["headers"])
    assert event["type"] == "entry.updated"
    with pytest.raises(PermissionError):
        verify(signed_event["body"].replace("done", "skipped").encode(), signed_event["headers"])


def test_the_node_webhook_verifier_accepts_a_real_signature_and_refuses_a_changed_body(
    signed_event: dict[str, Any], tmp_path: Path
) -> None:
    node = shutil.which("node")
    assert node, "node is needed for the frontend and for this check"
    (code,) = blocks("js", "test=webhook")
    (tmp_path / "verify.mjs").write_text(code)
    (tmp_path / "check.mjs").write_text(
        """
import { verifyHabitsWebhook } from "./verify.mjs";
const { body, headers, secret } = JSON.parse(process.argv[2]);
const event = verifyHabitsWebhook(body, headers, secret);
let refused = false;
try { verifyHabitsWebhook(body.replace("done", "skipped"), headers, secret); }
catch { refused = true; }
console.log(JSON.stringify({ type: event.type, refused }));
"""
    )
    result = subprocess.run(
        [node, "check.mjs", json.dumps(signed_event)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"type": "entry.updated", "refused": True}


def home_assistant_config(account: dict[str, Any], live_url: str) -> dict[str, Any]:
    (text,) = blocks("yaml", "test=home-assistant")
    text = text.replace(EXAMPLE_HOST, live_url).replace(
        EXAMPLE_HABIT, f"/api/habits/{account['walk']}/"
    )

    class Loader(yaml.SafeLoader):
        pass

    secrets = {"habits_authorization": f"Bearer {account['token']}"}
    Loader.add_constructor("!secret", lambda loader, node: secrets[loader.construct_scalar(node)])
    return yaml.load(text, Loader=Loader)  # noqa: S506 - SafeLoader plus one constructor


def test_home_assistant_sensors_and_rest_command_work_against_real_answers(
    account: dict[str, Any], live_server: Any
) -> None:
    import requests

    config = home_assistant_config(account, live_server.url)
    templates = jinja2.Environment(autoescape=False)  # noqa: S701 - Home Assistant's templates
    templates.globals["now"] = dt.datetime.now

    command = config["rest_command"]["habits_walk_the_dog_done"]
    url = templates.from_string(command["url"]).render()
    answer = requests.request(
        command["method"].upper(),
        url,
        headers={**command["headers"], "Content-Type": command["content_type"]},
        data=command["payload"],
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    entry = Entry.objects.get(habit_id=account["walk"], date=today())
    assert (entry.status, entry.note) == ("done", "From Home Assistant")

    sensors = {sensor["unique_id"]: sensor for sensor in config["sensor"]}
    states = {}
    for unique_id, sensor in sensors.items():
        assert sensor["platform"] == "rest"
        response = requests.get(sensor["resource"], headers=sensor["headers"], timeout=10)
        assert response.status_code == 200, response.text
        value_json = response.json()
        states[unique_id] = templates.from_string(sensor["value_template"]).render(
            value_json=value_json
        )
        for attribute in sensor.get("json_attributes", []):
            assert attribute in value_json, (unique_id, attribute)
    assert states == {
        "habits_done_today": "1",
        "habits_due_today": str(Habit.objects.filter(owner=account["user"]).count()),
        "habits_walk_the_dog_streak": "1",
    }
