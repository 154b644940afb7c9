"""The `/balanse` subcommands and their aliases in nb, sv and en."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Command(StrEnum):
    SURVEY = "survey"
    PULSE = "pulse"
    HELP = "help"
    SETUP = "setup"
    SELF = "self"
    COACH = "coach"
    FORGET_ME = "forget-me"
    EXPORT = "export"
    LEAVE = "leave"
    SUMMARY = "summary"
    REPORT = "report"
    UNKNOWN = "unknown"


_ALIASES: dict[str, Command] = {
    "survey": Command.SURVEY,
    "undersøkelse": Command.SURVEY,
    "undersokelse": Command.SURVEY,
    "undersökning": Command.SURVEY,
    "undersokning": Command.SURVEY,
    "pulse": Command.PULSE,
    "puls": Command.PULSE,
    "help": Command.HELP,
    "hjelp": Command.HELP,
    "hjälp": Command.HELP,
    "hjalp": Command.HELP,
    "setup": Command.SETUP,
    "oppsett": Command.SETUP,
    "inställningar": Command.SETUP,
    "installningar": Command.SETUP,
    "self": Command.SELF,
    "selv": Command.SELF,
    "själv": Command.SELF,
    "sjalv": Command.SELF,
    "coach": Command.COACH,
    "råd": Command.COACH,
    "rad": Command.COACH,
    "forget-me": Command.FORGET_ME,
    "glem-meg": Command.FORGET_ME,
    "glöm-mig": Command.FORGET_ME,
    "glom-mig": Command.FORGET_ME,
    "export": Command.EXPORT,
    "eksport": Command.EXPORT,
    "exportera": Command.EXPORT,
    "leave": Command.LEAVE,
    "forlat": Command.LEAVE,
    "lämna": Command.LEAVE,
    "lamna": Command.LEAVE,
    "summary": Command.SUMMARY,
    "oppsummering": Command.SUMMARY,
    "sammanfattning": Command.SUMMARY,
    "report": Command.REPORT,
    "rapport": Command.REPORT,
}


@dataclass(frozen=True, slots=True)
class ParsedCommand:
    command: Command
    word: str
    """The subcommand as typed (for an 'unknown command' reply)."""
    rest: str


def parse_command(text: str | None) -> ParsedCommand:
    """Split `/balanse <sub> <rest>`; an empty text asks for help."""
    normalized = unicodedata.normalize("NFC", text or "").strip()
    if not normalized:
        return ParsedCommand(Command.HELP, "", "")
    word, _, rest = normalized.partition(" ")
    command = _ALIASES.get(word.lower(), Command.UNKNOWN)
    return ParsedCommand(command, word, rest.strip())
