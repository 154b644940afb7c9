"""English texts of issue 11 ("day one in a real workspace"), parts 1 and 3: every DM answered, help by
role, a run with nothing answered yet, App Home by role and the first message a seller gets. Merged into
en.MESSAGES; keys and placeholders must match nb_day_one.py and sv_day_one.py."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # Issue 11, part 3: help ordered by role (seller, then manager; manager commands only for managers)
    "help.seller.title": "*For sellers*",
    "help.manager.title": "*For managers*",
    "help.self": "`/balanse self` – answer the same statements about yourself and see your leader profile next to how the team experiences you.",
    "help.setup": "`/balanse setup` – in a team's channel: set up the team or change it.",
    "help.setup_new": "Leading a team? `/balanse setup` in the team's channel sets it up (for the workspace's owners and admins, and people they have given access).",
    "help.help": "`/balanse help` – this help.",
    "help.private": ":lock: Your individual answers are never shown to anyone else.",
    # Issue 11, part 3: a run with nothing answered yet reads naturally (not "0 of 40")
    "home.open_run_unstarted": "A {kind} is waiting for you: *{total} questions*, about {minutes} min.",
    "reminder.pulse_unstarted": ":wave: A gentle reminder: your pulse is still waiting for you ({total} short questions, about {minutes} min). The questions are here in the thread, and only you see your answers.",
    # Issue 11, part 1: every top-level DM gets an answer
    "dm.hello": "Hi! I'm Balansebrett. Sellers answer a short, private pulse every week, and managers get anonymous figures for the team and advice on each seller. Here is what you can do:",
    "dm.not_understood": "I didn't quite get that. Here is what I can help you with:",
    "dm.ask.which": "Several of your sellers fit what you wrote. Who do you mean?",
    "dm.ask.who": "I don't recognise any of your sellers in what you wrote. Who is it about?",
    "dm.ask.chosen": "You chose {person}.",
    # Issue 11, part 1: App Home buttons that led nowhere say when the next opens; Home by role
    "run.next_opens.full": "The next survey opens {day}.",
    "run.next_opens.pulse": "The next pulse opens {day}.",
    "run.next_opens.self": "The next self-view opens {day}.",
    "home.teams.title": "*Your teams*",
    "home.team.line": "*{team}* in {channel}\nNext pulse: {pulse} (in each seller's own time zone) · next summary: {summary}\nAnswers to this week's pulse so far: *{answered} of {eligible}*",
    "home.team.none": "none planned",
    "home.self": "*The leader's mirror:* answer the same statements about yourself and see your leader profile next to how the team experiences you (`/balanse self`).",
    "home.start_self": "Take the leader's mirror",
    "home.done.full": "You have already answered this month's survey; your result is below.",
    "home.done.pulse": "You have already taken this week's pulse; your result is below.",
    "home.done.self": "You have already done this month's self-view; your result is below.",
    # Issue 11, part 1: the first message a seller gets says what the bot is
    "notice.added.what": "Balansebrett is a Slack assistant built on the leadership model “Ledelse i balanse”: you answer short, private pulses, and the team gets anonymous figures that show how you are doing.",
}
