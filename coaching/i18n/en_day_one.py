"""Issue 11, "value on day one" (en): the same keys as nb_day_one.py. Merged into en.MESSAGES."""

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
    "summary_now.sent": ":inbox_tray: The latest summary for *{team}* is in our direct messages.",
    "summary_now.first": "*{team}*: the first summary comes on {when}.",
    "summary_now.first_unknown": "*{team}*: no summary yet, and no pulse is planned in the next four weeks.",
    "summary_now.answered": "So far {answered} of {eligible} have answered the pulse.",
    "summary_now.answered_few": "So far fewer than {minimum} have answered the pulse. The number is shown once at least {minimum} have answered, so nobody can be traced.",
    "summary_now.no_pulse_yet": "The pulse has not gone out yet.",
    "summary_now.choose": "You manage several teams. Which team's summary would you like to see?",
    "summary_now.refused": "The summary on request is for a team's managers. The team's anonymous summary comes in the team channel every week.",
    "summary_now.gone": "You don't manage that team, so I won't show its summary.",
    # The weekly summary: traits the rotation did not ask (read on any day: never "this week")
    "summary.not_measured": "Not measured this time: {traits}.",
    "summary.weakest_measured": "*The weakest of the traits measured: {trait}.* {suggestion}",
}
