"""Every message and view the bot sends passes Slack's Block Kit limits, in every language."""

from __future__ import annotations

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from coaching.instrument import ITEMS_BY_ID
from tests.support.harness import Harness


def validate(harness: Harness) -> int:
    checked = 0
    for call in harness.fake.calls:
        if call.method in ("chat.postMessage", "chat.update", "chat.postEphemeral", "response_url"):
            blocks = call.params.get("blocks") or []
            assert len(blocks) <= 50
            assert len(str(call.params.get("text", ""))) <= 4000
            for raw in blocks:
                block = Block.parse(raw)
                assert block is not None, raw
                block.validate_json()
                checked += 1
        if call.method == "views.publish":
            view = call.params["view"]
            assert len(view["blocks"]) <= 100
            View(**view).validate_json()
            checked += 1
    return checked


@pytest.mark.parametrize("user_id", ["U1", "U2", "U3"])
def test_whole_survey_home_and_help_stay_within_limits(harness: Harness, user_id: str) -> None:
    harness.command("survey", user_id=user_id)
    harness.answer_all(lambda item_id: 2 if ITEMS_BY_ID[item_id].reverse else 4, user_id=user_id)
    harness.command("pulse", user_id=user_id)
    harness.answer_all(lambda item_id: 0, user_id=user_id)  # all "don't know": no zone
    harness.command("help", user_id=user_id)
    harness.send(harness.requests.app_home_opened(user_id=user_id))

    assert validate(harness) > 40 * 2
