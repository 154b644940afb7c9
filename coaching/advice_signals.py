"""The per-case texts of the seed's two "when" lists (reasoning, example, actions, follow-up) in nb, sv, en.

"Mer relasjonsledelse når..." gives trust, change, team and drop; "Mer systemledelse når..." gives
expectations, follow_up, results and numbers (their fifth items are the cases new and comfort, in
coaching/advice_cases.py). The side is the seed's; the dose, the style, the example and the actions are ours.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from coaching.advice_texts import CaseTexts, Text

_TRUST: Final = CaseTexts(
    reasoning=Text(
        nb="Tilliten mangler: du har mistet den – eller aldri bygget den. Da hjelper mer relasjonsledelse: krav uten tillit oppleves som kritikk, så bygg tilliten før du øker trykket.",
        sv="Tilliten saknas: du har förlorat den – eller aldrig byggt den. Då hjälper mer relationsledarskap: krav utan tillit upplevs som kritik, så bygg tilliten innan du ökar trycket.",
        en="Trust is missing: you have lost it, or never built it. More relation leadership helps here: demands without trust feel like criticism, so build trust before you increase the pressure.",
    ),
    example=Text(
        nb="Jeg vil at du skal kunne stole på meg. Hva trenger du fra meg?",
        sv="Jag vill att du ska kunna lita på mig. Vad behöver du från mig?",
        en="I want you to be able to trust me. What do you need from me?",
    ),
    actions=(
        Text(
            nb="Ta en ærlig samtale på tomannshånd: lytt mer enn du snakker, og spør hva som skal til.",
            sv="Ta ett ärligt samtal på tu man hand: lyssna mer än du pratar, och fråga vad som krävs.",
            en="Have an honest one-to-one: listen more than you talk, and ask what it would take.",
        ),
        Text(
            nb="Hold alt du lover, også det lille – tillit bygges av avtaler som holdes.",
            sv="Håll allt du lovar, även det lilla – tillit byggs av överenskommelser som hålls.",
            en="Keep everything you promise, the small things too: trust is built from agreements that are kept.",
        ),
        Text(
            nb="Se hele mennesket: anerkjenn innsats og utvikling, ikke bare resultat.",
            sv="Se hela människan: uppmärksamma insats och utveckling, inte bara resultat.",
            en="See the whole person: recognise effort and progress, not just results.",
        ),
    ),
    follow_up=Text(
        nb="Om 2 uker: har du holdt det du lovte, og er samtalene blitt mer åpne?",
        sv="Om 2 veckor: har du hållit det du lovade, och har samtalen blivit mer öppna?",
        en="In 2 weeks: have you kept what you promised, and are your conversations more open?",
    ),
)

_CHANGE: Final = CaseTexts(
    reasoning=Text(
        nb="Endringer skaper uro og usikkerhet. Da hjelper mer relasjonsledelse: skap mening og retning – forklar hvorfor før hvordan, og se personen midt i endringen.",
        sv="Förändringar skapar oro och osäkerhet. Då hjälper mer relationsledarskap: skapa mening och riktning – förklara varför innan hur, och se personen mitt i förändringen.",
        en="Change is creating unrest and uncertainty. More relation leadership helps here: create meaning and direction – explain why before how, and see the person in the middle of the change.",
    ),
    example=Text(
        nb="Jeg vet at endringene skaper uro. La meg forklare hvorfor – og hva det betyr for deg.",
        sv="Jag vet att förändringarna skapar oro. Låt mig förklara varför – och vad det betyder för dig.",
        en="I know the changes are unsettling. Let me explain why – and what it means for you.",
    ),
    actions=(
        Text(
            nb="Forklar hvorfor endringen skjer, og hva den betyr for akkurat denne personen.",
            sv="Förklara varför förändringen sker och vad den betyder för just den här personen.",
            en="Explain why the change is happening and what it means for this person in particular.",
        ),
        Text(
            nb="Lag et felles bilde av hvor dere står, hvor dere skal og veien dit – og spør hva personen kan bidra med.",
            sv="Skapa en gemensam bild av var ni står, vart ni ska och vägen dit – och fråga vad personen kan bidra med.",
            en="Build a shared picture of where you are, where you're going and the way there – and ask what the person can contribute.",
        ),
        Text(
            nb="Hold standarden fast, og gjør det trygt å si fra om det som er uklart.",
            sv="Håll standarden fast och gör det tryggt att säga ifrån om det som är oklart.",
            en="Keep the standard steady and make it safe to speak up about what is unclear.",
        ),
    ),
    follow_up=Text(
        nb="Om 1 uke: forstår personen hvorfor, og vet vedkommende hva endringen betyr for egen jobb?",
        sv="Om 1 vecka: förstår personen varför, och vet hen vad förändringen betyder för det egna jobbet?",
        en="In 1 week: does the person understand why, and know what the change means for their own job?",
    ),
)

_TEAM: Final = CaseTexts(
    reasoning=Text(
        nb="Teamet har lav energi eller intern friksjon. Da hjelper mer relasjonsledelse: bygg tillit og psykologisk trygghet i teamet før du legger mer trykk på den enkelte.",
        sv="Teamet har låg energi eller intern friktion. Då hjälper mer relationsledarskap: bygg tillit och psykologisk trygghet i teamet innan du lägger mer tryck på den enskilda.",
        en="The team has low energy or internal friction. More relation leadership helps here: build trust and psychological safety in the team before you put more pressure on one person.",
    ),
    example=Text(
        nb="Jeg merker at det skaver i teamet. Hvordan har du det med det?",
        sv="Jag märker att det skaver i teamet. Hur har du det med det?",
        en="I can tell there's friction in the team. How are you finding it?",
    ),
    actions=(
        Text(
            nb="Snakk med personen om hvordan teamet oppleves – lytt etter hva som skaper friksjonen.",
            sv="Prata med personen om hur teamet upplevs – lyssna efter vad som skapar friktionen.",
            en="Talk with the person about how the team feels to them – listen for what is causing the friction.",
        ),
        Text(
            nb="Ta friksjonen opp åpent med de involverte, og gjør det trygt å si fra.",
            sv="Ta upp friktionen öppet med de inblandade och gör det tryggt att säga ifrån.",
            en="Raise the friction openly with those involved and make it safe to speak up.",
        ),
        Text(
            nb="Bygg energi: feir innsats og utvikling i teamet, ikke bare resultat.",
            sv="Bygg energi: fira insats och utveckling i teamet, inte bara resultat.",
            en="Build energy: celebrate effort and progress in the team, not just results.",
        ),
    ),
    follow_up=Text(
        nb="Om 2 uker: er friksjonen tatt opp, og merkes det på energien i teamet?",
        sv="Om 2 veckor: har friktionen tagits upp, och märks det på energin i teamet?",
        en="In 2 weeks: has the friction been raised, and does it show in the team's energy?",
    ),
)

_DROP: Final = CaseTexts(
    reasoning=Text(
        nb="Under sitt nivå uten klar årsak. Da hjelper mer relasjonsledelse: finn årsaken før du velger side – feil diagnose gir feil balanse.",
        sv="Under sin nivå utan tydlig orsak. Då hjälper mer relationsledarskap: hitta orsaken innan du väljer sida – fel diagnos ger fel balans.",
        en="Below their level without a clear cause. More relation leadership helps here: find the cause before you choose a side – a wrong diagnosis gives the wrong balance.",
    ),
    example=Text(
        nb="Jeg ser at det ikke går som det pleier. Hvordan har du det egentlig?",
        sv="Jag ser att det inte går som det brukar. Hur mår du egentligen?",
        en="I can see things aren't going the way they usually do. How are you really doing?",
    ),
    actions=(
        Text(
            nb="Ta en åpen samtale og lytt: hva har endret seg, på jobben og ellers?",
            sv="Ta ett öppet samtal och lyssna: vad har förändrats, på jobbet och annars?",
            en="Have an open conversation and listen: what has changed, at work and otherwise?",
        ),
        Text(
            nb="Gå gjennom de fire vurderingspunktene: kompetanse, vilje og ansvar, struktur, energi og trygghet.",
            sv="Gå igenom de fyra bedömningspunkterna: kompetens, vilja och ansvar, struktur, energi och trygghet.",
            en="Go through the four assessment points: competence, will and ownership, structure, energy and safety.",
        ),
        Text(
            nb="Vent med nye krav til du vet om det er et ferdighetsproblem eller et viljeproblem.",
            sv="Vänta med nya krav tills du vet om det är ett färdighetsproblem eller ett viljeproblem.",
            en="Hold new demands until you know whether it is a skill problem or a will problem.",
        ),
    ),
    follow_up=Text(
        nb="Om 1 uke: hva fant dere ut om årsaken? Be om nye råd med det du nå vet.",
        sv="Om 1 vecka: vad kom ni fram till om orsaken? Be om nya råd med det du nu vet.",
        en="In 1 week: what did you find out about the cause? Ask for new advice with what you now know.",
    ),
)

_EXPECTATIONS: Final = CaseTexts(
    reasoning=Text(
        nb="Usikker på hva som faktisk forventes. Da hjelper mer systemledelse: sett tydelige forventninger og standarder – utydelige forventninger er en lederfeil, ikke en selgerfeil.",
        sv="Osäker på vad som faktiskt förväntas. Då hjälper mer systemledarskap: sätt tydliga förväntningar och standarder – otydliga förväntningar är ett ledarfel, inte ett säljarfel.",
        en="Unsure what is actually expected. More system leadership helps here: set clear expectations and standards – unclear expectations are a leader's mistake, not a seller's.",
    ),
    example=Text(
        nb="La oss bli enige om hva som forventes av deg – i tall og i atferd.",
        sv="Låt oss komma överens om vad som förväntas av dig – i siffror och i beteende.",
        en="Let's agree on what's expected of you – in numbers and in behaviour.",
    ),
    actions=(
        Text(
            nb="Skriv ned forventningene sammen: resultat, atferd og innsats, konkret nok til å måles.",
            sv="Skriv ner förväntningarna tillsammans: resultat, beteende och insats, konkret nog för att mätas.",
            en="Write the expectations down together: results, behaviour and effort, concrete enough to measure.",
        ),
        Text(
            nb="Sjekk at standarden er den samme for alle – rettferdig.",
            sv="Kontrollera att standarden är densamma för alla – rättvist.",
            en="Check that the standard is the same for everyone – fair.",
        ),
        Text(
            nb="Gi konkret, faglig tilbakemelding mot forventningene fra første uke.",
            sv="Ge konkret återkoppling mot förväntningarna från första veckan.",
            en="Give concrete, practical feedback against the expectations from the first week.",
        ),
    ),
    follow_up=Text(
        nb="Om 1 uke: kan personen si med egne ord hva som forventes?",
        sv="Om 1 vecka: kan personen säga med egna ord vad som förväntas?",
        en="In 1 week: can the person say in their own words what is expected?",
    ),
)

_FOLLOW_UP: Final = CaseTexts(
    reasoning=Text(
        nb="Det mangler struktur rundt oppfølging og feedback. Da hjelper mer systemledelse: bygg rutiner som gir forutsigbarhet, så tilbakemeldinger blir et arbeidsverktøy og ikke en hendelse.",
        sv="Det saknas struktur kring uppföljning och återkoppling. Då hjälper mer systemledarskap: bygg rutiner som ger förutsägbarhet, så att återkoppling blir ett arbetsverktyg och inte en händelse.",
        en="There is no structure around follow-up and feedback. More system leadership helps here: build routines that give predictability, so feedback becomes a working tool, not an event.",
    ),
    example=Text(
        nb="Fra nå av tar vi en kort oppfølging hver uke – samme tid, samme form.",
        sv="Från och med nu har vi en kort uppföljning varje vecka – samma tid, samma form.",
        en="From now on we'll have a short follow-up every week – same time, same format.",
    ),
    actions=(
        Text(
            nb="Avtal en fast, kort ukentlig oppfølging – og hold den.",
            sv="Lägg in en fast, kort uppföljning varje vecka – och håll den.",
            en="Set up a fixed, short weekly follow-up – and keep it.",
        ),
        Text(
            nb="Gå gjennom både aktiviteter og resultater, og gi én konkret, faglig tilbakemelding hver gang.",
            sv="Gå igenom både aktiviteter och resultat, och ge en konkret återkoppling varje gång.",
            en="Go through both activities and results, and give one concrete, practical piece of feedback each time.",
        ),
        Text(
            nb="Gjør det normalt å korrigere og bli korrigert – be også om tilbakemelding på deg selv.",
            sv="Gör det normalt att korrigera och bli korrigerad – be också om återkoppling på dig själv.",
            en="Make it normal to correct and be corrected – and ask for feedback on yourself too.",
        ),
    ),
    follow_up=Text(
        nb="Om 2 uker: har oppfølgingen blitt holdt hver uke, og brukes tilbakemeldingen?",
        sv="Om 2 veckor: har uppföljningen hållits varje vecka, och används återkopplingen?",
        en="In 2 weeks: has the follow-up happened every week, and is the feedback being used?",
    ),
)

_RESULTS: Final = CaseTexts(
    reasoning=Text(
        nb="Resultatene har over tid ikke møtt forventningene. Da hjelper mer systemledelse: analyser resultatene sammen, finn mønstrene og gjør forventningen konkret.",
        sv="Resultaten har över tid inte mött förväntningarna. Då hjälper mer systemledarskap: analysera resultaten tillsammans, hitta mönstren och gör förväntan konkret.",
        en="Over time, results have not met expectations. More system leadership helps here: analyse the results together, find the patterns and make the expectation concrete.",
    ),
    example=Text(
        nb="Resultatene har ligget under forventning en stund. La oss se på tallene og lage en plan.",
        sv="Resultaten har legat under förväntan ett tag. Låt oss titta på siffrorna och göra en plan.",
        en="Results have been below expectations for a while. Let's look at the numbers and make a plan.",
    ),
    actions=(
        Text(
            nb="Analyser resultatene over tid sammen: hvor i salgsprosessen faller det?",
            sv="Analysera resultaten över tid tillsammans: var i säljprocessen faller det?",
            en="Analyse the results over time together: where in the sales process does it fall away?",
        ),
        Text(
            nb="Avtal en konkret plan med tydelige mål for de neste fire ukene.",
            sv="Kom överens om en konkret plan med tydliga mål för de kommande fyra veckorna.",
            en="Agree on a concrete plan with clear goals for the next four weeks.",
        ),
        Text(
            nb="Følg opp ukentlig, og la personen eie både prosessen og utfallet.",
            sv="Följ upp varje vecka och låt personen äga både processen och utfallet.",
            en="Follow up weekly and let the person own both the process and the outcome.",
        ),
    ),
    follow_up=Text(
        nb="Om 2 uker: gå gjennom tallene mot planen – uten å senke standarden.",
        sv="Om 2 veckor: gå igenom siffrorna mot planen – utan att sänka standarden.",
        en="In 2 weeks: review the numbers against the plan – without lowering the standard.",
    ),
)

_NUMBERS: Final = CaseTexts(
    reasoning=Text(
        nb="Personen tror «det går bra», men tallene støtter det ikke. Da hjelper mer systemledelse: la tallene, ikke magefølelsen, vise hvor dere står.",
        sv="Personen tror att ”det går bra”, men siffrorna stöder det inte. Då hjälper mer systemledarskap: låt siffrorna, inte magkänslan, visa var ni står.",
        en="The person believes “it's going fine”, but the numbers don't support it. More system leadership helps here: let the numbers, not gut feeling, show where you stand.",
    ),
    example=Text(
        nb="Du opplever at det går bra. La oss se på tallene sammen.",
        sv="Du upplever att det går bra. Låt oss titta på siffrorna tillsammans.",
        en="You feel it's going well. Let's look at the numbers together.",
    ),
    actions=(
        Text(
            nb="Gå gjennom tallene sammen, og la personen selv lese hva de sier.",
            sv="Gå igenom siffrorna tillsammans och låt personen själv läsa vad de säger.",
            en="Go through the numbers together and let the person read for themselves what they say.",
        ),
        Text(
            nb="Bli enige om hva «bra» betyr – i tall – de neste fire ukene.",
            sv="Kom överens om vad ”bra” betyder – i siffror – de kommande fyra veckorna.",
            en="Agree on what “good” means – in numbers – over the next four weeks.",
        ),
        Text(
            nb="Gi løpende tilgang til oppdaterte tall, så personen ser hvordan det ligger an.",
            sv="Ge löpande tillgång till uppdaterade siffror, så att personen ser hur det ligger till.",
            en="Give ongoing access to up-to-date numbers so the person can see where they stand.",
        ),
    ),
    follow_up=Text(
        nb="Om 2 uker: ser dere det samme i tallene, og går de riktig vei?",
        sv="Om 2 veckor: ser ni samma sak i siffrorna, och går de åt rätt håll?",
        en="In 2 weeks: do you both see the same thing in the numbers, and are they moving the right way?",
    ),
)

SIGNAL_CASES: Final[Mapping[str, CaseTexts]] = MappingProxyType(
    {
        "trust": _TRUST,
        "change": _CHANGE,
        "team": _TEAM,
        "drop": _DROP,
        "expectations": _EXPECTATIONS,
        "follow_up": _FOLLOW_UP,
        "results": _RESULTS,
        "numbers": _NUMBERS,
    }
)
