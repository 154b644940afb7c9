"""Builds the Bolt app: its WebClient with retries (with the bot token of .env, or in OAuth mode the
stores that authorize each workspace, bot/oauth.py), the services, the listeners, the error handler."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import UTC, datetime

from slack_bolt import App
from slack_sdk import WebClient

from bot.advice_conversation import AdviceConversation
from bot.config import Settings
from bot.conversation import SurveyConversation
from bot.errors import make_error_handler
from bot.listeners import register_listeners
from bot.messages.mrkdwn import RenderingClient, render_on_the_way_out
from bot.oauth import OAuthWiring, oauth_wiring
from bot.post_meter import PostMeter
from bot.profiles import Profiles
from bot.recovery import look_up_pace, use_history_tier
from bot.requester import resolve_requester
from bot.retries import retry_handlers
from bot.services import Services
from bot.setup_access import SetupAccess
from reports.team_report import TeamReports
from scheduling.pacing import Budget
from storage.db import Database
from survey_flows.advice import AdviceFlow
from survey_flows.direct_messages import DirectMessages
from survey_flows.privacy import PrivacyService
from survey_flows.profiles import ProfileStore
from survey_flows.summary_on_demand import SummaryOnDemand
from survey_flows.survey import SurveyFlow
from survey_flows.team_glance import TeamGlances
from survey_flows.teams import TeamService
from survey_flows.workspace_lifecycle import InstalledCheck, WorkspaceLifecycle


def utc_now() -> datetime:
    return datetime.now(UTC)


def _api_logger() -> logging.Logger:
    api_log = logging.getLogger("balansebrett.slack_api")
    if api_log.level < logging.INFO:  # NOTSET (0) included: the SDK checks .level itself
        api_log.setLevel(logging.INFO)
    return api_log


def make_client(
    settings: Settings, token: str | None = None, team_id: str | None = None, meter: PostMeter | None = None
) -> WebClient:
    """A WebClient that waits out 429s (Retry-After) and retries 500/503 and connection errors, two
    retries for each kind (bot/retries.py).

    Its logger stays at INFO whatever LOG_LEVEL says: at DEBUG the SDK logs every request and response
    body, which would put answers and results next to the seller's DM channel (and profiles) in the log.

    `token`: a workspace's own token in OAuth mode (bot/clients.py); else the one of .env (none in OAuth
    mode: the app's own client then only reaches oauth.v2.access). `meter`: the app client's, so a
    workspace's client counts its posts against the same budgets (bot/post_meter.py).
    """
    return RenderingClient(
        token=token or settings.bot_token or None,
        team_id=team_id,
        base_url=settings.api_url,
        timeout=10,
        logger=_api_logger(),
        retry_handlers=[*retry_handlers(), meter or PostMeter()],  # (the meter never retries)
    )


ProfileBudgets = tuple[Budget, Budget]
"""The workspace budgets of conversations.open and users.info, shared with the scheduled senders."""


def build_services(
    settings: Settings,
    db: Database,
    clock: Callable[[], datetime] = utc_now,
    teams_changed: Callable[[], None] | None = None,
    installed: InstalledCheck | None = None,
    budgets: ProfileBudgets | None = None,
) -> Services:
    flow = SurveyFlow(db, clock)
    opens, lookups = budgets if budgets is not None else (None, None)
    profiles = Profiles(  # a person's request: it spends its budgets' tokens without waiting (people first)
        ProfileStore(db, clock), settings.default_locale, opens, lookup_pace=lookups, waits=False
    )
    extra = {"teams_changed": teams_changed} if teams_changed is not None else {}
    advice = AdviceFlow(db, clock)  # reads the published summaries; the clock publishes them
    return Services(
        flow=flow,
        profiles=profiles,
        conversation=SurveyConversation(flow, profiles),
        default_locale=settings.default_locale,
        teams=TeamService(db, clock),
        advice=advice,
        advice_conversation=AdviceConversation(advice, profiles),
        privacy=PrivacyService(db, clock),
        setup_access=SetupAccess(lambda _workspace_id: frozenset(settings.team_creators)),
        direct_messages=DirectMessages(db, clock),
        team_glances=TeamGlances(db, clock),
        summaries=SummaryOnDemand(db, clock),
        reports=TeamReports(db, clock),
        workspaces=WorkspaceLifecycle(db, clock, installed),
        **extra,
    )


def create_app(
    settings: Settings,
    db: Database,
    *,
    clock: Callable[[], datetime] = utc_now,
    listener_executor: Executor | None = None,
    teams_changed: Callable[[], None] | None = None,
    installed: InstalledCheck | None = None,
    oauth: OAuthWiring | None = None,
    budgets: ProfileBudgets | None = None,
) -> App:
    """The Bolt app. `installed` is the process's one cache of "is the app installed there?", shared with
    the scheduled senders (bot/runtime.py) so an uninstall seen here stops them at once. `oauth`: OAuth
    mode's stores and token rotation (bot/oauth.py), made here when settings ask for OAuth mode and none
    is given."""
    client = make_client(settings)
    installed = installed or InstalledCheck(db)
    if oauth is None and settings.oauth is not None:
        oauth = oauth_wiring(settings, db, client, WorkspaceLifecycle(db, clock, installed).reinstalled)
    app = App(
        client=client,
        signing_secret=settings.signing_secret or "",
        logger=logging.getLogger("balansebrett.bolt"),
        listener_executor=listener_executor,
        **(oauth.app_options() if oauth is not None else {}),
    )
    # a listener failing right after ack() must not turn the ack into a 404 (sticky); texts leave rendered
    app.use(render_on_the_way_out)
    services = build_services(settings, db, clock, teams_changed, installed, budgets)
    # the look-up before a repeat (bot/recovery.py): under Tier 1 paced by all replicas together
    use_history_tier(settings.history_tier, look_up_pace(db))
    app.use(resolve_requester(services.profiles))  # workspace, user and language, once per request
    register_listeners(app, services)
    app.error(make_error_handler(settings.default_locale, settings.signing_secret))
    return app
