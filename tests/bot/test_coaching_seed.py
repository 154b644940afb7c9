"""The coaching dialogue and the seed (issue 10, part 1) end to end through the real Bolt app and the fake
Slack: the seed's situations read from a sentence and confirmed, its two lists asked one tap each, the
advice saying what is the seed's and what is ours, and contradictions named back."""

from __future__ import annotations

from coaching import advice_texts as texts
from coaching.advice import Situation, advise
from coaching.i18n import t
from tests.support.coaching import (
    advice_posts,
    answer_dialogue,
    coach_buttons,
    field_of,
    questions,
    setup_teams,
    tap,
)
from tests.support.harness import Harness, block_texts
from tests.support.seeded_runs import all_but_the_last
from tests.support.self_views import leader


def test_a_drop_without_a_clear_cause_is_confirmed_and_leads_to_relation(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("råd <@U4|kari> Kari presterer under sitt nivå uten klar årsak")

    confirm = questions(harness.fake)[0]
    field, choice = t("nb", "coach.field.relation_when"), t("nb", "coach.choice.relation_when.below_level")
    assert f"• {field}: {choice}" in block_texts(confirm)
    tap(harness, confirm, "yes")
    advice = block_texts(answer_dialogue(harness, {}, full=True))

    expected = advise(Situation(relation_when="below_level"))
    assert expected.relation_pct > 50
    assert expected.reasoning("nb").split(". ")[0] in advice
    assert "Du leverer OK" not in advice  # the old reading: comfort zone, 30/70 system
    assert expected.provenance("nb") in advice
    assert "relation_when" not in [field_of(q) for q in questions(harness.fake)[1:]]  # confirmed, not asked


def test_the_lists_are_asked_with_the_seeds_lines(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")

    advice = answer_dialogue(harness, {"system_when": "expectations_unclear"}, full=True)

    by_field = {field_of(q): q for q in questions(harness.fake)}
    relation = block_texts(by_field["relation_when"])
    assert (
        "Mer relasjonsledelse når" in relation and "Du har mistet tillit – eller aldri bygget den" in relation
    )
    system = block_texts(by_field["system_when"])
    assert "Mer systemledelse når" in system and "Det mangler struktur rundt oppfølging og feedback" in system
    assert [b["text"]["text"] for b in coach_buttons(by_field["system_when"])][-2:] == [
        t("nb", "coach.choice.none"),
        t("nb", "scale.dont_know"),
    ]
    text = block_texts(advice)
    expected = advise(Situation(system_when="expectations_unclear"))
    assert expected.balance("nb") in text and expected.system_pct > 50
    assert expected.style_label("nb") in text and not expected.style.from_seed
    assert expected.provenance("nb") in text


def test_a_newcomer_in_the_comfort_zone_is_told_it_does_not_fit(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")

    text = block_texts(answer_dialogue(harness, {"experience": "new", "comfort_zone": "yes"}, full=True))

    assert texts.CONTRADICTIONS["new_in_comfort"].get("nb") in text
    assert "Du leverer OK – men jeg vet du kan mer." not in text
    assert "utfordrende" not in text
    assert len(advice_posts(harness.fake)) == 1


def test_a_profile_a_manager_hears_about_their_blind_spot_from_their_own_self_view(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    all_but_the_last(harness, "U1", "nb", leader(5, 2, 4))
    harness.command("selv")  # the manager's own self-view: relation 5, system 2 -> profile A
    harness.answer_all(leader(5, 2, 4))
    assert t("nb", "self.profile.relation_leader.name") in block_texts(
        harness.fake.calls_to("chat.postMessage")[-1]
    )

    harness.command("coach <@U4|kari>")
    text = block_texts(
        answer_dialogue(harness, {"experience": "experienced", "comfort_zone": "yes"}, full=True)
    )

    assert texts.BLIND_SPOTS["relation_leader"].get("nb") in text
    assert "Du leverer OK – men jeg vet du kan mer." in text  # the seed's row, and the conversation to have
