"""What the log must never show.

1. A secret: the bot token, the signing secret, the app token.
2. An answer next to a person. A log line *identifies a person* when it contains a seller's Slack user id or
   the id of the bot's DM with them (a DM channel belongs to exactly one person, so it is as good as the
   user id). It *shows an answer* when it contains an answer button's value (`run:item:choice`), a choice of
   the scale as the buttons show it ("4 Enig", "Don't know", ... in any language), the "you answered"
   sentence, or the zone of a result. No line may do both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from coaching.i18n import t
from coaching.locale import LOCALES
from coaching.zones import Zone

ANSWER_VALUE = re.compile(r"\b\d+:q\d{2}:[0-5]\b")


def _answer_phrases() -> tuple[str, ...]:
    phrases: list[str] = []
    for locale in LOCALES:
        phrases += [t(locale, f"scale.{n}") for n in range(1, 6)]
        phrases.append(t(locale, "scale.dont_know"))
        phrases.append(t(locale, "question.chosen", choice="").split("*")[0].strip())
        phrases += [t(locale, f"zone.{zone.value}.name") for zone in Zone]
    return tuple(sorted({p for p in phrases if len(p) >= 4}))


ANSWER_PHRASES = _answer_phrases()


def identifies(line: str, user_ids: Iterable[str]) -> str | None:
    for user_id in user_ids:
        if re.search(rf"\b{re.escape(user_id)}\b", line) or re.search(rf"\bD{re.escape(user_id)}\b", line):
            return user_id
    return None


def shows_answer(line: str) -> str | None:
    found = ANSWER_VALUE.search(line)
    if found:
        return found.group(0)
    return next((p for p in ANSWER_PHRASES if p in line), None)


def answers_next_to_people(log: str, user_ids: Iterable[str]) -> list[str]:
    """The offending lines (each shortened), empty when the log is clean."""
    people = tuple(user_ids)
    bad = []
    for line in log.splitlines():
        who, what = identifies(line, people), shows_answer(line)
        if who and what:
            bad.append(f"{who} + {what!r}: {line[:300]}")
    return bad


def secrets_in(log: str, secrets: Iterable[str]) -> list[str]:
    return [secret[:8] + "…" for secret in secrets if secret and secret in log]
