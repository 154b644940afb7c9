"""Items no longer asked: the version-1 wordings that version 2 replaced.

They stay known so that every stored answer keeps its meaning: it still scores on its axis and trait,
a run started on version 1 finishes with the wording it started with, and the privacy export shows the
statement the seller actually answered. Never delete an item from here while answers to it may exist.
"""

from __future__ import annotations

from typing import Final

from coaching.item import Axis, Item, Trait, make_item

# Short names keep the item tables readable.
_CE: Final = Trait.CLEAR_EXPECTATIONS
_CF: Final = Trait.CONTINUOUS_FEEDBACK
_PO: Final = Trait.PERSONAL_OWNERSHIP
_SS: Final = Trait.SAFETY_STANDARD
_SF: Final = Trait.SYSTEMATIC_FOLLOW_UP
_SAF: Final = Axis.SAFETY
_STD: Final = Axis.STANDARD
_ADM: Final = Axis.ADMINISTRATION

RETIRED_ITEMS: Final[tuple[Item, ...]] = (
    make_item(
        "q03",
        _PO,
        _STD,
        nb="Det er tydelig at jeg forventes å eie min egen salgsprosess, ikke bare utfallet.",
        sv="Det är tydligt att jag förväntas äga min egen säljprocess, inte bara utfallet.",
        en="It is clear that I am expected to own my sales process, not just the outcome.",
    ),
    make_item(
        "q04",
        _SS,
        _SAF,
        nb="I teamet vårt kan jeg feile, si fra og be om hjelp uten at det koster meg noe.",
        sv="I vårt team kan jag göra misstag, säga ifrån och be om hjälp utan att det kostar mig något.",
        en="In our team I can fail, speak up and ask for help without it costing me anything.",
        anchor=True,
    ),
    make_item(
        "q09",
        _SS,
        _STD,
        nb="I teamet vårt stilles det tydelige krav, og innsats og resultater betyr noe.",
        sv="I vårt team ställs det tydliga krav, och insats och resultat spelar roll.",
        en="In our team there are clear demands, and effort and results matter.",
        anchor=True,
    ),
    make_item(
        "q12",
        _CF,
        _STD,
        nb="I teamet vårt er det normalt å korrigere og bli korrigert.",
        sv="I vårt team är det naturligt att korrigera och bli korrigerad.",
        en="In our team it is normal to correct others and to be corrected.",
    ),
    make_item(
        "q14",
        _SS,
        _SAF,
        nb="En feil definerer ikke hvordan lederen min ser på meg.",
        sv="Ett misstag avgör inte hur min chef ser på mig.",
        en="A single mistake doesn't define how my manager sees me.",
    ),
    make_item(
        "q16",
        _CE,
        _STD,
        nb="Jeg vet hvilke aktiviteter og hvilken innsats som forventes av meg hver uke.",
        sv="Jag vet vilka aktiviteter och vilken insats som förväntas av mig varje vecka.",
        en="I know what activities and effort are expected of me each week.",
    ),
    make_item(
        "q20",
        _SF,
        _STD,
        nb="Lederen min går jevnlig gjennom både aktivitetene og resultatene mine med meg.",
        sv="Min chef går regelbundet igenom både mina aktiviteter och mina resultat med mig.",
        en="My manager regularly goes through both my activities and my results with me.",
    ),
    make_item(
        "q22",
        _CF,
        _STD,
        nb="Lederen min kvier seg for å si fra når jeg leverer under forventning.",
        sv="Min chef drar sig för att ta upp det när jag levererar under förväntan.",
        en="My manager holds back from saying so when I deliver below expectations.",
        reverse=True,
    ),
    make_item(
        "q23",
        _PO,
        _SAF,
        nb="Lederen min stoler på at jeg løser oppgavene mine på min egen måte.",
        sv="Min chef litar på att jag löser mina uppgifter på mitt eget sätt.",
        en="My manager trusts me to do my work my own way.",
    ),
    make_item(
        "q24",
        _SS,
        _SAF,
        nb="Jeg føler meg inkludert og som en del av teamet.",
        sv="Jag känner mig inkluderad och som en del av teamet.",
        en="I feel included and part of the team.",
    ),
    make_item(
        "q25",
        _SF,
        _ADM,
        nb="Det som loves, skjer, og avtaler med lederen min blir holdt.",
        sv="Det som utlovas blir av, och överenskommelser med min chef hålls.",
        en="What is promised happens, and agreements with my manager are kept.",
    ),
    make_item(
        "q26",
        _CE,
        _STD,
        nb="I teamet vårt blir forventningene først tydelige når noen har bommet på dem.",
        sv="I vårt team blir förväntningarna tydliga först när någon har missat dem.",
        en="In our team, expectations only become clear once someone has fallen short of them.",
        reverse=True,
    ),
    make_item(
        "q29",
        _SS,
        _SAF,
        nb="Jeg har tillit til at lederen min vil meg vel.",
        sv="Jag litar på att min chef vill mig väl.",
        en="I trust that my manager wants the best for me.",
    ),
    make_item(
        "q31",
        _CE,
        _STD,
        nb="Forventningene til oss ligger fast og endrer seg ikke med lederens dagsform.",
        sv="Förväntningarna på oss ligger fast och ändras inte med chefens dagsform.",
        en="What is expected of us stays the same and doesn't shift with my manager's mood.",
    ),
    make_item(
        "q35",
        _SF,
        _SAF,
        nb="Når jeg sliter, får jeg tettere støtte fra lederen min, ikke mer press.",
        sv="När jag har det tufft får jag mer stöd från min chef, inte mer press.",
        en="When I'm struggling, my manager gives me closer support, not more pressure.",
    ),
)
