"""`/balanse <word>`: the subcommands and their nb, sv and en aliases."""

from __future__ import annotations

import unicodedata

import pytest

from survey_flows.commands import Command, parse_command


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("survey", Command.SURVEY),
        ("undersøkelse", Command.SURVEY),
        ("undersökning", Command.SURVEY),
        ("UNDERSØKELSE", Command.SURVEY),
        ("Survey", Command.SURVEY),
        ("pulse", Command.PULSE),
        ("puls", Command.PULSE),
        ("PULS", Command.PULSE),
        ("help", Command.HELP),
        ("hjelp", Command.HELP),
        ("hjälp", Command.HELP),
        ("Hjälp", Command.HELP),
        ("  pulse  ", Command.PULSE),
    ],
)
def test_every_alias_in_any_case_names_its_command(text: str, command: Command) -> None:
    assert parse_command(text).command is command


def test_an_alias_typed_with_a_combining_accent_is_understood() -> None:
    """macOS can send "ö" as "o" plus a combining diaeresis."""
    assert parse_command(unicodedata.normalize("NFD", "undersökning")).command is Command.SURVEY
    assert parse_command(unicodedata.normalize("NFD", "hjälp")).command is Command.HELP


@pytest.mark.parametrize("text", [None, "", "   ", "\n"])
def test_no_subcommand_asks_for_help(text: str | None) -> None:
    parsed = parse_command(text)
    assert parsed.command is Command.HELP
    assert (parsed.word, parsed.rest) == ("", "")


def test_an_unknown_word_is_kept_as_typed_for_the_reply() -> None:
    parsed = parse_command("Resultat  for teamet")
    assert parsed.command is Command.UNKNOWN
    assert parsed.word == "Resultat"
    assert parsed.rest == "for teamet"


def test_words_after_a_known_subcommand_do_not_change_it() -> None:
    parsed = parse_command("survey now please")
    assert parsed.command is Command.SURVEY
    assert (parsed.word, parsed.rest) == ("survey", "now please")
