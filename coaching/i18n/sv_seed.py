"""Swedish texts of issue 10, part 1 ("never against the seed"). Merged into sv.MESSAGES; keys and
placeholders must match nb_seed.py (canonical) and en_seed.py."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # Grunden först, i alla zoner
    "lever.foundation_first.manager": "få det administrativa ansvaret på plats först – det är grunden under brädan. Skaffa överblick över status och nyckeltal, gör förväntningarna tydliga och håll det du lovar.",
    "lever.foundation_first.seller": "att det administrativa ansvaret kommer på plats först: överblick, tydliga prioriteringar och överenskommelser som hålls. Utan grunden finns det inget att balansera på.",
    "lever.then": "Sedan: {advice}",
}
