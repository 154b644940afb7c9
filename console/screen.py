"""What the console prints: rich, 80 columns when not a terminal. A conversation's thread is indented under
its first message; choices are numbered; results, advice and summaries are framed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from coaching.locale import Locale
from console.people import ConsoleNames
from console.render import to_text

WIDTH = 80
THREAD = (0, 0, 0, 4)
"""A thread's indent."""


class Screen:
    def __init__(self, out: TextIO, locale: Locale, names: ConsoleNames) -> None:
        tty = out.isatty()
        self.console = Console(file=out, width=None if tty else WIDTH, highlight=False, emoji=False)
        self.echo_input = not tty
        self.locale = locale
        self.names = names

    def _text(self, markup: str, style: str = "") -> Text:
        text = to_text(markup, self.names.name)
        if style:
            text.stylize(style)
        return text

    def echo(self, line: str) -> None:
        """The line read, when it came from a script (a terminal shows it as typed)."""
        if self.echo_input:
            self.console.print(Text(f"› {line}", style="bold green"))

    def say(self, markup: str) -> None:
        self.console.print(self._text(markup))

    def title(self, markup: str) -> None:
        self.console.print()
        self.console.print(self._text(markup, "bold"))

    def note(self, markup: str) -> None:
        self.console.print(self._text(markup, "dim"))

    def thread(self, markup: str) -> None:
        self.console.print(Padding(self._text(markup), THREAD, expand=False))

    def thread_note(self, markup: str) -> None:
        self.console.print(Padding(self._text(markup, "dim"), THREAD, expand=False))

    def choices(self, labels: Sequence[str], *, numbered: bool = True) -> None:
        lines = [f"{n}  {label}" if numbered else label for n, label in enumerate(labels, start=1)]
        self.console.print(Padding(self._text("\n".join(lines), "cyan"), (0, 0, 0, 6), expand=False))

    def panel(self, title: str, paragraphs: Sequence[str]) -> None:
        body = Group(*(self._text(p) for p in paragraphs if p))
        self.console.print(Panel(body, title=self._text(title, "bold"), title_align="left", padding=(0, 1)))
