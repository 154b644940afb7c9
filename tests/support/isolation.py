"""Two workspaces of the same shape over one database, and a sweep of every listener from one of them.

Workspace A (T1) and workspace B (T2) each have a team with a manager and three sellers, a published weekly
summary, sellers' survey answers and the manager's coaching request about a seller (with a written
observation). Each workspace has its own bot token, so each app is authorized for its own workspace, as
an installation is. `sweep` then drives every registered listener through the real Bolt app with signed
requests, replaying the other workspace's button values (run ids, team ids, coaching request ids) and
naming its people, and collects everything the requests made Slack show: acks, posts, edits, views,
ephemeral responses and uploaded files.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterator
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
from survey_flows.commands import Command
from survey_flows.views import TeamView
from tests.support.coaching import _PostNothing, answer_dialogue
from tests.support.fake_slack import FakeSlack
from tests.support.harness import SIGNING_SECRET, Clock, Harness, button
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
        return (self.team, self.note, *names, *(_handle(name) for name in names), *mentions, *listed)


def _handle(name: str) -> str:
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


def populate(harness: Harness, cast: Cast) -> None:
    """The workspace's people in Slack; its team and published summary in the database; sellers' answers
    and the manager's coaching request through the real app."""
    fake = harness.fake
    manager, manager_name = cast.manager
    fake.add_user(
        manager, team_id=cast.workspace, name=_handle(manager_name), real_name=manager_name, is_admin=True
    )
    for user_id, name in cast.sellers:
        fake.add_user(user_id, team_id=cast.workspace, name=_handle(name), real_name=name)
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
    harness.command(f"coach <@{first}|{_handle(first_name)}> {cast.note}", user_id=manager)
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


# -- the sweep -------------------------------------------------------------------------------------------


@dataclass
class Seen:
    """Everything Slack was asked to show while the sweep ran."""

    texts: list[str] = field(default_factory=list)

    def joined(self) -> str:
        return "\n".join(self.texts)

    def leaks(self, secrets: tuple[str, ...]) -> list[str]:
        shown = self.joined().casefold()
        return [secret for secret in secrets if secret.casefold() in shown]


@dataclass(frozen=True)
class Sweep:
    """Whom the requests claim to come from, and the button values they replay."""

    requests: SlackRequests
    manager: str
    seller: str
    values: dict[str, str]
    other: Cast
    """The workspace whose ids and names the requests name (forged values, mentions, typed names)."""


Case = Callable[[Harness, Sweep], None]


def _tap(
    action_id: str, default: str, *, block_id: str = "b", who: str = "manager", home: bool = False
) -> Case:
    def case(h: Harness, sw: Sweep) -> None:
        user = sw.manager if who == "manager" else sw.seller
        value = sw.values.get(action_id, default)
        where: dict[str, Any] = {} if home else {"channel_id": "D" + user, "message_ts": "1800000000.000100"}
        h.send(
            sw.requests.block_action(
                user_id=user, action_id=action_id, value=value, block_id=block_id, **where
            )
        )

    return case


def _command(
    text: Callable[[Sweep], str], who: str = "manager", channel: Callable[[Sweep], str] | None = None
) -> Case:
    def case(h: Harness, sw: Sweep) -> None:
        user = sw.manager if who == "manager" else sw.seller
        h.send(sw.requests.slash_command(text(sw), user_id=user, channel_id=channel(sw) if channel else None))

    return case


def _last(case: Case) -> Case:
    """A case that takes the requester's data away (leaving the team, forget-me): the sweep runs it after
    every other, so the others still find the data to guard."""
    case.last = True  # type: ignore[attr-defined]
    return case


def _forget_me(h: Harness, sw: Sweep) -> None:
    h.send(sw.requests.slash_command("forget-me", user_id=sw.seller))


def each_command() -> dict[Command, list[Case]]:
    other = lambda sw: sw.other  # noqa: E731
    first = lambda sw: other(sw).sellers[0]  # noqa: E731
    return {
        Command.SURVEY: [_command(lambda sw: "survey", "seller")],
        Command.PULSE: [_command(lambda sw: "pulse", "seller")],
        Command.SELF: [_command(lambda sw: "self", "manager")],
        Command.HELP: [_command(lambda sw: "help")],
        Command.COACH: [
            _command(lambda sw: f"coach <@{first(sw)[0]}|{_handle(first(sw)[1])}> {other(sw).note}"),
            _command(lambda sw: "coach"),
        ],
        Command.SETUP: [_command(lambda sw: "setup", channel=lambda sw: other(sw).channel)],
        Command.LEAVE: [_last(_command(lambda sw: "leave", "seller")), _last(_command(lambda sw: "leave"))],
        Command.SUMMARY: [_command(lambda sw: "summary")],
        Command.REPORT: [_command(lambda sw: "report")],
        Command.FORGET_ME: [_forget_me],
        Command.EXPORT: [_command(lambda sw: "export"), _command(lambda sw: "export", "seller")],
        Command.UNKNOWN: [_command(lambda sw: other(sw).team)],
    }


def _event(build: Callable[[Sweep], dict[str, Any]]) -> Case:
    def case(h: Harness, sw: Sweep) -> None:
        h.send(sw.requests.event(build(sw)))

    return case


