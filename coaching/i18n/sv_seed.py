"""Swedish texts of issue 10, part 1 ("never against the seed"). Merged into sv.MESSAGES; keys and
placeholders must match nb_seed.py (canonical) and en_seed.py."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # Grunden först, i alla zoner
    "lever.foundation_first.manager": "få det administrativa ansvaret på plats först – det är grunden under brädan. Skaffa överblick över status och nyckeltal, gör förväntningarna tydliga och håll det du lovar.",
    "lever.foundation_first.seller": "att det administrativa ansvaret kommer på plats först: överblick, tydliga prioriteringar och överenskommelser som hålls. Utan grunden finns det inget att balansera på.",
    "lever.then": "Sedan: {advice}",
    # Komfortzonen är den farligaste
    "summary.slide.into_comfort": ":rotating_light: **Brådskande: teamet har glidit in i komfortzonen.**",
    "summary.slide.toward_comfort": ":rotating_light: **Brådskande: teamet glider mot komfortzonen.** Upplevd standard sjönk med {change} från veckan innan, medan tryggheten höll i sig.",
    "summary.slide.why": "Den farligaste zonen är inte stresszonen – det är komfortzonen. Den känns bra, folk trivs och ingen klagar, men avdelningen stagnerar, och de bästa säljarna – de som har ambitioner – söker sig bort.",
    "summary.slide.notice": "Brådskande: teamet glider mot komfortzonen.",
    # Ledarbeteendet bakom zonen (Kopplingen mellan modellerna)
    "result.behaviour": "Ledarbeteendet som skapar den här zonen, enligt modellen: **{behaviour}**.",
    "zone.performance.behaviour": "balanserat ledarskap – kraft på båda sidor",
    "zone.comfort.behaviour": "relation utan krav",
    "zone.stress.behaviour": "krav utan relation",
    "zone.apathy.behaviour": "inget medvetet ledarskap",
    # Ledarspegeln: de tre nivåerna och profilerna
    "self.tier.most": "**De flesta ledare** använder sin naturliga styrka mest – brädan lutar åt ena sidan. Så här beskriver modellen profilen som din bräda lutar mot:",
    "self.tier.good": "**Bra ledare** hittar balansen utifrån vad situationen kräver.",
    "self.tier.best": "**De bästa ledarna** trycker hårt på båda sidor – brädan böjer sig men knäcks inte.",
    "self.profile.balanced.name": "brädan i balans",
    "self.profile.balanced.text": "Ingen sida dominerar. Om du också justerar dosen efter person och situation kan en självbild inte visa – det är råden om enskilda säljare till för. Nästa steg mot de bästa: tryck hårdare på båda sidor.",
    # Rådsamtalet: modellens två listor, ”Mer ... när”
    "coach.question.relation_when": "**Mer relationsledarskap när …** Känner du igen något av detta hos {person}? Välj det som passar bäst.\n• Presterar under sin nivå utan tydlig orsak\n• Teamet har låg energi eller intern friktion\n• Du har förlorat förtroendet – eller aldrig byggt det\n• Förändringar skapar oro och osäkerhet",
    "coach.question.system_when": "**Mer systemledarskap när …** Känner du igen något av detta hos {person}? Välj det som passar bäst.\n• Resultaten möter inte förväntningarna över tid\n• Osäker på vad som faktiskt förväntas\n• Det saknas struktur kring uppföljning och återkoppling\n• Tror att ”det går bra” utan att siffrorna stöder det",
    "coach.choice.relation_when.below_level": "Under sin nivå",
    "coach.choice.relation_when.team_strain": "Friktion i teamet",
    "coach.choice.relation_when.trust_lost": "Förtroendet är borta",
    "coach.choice.relation_when.change_unrest": "Oro efter förändringar",
    "coach.choice.system_when.below_expectations": "Under förväntan över tid",
    "coach.choice.system_when.expectations_unclear": "Otydliga förväntningar",
    "coach.choice.system_when.follow_up_missing": "Saknar uppföljning",
    "coach.choice.system_when.numbers_disagree": "Siffrorna säger emot",
    "coach.choice.none": "Inget av detta",
    "coach.field.relation_when": "Mer relationsledarskap när",
    "coach.field.system_when": "Mer systemledarskap när",
    "self.profile.feeds_advice": "När du ber om råd om en av dina säljare (`/balanse råd @namn`) påminner jag dig om din profils blinda fläck där rådet kräver den andra sidan.",
}
