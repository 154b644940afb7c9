"""Issue 11, "value on day one" (sv): the same keys as nb_day_one.py. Merged into sv.MESSAGES."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # Dates and periods as people say them
    "period.date": "{weekday} {day} {month}",
    "period.at": "{date} kl. {time}",
    "period.month": "{month} {year}",
    "period.week": "vecka {week}",
    "period.month.1": "januari",
    "period.month.2": "februari",
    "period.month.3": "mars",
    "period.month.4": "april",
    "period.month.5": "maj",
    "period.month.6": "juni",
    "period.month.7": "juli",
    "period.month.8": "augusti",
    "period.month.9": "september",
    "period.month.10": "oktober",
    "period.month.11": "november",
    "period.month.12": "december",
    "chart.week": "v. {week}",
    # Send this week's pulse now (the setup form and its confirmation)
    "setup.pulse_now.label": "Första pulsen",
    "setup.pulse_now.option": "Skicka veckans puls nu",
    "setup.pulse_now.hint": "Då kan den första sammanfattningen komma redan den här veckan. Tar du bort bocken kommer den första pulsen på pulsdagen.",
    "setup.saved.first_pulse_now": ":outbox_tray: Veckans puls går ut till säljarna nu.",
    "setup.saved.first_pulse": ":outbox_tray: Den första pulsen går ut {when}.",
    "setup.saved.first_summary": "Den första sammanfattningen kommer {when}.",
    # The summary on demand (/balanse sammanfattning)
    "summary_now.sent": ":inbox_tray: Den senaste sammanfattningen för *{team}* finns i vårt direktmeddelande.",
    "summary_now.first": "*{team}*: den första sammanfattningen kommer {when}.",
    "summary_now.first_unknown": "*{team}*: ingen sammanfattning än, och ingen puls är planerad de kommande fyra veckorna.",
    "summary_now.answered": "Hittills har {answered} av {eligible} svarat på pulsen.",
    "summary_now.answered_few": "Hittills har färre än {minimum} svarat på pulsen. Hur många visas först när minst {minimum} har svarat, så att ingen kan spåras.",
    "summary_now.no_pulse_yet": "Pulsen har inte gått ut än.",
    "summary_now.choose": "Du är chef för flera team. Vilket team vill du se sammanfattningen för?",
    "summary_now.refused": "Sammanfattningen på begäran är till för chefer i ett team. Teamets anonyma sammanfattning kommer i teamkanalen varje vecka.",
    "summary_now.gone": "Du är inte chef för det teamet, så jag visar inte sammanfattningen.",
    # The weekly summary: traits the rotation did not ask (read on any day: never "this week")
    "summary.not_measured": "Inte mätt den här gången: {traits}.",
    "summary.weakest_measured": "*Det svagaste av kännetecknen som mättes: {trait}.* {suggestion}",
}
