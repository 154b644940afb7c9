"""The keyword rules behind coaching.observations.prefill, in nb, sv and en, one table for all three.

Each rule sets one Situation field to a value (and, when a negation word comes right before the match, to
its `negated` value, or to nothing). Rules are tried in table order. The seed's situations are phrases
("usikre på hva som faktisk forventes", "mangler struktur rundt oppfølging og feedback", "lav energi i
teamet"): their rules come first and *consume* the words they matched, so a shorter rule further down
cannot read the same words again as something else ("usikker" as low confidence, "mangler struktur" as
failing structure, "lav energi" as the person's own energy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Rule:
    field: str
    value: str | bool
    negated: str | bool | None  # the value when negated; None: a negated match says nothing
    pattern: re.Pattern[str]
    consumes: bool  # the matched words are read by no later rule


def _rule(
    field: str, value: str | bool, negated: str | bool | None, *patterns: str, consumes: bool = False
) -> Rule:
    return Rule(field, value, negated, re.compile("|".join(f"(?:{p})" for p in patterns)), consumes)


# Words after which a bare "kan" / "vil" is a verdict on the person ("Ola kan, men …", "kan og vil").
_END = r"(?=\s*(?:[,.;:!?]|$|men\b|og\b|och\b|but\b))"
_SENTENCE = r"[^.!?]{0,60}"  # within the same sentence, not too far
_CHANGE = (
    r"(?:omorganiser\w*|endring\w*|sammenslåing\w*|fusjon\w*|nedbemanning\w*|lederbytte\w*"
    r"|omorganisation\w*|förändring\w*|sammanslagning\w*|fusion\w*|neddragning\w*|chefsbyte\w*"
    r"|reorgani[sz]\w*|reorg\b|changes?\b|merger\w*|restructur\w*|layoffs?)"
)
_UNREST = (
    r"(?:uro\b|urolig\w*|usikkerhet\w*|utrygg\w*|motløs\w*|frustrert\w*"
    r"|oro\b|orolig\w*|osäkerhet\w*|otrygg\w*|uppgiven\w*|frustrerad\w*"
    r"|unrest|unsettled|uncertainty|demorali[sz]ed|frustrated"
    r"|(?:mistet|tapt|tappat|lost) (?:\w+ )?(?:gnisten|motivasjonen|engasjementet|lysten|gnistan|motivationen"
    r"|engagemanget|lusten|spark|drive|motivation|mojo))"
)
_LOST_SPARK = (
    r"\b(?:mistet|tapt) (?:\w+ )?(?:gnisten|motivasjonen|engasjementet|lysten|driven)\b",
    r"\btappat (?:\w+ )?(?:gnistan|motivationen|engagemanget|lusten)\b",
    r"\blost (?:his |her |their )?(?:spark|drive|motivation|mojo)\b",
)

RULES: Final[tuple[Rule, ...]] = (
    # -- the seed's "Mer systemledelse når..." --------------------------------------------------------
    _rule(
        "system_when",
        "expectations_unclear",
        None,
        r"\b(?:usikker|usikre) på hva som (?:faktisk |egentlig )?(?:forventes|er forventet|kreves)\b",
        r"\bvet (?:ikke|ikkje) (?:helt |egentlig )?hva som (?:faktisk |egentlig )?forventes\b",
        r"\b(?:utydelige|uklare) forventninger\b|\buklart hva som forventes\b",
        r"\b(?:osäker|osäkra) på vad som (?:faktiskt |egentligen )?(?:förväntas|krävs)\b",
        r"\bvet inte (?:riktigt |egentligen )?vad som (?:faktiskt |egentligen )?förväntas\b",
        r"\botydliga förväntningar\b|\boklart vad som förväntas\b",
        r"\b(?:unsure|unclear|uncertain|not sure|confused) (?:about |of )?what(?:'s| is) (?:actually |really )?expected\b",
        r"\b(?:doesn't|does not|don't|do not) (?:really )?know what(?:'s| is) (?:actually |really )?expected\b",
        r"\bunclear expectations\b",
        consumes=True,
    ),
    _rule(
        "system_when",
        "follow_up_missing",
        None,
        r"\b(?:mangler|ingen|lite|ikke noe) (?:fast |jevnlig |systematisk |ordentlig )?"
        r"(?:oppfølging|struktur (?:rundt|på|for) oppfølging\w*)(?: og (?:feedback|tilbakemelding\w*))?",
        r"\bfølger (?:\w+ )?(?:ikke|sjelden) (?:\w+ )?opp\b|\bfår (?:lite|ingen|sjelden) (?:feedback|tilbakemelding\w*)",
        r"\b(?:saknar|ingen|lite|inte någon) (?:fast |regelbunden |systematisk )?"
        r"(?:uppföljning|struktur (?:kring|för|på) uppföljning\w*)(?: och (?:feedback|återkoppling))?",
        r"\bfölj(?:er)? (?:\w+ )?(?:inte|sällan) upp\b|\bfår (?:lite|ingen|sällan) (?:feedback|återkoppling)",
        r"\bno (?:regular |structured |proper |fixed )?(?:follow[- ]?ups?|one[- ]on[- ]ones?|1:1s?|feedback)\b",
        r"\blacks? (?:a |any )?structure (?:for|around) (?:follow[- ]?ups?|feedback)",
        r"\b(?:rarely|never|don't|do not) follow (?:\w+ )?up\b|\bgets? (?:little|no|hardly any) feedback\b",
        consumes=True,
    ),
    _rule(
        "system_when",
        "numbers_disagree",
        None,
        r"\b(?:tror|mener|synes|føler) (?:at )?det går (?:bra|fint|greit)\b[^.!?]{0,20}\b(?:men|selv om|uten at)\b"
        r"[^.!?]{0,20}\btall",
        r"\btallene (?:sier|viser) noe annet\b|\buten at tallene\b|\btallene støtter (?:det )?(?:ikke|ikkje)\b",
        r"\b(?:tror|tycker|känner) (?:att )?det går (?:bra|fint)\b[^.!?]{0,20}\b(?:men|fast|trots att|utan att)\b"
        r"[^.!?]{0,20}\bsiffr",
        r"\bsiffrorna (?:säger|visar) (?:något|nåt) annat\b|\butan att siffrorna\b",
        r"\b(?:thinks?|believes?|feels?|says?) (?:that )?(?:it's|it is|things are|everything's|everything is) "
        r"(?:going )?(?:fine|well|great|ok|okay)\b[^.!?]{0,20}\b(?:but|though|although|yet)\b[^.!?]{0,20}\bnumbers\b",
        r"\bthe numbers (?:say|tell|show) (?:something else|otherwise|a different story)\b",
        consumes=True,
    ),
    _rule(
        "system_when",
        "below_expectations",
        None,
        r"\bunder (?:forventning(?:ene)?|budsjett(?:et)?|målet|målene|måltallene)\b",
        r"\bnår (?:ikke|ikkje) (?:målene|målet|budsjettet|budsjett)\b|\bbommer på (?:målene|budsjettet)\b",
        r"\bunder (?:förväntan|förväntningarna|budget|budgeten|målet|målen)\b",
        r"\bnår inte (?:målen|målet|budgeten|budget)\b",
        r"\bbelow (?:expectations?|budget|target|targets|quota)\b",
        r"\b(?:missed|misses|missing) (?:\w+ )?(?:targets?|quota|budget)\b",
        r"\b(?:doesn't|does not|didn't|did not) (?:hit|meet|make) (?:\w+ )?(?:targets?|quota|budget)\b",
        consumes=True,
    ),
    # -- the seed's "Mer relasjonsledelse når..." -----------------------------------------------------
    _rule(
        "relation_when",
        "team_strain",
        None,
        r"\b(?:lav|dårlig|låg|low) energi(?:en)? i teamet\b|\bfriksjon\w*|\bfriktion\w*|\bfriction\b",
        r"\b(?:konflikt\w*|gnisninger|dårlig stemning) i teamet\b|\bdårlig stemning\b|\bdålig stämning\b",
        r"\bkonflikt\w* i teamet\b|\b(?:conflicts?|tension) in the team\b",
        r"\blow energy in the team\b|\blow (?:team )?morale\b|\b(?:bad|poor) (?:atmosphere|morale)\b",
        consumes=True,
    ),
    _rule(
        "relation_when",
        "trust_lost",
        None,
        r"\b(?:mistet|tapt) (?:\w+ )?tillit(?:en)?\b|\btilliten (?:\w+ ){0,2}er (?:borte|brutt|svekket|lav)\b",
        r"\bstoler (?:ikke|ikkje) på meg\b|\b(?:ingen|lav) tillit\b|\baldri bygget (?:opp )?(?:noen )?tillit\b",
        r"\b(?:förlorat|tappat) (?:\w+ )?(?:förtroende(?:t)?|tillit(?:en)?)\b",
        r"\b(?:förtroendet|tilliten) (?:\w+ ){0,2}är (?:borta|brutet|svagt|lågt)\b|\blitar inte på mig\b",
        r"\b(?:inget|lågt) förtroende\b",
        r"\blost (?:\w+ )?trust\b|\btrust (?:\w+ ){0,2}is (?:gone|broken|low)\b|\bno trust\b",
        r"\b(?:doesn't|does not|don't|do not) trust me\b|\bnever built (?:any |up )?trust\b",
        consumes=True,
    ),
    _rule(
        "relation_when",
        "change_unrest",
        None,
        rf"{_UNREST}{_SENTENCE}\b{_CHANGE}",
        rf"\b{_CHANGE}{_SENTENCE}{_UNREST}",
    ),
    _rule(
        "relation_when",
        "below_level",
        None,
        r"\bunder (?:sitt|sin|hans|hennes|eget|egen) (?:vanlige |normale |vanliga |normala )?nivå\b",
        r"\b(?:presterer|leverer|selger) (?:dårligere|svakere) enn (?:før|vanlig|normalt|(?:han|hun) pleier)\b",
        r"\bhar dabbet av\b|\b(?:presterar|levererar|säljer) (?:sämre|svagare) än (?:förut|vanligt|normalt)\b",
        r"\bbelow (?:his|her|their) (?:usual |normal )?level\b",
        r"\b(?:performing|selling|doing) (?:worse|less well) than (?:before|usual)\b|\bhas dropped off\b",
        consumes=True,
    ),
    # -- who the person is ----------------------------------------------------------------------------
    _rule(
        "experience",
        "new",
        "experienced",
        r"\b(?:er|är|helt|ganske|rätt|relativt|forholdsvis|fortsatt|fortfarande|fremdeles)\s+ny\b",
        r"\bny\s+(?:og|och|selger|säljare|medarbeider|medarbetare|ansatt|anställd|hos\s+oss)\b",
        r"\bny\s+(?:i|på)\s+(?:jobben|jobbet|teamet|firmaet|företaget|bedriften|bransjen|branschen|rollen|salg|sälj)\b",
        r"\bny" + _END + r"|\bny\s+(?:lenger|längre)\b",
        r"\bnyansatt\w*|\bnyanställd\w*|\bnybegynner\w*|\bnybörjare\w*|\bfersk\b|\bfärsk\b",
        r"\b(?:nettopp|nylig|nyss|precis|nyligen)\s+(?:begynt|startet|ansatt|kommet|börjat|anställd|kommit)\b",
        r"\buerfaren\b|\boerfaren\b|\binexperienced\b|\bjunior\b|\brookie\b",
        r"\b(?:is|still|very|quite|pretty|fairly|brand)\s+new\b",
        r"\bnew\s+(?:and|hire|starter|joiner|seller|rep|employee|colleague)\b",
        r"\bnew\s+(?:to|in|on)\s+(?:the\s+)?(?:job|role|team|company|business|sales|us)\b",
        r"\bnew" + _END + r"|\bnew\s+any\s?more\b",
        r"\b(?:just|recently|newly)\s+(?:started|joined|hired)\b",
    ),
    _rule(
        "experience",
        "experienced",
        "new",
        r"\berfar(?:en|ne)\b|\brutinert\b|\brutinerad\b|\bveteran\w*|\bsenior\b",
        r"\bexperienced\b|\bseasoned\b",
        r"\bmange års erfaring\b|\bmånga års erfarenhet\b|\byears of experience\b",
        r"\bhar vært (?:her|i bransjen|i jobben) (?:lenge|i (?:\d+|mange|flere|ti|femten|tjue) år)\b",
        r"\bhar varit (?:här|i branschen) (?:länge|i (?:\d+|många|flera|tio|femton|tjugo) år)\b",
        r"\bbeen here (?:for )?(?:years|ages|a long time|(?:\d+|many|several|ten|fifteen|twenty) years)\b",
    ),
    # -- the four assessment points -------------------------------------------------------------------
    _rule(
        "competence",
        "high",
        "low",
        r"\bkompetent\b|\bdyktig\b|\bflink\b|\bduktig\b|\bskicklig\b|\bfaglig sterk\b",
        r"\bcompetent\b|\bskilled\b|\bcapable\b",
        r"\b(?:kan|can)" + _END,
        r"\bkan\s+(?:det|dette|det här|jobben|jobbet|faget|yrket|sine saker|sina saker)\b",
        r"\bhar (?:ferdighetene|kompetansen|kunnskapen|färdigheterna|kunskapen)\b",
        r"\bcan do (?:it|this|the job)\b|\bknows (?:the job|how|what (?:he|she|they)(?:'s| is| are) doing)\b",
        r"\bhas the (?:skills|knowledge)\b",
    ),
    _rule(
        "competence",
        "low",
        None,
        r"\bmangler (?:\w+\s+)?(?:ferdigheter|ferdighetene|kompetanse|kompetansen|\w*kunnskap(?:en)?|opplæring)\b",
        r"\bsaknar (?:\w+\s+)?(?:färdigheter|färdigheterna|kompetens|kompetensen|\w*kunskap(?:er)?|utbildning)\b",
        r"\blacks? (?:the\s+|some\s+|basic\s+|\w+\s+)?(?:skills?|knowledge|competence|training)\b",
        r"\bkan (?:ikke|ikkje|inte)" + _END,
        r"\bkan (?:ikke|ikkje|inte) (?:det|dette|det här|jobben|jobbet|faget|yrket)\b",
        r"\b(?:kan|kjenner) (?:ikke|ikkje) (?:\w+ )?(?:produktet|produktene|sortimentet|løsningen|løsningene)\b",
        r"\b(?:kan inte|känner inte till) (?:\w+ )?(?:produkten|produkterna|sortimentet|lösningen|produkt)\b",
        r"\bkan for lite\b|\bkan för lite\b|\binkompetent\b|\bincompetent\b|\bunskilled\b|\bfaglig svak\b",
        r"\b(?:can't|cannot|can not) do (?:it|this|the job)\b|\b(?:doesn't|does not) know how\b",
        r"\b(?:doesn't|does not|don't) know (?:our|the) (?:product|products|offering|range|portfolio)\b",
        r"\bskill gaps?\b",
    ),
    _rule(
        "will",
        "high",
        "low",
        r"\bmotivert\b|\bmotiverad\b|\bmotivated\b|\bengasjert\b|\bengagerad\b|\bengaged\b",
        r"\bselvgående\b|\bsjälvgående\b|\bself[- ]driven\b|\bself[- ]starter\b",
        r"\btar ansvar\b|\btakes? (?:ownership|responsibility)\b|\bivrig\b|\btaggad\b|\bgira\b|\beager\b",
        r"\b(?:vil|vill)" + _END,
    ),
    _rule(
        "will",
        "low",
        "high",
        r"\bumotivert\b|\bomotiverad\b|\bunmotivated\b|\bdemotiver(?:t|ad)\b|\bdemotivated\b",
        r"\b(?:gidder|gidd|gider) (?:ikke|ikkje)\b|\b(?:ikke|ikkje) gidder\b|\bgitter inte\b",
        r"\bbryr (?:seg|sig) (?:ikke|inte)\b|\btar (?:ikke|inte) ansvar\b",
        r"\bunngår ansvar\w*|\bundviker ansvar\w*|\bavoids? (?:responsibility|ownership)\b",
        r"\b(?:lav|låg|low) motiva(?:sjon|tion)\b",
        r"\b(?:mangler|saknar|lacks?) (?:motivasjon|motivation|driv|drive|engasjement|engagemang)\b",
        r"\bvil ikke" + _END + r"|\bvill inte" + _END + r"|\b(?:won't|will not)" + _END,
        r"\b(?:doesn't|does not) bother\b|\b(?:can't|cannot) be bothered\b",
        r"\b(?:doesn't|does not) (?:care|want to)\b|\b(?:doesn't|does not) take (?:ownership|responsibility)\b",
        r"\bdisengaged\b|\blikegyldig\b|\blikgiltig\b|\bindifferent\b|\buengasjert\b|\boengagerad\b",
        *_LOST_SPARK,
    ),
    _rule(
        "confidence",
        "low",
        "high",
        r"\busikker\b|\busikre\b|\butrygg\b|\butmattet\b|\bsliten\b|\boverveldet\b|\butbrent\b",
        r"\bstresset\b|\bnedfor\b|\bengstelig\b",
        r"\bosäker\b|\botrygg\b|\butmattad\b|\btrött\b|\bslutkörd\b|\böverväldigad\b|\butbränd\b",
        r"\bstressad\b|\bnedstämd\b",
        r"\bunsure\b|\binsecure\b|\buncertain\b|\bexhausted\b|\boverwhelmed\b|\bburn(?:t|ed)[- ]out\b",
        r"\bstressed\b|\banxious\b|\bworn out\b|\btired\b|\bnervous\b",
        r"\b(?:lav|låg|low) (?:energi|energy|selvtillit|självförtroende|confidence)\b",
        r"\blacks? (?:confidence|energy)\b",
    ),
    _rule(
        "confidence",
        "high",
        "low",
        r"\btrygg\b|\bselvsikker\b|\bsjälvsäker\b|\bconfident\b|\bself-assured\b",
        r"\bfull av energi\b|\bfull of energy\b|\benergisk\b|\benergetic\b",
    ),
    _rule(
        "structure",
        "failing",
        "ok",
        r"\bingen (?:faste )?(?:rutiner|struktur|system|oversikt|överblick|koll)\b|\binga (?:fasta )?rutiner\b",
        r"\bno (?:routines?|structure|system|overview|plan)\b",
        r"\bmangler (?:\w+\s+)?(?:rutiner|struktur|oversikt|system)\b",
        r"\bsaknar (?:\w+\s+)?(?:rutiner|struktur|överblick|system)\b",
        r"\blacks? (?:\w+\s+)?(?:routines?|structure|overview|organi[sz]ation)\b",
        r"\brotete\b|\brørete\b|\brörig\b|\bkaotisk\b|\bchaotic\b|\bmessy\b|\bdisorgani[sz]ed\b",
        r"\bustrukturert\b|\bostrukturerad\b|\bunstructured\b",
        r"\b(?:dårlig|dålig|poor|bad) (?:struktur|structure|rutiner|routines|oversikt|överblick|overview)\b",
        r"\bhar (?:ikke|ikkje|inte) (?:oversikt|koll|överblick|rutiner|struktur)\b",
        r"\bmister oversikten\b|\btappar överblicken\b|\bloses track\b",
        r"\bglemmer avtaler\b|\bglömmer avtal\b|\bforgets (?:agreements|follow-ups?|meetings)\b",
    ),
    _rule(
        "structure",
        "ok",
        "failing",
        r"\bstrukturert\b|\bstrukturerad\b|\bstructured\b|\borgani[sz]ed\b|\bryddig\b",
        r"\b(?:gode|faste|goda|fasta|good) (?:rutiner|routines)\b|\b(?:god|bra|good) (?:struktur|structure)\b",
        r"\bhar (?:god )?oversikt\b|\bhar (?:bra )?(?:koll|överblick)\b|\bhas (?:a good |an )?overview\b",
        r"\bon top of things\b",
    ),
    # -- the comfort zone: "Erfaren + i komfortsone", "trivsel uten krav" ---------------------------------
    _rule(
        "comfort_zone",
        True,
        None,
        r"\bbekvem\b|\bbekväm\b|\bkomfortabel\b|\bcomfortable\b|\bcomplacent\b|\bcoasting\b",
        r"\bkomfortson(?:en|e)\b|\bkomfortzon(?:en|e)?\b|\bcomfort zone\b",
        r"\bleverer (?:ok|greit|helt ok|godt nok)\b|\blevererar (?:ok|okej|helt ok)\b",
        r"\bdelivers (?:ok|okay|fine|just ok)\b",
        r"\bleverer (?:akkurat|bare|så vidt) (?:nok|det (?:som )?(?:trengs|kreves))\b",
        r"\bgjør (?:akkurat|bare) (?:nok|det (?:som )?(?:trengs|kreves)|det minste)\b",
        r"\blevererar (?:precis|bara|knappt) (?:tillräckligt|det som krävs)\b",
        r"\bgör (?:precis|bara) (?:tillräckligt|det som krävs|det minsta)\b",
        r"\b(?:does|delivers|doing) (?:just|only|the bare) (?:enough|minimum)\b|\bdoes the (?:bare )?minimum\b",
        r"\btrivsel (?:uten|utan) krav\b|\bcomfort without demands\b",
        r"\bkan mer\b|\b(?:could|can) do (?:more|better)\b",
        r"\bhviler på laurbærene\b|\bvilar på lagrarna\b|\bresting on (?:his |her |their )?laurels\b",
        r"\bautopilot\b|\bstagnert\b|\bstagnerat\b|\bstagnat(?:ed|ing)\b",
    ),
)
