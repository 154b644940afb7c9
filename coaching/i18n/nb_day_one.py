"""Issue 11, "value on day one" (nb, canonical): the first week, the summary on demand, and periods as
people say them. Merged into nb.MESSAGES; sv_day_one.py and en_day_one.py hold the same keys."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # Dates and periods as people say them
    "period.date": "{weekday} {day}. {month}",
    "period.at": "{date} kl. {time}",
    "period.month": "{month} {year}",
    "period.week": "uke {week}",
    "period.month.1": "januar",
    "period.month.2": "februar",
    "period.month.3": "mars",
    "period.month.4": "april",
    "period.month.5": "mai",
    "period.month.6": "juni",
    "period.month.7": "juli",
    "period.month.8": "august",
    "period.month.9": "september",
    "period.month.10": "oktober",
    "period.month.11": "november",
    "period.month.12": "desember",
    "chart.week": "uke {week}",
    # Send this week's pulse now (the setup form and its confirmation)
    "setup.pulse_now.label": "Første puls",
    "setup.pulse_now.option": "Send ukens puls nå",
    "setup.pulse_now.hint": "Da kan den første oppsummeringen komme allerede denne uken. Fjerner du haken, kommer den første pulsen på pulsdagen.",
    "setup.saved.first_pulse_now": ":outbox_tray: Ukens puls går ut til selgerne nå.",
    "setup.saved.first_pulse": ":outbox_tray: Den første pulsen går ut {when}.",
    "setup.saved.first_summary": "Den første oppsummeringen kommer {when}.",
    # The summary on demand (/balanse oppsummering)
    "summary_now.sent": ":inbox_tray: Den siste oppsummeringen for *{team}* ligger i direktemeldingen vår.",
    "summary_now.first": "*{team}*: den første oppsummeringen kommer {when}.",
    "summary_now.first_unknown": "*{team}*: ingen oppsummering ennå, og ingen puls er planlagt de neste fire ukene.",
    "summary_now.answered": "Så langt har {answered} av {eligible} svart på pulsen.",
    "summary_now.answered_few": "Så langt har færre enn {minimum} svart på pulsen. Hvor mange vises først når minst {minimum} har svart, slik at ingen kan spores.",
    "summary_now.no_pulse_yet": "Pulsen har ikke gått ut ennå.",
    "summary_now.choose": "Du leder flere team. Hvilket team vil du se oppsummeringen for?",
    "summary_now.refused": "Oppsummeringen på forespørsel er for lederne av et team. Teamets anonyme oppsummering kommer i teamkanalen hver uke.",
    "summary_now.gone": "Du leder ikke det teamet, så jeg viser ikke oppsummeringen.",
    # The weekly summary: traits the rotation did not ask (read on any day: never "this week")
    "summary.not_measured": "Ikke målt denne gangen: {traits}.",
    "summary.weakest_measured": "*Det svakeste av kjennetegnene som ble målt: {trait}.* {suggestion}",
}
