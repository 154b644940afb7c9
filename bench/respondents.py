"""A respondent simulator over the public coaching API: simulated sellers answer the real items.

The model (docs/PSYCHOMETRICS.md explains each choice):

- every seller has three latent values, safety, standard and administration, standard normal and
  correlated (``axis_corr``); a team has its own centre (``team_sd``) and its sellers scatter around it
  (``person_sd``; team_sd**2 + person_sd**2 = 1);
- from week to week a seller's latent moves a little (``state_sd``, fresh every week);
- an item measures only its axis: the response is ``loading * latent + sqrt(1 - loading**2) * noise +
  ease``, cut into 1..5 at ``thresholds``; loadings are drawn in ``loadings`` (0.6-0.7), each item's ease
  from N(0, ``ease_sd``); the two anchors are harder to agree with (``anchor_ease``: an item that asks
  three things at once gets fewer "agree"); a reverse-keyed item is answered on the reversed scale;
- any answer is "don't know" with probability ``dont_know`` (5 %).

What the simulator knows and the product never does: the *true* scores. A seller's true axis score is
the expected full-survey axis mean for their latent (over the item noise, the weekly state and the item
cut points, computed exactly with the normal CDF); a team's true score is the mean of its sellers'.
The true zone is the zone of the true scores.

Items are read only through ``coaching.instrument.ITEMS`` (id, axis, trait, reverse, anchor), the
pulse's items through ``coaching.pulse.pulse_items``: never from their wording. Pure: all randomness
comes from the ``random.Random`` passed in, so a seed gives the same figures on every machine.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from coaching.instrument import ITEMS, Axis, Item, Trait
from coaching.pulse import pulse_items
from coaching.scoring import Answers, reverse_value

AXES = tuple(Axis)


@dataclass(frozen=True, slots=True)
class Model:
    loadings: tuple[float, float] = (0.6, 0.7)
    axis_corr: float = 0.5
    team_sd: float = 0.6
    person_sd: float = 0.8
    state_sd: float = 0.3
    dont_know: float = 0.05
    thresholds: tuple[float, float, float, float] = (-1.5, -0.7, 0.1, 0.9)
    ease_sd: float = 0.25
    anchor_ease: float = -0.35
    item_seed: int = 10


@dataclass(frozen=True, slots=True)
class ItemParams:
    item: Item
    loading: float
    ease: float


def item_params(model: Model, items: Sequence[Item] = ITEMS) -> tuple[ItemParams, ...]:
    """Each item's loading and ease, fixed by ``model.item_seed`` (the same instrument in every run)."""
    rng = random.Random(model.item_seed)
    low, high = model.loadings
    params = []
    for item in items:
        loading = rng.uniform(low, high)
        ease = model.anchor_ease if item.anchor else rng.gauss(0.0, model.ease_sd)
        params.append(ItemParams(item, loading, ease))
    return tuple(params)


Latent = Mapping[Axis, float]


@dataclass(frozen=True, slots=True)
class Person:
    key: str
    latent: Latent


@dataclass(frozen=True, slots=True)
class Team:
    key: str
    people: tuple[Person, ...]

    def shifted(self, axis: Axis, delta: float) -> Team:
        """The same team with every seller's latent on ``axis`` moved by ``delta`` (a real change)."""
        moved = []
        for person in self.people:
            latent = dict(person.latent)
            latent[axis] += delta
            moved.append(replace(person, latent=MappingProxyType(latent)))
        return replace(self, people=tuple(moved))


def _correlated(rng: random.Random, sd: float, corr: float) -> dict[Axis, float]:
    common = rng.gauss(0.0, 1.0)
    return {
        axis: sd * (math.sqrt(corr) * common + math.sqrt(1.0 - corr) * rng.gauss(0.0, 1.0)) for axis in AXES
    }


def make_team(
    model: Model, rng: random.Random, size: int, key: str, *, split: Axis | None = None, gap: float = 2.4
) -> Team:
    """A team of ``size`` sellers around a random centre. With ``split`` the team is two camps on that
    axis: half its sellers ``gap / 2`` above the centre and half below (a clearly bimodal team)."""
    centre = _correlated(rng, model.team_sd, model.axis_corr)
    people = []
    for index in range(size):
        own = _correlated(rng, model.person_sd, model.axis_corr)
        latent = {axis: centre[axis] + own[axis] for axis in AXES}
        if split is not None:
            latent[split] = centre[split] + (gap / 2 if index % 2 == 0 else -gap / 2) + 0.3 * own[split]
        people.append(Person(f"{key}-m{index}", MappingProxyType(latent)))
    return Team(key, tuple(people))


