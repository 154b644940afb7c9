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
    nb="{relation}\u00a0% relasjon · {system}\u00a0% system",
    sv="{relation}\u00a0% relation · {system}\u00a0% system",
    en="{relation}% relation · {system}% system",
)

STANDARD: Final = Text(
    nb="Standardene er stabile – hva du forventer av resultat, atferd og innsats endrer seg ikke. Det som endrer seg, er trykket du legger på relasjon versus system for å hjelpe den enkelte eller teamet å nå den standarden.",
    sv="Standarden ligger fast – vad du förväntar dig av resultat, beteende och insats ändras inte. Det som ändras är trycket du lägger på relation kontra system för att hjälpa individen eller teamet att nå standarden.",
    en="The standards are stable: what you expect in results, behaviour and effort does not change. What changes is the pressure you put on relation versus system to help the individual or the team reach that standard.",
)

STYLES: Final[Mapping[str, Text]] = MappingProxyType(
    {
        # The seed's four (its "Kommunikasjonsstil" table).
        "instructing": Text("instruerende", "instruerande", "instructing"),
        "direct": Text("direkte", "direkt", "direct"),
        "delegating": Text("delegerende", "delegerande", "delegating"),
        "challenging": Text("utfordrende", "utmanande", "challenging"),
        # Ours, for the cases the table has no row for.
        "supportive": Text("støttende", "stödjande", "supportive"),
        "exploring": Text("utforskende", "utforskande", "exploring"),
        "inspiring": Text("inspirerende", "inspirerande", "inspiring"),
        "clarifying": Text("tydeliggjørende", "förtydligande", "clarifying"),
        "guiding": Text("veiledende", "handledande", "guiding"),
        "structuring": Text("strukturerende", "strukturerande", "structuring"),
    }
)

# Which parts of the advice are the seed's ("Fra modellen: …") and which ours ("Vårt tillegg: …").
PARTS: Final[Mapping[str, Text]] = MappingProxyType(
    {
        "side": Text("retningen", "riktningen", "the direction"),
        "dose": Text("dosen", "doseringen", "the dose"),
        "style": Text("stilen", "stilen", "the style"),
        "example": Text("eksempelet", "exemplet", "the example"),
    }
)
ACTIONS_PART: Final = Text("tiltakene", "åtgärderna", "the actions")
PROVENANCE: Final = Text(
    nb="Fra modellen Ledelse i balanse: {seed}. Vårt tillegg: {ours}.",
    sv="Från modellen Ledelse i balanse: {seed}. Vårt tillägg: {ours}.",
    en="From the model Ledelse i balanse: {seed}. Ours: {ours}.",
)
PROVENANCE_OURS: Final = Text(
    nb="Modellen har ingen rad for dette; rådet er vårt.",
    sv="Modellen har ingen rad för detta; rådet är vårt.",
    en="The model has no row for this; the advice is ours.",
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
        "structure": Text("strukturen", "strukturen", "the structure"),
        "energy": Text("energi og trygghet", "energi och trygghet", "energy and safety"),
        "trust": Text("tilliten", "förtroendet", "trust"),
        "change": Text("uroen etter endringene", "oron efter förändringarna", "the unrest after the changes"),
        "team": Text("friksjonen i teamet", "friktionen i teamet", "the friction in the team"),
        "skill": Text("ferdighetsproblemet", "färdighetsproblemet", "the skill problem"),
        "will": Text("viljeproblemet", "viljeproblemet", "the will problem"),
        "drop": Text("fallet uten klar årsak", "nedgången utan tydlig orsak", "the unexplained drop"),
        "expectations": Text("forventningene", "förväntningarna", "the expectations"),
        "follow_up": Text("oppfølgingen", "uppföljningen", "follow-up"),
        "results": Text("resultatene over tid", "resultaten över tid", "results over time"),
        "numbers": Text("tallene", "siffrorna", "the numbers"),
        "comfort": Text("komfortsonen", "komfortzonen", "the comfort zone"),
    }
)
AND: Final = Text(" og ", " och ", " and ")

# The foundation first, when structure is failing and something else decides the balance.
FOUNDATION_ACTION: Final = Text(
    nb="Først: få fundamentet på plass – en enkel plan, faste rutiner og oversikt over status og nøkkeltall.",
    sv="Först: få grunden på plats – en enkel plan, fasta rutiner och överblick över status och nyckeltal.",
    en="First: get the foundation in place – a simple plan, fixed routines and an overview of status and key figures.",
)

