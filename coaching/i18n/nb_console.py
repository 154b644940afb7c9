"""Norske tekster for terminalkonsollen (console/) og for `python -m bot` uten Slack-nøkler."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    "terminal.welcome": "Balansebrett i terminalen. Du er {name}. Skriv `hjelp` for kommandoene; skriv et tall for å svare på spørsmålet som vises. Avslutt med Ctrl-D.",
    "terminal.usage": "Bruk: balansebrett [run | console | demo | report] [valg]. run (standard) starter Slack-appen, eller konsollen når ingen Slack-nøkler er satt; console, demo og report viser valgene sine med --help.",
    "terminal.no_slack": 'Ingen Slack-nøkler er satt, så Balansebrett starter i terminalen med demo-arbeidsområdet. README.md, avsnittet "Create the Slack app", viser hvordan du kobler til Slack.',
    "terminal.choose": "Skriv nummeret på valget ditt (1–{count}).",
    "terminal.answer_hint": "Skriv et tall fra 1 til 5, eller 6 for «vet ikke». Ordene på valgene virker også, for eksempel «enig».",
    "terminal.you_chose": "Ditt svar: {choice}",
    "terminal.setup.sellers": "Selgerne: skriv navnene deres, skilt med komma.",
    "terminal.setup.cancelled": "Ingenting ble satt opp.",
    "terminal.bye": "Ha det bra. Alt du har svart, er lagret.",
}
