"""Swedish texts of issue 11 ("day one in a real workspace"), parts 1 and 3: every DM answered, help by
role, a run with nothing answered yet, App Home by role and the first message a seller gets. Merged into
sv.MESSAGES; keys and placeholders must match nb_day_one.py and en_day_one.py."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # Issue 11, part 3: help ordered by role (seller, then manager; manager commands only for managers)
    "help.seller.title": "*För säljare*",
    "help.manager.title": "*För chefer*",
    "help.self": "`/balanse själv` – svara på samma påståenden om dig själv och se din ledarprofil bredvid hur teamet upplever dig.",
    "help.setup": "`/balanse inställningar` – i teamets kanal: skapa teamet eller ändra det.",
    "help.setup_new": "Ska du leda ett team? `/balanse inställningar` i teamets kanal skapar det (för arbetsytans ägare och administratörer och de som har fått behörighet).",
    "help.help": "`/balanse hjälp` – den här hjälpen.",
    "help.private": ":lock: Dina enskilda svar visas aldrig för någon annan.",
    # Issue 11, part 3: a run with nothing answered yet reads naturally (not "0 av 40")
    "home.open_run_unstarted": "En {kind} väntar på dig: *{total} frågor*, cirka {minutes} min.",
    "reminder.pulse_unstarted": ":wave: En vänlig påminnelse: din puls väntar fortfarande på dig ({total} korta frågor, cirka {minutes} min). Frågorna finns här i tråden, och det är bara du som ser dina svar.",
    # Issue 11, part 1: every top-level DM gets an answer
    "dm.hello": "Hej! Jag är Balansebrett. Säljarna svarar på en kort, privat puls varje vecka, och cheferna får anonyma siffror för teamet och råd om varje säljare. Det här kan du göra:",
    "dm.not_understood": "Det förstod jag inte riktigt. Det här kan jag hjälpa dig med:",
    "dm.ask.which": "Flera av dina säljare passar in på det du skrev. Vem gäller det?",
    "dm.ask.who": "Jag känner inte igen någon av dina säljare i det du skrev. Vem gäller det?",
    "dm.ask.chosen": "Du valde {person}.",
    # Issue 11, part 1: App Home buttons that led nowhere say when the next opens; Home by role
    "run.next_opens.full": "Nästa undersökning öppnar {day}.",
    "run.next_opens.pulse": "Nästa puls öppnar {day}.",
    "run.next_opens.self": "Nästa självskattning öppnar {day}.",
    "home.teams.title": "*Dina team*",
    "home.team.line": "*{team}* i {channel}\nNästa puls: {pulse} (i varje säljares egen tidszon) · nästa sammanfattning: {summary}\nSvar på veckans puls hittills: *{answered} av {eligible}*",
    "home.team.none": "ingen planerad",
    "home.self": "*Ledarspegeln:* svara på samma påståenden om dig själv och se din ledarprofil bredvid hur teamet upplever dig (`/balanse själv`).",
    "home.start_self": "Gör ledarspegeln",
    "home.done.full": "Du har redan svarat på månadens undersökning; ditt resultat står nedanför.",
    "home.done.pulse": "Du har redan tagit veckans puls; ditt resultat står nedanför.",
    "home.done.self": "Du har redan gjort månadens självskattning; ditt resultat står nedanför.",
    # Issue 11, part 1: the first message a seller gets says what the bot is
    "notice.added.what": "Balansebrett är en Slack-assistent byggd på ledarskapsmodellen ”Ledelse i balanse”: du svarar på korta, privata pulser, och teamet får anonyma siffror som visar hur ni har det.",
}
