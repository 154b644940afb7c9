"""HTTP mode for production: Bolt's WSGI adapter served by waitress, a multi-threaded WSGI server.

`App.start()` is Bolt's development server: `http.server.HTTPServer`, one request at a time, so one
slow request delays every other seller's ack. Here waitress accepts connections on one I/O thread and
runs requests on a pool of worker threads; a request only holds its worker until it is acked (the
listener goes on in Bolt's listener executor), so the pool stays small.

Routes (`HttpServer`): `POST /slack/events` (commands, interactivity and events), and the probes
`GET /healthz` (the process serves: no database touched) and `GET /readyz` (200 when the database is
reachable and at the migrations' head, else 503 and a short reason; storage/health.py). Anything else
answers 404. The probes carry no signature: they say nothing but "ok" or the fixed reason.

`HttpServer` binds its port when it is made (so a port in use is found before anything starts), serves in
the calling thread until asked to stop, and then drains (bot/shutdown.py): it closes the listening socket at
once, so new connections are refused and the load balancer sends them elsewhere, and keeps serving the
requests already under way, also one whose body is still arriving, until they are answered or the time is up.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ThreadPoolExecutor, wait
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress import wasyncore
from waitress.server import BaseWSGIServer, create_server

EVENTS_PATH = "/slack/events"
HTTP_THREADS = 8
"""Waitress worker threads: each holds a request until it is acked (at once for buttons and `/balanse`;
a view submission waits for its listener, which answers in the ack)."""
LISTENER_THREADS = 12
"""Bolt's listener executor (Bolt's default: 5 threads), where every listener runs. Listeners spend most
of their time waiting on the database and Slack. Buttons and `/balanse` are acked in the request's own
thread before their listener is queued (`bolt_workarounds.ack_at_once`), so this pool decides how soon
the next question is posted, not how soon Slack gets its ack (docs/PERFORMANCE.md)."""
SCHEDULER_THREADS = 5
"""The scheduler's 4 workers and its lease thread."""
SEND_LOOP_HELPERS = 2
"""The send loop's heartbeat and take-over threads (scheduling/send_loop.py)."""


def database_connections(sends: int) -> int:
    """The database pool of one process when DATABASE_POOL_SIZE does not set it: one connection for every
    thread that can hold one, so none waits (waitress's request threads, where Bolt authorizes; the
    listeners; the scheduler; `sends` in flight, the dispatcher's slots; the send loop's helpers). The pool
    is also the most this process opens (no overflow): N replicas open at most N times it, which is what
    PostgreSQL's max_connections must hold (docs/DEPLOY.md). SQLAlchemy's default pool of 5 had each
    checkout beyond them open a new PostgreSQL connection: 125 in one latency benchmark."""
    return HTTP_THREADS + LISTENER_THREADS + SCHEDULER_THREADS + sends + SEND_LOOP_HELPERS


HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
LOOP_SECONDS = 0.2
"""How often the serving loop looks whether it is asked to stop (a signal interrupts its wait anyway)."""

log = logging.getLogger(__name__)

WsgiApp = Callable[[Any, Any], Iterable[bytes]]


class ListenerExecutor(ThreadPoolExecutor):
    """Bolt's listener executor, which knows what it still runs: a shutdown waits for those listeners
    (bounded), since each is the rest of a request Slack already got its ack for."""

    def __init__(self, max_workers: int) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="listener")
        self._pending: set[Future[Any]] = set()
        self._pending_lock = threading.Lock()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._pending_lock:  # so a listener done at once is discarded after it was added, not before
            future = super().submit(fn, *args, **kwargs)
            self._pending.add(future)
        future.add_done_callback(self._done)
        return future

    def _done(self, future: Future[Any]) -> None:
        with self._pending_lock:
            self._pending.discard(future)

    def drain(self, timeout: float) -> int:
        """Take no more listeners and wait up to `timeout` s for those under way; how many are left."""
        with self._pending_lock:
            pending = set(self._pending)
        _, left = wait(pending, timeout=max(timeout, 0))
        self.shutdown(wait=False, cancel_futures=True)
        return len(left)


