"""`python -m bot` and `balansebrett` (what `make run` starts): `run` (the default), `console`, `demo`, `report`.

`run` checks the settings, migrates the database and runs the Slack app; with no Slack tokens at all it says
so in one line and starts the terminal console on the demo workspace instead (console/). Every way start-up
can fail that a user can fix (settings, token, network, database) ends in one localized line on stderr and
exit code 2, never a traceback.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

from dotenv import find_dotenv, load_dotenv

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


def run() -> int:
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
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # a lease tick every 30 s is not news
    from slack_sdk.errors import SlackApiError, SlackClientError
    from sqlalchemy.exc import SQLAlchemyError

    from bot.http_server import DATABASE_CONNECTIONS, listener_executor, serve
    from bot.oauth import reencrypt_on_start
    from bot.runtime import build_runtime
    from storage.db import Database
    from storage.migrate import upgrade

    log = logging.getLogger("balansebrett")
    locale = settings.default_locale
    try:
        upgrade(settings.database_url)
        db = Database.from_url(settings.database_url, pool_size=DATABASE_CONNECTIONS)
        reencrypt_on_start(settings, db)  # OAuth mode: stored tokens under the first TOKEN_ENCRYPTION_KEY
    except SQLAlchemyError as exc:
        return _fail(
            t(locale, "config.database", error=type(exc.orig if hasattr(exc, "orig") else exc).__name__)
        )
    try:
        # HTTP mode: more listener threads than Bolt's 5, so an ack never waits behind other listeners
        executor = None if settings.socket_mode else listener_executor()
        runtime = build_runtime(  # Bolt checks the token here
            settings,
            db,
            listener_executor=executor,
            rate_per_minute=settings.posts_per_minute,
            dm_opens_per_minute=settings.dm_opens_per_minute,
        )
    except SlackApiError as exc:
        return _fail(t(locale, "config.slack_rejected", error=exc.response.get("error")))
    except (SlackClientError, OSError) as exc:
        return _fail(t(locale, "config.slack_unreachable", url=settings.api_url, error=type(exc).__name__))
    app = runtime.app
    runtime.scheduler.start()  # scheduled pulses; only the lease holder among replicas sends
    try:
        if settings.socket_mode:
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            log.info("starting in Socket Mode")
            SocketModeHandler(app, settings.app_token).start()
        else:
            log.info("starting in HTTP mode on port %s (POST /slack/events)", settings.port)
            serve(app, settings.port)
    except KeyboardInterrupt:
        log.info("stopped")
    finally:
        runtime.scheduler.shutdown()
    return 0


def _fail(message: str) -> int:
    print(f"Balansebrett: {message}", file=sys.stderr)
    return 2


def _tool(argv: list[str]) -> int | None:
    """`python -m bot demo …` and `python -m bot report …`: the demo workspace and the team report."""
    if argv[:1] == ["demo"]:
        from demo.cli import main as demo

        return demo(argv[1:])
    if argv[:1] == ["report"]:
        from reports.cli import main as report

        return report(argv[1:])
    return None


if __name__ == "__main__":
    code = _tool(sys.argv[1:])
    sys.exit(main() if code is None else code)
