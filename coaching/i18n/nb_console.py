"""Norske tekster for terminalkonsollen (console/) og for `python -m bot` uten Slack-nøkler."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    "console.welcome": "Balansebrett i terminalen. Du er {name}. Skriv `hjelp` for kommandoene; skriv et tall for å svare på spørsmålet som vises. Avslutt med Ctrl-D.",
    "console.no_slack": 'Ingen Slack-nøkler er satt, så Balansebrett starter i terminalen med demo-arbeidsområdet. README.md, avsnittet "Create the Slack app", viser hvordan du kobler til Slack.',
    "console.choose": "Skriv nummeret på valget ditt (1–{count}).",
    "console.answer_hint": "Skriv et tall fra 1 til 5, eller 6 for «vet ikke». Ordene på valgene virker også, for eksempel «enig».",
    "console.you_chose": "Ditt svar: {choice}",
    "console.setup.sellers": "Selgerne: skriv navnene deres, skilt med komma.",
    "console.setup.cancelled": "Ingenting ble satt opp.",
    "console.bye": "Ha det bra. Alt du har svart, er lagret.",
    "console.missing_command": "`{command}` er ikke med i denne installasjonen ennå.",
    "console.unknown_person": "Jeg kjenner ingen som heter {name} i dette arbeidsområdet.",
}
