"""Plain free text to a pre-filled Situation that the manager then confirms.

"Kari er ny og usikker", "Ola kan, men gidder ikke", "Lisa är erfaren men bekväm", "new and unsure",
"har mistet gnisten etter omorganiseringen", "tror det går bra, men tallene sier noe annet": keyword rules
in nb, sv and en (coaching/observation_rules.py), one set of rules for all three (people mix languages, and
nb and sv share many words), the seed's situations among them. Only what a rule recognises is filled in;
everything else stays unknown, and a field whose rules disagree ("motivert" and "umotivert" about the same
person) stays unknown too: never guess. What stays unknown is asked in the dialogue.

Negation is handled simply: a negation word among the three words before a match, in the same clause,
flips it ("ikke motivert", "inte motiverad", "not very motivated" -> will low). Clauses end at
punctuation and at "men", "og", "but", "and", … so "ny og usikker" is two observations. Forms that carry
their own negation ("gidder ikke", "bryr sig inte", "doesn't bother") are rules of their own. The text is
plain: the front end has taken out its own markup (Slack's mentions, channels and links: bot/slack_text.py).
"""

from __future__ import annotations

import re
from typing import Final

from coaching.observation_rules import RULES
from coaching.situation import Situation

_CLAUSE_END: Final = re.compile(r"[,.;:!?()–—]|\s-\s|\b(?:men|og|eller|but|and|or|och|while|mens|medan)\b")
_WORD: Final = re.compile(r"[\w']+")

_NEGATIONS: Final = frozenset(
    {
        # nb
        "ikke",
        "ikkje",
        "aldri",
        "knapt",
        "ingen",
        # sv
        "inte",
        "aldrig",
        "knappt",
        "inga",
        # en
        "not",
        "never",
        "no",
        "hardly",
        "isn't",
        "aren't",
        "wasn't",
        "doesn't",
        "don't",
        "didn't",
        "nor",
    }
)
# "lite motivert" is "not very motivated" in nb, but "lite motiverad" can be "a little motivated" in sv.
_WEAK_NEGATION: Final = "lite"
_NEGATION_WINDOW: Final = 3


def _normalize(text: str) -> str:
    text = text.replace("’", "'").replace("´", "'").replace("\u00a0", " ")
    return " ".join(text.lower().split())


def _negation(before: str, locale_hint: str | None) -> bool | None:
    """Whether the words right before a match negate it; None when a word makes it ambiguous."""
    clause = _CLAUSE_END.split(before)[-1]
    words = _WORD.findall(clause)[-_NEGATION_WINDOW:]
    if any(word in _NEGATIONS for word in words):
        return True
    if _WEAK_NEGATION in words:
        return None if locale_hint == "sv" else True
    return False


def prefill(text: str, locale_hint: str | None = None) -> Situation:
    """What plain free text says about a person; anything not recognised (or contradictory) stays unknown.

    `locale_hint` is the manager's language; it only settles words that read differently in nb and sv.
    """
    normalized = _normalize(text)
    unread = normalized  # the words no consuming rule has taken yet
    found: dict[str, set[str | bool]] = {}
    for rule in RULES:
        matches = list(rule.pattern.finditer(unread))
        for match in matches:
            negated = _negation(normalized[: match.start()], locale_hint)
            if negated is None:
                continue
            value = rule.negated if negated else rule.value
            if value is not None:
                found.setdefault(rule.field, set()).add(value)
        if rule.consumes:
            for match in matches:
                unread = unread[: match.start()] + " " * (match.end() - match.start()) + unread[match.end() :]
    settled = {field: values.pop() for field, values in found.items() if len(values) == 1}
    return Situation(**settled)  # type: ignore[arg-type]
