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


ANSWER_ACTION = re.compile(r"^answer_[0-5]$")


class BlockId(StrEnum):
    QUESTION = "question"
    ANSWER_BUTTONS = "answer_buttons"
    HOME_ACTIONS = "home_actions"
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


class CallbackId(StrEnum):
    """Modal callback ids (view_submission listeners)."""

    TEAM_SETUP = "team_setup"


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
        parts = raw.split(":")
        if len(parts) != 3 or not parts[0].isdigit() or not parts[2].isdigit():
            return None
        return cls(int(parts[0]), parts[1], int(parts[2]))
