"""HTTP mode for production: Bolt's WSGI adapter served by waitress, a multi-threaded WSGI server.

`App.start()` is Bolt's development server: `http.server.HTTPServer`, one request at a time, so one
slow request delays every other seller's ack. Here waitress accepts connections on one I/O thread and
runs requests on a pool of worker threads; a request only holds its worker until the listener has
called `ack()` (the listener itself goes on in Bolt's listener executor), so the pool stays small.

Routes: `POST /slack/events` (commands, interactivity and events); anything else answers 404.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

EVENTS_PATH = "/slack/events"
HTTP_THREADS = 8
"""Waitress worker threads: requests waiting for their listener's ack() at the same time."""
LISTENER_THREADS = 12
"""Bolt's listener executor (Bolt's default: 5 threads). A request is acked only once its listener has
started in this pool, and listeners spend most of their time waiting on the database and Slack, so
with 5 threads a tap waited for other sellers' listeners (the answer-latency benchmark, docs/
PERFORMANCE.md). Kept below the database pool's 15 connections (SQLAlchemy's 5 + 10 overflow)."""

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