# -- answering ---------------------------------------------------------------------------------------------


def _level(model: Model, value: float) -> int:
    level = 1
    for threshold in model.thresholds:
        if value > threshold:
            level += 1
    return level


@dataclass(slots=True)
class Sitting:
    """One seller's answers to one sitting (a pulse or the full survey) and the items asked."""

    key: str
    items: tuple[Item, ...]
    answers: Answers = field(default_factory=dict)
    pulse: bool = False  # a pulse's axis means are weighted (coaching.pulse.axis_weights); a survey's are not


def answer(
    model: Model,
    params: Mapping[str, ItemParams],
    rng: random.Random,
    person: Person,
    items: Sequence[Item],
) -> Sitting:
    """The seller's answers to ``items`` this week (a fresh weekly state and fresh item noise)."""
    state = {axis: rng.gauss(0.0, model.state_sd) for axis in AXES}
    answers: dict[str, int | None] = {}
    for item in items:
        if rng.random() < model.dont_know:
            answers[item.id] = None
            continue
        p = params[item.id]
        latent = person.latent[item.axis] + state[item.axis]
        value = p.loading * latent + math.sqrt(1.0 - p.loading**2) * rng.gauss(0.0, 1.0) + p.ease
        level = _level(model, value)
        answers[item.id] = reverse_value(level) if item.reverse else level
    return Sitting(person.key, tuple(items), answers)


def full_survey(
    model: Model, params: Mapping[str, ItemParams], rng: random.Random, team: Team
) -> list[Sitting]:
    return [answer(model, params, rng, person, ITEMS) for person in team.people]


def pulse_week(
    model: Model, params: Mapping[str, ItemParams], rng: random.Random, team: Team, period: str
) -> list[Sitting]:
    """Every seller's pulse of ``period``: the items the product would send them that week."""
    return [
        replace(answer(model, params, rng, person, pulse_items(person.key, period)), pulse=True)
        for person in team.people
    ]


# -- the truth ---------------------------------------------------------------------------------------------


def _phi(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def expected_item(model: Model, p: ItemParams, latent: float) -> float:
    """The expected answer (on the scored, construct scale) of a seller with ``latent``."""
    spread = math.sqrt(1.0 - p.loading**2 + (p.loading * model.state_sd) ** 2)
    centre = p.loading * latent + p.ease
    return 1.0 + sum(_phi((centre - threshold) / spread) for threshold in model.thresholds)


def true_scores(model: Model, params: Sequence[ItemParams], latent: Latent) -> dict[Axis, float]:
    """A seller's true axis scores: the expected full-survey axis means."""
    totals = dict.fromkeys(AXES, 0.0)
    counts = dict.fromkeys(AXES, 0)
    for p in params:
        totals[p.item.axis] += expected_item(model, p, latent[p.item.axis])
        counts[p.item.axis] += 1
    return {axis: totals[axis] / counts[axis] for axis in AXES}


def true_trait_scores(model: Model, params: Sequence[ItemParams], latent: Latent) -> dict[Trait, float]:
    totals = dict.fromkeys(Trait, 0.0)
    counts = dict.fromkeys(Trait, 0)
    for p in params:
        totals[p.item.trait] += expected_item(model, p, latent[p.item.axis])
        counts[p.item.trait] += 1
    return {trait: totals[trait] / counts[trait] for trait in Trait}


def team_truth(model: Model, params: Sequence[ItemParams], team: Team) -> dict[Axis, float]:
    """The team's true axis scores: the mean of its sellers' true scores."""
    people = [true_scores(model, params, person.latent) for person in team.people]
    return {axis: math.fsum(p[axis] for p in people) / len(people) for axis in AXES}


def shift_for(
    model: Model, params: Sequence[ItemParams], team: Team, axis: Axis, change: float, *, steps: int = 10
) -> float:
    """The latent shift that moves the team's true ``axis`` score by ``change`` (bisection)."""
    axis_params = [p for p in params if p.item.axis is axis]

    def mean_at(delta: float) -> float:
        total = 0.0
        for person in team.people:
            latent = person.latent[axis] + delta
            total += math.fsum(expected_item(model, p, latent) for p in axis_params) / len(axis_params)
        return total / len(team.people)

    target = mean_at(0.0) + change
    low, high = (0.0, 4.0) if change >= 0 else (-4.0, 0.0)
    for _ in range(steps):
        middle = (low + high) / 2
        if mean_at(middle) < target:
            low = middle
        else:
            high = middle
    return (low + high) / 2
