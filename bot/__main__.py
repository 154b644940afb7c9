"""`python -m bot` and `balansebrett` (what `make run` starts): `run` (the default), `console`, `demo`, `report`.

`run` checks the settings, takes the SQLite file's process lock, migrates the database, builds the Slack app,
binds PORT (the probes, and /slack/events in HTTP mode; docs/DEPLOY.md) and runs until SIGTERM or SIGINT, then
stops gracefully (bot/shutdown.py) and exits 0. With no Slack tokens at all it says so in one line and starts
the terminal console on the demo workspace instead (console/). Every way start-up can fail that a user can fix
(settings, token, network, database, a second process on the SQLite file, the port) ends in one localized
line on stderr and exit code 2, never a traceback. A new start-up check is one more step in `run()` that
raises `StartFailure` with its line.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dotenv import find_dotenv, load_dotenv

if TYPE_CHECKING:  # imported where used, so `console`, `demo` and `report` start without Slack's libraries
    from bot.config import Settings
    from bot.http_server import HttpServer, ListenerExecutor
    from bot.runtime import Runtime
    from storage.db import Database
    from storage.process_lock import ProcessLock

COMMANDS = ("console", "demo", "report")
"""The other front ends, each a module with `main(argv) -> int`, imported only when asked for."""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    load_dotenv(find_dotenv(usecwd=True))
    if args and args[0] in ("-h", "--help", "help"):
        from coaching.i18n import t
        from coaching.locale import DEFAULT_LOCALE, resolve_locale

        print(t(resolve_locale(os.environ.get("DEFAULT_LOCALE"), DEFAULT_LOCALE), "terminal.usage"))
        return 0
    command = args.pop(0) if args and args[0] in (*COMMANDS, "run") else "run"
    if command in COMMANDS:
        return _front_end(command, args)
    return run()


def _front_end(command: str, args: list[str]) -> int:
    if command == "console":
        from console.cli import main as console

        return console(args)
    if command == "demo":
        from demo.cli import main as demo

        return demo(args)
    from reports.cli import main as report

    return report(args)


class StartFailure(Exception):
    """A start-up step failed in a way the user can fix; the message is the one localized line to show."""


def run() -> int:
    """Start-up as a sequence of steps, each raising StartFailure with its one line: settings, logging,
    the SQLite file's process lock, migrations, the app (Bolt checks the token), the port, the scheduler;
    then serve until SIGTERM or SIGINT and stop gracefully (bot/shutdown.py)."""
    from bot.config import ConfigError, Settings, slack_configured
    from coaching.i18n import t

    if not slack_configured():
        from coaching.locale import DEFAULT_LOCALE, resolve_locale

        locale = resolve_locale(os.environ.get("DEFAULT_LOCALE"), DEFAULT_LOCALE)
        print(t(locale, "terminal.no_slack"), file=sys.stderr)
        return _front_end("console", ["--demo"])
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        return _fail(str(exc))
    # The token now lives in `settings` and goes to Slack through the app's own client only. Left in the
    # environment, Bolt's App() would read it too and warn on every start that it "will be unused".
    os.environ.pop("SLACK_BOT_TOKEN", None)
    _configure_logging(settings.log_level)
    threads_before = frozenset(threading.enumerate())
    try:
        lock = _hold_database(settings)
    except StartFailure as exc:
        return _fail(str(exc))
    try:
        db = _migrated_database(settings)
        listeners = _listener_executor(settings)
        runtime = _build_runtime(settings, db, listeners)
        server = _http_server(settings, runtime)
    except StartFailure as exc:
        return _fail(str(exc))
    else:
        _serve(settings, runtime, server, listeners, threads_before)
        return 0
    finally:
        if lock is not None:
            lock.release()


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # a lease tick every 30 s is not news


def _hold_database(settings: Settings) -> ProcessLock | None:
    """SQLite: one `run` per database file (storage/process_lock.py), held until `run` returns."""
    from coaching.i18n import t
    from storage.process_lock import DatabaseInUse, hold_database

    try:
        return hold_database(settings.database_url)
    except DatabaseInUse as exc:
        raise StartFailure(t(settings.default_locale, "config.database_in_use", path=exc.path)) from None


def _migrated_database(settings: Settings) -> Database:
    from sqlalchemy.exc import SQLAlchemyError

    from bot.http_server import database_connections
    from bot.oauth import reencrypt_on_start
    from coaching.i18n import t
    from scheduling.pacing import workers_for
    from storage.db import Database
    from storage.migrate import upgrade

    try:
        upgrade(settings.database_url)  # replicas starting together: one migrates, under a lock
        pool = settings.database_pool_size or database_connections(workers_for(settings.posts_per_minute))
        db = Database.from_url(settings.database_url, pool_size=pool, max_overflow=0)
        reencrypt_on_start(settings, db)  # OAuth mode: stored tokens under the first TOKEN_ENCRYPTION_KEY
        return db
    except SQLAlchemyError as exc:
        error = type(exc.orig if hasattr(exc, "orig") else exc).__name__
        raise StartFailure(t(settings.default_locale, "config.database", error=error)) from None


def _listener_executor(settings: Settings) -> ListenerExecutor:
    """Bolt's listener threads, drained at shutdown. HTTP mode: more than Bolt's 5, so an ack never
    waits behind other listeners; Socket Mode keeps Bolt's 5."""
    from bot.http_server import listener_executor

    return listener_executor(5) if settings.socket_mode else listener_executor()


