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


ANSWER_ACTION = re.compile(r"^answer_[0-5]$")


class BlockId(StrEnum):
    QUESTION = "question"
    ANSWER_BUTTONS = "answer_buttons"
    HOME_ACTIONS = "home_actions"


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
