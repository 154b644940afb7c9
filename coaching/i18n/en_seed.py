"""English texts of issue 10, part 1 ("never against the seed"). Merged into en.MESSAGES; keys and
placeholders must match nb_seed.py (canonical) and sv_seed.py."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # The foundation first, in every zone
    "lever.foundation_first.manager": "get administration in place first: it is the foundation under the board. Get an overview of status and key figures, make expectations clear and keep what you promise.",
    "lever.foundation_first.seller": "administration in place first: an overview, clear priorities and agreements that are kept. Without the foundation there is nothing to balance on.",
    "lever.then": "Then: {advice}",
    # The comfort zone is the most dangerous
    "summary.slide.into_comfort": ":rotating_light: **Urgent: the team has slid into the comfort zone.**",
    "summary.slide.toward_comfort": ":rotating_light: **Urgent: the team is sliding toward the comfort zone.** Perceived standard fell by {change} from the week before while safety held.",
    "summary.slide.why": "The most dangerous zone is not the stress zone but the comfort zone. It feels good, people are happy and nobody complains, yet the department stagnates, and the best sellers, the ones with ambition, leave.",
    "summary.slide.notice": "Urgent: the team is sliding toward the comfort zone.",
    # The leader behaviour behind the zone (the link between the models)
    "result.behaviour": "The leader behaviour that creates this zone, according to the model: **{behaviour}**.",
    "zone.performance.behaviour": "balanced leadership – force on both sides",
    "zone.comfort.behaviour": "relation without demands",
    "zone.stress.behaviour": "demands without relation",
    "zone.apathy.behaviour": "no conscious leadership",
    # The leader mirror: the three tiers and the profiles
    "self.tier.most": "**Most leaders** use their natural strength most – the board tilts to one side. This is how the model describes the profile your board tilts toward:",
    "self.tier.good": "**Good leaders** find the balance the situation calls for.",
    "self.tier.best": "**The best leaders** press hard on both sides – the board bends but does not break.",
    "self.profile.balanced.name": "a balanced board",
    "self.profile.balanced.text": "Neither side dominates. Whether you also adjust the dose to the person and the situation is something a self-view cannot show; that is what the advice about individual sellers is for. The next step toward the best: press harder on both sides.",
    # The coaching dialogue: the model's two lists, "More ... when"
    "coach.question.relation_when": "**More relation leadership when …** Do you recognise any of this in {person}? Pick the one that fits best.\n• Performing below their level without a clear cause\n• The team has low energy or internal friction\n• You have lost trust – or never built it\n• Change is creating unrest and uncertainty",
    "coach.question.system_when": "**More system leadership when …** Do you recognise any of this in {person}? Pick the one that fits best.\n• Results over time don't meet expectations\n• Unsure what is actually expected\n• No structure around follow-up and feedback\n• Believes “it's going fine” without the numbers to show it",
    "coach.choice.relation_when.below_level": "Below their level",
    "coach.choice.relation_when.team_strain": "Friction in the team",
    "coach.choice.relation_when.trust_lost": "Trust is gone",
    "coach.choice.relation_when.change_unrest": "Unrest after changes",
    "coach.choice.system_when.below_expectations": "Below expectations over time",
    "coach.choice.system_when.expectations_unclear": "Unclear expectations",
    "coach.choice.system_when.follow_up_missing": "No follow-up",
    "coach.choice.system_when.numbers_disagree": "“Fine” – the numbers say no",
    "coach.choice.none": "None of these",
    "coach.field.relation_when": "More relation leadership when",
    "coach.field.system_when": "More system leadership when",
    "self.profile.feeds_advice": "When you ask for advice about one of your sellers (`/balanse coach @name`), I'll remind you of your profile's blind spot where the advice calls for the other side.",
}
