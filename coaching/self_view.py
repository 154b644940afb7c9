"""The leader's self-view: how the manager sees themself, set against how the team experiences them.

The manager answers the 40 items in their mirror wording (``coaching.mirror_items``); the answers are
scored with ``coaching.scoring.score`` exactly like a seller's, so the manager's own axis and trait
means sit on the same 1..5 scale as the team's.

Three readings come out of that:

- The leader profile in the seed's terms ("Hva kjennetegner de beste lederne?"): the three tiers (most
  leaders lean on their natural strength, profile A or B; good leaders balance; the best press hard on
  both sides) and the flat board (light pressure on both sides: "et flatt og stivt brett").
- The gap per axis and per trait between the manager's self-view and the team's experience: "Det er
  ikke hva du mener du gjør som avgjør sonen. Det er hva teamet opplever at du gjør." The team side is
  taken only from a ``TeamSummary`` that may be shown; below the anonymity minimum there is no team
  figure and no gap at all.
- The Swedish article's split between managing activities (chefaktiviteter) and leading activities
  (leda-aktiviteter), from the manager's own answers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from coaching.instrument import ITEMS, Axis, Item
from coaching.scoring import Answers, Scores, item_mean
from coaching.stats import FALLBACK_SD, Sample
from coaching.summary import TeamSummary
from coaching.zones import DEFAULT_CUTOFF


class LeaderProfile(StrEnum):
    """What the manager's own pressure on the two sides of the board says, in the seed's terms.

    The relation side is the safety axis (relasjonsledelse: se, inspirere, motivere, anerkjenne), the
    system side the standard axis (systemledelse: krav, analyse, struktur, oppfølging). The seed's three
    tiers ("Hva kjennetegner de beste lederne?") and its two profiles:

    - most leaders lean on their natural strength, the board tilts to one side: profile A (the natural
      relation leader) or profile B (the natural system leader);
    - good leaders find the balance the situation calls for: a level board (BALANCED);
    - the best leaders press hard on both sides: the board bends but does not break (BEST).

    FLAT is the seed's "lett trykk på begge sider gir et flatt og stivt brett": level, but light on both
    sides. It is not one of the three tiers and it is not the apathy zone (a zone is what a *team*
    experiences; this is the manager's own picture).
    """

    RELATION_LEADER = "relation_leader"  # profile A
    SYSTEM_LEADER = "system_leader"  # profile B
    BALANCED = "balanced"
    FLAT = "flat"
    BEST = "best"


class Tier(StrEnum):
    """The seed's three tiers of leaders."""

    MOST = "most"  # "De fleste ledere: bruker sin naturlige styrke mest – brettet heller til én side."
    GOOD = "good"  # "Gode ledere: finner balansen ut fra hva situasjonen krever."
    BEST = "best"  # "De beste lederne: trykker hardt på begge sider – brettet bøyer seg, men knekker ikke."


TIERS: Final[Mapping[LeaderProfile, Tier | None]] = MappingProxyType(
    {
        LeaderProfile.RELATION_LEADER: Tier.MOST,
        LeaderProfile.SYSTEM_LEADER: Tier.MOST,
        LeaderProfile.BALANCED: Tier.GOOD,
        LeaderProfile.FLAT: None,
        LeaderProfile.BEST: Tier.BEST,
    }
)

TILT: Final[float] = 0.5
"""One side this much above the other (half a scale step) tilts the board: the manager leans on it."""
LIGHT_BELOW: Final[float] = 3.0
"""A side below the scale's midpoint is light pressure: on average the manager does not agree they do it."""


def profile_of(scores: Scores, cutoff: float = DEFAULT_CUTOFF) -> LeaderProfile | None:
    """The leader profile from the manager's own safety (relation) and standard (system) means.

    In this order: both sides at or above ``cutoff`` (hard pressure, as an axis is high in the zone
    model) is BEST; one side at least TILT above the other is profile A (relation higher) or B (system
    higher); both sides below LIGHT_BELOW is FLAT; anything else is a level board, BALANCED. Administration
    is the foundation under the board, not one of its sides, so it does not enter the profile. None when
    either axis is None (too few answers).
    """
    relation, system = scores.safety, scores.standard
    if relation is None or system is None:
        return None
    if relation >= cutoff and system >= cutoff:
        return LeaderProfile.BEST
    if abs(relation - system) >= TILT:
        return LeaderProfile.RELATION_LEADER if relation > system else LeaderProfile.SYSTEM_LEADER
    if relation < LIGHT_BELOW and system < LIGHT_BELOW:
        return LeaderProfile.FLAT
    return LeaderProfile.BALANCED


@dataclass(frozen=True, slots=True)
class Gap:
    """The manager's own mean and the team's mean for one axis or trait.

    ``difference`` is team minus self: negative means the team experiences less of it than the
    manager believes they give; positive means the team experiences more.
    """

    self_value: float
    team_value: float
    difference: float
    margin: float = field(default=0.0, compare=False)
    """The 95% noise band of ``difference``: the manager's own answers and the team's figure both carry
    measurement noise, so a gap inside it may be no gap at all."""

    @property
    def beyond_noise(self) -> bool:
        return abs(self.difference) > self.margin

    @classmethod
    def between(cls, self_value: float, team_value: float, margin: float = 0.0) -> Gap:
        return cls(
            self_value=self_value, team_value=team_value, difference=team_value - self_value, margin=margin
        )


GAP_Z: Final[float] = 2.394
"""The two-sided 95% quantile for the largest of three gaps (Bonferroni: 0.05 / 3 each): with three
axes compared at once, 1.96 would name a gap that is not there in about one week in seven."""


def own_error(answers: Answers | None, axis: Axis, items: Sequence[Item] = ITEMS) -> float:
    """The standard error of the manager's own axis mean: the spread of their (scored) answers on the
    axis over the root of how many they gave; FALLBACK_SD over the root of the axis' items when their
    answers are not at hand or too few to show a spread. ``items``: the version they answered."""
    on_axis = [item for item in items if item.axis is axis]
    values = []
    for item in on_axis:
        raw = (answers or {}).get(item.id)
        if raw is not None:
            values.append(6 - raw if item.reverse else raw)
    sample = Sample.from_values(values)
    if sample is None or sample.n < 2 or sample.sd == 0:
        return FALLBACK_SD / math.sqrt(len(on_axis))
    return sample.sd / math.sqrt(sample.n)


def _gap(self_value: float | None, team_value: float | None, own_se: float, team_se: float) -> Gap | None:
    if self_value is None or team_value is None:
        return None
    return Gap.between(self_value, team_value, GAP_Z * math.sqrt(own_se**2 + team_se**2))


# Leading activities (leda-aktiviteter), over every version of the survey; the choice is explained in
# ``managing_vs_leading``. The managing side is the administration axis of whichever version was asked.
LEADING_ITEM_IDS: Final[tuple[str, ...]] = ("q17", "q19", "q23", "q24", "q29", "q38", "q41", "q42")


def managing_items(items: Sequence[Item] = ITEMS) -> tuple[Item, ...]:
    """The managing activities among the asked ``items``: their administration items."""
    return tuple(item for item in items if item.axis is Axis.ADMINISTRATION)


def leading_items(items: Sequence[Item] = ITEMS) -> tuple[Item, ...]:
    """The leading activities among the asked ``items``: those named in LEADING_ITEM_IDS."""
    return tuple(item for item in items if item.id in LEADING_ITEM_IDS)


def managing_vs_leading(answers: Answers, items: Sequence[Item] = ITEMS) -> tuple[float | None, float | None]:
    """(managing, leading): the manager's own means over the managing and the leading items of the
    asked ``items`` (the version of the survey their self-view asked; today's by default).

    Managing activities (the Swedish article's chefaktiviteter: "planering, budgetar, mål, resurser
    organiseras, uppgifter prioriteras, roller och ansvar definieras, aktiviteter och resultat mäts")
    are the administration axis item for item: overview of status and key figures (q05), priorities
    (q06), who is responsible for what (q13), planning (q15, reverse-keyed), goals and priorities
    passed on in time (q21), promises kept (q25v2; q25 in version 1), up-to-date figures (q27) and
    regular, predictable follow-up (q40).

    Leading activities (leda-aktiviteter) are about the why, a shared picture of now, goal and journey,
    and above all involving people and linking them together so they contribute. Since version 2 the
    survey asks about the why itself:

    - q42 I explain to my sellers why we have the targets we have: "medarbetarna blir tillräckligt
      insatta i Varför för att sedan flytta över denna förståelse i ett genomförbart Hur";
    - q41 I help my sellers see why their work matters: the seed's "Inspirere og skape mening og
      retning", the meaning the article puts at the heart of leading;
    - q38 suggestions on how we could work better are taken seriously: "ge mina medarbetare en chans
      att bidra, då får de också en anledning att engagera sig";
    - q17 sellers can give me critical feedback: "öppna upp för att jag inte har alla svaren";
    - q19 I see my sellers as people, not just as sellers: the seed's relation leadership.

    Version 1 had no item about the why; its self-views use the closest relation-side items it had:
    q17, q19 and q38 as above, q23 (I trust them to solve their tasks their own way), q24 (every seller
    feels included) and q29 (my sellers trust that I want the best for them).

    Both on 1..5 after reverse-keyed items are flipped; each is None when fewer than half of its items
    were answered ("don't know" counts as missing; exactly half is enough), as in ``score``. An answer
    outside 1..5 raises ValueError.
    """
    return item_mean(answers, managing_items(items)), item_mean(answers, leading_items(items))


@dataclass(frozen=True)
class SelfComparison:
    """The self-view: the manager's profile, and the gaps to the team where the team may be shown.

    ``axis_gaps`` always holds safety and standard, and administration only when the team shows an
    administration figure. A gap is None when either side is missing. There are no trait gaps: the
    manager knows their own scores, so a gap would show the team's trait figure, and the team summary
    shows none (coaching.summary.TeamSummary says why). When ``team_hidden`` every gap is None, no
    administration key is present and ``largest_gap`` is None: nothing here carries a team figure.
    ``largest_gap`` is (key, gap) for the largest ``abs(difference)`` among the gaps beyond their noise
    band (``Gap.beyond_noise``; None when none is), keys "axis.<axis>"; on a tie the
    first in axis order. ``managing_vs_leading`` is (managing, leading), see ``managing_vs_leading``.
    """

    self_scores: Scores
    profile: LeaderProfile | None
    axis_gaps: Mapping[Axis, Gap | None]
    team_hidden: bool
    largest_gap: tuple[str, Gap] | None
    managing_vs_leading: tuple[float | None, float | None]


def team_is_hidden(team: TeamSummary | None) -> bool:
    """True when no team figure may be shown: no summary, a suppressed one, or too few respondents."""
    return team is None or team.suppressed or team.respondents < team.min_respondents


def _largest(axis_gaps: Mapping[Axis, Gap | None]) -> tuple[str, Gap] | None:
    """The largest gap beyond the noise; None when every gap is within it."""
    candidates = [(f"axis.{axis.value}", gap) for axis, gap in axis_gaps.items() if gap and gap.beyond_noise]
    largest: tuple[str, Gap] | None = None
    for key, gap in candidates:
        if gap is not None and (largest is None or abs(gap.difference) > abs(largest[1].difference)):
            largest = (key, gap)
    return largest


def compare(
    self_scores: Scores,
    team: TeamSummary | None,
    *,
    answers: Answers | None = None,
    items: Sequence[Item] = ITEMS,
    cutoff: float = DEFAULT_CUTOFF,
) -> SelfComparison:
    """The manager's self-view set against the team's summary.

    ``self_scores`` is ``score(answers, items=items)`` over the manager's mirror answers. The team side is
    what the summary shows over the zone's window, its axes over the last weeks (``AxisTrend.shown_level``:
    "konsekvent, over tid"), and ``team.administration`` — a figure the summary left None (its cell was
    below the minimum) gives no gap. Each gap carries its noise band (the manager's own answers,
    ``own_error``, and the team's figure, ``AxisTrend.level_se``); only a gap beyond it can be the largest.
    When the team is hidden (None, suppressed or under the minimum) no team
    figure enters the result.

    ``answers`` are the manager's raw answers (the ones ``self_scores`` was computed from); the
    managing/leading split needs them because Scores keep only axis and trait means. Without them
    ``managing_vs_leading`` is (None, None). ``items`` are the items the self-view asked (its version).
    """
    hidden = team_is_hidden(team)
    axis_gaps: dict[Axis, Gap | None] = {Axis.SAFETY: None, Axis.STANDARD: None}
    if team is not None and not hidden:
        for axis, trend in ((Axis.SAFETY, team.safety), (Axis.STANDARD, team.standard)):
            if trend is not None:
                team_se = trend.level_se if trend.level_se is not None else FALLBACK_SD
                own = self_scores.safety if axis is Axis.SAFETY else self_scores.standard
                axis_gaps[axis] = _gap(own, trend.shown_level, own_error(answers, axis, items), team_se)
        if team.administration is not None:
            axis_gaps[Axis.ADMINISTRATION] = _gap(
                self_scores.administration,
                team.administration,
                own_error(answers, Axis.ADMINISTRATION, items),
                FALLBACK_SD / math.sqrt(team.respondents),
            )
    return SelfComparison(
        self_scores=self_scores,
        profile=profile_of(self_scores, cutoff),
        axis_gaps=MappingProxyType(axis_gaps),
        team_hidden=hidden,
        largest_gap=_largest(axis_gaps),
        managing_vs_leading=managing_vs_leading(answers, items) if answers is not None else (None, None),
    )
