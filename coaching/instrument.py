"""The 40-item culture survey: what each item measures and how it reads in nb, sv and en.

Items are written from the seller's side. Norwegian bokmål is canonical; Swedish and English follow the
terms in the shared glossary. Item ids are stable: answers are stored against them, so never renumber.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from coaching.locale import Locale


class Axis(StrEnum):
    SAFETY = "safety"
    STANDARD = "standard"
    ADMINISTRATION = "administration"


class Trait(StrEnum):
    """The five traits of a performance culture, in the seed's order."""

    CLEAR_EXPECTATIONS = "clear_expectations"
    CONTINUOUS_FEEDBACK = "continuous_feedback"
    PERSONAL_OWNERSHIP = "personal_ownership"
    SAFETY_STANDARD = "safety_standard"
    SYSTEMATIC_FOLLOW_UP = "systematic_follow_up"


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    trait: Trait
    axis: Axis
    reverse: bool
    anchor: bool
    texts: Mapping[str, str]

    def text(self, locale: Locale | str) -> str:
        return self.texts[locale]


def _item(
    id: str,
    trait: Trait,
    axis: Axis,
    nb: str,
    sv: str,
    en: str,
    *,
    reverse: bool = False,
    anchor: bool = False,
) -> Item:
    return Item(id, trait, axis, reverse, anchor, MappingProxyType({"nb": nb, "sv": sv, "en": en}))


# Short names keep the item table below readable.
_CE: Final = Trait.CLEAR_EXPECTATIONS
_CF: Final = Trait.CONTINUOUS_FEEDBACK
_PO: Final = Trait.PERSONAL_OWNERSHIP
_SS: Final = Trait.SAFETY_STANDARD
_SF: Final = Trait.SYSTEMATIC_FOLLOW_UP
_SAF: Final = Axis.SAFETY
_STD: Final = Axis.STANDARD
_ADM: Final = Axis.ADMINISTRATION

