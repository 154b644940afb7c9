"""English texts of issue 10, part 1 ("never against the seed"). Merged into en.MESSAGES; keys and
placeholders must match nb_seed.py (canonical) and sv_seed.py."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # The foundation first, in every zone
    "lever.foundation_first.manager": "get administration in place first: it is the foundation under the board. Get an overview of status and key figures, make expectations clear and keep what you promise.",
    "lever.foundation_first.seller": "administration in place first: an overview, clear priorities and agreements that are kept. Without the foundation there is nothing to balance on.",
    "lever.then": "Then: {advice}",
}
