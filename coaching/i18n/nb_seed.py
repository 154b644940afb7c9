"""Norwegian bokmål texts of issue 10, part 1 ("never against the seed"): the foundation first in every
zone, the comfort zone as the most dangerous, the seed's leader behaviour behind each zone, the leader
self-view's tiers and profiles, and the coaching dialogue's situations. Merged into nb.MESSAGES; keys and
placeholders must match en_seed.py and sv_seed.py."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # Fundamentet først, i alle soner
    "lever.foundation_first.manager": "få administrasjonsansvaret på plass først – det er fundamentet under brettet. Skaff oversikt over status og nøkkeltall, gjør forventningene tydelige og hold det du lover.",
    "lever.foundation_first.seller": "at administrasjonsansvaret kommer på plass først: oversikt, tydelige prioriteringer og avtaler som holdes. Uten fundamentet er det ingenting å balansere på.",
    "lever.then": "Deretter: {advice}",
    # Komfortsonen er den farligste
    "summary.slide.into_comfort": ":rotating_light: **Haster: teamet har glidd inn i komfortsonen.**",
    "summary.slide.toward_comfort": ":rotating_light: **Haster: teamet glir mot komfortsonen.** Opplevd standard falt med {change} fra uken før, mens tryggheten holdt seg.",
    "summary.slide.why": "Den farligste sonen er ikke stressonen – den er komfortsonen. Den føles god, folk trives og ingen klager, men avdelingen stagnerer, og de beste selgerne – de som har ambisjoner – søker seg vekk.",
    "summary.slide.notice": "Haster: teamet glir mot komfortsonen.",
    # Lederatferden bak sonen (Koblingen mellom modellene)
    "result.behaviour": "Lederatferden som skaper denne sonen, ifølge modellen: **{behaviour}**.",
    "zone.performance.behaviour": "balansert lederskap – kraft på begge sider",
    "zone.comfort.behaviour": "relasjon uten krav",
    "zone.stress.behaviour": "krav uten relasjon",
    "zone.apathy.behaviour": "ingen bevisst ledelse",
    # Lederspeilet: de tre nivåene og profilene
    "self.tier.most": "**De fleste ledere** bruker sin naturlige styrke mest – brettet heller til én side. Slik beskriver modellen profilen ditt brett heller mot:",
    "self.tier.good": "**Gode ledere** finner balansen ut fra hva situasjonen krever.",
    "self.tier.best": "**De beste lederne** trykker hardt på begge sider – brettet bøyer seg, men knekker ikke.",
    "self.profile.balanced.name": "brettet i balanse",
    "self.profile.balanced.text": "Ingen side dominerer. Om du også justerer dosen etter personen og situasjonen, kan et selvbilde ikke vise – det er rådene om enkeltselgere til for. Neste steg mot de beste: trykk hardere på begge sider.",
    # Rådsamtalen: modellens to lister, «Mer ... når»
    "coach.question.relation_when": "**Mer relasjonsledelse når …** Kjenner du igjen noe av dette hos {person}? Velg det som passer best.\n• Presterer under sitt nivå uten klar årsak\n• Teamet har lav energi eller intern friksjon\n• Du har mistet tillit – eller aldri bygget den\n• Endringer skaper uro og usikkerhet",
    "coach.question.system_when": "**Mer systemledelse når …** Kjenner du igjen noe av dette hos {person}? Velg det som passer best.\n• Resultater over tid møter ikke forventningene\n• Usikker på hva som faktisk forventes\n• Det mangler struktur rundt oppfølging og feedback\n• Tror «det går bra» uten at tallene støtter det",
    "coach.choice.relation_when.below_level": "Under sitt nivå",
    "coach.choice.relation_when.team_strain": "Friksjon i teamet",
    "coach.choice.relation_when.trust_lost": "Tilliten er borte",
    "coach.choice.relation_when.change_unrest": "Uro etter endringer",
    "coach.choice.system_when.below_expectations": "Under forventning over tid",
    "coach.choice.system_when.expectations_unclear": "Uklare forventninger",
    "coach.choice.system_when.follow_up_missing": "Mangler oppfølging",
    "coach.choice.system_when.numbers_disagree": "«Går bra» – tallene sier nei",
    "coach.choice.none": "Ingen av disse",
    "coach.field.relation_when": "Mer relasjonsledelse når",
    "coach.field.system_when": "Mer systemledelse når",
    "self.profile.feeds_advice": "Når du ber om råd om en av selgerne dine (`/balanse råd @navn`), minner jeg deg på den blinde flekken til profilen din der rådet krever den andre siden.",
}
