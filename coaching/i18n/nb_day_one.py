"""Norwegian bokmål texts of issue 11 ("day one in a real workspace"), parts 1 and 3: every DM answered, help by
role, a run with nothing answered yet, App Home by role and the first message a seller gets. Merged into
nb.MESSAGES; keys and placeholders must match sv_day_one.py and en_day_one.py."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # Issue 11, part 3: help ordered by role (seller, then manager; manager commands only for managers)
    "help.seller.title": "*For selgere*",
    "help.manager.title": "*For ledere*",
    "help.self": "`/balanse selv` – svar på de samme påstandene om deg selv, og se lederprofilen din satt opp mot hvordan teamet opplever deg.",
    "help.setup": "`/balanse oppsett` – i teamets kanal: sett opp teamet eller endre det.",
    "help.setup_new": "Skal du lede et team? `/balanse oppsett` i teamets kanal setter det opp (for eierne og administratorene av arbeidsområdet og de som har fått tilgang).",
    "help.help": "`/balanse hjelp` – denne hjelpen.",
    "help.private": ":lock: Dine individuelle svar vises aldri for noen andre.",
    # Issue 11, part 3: a run with nothing answered yet reads naturally (not "0 av 40")
    "home.open_run_unstarted": "En {kind} venter på deg: *{total} spørsmål*, ca. {minutes} min.",
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
    "home.teams.title": "*Teamene dine*",
    "home.team.line": "*{team}* i {channel}\nNeste puls: {pulse} (i hver selgers egen tidssone) · neste oppsummering: {summary}\nSvar på ukens puls så langt: *{answered} av {eligible}*",
    "home.team.none": "ingen planlagt",
    "home.self": "*Lederspeilet:* svar på de samme påstandene om deg selv, og se lederprofilen din satt opp mot hvordan teamet opplever deg (`/balanse selv`).",
    "home.start_self": "Ta lederspeilet",
    "home.done.full": "Du har allerede svart på månedens undersøkelse; resultatet ditt står under.",
    "home.done.pulse": "Du har allerede tatt ukens puls; resultatet ditt står under.",
    "home.done.self": "Du har allerede tatt månedens selvvurdering; resultatet ditt står under.",
    # Issue 11, part 1: the first message a seller gets says what the bot is
    "notice.added.what": "Balansebrett er en Slack-assistent bygget på ledelsesmodellen «Ledelse i balanse»: du svarer på korte, private pulser, og teamet får anonyme tall som viser hvordan dere har det.",
}
