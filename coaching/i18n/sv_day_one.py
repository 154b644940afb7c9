"""Issue 11, "value on day one" (sv): the same keys as nb_day_one.py. Merged into sv.MESSAGES. Also parts 1 and 3
(day1a): every DM answered, help by role, a run with nothing answered yet, App Home by role, the first
message a seller gets."""

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
    "summary_now.sent": ":inbox_tray: Den senaste sammanfattningen för **{team}** finns i vårt direktmeddelande.",
    "summary_now.first": "**{team}**: den första sammanfattningen kommer {when}.",
    "summary_now.first_unknown": "**{team}**: ingen sammanfattning än, och ingen puls är planerad de kommande fyra veckorna.",
    "summary_now.answered": "Hittills har {answered} av {eligible} svarat på pulsen.",
    "summary_now.answered_few": "Hittills har färre än {minimum} svarat på pulsen. Hur många visas först när minst {minimum} har svarat, så att ingen kan spåras.",
    "summary_now.no_pulse_yet": "Pulsen har inte gått ut än.",
    "summary_now.choose": "Du är chef för flera team. Vilket team vill du se sammanfattningen för?",
    "summary_now.refused": "Sammanfattningen på begäran är till för chefer i ett team. Teamets anonyma sammanfattning kommer i teamkanalen varje vecka.",
    "summary_now.gone": "Du är inte chef för det teamet, så jag visar inte sammanfattningen.",
    # The weekly summary: traits the rotation did not ask (read on any day: never "this week")
    "summary.not_measured": "Inte mätt den här gången: {traits}.",
    "summary.weakest_measured": "**Det svagaste av kännetecknen som mättes: {trait}.** {suggestion}",
    # Issue 11, part 3: help ordered by role (seller, then manager; manager commands only for managers)
    "help.seller.title": "**För säljare**",
    "help.manager.title": "**För chefer**",
    "help.self": "`/balanse själv` – svara på samma påståenden om dig själv och se din ledarprofil bredvid hur teamet upplever dig.",
    "help.summary": "`/balanse sammanfattning` – den senaste veckosammanfattningen för ditt team, bara för dig, med zonkartan.",
    "help.setup": "`/balanse inställningar` – i teamets kanal: skapa teamet eller ändra det.",
    "help.setup_new": "Ska du leda ett team? `/balanse inställningar` i teamets kanal skapar det (för arbetsytans ägare och administratörer och de som har fått behörighet).",
    "help.help": "`/balanse hjälp` – den här hjälpen.",
    "help.private": ":lock: Dina enskilda svar visas aldrig för någon annan.",
    # Issue 11, part 3: a run with nothing answered yet reads naturally (not "0 av 40")
    "home.open_run_unstarted": "En {kind} väntar på dig: **{total} frågor**, cirka {minutes} min.",
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
    "home.teams.title": "**Dina team**",
    "home.team.line": "**{team}** i {channel}\nNästa puls: {pulse} (i varje säljares egen tidszon) · nästa sammanfattning: {summary}\n{progress}",
    "home.team.none": "ingen planerad",
    "home.self": "**Ledarspegeln:** svara på samma påståenden om dig själv och se din ledarprofil bredvid hur teamet upplever dig (`/balanse själv`).",
    "home.start_self": "Gör ledarspegeln",
    "home.done.full": "Du har redan svarat på månadens undersökning; ditt resultat står nedanför.",
    "home.done.pulse": "Du har redan tagit veckans puls; ditt resultat står nedanför.",
    "home.done.self": "Du har redan gjort månadens självskattning; ditt resultat står nedanför.",
    # Issue 11, part 1: the first message a seller gets says what the bot is
    "notice.added.what": "Balansebrett är en Slack-assistent byggd på ledarskapsmodellen ”Ledelse i balanse”: du svarar på korta, privata pulser, och teamet får anonyma siffror som visar hur ni har det.",
}
