"""The advice engine's per-case texts (reasoning, example sentence, actions, follow-up) in nb, sv, en.

One `CaseTexts` per `coaching.advice.Case`: the seed's style rows and assessment points here, the cases of
its two "when" lists in coaching/advice_signals.py; the shared phrases live in coaching/advice_texts.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from coaching.advice_signals import SIGNAL_CASES
from coaching.advice_texts import CaseTexts, Text

_NEW_UNSURE: Final = CaseTexts(
    reasoning=Text(
        nb="Ny og usikker: energi og trygghet er det som mangler nå, så tyngden ligger på relasjonsledelse. Mye støtte, tett dialog og gradvis innføring av krav.",
        sv="Ny och osäker: det är energi och trygghet som saknas nu, så tyngdpunkten ligger på relationsledarskap. Mycket stöd, tät dialog och krav som införs gradvis.",
        en="New and unsure: energy and safety are what is missing now, so the weight is on relation leadership. Lots of support, close dialogue and demands introduced gradually.",
    ),
    example=Text(
        nb="La meg vise deg dette. Vi følger opp ukentlig.",
        sv="Låt mig visa dig det här. Vi följer upp varje vecka.",
        en="Let me show you this. We'll follow up weekly.",
    ),
    actions=(
        Text(
            nb="Sett av tid til tett dialog: se personen og inkluder vedkommende i teamet.",
            sv="Avsätt tid för tät dialog: se personen och inkludera hen i teamet.",
            en="Make time for close dialogue: see the person and include them in the team.",
        ),
        Text(
            nb="Vis hvordan det gjøres, steg for steg, og gi konkret tilbakemelding underveis.",
            sv="Visa hur det görs, steg för steg, och ge konkret återkoppling längs vägen.",
            en="Show how it's done, step by step, and give concrete feedback along the way.",
        ),
        Text(
            nb="Innfør kravene gradvis: én tydelig forventning om gangen. Feir innsats og utvikling, ikke bare resultat.",
            sv="För in kraven gradvis: en tydlig förväntan i taget. Fira insats och utveckling, inte bara resultat.",
            en="Introduce demands gradually: one clear expectation at a time. Celebrate effort and progress, not just results.",
        ),
    ),
    follow_up=Text(
        nb="Om 1 uke: har dere hatt den ukentlige oppfølgingen, og virker personen tryggere?",
        sv="Om 1 vecka: har ni haft den veckovisa uppföljningen, och verkar personen tryggare?",
        en="In 1 week: have you had the weekly follow-up, and does the person seem more secure?",
    ),
)

_ENERGY: Final = CaseTexts(
    reasoning=Text(
        nb="Energi og trygghet svikter: personen er utmattet, utrygg eller overveldet. Da hjelper relasjonsledelse – mer press nå skyver mot stressonen.",
        sv="Energi och trygghet sviktar: personen är utmattad, otrygg eller överväldigad. Då hjälper relationsledarskap – mer press nu driver mot stresszonen.",
        en="Energy and safety are failing: the person is exhausted, insecure or overwhelmed. Relation leadership helps here; more pressure now pushes toward the stress zone.",
    ),
    example=Text(
        nb="Jeg ser at du har mye nå. Vi tar én ting om gangen – hva trenger du fra meg?",
        sv="Jag ser att du har mycket nu. Vi tar en sak i taget – vad behöver du från mig?",
        en="I can see you have a lot on right now. We'll take one thing at a time – what do you need from me?",
    ),
    actions=(
        Text(
            nb="Ta en samtale om hvordan personen har det – se hele mennesket, ikke bare selgeren.",
            sv="Ta ett samtal om hur personen mår – se hela människan, inte bara säljaren.",
            en="Talk about how the person is doing – see the whole person, not just the seller.",
        ),
        Text(
            nb="Prioriter sammen og fjern det som kan vente, så belastningen går ned.",
            sv="Prioritera tillsammans och ta bort det som kan vänta, så att belastningen minskar.",
            en="Prioritise together and remove what can wait, so the load comes down.",
        ),
        Text(
            nb="Gjør det trygt å si fra og be om hjelp, og anerkjenn innsatsen, ikke bare resultatet.",
            sv="Gör det tryggt att säga ifrån och be om hjälp, och uppmärksamma insatsen, inte bara resultatet.",
            en="Make it safe to speak up and ask for help, and recognise effort, not just results.",
        ),
    ),
    follow_up=Text(
        nb="Om 1 uke: kort samtale om energien – er belastningen lavere, og vet personen hva som er viktigst?",
        sv="Om 1 vecka: kort samtal om energin – är belastningen lägre, och vet personen vad som är viktigast?",
        en="In 1 week: a short talk about energy – is the load lower, and does the person know what matters most?",
    ),
)

_STRUCTURE: Final = CaseTexts(
    reasoning=Text(
        nb="Strukturen svikter: rutiner, systemer eller oversikt er ikke på plass. Administrasjonsansvaret må på plass først – uten fundamentet har du ingenting å balansere på.",
        sv="Strukturen sviktar: rutiner, system eller överblick finns inte på plats. Det administrativa ansvaret måste på plats först – utan grunden har du inget att balansera på.",
        en="Structure is failing: routines, systems or the overview are not in place. Administration has to come first – without the foundation there is nothing to balance on.",
    ),
    example=Text(
        nb="La oss lage en fast rutine sammen. Vi går gjennom den hver uke.",
        sv="Låt oss lägga upp en fast rutin tillsammans. Vi går igenom den varje vecka.",
        en="Let's set up a fixed routine together. We'll go through it every week.",
    ),
    actions=(
        Text(
            nb="Lag en enkel plan for uken sammen: hva skal prioriteres, og når følges det opp?",
            sv="Gör en enkel plan för veckan tillsammans: vad ska prioriteras, och när följs det upp?",
            en="Make a simple plan for the week together: what to prioritise, and when it's followed up.",
        ),
        Text(
            nb="Sørg for oversikt: personen skal kjenne status og nøkkeltall løpende.",
            sv="Se till att det finns överblick: personen ska hela tiden ha koll på status och nyckeltal.",
            en="Make sure there is an overview: the person knows their status and key figures at all times.",
        ),
        Text(
            nb="Avtal faste oppfølgingspunkter – og hold dem. Det som loves, skjer.",
            sv="Kom överens om fasta uppföljningspunkter – och håll dem. Det som utlovas blir av.",
            en="Agree on fixed follow-up points – and keep them. What is promised, happens.",
        ),
    ),
    follow_up=Text(
        nb="Om 1 uke: brukes rutinen, og har personen oversikt over status og nøkkeltall?",
        sv="Om 1 vecka: används rutinen, och har personen överblick över status och nyckeltal?",
        en="In 1 week: is the routine being used, and does the person have an overview of status and key figures?",
    ),
)

_SKILL: Final = CaseTexts(
    reasoning=Text(
        nb="Ferdighetsproblem: personen mangler ferdigheter eller kunnskap. Det løses med systemledelse – tydelig opplæring, konkret tilbakemelding og tett støtte på faglig utvikling.",
        sv="Färdighetsproblem: personen saknar färdigheter eller kunskap. Det löses med systemledarskap – tydlig upplärning, konkret återkoppling och tätt stöd i den yrkesmässiga utvecklingen.",
        en="Skill problem: the person lacks skills or knowledge. System leadership solves it – clear training, concrete feedback and close support on professional development.",
    ),
    example=Text(
        nb="Dette er en ferdighet du kan bygge. La oss se på den sammen og øve før neste kundemøte.",
        sv="Det här är en färdighet du kan bygga. Låt oss titta på den tillsammans och öva före nästa kundmöte.",
        en="This is a skill you can build. Let's look at it together and practise before the next customer meeting.",
    ),
    actions=(
        Text(
            nb="Pek ut den ferdigheten som betyr mest nå, og sett en tydelig forventning til den.",
            sv="Peka ut den färdighet som betyder mest nu och sätt en tydlig förväntan för den.",
            en="Pick the one skill that matters most right now and set a clear expectation for it.",
        ),
        Text(
            nb="Gi tydelig opplæring: vis, la personen prøve, og gi konkret, faglig tilbakemelding.",
            sv="Ge tydlig upplärning: visa, låt personen prova och ge konkret återkoppling på arbetet.",
            en="Give clear training: show, let the person try, and give concrete, practical feedback.",
        ),
        Text(
            nb="Følg opp tett på faglig utvikling, og feir fremgang underveis.",
            sv="Följ upp tätt på den yrkesmässiga utvecklingen och fira framsteg längs vägen.",
            en="Follow up closely on professional development and celebrate progress along the way.",
        ),
    ),
    follow_up=Text(
        nb="Om 1 uke: se ferdigheten i praksis, for eksempel i et kundemøte, og gi konkret tilbakemelding.",
        sv="Om 1 vecka: se färdigheten i praktiken, till exempel i ett kundmöte, och ge konkret återkoppling.",
        en="In 1 week: see the skill in practice, for example in a customer meeting, and give concrete feedback.",
    ),
)

_WILL: Final = CaseTexts(
    reasoning=Text(
        nb="Viljeproblem: personen har evnen, men mangler motivasjon eller tillit. Det løses med relasjonsledelse – finn rotårsaken, gjenoppbygg tillit og tydeliggjør forventningen.",
        sv="Viljeproblem: personen har förmågan men saknar motivation eller tillit. Det löses med relationsledarskap – hitta grundorsaken, återuppbygg förtroendet och förtydliga förväntan.",
        en="Will problem: the person has the ability but lacks motivation or trust. Relation leadership solves it – find the root cause, rebuild trust and clarify the expectation.",
    ),
    example=Text(
        nb="Du kan dette. Hva stopper deg?",
        sv="Du kan det här. Vad hindrar dig?",
        en="You can do this. What's stopping you?",
    ),
    actions=(
        Text(
            nb="Ta en ærlig samtale og finn rotårsaken: hva har endret seg, og hva motiverer personen?",
            sv="Ta ett ärligt samtal och hitta grundorsaken: vad har förändrats, och vad motiverar personen?",
            en="Have an honest conversation and find the root cause: what has changed, and what motivates the person?",
        ),
        Text(
            nb="Gjenoppbygg tillit: lytt, vær tydelig, og hold det du lover.",
            sv="Återuppbygg förtroendet: lyssna, var tydlig och håll det du lovar.",
            en="Rebuild trust: listen, be clear, and keep what you promise.",
        ),
        Text(
            nb="Tydeliggjør forventningen – standarden er den samme, og personen eier prosessen.",
            sv="Förtydliga förväntan – standarden är densamma, och personen äger processen.",
            en="Clarify the expectation – the standard is the same, and the person owns the process.",
        ),
    ),
    follow_up=Text(
        nb="Om 1 uke: hva kom frem om rotårsaken, og har personen tatt eierskap til én konkret avtale?",
        sv="Om 1 vecka: vad kom fram om grundorsaken, och har personen tagit ägarskap för en konkret överenskommelse?",
        en="In 1 week: what did you learn about the root cause, and has the person taken ownership of one concrete agreement?",
    ),
)

_COMFORT: Final = CaseTexts(
    reasoning=Text(
        nb="Komfortsonen: personen kan og leverer OK, men under sitt potensial – trivsel uten vekst. Her trengs mer systemledelse: tydelige forventninger, konkret tilbakemelding og ansvarliggjøring. Komfort er farligst: det føles godt, men ingenting vokser.",
        sv="Komfortzonen: personen kan och levererar OK men under sin potential – trivsel utan tillväxt. Här behövs mer systemledarskap: tydliga förväntningar, konkret återkoppling och ansvarsutkrävande. Komfort är farligast: det känns bra, men inget växer.",
        en="Comfort zone: the person can do it and delivers OK, but below their potential – well-being without growth. More system leadership is needed: clear expectations, concrete feedback and accountability. Comfort is the most dangerous: it feels good, but nothing grows.",
    ),
    example=Text(
        nb="Du leverer OK – men jeg vet du kan mer.",
        sv="Du levererar OK – men jag vet att du kan mer.",
        en="You're delivering OK – but I know you can do more.",
    ),
    actions=(
        Text(
            nb="Sett en tydelig, høyere forventning: hva betyr «mer» konkret de neste fire ukene?",
            sv="Sätt en tydlig, högre förväntan: vad betyder ”mer” konkret de kommande fyra veckorna?",
            en="Set a clear, higher expectation: what does “more” mean concretely over the next four weeks?",
        ),
        Text(
            nb="Gå gjennom tallene sammen – la resultatene, ikke magefølelsen, vise om «det går bra».",
            sv="Gå igenom siffrorna tillsammans – låt resultaten, inte magkänslan, visa om ”det går bra”.",
            en="Go through the numbers together – let results, not gut feeling, show whether “it's going fine”.",
        ),
        Text(
            nb="Gi konkret tilbakemelding og ansvarliggjør: personen eier både prosessen og utfallet.",
            sv="Ge konkret återkoppling och utkräv ansvar: personen äger både processen och utfallet.",
            en="Give concrete feedback and hold the person accountable: they own both the process and the outcome.",
        ),
    ),
    follow_up=Text(
        nb="Om 2 uker: gå gjennom tallene mot den nye forventningen – uten å senke standarden.",
        sv="Om 2 veckor: gå igenom siffrorna mot den nya förväntan – utan att sänka standarden.",
        en="In 2 weeks: review the numbers against the new expectation – without lowering the standard.",
    ),
)

_SELF_DRIVEN: Final = CaseTexts(
    reasoning=Text(
        nb="Kompetent og selvgående: ingen av de fire vurderingspunktene svikter. Hold balansen og deleger – gi ansvar og rom, men behold kravene og oppfølgingen.",
        sv="Kompetent och självgående: ingen av de fyra bedömningspunkterna sviktar. Håll balansen och delegera – ge ansvar och utrymme, men behåll kraven och uppföljningen.",
        en="Competent and self-driven: none of the four assessment points is failing. Keep the balance and delegate – give ownership and room, but keep the demands and the follow-up.",
    ),
    example=Text(
        nb="Du har dette. Kom med forslag – vi justerer.",
        sv="Du har koll på det här. Kom med förslag – vi justerar.",
        en="You've got this. Come up with a proposal – we'll adjust.",
    ),
    actions=(
        Text(
            nb="Deleger et tydelig ansvar, og la personen foreslå hvordan det skal løses.",
            sv="Delegera ett tydligt ansvar och låt personen föreslå hur det ska lösas.",
            en="Delegate a clear area of responsibility and let the person propose how to handle it.",
        ),
        Text(
            nb="Hold den faste oppfølgingen, men kortere: resultater, læring og neste steg.",
            sv="Behåll den fasta uppföljningen men gör den kortare: resultat, lärdomar och nästa steg.",
            en="Keep regular follow-up, but shorter: results, lessons and next steps.",
        ),
        Text(
            nb="Gi en ny utfordring som strekker personen – de beste selgerne vil vokse.",
            sv="Ge en ny utmaning som får personen att växa – de bästa säljarna vill utvecklas.",
            en="Give a new challenge that stretches the person – the best sellers want to grow.",
        ),
    ),
    follow_up=Text(
        nb="Om 2 uker: hva foreslo personen, og hva justerte dere sammen?",
        sv="Om 2 veckor: vad föreslog personen, och vad justerade ni tillsammans?",
        en="In 2 weeks: what did the person propose, and what did you adjust together?",
    ),
)

_NEW: Final = CaseTexts(
    reasoning=Text(
        nb="Ny i jobben: ingen problemer observert ennå, men den som er ny trenger å bli sett og inkludert. Vekt litt mer på relasjonsledelse, og innfør kravene gradvis.",
        sv="Ny på jobbet: inga problem observerade ännu, men den som är ny behöver bli sedd och inkluderad. Väg lite mer mot relationsledarskap och för in kraven gradvis.",
        en="New in the job: no problems observed yet, but someone new needs to be seen and included. Lean a little more on relation leadership and introduce demands gradually.",
    ),
    example=Text(
        nb="Velkommen! Jeg viser deg hvordan vi jobber, og vi følger opp ukentlig.",
        sv="Välkommen! Jag visar dig hur vi arbetar, och vi följer upp varje vecka.",
        en="Welcome! I'll show you how we work, and we'll follow up weekly.",
    ),
    actions=(
        Text(
            nb="Inkluder personen i teamet, og sett av tid til en fast ukentlig samtale.",
            sv="Inkludera personen i teamet och avsätt tid för ett fast samtal varje vecka.",
            en="Include the person in the team and set aside time for a fixed weekly conversation.",
        ),
        Text(
            nb="Gjør forventningene tydelige fra start: resultat, atferd og innsats.",
            sv="Gör förväntningarna tydliga från start: resultat, beteende och insats.",
            en="Make expectations clear from the start: results, behaviour and effort.",
        ),
        Text(
            nb="Vis hvordan det gjøres, og gi konkret tilbakemelding tidlig og ofte.",
            sv="Visa hur det görs och ge konkret återkoppling tidigt och ofta.",
            en="Show how it's done and give concrete feedback early and often.",
        ),
    ),
    follow_up=Text(
        nb="Om 1 uke: kjenner personen seg inkludert, og vet vedkommende hva som forventes?",
        sv="Om 1 vecka: känner sig personen inkluderad, och vet hen vad som förväntas?",
        en="In 1 week: does the person feel included, and do they know what is expected?",
    ),
)

_UNKNOWN: Final = CaseTexts(
    reasoning=Text(
        nb="For lite observert til å stille en diagnose ennå. Start balansert og observer de fire vurderingspunktene: kompetanse, vilje og ansvar, struktur, energi og trygghet.",
        sv="För lite observerat för att ställa en diagnos ännu. Börja balanserat och observera de fyra bedömningspunkterna: kompetens, vilja och ansvar, struktur, energi och trygghet.",
        en="Too little observed to make a diagnosis yet. Start balanced and observe the four assessment points: competence, will and ownership, structure, energy and safety.",
    ),
    example=Text(
        nb="Hvordan går det egentlig? Hva trenger du fra meg for å nå målene dine?",
        sv="Hur går det egentligen? Vad behöver du från mig för att nå dina mål?",
        en="How are things really going? What do you need from me to reach your goals?",
    ),
    actions=(
        Text(
            nb="Kompetanse: kan personen det som kreves? Se vedkommende i arbeid.",
            sv="Kompetens: kan personen det som krävs? Se hen i arbete.",
            en="Competence: can the person do what is required? Watch them at work.",
        ),
        Text(
            nb="Vilje og energi: ta en samtale om motivasjon, ansvar og hvordan personen har det.",
            sv="Vilja och energi: ta ett samtal om motivation, ansvar och hur personen mår.",
            en="Will and energy: talk about motivation, ownership and how the person is doing.",
        ),
        Text(
            nb="Struktur: har personen rutiner og oversikt over status og nøkkeltall?",
            sv="Struktur: har personen rutiner och överblick över status och nyckeltal?",
            en="Structure: does the person have routines and an overview of status and key figures?",
        ),
    ),
    follow_up=Text(
        nb="Om 1 uke: svar på de fire vurderingspunktene og be om nye råd.",
        sv="Om 1 vecka: svara på de fyra bedömningspunkterna och be om nya råd.",
        en="In 1 week: answer the four assessment points and ask for new advice.",
    ),
)

CASES: Final[Mapping[str, CaseTexts]] = MappingProxyType(
    {
        "new_unsure": _NEW_UNSURE,
        "energy": _ENERGY,
        "structure": _STRUCTURE,
        "skill": _SKILL,
        "will": _WILL,
        "comfort": _COMFORT,
        "self_driven": _SELF_DRIVEN,
        "new": _NEW,
        "unknown": _UNKNOWN,
        **SIGNAL_CASES,
    }
)
