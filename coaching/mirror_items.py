"""The survey items as the manager reads them about themself: the mirror wording for the self-view.

Each item in ``coaching.instrument`` is written from the seller's side ("My manager acknowledges my
effort…"). Its mirror is the same statement seen from the leader's side ("I acknowledge my sellers'
effort…"): same meaning, same trait, same axis and the same keying. A reverse-keyed item stays
reverse-keyed — agreeing with "In my team it's safest to keep quiet about mistakes" is as bad a sign
from the manager as from a seller — so the manager's answers are scored with ``coaching.scoring.score``
exactly like a seller's and the two can be compared item for item, axis for axis.

Norwegian bokmål is canonical; Swedish and English follow the shared glossary. Every text is at most
120 characters, like the seller items. Ids are the instrument's ids and must never be renumbered; every
item of every version (``coaching.instrument.ITEMS_BY_ID``), retired ones too, keeps its mirror.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from coaching.locale import Locale


def _texts(nb: str, sv: str, en: str) -> Mapping[str, str]:
    return MappingProxyType({"nb": nb, "sv": sv, "en": en})


# Version 1 in its order (the items version 2 replaced stay: a self-view started on version 1 finishes
# with them), then the items new in version 2. The comment after each id is its trait, axis and (r) when
# reverse-keyed.
MIRROR: Final[Mapping[str, Mapping[str, str]]] = MappingProxyType(
    {
        # Round 1
        "q01": _texts(  # clear expectations, standard
            nb="Jeg gjør det helt tydelig for hver selger hvilke resultater som forventes av dem.",
            sv="Jag gör det helt tydligt för varje säljare vilka resultat som förväntas av dem.",
            en="I make it completely clear to each seller what results are expected of them.",
        ),
        "q02": _texts(  # continuous feedback, safety
            nb="Jeg anerkjenner selgernes innsats, ikke bare resultatene deres.",
            sv="Jag uppmärksammar säljarnas insats, inte bara deras resultat.",
            en="I acknowledge my sellers' effort, not just their results.",
        ),
        "q03": _texts(  # personal ownership, standard
            nb="Jeg gjør det tydelig at selgerne mine skal eie sin egen salgsprosess, ikke bare utfallet.",
            sv="Jag gör det tydligt att mina säljare ska äga sin egen säljprocess, inte bara utfallet.",
            en="I make it clear that my sellers are expected to own their sales process, not just the outcome.",
        ),
        "q04": _texts(  # safety + standard, safety (anchor)
            nb="I teamet mitt kan selgerne feile, si fra og be om hjelp uten at det koster dem noe.",
            sv="I mitt team kan säljarna göra misstag, säga ifrån och be om hjälp utan att det kostar dem något.",
            en="In my team sellers can fail, speak up and ask for help without it costing them anything.",
        ),
        "q05": _texts(  # systematic follow-up, administration
            nb="Jeg har løpende oversikt over teamets status og nøkkeltall.",
            sv="Jag har hela tiden koll på teamets status och nyckeltal.",
            en="I always have an up-to-date overview of the team's status and key figures.",
        ),
        # Round 2
        "q06": _texts(  # clear expectations, administration
            nb="Jeg sørger for at selgerne mine vet hva som er viktigst å prioritere denne uken.",
            sv="Jag ser till att mina säljare vet vad som är viktigast att prioritera den här veckan.",
            en="I make sure my sellers know what their top priorities are this week.",
        ),
        "q07": _texts(  # continuous feedback, standard
            nb="Jeg gir selgerne mine konkret, faglig tilbakemelding som de kan bruke i neste kundemøte.",
            sv="Jag ger mina säljare konkret återkoppling på deras arbete som de kan använda i nästa kundmöte.",
            en="I give my sellers concrete, practical feedback they can use in their next customer meeting.",
        ),
        "q08": _texts(  # personal ownership, safety (r)
            nb="I teamet mitt lønner det seg å holde lav profil fremfor å ta ansvar.",
            sv="I mitt team lönar det sig att hålla en låg profil i stället för att ta ansvar.",
            en="In my team it pays to keep your head down rather than take ownership.",
        ),
        "q09": _texts(  # safety + standard, standard (anchor)
            nb="Jeg stiller tydelige krav i teamet mitt, og innsats og resultater betyr noe.",
            sv="Jag ställer tydliga krav i mitt team, och insats och resultat spelar roll.",
            en="I set clear demands in my team, and effort and results matter.",
        ),
        "q10": _texts(  # systematic follow-up, safety
            nb="I oppfølgingssamtalene mine kan selgerne ta opp det som er vanskelig.",
            sv="I mina uppföljningssamtal kan säljarna ta upp sådant som är svårt.",
            en="In my follow-up meetings, sellers can raise things that are difficult.",
        ),
        # Round 3
        "q11": _texts(  # clear expectations, safety
            nb="Når selgerne mine er usikre på hva som forventes, er det greit å spørre meg.",
            sv="När mina säljare är osäkra på vad som förväntas känns det okej att fråga mig.",
            en="When my sellers are unsure what is expected, it's fine for them to ask me.",
        ),
        "q12": _texts(  # continuous feedback, standard
            nb="I teamet mitt er det normalt å korrigere og bli korrigert.",
            sv="I mitt team är det naturligt att korrigera och bli korrigerad.",
            en="In my team it is normal to correct others and to be corrected.",
        ),
        "q13": _texts(  # personal ownership, administration
            nb="Jeg har gjort det tydelig hvem i teamet som har ansvar for hva.",
            sv="Jag har gjort det tydligt vem i teamet som ansvarar för vad.",
            en="I have made it clear who in the team is responsible for what.",
        ),
        "q14": _texts(  # safety + standard, safety
            nb="En feil definerer ikke hvordan jeg ser på en selger.",
            sv="Ett misstag avgör inte hur jag ser på en säljare.",
            en="A single mistake doesn't define how I see a seller.",
        ),
        "q15": _texts(  # systematic follow-up, administration (r)
            nb="Frister og oppgaver som jeg kunne ha planlagt, kommer ofte overraskende på teamet mitt.",
            sv="Deadlines och uppgifter som jag hade kunnat planera kommer ofta som en överraskning för mitt team.",
            en="Deadlines and tasks I could have planned often take my team by surprise.",
        ),
        # Round 4
        "q16": _texts(  # clear expectations, standard
            nb="Selgerne mine vet hvilke aktiviteter og hvilken innsats jeg forventer av dem hver uke.",
            sv="Mina säljare vet vilka aktiviteter och vilken insats jag förväntar mig av dem varje vecka.",
            en="My sellers know what activities and effort I expect of them each week.",
        ),
        "q17": _texts(  # continuous feedback, safety
            nb="Selgerne mine kan gi meg kritiske tilbakemeldinger uten at det går ut over dem.",
            sv="Mina säljare kan ge mig kritisk återkoppling utan att det slår tillbaka på dem.",
            en="My sellers can give me critical feedback without it counting against them.",
        ),
        "q18": _texts(  # personal ownership, standard
            nb="Jeg holder selgerne mine ansvarlige for det de har sagt at de skal gjøre.",
            sv="Jag håller mina säljare ansvariga för det de har sagt att de ska göra.",
            en="I hold my sellers accountable for what they have said they will do.",
        ),
        "q19": _texts(  # safety + standard, safety
            nb="Jeg ser selgerne mine som mennesker, ikke bare som selgere.",
            sv="Jag ser mina säljare som människor, inte bara som säljare.",
            en="I see my sellers as people, not just as sellers.",
        ),
        "q20": _texts(  # systematic follow-up, standard
            nb="Jeg går jevnlig gjennom både aktivitetene og resultatene med hver selger.",
            sv="Jag går regelbundet igenom både aktiviteter och resultat med varje säljare.",
            en="I regularly go through both activities and results with each seller.",
        ),
        # Round 5
        "q21": _texts(  # clear expectations, administration
            nb="Når mål eller prioriteringer endres, sørger jeg for at selgerne får vite det i tide.",
            sv="När mål eller prioriteringar ändras ser jag till att säljarna får veta det i god tid.",
            en="When goals or priorities change, I make sure my sellers hear about it in good time.",
        ),
        "q22": _texts(  # continuous feedback, standard (r)
            nb="Jeg kvier meg for å si fra når en selger leverer under forventning.",
            sv="Jag drar mig för att ta upp det när en säljare levererar under förväntan.",
            en="I hold back from saying so when a seller delivers below expectations.",
        ),
        "q23": _texts(  # personal ownership, safety
            nb="Jeg stoler på at selgerne mine løser oppgavene sine på sin egen måte.",
            sv="Jag litar på att mina säljare löser sina uppgifter på sitt eget sätt.",
            en="I trust my sellers to do their work their own way.",
        ),
        "q24": _texts(  # safety + standard, safety
            nb="Jeg sørger for at hver selger føler seg inkludert og som en del av teamet.",
            sv="Jag ser till att varje säljare känner sig inkluderad och som en del av teamet.",
            en="I make sure every seller feels included and part of the team.",
        ),
        "q25": _texts(  # systematic follow-up, administration
            nb="Det jeg lover, skjer, og avtalene jeg gjør med selgerne mine, holder jeg.",
            sv="Det jag lovar blir av, och överenskommelser jag gör med mina säljare håller jag.",
            en="What I promise happens, and I keep the agreements I make with my sellers.",
        ),
        # Round 6
        "q26": _texts(  # clear expectations, standard (r)
            nb="Forventningene mine blir først tydelige for selgerne når noen har bommet på dem.",
            sv="Mina förväntningar blir tydliga för säljarna först när någon har missat dem.",
            en="My expectations only become clear to my sellers once someone has fallen short of them.",
        ),
        "q27": _texts(  # continuous feedback, administration
            nb="Jeg sørger for at selgerne mine alltid har oppdaterte tall på hvordan de ligger an.",
            sv="Jag ser till att mina säljare alltid har aktuella siffror på hur de ligger till.",
            en="I make sure my sellers always have up-to-date figures on how they are doing.",
        ),
        "q28": _texts(  # personal ownership, standard
            nb="I teamet mitt tar vi selv ansvar når noe går galt, i stedet for å skylde på markedet.",
            sv="I mitt team tar vi själva ansvar när något går fel, i stället för att skylla på marknaden.",
            en="In my team we take ownership when things go wrong instead of blaming the market.",
        ),
        "q29": _texts(  # safety + standard, safety
            nb="Selgerne mine har tillit til at jeg vil dem vel.",
            sv="Mina säljare litar på att jag vill dem väl.",
            en="My sellers trust that I want the best for them.",
        ),
        "q30": _texts(  # systematic follow-up, safety (r)
            nb="Oppfølgingen min føles for selgerne mer som kontroll enn som omsorg.",
            sv="Min uppföljning känns för säljarna mer som kontroll än som omtanke.",
            en="My follow-up feels more like control than care to my sellers.",
        ),
        # Round 7
        "q31": _texts(  # clear expectations, standard
            nb="Forventningene mine til teamet ligger fast og endrer seg ikke med dagsformen min.",
            sv="Mina förväntningar på teamet ligger fast och ändras inte med min dagsform.",
            en="What I expect of the team stays the same and doesn't shift with my mood.",
        ),
        "q32": _texts(  # continuous feedback, safety
            nb="Når jeg korrigerer en selger, opplever selgeren det som hjelp og ikke som kritikk.",
            sv="När jag korrigerar en säljare upplever säljaren det som hjälp och inte som kritik.",
            en="When I correct a seller, it feels like help to them rather than criticism.",
        ),
        "q33": _texts(  # personal ownership, standard
            nb="Når en selger ikke når målene sine, forventer jeg at selgeren selv kommer med en plan.",
            sv="När en säljare inte når sina mål förväntar jag mig att säljaren själv kommer med en plan.",
            en="When a seller misses their targets, I expect them to come up with a plan themselves.",
        ),
        "q34": _texts(  # safety + standard, standard (r)
            nb="I teamet mitt slipper noen unna med mindre innsats enn andre.",
            sv="I mitt team kommer vissa undan med mindre insats än andra.",
            en="In my team some people get away with less effort than others.",
        ),
        "q35": _texts(  # systematic follow-up, safety
            nb="Når en selger sliter, gir jeg tettere støtte, ikke mer press.",
            sv="När en säljare har det tufft ger jag mer stöd, inte mer press.",
            en="When a seller is struggling, I give closer support, not more pressure.",
        ),
        # Round 8
        "q36": _texts(  # clear expectations, standard
            nb="Jeg forventer at selgerne mine utvikler seg, ikke bare at de leverer som før.",
            sv="Jag förväntar mig att mina säljare utvecklas, inte bara att de levererar som vanligt.",
            en="I expect my sellers to grow, not just to keep delivering what they always have.",
        ),
        "q37": _texts(  # continuous feedback, standard
            nb="Jeg gir tilbakemelding fortløpende, ikke bare i medarbeidersamtalen.",
            sv="Jag ger återkoppling löpande, inte bara i medarbetarsamtalet.",
            en="I give feedback on an ongoing basis, not just in performance reviews.",
        ),
        "q38": _texts(  # personal ownership, safety
            nb="Når selgerne mine kommer med forslag til hvordan vi kan jobbe bedre, tar jeg dem på alvor.",
            sv="När mina säljare kommer med förslag på hur vi kan arbeta bättre tar jag dem på allvar.",
            en="When my sellers suggest how we could work better, I take their ideas seriously.",
        ),
        "q39": _texts(  # safety + standard, safety (r)
            nb="I teamet mitt er det tryggest å tie om feil.",
            sv="I mitt team är det säkrast att hålla tyst om misstag.",
            en="In my team it's safest to keep quiet about mistakes.",
        ),
        "q40": _texts(  # systematic follow-up, administration
            nb="Oppfølgingen min skjer fast og forutsigbart, ikke bare når noe brenner.",
            sv="Min uppföljning sker regelbundet och förutsägbart, inte bara när det brinner i knutarna.",
            en="My follow-up happens regularly and predictably, not just when something is on fire.",
        ),
        # Version 2: the items written anew, in the order they are asked (each takes the place of the
        # version-1 item named in coaching.items_current)
        "q03v2": _texts(  # personal ownership, standard
            nb="Jeg holder selgerne mine ansvarlige for hvordan de har jobbet, ikke bare for resultatet.",
            sv="Jag håller mina säljare ansvariga för hur de har arbetat, inte bara för resultatet.",
            en="I hold my sellers to account for how they work, not just for their results.",
        ),
        "q04v2": _texts(  # safety + standard, safety (anchor)
            nb="I teamet mitt kan selgerne feile uten at det koster dem noe.",
            sv="I mitt team kan säljarna göra misstag utan att det kostar dem något.",
            en="In my team sellers can fail without it costing them anything.",
        ),
        "q09v2": _texts(  # safety + standard, standard (anchor)
            nb="I teamet mitt stilles det faktisk krav til hver enkelt selger.",
            sv="I mitt team ställs det verkliga krav på varje säljare.",
            en="In my team real demands are made of every seller.",
        ),
        "q12v2": _texts(  # continuous feedback, standard
            nb="I teamet mitt er det vanlig å bli korrigert underveis.",
            sv="I mitt team är det vanligt att bli korrigerad under arbetets gång.",
            en="In my team it is normal to be corrected along the way.",
        ),
        "q14v2": _texts(  # safety + standard, safety
            nb="Etter at en selger har gjort en feil, behandler jeg selgeren som før.",
            sv="När en säljare har gjort ett misstag behandlar jag säljaren precis som förut.",
            en="After a seller has made a mistake, I treat the seller the same as before.",
        ),
        "q45": _texts(  # clear expectations, standard
            nb="Det jeg forventer av selgerne mine, følger jeg opp i praksis.",
            sv="Det jag förväntar mig av mina säljare följer jag upp i praktiken.",
            en="What I expect of my sellers, I follow up in practice.",
        ),
        "q20v2": _texts(  # systematic follow-up, standard
            nb="Jeg går jevnlig gjennom resultatene til selgerne mine sammen med dem.",
            sv="Jag går regelbundet igenom mina säljares resultat tillsammans med dem.",
            en="I regularly go through my sellers' results with them.",
        ),
        "q22v2": _texts(  # continuous feedback, standard
            nb="Når en selger leverer under det som er avtalt, tar jeg det opp med selgeren.",
            sv="När en säljare levererar under det vi har kommit överens om tar jag upp det med säljaren.",
            en="When a seller delivers less than we agreed, I raise it with the seller.",
        ),
        "q41": _texts(  # personal ownership, safety
            nb="Jeg hjelper selgerne mine å se hvorfor jobben deres betyr noe.",
            sv="Jag hjälper mina säljare att se varför deras arbete spelar roll.",
            en="I help my sellers see why their work matters.",
        ),
        "q43": _texts(  # safety + standard, safety
            nb="I teamet mitt kan selgerne innrømme at de ikke kan noe, uten å bli sett ned på.",
            sv="I mitt team kan säljarna erkänna att de inte kan något utan att någon ser ner på dem.",
            en="In my team sellers can admit they don't know something without being looked down on.",
        ),
        "q25v2": _texts(  # systematic follow-up, administration
            nb="Det jeg lover selgerne mine, blir gjort.",
            sv="Det jag lovar mina säljare blir gjort.",
            en="What I promise my sellers gets done.",
        ),
        "q46": _texts(  # clear expectations, standard (r)
            nb="I teamet mitt spiller det ingen rolle om man gjør det som forventes.",
            sv="I mitt team spelar det ingen roll om man gör det som förväntas.",
            en="In my team it makes no difference whether you do what is expected.",
        ),
        "q44": _texts(  # safety + standard, safety
            nb="I teamet mitt kan selgerne si fra om problemer uten at det går ut over dem.",
            sv="I mitt team kan säljarna säga ifrån om problem utan att det slår tillbaka på dem.",
            en="In my team sellers can speak up about problems without it counting against them.",
        ),
        "q42": _texts(  # clear expectations, standard
            nb="Jeg forklarer selgerne mine hvorfor vi har de målene vi har.",
            sv="Jag förklarar för mina säljare varför vi har de mål vi har.",
            en="I explain to my sellers why we have the targets we have.",
        ),
        "q47": _texts(  # systematic follow-up, safety
            nb="Når selgerne mine sliter, kan de be meg om hjelp uten at det blir holdt mot dem.",
            sv="När mina säljare har det tufft kan de be mig om hjälp utan att det läggs dem till last.",
            en="When my sellers are struggling, they can ask me for help without it being held against them.",
        ),
    }
)


def mirror_text(item_id: str, locale: Locale | str) -> str:
    """The manager's mirror wording of one item; KeyError for an unknown item id or locale."""
    try:
        return MIRROR[item_id][locale]
    except KeyError:
        raise KeyError(f"no mirror text for item {item_id!r} in locale {locale!r}") from None
