"""HTTP mode for production: Bolt's WSGI adapter served by waitress, a multi-threaded WSGI server.

`App.start()` is Bolt's development server: `http.server.HTTPServer`, one request at a time, so one
slow request delays every other seller's ack. Here waitress accepts connections on one I/O thread and
runs requests on a pool of worker threads; a request only holds its worker until the listener has
called `ack()` (the listener itself goes on in Bolt's listener executor), so the pool stays small.

Routes: `POST /slack/events` (commands, interactivity and events); anything else answers 404.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

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


def wsgi_app(app: App) -> SlackRequestHandler:
    """The WSGI callable (also usable under another WSGI server, e.g. `gunicorn`)."""
    return SlackRequestHandler(app, path=EVENTS_PATH)


def serve(app: App, port: int, *, host: str = "0.0.0.0", threads: int = HTTP_THREADS) -> None:  # noqa: S104
    """Serve the app until interrupted (Ctrl-C or SIGINT). Binds all interfaces, like `App.start`:
    put it behind an HTTPS reverse proxy."""
    from waitress import serve as waitress_serve

    log.info("serving POST %s on %s:%s with %d threads (waitress)", EVENTS_PATH, host, port, threads)
    waitress_serve(wsgi_app(app), host=host, port=port, threads=threads, ident="balansebrett")
