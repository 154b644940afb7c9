"""English texts of the terminal console (console/) and of `python -m bot` without Slack tokens."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    "terminal.welcome": "Balansebrett in the terminal. You are {name}. Type `help` for the commands; type a number to answer the question shown. End with Ctrl-D.",
    "terminal.usage": "Usage: balansebrett [run | console | demo | report] [options]. run (the default) starts the Slack app, or the console when no Slack tokens are set; console, demo and report take --help for their options.",
    "terminal.no_slack": 'No Slack tokens are set, so Balansebrett starts in the terminal on the demo workspace. README.md, section "Create the Slack app", shows how to connect Slack.',
    "terminal.choose": "Type the number of your choice (1–{count}).",
    "terminal.answer_hint": "Type a number from 1 to 5, or 6 for “don't know”. The words on the choices work too, e.g. “agree”.",
    "terminal.you_chose": "Your answer: {choice}",
    "terminal.setup.sellers": "The sellers: type their names, separated by commas.",
    "terminal.setup.cancelled": "Nothing was set up.",
    "terminal.bye": "Goodbye. Everything you answered is saved.",
}
