"""HTTP mode for production: Bolt's WSGI adapter served by waitress, a multi-threaded WSGI server.

`App.start()` is Bolt's development server: `http.server.HTTPServer`, one request at a time, so one
slow request delays every other seller's ack. Here waitress accepts connections on one I/O thread and
runs requests on a pool of worker threads; a request only holds its worker until it is acked (the
listener goes on in Bolt's listener executor), so the pool stays small.

Routes: `POST /slack/events` (commands, interactivity and events); anything else answers 404.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from scheduling.send_loop import SEND_LOOP_WORKERS

EVENTS_PATH = "/slack/events"
HTTP_THREADS = 8
"""Waitress worker threads: each holds a request until it is acked (at once for buttons and `/balanse`;
a view submission waits for its listener, which answers in the ack)."""
LISTENER_THREADS = 12
"""Bolt's listener executor (Bolt's default: 5 threads), where every listener runs. Listeners spend most
of their time waiting on the database and Slack. Buttons and `/balanse` are acked in the request's own
thread before their listener is queued (`bolt_workarounds.ack_at_once`), so this pool decides how soon
the next question is posted, not how soon Slack gets its ack (docs/PERFORMANCE.md)."""
DATABASE_CONNECTIONS = LISTENER_THREADS + 5 + SEND_LOOP_WORKERS + 2
"""The database pool kept open: every listener thread plus the scheduler's 4 workers and its lease thread,
and the send loop's workers, its heartbeat and its take-over thread (scheduling/send_loop.py),
can each hold a connection without one being opened and closed per transaction (SQLAlchemy keeps 5 by
default; beyond them each checkout opened a new PostgreSQL connection: 125 in one latency benchmark)."""

log = logging.getLogger(__name__)


def listener_executor(max_workers: int = LISTENER_THREADS) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="listener")


class _Handler(SlackRequestHandler):
    """Bolt takes the body apart before it checks the signature, and a body it cannot parse (invalid JSON,
    a field of the wrong type) raises here. Whoever sent it gets a plain 400, and the log gets the error's
    type only: never a traceback, never the body."""

    def __call__(self, environ: Any, start_response: Any) -> Iterable[bytes]:
        try:
            return super().__call__(environ, start_response)
        except Exception as exc:
            log.warning("unparseable request refused (%s)", type(exc).__name__)
            start_response("400 Bad Request", [("Content-Type", "text/plain;charset=utf-8")])
            return [b"Bad Request"]


def wsgi_app(app: App) -> SlackRequestHandler:
    """The WSGI callable (also usable under another WSGI server, e.g. `gunicorn`)."""
    return _Handler(app, path=EVENTS_PATH)


def serve(app: App, port: int, *, host: str = "0.0.0.0", threads: int = HTTP_THREADS) -> None:  # noqa: S104
    """Serve the app until interrupted (Ctrl-C or SIGINT). Binds all interfaces, like `App.start`:
    put it behind an HTTPS reverse proxy."""
    from waitress import serve as waitress_serve

    log.info("serving POST %s on %s:%s with %d threads (waitress)", EVENTS_PATH, host, port, threads)
    waitress_serve(wsgi_app(app), host=host, port=port, threads=threads, ident="balansebrett")