# The extra action for the concern to take on next, when observations conflict. The foundation comes first
# (FOUNDATION_ACTION) and energy is always the first of the rest, so neither is ever "next".
NEXT_ACTIONS: Final[Mapping[str, Text]] = MappingProxyType(
    {
        "trust": Text(
            nb="Deretter: bygg tilliten – hold det du lover, og lytt mer enn du snakker.",
            sv="Sedan: bygg förtroendet – håll det du lovar och lyssna mer än du pratar.",
            en="Then: build trust – keep what you promise and listen more than you talk.",
        ),
        "change": Text(
            nb="Deretter: forklar hvorfor endringene skjer, og hva de betyr for personen.",
            sv="Sedan: förklara varför förändringarna sker och vad de betyder för personen.",
            en="Then: explain why the changes are happening and what they mean for the person.",
        ),
        "team": Text(
            nb="Deretter: ta friksjonen i teamet opp åpent med de involverte.",
            sv="Sedan: ta upp friktionen i teamet öppet med de inblandade.",
            en="Then: raise the friction in the team openly with those involved.",
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
        "drop": Text(
            nb="Deretter: finn årsaken til fallet i en åpen samtale.",
            sv="Sedan: hitta orsaken till nedgången i ett öppet samtal.",
            en="Then: find the cause of the drop in an open conversation.",
        ),
        "expectations": Text(
            nb="Deretter: gjør forventningene tydelige – resultat, atferd og innsats.",
            sv="Sedan: gör förväntningarna tydliga – resultat, beteende och insats.",
            en="Then: make the expectations clear – results, behaviour and effort.",
        ),
        "follow_up": Text(
            nb="Deretter: avtal en fast ukentlig oppfølging med konkret tilbakemelding.",
            sv="Sedan: lägg in en fast uppföljning varje vecka med konkret återkoppling.",
            en="Then: set up a fixed weekly follow-up with concrete feedback.",
        ),
        "results": Text(
            nb="Deretter: analyser resultatene over tid sammen, og avtal en konkret plan.",
            sv="Sedan: analysera resultaten över tid tillsammans och kom överens om en konkret plan.",
            en="Then: analyse the results over time together and agree on a concrete plan.",
        ),
        "numbers": Text(
            nb="Deretter: gå gjennom tallene sammen – la dem vise om «det går bra».",
            sv="Sedan: gå igenom siffrorna tillsammans – låt dem visa om ”det går bra”.",
            en="Then: go through the numbers together – let them show whether “it's going fine”.",
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
        "trust": Text(
            nb="Krav uten tillit oppleves som kritikk. Tilliten først, så tåler relasjonen kravene.",
            sv="Krav utan tillit upplevs som kritik. Förtroendet först, så tål relationen kraven.",
            en="Demands without trust feel like criticism. Trust first; then the relationship can carry the demands.",
        ),
        "change": Text(
            nb="I uro trenger folk mening og retning før nye krav – forklar hvorfor før hvordan.",
            sv="I oro behöver folk mening och riktning före nya krav – förklara varför innan hur.",
            en="In unrest people need meaning and direction before new demands – explain why before how.",
        ),
        "team": Text(
            nb="Friksjon og lav energi i teamet tapper alle – uten trygghet lander ikke kravene.",
            sv="Friktion och låg energi i teamet tär på alla – utan trygghet landar inte kraven.",
            en="Friction and low energy in the team drain everyone; without safety the demands don't land.",
        ),
        "drop": Text(
            nb="Uten klar årsak er det lett å stille feil diagnose. Finn årsaken før du velger side.",
            sv="Utan tydlig orsak är det lätt att ställa fel diagnos. Hitta orsaken innan du väljer sida.",
            en="Without a clear cause it's easy to make the wrong diagnosis. Find the cause before you choose a side.",
        ),
        "expectations": Text(
            nb="Utydelige forventninger er en lederfeil, ikke en selgerfeil: ingen kan innfri krav de ikke kjenner.",
            sv="Otydliga förväntningar är ett ledarfel, inte ett säljarfel: ingen kan uppfylla krav som de inte känner till.",
            en="Unclear expectations are a leader's mistake, not a seller's: nobody can meet demands they don't know.",
        ),
        "follow_up": Text(
            nb="Uten fast oppfølging blir kravene aldri virkelige – ledelse skjer regelmessig og forutsigbart.",
            sv="Utan fast uppföljning blir kraven aldrig verkliga – ledarskap sker regelbundet och förutsägbart.",
            en="Without regular follow-up the demands never become real – leadership happens regularly and predictably.",
        ),
        "results": Text(
            nb="Resultater under forventning over tid krever en plan – standarden står fast.",
            sv="Resultat under förväntan över tid kräver en plan – standarden ligger fast.",
            en="Results below expectations over time call for a plan; the standard stays.",
        ),
        "numbers": Text(
            nb="Så lenge tallene og opplevelsen sier ulike ting, lander ingen tilbakemelding. Bli enige om virkeligheten først.",
            sv="Så länge siffrorna och upplevelsen säger olika saker landar ingen återkoppling. Kom överens om verkligheten först.",
            en="As long as the numbers and the feeling say different things, no feedback lands. Agree on reality first.",
        ),
    }
)

# Observations that cannot all be true (coaching.situation.Contradiction): named back, the second set aside.
CONTRADICTIONS: Final[Mapping[str, Text]] = MappingProxyType(
    {
        "new_in_comfort": Text(
            nb="Sjekk: ny og i komfortsonen passer ikke sammen. Komfortsonen gjelder den erfarne som leverer OK; hos en som er ny, ligger det oftere usikkerhet eller manglende ferdigheter bak. Rådet ser bort fra komfortsonen.",
            sv="Kontrollera: ny och i komfortzonen går inte ihop. Komfortzonen gäller den erfarna som levererar OK; hos någon som är ny ligger det oftare osäkerhet eller brist på färdigheter bakom. Rådet bortser från komfortzonen.",
            en="Check: new and in the comfort zone don't fit together. The comfort zone is about someone experienced who delivers OK; with someone new it is more often insecurity or missing skills. The advice leaves the comfort zone aside.",
        ),
        "skill_gap_in_comfort": Text(
            nb="Sjekk: mangler ferdigheter og i komfortsonen passer ikke sammen. «Jeg vet du kan mer» forutsetter at personen kan – et ferdighetsproblem som møtes med krav, blir forsterket. Rådet ser bort fra komfortsonen.",
            sv="Kontrollera: saknar färdigheter och i komfortzonen går inte ihop. ”Jag vet att du kan mer” förutsätter att personen kan – ett färdighetsproblem som möts med krav förstärks. Rådet bortser från komfortzonen.",
            en="Check: lacking skills and in the comfort zone don't fit together. “I know you can do more” assumes the person can – a skill problem met with demands gets worse. The advice leaves the comfort zone aside.",
        ),
        "exhausted_in_comfort": Text(
            nb="Sjekk: utmattet eller utrygg og i komfortsonen passer ikke sammen – komfortsonen føles god. Mer krav til en som er sliten, skyver mot stressonen. Rådet ser bort fra komfortsonen.",
            sv="Kontrollera: utmattad eller otrygg och i komfortzonen går inte ihop – komfortzonen känns bra. Mer krav på någon som är sliten driver mot stresszonen. Rådet bortser från komfortzonen.",
            en="Check: exhausted or insecure and in the comfort zone don't fit together – the comfort zone feels good. More demands on someone worn out push toward the stress zone. The advice leaves the comfort zone aside.",
        ),
        "cause_of_drop": Text(
            nb="Sjekk: du valgte «under sitt nivå uten klar årsak», men har også sett en mulig årsak. Rådet tar utgangspunkt i årsaken.",
            sv="Kontrollera: du valde ”under sin nivå utan tydlig orsak”, men har också sett en möjlig orsak. Rådet utgår från orsaken.",
            en="Check: you chose “below their level without a clear cause”, but you have also seen a possible cause. The advice starts from that cause.",
        ),
    }
)

# The manager's blind spot (coaching.self_view.LeaderProfile), when the advice leans against their strength.
BLIND_SPOTS: Final[Mapping[str, Text]] = MappingProxyType(
    {
        "relation_leader": Text(
            nb="Ta den vanskelige samtalen: som naturlig relasjonsleder (profil A) er den din blinde flekk. Snakk direkte om resultatene – krav setter ikke tilliten på spill.",
            sv="Ta det svåra samtalet: som naturlig relationsledare (profil A) är det din blinda fläck. Prata direkt om resultaten – krav sätter inte förtroendet på spel.",
            en="Have the difficult conversation: as a natural relation leader (profile A) it is your blind spot. Talk about the results directly – demands don't put trust at stake.",
        ),
        "system_leader": Text(
            nb="Se mennesket først: som naturlig systemleder (profil B) er det din blinde flekk. Start med samtalen, ikke tallene – ellers oppleves tilbakemeldingene dine som kritikk.",
            sv="Se människan först: som naturlig systemledare (profil B) är det din blinda fläck. Börja med samtalet, inte siffrorna – annars upplevs återkoppling som kritik.",
            en="See the person first: as a natural system leader (profile B) it is your blind spot. Start with the conversation, not the numbers, or feedback will feel like criticism.",
        ),
    }
)

# "Noen er ny og trenger å bli sett og inkludert": when the advice for someone new leans to the system side.
NEW_CAUTION: Final = Text(
    nb="Personen er ny og trenger også å bli sett og inkludert: hold relasjonssiden synlig og innfør kravene gradvis.",
    sv="Personen är ny och behöver också bli sedd och inkluderad: håll relationssidan synlig och för in kraven gradvis.",
    en="The person is new and also needs to be seen and included: keep the relation side visible and introduce demands gradually.",
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
