"""The sweep of tests/support/isolation.py: requests for every listener the app registers, from one
workspace's people, replaying another workspace's button values and naming its people and channel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from survey_flows.commands import Command
from tests.support.harness import Harness
from tests.support.isolation import Cast, Seen, handle, watching
from tests.support.slack_requests import SlackRequests


@dataclass(frozen=True)
class Sweep:
    """Whom the requests claim to come from, and the button values they replay."""

    requests: SlackRequests
    manager: str
    seller: str
    values: dict[str, str]
    other: Cast
    """The workspace whose ids and names the requests name (forged values, mentions, typed names)."""
    own: SlackRequests
    """The installation's own workspace, for what only Slack says about the install itself."""


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
            _command(lambda sw: f"coach <@{first(sw)[0]}|{handle(first(sw)[1])}> {other(sw).note}"),
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
        ("event", "app_uninstalled"): [_last(_install_event({"type": "app_uninstalled"}))],
        ("event", "tokens_revoked"): [
            _last(_install_event({"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT"]}}))
        ],
    }


def _install_event(event: dict[str, Any]) -> Case:
    """An event about the install itself: Slack sends it for the installation's own workspace (Bolt
    authorizes it by the team it names), so it comes from `own`; it must change nothing of another's."""

    def case(h: Harness, sw: Sweep) -> None:
        h.send(sw.own.event(event))

    return case


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


def run_sweep(harness: Harness, sweep: Sweep) -> Seen:
    """Every case of every listener, from `sweep`'s requests, through `harness`'s app."""
    with watching(harness) as seen:
        every = [case for found in cases().values() for case in found]
        for case in sorted(every, key=lambda case: getattr(case, "last", False)):
            case(harness, sweep)
    return seen
