"""A run answered up to its last question through the real SurveyFlow, for tests whose subject is what
comes after the answers (the result, App Home, advice), not 39 signed taps to get there."""

from __future__ import annotations

from collections.abc import Callable

from coaching.locale import Locale
from survey_flows.survey import STALE_CLAIM, SurveyFlow
from survey_flows.views import Kind
from tests.support.harness import Harness


def all_but_the_last(
    harness: Harness, user: str, locale: Locale, choose: Callable[[str], int], kind: Kind = Kind.SELF
) -> None:
    """Start `user`'s run of `kind` and answer every question but the last with `choose(item_id)`, through
    SurveyFlow as the Slack surface would: the state a user is in when the post of the last question
    failed. The user's next command for that run (`/balanse selv`, `survey`, ...) takes it over and
    posts the intro and the last question in the DM, and `harness.answer_all` taps that one through Slack,
    which posts the result. The tap-by-tap path keeps its own end-to-end tests (test_self_view.py,
    test_survey_conversation.py, test_block_kit_limits.py)."""
    flow = SurveyFlow(harness.db, harness.clock)
    outcome = flow.start(harness.requests.team_id, user, kind, locale)  # the command stores the user's zone
    assert outcome.run is not None and outcome.question is not None, outcome
    question = outcome.question
    while question.position < question.total:
        value = choose(question.item_id)
        answered = flow.answer(
            harness.requests.team_id, user, question.run_id, question.item_id, value, locale
        )
        assert answered.next_question is not None, answered
        question = answered.next_question
    harness.clock.advance(seconds=STALE_CLAIM.total_seconds() + 1)  # the last question's claim is stale
