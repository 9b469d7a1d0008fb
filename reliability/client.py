"""A small JSON client on http.client: one keep-alive connection, cookies and the CSRF header.

It plays the SPA behind a TLS-terminating proxy: every request says X-Forwarded-Proto: https,
so production settings (Secure cookies, HTTPS-only CSRF checks) apply exactly as deployed, and
it keeps Secure cookies itself because the hop to gunicorn is plain HTTP.
"""

from __future__ import annotations

import http.client
import json
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

PASSWORD = "a long and sturdy passphrase"


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict[str, str]
    seconds: float

    def json(self) -> Any:
        return json.loads(self.body)


class Client:
    def __init__(self, port: int, *, timeout: float = 15.0, address: str | None = None) -> None:
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.address = address  # sent as X-Forwarded-For (production trusts the first hop)
        self._conn: http.client.HTTPConnection | None = None
        self.retries = 0  # requests sent again after a dropped keep-alive connection

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(self, method: str, path: str, body: Any = None, *, csrf: bool = True,
                raw: bytes | None = None, headers: dict[str, str] | None = None) -> Reply:  # fmt: skip
        """Send one request; a dropped connection raises (the caller counts it as failed)."""
        sent = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Origin": f"https://127.0.0.1:{self.port}",
            "Accept": "application/json",
        }
        if self.address:
            sent["X-Forwarded-For"] = self.address
        if method not in {"GET", "HEAD", "OPTIONS"} and csrf:
            if "csrftoken" not in self.cookies:
                self.request("GET", "/api/auth/csrf")
            sent["X-CSRFToken"] = self.cookies["csrftoken"]
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        if data is not None:
            sent["Content-Type"] = "application/json"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent.update(headers or {})
        started = time.perf_counter()
        for attempt in (1, 2):
            reused = self._conn is not None
            conn = self._connection()
            try:
                conn.request(method, path, body=data, headers=sent)
                response = conn.getresponse()
                payload = response.read()
                break
            except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
                self.close()
                # gunicorn closes idle keep-alive connections; a request that died on a
                # reused connection is sent once more on a new one, as browsers do.
                if not reused or attempt == 2:
                    raise
                self.retries += 1
            except Exception:
                self.close()
                raise
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return Reply(response.status, payload, dict(response.headers.items()), elapsed)

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, body: Any = None) -> Reply:
        return self.request("POST", path, body)

    def put(self, path: str, body: Any = None) -> Reply:
        return self.request("PUT", path, body)

    def delete(self, path: str) -> Reply:
        return self.request("DELETE", path)

    def register(self, email: str, password: str = PASSWORD) -> Reply:
        reply = self.post("/api/auth/register", {"email": email, "password": password})
        assert reply.status == 201, (reply.status, reply.body[:300])
        return reply


def session_copy(source: Client) -> Client:
    """Another connection with the same login, like a second browser tab."""
    twin = Client(source.port, timeout=source.timeout, address=source.address)
    twin.cookies = dict(source.cookies)
    return twin
