"""Two workspaces of the same shape over one database, the listeners the app registers, and what Slack was
asked to show (the sweep of every listener is tests/support/isolation_sweep.py).

Workspace A (T1) and workspace B (T2) each have a team with a manager and three sellers, a published weekly
summary, sellers' survey answers and the manager's coaching request about a seller (with a written
observation). Each workspace has its own bot token, so each app is authorized for its own workspace, as
an installation is. The sweep then drives every registered listener through the real Bolt app with signed
requests, replaying the other workspace's button values (run ids, team ids, coaching request ids) and
naming its people, and collects everything the requests made Slack show: acks, posts, edits, views,
ephemeral responses and uploaded files.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from unittest.mock import patch

from slack_bolt import App
from sqlalchemy import select
from sqlmodel import SQLModel

from bot.app import create_app
from scheduling.summaries import SummaryService
from storage.models import Role
from survey_flows.views import TeamView
from tests.support.coaching import _PostNothing, answer_dialogue
from tests.support.fake_slack import FakeSlack
from tests.support.fake_slack_oauth import FakeSlackOAuth
from tests.support.harness import SIGNING_SECRET, Clock, Harness, button
from tests.support.oauth import oauth_settings, open_install_link, redirect, served
from tests.support.slack_requests import SlackRequests
from tests.support.summary_weeks import SUMMARY_TIME, add_member, answer_pulse, make_team, uniform


@dataclass(frozen=True)
class Cast:
    workspace: str
    token: str
    channel: str
    team: str
    manager: tuple[str, str]
    """(user id, full name)"""
    sellers: tuple[tuple[str, str], ...]
    note: str
    """What the manager wrote about the first seller."""
    figures: tuple[int, int]
    """The sellers' safety and standard answers (the summary's means)."""

    @property
    def secrets(self) -> tuple[str, ...]:
        """What nobody outside this workspace may see: its team, its people's names, the note, its sellers' ids
        (Slack shows a mention <@U…> as the name; a form lists people by id). Its channel id
        is left out: requests from elsewhere name it themselves, and an answer may repeat what it was asked)."""
        names = [self.manager[1]] + [name for _, name in self.sellers]
        mentions = tuple(f"<@{user_id}" for user_id, _ in self.sellers)  # in a text
        listed = tuple(f'"{user_id}"' for user_id, _ in self.sellers)  # in a form's list of people
        return (self.team, self.note, *names, *(handle(name) for name in names), *mentions, *listed)


def handle(name: str) -> str:
    return name.lower().replace(" ", "_")


A = Cast(
    "T1",
    "xoxb-test-token",
    "CALFA",
    "Alfasalg Oslo",
    ("UA1", "Agnes Alfheim"),
    (("UA4", "Astrid Aasen"), ("UA5", "Arne Alvestad"), ("UA6", "Aud Amundrud")),
    "Astrid glemmer oppfølgingen av Aurorakunden",
    (5, 2),
)
B = Cast(
    "T2",
    "xoxb-workspace-b",
    "CBETA",
    "Betasalg Bergen",
    ("UB1", "Berit Bjørnstad"),
    (("UB4", "Bjørn Brekke"), ("UB5", "Bodil Berge"), ("UB6", "Brage Bøe")),
    "Bjørn svarer sent på Boreaskunden",
    (2, 4),
)


def workspace_harness(fake: FakeSlack, db_url: str, clock: Clock, cast: Cast) -> Harness:
    """The app of `cast`'s workspace (its own token) over the shared database."""
    fake.add_workspace(cast.token, cast.workspace)
    harness = Harness(fake, db_url, clock)
    harness.settings = dataclasses.replace(harness.settings, bot_token=cast.token)
    harness.requests = SlackRequests(SIGNING_SECRET, team_id=cast.workspace, response_url=fake.response_url)
    harness.restart()
    return harness


@contextmanager
def one_installed_app(fake: FakeSlack, db_url: str, clock: Clock) -> Iterator[tuple[Harness, Harness]]:
    """OAuth mode: one app, both workspaces installed through its install link; a harness for each
    workspace's requests, sharing the app, its database and its listener threads."""
    a = Harness(fake, db_url, clock)
    with FakeSlackOAuth(fake) as oauth:
        a.settings = oauth_settings(a)
        a.restart()
        with served(a.app) as base:
            for cast in (A, B):
                oauth.add_workspace(cast.workspace, cast.team)
                link = open_install_link(base)
                assert redirect(base, link, oauth.approve(cast.workspace)).status == 200
                token = str(fake.calls_to("oauth.v2.access")[-1].response["access_token"])
                fake.add_workspace(token, cast.workspace)  # its users and channels are the workspace's
        b = copy.copy(a)
        for harness, cast in ((a, A), (b, B)):
            harness.requests = SlackRequests(
                SIGNING_SECRET, team_id=cast.workspace, response_url=fake.response_url
            )
        try:
            yield a, b
        finally:
            a.close()