def _build_runtime(settings: Settings, db: Database, listeners: ListenerExecutor) -> Runtime:
    from slack_sdk.errors import SlackApiError, SlackClientError

    from bot.runtime import build_runtime
    from coaching.i18n import t

    locale = settings.default_locale
    try:
        return build_runtime(  # Bolt checks the token here
            settings,
            db,
            listener_executor=listeners,
            rate_per_minute=settings.posts_per_minute,
            dm_opens_per_minute=settings.dm_opens_per_minute,
            lookups_per_minute=settings.lookups_per_minute,
        )
    except SlackApiError as exc:
        raise StartFailure(t(locale, "config.slack_rejected", error=exc.response.get("error"))) from None
    except (SlackClientError, OSError) as exc:
        error = type(exc).__name__
        raise StartFailure(t(locale, "config.slack_unreachable", url=settings.api_url, error=error)) from None


def _http_server(settings: Settings, runtime: Runtime) -> HttpServer | None:
    """Bind PORT: the probes, and /slack/events in HTTP mode. Socket Mode serves the probes only when
    PORT is set (a container's HEALTHCHECK), so a Socket Mode bot on a laptop binds no port."""
    from bot.http_server import HttpServer, wsgi_app
    from coaching.i18n import t
    from storage.health import Readiness

    if settings.socket_mode and not os.environ.get("PORT", "").strip():
        return None
    events = None if settings.socket_mode else wsgi_app(runtime.app)
    try:
        return HttpServer(settings.port, ready=Readiness(settings.database_url).problem, events=events)
    except OSError as exc:
        locale = settings.default_locale
        if exc.errno == errno.EADDRINUSE:
            raise StartFailure(t(locale, "config.port_in_use", port=settings.port)) from None
        error = errno.errorcode.get(exc.errno or 0, type(exc).__name__)
        raise StartFailure(t(locale, "config.port_unavailable", port=settings.port, error=error)) from None


def _serve(
    settings: Settings,
    runtime: Runtime,
    server: HttpServer | None,
    listeners: ListenerExecutor,
    threads_before: frozenset[threading.Thread],
) -> None:
    from bot.shutdown import StopSignals, stop_gracefully

    log = logging.getLogger("balansebrett")
    with StopSignals() as stop:
        runtime.scheduler.start()  # scheduled pulses; only the lease holder among replicas plans them
        runtime.start_sending()  # every replica sends what the leader planned
        disconnect = None
        if settings.socket_mode:
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            log.info("starting in Socket Mode")
            if server is not None:  # the probes, in a thread of their own
                threading.Thread(
                    target=server.serve, args=(stop.requested,), name="probes", daemon=True
                ).start()
            handler = SocketModeHandler(runtime.app, settings.app_token)
            handler.connect()
            disconnect = handler.close
            stop.requested.wait()
        elif server is not None:  # always, in HTTP mode
            log.info("starting in HTTP mode on port %s (POST /slack/events)", settings.port)
            server.serve(stop.requested)
        runtime.stop_sending()  # its sends in flight finish; its claims left are taken over at once
        stop_gracefully(
            scheduler=runtime.scheduler,
            server=server,
            listeners=listeners,
            disconnect=disconnect,
            started_before=threads_before,
        )


def _fail(message: str) -> int:
    print(f"Balansebrett: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
