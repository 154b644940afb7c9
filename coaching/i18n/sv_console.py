"""Svenska texter för terminalkonsolen (console/) och för `python -m bot` utan Slack-nycklar."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    "console.welcome": "Balansebrett i terminalen. Du är {name}. Skriv `hjälp` för kommandona; skriv en siffra för att svara på frågan som visas. Avsluta med Ctrl-D.",
    "console.no_slack": 'Inga Slack-nycklar är angivna, så Balansebrett startar i terminalen med demoarbetsytan. README.md, avsnittet "Create the Slack app", visar hur du ansluter Slack.',
    "console.choose": "Skriv numret på ditt val (1–{count}).",
    "console.answer_hint": "Skriv en siffra från 1 till 5, eller 6 för ”vet inte”. Orden på valen fungerar också, till exempel ”instämmer”.",
    "console.you_chose": "Ditt svar: {choice}",
    "console.setup.sellers": "Säljarna: skriv deras namn, åtskilda med kommatecken.",
    "console.setup.cancelled": "Inget sattes upp.",
    "console.bye": "Hej då. Allt du har svarat är sparat.",
    "console.missing_command": "`{command}` ingår inte i den här installationen ännu.",
    "console.unknown_person": "Jag känner ingen som heter {name} på den här arbetsytan.",
}
