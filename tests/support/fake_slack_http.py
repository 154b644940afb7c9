"""The HTTP side of the fake Slack: decoding Web API requests as slack_sdk encodes them."""

from __future__ import annotations

import base64
import contextlib
import json
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from tests.support.fake_slack_types import LOST

if TYPE_CHECKING:
    from tests.support.fake_slack import FakeSlack

Params = dict[str, Any]

# Form fields that slack_sdk serialises as JSON strings; the fake decodes them back into Python objects.
JSON_FIELDS = frozenset({"blocks", "attachments", "view", "files", "metadata", "unfurls", "user_auth_blocks"})


def _parse_body(content_type: str, raw: bytes) -> Params:
    """Decodes a JSON, form-encoded or multipart body into a flat dict."""
    if not raw:
        return {}
    if content_type.startswith("application/json"):
        data = json.loads(raw)
        return dict(data) if isinstance(data, dict) else {}
    if content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = BytesParser(policy=HTTP).parsebytes(head + raw)
        params: Params = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename():
                params[str(name)] = payload
            else:
                params[str(name)] = payload.decode("utf-8")
        return params
    return {k: v[-1] for k, v in parse_qs(raw.decode("utf-8"), keep_blank_values=True).items()}


def _decode_json_fields(params: Params) -> Params:
    for key in JSON_FIELDS & params.keys():
        value = params[key]
        if isinstance(value, str) and value[:1] in "[{":
            with contextlib.suppress(json.JSONDecodeError):
                params[key] = json.loads(value)
    return params


def _basic(auth: str) -> str:
    """The "client_id:client_secret" of an HTTP Basic header (how oauth.v2.access is called), else ""."""
    if not auth.startswith("Basic "):
        return ""
    with contextlib.suppress(ValueError):
        return base64.b64decode(auth.removeprefix("Basic ").strip()).decode("utf-8")
    return ""


def make_handler(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._dispatch("GET")

        def do_POST(self) -> None:
            self._dispatch("POST")

        def log_message(self, format: str, *args: Any) -> None:  # silence the default stderr log
            return

        def _dispatch(self, http_method: str) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            if parts.path.startswith("/upload/"):
                fake.store_upload(parts.path.removeprefix("/upload/"), raw)
                self._send(200, {"Content-Type": "text/plain"}, f"OK - {len(raw)}".encode())
                return
            if parts.path.startswith("/response/"):
                # A response_url: Slack shows the posted JSON (usually ephemeral) to the user.
                body = _parse_body(self.headers.get("Content-Type", ""), raw)
                _decode_json_fields(body)
                fake.record_response(parts.path, body)
                self._send(200, {"Content-Type": "text/plain"}, b"ok")
                return
            if not parts.path.startswith("/api/"):
                self._send(404, {"Content-Type": "text/plain"}, b"not found")
                return
            params: Params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            params.update(_parse_body(self.headers.get("Content-Type", ""), raw))
            _decode_json_fields(params)
            auth = self.headers.get("Authorization", "")
            token = auth.removeprefix("Bearer ").strip() if auth.startswith("Bearer ") else None
            body_token = params.pop("token", None)
            token = token or (str(body_token) if body_token else None)
            method = parts.path.removeprefix("/api/").strip("/")
            status, headers, body = fake.handle_api(method, params, token, _basic(auth), http_method)
            if status == LOST:
                self.close_connection = True  # the answer never arrives
                return
            self._send(status, headers, body)

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler
