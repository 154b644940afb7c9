"""Socket Mode has no HTTP endpoint of its own, but a container's HEALTHCHECK and an orchestrator still ask
`/healthz` and `/readyz`: with PORT set, `python -m bot` serves the probes (and nothing else) beside the
Socket Mode connection, and stops serving them when it stops."""

from __future__ import annotations

import signal
import socket
from pathlib import Path
from typing import Any

import pytest
import slack_bolt.adapter.socket_mode as socket_mode

from bot.__main__ import main
from storage.migrate import upgrade
from tests.ops.conftest import probe
from tests.support.bot_process import free_port
from tests.support.fake_slack import FakeSlack


def test_socket_mode_serves_the_probes_on_port_when_it_is_set(
    fake_slack: FakeSlack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_url = f"sqlite:///{tmp_path / 'bot.db'}"
    upgrade(db_url)
    port = free_port()
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-socket-probes")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-socket-probes")
    monkeypatch.setenv("SLACK_API_URL", fake_slack.url)
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("PORT", str(port))
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    seen: dict[str, Any] = {}

    class ConnectedSocketModeHandler:
        def __init__(self, app: Any, app_token: str) -> None:
            pass

        def connect(self) -> None:  # connected: what would a probe see now?
            seen["healthz"] = probe(port, "/healthz")
            seen["readyz"] = probe(port, "/readyz")
            seen["events"] = probe(port, "/slack/events", method="POST")[0]
            signal.raise_signal(signal.SIGTERM)

        def close(self) -> None:
            pass

    monkeypatch.setattr(socket_mode, "SocketModeHandler", ConnectedSocketModeHandler)

    assert main([]) == 0

    assert seen == {"healthz": (200, "ok"), "readyz": (200, "ready"), "events": 404}
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
