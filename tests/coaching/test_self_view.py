"""The leader's self-view: profile, and gaps to the team (only above the anonymity minimum)."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coaching.instrument import ITEMS, Axis, Trait
from coaching.scoring import Scores, score
from coaching.self_view import (
    LIGHT_BELOW,
    TIERS,
    TILT,
    Gap,
    LeaderProfile,
    SelfComparison,
    Tier,
    compare,
    managing_vs_leading,
    profile_of,
    team_is_hidden,
)
from coaching.stats import Sample
from coaching.summary import TeamSummary, WeekFigures, summarize
from tests.support.self_answers import SELF, SELF_ANSWERS, answers_for, s, team_summary

SAFETY, STANDARD, ADMIN = Axis.SAFETY, Axis.STANDARD, Axis.ADMINISTRATION
CE, CF, PO, SS, SFU = (
    Trait.CLEAR_EXPECTATIONS,
    Trait.CONTINUOUS_FEEDBACK,
    Trait.PERSONAL_OWNERSHIP,
    Trait.SAFETY_STANDARD,
    Trait.SYSTEMATIC_FOLLOW_UP,
)


def scores_at(safety: float | None, standard: float | None) -> Scores:
    return Scores(
        safety=safety,
        standard=standard,
        administration=None,
        traits=MappingProxyType(dict.fromkeys(Trait)),
        zone=None,
        borderline=False,
        answered=0,
    )


def test_hand_computed_self_scores():
    assert (SELF.safety, SELF.standard, SELF.administration) == (4.0, 2.0, 3.0)
    assert dict(SELF.traits) == {CE: 2.5, CF: 23 / 8, PO: 23 / 8, SS: 3.5, SFU: 3.25}


# --- profile -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("safety", "standard", "profile", "tier"),
    [
        (5, 1, LeaderProfile.RELATION_LEADER, Tier.MOST),  # profile A: the board tilts to relation
        (1, 5, LeaderProfile.SYSTEM_LEADER, Tier.MOST),  # profile B: the board tilts to system
        (2, 3, LeaderProfile.SYSTEM_LEADER, Tier.MOST),  # light, but still leaning on one side
        (3, 3, LeaderProfile.BALANCED, Tier.GOOD),  # level, neither light nor hard
        (2, 2, LeaderProfile.FLAT, None),  # light pressure on both: flat and stiff, not a tier
        (4, 5, LeaderProfile.BEST, Tier.BEST),  # hard pressure on both
    ],
)
def test_the_seeds_tiers_and_profiles(safety, standard, profile, tier):
    assert profile_of(score(answers_for(safety, standard, 3))) is profile
    assert TIERS[profile] is tier


@pytest.mark.parametrize(
    ("safety", "standard", "profile"),
    [
        (3.5, 3.5, LeaderProfile.BEST),  # exactly at the cutoff is hard pressure
        (4.8, 3.5, LeaderProfile.BEST),  # hard on both wins over a tilt: the best press hard on both
        (3.9, 3.4, LeaderProfile.RELATION_LEADER),  # a tilt of exactly TILT leans
        (3.4, 3.9, LeaderProfile.SYSTEM_LEADER),
        (3.9, 3.41, LeaderProfile.BALANCED),  # just under the tilt: level
        (3.5, 3.49, LeaderProfile.BALANCED),  # the old quadrant called this profile A
        (2.99, 2.99, LeaderProfile.FLAT),
        (3.0, 2.99, LeaderProfile.BALANCED),  # one side at the midpoint is not light
    ],
)
def test_profile_edges(safety, standard, profile):
    assert TILT == 0.5 and LIGHT_BELOW == 3.0
    assert profile_of(scores_at(safety, standard)) is profile


def test_profile_follows_a_custom_cutoff():
    assert profile_of(scores_at(3.2, 3.2), cutoff=3.0) is LeaderProfile.BEST
    assert profile_of(scores_at(3.2, 3.2)) is LeaderProfile.BALANCED


@given(st.floats(1, 5), st.floats(1, 5))
def test_every_profile_is_a_reading_of_the_board(relation, system):
    profile = profile_of(scores_at(relation, system))
    if relation >= 3.5 and system >= 3.5:
        assert profile is LeaderProfile.BEST
    elif profile in (LeaderProfile.RELATION_LEADER, LeaderProfile.SYSTEM_LEADER):
        assert abs(relation - system) >= TILT
        assert (profile is LeaderProfile.RELATION_LEADER) == (relation > system)
    else:
        assert abs(relation - system) < TILT
        assert (profile is LeaderProfile.FLAT) == (relation < 3.0 and system < 3.0)


def test_the_profile_texts_carry_every_line_of_the_seed():
    from coaching.i18n import t

    profile_a = t("nb", "self.profile.relation_leader.text")
    for line in (
        "Elsket av teamet. Genuint opptatt av menneskene.",
        "Unngår de vanskelige samtalene – krav føles som å sette tilliten på spill.",
        "Resultater diskuteres aldri direkte.",
        "Kostnad: Avdelingen trives, men stagnerer. Gode selgere søker seg vekk.",
    ):
        assert line in profile_a
    profile_b = t("nb", "self.profile.system_leader.text")
    for line in (
        "Analytisk, strukturert og tydelig på forventninger.",
        "Men selgerne kjenner seg ikke sett som mennesker.",
        "Feedback oppleves som kritikk. Tillit er lav.",
        "Kostnad: Leverer kortsiktig, men tilliten er skjør. Høy turnover.",
    ):
        assert line in profile_b
    assert "Bruker sin naturlige styrke mest – brettet heller til én side." in t(
        "nb", "self.tier.most"
    ).replace("**De fleste ledere** bruker", "Bruker")
    assert "finner balansen ut fra hva situasjonen krever" in t("nb", "self.tier.good")
    assert "trykker hardt på begge sider – brettet bøyer seg, men knekker ikke" in t("nb", "self.tier.best")
    for locale in ("nb", "sv", "en"):
        flat = t(locale, "self.profile.flat.text")
        assert all(word not in flat.casefold() for word in ("apati", "apathy"))  # flat is not the apathy zone


@pytest.mark.parametrize(("safety", "standard"), [(None, 4.0), (4.0, None), (None, None)])
def test_no_profile_without_both_axes(safety, standard):
    assert profile_of(scores_at(safety, standard)) is None


def test_no_profile_when_too_few_answers():
    only_standard = {item.id: 4 for item in ITEMS if item.axis is STANDARD}
    assert profile_of(score(only_standard)) is None
    assert compare(score(only_standard), None).profile is None


def test_administration_does_not_change_the_profile():
    low, high = (profile_of(score(answers_for(5, 1, admin))) for admin in (1, 5))
    assert low is high is LeaderProfile.RELATION_LEADER


# --- gaps ----------------------------------------------------------------------------------------------


def only_standard_at(value: int) -> dict[str, int | None]:
    return {item.id: 6 - value if item.reverse else value for item in ITEMS if item.axis is STANDARD}


def test_gap_is_team_minus_self():
    assert Gap.between(self_value=4.0, team_value=3.0) == Gap(self_value=4.0, team_value=3.0, difference=-1.0)
    assert Gap.between(2.0, 3.5).difference == 1.5


def test_hand_computed_gaps():
    team = team_summary(
        safety=3.0,
        standard=3.5,
        administration=2.0,
        traits={CE: s(8, 3.0), SS: s(8, 2.5), CF: s(4, 4.0)},  # CF's cell is below the minimum of 5
    )
    result = compare(SELF, team)
    assert not result.team_hidden
    assert result.profile is LeaderProfile.RELATION_LEADER
    assert dict(result.axis_gaps) == {
        SAFETY: Gap(4.0, 3.0, -1.0),  # the team feels less safe than the manager believes
        STANDARD: Gap(2.0, 3.5, 1.5),  # ... and more demands than the manager believes they make
        ADMIN: Gap(3.0, 2.0, -1.0),
    }
    # No trait gaps: with the manager's own trait scores, a gap would give away the team's trait figure.
    assert not hasattr(result, "trait_gaps")
    assert result.largest_gap == ("axis.standard", Gap(2.0, 3.5, 1.5))


def test_administration_gap_only_when_the_team_shows_it():
    result = compare(SELF, team_summary(administration=None))
    assert set(result.axis_gaps) == {SAFETY, STANDARD}
    assert result.axis_gaps[SAFETY] == Gap(4.0, 3.0, -1.0)


def test_missing_self_value_gives_no_gap():
    result = compare(score(only_standard_at(4)), team_summary())
    assert result.axis_gaps[SAFETY] is None
    assert result.axis_gaps[ADMIN] is None  # the team shows it, the manager left it unanswered
    assert result.axis_gaps[STANDARD] == Gap(4.0, 3.5, -0.5)
    assert result.largest_gap is None  # half a step is within the noise of one sitting and 8 people


@pytest.mark.parametrize(("team", "beyond"), [(3.6, False), (3.3, False), (3.2, True), (2.5, True)])
def test_only_a_gap_beyond_the_noise_is_the_largest(team, beyond):
    """All 16 standard answers at 4 (no spread: the fallback error 1 / sqrt(16) = 0.25) against a team
    of 8 with sd 0.5 (0.5 / sqrt(8) = 0.18): the band is 2.394 * sqrt(0.25**2 + 0.18**2) = 0.73 (the
    largest of three gaps)."""
    result = compare(score(only_standard_at(4)), team_summary(standard=team))
    gap = result.axis_gaps[STANDARD]
    assert gap is not None and gap.margin == pytest.approx(0.73, abs=0.01)
    assert gap.beyond_noise is beyond
    assert (result.largest_gap is not None) is beyond


def test_a_team_trait_never_becomes_a_gap_even_when_it_would_be_the_largest():
    result = compare(SELF, team_summary(traits={SS: s(8, 1.0)}))  # safety + standard 3.5 -> 1.0 would be -2.5
    assert result.largest_gap == ("axis.standard", Gap(2.0, 3.5, 1.5))


def test_largest_gap_tie_goes_to_the_first_in_axis_order():
    # safety 4 -> 3, standard 2 -> 3, administration 3 -> 2: all |1.0|.
    team = team_summary(safety=3.0, standard=3.0, administration=2.0, traits={CE: s(8, 3.5)})
    assert compare(SELF, team).largest_gap == ("axis.safety", Gap(4.0, 3.0, -1.0))
    axes_gone = dataclasses.replace(team, safety=None, standard=None, administration=None)
    assert compare(SELF, axes_gone).largest_gap is None  # the traits left are no gap


def test_no_largest_gap_without_any_gap():
    assert compare(SELF, None).largest_gap is None
    assert compare(score({}), team_summary()).largest_gap is None


# --- anonymity: a hidden team leaves no trace --------------------------------------------------------


def gaps_of(result: SelfComparison) -> list[Gap]:
    return [gap for gap in result.axis_gaps.values() if gap is not None]


def assert_no_team_figure(result: SelfComparison) -> None:
    assert result.team_hidden
    assert gaps_of(result) == []
    assert set(result.axis_gaps) == {SAFETY, STANDARD}
    assert result.largest_gap is None


def test_no_team_means_no_gap():
    result = compare(SELF, None, answers=SELF_ANSWERS)
    assert_no_team_figure(result)
    assert result.profile is LeaderProfile.RELATION_LEADER  # the manager's own reading still stands
    assert result.managing_vs_leading == (3.0, 3.6)  # leading: four safety items at 4, the why (q42) at 2


def test_a_summary_marked_suppressed_is_never_read():
    """Even a (malformed) hidden summary that still carries figures leaks none of them."""
    odd = 2.718281
    shown = team_summary(
        safety=odd, standard=odd, administration=odd, traits={trait: s(8, odd) for trait in Trait}
    )
    assert not team_is_hidden(shown)
    assert "2.718" in repr(compare(SELF, shown))
    for hidden in (
        dataclasses.replace(shown, suppressed=True),
        dataclasses.replace(shown, respondents=4),  # under its own minimum of 5
    ):
        assert team_is_hidden(hidden)
        result = compare(SELF, hidden, answers=SELF_ANSWERS)
        assert_no_team_figure(result)
        assert "2.718" not in repr(result)


answer_value = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
self_answers = st.fixed_dictionaries({item.id: answer_value for item in ITEMS})
team_mean = st.floats(min_value=1.0, max_value=5.0, allow_nan=False)


@st.composite
def suppressed_summaries(draw: st.DrawFn) -> TeamSummary:
    """A real suppressed summary: fewer respondents than the minimum, after a fully shown earlier week."""
    minimum = draw(st.integers(min_value=3, max_value=10))
    respondents = draw(st.integers(min_value=0, max_value=minimum - 1))

    def sample() -> Sample | None:
        if respondents == 0 or not draw(st.booleans()):
            return None
        return s(draw(st.integers(min_value=1, max_value=respondents)), draw(team_mean))

    earlier = WeekFigures(
        period="2026-W09",
        respondents=12,
        eligible=12,
        safety=s(12, draw(team_mean)),
        standard=s(12, draw(team_mean)),
        administration=s(12, draw(team_mean)),
        traits={trait: s(12, draw(team_mean)) for trait in Trait},
    )
    current = WeekFigures(
        period="2026-W10",
        respondents=respondents,
        eligible=12,
        safety=sample(),
        standard=sample(),
        administration=sample(),
        traits={trait: sample() for trait in Trait},
    )
    summary = summarize(current, [earlier], min_respondents=minimum)
    assert summary.suppressed
    return summary


@given(answers=self_answers, team=suppressed_summaries())
def test_suppressed_team_hides_every_team_figure(answers, team):
    self_scores = score(answers)
    result = compare(self_scores, team, answers=answers)
    assert_no_team_figure(result)
    assert result.profile == profile_of(self_scores)
    assert result.managing_vs_leading == managing_vs_leading(answers)
    assert result == compare(self_scores, None, answers=answers)


@given(answers=self_answers, safety=team_mean, standard=team_mean)
def test_shown_team_gap_is_team_minus_self(answers, safety, standard):
    self_scores = score(answers)
    result = compare(self_scores, team_summary(safety=safety, standard=standard))
    assert not result.team_hidden
    for axis, self_value, team_value in (
        (SAFETY, self_scores.safety, safety),
        (STANDARD, self_scores.standard, standard),
    ):
        gap = result.axis_gaps[axis]
        if self_value is None:
            assert gap is None
        else:
            assert gap == Gap(self_value, team_value, team_value - self_value)
            assert (gap.difference < 0) == (team_value < self_value)
    beyond = [gap for gap in gaps_of(result) if gap.beyond_noise]
    if result.largest_gap is None:
        assert beyond == []
    else:
        assert result.largest_gap[1].beyond_noise
        assert all(abs(gap.difference) <= abs(result.largest_gap[1].difference) for gap in beyond)