def _messages(h: Harness, sw: Sweep) -> None:
    other = sw.other
    for text, thread in (
        (f"hvordan håndterer jeg {other.sellers[0][1].split()[0]}?", None),
        (f"hvordan håndterer jeg <@{other.sellers[0][0]}>?", None),
        ("4", sw.values.get("thread", "1800000000.000000")),
    ):
        h.send(
            sw.requests.message_event(
                user_id=sw.manager if thread is None else sw.seller,
                text=text,
                channel_id="D" + (sw.manager if thread is None else sw.seller),
                ts=f"1800000001.{len(h.fake.calls):06d}",
                thread_ts=thread,
            )
        )


def _home(h: Harness, sw: Sweep) -> None:
    for user in (sw.manager, sw.seller):
        h.send(sw.requests.app_home_opened(user_id=user))


def _view(
    callback_id: str, values: Callable[[Sweep], dict[str, Any]], metadata: Callable[[Sweep], str]
) -> Case:
    def case(h: Harness, sw: Sweep) -> None:
        h.send(
            sw.requests.view_submission(
                user_id=sw.manager, callback_id=callback_id, values=values(sw), private_metadata=metadata(sw)
            )
        )

    return case


def _setup_values(sw: Sweep) -> dict[str, Any]:
    members = [u for u, _ in sw.other.sellers]
    return {
        "setup_name": {"setup_name": {"type": "plain_text_input", "value": "Overtatt"}},
        "setup_managers": {"setup_managers": {"type": "multi_users_select", "selected_users": [sw.manager]}},
        "setup_members": {"setup_members": {"type": "multi_users_select", "selected_users": members}},
    }


def _person_values(sw: Sweep) -> dict[str, Any]:
    return {
        "coach_person": {"coach_person": {"type": "users_select", "selected_user": sw.other.sellers[0][0]}},
        "coach_text": {"coach_text": {"type": "plain_text_input", "value": sw.other.note}},
    }


def cases() -> dict[tuple[str, str], list[Case]]:
    """One or more requests for every listener the app registers, by (kind, constraint)."""
    commands = [case for found in each_command().values() for case in found]
    return {
        ("command", "/balanse"): commands,
        ("action", r"^answer_[0-5]$"): [_tap("answer_4", "1:q01:4", block_id="answer_buttons", who="seller")],
        ("action", "continue_run"): [_tap("continue_run", "1", who="seller", home=True)],
        ("action", "start_survey"): [_tap("start_survey", "full", who="seller", home=True)],
        ("action", "start_pulse"): [_tap("start_pulse", "pulse", who="seller", home=True)],
        ("action", "start_self"): [_tap("start_self", "self", home=True)],
        ("action", r"^coach_answer_[0-9]$"): [
            _tap("coach_answer_0", "1:competence:low", block_id="coach_buttons")
        ],
        ("action", r"^coach_follow_up_[124]$"): [_tap("coach_follow_up_2", "1", block_id="coach_follow_up")],
        ("action", "coach_another"): [_tap("coach_another", "1", block_id="coach_follow_up")],
        ("action", "coach_more"): [_tap("coach_more", "1", block_id="coach_more")],
        ("action", "coach_again"): [_tap("coach_again", "1", block_id="coach_follow_up")],
        ("action", "coach_delete"): [_tap("coach_delete", "1:x", block_id="coach_home", home=True)],
        ("action", r"^dm_pick_[0-9]{1,2}$"): [_dm_pick],
        ("action", "forget_me_confirm"): [
            _forget_me,
            _last(_tap("forget_me_confirm", "forget", who="seller")),
        ],
        ("action", "forget_me_cancel"): [_tap("forget_me_cancel", "forget", who="seller")],
        ("action", r"^summary_team_\d+$"): [_team_button("summary_team")],
        ("action", r"^report_team_\d+$"): [_team_button("report_team")],
        ("event", "app_home_opened"): [_home],
        ("event", "message"): [_messages],
        ("event", "member_left_channel"): [
            _event(
                lambda sw: {
                    "type": "member_left_channel",
                    "user": sw.other.sellers[1][0],
                    "channel": sw.other.channel,
                }
            )
        ],
        ("event", "user_change"): [
            _event(
                lambda sw: {"type": "user_change", "user": {"id": sw.other.sellers[2][0], "deleted": True}}
            )
        ],
        ("view", "team_setup"): [_view("team_setup", _setup_values, lambda sw: sw.other.channel)],
        ("view", "coach_person_modal"): [_view("coach_person_modal", _person_values, lambda sw: "")],
        ("shortcut", "coach_person"): [
            lambda h, sw: h.send(sw.requests.global_shortcut(user_id=sw.manager, callback_id="coach_person"))
        ],
    }


def _dm_pick(h: Harness, sw: Sweep) -> None:
    value = f"{sw.other.sellers[0][0]}:{sw.other.note}"
    h.send(
        sw.requests.block_action(
            user_id=sw.manager, action_id="dm_pick_0", value=value, channel_id="D" + sw.manager
        )
    )


def _team_button(prefix: str) -> Case:
    def case(h: Harness, sw: Sweep) -> None:
        team = sw.values.get("team", "1")
        h.send(
            sw.requests.block_action(
                user_id=sw.manager, action_id=f"{prefix}_{team}", value=team, channel_id="D" + sw.manager
            )
        )

    return case


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


def run_sweep(harness: Harness, sweep: Sweep) -> Seen:
    """Every case of every listener, from `sweep`'s requests, through `harness`'s app."""
    with watching(harness) as seen:
        every = [case for found in cases().values() for case in found]
        for case in sorted(every, key=lambda case: getattr(case, "last", False)):
            case(harness, sweep)
    return seen
