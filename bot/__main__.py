"""`python -m bot` (what `make run` starts): check settings, migrate the database, run the app."""

from __future__ import annotations

import logging
import sys

from dotenv import load_dotenv


def main() -> int:
    load_dotenv()
    from bot.config import ConfigError, Settings

    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"Balansebrett: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    from bot.app import create_app
    from storage.db import Database
    from storage.migrate import upgrade

    log = logging.getLogger("balansebrett")
    upgrade(settings.database_url)
    db = Database.from_url(settings.database_url)
    app = create_app(settings, db)
    if settings.socket_mode:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.info("starting in Socket Mode")
        SocketModeHandler(app, settings.app_token).start()
    else:
        log.info("starting in HTTP mode on port %s (POST /slack/events)", settings.port)
        app.start(port=settings.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