def listener_executor(max_workers: int = LISTENER_THREADS) -> ListenerExecutor:
    return ListenerExecutor(max_workers)


def drain_listeners(executor: Executor | None, timeout: float) -> int:
    return executor.drain(timeout) if isinstance(executor, ListenerExecutor) else 0


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


def _plain(start_response: Any, status: str, text: str) -> list[bytes]:
    body = text.encode()
    start_response(
        status,
        [
            ("Content-Type", "text/plain;charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
        ],
    )
    return [body]


class HttpServer:
    """waitress on `port` with the probes and, in HTTP mode, Bolt's /slack/events (`events`). Binds all
    interfaces, like `App.start`: put it behind an HTTPS reverse proxy. Raises OSError when the port
    cannot be bound."""

    def __init__(
        self,
        port: int,
        *,
        ready: Callable[[], str | None],
        events: WsgiApp | None = None,
        host: str = "0.0.0.0",  # noqa: S104
        threads: int = HTTP_THREADS,
    ) -> None:
        self._ready = ready
        self._events = events
        self._stopping = False
        self._not_serving = threading.Event()  # `drain` must not turn the loop while `serve` still does
        self._not_serving.set()
        self._map: dict[int, Any] = {}
        self._server: BaseWSGIServer = create_server(
            self._route, map=self._map, host=host, port=port, threads=threads, ident="balansebrett"
        )
        self.port: int = self._server.effective_port

    def _route(self, wsgi_environ: Any, start_response: Any) -> Iterable[bytes]:
        path = wsgi_environ.get("PATH_INFO", "")
        if path in (HEALTH_PATH, READY_PATH):
            if wsgi_environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
                return _plain(start_response, "405 Method Not Allowed", "method not allowed")
            if path == HEALTH_PATH:
                return _plain(start_response, "200 OK", "ok")
            problem = "shutting down" if self._stopping else self._ready()
            if problem is None:
                return _plain(start_response, "200 OK", "ready")
            return _plain(start_response, "503 Service Unavailable", problem)
        if self._events is not None:
            return self._events(wsgi_environ, start_response)
        return _plain(start_response, "404 Not Found", "not found")

    def serve(self, until: threading.Event) -> None:
        """Serve in this thread until `until` is set (by bot/shutdown.py's signal handler)."""
        routes = f"{HEALTH_PATH}, {READY_PATH}" + (f", POST {EVENTS_PATH}" if self._events else "")
        log.info("serving %s on port %s (waitress)", routes, self.port)
        self._not_serving.clear()
        try:
            while not until.is_set():
                self._turn()
        finally:
            self._not_serving.set()

    def _turn(self) -> None:
        wasyncore.loop(timeout=LOOP_SECONDS, map=self._map, use_poll=True, count=1)

    def drain(self, timeout: float) -> int:
        """After `serve()` returned: refuse new connections, answer the requests under way (up to
        `timeout` s), close every connection; how many requests were left unanswered."""
        self._stopping = True
        self._not_serving.wait(LOOP_SECONDS * 5)  # `serve` in another thread (Socket Mode's probes) returns
        server = self._server
        for _ in range(2):  # the connections the kernel already accepted, and what they already sent
            wasyncore.loop(timeout=0, map=self._map, use_poll=True, count=1)
        server.accepting = False
        wasyncore.dispatcher.close(server)  # the listening socket: new connections are refused now
        deadline = time.monotonic() + max(timeout, 0)
        while (busy := self._busy()) and time.monotonic() < deadline:
            self._turn()
        for channel in list(server.active_channels.values()):
            channel.will_close = True
        self._turn()
        server.trigger.close()
        server.task_dispatcher.shutdown(cancel_pending=True, timeout=2)
        return busy

    def _busy(self) -> int:
        """Requests under way; a connection with none is closed (a keep-alive connection gets no new one)."""
        busy = 0
        for channel in list(self._server.active_channels.values()):
            if channel.requests or channel.request is not None or channel.total_outbufs_len:
                busy += 1
            else:
                channel.will_close = True
        return busy
