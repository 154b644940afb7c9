"""docs/MODEL.md stays true: every test and module it names exists, and every bullet of the seed's three
sides is echoed in something the bot says (the catalogs or the advice texts, in bokmål)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from coaching import advice_cases, advice_signals, advice_texts, seed
from coaching.advice_texts import CaseTexts, Text
from coaching.i18n import nb
from coaching.instrument import ITEMS, ITEMS_BY_ID, SUCCESSORS, Trait

ROOT = Path(__file__).resolve().parents[2]
MODEL = (ROOT / "docs" / "MODEL.md").read_text(encoding="utf-8")

# Each bullet of the seed's three sides and the words that carry it into what the bot says.
ECHOES = {
    "Bygge tillit og psykologisk trygghet": "tillit og psykologisk trygghet",
    "Se hele mennesket – ikke bare selgeren": "hele mennesket",
    "Inspirere og skape mening og retning": "mening og retning",
    "Forstå hva som motiverer den enkelte": "hva motiverer",
    "Feire innsats og utvikling, ikke bare resultat": "innsats og utvikling, ikke bare resultat",
    "Sette tydelige forventninger og standarder": "tydelige forventninger og standarder",
    "Analysere resultater og identifisere mønstre": "finn mønstrene",
    "Gi konkret, faglig tilbakemelding": "konkret, faglig tilbakemelding",
    "Bygge rutiner som gir forutsigbarhet": "rutiner som gir forutsigbarhet",
    "Holde krav som gjelder for alle – rettferdig": "samme for alle – rettferdig",
    "Oversikt: Kjenne teamets status og nøkkeltall løpende": "status og nøkkeltall",
    "Informasjonsflyt: Forventninger kommuniseres tydelig": "informasjonsflyt",
    "Oppfølging: Det som loves, skjer. Avtaler holdes.": "det som loves, skjer",
}


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, Text):
        yield value.nb
    elif isinstance(value, CaseTexts):
        for text in (value.reasoning, value.example, *value.actions, value.follow_up):
            yield text.nb
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _texts(item)


def _everything_said_in_nb() -> str:
    said = list(nb.MESSAGES.values())
    for module in (advice_texts, advice_cases, advice_signals):
        for value in vars(module).values():
            said.extend(_texts(value))
    return "\n".join(said).casefold()


def test_every_bullet_of_the_three_sides_is_echoed_in_what_the_bot_says():
    assert set(ECHOES) == {*seed.RELATION_BULLETS, *seed.SYSTEM_BULLETS, *seed.ADMINISTRATION_BULLETS}
    said = _everything_said_in_nb()
    missing = [bullet for bullet, echo in ECHOES.items() if echo.casefold() not in said]
    assert missing == []


REFERENCES = sorted(set(re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", MODEL)))


def test_the_doc_names_tests():
    assert len(REFERENCES) > 40


@pytest.mark.parametrize(("path", "name"), REFERENCES, ids=[f"{p}::{n}" for p, n in REFERENCES])
def test_every_test_the_doc_names_exists(path, name):
    source = (ROOT / path).read_text(encoding="utf-8")
    assert re.search(rf"^def {name}\(", source, re.MULTILINE), f"{path}::{name}"


@pytest.mark.parametrize(
    "path", sorted(set(re.findall(r"`((?:coaching|survey_flows|bot|storage)/[\w/]+\.py)", MODEL)))
)
def test_every_module_the_doc_names_exists(path):
    assert (ROOT / path).is_file(), path


ITEM_ROWS = re.findall(
    r"^\| (\d+) \| (q\w+)( \(r\))? \| (\w+)( \(anchor\))? \| ([\w +-]+) \| .+ \|$", MODEL, re.MULTILINE
)
VERSION_ROWS = re.findall(
    r"^\| (q\w+)( \(r\))? \".+\" \| (q\w+)( \(r\))? \".+\" \| .+ \|$", MODEL, re.MULTILINE
)


def test_the_item_table_is_the_instrument():
    """The doc's item table lists today's items in order with their axis, trait, keying and anchors."""
    documented = [
        (int(n), item_id, bool(reverse), axis, bool(anchor), trait)
        for n, item_id, reverse, axis, anchor, trait in ITEM_ROWS
    ]
    names = {trait: trait.value.replace("_", " ") for trait in Trait}
    names[Trait.SAFETY_STANDARD], names[Trait.SYSTEMATIC_FOLLOW_UP] = (
        "safety + standard",
        "systematic follow-up",
    )
    actual = [
        (n, item.id, item.reverse, item.axis.value, item.anchor, names[item.trait])
        for n, item in enumerate(ITEMS, start=1)
    ]
    assert documented == actual


def test_the_doc_says_what_replaced_every_retired_item():
    documented = {old: new for old, _, new, _ in VERSION_ROWS}
    assert documented == dict(SUCCESSORS)
    for old, old_reverse, new, new_reverse in VERSION_ROWS:
        assert bool(old_reverse) == ITEMS_BY_ID[old].reverse and bool(new_reverse) == ITEMS_BY_ID[new].reverse
