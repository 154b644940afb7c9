"""Plain free text to a pre-filled Situation that the manager then confirms.

"Kari er ny og usikker", "Ola kan, men gidder ikke", "Lisa är erfaren men bekväm", "new and unsure":
keyword rules in nb, sv and en, one set of rules for all three (people mix languages, and nb and sv share
many words). Only what a rule recognises is filled in; everything else stays unknown, and a field whose
rules disagree ("motivert" and "umotivert" about the same person) stays unknown too: never guess.

Negation is handled simply: a negation word among the three words before a match, in the same clause,
flips it ("ikke motivert", "inte motiverad", "not very motivated" -> will low). Clauses end at
punctuation and at "men", "og", "but", "and", … so "ny og usikker" is two observations. Forms that carry
their own negation ("gidder ikke", "bryr sig inte", "doesn't bother") are rules of their own. Slack
markup (user mentions like <@U123>, channels, links) is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from coaching.advice import Situation

_MENTION: Final = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_MARKUP: Final = re.compile(r"<[^>]*>|[*_~`]")
_CLAUSE_END: Final = re.compile(r"[,.;:!?()–—]|\s-\s|\b(?:men|og|eller|but|and|or|och|while|mens|medan)\b")
_WORD: Final = re.compile(r"[\w']+")

_NEGATIONS: Final = frozenset(
    {
        # nb
        "ikke",
        "ikkje",
        "aldri",
        "knapt",
        "ingen",
        # sv
        "inte",
        "aldrig",
        "knappt",
        "inga",
        # en
        "not",
        "never",
        "no",
        "hardly",
        "isn't",
        "aren't",
        "wasn't",
        "doesn't",
        "don't",
        "didn't",
        "nor",
    }
)
# "lite motivert" is "not very motivated" in nb, but "lite motiverad" can be "a little motivated" in sv.
_WEAK_NEGATION: Final = "lite"
_NEGATION_WINDOW: Final = 3


@dataclass(frozen=True, slots=True)
class _Rule:
    field: str
    value: str | bool
    negated: str | bool | None  # the value when negated; None: a negated match says nothing
    pattern: re.Pattern[str]


def _rule(field: str, value: str | bool, negated: str | bool | None, *patterns: str) -> _Rule:
    return _Rule(field, value, negated, re.compile("|".join(f"(?:{p})" for p in patterns)))


# Words after which a bare "kan" / "vil" is a verdict on the person ("Ola kan, men …", "kan og vil").
_END = r"(?=\s*(?:[,.;:!?]|$|men\b|og\b|och\b|but\b))"

_RULES: Final[tuple[_Rule, ...]] = (
    _rule(
        "experience",
        "new",
        "experienced",
        r"\b(?:er|är|helt|ganske|rätt|relativt|forholdsvis|fortsatt|fortfarande|fremdeles)\s+ny\b",
        r"\bny\s+(?:og|och|i|på|selger|säljare|medarbeider|medarbetare|ansatt|anställd|hos\s+oss)\b",
        r"\bny" + _END + r"|\bny\s+(?:lenger|längre)\b",
        r"\bnyansatt\w*|\bnyanställd\w*|\bnybegynner\w*|\bnybörjare\w*|\bfersk\b|\bfärsk\b",
        r"\b(?:nettopp|nylig|nyss|precis|nyligen)\s+(?:begynt|startet|ansatt|kommet|börjat|anställd|kommit)\b",
        r"\buerfaren\b|\boerfaren\b|\binexperienced\b|\bjunior\b|\brookie\b",
        r"\b(?:is|still|very|quite|pretty|fairly|brand)\s+new\b",
        r"\bnew\s+(?:and|to|in|on|hire|starter|joiner|seller|rep|employee|colleague)\b",
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
        r"\bhar vært (?:her|i bransjen|i jobben) lenge\b|\bhar varit (?:här|i branschen) länge\b",
        r"\bbeen here for (?:years|ages|a long time)\b",
    ),
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
        r"\bmangler (?:\w+\s+)?(?:ferdigheter|ferdighetene|kompetanse|kompetansen|kunnskap|kunnskapen|opplæring)\b",
        r"\bsaknar (?:\w+\s+)?(?:färdigheter|färdigheterna|kompetens|kompetensen|kunskap|kunskaper|utbildning)\b",
        r"\blacks? (?:the\s+|some\s+|basic\s+|\w+\s+)?(?:skills?|knowledge|competence|training)\b",
        r"\bkan (?:ikke|ikkje|inte)" + _END,
        r"\bkan (?:ikke|ikkje|inte) (?:det|dette|det här|jobben|jobbet|faget|yrket)\b",
        r"\bkan for lite\b|\bkan för lite\b|\binkompetent\b|\bincompetent\b|\bunskilled\b|\bfaglig svak\b",
        r"\b(?:can't|cannot|can not) do (?:it|this|the job)\b|\b(?:doesn't|does not) know how\b",
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
    _rule(
        "comfort_zone",
        True,
        None,
        r"\bbekvem\b|\bbekväm\b|\bkomfortabel\b|\bcomfortable\b|\bcomplacent\b|\bcoasting\b",
        r"\bkomfortson(?:en|e)\b|\bkomfortzon(?:en|e)?\b|\bcomfort zone\b",
        r"\bleverer (?:ok|greit|helt ok|godt nok)\b|\blevererar (?:ok|okej|helt ok)\b",
        r"\bdelivers (?:ok|okay|fine|just ok)\b",
        r"\bkan mer\b|\b(?:could|can) do (?:more|better)\b",
        r"\bunder (?:sitt |sin )?(?:potensial|potensialet|potential|potentialen|nivå)\b",
        r"\bbelow (?:his |her |their )?(?:potential|level)\b",
        r"\bhviler på laurbærene\b|\bvilar på lagrarna\b|\bresting on (?:his |her |their )?laurels\b",
        r"\bautopilot\b|\bstagnert\b|\bstagnerat\b|\bstagnat(?:ed|ing)\b",
    ),
)


def mentioned_user(text: str) -> str | None:
    """The first Slack user mentioned in the text ("<@U123>" or "<@U123|kari>"), or None."""
    match = _MENTION.search(text)
    return match.group(1) if match else None


def _normalize(text: str) -> str:
    text = _MARKUP.sub(" ", text)
    text = text.replace("’", "'").replace("´", "'").replace("\u00a0", " ")
    return " ".join(text.lower().split())


def _negation(before: str, locale_hint: str | None) -> bool | None:
    """Whether the words right before a match negate it; None when a word makes it ambiguous."""
    clause = _CLAUSE_END.split(before)[-1]
    words = _WORD.findall(clause)[-_NEGATION_WINDOW:]
    if any(word in _NEGATIONS for word in words):
        return True
    if _WEAK_NEGATION in words:
        return None if locale_hint == "sv" else True
    return False


def prefill(text: str, locale_hint: str | None = None) -> Situation:
    """What plain free text says about a person; anything not recognised (or contradictory) stays unknown.

    `locale_hint` is the manager's language; it only settles words that read differently in nb and sv.
    """
    normalized = _normalize(text)
    found: dict[str, set[str | bool]] = {}
    for rule in _RULES:
        for match in rule.pattern.finditer(normalized):
            negated = _negation(normalized[: match.start()], locale_hint)
            if negated is None:
                continue
            value = rule.negated if negated else rule.value
            if value is not None:
                found.setdefault(rule.field, set()).add(value)
    settled = {field: values.pop() for field, values in found.items() if len(values) == 1}
    return Situation(**settled)  # type: ignore[arg-type]
