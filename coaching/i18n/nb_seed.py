"""Norwegian bokmål texts of issue 10, part 1 ("never against the seed"): the foundation first in every
zone, the comfort zone as the most dangerous, the seed's leader behaviour behind each zone, the leader
self-view's tiers and profiles, and the coaching dialogue's situations. Merged into nb.MESSAGES; keys and
placeholders must match en_seed.py and sv_seed.py."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # Fundamentet først, i alle soner
    "lever.foundation_first.manager": "få administrasjonsansvaret på plass først – det er fundamentet under brettet. Skaff oversikt over status og nøkkeltall, gjør forventningene tydelige og hold det du lover.",
    "lever.foundation_first.seller": "at administrasjonsansvaret kommer på plass først: oversikt, tydelige prioriteringer og avtaler som holdes. Uten fundamentet er det ingenting å balansere på.",
    "lever.then": "Deretter: {advice}",
}
