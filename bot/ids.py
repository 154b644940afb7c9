"""Action and block ids: the contract between the messages we post and the listeners that answer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class ActionId(StrEnum):
    ANSWER_PREFIX = "answer_"
    """Followed by the choice (answer_1 .. answer_5, answer_0 for "don't know"): ids must be unique per block."""
    CONTINUE_RUN = "continue_run"
    START_SURVEY = "start_survey"
    START_PULSE = "start_pulse"
    START_SELF = "start_self"
    # Team setup modal: one element per input block
    SETUP_NAME = "setup_name"
    SETUP_MANAGERS = "setup_managers"
    SETUP_MEMBERS = "setup_members"
    SETUP_PULSE_DAY = "setup_pulse_day"
    SETUP_PULSE_TIME = "setup_pulse_time"
    SETUP_SUMMARY_DAY = "setup_summary_day"
    SETUP_SUMMARY_TIME = "setup_summary_time"
    SETUP_LOCALE = "setup_locale"
    SETUP_MIN_RESPONDENTS = "setup_min_respondents"
    SETUP_CUTOFF = "setup_cutoff"
    SETUP_NO_SEND_DATES = "setup_no_send_dates"
    SETUP_PULSE_NOW = "setup_pulse_now"
    # The summary on demand: a manager of several teams picks one (the value is the team id)
    SUMMARY_TEAM = "summary_team"
    REPORT_TEAM = "report_team"
    # Coaching dialogue
    COACH_ANSWER_PREFIX = "coach_answer_"
    """Followed by the button's place (coach_answer_0 .. coach_answer_5); the value is a CoachRef."""
    COACH_FOLLOW_UP_PREFIX = "coach_follow_up_"
    """Followed by the weeks (coach_follow_up_1, _2, _4); the value is the request id."""
    COACH_ANOTHER = "coach_another"
    COACH_MORE = "coach_more"
    """The advice's "more" button; the value is the request id, so it works after a restart."""
    COACH_AGAIN = "coach_again"
    COACH_DELETE = "coach_delete"
    COACH_PERSON = "coach_person"
    COACH_TEXT = "coach_text"
    DM_PICK_PREFIX = "dm_pick_"
    """Followed by the button's place (dm_pick_0 ..): a seller offered when a DM's name was asked back."""
    # Privacy: forget-me's confirmation
    FORGET_ME_CONFIRM = "forget_me_confirm"
    FORGET_ME_CANCEL = "forget_me_cancel"


ANSWER_ACTION = re.compile(r"^answer_[0-5]$")
COACH_ANSWER_ACTION = re.compile(r"^coach_answer_[0-9]$")
COACH_FOLLOW_UP_ACTION = re.compile(r"^coach_follow_up_[124]$")
DM_PICK_ACTION = re.compile(r"^dm_pick_[0-9]{1,2}$")


class BlockId(StrEnum):
    QUESTION = "question"
    ANSWER_BUTTONS = "answer_buttons"
    HOME_ACTIONS = "home_actions"
    HOME_NOTICE = "home_notice"
    # Team setup modal (errors are returned per block id)
    SETUP_INTRO = "setup_intro"
    SETUP_NAME = "setup_name"
    SETUP_MANAGERS = "setup_managers"
    SETUP_MEMBERS = "setup_members"
    SETUP_PULSE_DAY = "setup_pulse_day"
    SETUP_PULSE_TIME = "setup_pulse_time"
    SETUP_SUMMARY_DAY = "setup_summary_day"
    SETUP_SUMMARY_TIME = "setup_summary_time"
    SETUP_LOCALE = "setup_locale"
    SETUP_MIN_RESPONDENTS = "setup_min_respondents"
    SETUP_CUTOFF = "setup_cutoff"
    SETUP_NO_SEND_DATES = "setup_no_send_dates"
    SETUP_PULSE_NOW = "setup_pulse_now"
    SUMMARY_TEAMS = "summary_teams"
    REPORT_TEAMS = "report_teams"
    # Coaching dialogue
    COACH_QUESTION = "coach_question"
    COACH_BUTTONS = "coach_buttons"
    COACH_FOLLOW_UP = "coach_follow_up"
    COACH_MORE = "coach_more"
    COACH_HOME = "coach_home"
    COACH_PERSON = "coach_person"
    COACH_TEXT = "coach_text"
    FORGET_ME = "forget_me"
    DM_PICK = "dm_pick"


class CallbackId(StrEnum):
    """Modal callback ids (view_submission listeners)."""

    TEAM_SETUP = "team_setup"
    COACH_PERSON = "coach_person_modal"


class ShortcutId(StrEnum):
    """Global shortcut callback ids (manifest.yaml, features.shortcuts)."""

    COACH_PERSON = "coach_person"


MAX_ID = 2**31 - 1
"""The largest key an INTEGER column holds on PostgreSQL: a button naming more can only be forged."""


def _is_id(raw: str) -> bool:
    """ASCII digits within the database's integer range ("²" is a digit to str.isdigit but not to int())."""
    return raw.isascii() and raw.isdigit() and len(raw) <= 10 and int(raw) <= MAX_ID


def parse_id(raw: object) -> int | None:
    """A database id as a button carries it (App Home's Continue), None for anything else: a forged or
    garbled value never reaches int() or a query."""
    return int(raw) if isinstance(raw, str) and _is_id(raw) else None


def _split_ref(raw: str) -> tuple[int, str, str] | None:
    """`id:name:choice` as button values carry it; None for anything else (a forged or stale value)."""
    parts = raw.split(":")
    if len(parts) != 3 or not _is_id(parts[0]) or not parts[1] or not parts[2]:
        return None
    return int(parts[0]), parts[1], parts[2]


@dataclass(frozen=True, slots=True)
class AnswerRef:
    """What an answer button carries: which run, which item, which choice."""

    run_id: int
    item_id: str
    value: int

    def encode(self) -> str:
        return f"{self.run_id}:{self.item_id}:{self.value}"

    @classmethod
    def decode(cls, raw: str) -> AnswerRef | None:
        parts = _split_ref(raw)
        if parts is None or not _is_id(parts[2]):
            return None
        return cls(parts[0], parts[1], int(parts[2]))


@dataclass(frozen=True, slots=True)
class CoachRef:
    """What a coaching dialogue's button carries: which request, which question, which choice."""

    request_id: int
    field: str
    choice: str

    def encode(self) -> str:
        return f"{self.request_id}:{self.field}:{self.choice}"

    @classmethod
    def decode(cls, raw: str) -> CoachRef | None:
        parts = _split_ref(raw)
        return None if parts is None else cls(*parts)


_USER_ID = re.compile(r"[UW][A-Z0-9]{1,20}")
PICK_TEXT_MAX = 1500
"""What a DM's ask-back button keeps of the manager's text (a button's value holds at most 2000 characters;
the coaching flow refuses observations longer than its own limit anyway)."""


@dataclass(frozen=True, slots=True)
class PickRef:
    """What an ask-back button carries: the seller offered, and the manager's text to read observations from."""

    user_id: str
    text: str

    def encode(self) -> str:
        return f"{self.user_id}:{self.text[:PICK_TEXT_MAX]}"

    @classmethod
    def decode(cls, raw: str) -> PickRef | None:
        user_id, sep, text = raw.partition(":")
        if not sep or not _USER_ID.fullmatch(user_id):
            return None
        return cls(user_id, text)
