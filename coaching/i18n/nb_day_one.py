"""Issue 11, "value on day one" (nb, canonical): the first week, the summary on demand, and periods as
people say them. Merged into nb.MESSAGES; sv_day_one.py and en_day_one.py hold the same keys. Also parts 1 and 3
(day1a): every DM answered, help by role, a run with nothing answered yet, App Home by role, the first
message a seller gets."""

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
    "summary_now.sent": ":inbox_tray: Den siste oppsummeringen for **{team}** ligger i direktemeldingen vår.",
    "summary_now.first": "**{team}**: den første oppsummeringen kommer {when}.",
    "summary_now.first_unknown": "**{team}**: ingen oppsummering ennå, og ingen puls er planlagt de neste fire ukene.",
    "summary_now.answered": "Så langt har {answered} av {eligible} svart på pulsen.",
    "summary_now.answered_few": "Så langt har færre enn {minimum} svart på pulsen. Hvor mange vises først når minst {minimum} har svart, slik at ingen kan spores.",
    "summary_now.no_pulse_yet": "Pulsen har ikke gått ut ennå.",
    "summary_now.choose": "Du leder flere team. Hvilket team vil du se oppsummeringen for?",
    "summary_now.refused": "Oppsummeringen på forespørsel er for lederne av et team. Teamets anonyme oppsummering kommer i teamkanalen hver uke.",
    "summary_now.gone": "Du leder ikke det teamet, så jeg viser ikke oppsummeringen.",
    # The weekly summary: traits the rotation did not ask (read on any day: never "this week")
    "summary.not_measured": "Ikke målt denne gangen: {traits}.",
    "summary.weakest_measured": "**Det svakeste av kjennetegnene som ble målt: {trait}.** {suggestion}",
    # Issue 11, part 3: help ordered by role (seller, then manager; manager commands only for managers)
    "help.seller.title": "**For selgere**",
    "help.manager.title": "**For ledere**",
    "help.self": "`/balanse selv` – svar på de samme påstandene om deg selv, og se lederprofilen din satt opp mot hvordan teamet opplever deg.",
    "help.summary": "`/balanse oppsummering` – den siste ukeoppsummeringen for teamet ditt, bare for deg, med sonekartet.",
    "help.setup": "`/balanse oppsett` – i teamets kanal: sett opp teamet eller endre det.",
    "help.setup_new": "Skal du lede et team? `/balanse oppsett` i teamets kanal setter det opp (for eierne og administratorene av arbeidsområdet og de som har fått tilgang).",
    "help.help": "`/balanse hjelp` – denne hjelpen.",
    "help.private": ":lock: Dine individuelle svar vises aldri for noen andre.",
    # Issue 11, part 3: a run with nothing answered yet reads naturally (not "0 av 40")
    "home.open_run_unstarted": "En {kind} venter på deg: **{total} spørsmål**, ca. {minutes} min.",
    "reminder.pulse_unstarted": ":wave: En vennlig påminnelse: pulsen din venter fortsatt på deg ({total} korte spørsmål, ca. {minutes} min). Spørsmålene ligger her i tråden, og det er bare du som ser svarene dine.",
    # Issue 11, part 1: every top-level DM gets an answer
    "dm.hello": "Hei! Jeg er Balansebrett. Selgerne svarer på en kort, privat puls hver uke, og lederne får anonyme tall for teamet og råd om hver selger. Dette kan du gjøre:",
    "dm.not_understood": "Det skjønte jeg ikke helt. Dette kan jeg hjelpe deg med:",
    "dm.ask.which": "Flere av selgerne dine passer til det du skrev. Hvem gjelder det?",
    "dm.ask.who": "Jeg kjenner ikke igjen noen av selgerne dine i det du skrev. Hvem gjelder det?",
    "dm.ask.chosen": "Du valgte {person}.",
    # Issue 11, part 1: App Home buttons that led nowhere say when the next opens; Home by role
    "run.next_opens.full": "Neste undersøkelse åpner {day}.",
    "run.next_opens.pulse": "Neste puls åpner {day}.",
    "run.next_opens.self": "Neste selvvurdering åpner {day}.",
    "home.teams.title": "**Teamene dine**",
    "home.team.line": "**{team}** i {channel}\nNeste puls: {pulse} (i hver selgers egen tidssone) · neste oppsummering: {summary}\n{progress}",
    "home.team.none": "ingen planlagt",
    "home.self": "**Lederspeilet:** svar på de samme påstandene om deg selv, og se lederprofilen din satt opp mot hvordan teamet opplever deg (`/balanse selv`).",
    "home.start_self": "Ta lederspeilet",
    "home.done.full": "Du har allerede svart på månedens undersøkelse; resultatet ditt står under.",
    "home.done.pulse": "Du har allerede tatt ukens puls; resultatet ditt står under.",
    "home.done.self": "Du har allerede tatt månedens selvvurdering; resultatet ditt står under.",
    # Issue 11, part 1: the first message a seller gets says what the bot is
    "notice.added.what": "Balansebrett er en Slack-assistent bygget på ledelsesmodellen «Ledelse i balanse»: du svarer på korte, private pulser, og teamet får anonyme tall som viser hvordan dere har det.",
}
