"""The whole process: the Bolt app plus the scheduled deliveries (dispatcher and scheduler).

`create_app` stays the way to get just the app (tests, adapters); `build_runtime` adds the scheduler,
wired so that every team setup change re-derives the jobs (`Services.teams_changed`). The sender gets
its own `Services`: they hold no state of their own, everything is in the database. Every scheduled
sender gets its workspace's client from `WorkspaceClients` (bot/clients.py), never one global client.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from apscheduler.schedulers.base import BaseScheduler
from slack_bolt import App

from bot.app import build_services, create_app, make_client, utc_now
from bot.clients import WorkspaceClients
from bot.config import Settings
from bot.oauth import oauth_wiring
from bot.post_meter import meter_of
from bot.senders.dm_warmup import SlackDmOpener
from bot.senders.follow_ups import CoachingSlackSender
from bot.senders.notices import SlackNoticeSender
from bot.senders.prompt_repair import SlackQuestionPoster
from bot.senders.slack_sender import SlackSender
from scheduling.dispatch import Dispatcher, SummaryPublisher
from scheduling.dm_warmup import DEFAULT_OPENS_PER_MINUTE, DmWarmup
from scheduling.follow_ups import FollowUpDispatcher
from scheduling.installed_only import InstalledOnlyFollowUps, InstalledOnlyNotices, InstalledOnlySender
from scheduling.leadership import Leadership
from scheduling.notices import NoticeDispatcher
from scheduling.pacing import DEFAULT_LOOKUPS_PER_MINUTE, DEFAULT_RATE_PER_MINUTE, Budget, as_budget, budget
from scheduling.prompt_repair import PromptRepair
from scheduling.retention import Retention
from scheduling.scheduler import PulseScheduler
from scheduling.send_loop import SendLoop
from scheduling.summaries import SummaryService
from storage.db import Database
from survey_flows.workspace_lifecycle import InstalledCheck, WorkspaceLifecycle

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Runtime:
    app: App
    dispatcher: Dispatcher
    scheduler: PulseScheduler
    teams_changed: Callable[[], None]
    """What the listeners call after a team setup change (the same hook as `Services.teams_changed`)."""
    follow_ups: FollowUpDispatcher | None = None
    """Sends the due coaching follow-up reminders (the scheduler's `follow_ups` job, leader only)."""
    retention: Retention | None = None
    """Deletes answers older than RETENTION_MONTHS (the scheduler's daily `retention` job, leader only)."""
    dm_warmup: DmWarmup | None = None
    """Opens members' DM channels ahead of their first pulse (the scheduler's `dm_warmup`, leader only)."""
    notices: NoticeDispatcher | None = None
    """Sends the notices team changes owe (the scheduler's `notices`, leader only)."""
    prompt_repair: PromptRepair | None = None
    """Posts the questions whose post was given up (the scheduler's `prompt_repair`, leader only)."""
    send_loop: SendLoop | None = None
    """This replica's share of the sending (every replica), started beside the scheduler."""

    def start_sending(self) -> None:
        if self.send_loop is not None:
            self.send_loop.start()

    def stop_sending(self) -> None:
        if self.send_loop is not None:
            self.send_loop.stop()


class _LateHook:
    """`teams_changed` for the listeners, pointed at the scheduler once it exists. A failure here must
    not fail the setup the user just saved: it is logged and the periodic reconcile catches up."""

    def __init__(self) -> None:
        self.target: Callable[[], object] | None = None

    def __call__(self) -> None:
        if self.target is None:
            return
        try:
            self.target()
        except Exception:
            log.exception("re-deriving the scheduled jobs failed; the periodic reconcile will retry")


def build_runtime(
    settings: Settings,
    db: Database,
    *,
    clock: Callable[[], datetime] = utc_now,
    listener_executor: Executor | None = None,
    summary_publisher: SummaryPublisher | None = None,
    rate_per_minute: float = DEFAULT_RATE_PER_MINUTE,
    pace: Budget | Callable[[], None] | None = None,
    scheduler: BaseScheduler | None = None,
    leadership: Leadership | None = None,
    dm_opens_per_minute: float = DEFAULT_OPENS_PER_MINUTE,
    open_pace: Budget | Callable[[], None] | None = None,
    send_workers: int | None = None,
    lookups_per_minute: float = DEFAULT_LOOKUPS_PER_MINUTE,
    lookup_pace: Budget | Callable[[], None] | None = None,
) -> Runtime:
    hook = _LateHook()
    installed = InstalledCheck(db)  # the app's lifecycle listener and every scheduled send share it
    oauth = (
        oauth_wiring(
            settings, db, make_client(settings), WorkspaceLifecycle(db, clock, installed).reinstalled
        )
        if settings.oauth is not None
        else None
    )
    # conversations.open (Tier 3) and users.info (Tier 4): one budget each per workspace, which the
    # listeners spend at once (people first) and the DM warm-up and the scheduled senders wait for
    opens = as_budget(open_pace) if open_pace is not None else budget(db, "opens", dm_opens_per_minute, 5)
    lookups = (
        as_budget(lookup_pace) if lookup_pace is not None else budget(db, "lookups", lookups_per_minute, 5)
    )
    app = create_app(
        settings,
        db,
        clock=clock,
        listener_executor=listener_executor,
        teams_changed=hook,
        installed=installed,
        oauth=oauth,
        budgets=(opens, lookups),
    )
    # every scheduled sender sends as the bot of the workspace it sends to, its posts on the same meter
    clients = (
        WorkspaceClients.single(app.client)
        if oauth is None
        else WorkspaceClients(partial(make_client, settings, meter=meter_of(app.client)), oauth.rotation)
    )
    services = build_services(settings, db, clock, budgets=(opens, lookups))
    services.profiles.waits = True  # the scheduled senders wait for their tokens
    sender = InstalledOnlySender(SlackSender(clients, services), installed)
    leadership = leadership or Leadership(db, clock)
    if summary_publisher is None:
        summary_publisher = SummaryService(db, clock, sender, claimer=leadership.holder).publish
    dispatcher = Dispatcher(
        db,
        clock,
        sender,
        services.flow,
        rate_per_minute=rate_per_minute,
        pace=pace,
        summary_publisher=summary_publisher,
        workers=send_workers,
        claimer=leadership.holder,
    )
    if (meter := meter_of(app.client)) is not None:
        meter.posts = dispatcher.pace  # every chat.postMessage counts against the workspace's budget
    dm_warmup = DmWarmup(db, clock, SlackDmOpener(clients), pace=opens)
    follow_ups = FollowUpDispatcher(
        db, clock, InstalledOnlyFollowUps(CoachingSlackSender(clients, services), installed)
    )
    retention = Retention(db, clock, settings.retention_months, grace_days=settings.uninstall_grace_days)
    notices = NoticeDispatcher(
        db, clock, InstalledOnlyNotices(SlackNoticeSender(clients, services.profiles), installed)
    )
    poster = SlackQuestionPoster(clients, services.conversation)
    repair = PromptRepair(db, clock, poster, settings.default_locale, pace=dispatcher.pace)
    pulse_scheduler = PulseScheduler(
        dispatcher,
        leadership,
        scheduler=scheduler,
        follow_ups=follow_ups.send_due,
        retention=retention.run,
        dm_warmup=dm_warmup.run,
        notices=notices.send_pending,
        prompt_repair=repair.run,
    )
    hook.target = pulse_scheduler.teams_changed
    return Runtime(
        app,
        dispatcher,
        pulse_scheduler,
        hook,
        follow_ups,
        retention,
        dm_warmup,
        notices=notices,
        prompt_repair=repair,
        send_loop=SendLoop(dispatcher, leadership.holder),
    )
