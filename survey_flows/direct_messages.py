"""A top-level message in the bot's DM: what it asks for, and whom it names.

Every such message gets an answer (bot/listeners/events/direct_messages.py): help for a greeting, a help word
or anything not understood; for a manager, a coaching question that names one of the sellers of their teams
(by display name, full name or first name) starts the coaching dialogue about that seller, and a name that
fits several sellers, or none, is asked back with the manager's own sellers as the choices. Only the sellers
of the caller's own teams are ever looked at or offered, so nothing is revealed about anyone else; a seller
who names someone gets help.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from storage import members, teams
from storage.db import Database

Clock = Callable[[], datetime]

ASK_BACK_MAX = 20
"""At most this many sellers are offered as buttons when a name is asked back (Block Kit allows 25)."""

_GREETINGS = frozenset(
    {"hei", "heisann", "hallo", "hello", "hi", "hey", "hej", "hejsan", "god morgen", "god dag", "morn", "yo"}
)
_HELP_WORDS = frozenset(
    {"hjelp", "help", "hjälp", "?", "meny", "menu", "kommandoer", "commands", "kommandon"}
)
_COACHING_CUES = (
    # nb
    "håndter",
    "handter",
    "takle",
    "takler",
    "lede",
    "leder jeg",
    "coache",
    "motivere",
    "råd om",
    "gi råd",
    "hjelpe",
    # sv
    "hanter",
    "leda",
    "leder jag",
    "coacha",
    "motivera",
    "tips om",
    # en
    "handle",
    "lead",
    "manage",
    "coach",
    "motivate",
    "advice",
    "deal with",
    "help with",
)
_WORD = re.compile(r"[\w'’-]+")


class Ask(StrEnum):
    HELP = "help"
    """A greeting or a help word: the short help."""
    UNKNOWN = "unknown"
    """Not understood: the short help, saying so."""
    COACH = "coach"
    """Words of a coaching question ("hvordan håndterer jeg …"), whether or not a name is found."""


@dataclass(frozen=True, slots=True)
class Person:
    """A seller of the caller's teams and the names Slack shows for them (never stored)."""

    user_id: str
    names: tuple[str, ...]


def _plain(text: str) -> str:
    """Lower case, single spaces, punctuation gone (letters such as å, ø and ä are kept)."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(_WORD.findall(text)).replace("’", "'")


def what_is_asked(text: str) -> Ask:
    plain = _plain(text)
    if plain in _GREETINGS or plain in _HELP_WORDS or text.strip() == "?":
        return Ask.HELP
    words = plain.split()
    if words and words[0] in _GREETINGS and len(words) <= 3:  # "hei der", "hi there"
        return Ask.HELP
    padded = f" {plain} "
    if any(f" {cue}" in padded for cue in _COACHING_CUES):
        return Ask.COACH
    return Ask.UNKNOWN


def _name_forms(names: Iterable[str]) -> set[str]:
    """Each name as written, and its first word (the first name)."""
    forms: set[str] = set()
    for name in names:
        plain = _plain(name)
        if plain:
            forms.add(plain)
            forms.add(plain.split()[0])
    return forms


def named(text: str, people: Sequence[Person]) -> list[str]:
    """The user ids of the people the text names, best match only: a full name beats a first name, so
    "Kari Hansen" picks her even when another Kari is on the team; two equal matches are both returned."""
    padded = f" {_plain(text)} "
    best: dict[str, int] = {}
    for person in people:
        words = [len(form.split()) for form in _name_forms(person.names) if f" {form} " in padded]
        if words:
            best[person.user_id] = max(words)
    if not best:
        return []
    top = max(best.values())
    return [user_id for user_id, score in best.items() if score == top]


class DirectMessages:
    """What the DM answer needs from the database: a retried delivery is answered once, and the sellers
    of the caller's own teams are the only people a name is looked up among."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def first_delivery(self, workspace_id: str, event_key: str) -> bool:
        """False when this Slack message was handled before (Slack retries an event it did not see
        acknowledged in time)."""
        with self.db.session() as s:
            return members.remember_event(s, workspace_id, event_key, self.clock())

    def sellers_led_by(self, workspace_id: str, user_id: str) -> list[str] | None:
        """The active sellers of every team this person manages (not themselves); None when they manage
        no team."""
        with self.db.session() as s:
            member = members.find_member(s, workspace_id, user_id)
            if member is None:
                return None
            led = teams.managed_teams(s, workspace_id, member.id)  # type: ignore[arg-type]
            if not led:
                return None
            sellers = (m for team in led for m in teams.active_sellers(s, team.id))  # type: ignore[arg-type]
            return list(dict.fromkeys(m.user_id for m in sellers if m.id != member.id))
