"""Issue 11, "value on day one" (en): the same keys as nb_day_one.py. Merged into en.MESSAGES. Also parts 1 and 3
(day1a): every DM answered, help by role, a run with nothing answered yet, App Home by role, the first
message a seller gets."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # Dates and periods as people say them
    "period.date": "{weekday} {day} {month}",
    "period.at": "{date} at {time}",
    "period.month": "{month} {year}",
    "period.week": "week {week}",
    "period.month.1": "January",
    "period.month.2": "February",
    "period.month.3": "March",
    "period.month.4": "April",
    "period.month.5": "May",
    "period.month.6": "June",
    "period.month.7": "July",
    "period.month.8": "August",
    "period.month.9": "September",
    "period.month.10": "October",
    "period.month.11": "November",
    "period.month.12": "December",
    "chart.week": "W{week}",
    # Send this week's pulse now (the setup form and its confirmation)
    "setup.pulse_now.label": "First pulse",
    "setup.pulse_now.option": "Send this week's pulse now",
    "setup.pulse_now.hint": "Then the first summary can come this week. Untick it and the first pulse goes out on the pulse day.",
    "setup.saved.first_pulse_now": ":outbox_tray: This week's pulse is going out to the sellers now.",
    "setup.saved.first_pulse": ":outbox_tray: The first pulse goes out on {when}.",
    "setup.saved.first_summary": "The first summary comes on {when}.",
    # The summary on demand (/balanse summary)
    "summary_now.sent": ":inbox_tray: The latest summary for **{team}** is in our direct messages.",
    "summary_now.first": "**{team}**: the first summary comes on {when}.",
    "summary_now.first_unknown": "**{team}**: no summary yet, and no pulse is planned in the next four weeks.",
    "summary_now.answered": "So far {answered} of {eligible} have answered the pulse.",
    "summary_now.answered_few": "So far fewer than {minimum} have answered the pulse. The number is shown once at least {minimum} have answered, so nobody can be traced.",
    "summary_now.no_pulse_yet": "The pulse has not gone out yet.",
    "summary_now.choose": "You manage several teams. Which team's summary would you like to see?",
    "summary_now.refused": "The summary on request is for a team's managers. The team's anonymous summary comes in the team channel every week.",
    "summary_now.gone": "You don't manage that team, so I won't show its summary.",
    # The weekly summary: traits the rotation did not ask (read on any day: never "this week")
    "summary.not_measured": "Not measured this time: {traits}.",
    "summary.weakest_measured": "**The weakest of the traits measured: {trait}.** {suggestion}",
    # Issue 11, part 3: help ordered by role (seller, then manager; manager commands only for managers)
    "help.seller.title": "**For sellers**",
    "help.manager.title": "**For managers**",
    "help.self": "`/balanse self` – answer the same statements about yourself and see your leader profile next to how the team experiences you.",
    "help.summary": "`/balanse summary` – your team's latest weekly summary, for you alone, with the zone chart.",
    "help.setup": "`/balanse setup` – in a team's channel: set up the team or change it.",
    "help.setup_new": "Leading a team? `/balanse setup` in the team's channel sets it up (for the workspace's owners and admins, and people they have given access).",
    "help.help": "`/balanse help` – this help.",
    "help.private": ":lock: Your individual answers are never shown to anyone else.",
    # Issue 11, part 3: a run with nothing answered yet reads naturally (not "0 of 40")
    "home.open_run_unstarted": "A {kind} is waiting for you: **{total} questions**, about {minutes} min.",
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
    "home.teams.title": "**Your teams**",
    "home.team.line": "**{team}** in {channel}\nNext pulse: {pulse} (in each seller's own time zone) · next summary: {summary}\n{progress}",
    "home.team.none": "none planned",
    "home.self": "**The leader's mirror:** answer the same statements about yourself and see your leader profile next to how the team experiences you (`/balanse self`).",
    "home.start_self": "Take the leader's mirror",
    "home.done.full": "You have already answered this month's survey; your result is below.",
    "home.done.pulse": "You have already taken this week's pulse; your result is below.",
    "home.done.self": "You have already done this month's self-view; your result is below.",
    # Issue 11, part 1: the first message a seller gets says what the bot is
    "notice.added.what": "Balansebrett is a Slack assistant built on the leadership model “Ledelse i balanse”: you answer short, private pulses, and the team gets anonymous figures that show how you are doing.",
}
