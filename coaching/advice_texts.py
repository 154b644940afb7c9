"""What the advice engine says, in nb, sv and en side by side.

Norwegian bokmål is canonical and takes the seed's own wording wherever the seed has it (the four example
sentences of "Kommunikasjonsstil", "Feil diagnose = feil balanse = forsterket problem.", the standard
reminder). Swedish and English use the shared glossary's terms. Tables are keyed by the plain values of
the enums in coaching.advice (a StrEnum member finds its str key), so this module imports nothing from it.
Every text is phone-sized: at most 300 characters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final


@dataclass(frozen=True, slots=True)
class Text:
    nb: str
    sv: str
    en: str

    def get(self, locale: str) -> str:
        """The text in a locale; anything unknown reads bokmål, like coaching.i18n.t."""
        if locale == "sv":
            return self.sv
        if locale == "en":
            return self.en
        return self.nb


@dataclass(frozen=True, slots=True)
class CaseTexts:
    reasoning: Text  # the diagnosis in one sentence, plus why
    example: Text  # what the manager can say, in the case's style
    actions: tuple[Text, ...]  # three concrete actions
    follow_up: Text  # the first checkpoint


BALANCE: Final = Text(
    nb="{relation}% relasjon · {system}% system",
    sv="{relation}% relation · {system}% system",
    en="{relation}% relation · {system}% system",
)

STANDARD: Final = Text(
    nb="Standardene er stabile – hva du forventer av resultat, atferd og innsats endrer seg ikke. Det som endrer seg, er trykket du legger på relasjon versus system for å hjelpe den enkelte eller teamet å nå den standarden.",
    sv="Standarden ligger fast – vad du förväntar dig av resultat, beteende och insats ändras inte. Det som ändras är trycket du lägger på relation kontra system för att hjälpa individen eller teamet att nå standarden.",
    en="The standards are stable: what you expect in results, behaviour and effort does not change. What changes is the pressure you put on relation versus system to help the individual or the team reach that standard.",
)

STYLES: Final[Mapping[str, Text]] = MappingProxyType(
    {
        "instructing": Text("instruerende", "instruerande", "instructing"),
        "direct": Text("direkte", "direkt", "direct"),
        "delegating": Text("delegerende", "delegerande", "delegating"),
        "challenging": Text("utfordrende", "utmanande", "challenging"),
    }
)

FOCUSES: Final[Mapping[str, Text]] = MappingProxyType(
    {
        "relation": Text("relasjonsledelse", "relationsledarskap", "relation leadership"),
        "system": Text("systemledelse", "systemledarskap", "system leadership"),
        "administration": Text("administrasjonsansvaret", "det administrativa ansvaret", "administration"),
        "balanced": Text("balanse", "balans", "balance"),
    }
)

# What each concern is called when the order of work is spelled out ("Start med …, deretter …").
CONCERNS: Final[Mapping[str, Text]] = MappingProxyType(
    {
        "energy": Text("energi og trygghet", "energi och trygghet", "energy and safety"),
        "structure": Text("strukturen", "strukturen", "the structure"),
        "skill": Text("ferdighetsproblemet", "färdighetsproblemet", "the skill problem"),
        "will": Text("viljeproblemet", "viljeproblemet", "the will problem"),
        "comfort": Text("komfortsonen", "komfortzonen", "the comfort zone"),
    }
)
AND: Final = Text(" og ", " och ", " and ")

# The extra action for the concern to take on next, when observations conflict. Energy always comes first.
NEXT_ACTIONS: Final[Mapping[str, Text]] = MappingProxyType(
    {
        "structure": Text(
            nb="Deretter: få administrasjonsansvaret på plass – faste rutiner, oversikt og avtaler som holdes.",
            sv="Sedan: få det administrativa ansvaret på plats – fasta rutiner, överblick och överenskommelser som hålls.",
            en="Then: get administration in place – fixed routines, an overview and agreements that are kept.",
        ),
        "skill": Text(
            nb="Deretter: tydelig opplæring og konkret tilbakemelding på ferdighetene som mangler.",
            sv="Sedan: tydlig upplärning och konkret återkoppling på de färdigheter som saknas.",
            en="Then: clear training and concrete feedback on the skills that are missing.",
        ),
        "will": Text(
            nb="Deretter: finn rotårsaken til den lave motivasjonen i en ærlig samtale.",
            sv="Sedan: hitta grundorsaken till den låga motivationen i ett ärligt samtal.",
            en="Then: find the root cause of the low motivation in an honest conversation.",
        ),
        "comfort": Text(
            nb="Deretter: sett en tydelig, høyere forventning – personen kan mer enn OK.",
            sv="Sedan: sätt en tydlig, högre förväntan – personen kan mer än OK.",
            en="Then: set a clear, higher expectation – the person can do more than OK.",
        ),
    }
)

ORDER: Final = Text(
    nb="Observasjonene peker i ulike retninger. Start med {first}, deretter {rest}.",
    sv="Observationerna pekar åt olika håll. Börja med {first}, sedan {rest}.",
    en="The observations point in different directions. Start with {first}, then {rest}.",
)

# Why the concern that comes first in the priority order goes first.
WHY_FIRST: Final[Mapping[str, Text]] = MappingProxyType(
    {
        "energy": Text(
            nb="Press på en som er utmattet eller utrygg, skyver mot stressonen – krav uten relasjon gir press uten trygghet.",
            sv="Press på någon som är utmattad eller otrygg driver mot stresszonen – krav utan relation ger press utan trygghet.",
            en="Pressure on someone exhausted or insecure pushes toward the stress zone: demands without relation are pressure without safety.",
        ),
        "structure": Text(
            nb="Administrasjonsansvaret er fundamentet: uten det har du ingenting å balansere på. Utydelige forventninger er en lederfeil, ikke en selgerfeil.",
            sv="Det administrativa ansvaret är grunden: utan det har du inget att balansera på. Otydliga förväntningar är ett ledarfel, inte ett säljarfel.",
            en="Administration is the foundation: without it there is nothing to balance on. Unclear expectations are a leader's mistake, not a seller's.",
        ),
        "skill": Text(
            nb="Mestring gir motivasjon – og et ferdighetsproblem som behandles som et viljeproblem, blir forsterket.",
            sv="Att behärska uppgiften ger motivation – och ett färdighetsproblem som behandlas som ett viljeproblem förstärks.",
            en="Mastery feeds motivation, and a skill problem treated as a will problem gets worse.",
        ),
        "will": Text(
            nb="Krav uten tillit oppleves som kritikk. Finn rotårsaken og gjenoppbygg tilliten før du øker trykket på systemsiden.",
            sv="Krav utan tillit upplevs som kritik. Hitta grundorsaken och återuppbygg förtroendet innan du ökar trycket på systemsidan.",
            en="Demands without trust feel like criticism. Find the root cause and rebuild trust before you increase the pressure on the system side.",
        ),
    }
)

WRONG_DIAGNOSIS: Final = Text(
    nb="Feil diagnose = feil balanse = forsterket problem.",
    sv="Fel diagnos = fel balans = förstärkt problem.",
    en="Wrong diagnosis = wrong balance = a reinforced problem.",
)

CHECK_DIAGNOSIS: Final = Text(
    nb="Sjekk diagnosen: kan ikke personen, eller vil ikke personen? Feil diagnose = feil balanse = forsterket problem.",
    sv="Kontrollera diagnosen: kan personen inte, eller vill personen inte? Fel diagnos = fel balans = förstärkt problem.",
    en="Check the diagnosis: can the person not do it, or do they not want to? Wrong diagnosis = wrong balance = a reinforced problem.",
)

# Keyed by coaching.zones.Lever values.
TEAM_LEVERS: Final[Mapping[str, Text]] = MappingProxyType(
    {
        "more_system": Text(
            nb="Teamet er i komfortsonen, den farligste sonen: legg mer trykk på systemledelse – tydelige forventninger, konkret tilbakemelding og ansvarliggjøring. Ingen klager, men de beste selgerne søker seg vekk.",
            sv="Teamet är i komfortzonen, den farligaste zonen: lägg mer tryck på systemledarskap – tydliga förväntningar, konkret återkoppling och ansvarsutkrävande. Ingen klagar, men de bästa säljarna söker sig bort.",
            en="The team is in the comfort zone, the most dangerous one: put more pressure on system leadership – clear expectations, concrete feedback and accountability. Nobody complains, but the best sellers leave.",
        ),
        "more_relation": Text(
            nb="Teamet er i stressonen: legg mer trykk på relasjonsledelse – bygg tillit og opplevd trygghet, så det blir trygt å feile, si fra og be om hjelp. Standarden står fast.",
            sv="Teamet är i stresszonen: lägg mer tryck på relationsledarskap – bygg tillit och upplevd trygghet, så att det blir tryggt att göra misstag, säga ifrån och be om hjälp. Standarden ligger fast.",
            en="The team is in the stress zone: put more pressure on relation leadership – build trust and perceived safety so it is safe to fail, speak up and ask for help. The standard stays.",
        ),
        "administration_first": Text(
            nb="Teamet er i apatisonen: få administrasjonsansvaret på plass først – oversikt, informasjonsflyt og oppfølging der det som loves, skjer. Trykk deretter på begge sider: relasjonsledelse og systemledelse.",
            sv="Teamet är i apatizonen: få det administrativa ansvaret på plats först – överblick, informationsflöde och uppföljning där det som utlovas blir av. Tryck sedan på båda sidor: relationsledarskap och systemledarskap.",
            en="The team is in the apathy zone: get administration in place first – overview, flow of information and follow-up where what is promised happens. Then press on both sides: relation leadership and system leadership.",
        ),
        "foundation_first": Text(
            nb="Administrasjonsansvaret svikter i teamet: få fundamentet på plass først – oversikt, informasjonsflyt og avtaler som holdes. Deretter:",
            sv="Det administrativa ansvaret sviktar i teamet: få grunden på plats först – överblick, informationsflöde och överenskommelser som hålls. Sedan:",
            en="Administration is failing in the team: get the foundation in place first – overview, flow of information and agreements that are kept. Then:",
        ),
        "press_both": Text(
            nb="Teamet er i prestasjonssonen: fortsett å trykke hardt på begge sider – relasjonsledelse og systemledelse samtidig. Brettet bøyer seg, men knekker ikke.",
            sv="Teamet är i prestationszonen: fortsätt att trycka hårt på båda sidor – relationsledarskap och systemledarskap samtidigt. Brädan böjer sig men knäcks inte.",
            en="The team is in the performance zone: keep pressing hard on both sides – relation leadership and system leadership at once. The board bends but does not break.",
        ),
    }
)

# When the person's balance leans against the team's zone. Keyed by coaching.zones.Zone values.
TEAM_CAUTIONS: Final[Mapping[str, Text]] = MappingProxyType(
    {
        "stress": Text(
            nb="Teamet er i stressonen: hold relasjonssiden synlig når du stiller krav, ellers blir det press uten trygghet.",
            sv="Teamet är i stresszonen: håll relationssidan synlig när du ställer krav, annars blir det press utan trygghet.",
            en="The team is in the stress zone: keep the relation side visible when you make demands, or it becomes pressure without safety.",
        ),
        "comfort": Text(
            nb="Teamet er i komfortsonen: ikke la støtten bli trivsel uten krav – standarden gjelder for alle.",
            sv="Teamet är i komfortzonen: låt inte stödet bli trivsel utan krav – standarden gäller för alla.",
            en="The team is in the comfort zone: don't let support turn into well-being without demands – the standard applies to everyone.",
        ),
    }
)

FOLLOW_UP_NEXT: Final = Text(
    nb="Om 2 uker: følg opp {first}, og ta deretter tak i {rest}.",
    sv="Om 2 veckor: följ upp {first} och ta sedan tag i {rest}.",
    en="In 2 weeks: check progress on {first}, then take on {rest}.",
)

FOLLOW_UP_REVIEW: Final = Text(
    nb="Om 4 uker: vurder de fire punktene på nytt og juster balansen. Det som loves, skjer – hold avtalene dere har gjort.",
    sv="Om 4 veckor: bedöm de fyra punkterna på nytt och justera balansen. Det som utlovas blir av – håll överenskommelserna ni har gjort.",
    en="In 4 weeks: assess the four points again and adjust the balance. What is promised, happens – keep the agreements you made.",
)
