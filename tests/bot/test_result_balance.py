"""The seller's result no longer shows a relation/system ratio of two perceptions (all 2s and all 5s both
read "50% relasjon · 50% system"); it shows the seed's leader behaviour behind the zone instead."""

from __future__ import annotations

import re

import pytest

from coaching.instrument import ITEMS_BY_ID
from survey_flows.views import Kind
from tests.support.harness import Harness, block_texts
from tests.support.seeded_runs import all_but_the_last
from tests.support.shown import t

RATIO = re.compile(r"\d+\s?% (?:relasjon|relation) · \d+\s?% system")


def _all(value: int):
    def values(item_id: str) -> int:
        return 6 - value if ITEMS_BY_ID[item_id].reverse else value

    return values


@pytest.mark.parametrize(("value", "zone"), [(2, "apathy"), (5, "performance")])
def test_all_twos_and_all_fives_read_as_the_seeds_leader_behaviour(
    harness: Harness, value: int, zone: str
) -> None:
    all_but_the_last(harness, "U1", "nb", _all(value), Kind.FULL)
    harness.command("undersøkelse")
    harness.answer_all(_all(value))

    text = block_texts(harness.fake.calls_to("chat.postMessage")[-1])
    assert not RATIO.search(text), text
    behaviour = t("nb", "result.behaviour", behaviour=t("nb", f"zone.{zone}.behaviour"))
    assert behaviour in text
    other = "performance" if zone == "apathy" else "apathy"
    assert t("nb", f"zone.{other}.behaviour") not in text


def test_the_seeds_link_table_word_for_word() -> None:
    """Koblingen mellom modellene: leader behaviour -> the zone it creates."""
    assert t("nb", "zone.apathy.behaviour") == "ingen bevisst ledelse"
    assert t("nb", "zone.comfort.behaviour") == "relasjon uten krav"
    assert t("nb", "zone.stress.behaviour") == "krav uten relasjon"
    assert t("nb", "zone.performance.behaviour") == "balansert lederskap – kraft på begge sider"