def populate(harness: Harness, cast: Cast) -> None:
    """The workspace's people in Slack; its team and published summary in the database; sellers' answers
    and the manager's coaching request through the real app."""
    fake = harness.fake
    manager, manager_name = cast.manager
    fake.add_user(
        manager, team_id=cast.workspace, name=handle(manager_name), real_name=manager_name, is_admin=True
    )
    for user_id, name in cast.sellers:
        fake.add_user(user_id, team_id=cast.workspace, name=handle(name), real_name=name)
    fake.set_members(cast.channel, [manager, *(u for u, _ in cast.sellers), "UBOT"], team_id=cast.workspace)
    with harness.db.session() as s:
        team = make_team(s, channel=cast.channel, name=cast.team, workspace=cast.workspace, min_respondents=3)
        add_member(s, team, manager, role=Role.MANAGER)
        for user_id, _ in cast.sellers:
            answer_pulse(s, team, add_member(s, team, user_id), uniform(*cast.figures, 3))
        view = TeamView.of(team)
    SummaryService(harness.db, lambda: SUMMARY_TIME, _PostNothing()).publish(view, SUMMARY_TIME)  # type: ignore[arg-type]
    harness.clock.now = SUMMARY_TIME + timedelta(hours=1)
    first, first_name = cast.sellers[0]
    harness.command("survey", user_id=first)
    for value in (4, 2):
        last = harness.questions(first)[-1]
        harness.tap(button(last, value), last, user_id=first)
    harness.command(f"coach <@{first}|{handle(first_name)}> {cast.note}", user_id=manager)
    answer_dialogue(harness, {"competence": "low", "will": "high"}, user_id=manager)


def button_values(fake: FakeSlack) -> dict[str, str]:
    """Every button the fake was shown so far: action id -> value (the latest of each)."""
    found: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "button" and "action_id" in node:
                found[str(node["action_id"])] = str(node.get("value", ""))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for call in fake.calls:
        walk(call.params)
    return found


def rows_of(harness: Harness, workspace: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of the workspace in every table (to prove another workspace's requests change none)."""
    rows: dict[str, list[dict[str, Any]]] = {}
    with harness.db.engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            column = table.c.get("workspace_id") if "workspace_id" in table.c else table.c.get("id")
            if table.name != "workspace" and "workspace_id" not in table.c:
                continue
            found = conn.execute(select(table).where(column == workspace)).mappings().all()
            rows[table.name] = sorted((dict(r) for r in found), key=repr)
    return rows


# -- the listeners the app registers ---------------------------------------------------------------------

REGISTRARS = (
    "action",
    "attachment_action",
    "block_action",
    "block_suggestion",
    "command",
    "dialog_cancellation",
    "dialog_submission",
    "dialog_suggestion",
    "event",
    "function",
    "global_shortcut",
    "message",
    "message_shortcut",
    "options",
    "shortcut",
    "view",
    "view_closed",
    "view_submission",
)


def _key(constraints: Any) -> str:
    if isinstance(constraints, re.Pattern):
        return constraints.pattern
    if isinstance(constraints, dict):
        return json.dumps(constraints, sort_keys=True, default=str)
    return str(constraints)


def registered_listeners(harness: Harness) -> set[tuple[str, str]]:
    """(kind, constraint) of every listener the app registers, as it builds itself; asserts no listener
    got in any other way."""
    found: list[tuple[str, str]] = []
    with ExitStack() as stack:
        for kind in REGISTRARS:
            original = getattr(App, kind)

            def recording(
                self: App, constraints: Any, *args: Any, _o: Any = original, _k: str = kind, **kw: Any
            ):
                found.append((_k, _key(constraints)))
                return _o(self, constraints, *args, **kw)

            stack.enter_context(patch.object(App, kind, recording))
        app = create_app(
            harness.settings, harness.db, clock=harness.clock, listener_executor=harness.executor
        )
    assert len(app._listeners) == len(found), "a listener registered without a recorded constraint"
    return set(found)


# -- what Slack was asked to show -----------------------------------------------------------------------


@dataclass
class Seen:
    """Everything Slack was asked to show while the sweep ran."""

    texts: list[str] = field(default_factory=list)

    def joined(self) -> str:
        return "\n".join(self.texts)

    def leaks(self, secrets: tuple[str, ...]) -> list[str]:
        shown = self.joined().casefold()
        return [secret for secret in secrets if secret.casefold() in shown]


@contextmanager
def watching(harness: Harness) -> Iterator[Seen]:
    """What the requests sent inside the block made Slack show (the fake's calls, uploads and acks)."""
    fake, seen = harness.fake, Seen()
    fake.forget_calls()
    uploads_before = set(fake.uploads)
    send = harness.send

    def recording_send(request: Any) -> Any:
        response = send(request)
        seen.texts.append(str(response.body))
        return response

    harness.send = recording_send  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        harness.send = send  # type: ignore[method-assign]
        seen.texts.extend(_shown(c.params) for c in fake.calls if c.method in SHOWN)
        seen.texts.extend(
            data.decode("utf-8", "replace") for k, data in fake.uploads.items() if k not in uploads_before
        )


SHOWN = frozenset(
    {
        "chat.postMessage",
        "chat.postEphemeral",
        "chat.update",
        "chat.scheduleMessage",
        "views.open",
        "views.publish",
        "views.update",
        "views.push",
        "files.completeUploadExternal",
        "response_url",
    }
)
"""The Web API methods that show something to someone (a look-up such as users.info shows nothing)."""


def _shown(params: dict[str, Any]) -> str:
    """What a call shows: its texts, blocks and views (not the channel it goes to)."""
    fields = ("text", "blocks", "attachments", "view", "initial_comment", "title", "files")
    return json.dumps({k: params[k] for k in fields if k in params}, ensure_ascii=False, default=str)
