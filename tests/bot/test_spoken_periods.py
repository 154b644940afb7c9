"""Periods as people say them, through the real app: App Home names a seller's last result by
"uke 49" or "desember 2026" (never "2026-W49" or "2026-12"), in the reader's language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from survey_flows.views import Kind
from tests.support.harness import Harness, block_texts
from tests.support.seeded_runs import all_but_the_last
from tests.support.shown import t

PULSE_WEEK = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)  # Tuesday of week 49


@pytest.mark.parametrize(
    ("user_id", "locale", "kind", "command", "period"),
    [
        ("U1", "nb", "pulse", "puls", "uke 49"),
        ("U2", "sv", "pulse", "puls", "vecka 49"),
        ("U3", "en", "pulse", "pulse", "week 49"),
        ("U1", "nb", "full", "undersøkelse", "desember 2026"),
        ("U2", "sv", "full", "undersökning", "december 2026"),
        ("U3", "en", "full", "survey", "December 2026"),
    ],
)
def test_home_names_the_last_result_by_its_week_or_month(
    harness: Harness, user_id: str, locale: str, kind: str, command: str, period: str
) -> None:
    harness.clock.now = PULSE_WEEK
    if kind == "full":  # forty questions: seed all but the last, which is tapped through Slack
        all_but_the_last(harness, user_id, locale, lambda item_id: 4, Kind.FULL)
    harness.command(command, user_id=user_id)
    harness.answer_all(lambda item_id: 4, user_id=user_id)

    harness.send(harness.requests.app_home_opened(user_id=user_id))

    home = block_texts(harness.fake.calls_to("views.publish")[-1])
    assert t(locale, "home.last_result", kind=t(locale, f"kind.{kind}"), period=period) in home
    assert "2026-W49" not in home and "2026-12" not in home
