"""The leader's self-view result in words, for every front end (Slack's blocks in bot/messages/self_view.py,
the console): the profile, how the manager sees themself, the team's view and the managing/leading split.

Team figures appear only when the comparison shows a team (``ResultView.team`` is set and the
comparison is not hidden); they are the team's anonymous, published weekly means, never a seller's
answers. When the team is hidden, one line says why and no team figure is rendered at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from coaching.i18n import t
from coaching.instrument import Axis
from coaching.locale import Locale
from coaching.markup import escape
from coaching.numbers import number, rounded
from coaching.self_view import TIERS, Gap, LeaderProfile, SelfComparison, Tier, compare
from survey_flows.views import ResultView

SAME_BAND: Final[float] = 0.25
"""A gap smaller than this (a quarter of a scale step) reads as "about what you think"."""
SPLIT_BAND: Final[float] = 0.5
"""Managing and leading this far apart: name the weaker one."""

_PROFILE_KEYS: Final[dict[LeaderProfile, tuple[str, str]]] = {
    LeaderProfile.RELATION_LEADER: ("self.profile.relation_leader.name", "self.profile.relation_leader.text"),
    LeaderProfile.SYSTEM_LEADER: ("self.profile.system_leader.name", "self.profile.system_leader.text"),
    LeaderProfile.BALANCED: ("self.profile.balanced.name", "self.profile.balanced.text"),
    LeaderProfile.FLAT: ("self.profile.flat.name", "self.profile.flat.text"),
    LeaderProfile.BEST: ("self.profile.best.name", "self.profile.best.text"),
}
_TIER_KEYS: Final[dict[Tier, str]] = {
    Tier.MOST: "self.tier.most",
    Tier.GOOD: "self.tier.good",
    Tier.BEST: "self.tier.best",
}
_WHAT_KEYS: Final[dict[Axis, str]] = {
    Axis.SAFETY: "self.what.safety",
    Axis.STANDARD: "self.what.standard",
    Axis.ADMINISTRATION: "self.what.administration",
}


def shown_difference(gap: Gap) -> Decimal:
    """Team minus self as the two shown figures give it, so the three numbers on a line always add up."""
    return rounded(gap.team_value) - rounded(gap.self_value)


def _axis_label(locale: Locale, axis: Axis) -> str:
    return t(locale, f"axis.{axis}")


def _measure(locale: Locale, key: str) -> tuple[str, str]:
    """(label, what) for a comparison key "axis.<axis>" (the team's traits are never compared: no trait
    figure of a team is shown, coaching.summary.TeamSummary)."""
    axis = Axis(key.partition(".")[2])
    return _axis_label(locale, axis), t(locale, _WHAT_KEYS[axis])


def gap_words(locale: Locale, what: str, gap: Gap) -> str:
    """The gap in plain words, read off the shown difference (team minus self) so words and figures agree:
    below zero the team experiences less than you think; within the gap's noise band (or SAME_BAND) about
    the same."""
    difference = shown_difference(gap)
    if not gap.beyond_noise or abs(difference) < Decimal(str(SAME_BAND)):
        return t(locale, "self.gap.same")
    return t(locale, "self.gap.more" if difference > 0 else "self.gap.less", what=what)


def _gap_line(locale: Locale, key: str, gap: Gap | None) -> str:
    label, what = _measure(locale, key)
    if gap is None:
        return t(locale, "self.gap.none", measure=label)
    return t(
        locale,
        "self.gap.line",
        measure=label,
        own=number(locale, gap.self_value),
        team=number(locale, gap.team_value),
        difference=number(locale, shown_difference(gap), signed=True),
        words=gap_words(locale, what, gap),
    )


@dataclass(frozen=True, slots=True)
class SelfViewText:
    """The sections of the self-view result, each a text in the neutral markup."""

    title: str
    profile: str
    profile_notes: tuple[str, ...]
    own: str
    team: tuple[str, ...]
    """The gaps to the team (the largest named, then the quote), or one line saying why there are none."""
    split: str
    private: str


def _profile(locale: Locale, comparison: SelfComparison) -> tuple[str, tuple[str, ...]]:
    if comparison.profile is None:
        text = t(locale, "self.profile.none")
    else:
        name_key, text_key = _PROFILE_KEYS[comparison.profile]
        lines = [t(locale, "self.profile.title", profile=t(locale, name_key))]
        tier = TIERS[comparison.profile]
        if tier is not None:
            lines.append(t(locale, _TIER_KEYS[tier]))
        lines.append(t(locale, text_key))
        text = "\n".join(lines)
    notes = [t(locale, "self.profile.board")]
    if comparison.profile in (LeaderProfile.RELATION_LEADER, LeaderProfile.SYSTEM_LEADER):
        notes.append(t(locale, "self.profile.feeds_advice"))  # the manager's own data, used for them only
    return text, tuple(notes)


def _own(locale: Locale, comparison: SelfComparison) -> str:
    s = comparison.self_scores
    values = ((Axis.SAFETY, s.safety), (Axis.STANDARD, s.standard), (Axis.ADMINISTRATION, s.administration))
    lines = [t(locale, "self.own.title")]
    lines += [
        t(locale, "result.axis", axis=_axis_label(locale, axis), value=number(locale, value))
        for axis, value in values
    ]
    if s.strongest_trait is not None and s.weakest_trait is not None and s.strongest_trait != s.weakest_trait:
        strongest, weakest = (t(locale, f"trait.{trait}") for trait in (s.strongest_trait, s.weakest_trait))
        lines.append(t(locale, "result.traits", strongest=strongest, weakest=weakest))
    return "\n".join(lines)


def _team(locale: Locale, result: ResultView, comparison: SelfComparison, team_name: str) -> tuple[str, ...]:
    """The gaps to the team, or one line saying why there are none. No team figure when hidden."""
    if comparison.team_hidden or result.team is None:
        return (t(locale, "self.team.hidden" if result.manages_team else "self.team.none"),)
    week = int(result.team.period.rsplit("W", 1)[-1])
    axis_lines = [t(locale, "self.team.title", team=team_name, week=week)]
    axis_lines += [_gap_line(locale, f"axis.{axis}", gap) for axis, gap in comparison.axis_gaps.items()]
    sections = ["\n".join(axis_lines)]
    if comparison.largest_gap is not None:
        key, gap = comparison.largest_gap
        label, what = _measure(locale, key)
        largest = t(
            locale,
            "self.gap.largest",
            measure=label,
            difference=number(locale, shown_difference(gap), signed=True),
            words=gap_words(locale, what, gap),
        )
        sections.append(largest)
    sections.append(t(locale, "self.gap.quote"))
    return tuple(sections)


def _split(locale: Locale, comparison: SelfComparison) -> str:
    managing, leading = comparison.managing_vs_leading
    lines = [
        t(locale, "self.split.title"),
        t(locale, "self.split.managing", value=number(locale, managing)),
        t(locale, "self.split.leading", value=number(locale, leading)),
    ]
    if managing is not None and leading is not None:
        if managing - leading >= SPLIT_BAND:
            lines.append(t(locale, "self.split.leading_lower"))
        elif leading - managing >= SPLIT_BAND:
            lines.append(t(locale, "self.split.managing_lower"))
        else:
            lines.append(t(locale, "self.split.balanced"))
    return "\n".join(lines)


def self_view_text(locale: Locale, result: ResultView, team_name: str | None = None) -> SelfViewText:
    """`team_name`: the compared team's name as the front end shows it; the stored name, escaped for the
    markup, when not given."""
    comparison = result.comparison or compare(result.scores, None)
    name = team_name if team_name is not None else (escape(result.team.name) if result.team else "")
    profile, notes = _profile(locale, comparison)
    return SelfViewText(
        title=t(locale, "result.self.title"),
        profile=profile,
        profile_notes=notes,
        own=_own(locale, comparison),
        team=_team(locale, result, comparison, name),
        split=_split(locale, comparison),
        private=t(locale, "self.private"),
    )
