"""Who is who in the console: the name port (survey_flows.profiles.Names) for people without Slack.

Names are never stored (as in Slack, where users.info says them): the demo's personas come with theirs, and a
person the console user types by name gets a user id made from it (`Kari Hansen` -> `UKARI0HANSEN`, a zero
between the words), so the same name always means the same person, in every session, and the name reads back
from the id (in plain letters: `Bjørn Ås` comes back as `Bjorn As`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

_USER_ID = re.compile(r"[UW][A-Z0-9]{2,20}")
"""As the markup's person token takes them (coaching.markup)."""
_MADE_FROM_NAME = re.compile(r"U([A-Z]+(?:0[A-Z]+)*)")
_NOT_LETTER = re.compile(r"[^A-Z]")


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("Ø", "O").replace("æ", "ae"))
    return folded.encode("ascii", "ignore").decode()


class ConsoleNames:
    def __init__(self, known: Mapping[str, str] | None = None) -> None:
        self.known: dict[str, str] = dict(known or {})

    def name(self, user_id: str) -> str:
        """The name shown for `user_id`: a persona's, else the name the id was made from, else the id."""
        if user_id in self.known:
            return self.known[user_id]
        made = _MADE_FROM_NAME.fullmatch(user_id)
        if made is None:
            return user_id
        return " ".join(word.capitalize() for word in made.group(1).split("0"))

    def names(self, workspace_id: str, user_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The port: every name a person goes by (the full name first)."""
        return {user_id: (self.name(user_id),) for user_id in user_ids}

    def resolve(self, text: str) -> str:
        """A user id for what was typed: a user id as it is, a known name, or an id made from the name
        (remembered, so the name reads back)."""
        typed = " ".join(text.split())
        if _USER_ID.fullmatch(typed):
            return typed
        for user_id, name in self.known.items():
            if name.casefold() == typed.casefold():
                return user_id
        words = [_NOT_LETTER.sub("", word) for word in _ascii(typed).upper().split()]
        user_id = ("U" + "0".join(word for word in words if word))[:21]
        if len(user_id) < 3:
            user_id = (user_id + "XX")[:3]
        self.known.setdefault(user_id, typed)
        return user_id
