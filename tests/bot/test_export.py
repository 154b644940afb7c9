"""`/balanse export` through the real Bolt app and the fake Slack: one JSON file, uploaded with
files_upload_v2 into the user's DM, holding their own data (answers with the item texts in their
language, memberships, coaching requests) and nothing of anyone else."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from coaching.i18n import CATALOGS, t
from coaching.instrument import ITEMS_BY_ID
from survey_flows.commands import Command, parse_command
from tests.support.coaching import validate_everything
from tests.support.harness import Harness, block_texts
from tests.support.privacy import World, answer_some, populate

OTHER_USERS = ("U1", "U2", "U3", "U5", "U6", "U7", "U8")
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


@pytest.fixture
def world(harness: Harness) -> World:
    return populate(harness)


def exported(harness: Harness, user_id: str, word: str = "export") -> tuple[dict[str, Any], str]:
    """Run the command; the decoded JSON document and its raw text (the one file uploaded)."""
    harness.fake.reset()
    harness.command(word, user_id=user_id)
    (asked,) = harness.fake.calls_to("files.getUploadURLExternal")
    (completed,) = harness.fake.calls_to("files.completeUploadExternal")
    (raw,) = harness.fake.uploads.values()
    assert completed.params["channel_id"] == f"D{user_id}"  # the DM, never the channel typed in
    assert asked.params["filename"] == "balansebrett-export-2026-11-23.json"
    assert int(asked.params["length"]) == len(raw)
    text = raw.decode("utf-8")
    return json.loads(text), text


def known(observations: dict[str, Any]) -> dict[str, Any]:
    """The observations the manager answered (None is "don't know")."""
    return {field: value for field, value in observations.items() if value is not None}


@pytest.mark.parametrize("word", ["export", "eksport", "exportera", "EKSPORT"])
def test_every_alias_names_export(word: str) -> None:
    assert parse_command(word).command is Command.EXPORT


def test_a_seller_gets_their_answers_with_the_item_texts_and_nothing_of_anyone_else(
    harness: Harness, world: World
) -> None:
    document, text = exported(harness, "U4", "eksport")

    completed = harness.fake.calls_to("files.completeUploadExternal")[0]
    assert completed.params["initial_comment"] == t("nb", "privacy.export.comment")
    reply = harness.fake.calls_to("response_url")[-1]
    assert reply.params["response_type"] == "ephemeral"
    assert t("nb", "privacy.export.sent") in block_texts(reply)

    assert document["user_id"] == "U4"
    assert document["profile"]["locale"] == "nb"
    assert document["profile"]["tz"] == "Europe/Oslo"
    assert [(m["team"], m["role"], m["active"]) for m in document["team_memberships"]] == [
        ("Team Nord", "seller", True)
    ]
    survey, pulse = document["runs"]
    assert (survey["kind"], survey["period"], survey["team"]) == ("full", "2026-11", "Team Nord")
    assert [(a["item_id"], a["value"]) for a in survey["answers"]] == [
        ("q01", 4),
        ("q02", t("nb", "scale.dont_know")),
        ("q03v2", 2),
    ]
    for answer in survey["answers"] + pulse["answers"]:
        assert answer["text"] == ITEMS_BY_ID[answer["item_id"]].text("nb")
        assert ISO_UTC.match(answer["answered_at"]), answer
    assert pulse["kind"] == "pulse"
    assert [a["value"] for a in pulse["answers"]] == [5]
    (about,) = document["coaching_requests_about_you"]
    assert about["team"] == "Team Nord"
    assert known(about["observations"]) == {"competence": "low", "will": "low"}
    assert document["coaching_requests_made"] == []
    assert {(d["kind"], d["status"]) for d in document["deliveries"]} == {
        ("pulse", "sent"),
        ("reminder", "sent"),
    }
    (notice,) = document["team_notices"]  # U1 put U4 in the team: the notice, not who sent it
    assert (notice["kind"], notice["to_you"], notice["team"]) == ("added_to_team", True, "Team Nord")
    # Nothing of anyone else: no other user's id, and no other person's answers.
    for other in OTHER_USERS:
        assert other not in text, other
    assert sum(len(run["answers"]) for run in document["runs"]) == 4
    assert validate_everything(harness.fake) >= 1


def test_a_manager_gets_the_requests_they_made(harness: Harness, world: World) -> None:
    document, _ = exported(harness, "U1")

    made = document["coaching_requests_made"]
    assert [r["about_user_id"] for r in made] == ["U4", "U5"]
    assert known(made[0]["observations"]) == {"competence": "low", "will": "low"}
    assert made[0]["follow_up_due_at"] == "2026-12-07T08:00:00Z"
    assert made[1]["follow_up_due_at"] is None
    assert [(m["team"], m["role"]) for m in document["team_memberships"]] == [("Team Nord", "manager")]
    assert document["runs"] == []
    assert [d["kind"] for d in document["deliveries"]] == ["summary_dm"]
    assert document["coaching_requests_about_you"] == []
    (moved,) = document["team_notices"]  # U1 was told that U5 left Team Nord
    assert (moved["kind"], moved["seller_user_id"], moved["team"]) == (
        "seller_moved",
        "U5",
        "Team Nord",
    )


def test_the_texts_follow_the_users_language(harness: Harness) -> None:
    harness.command("undersökning", user_id="U2")  # U2 is Swedish in Slack
    last = harness.questions("U2")[-1]
    harness.tap(
        next(b for b in last.params["blocks"][-1]["elements"] if b["action_id"] == "answer_3"), last, "U2"
    )

    document, _ = exported(harness, "U2", "exportera")

    (run,) = document["runs"]
    (answer,) = run["answers"]
    assert answer["text"] == ITEMS_BY_ID["q01"].text("sv")
    assert answer["value"] == 3
    completed = harness.fake.calls_to("files.completeUploadExternal")[0]
    assert completed.params["initial_comment"] == t("sv", "privacy.export.comment")


def test_after_forget_me_there_is_nothing_to_export(harness: Harness, world: World) -> None:
    harness.send(
        harness.requests.block_action(
            user_id="U4",
            action_id="forget_me_confirm",
            value="forget",
            block_id="forget_me",
            channel_id="DU4",
        )
    )
    harness.fake.reset()

    harness.command("export", user_id="U4")

    assert harness.fake.calls_to("files.getUploadURLExternal") == []
    assert harness.fake.uploads == {}
    assert t("nb", "privacy.nothing_stored") in block_texts(harness.fake.calls_to("response_url")[-1])


# Values that are the format's own codes and names, the same in every language (docs/PRIVACY.md).
CODES = {"format", "workspace_id", "user_id", "about_user_id", "locale", "tz", "team", "kind"}
CODES |= {"role", "status", "period", "item_id", "observations"}


def texts_of(node: Any, key: str = "") -> list[str]:
    """Every string in the document that is written for a person to read (not a code, id or time)."""
    if key in CODES:
        return []
    if isinstance(node, dict):
        return [text for k, value in node.items() for text in texts_of(value, k)]
    if isinstance(node, list):
        return [text for value in node for text in texts_of(value, key)]
    return [node] if isinstance(node, str) and not ISO_UTC.match(node) else []


@pytest.mark.parametrize(
    ("user_id", "locale", "survey"),
    [("U4", "nb", "undersøkelse"), ("U2", "sv", "undersökning"), ("U3", "en", "survey")],
)
def test_every_text_of_the_export_is_in_the_users_language(
    harness: Harness, world: World, user_id: str, locale: str, survey: str
) -> None:
    harness.command(survey, user_id=user_id)
    answer_some(harness, user_id, [0, 4])  # the next question "vet ikke", then 4

    document, _ = exported(harness, user_id)

    texts = texts_of(document)
    assert t(locale, "privacy.export.not_included") in texts
    assert t(locale, "scale.dont_know") in texts
    own = set(CATALOGS[locale].values()) | {item.text(locale) for item in ITEMS_BY_ID.values()}
    others = {text for other, catalog in CATALOGS.items() if other != locale for text in catalog.values()}
    for text in texts:
        assert text in own, text  # nothing in English (or bokmål) for a Swedish user, and so on
        assert text not in others - own, text
    assert len(texts) >= 4  # the note, "don't know" and at least two item texts