# Ordered so that a full run cycles through the five traits (one item each per round of five) and
# alternates the axes; the two anchors come early, reverse-keyed items are spread out.
ITEMS: Final[tuple[Item, ...]] = (
    # Round 1
    _item(
        "q01",
        _CE,
        _STD,
        nb="Jeg vet nøyaktig hvilke resultater som forventes av meg.",
        sv="Jag vet exakt vilka resultat som förväntas av mig.",
        en="I know exactly what results are expected of me.",
    ),
    _item(
        "q02",
        _CF,
        _SAF,
        nb="Lederen min anerkjenner innsatsen min, ikke bare resultatene.",
        sv="Min chef uppmärksammar min insats, inte bara mina resultat.",
        en="My manager acknowledges my effort, not just my results.",
    ),
    _item(
        "q03",
        _PO,
        _STD,
        nb="Det er tydelig at jeg forventes å eie min egen salgsprosess, ikke bare utfallet.",
        sv="Det är tydligt att jag förväntas äga min egen säljprocess, inte bara utfallet.",
        en="It is clear that I am expected to own my sales process, not just the outcome.",
    ),
    _item(
        "q04",
        _SS,
        _SAF,
        nb="I teamet vårt kan jeg feile, si fra og be om hjelp uten at det koster meg noe.",
        sv="I vårt team kan jag göra misstag, säga ifrån och be om hjälp utan att det kostar mig något.",
        en="In our team I can fail, speak up and ask for help without it costing me anything.",
        anchor=True,
    ),
    _item(
        "q05",
        _SF,
        _ADM,
        nb="Lederen min har løpende oversikt over teamets status og nøkkeltall.",
        sv="Min chef har hela tiden koll på teamets status och nyckeltal.",
        en="My manager always has an up-to-date overview of the team's status and key figures.",
    ),
    # Round 2
    _item(
        "q06",
        _CE,
        _ADM,
        nb="Jeg vet hva som er viktigst å prioritere denne uken.",
        sv="Jag vet vad som är viktigast att prioritera den här veckan.",
        en="I know what my top priorities are this week.",
    ),
    _item(
        "q07",
        _CF,
        _STD,
        nb="Lederen min gir meg konkret, faglig tilbakemelding som jeg kan bruke i neste kundemøte.",
        sv="Min chef ger mig konkret återkoppling på mitt arbete som jag kan använda i nästa kundmöte.",
        en="My manager gives me concrete, practical feedback I can use in my next customer meeting.",
    ),
    _item(
        "q08",
        _PO,
        _SAF,
        nb="I teamet vårt lønner det seg å holde lav profil fremfor å ta ansvar.",
        sv="I vårt team lönar det sig att hålla en låg profil i stället för att ta ansvar.",
        en="In our team it pays to keep your head down rather than take ownership.",
        reverse=True,
    ),
    _item(
        "q09",
        _SS,
        _STD,
        nb="I teamet vårt stilles det tydelige krav, og innsats og resultater betyr noe.",
        sv="I vårt team ställs det tydliga krav, och insats och resultat spelar roll.",
        en="In our team there are clear demands, and effort and results matter.",
        anchor=True,
    ),
    _item(
        "q10",
        _SF,
        _SAF,
        nb="I oppfølgingssamtalene med lederen min kan jeg ta opp det som er vanskelig.",
        sv="I uppföljningssamtalen med min chef kan jag ta upp sådant som är svårt.",
        en="In follow-up meetings with my manager I can raise things that are difficult.",
    ),
    # Round 3
    _item(
        "q11",
        _CE,
        _SAF,
        nb="Når jeg er usikker på hva som forventes av meg, er det greit å spørre lederen min.",
        sv="När jag är osäker på vad som förväntas av mig känns det okej att fråga min chef.",
        en="When I'm unsure what is expected of me, it's fine to ask my manager.",
    ),
    _item(
        "q12",
        _CF,
        _STD,
        nb="I teamet vårt er det normalt å korrigere og bli korrigert.",
        sv="I vårt team är det naturligt att korrigera och bli korrigerad.",
        en="In our team it is normal to correct others and to be corrected.",
    ),
    _item(
        "q13",
        _PO,
        _ADM,
        nb="Det er tydelig hvem i teamet som har ansvar for hva.",
        sv="Det är tydligt vem i teamet som ansvarar för vad.",
        en="It is clear who in the team is responsible for what.",
    ),
    _item(
        "q14",
        _SS,
        _SAF,
        nb="En feil definerer ikke hvordan lederen min ser på meg.",
        sv="Ett misstag avgör inte hur min chef ser på mig.",
        en="A single mistake doesn't define how my manager sees me.",
    ),
    _item(
        "q15",
        _SF,
        _ADM,
        nb="Frister og oppgaver som kunne vært planlagt, kommer ofte overraskende på oss.",
        sv="Deadlines och uppgifter som hade kunnat planeras kommer ofta som en överraskning för oss.",
        en="Deadlines and tasks that could have been planned often take us by surprise.",
        reverse=True,
    ),
    # Round 4
    _item(
        "q16",
        _CE,
        _STD,
        nb="Jeg vet hvilke aktiviteter og hvilken innsats som forventes av meg hver uke.",
        sv="Jag vet vilka aktiviteter och vilken insats som förväntas av mig varje vecka.",
        en="I know what activities and effort are expected of me each week.",
    ),
    _item(
        "q17",
        _CF,
        _SAF,
        nb="Jeg kan gi lederen min kritiske tilbakemeldinger uten at det går ut over meg.",
        sv="Jag kan ge min chef kritisk återkoppling utan att det slår tillbaka på mig.",
        en="I can give my manager critical feedback without it counting against me.",
    ),
    _item(
        "q18",
        _PO,
        _STD,
        nb="Jeg blir holdt ansvarlig for det jeg har sagt at jeg skal gjøre.",
        sv="Jag hålls ansvarig för det jag har sagt att jag ska göra.",
        en="I am held accountable for what I have said I will do.",
    ),
    _item(
        "q19",
        _SS,
        _SAF,
        nb="Lederen min ser meg som menneske, ikke bare som selger.",
        sv="Min chef ser mig som människa, inte bara som säljare.",
        en="My manager sees me as a person, not just as a seller.",
    ),
    _item(
        "q20",
        _SF,
        _STD,
        nb="Lederen min går jevnlig gjennom både aktivitetene og resultatene mine med meg.",
        sv="Min chef går regelbundet igenom både mina aktiviteter och mina resultat med mig.",
        en="My manager regularly goes through both my activities and my results with me.",
    ),
    # Round 5
    _item(
        "q21",
        _CE,
        _ADM,
        nb="Når mål eller prioriteringer endres, får jeg vite det i tide.",
        sv="När mål eller prioriteringar ändras får jag veta det i god tid.",
        en="When goals or priorities change, I hear about it in good time.",
    ),
    _item(
        "q22",
        _CF,
        _STD,
        nb="Lederen min kvier seg for å si fra når jeg leverer under forventning.",
        sv="Min chef drar sig för att ta upp det när jag levererar under förväntan.",
        en="My manager holds back from saying so when I deliver below expectations.",
        reverse=True,
    ),
    _item(
        "q23",
        _PO,
        _SAF,
        nb="Lederen min stoler på at jeg løser oppgavene mine på min egen måte.",
        sv="Min chef litar på att jag löser mina uppgifter på mitt eget sätt.",
        en="My manager trusts me to do my work my own way.",
    ),
    _item(
        "q24",
        _SS,
        _SAF,
        nb="Jeg føler meg inkludert og som en del av teamet.",
        sv="Jag känner mig inkluderad och som en del av teamet.",
        en="I feel included and part of the team.",
    ),
    _item(
        "q25",
        _SF,
        _ADM,
        nb="Det som loves, skjer, og avtaler med lederen min blir holdt.",
        sv="Det som utlovas blir av, och överenskommelser med min chef hålls.",
        en="What is promised happens, and agreements with my manager are kept.",
    ),
    # Round 6
    _item(
        "q26",
        _CE,
        _STD,
        nb="I teamet vårt blir forventningene først tydelige når noen har bommet på dem.",
        sv="I vårt team blir förväntningarna tydliga först när någon har missat dem.",
        en="In our team, expectations only become clear once someone has fallen short of them.",
        reverse=True,
    ),
    _item(
        "q27",
        _CF,
        _ADM,
        nb="Jeg har alltid tilgang til oppdaterte tall på hvordan jeg ligger an.",
        sv="Jag har alltid tillgång till aktuella siffror på hur jag ligger till.",
        en="I always have access to up-to-date figures on how I am doing.",
    ),
    _item(
        "q28",
        _PO,
        _STD,
        nb="I teamet vårt tar vi selv ansvar når noe går galt, i stedet for å skylde på markedet.",
        sv="I vårt team tar vi själva ansvar när något går fel, i stället för att skylla på marknaden.",
        en="In our team we take ownership when things go wrong instead of blaming the market.",
    ),
    _item(
        "q29",
        _SS,
        _SAF,
        nb="Jeg har tillit til at lederen min vil meg vel.",
        sv="Jag litar på att min chef vill mig väl.",
        en="I trust that my manager wants the best for me.",
    ),
    _item(
        "q30",
        _SF,
        _SAF,
        nb="Oppfølgingen fra lederen min føles mer som kontroll enn som omsorg.",
        sv="Uppföljningen från min chef känns mer som kontroll än som omtanke.",
        en="My manager's follow-up feels more like control than care.",
        reverse=True,
    ),
    # Round 7
    _item(
        "q31",
        _CE,
        _STD,
        nb="Forventningene til oss ligger fast og endrer seg ikke med lederens dagsform.",
        sv="Förväntningarna på oss ligger fast och ändras inte med chefens dagsform.",
        en="What is expected of us stays the same and doesn't shift with my manager's mood.",
    ),
    _item(
        "q32",
        _CF,
        _SAF,
        nb="Når lederen min korrigerer meg, opplever jeg det som hjelp og ikke som kritikk.",
        sv="När min chef korrigerar mig upplever jag det som hjälp och inte som kritik.",
        en="When my manager corrects me, it feels like help rather than criticism.",
    ),
    _item(
        "q33",
        _PO,
        _STD,
        nb="Når jeg ikke når målene mine, forventes det at jeg selv kommer med en plan.",
        sv="När jag inte når mina mål förväntas jag själv komma med en plan.",
        en="When I miss my targets, I am expected to come up with a plan myself.",
    ),
    _item(
        "q34",
        _SS,
        _STD,
        nb="I teamet vårt slipper noen unna med mindre innsats enn andre.",
        sv="I vårt team kommer vissa undan med mindre insats än andra.",
        en="In our team some people get away with less effort than others.",
        reverse=True,
    ),
    _item(
        "q35",
        _SF,
        _SAF,
        nb="Når jeg sliter, får jeg tettere støtte fra lederen min, ikke mer press.",
        sv="När jag har det tufft får jag mer stöd från min chef, inte mer press.",
        en="When I'm struggling, my manager gives me closer support, not more pressure.",
    ),
    # Round 8
    _item(
        "q36",
        _CE,
        _STD,
        nb="Lederen min forventer at jeg utvikler meg, ikke bare at jeg leverer som før.",
        sv="Min chef förväntar sig att jag utvecklas, inte bara att jag levererar som vanligt.",
        en="My manager expects me to grow, not just to keep delivering what I always have.",
    ),
    _item(
        "q37",
        _CF,
        _STD,
        nb="Jeg får tilbakemelding fortløpende, ikke bare i medarbeidersamtalen.",
        sv="Jag får återkoppling löpande, inte bara i medarbetarsamtalet.",
        en="I get feedback on an ongoing basis, not just in my performance review.",
    ),
    _item(
        "q38",
        _PO,
        _SAF,
        nb="Når jeg kommer med forslag til hvordan vi kan jobbe bedre, blir de tatt på alvor.",
        sv="När jag kommer med förslag på hur vi kan arbeta bättre tas de på allvar.",
        en="When I suggest how we could work better, my ideas are taken seriously.",
    ),
    _item(
        "q39",
        _SS,
        _SAF,
        nb="I teamet vårt er det tryggest å tie om feil.",
        sv="I vårt team är det säkrast att hålla tyst om misstag.",
        en="In our team it's safest to keep quiet about mistakes.",
        reverse=True,
    ),
    _item(
        "q40",
        _SF,
        _ADM,
        nb="Oppfølgingen i teamet vårt skjer fast og forutsigbart, ikke bare når noe brenner.",
        sv="Uppföljningen i vårt team sker regelbundet och förutsägbart, inte bara när det brinner i knutarna.",
        en="Follow-up in our team happens regularly and predictably, not just when something is on fire.",
    ),
)

ITEMS_BY_ID: Final[Mapping[str, Item]] = MappingProxyType({item.id: item for item in ITEMS})
ANCHORS: Final[tuple[Item, ...]] = tuple(item for item in ITEMS if item.anchor)
