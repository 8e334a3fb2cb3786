"""Targets in running text: a change, the year it is due, and what it is about.

A page's text is read sentence by sentence (lines joined, so a sentence wrapped over lines
is one). In a sentence, every *change* is found first: a percentage change with its verb
("reduce ... by 42%", "a 50% reduction", "降低 8%"), halve / double / "by one-third", a
share or level ("100% renewable electricity", "35%", "RE100"), a bound ("not higher than
1.365", "不高于"), zero ("zero accidents"), net zero / carbon neutrality, an amount
("$750bn"). Then every *target year* ("by 2030", "2023 target", "Target 2030:", "到2030年",
"2030年前") goes to the change before it (or, in the Chinese and "By 2030, ..." order,
after it); a change with two years is two targets; clauses of one list of verbs share the
year at its end ("reducing emissions by 50%, increasing energy efficiency by 25% and ... to
46% by 2030"). A change without a year is kept only when a commitment introduces a bound,
a zero or an expected change. A sentence without a commitment word, or about someone else's
goal, gives nothing, and a change in the past tense ("we reduced ... by 12% in 2022") is a
result, not a target.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from esgtrace.catalogue import fold_chinese, metric
from esgtrace.ingest.model import Document, Page
from esgtrace.targets.vocabulary import Subject, Vocabulary, vocabulary

NUM = r"\d(?:[\d,]*\d)?(?:\.\d+)?"
_PCT = r"\s?(?:%|per\s*cent\b|percent\b)"
_APPROX = r"(?:(?:at\s+least|about|around|approximately|roughly|more\s+than|over|up\s+to|a\s+further|further)\s+)?"
_DOWN = r"reduc\w*|cut(?:s|ting)?|lower\w*|decreas\w*|abat\w*|shrink\w*|halv\w*"
_UP = r"increas\w*|rais\w*|grow\w*|boost\w*|expand\w*|improv\w*"
_ZH_DOWN = r"降低|减少|下降|削减|减排|压降|降"
_ZH_UP = r"提高|提升|增加|增长"

_NOT_NOUN = r"(?:by|in|of|to|and|the|for|from|with|across|as|is|was|has|its|this|thus|plus|towards|us|always|less|unless|per|whereas|its)\b"
_COUNT_UNIT = (rf"(?:MWp?|GWp?|kWp?|units?|(?:(?!{_NOT_NOUN})[A-Za-z][\w’'-]*\s+(?:(?:and|or)\s+(?=[a-z][\w’'-]*\s+[A-Za-z]))?){{0,4}}?(?!{_NOT_NOUN})"
               r"(?:[A-Za-z][\w’'-]*s|people|children|staff|personnel|women|men))\b")
_COUNT = (rf"(?P<approx>(?:a\s+minimum\s+of|at\s+least|more\s+than|over|up\s+to|about|around|approximately)\s+)?(?P<n>{NUM})(?!\s*(?:%|per\s*cent|percent)|\d|[.,]\d)"
          rf"\s*(?P<mag>million|billion|thousand|bn|(?-i:M|B)(?=\s))?\s*(?P<unit>{_COUNT_UNIT})?")
# (regex, form) in the order they are tried; a later form never overlaps an earlier match
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.I), form)
    for p, form in (
        # (the object may hold an initialism's points: "employees in the U.S. by 50%")
        (rf"\b(?P<verb>{_DOWN}|{_UP})\b(?P<mid>(?:[^.;:%]|(?<=\b[A-Z])\.){{0,130}}?)\bby\s+{_APPROX}(?P<n>{NUM}){_PCT}", "verb-pct"),
        (rf"\b(?P<verb>{_DOWN}|{_UP})\s+(?P<mid>)(?P<n>{NUM}){_PCT}", "verb-pct"),
        # "reduce our plastic packaging 12% by 2027": the object between the verb and its figure
        (rf"\b(?P<verb>{_DOWN}|{_UP})\s+(?P<mid>(?:(?:(?!(?:to|from|at|by|than|with|was|were|is|are)\b)(?!of\s+\d)[A-Za-z][\w'’-]*|scopes?\s*[123](?:\s*(?:,|and|&|\+|/)\s*(?:scope\s*)?[123])*)\s+){{1,7}}?)(?P<n>{NUM}){_PCT}"
         r"(?=\s+(?:by|in|before|from|below|compared|against|vs|relative|over|on)\b|\s*[(,;]|\.(?:\s|$)|$)", "verb-pct"),
        # "by 20% or more in 2026 and by 40% or more in 2031": the second figure of the verb before
        (rf"(?:\band|\bor|,)\s+by\s+{_APPROX}(?P<n>{NUM}){_PCT}", "verb-pct-more"),
        (rf"\b(?P<verb>{_DOWN})\b(?P<mid>[^.;:%]{{0,90}}?)\bby\s+(?:more\s+than\s+|over\s+|at\s+least\s+|about\s+|around\s+)?(?P<frac>(?:one[- ])?half|(?:a|one)[- ](?:third|quarter)|two[- ]thirds|three[- ]quarters)\b", "verb-half"),
        (rf"(?P<n>{NUM}){_PCT}\+?\s+(?:absolute\s+|overall\s+|average\s+|emissions?\s+)?(?P<dir>reduction|decrease|cut|less|lower|fewer|increase|more|higher)\b", "pct-noun"),
        # "a 40% food waste reduction goal": a short noun phrase between the figure and its noun
        (rf"(?P<n>{NUM}){_PCT}\s+(?:(?!(?:of|in|from|to|and|or|the|our|its|was|were|is|are)\b)[A-Za-z][\w-]*\s+){{1,3}}?(?P<dir>reduction|decrease|cut|increase)\s+(?:goal|target|ambition|commitment)\b", "pct-noun"),
        (rf"\b(?P<dir>reduction|decrease|increase|improvement)\b[^.;%]{{0,40}}?\bfrom\s+{NUM}{_PCT}\s+to\s+(?P<n>{NUM}){_PCT}", "noun-pct"),
        (rf"\b(?P<dir>reduction|decrease|increase|improvement)\b[^.;%]{{0,40}}?\b(?:of|by|is|at|will\s+be)\s+{_APPROX}(?P<n>{NUM}){_PCT}", "noun-pct"),
        (rf"\b(?P<verb>sav(?:e|es|ing)|avoid\w*|reduc\w*|cut(?:s|ting)?|return\w*|replenish\w*|provid\w*|deliver\w*)\b[^.;:%]{{0,90}}?"
         rf"(?:\bby\s+)?(?:a\s+cumulative(?:\s+total)?(?:\s+of)?|a\s+total\s+of|up\s+to(?:\s+about)?|about|around|approximately|more\s+than)\s+"
         rf"(?P<n>{NUM})\s*(?P<mag>million|billion|trillion|thousand)?\s*(?P<unit>metric\s+tons?|tonnes?|tons?|liters?|litres?|kwh|mwh|gwh|m3|m³|cubic\s+met(?:er|re)s?)\b", "quantity"),
        (rf"(?P<verb>{_ZH_DOWN}|{_ZH_UP})\s*(?P<past>了)?\s*(?P<n>{NUM})\s*%", "zh-pct"),
        (r"\b(?P<verb>halv(?:e|es|ing)|doubl(?:e|es|ing)|tripl(?:e|es|ing))\b|(?P<zh>减半|翻一?番)", "multiple"),
        (r"(?<!pathways\sto\s)(?<!pathway\sto\s)\bnet[-\s]*zero\b(?!\s*\()(?!\s+(?:transition|plan|strateg\w*|approach|principles?|strengths?|alliance|banking\s+alliance|asset\s+managers|in\s+practice|scenario|pathway|aligned|reference|emissions\s+scenario))"
         r"|\bcarbon[-\s]+neutral(?:ity)?\b|\bclimate[-\s]+neutral(?:ity)?\b|碳中和(?!债)|净零排放|净零", "net-zero"),
        # counts of things: "the sales volume target of X is 120,000 units", "build 50 MW ... by 2027",
        # "50MW power stations to be built by 2027", "a minimum of 12 supply chains by 2028"
        (rf"(?P<label>(?:[A-Za-z][\w’'-]*\s+){{0,3}})(?:target|goal|ambition)s?\b(?P<mid>[^.;:%\d]{{0,50}}?)\b(?:is|are|of|will\s+be|to\s+be|at|reach(?:es)?)\s+{_COUNT}", "tally"),
        # "make annual global sales of more than 5.5 million electrified vehicles", "complete set up of 30 model facilities"
        (rf"\b(?P<label>(?:(?:annual|cumulative|global|total|yearly)\s+){{0,2}}(?:sales|set[-\s]?ups?|setup|installations?|openings?)\s+of\s+)(?!(?:19|20)\d\d\b){_COUNT}", "tally"),
        (rf"\b(?P<verb>build|launch|install|establish|develop|deploy|open|plant|train|sell|deliver|add|create|protect|restore|conserve|manage|recruit|hire|"
         rf"prepare|serve|connect|supply|reach|engage|support|introduce|enable|empower|equip|upskill|reskill|benefit)(?P<suffix>s|ing|ed|d)?\s+(?:(?:an?\s+)?(?:additional|further|another)\s+)?{_COUNT}(?=\s|[.,;]|$)", "tally"),
        (rf"(?:^|[,:;•]\s*|\b(?:and|with)\s+)(?P<label>)\s*{_COUNT}\s+(?:[\w’'-]+\s+){{0,6}}?(?:to\s+be|will\s+be|are\s+scheduled|is\s+scheduled|are\s+planned|is\s+planned)\b", "tally"),
        (rf"(?P<label>)\b(?=(?:a\s+minimum\s+of|at\s+least)\s+\d){_COUNT}", "tally"),
        # "the number of APP users will exceed 10 million": a count named before its verb
        (rf"(?P<label>\b(?:number|count|total)\s+of\s+(?:[\w’'-]+\s+){{1,4}}?)(?:will|is\s+to|are\s+to|shall|should)\s+(?P<over>exceed|surpass|top|reach)\s+{_COUNT}", "tally"),
        # a labelled figure due in a year: "Net sales of X business: 30 billion yen in fiscal 2027"
        (rf"^\W*(?P<label>[A-Z][^:;•]{{3,160}}?):\s*(?P<approx>)(?P<n>{NUM})\s*(?P<mag>million|billion|thousand|trillion)?\s*(?P<unit>(?:[A-Za-z][\w/-]*(?:\s+[A-Za-z][\w/-]*){{0,2}})?|in\s+\d+|or\s+more)?(?=\s+in\s+(?:(?:fiscal|financial|calendar)\s+(?:year\s+)?|FY\s?)?(?:19|20)\d\d\b)", "labelled"),
        # a fraction of something: "supplying a quarter of households by 2026 and half of them by 2031"
        (r"\b(?P<frac>(?:a|one)\s+quarter|three\s+quarters|(?:a|one)\s+third|two\s+thirds|(?:one\s+)?half)\s+of\b", "fraction"),
        (r"碳达峰|(?<!碳)达峰|\bpeak(?:ing)?\s+(?:(?:our|its|the|carbon|ghg|co2|greenhouse\s+gas)\s+)*emissions\b|\bemissions\s+(?:will\s+|to\s+)?peak\b", "peak"),
        # "achieve RE100 by 2027": all electricity from renewable sources (not "joined RE100", "the RE100 initiative")
        (r"(?<![\w-])RE\s?100\b(?!\s+(?:initiative|members?|membership|campaign|companies|coalition|criteria|technical))", "re100"),
        (r"\b(?P<word>(?:carbon|climate)[-\s]+negative|(?:water|carbon|climate|nature)[-\s]+positive|near[-\s]+zero)\b(?![- ](?:buildings?|vehicles?|products?|technolog\w+|solutions?))", "worded"),
        (rf"(?:(?:not|no)\s+(?:higher|more|greater)\s+than|below|under|at\s+most|(?<![>\d])≤|(?<![>\d])<=|不高于|不超过|(?<!不)低于|控制在|降至|降低至|降到)\s*(?P<n>{NUM})(?P<pct>{_PCT}|\s?‰|\s?per\s+mille\b)?", "bound"),
        (rf"(?:(?:not|no)\s+(?:lower|less|fewer)\s+than|at\s+least|≥|>=|不低于|不少于)\s*(?P<n>{NUM})(?P<pct>{_PCT}|\s?‰|\s?per\s+mille\b)?", "floor"),
        (rf"\b(?:provid\w*|mobilis\w*|mobiliz\w*|invest\w*|financ\w*|facilitat\w*|deploy\w*|rais\w*|allocat\w*|spend\w*|fund\w*|donat\w*|contribut\w*|commit\w*)\b[^.;:%]{{0,50}}?(?P<cur>US\$|HK\$|\$|£|€|RMB|USD|GBP|EUR)\s?(?P<n>{NUM})\s?(?P<mag>bn|billion|m|million|tn|trillion)\b(?:\s*(?:to|and|-|–)\s*(?:US\$|HK\$|\$|£|€)?\s?(?P<n2>{NUM})\s?(?P<mag2>bn|billion|m|million|tn|trillion)\b)?", "amount"),
        # a sum named by what it is: "a five-year, $200 million strategic commitment", "a $10 million investment
        # ... over the next five years", "a commitment of $500,000 annually"
        (rf"(?P<cur>US\$|HK\$|\$|£|€)\s?(?P<n>{NUM})\s?(?P<mag>bn|billion|m|million|tn|trillion)\b(?P<n2>)(?P<mag2>)(?=\s+(?:[A-Za-z-]+\s+){{0,2}}?(?:commitment|pledge|investment|partnership)\b)", "amount"),
        (rf"\bcommitment\s+of\s+(?P<cur>US\$|HK\$|\$|£|€)\s?(?P<n>\d{{1,3}}(?:,\d{{3}})+)(?P<mag>)(?P<n2>)(?P<mag2>)(?=\s+(?:annually|a\s+year|per\s+year|each\s+year|every\s+year|per\s+annum)\b)", "amount"),
        (rf"\bintensity\b(?:\s+(?:for|of|in)\s+[a-z]+)?\s+(?:of|to)\s+(?P<n>{NUM})\s*(?P<unit>(?:tonnes?|t|kg|g)\b[^.;,]{{0,80}}?\bper\s+[\w ]{{2,40}}?|tCO2e?/\w+|(?:tonnes?|t|kg|g|m3|m³|kWh|MWh|GJ|L)/[A-Za-z][\w.]*)(?=\s+by\b|\s+in\b|\s*\(|[.;,]|$)", "level"),
        # "reduce the production water consumption intensity in vehicle plants to 3.16 tonnes/vehicle"
        (rf"\b(?:drop|fall|decrease|reduce|lower|cut|bring)\w*\s+(?:(?!by\b)[\w’'-]+\s+){{0,12}}?to\s+(?P<n>{NUM})\s*(?P<unit>(?:L|l|kg|g|kWh|MJ|GJ|t|tonnes?|m3|m³)(?:\s*CO(?:2|₂)\s*e?)?\s+per\s+(?:\d+\s*)?(?:m²|m2|[A-Za-z]+)|(?:L|kg|g|kWh|MWh|GWh|MJ|GJ|t|tonnes?|m3|m³)/(?:\d+\s*)?[A-Za-z][A-Za-z0-9²³]*)", "level"),
        (rf"(?:\bto\s+|\bat\s+)(?P<n>{NUM})\s*(?P<unit>tCO2e?/[\w.]+)", "level"),
        (rf"(?:招聘|新增|增加|新招|培养)\s*(?P<n>{NUM})\s*(?:名|人)", "count"),
        # "achieve gender parity in leadership positions by 2030": half of them women
        (r"\bgender\s+(?:parity|balance)\b|\b50\s*/\s*50\s+gender\s+(?:balance|split|representation)\b|性别(?:平等|均衡)", "parity"),
        # a range of shares: "to represent 40% to 50% of sales by 2030" (not "from 40% to 50%": then the second is the share)
        (rf"(?<![\d.,])(?P<n>{NUM})(?:{_PCT})?\s*(?:to|-|–)\s*(?P<n2>{NUM}){_PCT}", "pct-range"),
        (rf"(?<![\d.,])(?P<n>{NUM}){_PCT}", "pct"),
    )
)
_BARE_PCT = re.compile(rf"(?<![\d.,])(?P<n>{NUM}){_PCT}")
_ZERO = re.compile(r"(?<!net\s)(?<!net-)(?<!net)\bzero\s+(?P<what>" + vocabulary().zero_things + r")\b|零(?:" + vocabulary().zero_things_zh + ")"
                   r"|\b(?:totally\s+|completely\s+|fully\s+)?eliminat(?:e|ing)\s+(?:all\s+)?(?:[\w-]+\s+){0,3}?(?:" + vocabulary().zero_things + r")\b", re.I)
_PROGRAMME_AFTER = re.compile(r"\s+(?:[A-Za-z][\w-]*\s+){0,2}?(?:challenges?|projects?|programm?es?|initiatives?|campaigns?|awards?)\b", re.I)
_PAST = re.compile(r"(?:ed|了)$|^(?:grew|rose|fell)$", re.I)
_PASSIVE_FUTURE = re.compile(r"\b(?:be|been|being|to\s+be|will\s+be)\s*$", re.I)
_SENTENCE_END = re.compile(r"(?<!\d)(?<!\b[A-Z]\.[A-Z])(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)(?<!\bapprox)(?<!\bincl)[.!?](?=\s|$)|(?<=\d)\.(?=\s+[A-Z])|[。！？；;]|\s[•▪■–]\s|\s?[●◆]\s")
_TARGET_OF = re.compile(r"\b(?:targets?|goals?|ambitions?|commitments?)\s+(?:of|at)\s+(?:an?\s+)?(?:(?:more\s+than|at\s+least|over)\s+)?$", re.I)
_CHANGE_BY = re.compile(rf"\b(?P<verb>{_DOWN}|{_UP})\b[^%]{{0,130}}?\bby\s+{_APPROX}{NUM}{_PCT}|{NUM}{_PCT}\s+(?P<noun>reduction|decrease|increase)\b", re.I)
# the gap before the next clause of a list of verbs: ", increasing energy efficiency " / " and raising the share of ... to "
_NEXT_VERB = re.compile(rf"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:to\s+)?(?:{_DOWN}|{_UP}|achiev\w*|reach\w*|sourc\w*|us(?:e|ing))\b"
                        r"(?:(?!\b(?:was|were|has|have|had|will|by\s+(?:19|20)\d\d)\b)[^;.%\d]){0,80}", re.I)
_RESULT_BEFORE = re.compile(r"\b(?:achieved|reached|was|were|stood\s+at|accounted\s+for|representing|rose\s+to|fell\s+to|increased\s+to|decreased\s+to|of\s+which|compared\s+with)\s+(?:a\s+|an\s+)?$|较上年|同比|占比(?:为|是)?\s*$", re.I)
_SHARE_BEFORE = re.compile(r"(?<!close\s)(?<!up\s)(?<!equal\s)(?<!due\s)(?<!compared\s)(?<!close\sto\s)(?:\b(?:(?:achiev(?:e|ing)|reach(?:ing)?|attain)\s+an?|achieve|achieving|reach|reaching|attain|reali[sz]e|reali[sz]ing|hold|represent|source|sourcing|use|using|procure|procuring|purchas(?:e|es|ing)|be|have|having|to|make|making|keep|maintain|return|replenish|recycle|collect|ensure|ensuring|become|obtain|cover|covering|contain|containing|account\s+for|accounting\s+for|aim\s+for|aiming\s+for|"
    r"target\s+of|goal\s+of|ambition\s+of|aim\s+of|target\s+(?:\w+\s+){1,2}of|(?:(?<=achieve\s)|(?<=reach\s)|(?<=attain\s)|(?<=maintain\s)|(?<=achieving\s)|(?<=reaching\s))(?:an?|the|our)\s+(?:[\w-]+\s+){0,3}?(?:rate|share|proportion|percentage|ratio)\s+of)\s+|\b(?:goal|target|ambition|objective)s?\s*[:：]\s*|达到|实现|提升至|提高至|达|占比达到?|占)\s*$", re.I)
_SHARE_APPROX = re.compile(r"(?:\b(?:more\s+than|over|at\s+least|about|around|approximately|nearly|up\s+to|a\s+minimum\s+of)|超过|不低于)\s*$", re.I)
_YEARLESS = re.compile(r"\b(?:expected\s+to|expects?\s+to|committed\s+to|commits?\s+to|commitment\s+to|requirements?|required\s+to|must|pledges?\s+to|aims?\s+to|strives?\s+to|plans?\s+to|targets?\s+(?:is|of|for|to)|goal\s+(?:is|of|to)|maintain(?:s|ing)?)\b|预计|承诺|要求|致力于|保持|维持", re.I)
_RESULT_AGAINST = re.compile(rf"\b(?:to|at|reached|achieved|was|were|stood\s+at)\s+(?P<v>{NUM})\s?%?\s+(?:against|versus|vs\.?|compared\s+with)\s+(?:an?|the|our|its)\s+(?:(?:19|20)\d\d\s+)?(?:target|goal)s?\s+(?:of\s+)?$", re.I)
_MEANS_BEFORE = re.compile(r"\b(?:plan(?:s|ning)?\s+for|measures\s+(?:to\s+(?:achieve|reach|realise|realize)|for|towards?)|roadmaps?\s+(?:to|for|towards?)|"
                           r"path(?:way)?s?\s+(?:to|towards?)|steps\s+(?:to|towards?)|(?:methods?|technolog(?:y|ies)|solutions?|approach(?:es)?|options?)\s+(?:to|for)|contribut\w+\s+to|preparations?\s+for)\s+(?:[\w’']+\s+){0,2}?$", re.I)
_LIST_HEAD = re.compile(r"[\W\d]*(?:(?:our|key|the|group|environmental|sustainability|esg|climate|\w+)\s+){0,3}(?:FY\s?)?(?:(?:19|20)\d\d\s+)?"
                        r"(?:targets?|goals?|commitments?|ambitions?|objectives?|kpis?)(?:\s+(?:for|by|to)\s+(?:FY\s?)?(?:19|20)\d\d)?\s*[:：]?"
                        r"|[\W\d]*(?:(?:19|20)\d\d\s*年)?\S{0,6}目标\s*[:：]?", re.I)
# a sentence that ends by announcing a list of goals ("In 2021, we made progress toward our two primary goals:"):
# its items are goals; only a year printed with the goals ("our 2030 goals:") is theirs
_LIST_INTRO = re.compile(r"(?:\b(?P<y>(?:19|20)\d\d)\s+(?:[\w-]+\s+){0,2}?)?\b(?:targets?|goals?|commitments?|ambitions?|objectives?|pledges?)\s*[:：]\s*$", re.I)
# a section headed "2030 Milestone", "2025 Targets", "Goals for 2030": its bullets that name no year of their
# own carry the heading's, up to the next such heading (or _SECTION_SPAN characters on); a heading naming two
# years ("2025 Target 2030 Milestone", a timeline) gives none
_SECTION_HEAD = re.compile(r"(?<![\w/])(?:FY\s?)?(?P<y>(?:19|20)\d\d)\s+(?:targets?|milestones?|goals?)\b"
                           r"(?!\s+(?:of|for|to|and|was|were|is|are|has|have|had|announced|set|achieved|will)\b)"
                           r"|\b(?:targets?|goals?|milestones?)\s+for\s+(?:FY\s?)?(?P<y2>(?:19|20)\d\d)\b", re.I)
_SECTION_SPAN = 4000
_SECTION_RESULT = re.compile(r"\b(?:achiev(?:ed|ing)|reached|sold|completed|was|were|has\s+been|have\s+been)\b"
                             r"|^[\W\d]*(?:[A-Za-z]+ly\s+)?[A-Za-z]+(?<!e)ed\b", re.I)  # a result: "Comprehensively introduced ..."
_PROSE = re.compile(r",|\b(?:we|is|are|was|were|will|has|have|had|been|announced|under|with|which|that|in\s+order|in\s+line)\b", re.I)  # a sentence, not a heading
_BULLET_BEFORE = re.compile(r"[•▪■●◆]\s*$")


def section_year(sentence: str) -> int | None | bool:
    """The year a section heading gives its bullets ("Seventh Action Plan - 2025 Target"); None for
    a heading naming two years; False for a sentence that is no such heading (it holds figures,
    is long, or names no dated target heading)."""
    text = sentence.strip()
    if len(text) > 200 or re.search(r"\d", re.sub(r"(?:19|20)\d\d|\b\d{1,2}\.(?!\d)", "", text)) or _PROSE.search(text):
        return False
    years = {int(m.group("y") or m.group("y2")) for m in _SECTION_HEAD.finditer(text)}
    if not years:
        return False
    return years.pop() if len(years) == 1 else None


# "It is estimated that by the end of 2022, there will be more than 600 stations": a forecast, not a promise
_FORECAST = re.compile(r"\bit\s+is\s+(?:estimated|projected|forecast|predicted|anticipated)\b|\b(?:is|are)\s+(?:estimated|projected|forecast|predicted)\s+to\b|"
                       r"\b(?:estimates?|forecasts?|projections?)\s+(?:show|suggest|indicate)", re.I)
_OWN_AIM = re.compile(r"\b(?:aim\w*|target\w*|goals?|commit\w*|pledg\w*|strive|striving|plan(?:s|ned)?\s+to|intend\w*|ambitions?)\b|目标|力争|承诺", re.I)
_STANDING = re.compile(r"\b(?:continue|continues|continuing)\s+to\s+(?:[a-z]+\s+){1,2}$", re.I)
_LIMITS_HEAD = re.compile(r"[\W\d]*(?:(?:achieved|completed|new)\s+)?(?:[A-Za-z-]+\s+){0,3}?(?:indicators?|limits?|thresholds?)\s+(?:for|in|of)\s+(?:FY\s?)?"
                          r"(?P<y>(?:19|20)\d\d)\b\s*[:：]?(?=\s*(?:[A-Z][^:：.;]{2,80}[:：]|$))", re.I)
_IMPERATIVE = re.compile(r"[\s•▪■·*–-]*(?:[\w’'-]+[:：]?\s+){0,4}?(?:Achiev(?:e|ing)|Reduc(?:e|ing)|Us(?:e|ing)|Reach(?:ing)?|Cut(?:ting)?|Increas(?:e|ing)|Build(?:ing)?|Launch(?:ing)?|Establish(?:ing)?|Ensur(?:e|ing)|"
                         r"Sourc(?:e|ing)|Procur(?:e|ing)|Deliver(?:ing)?|Eliminat(?:e|ing)|Halv(?:e|ing)|Doubl(?:e|ing)|Lower(?:ing)?|Rais(?:e|ing)|Install(?:ing)?|Maintain(?:ing)?)\b")
_ZH_DUE = re.compile(r"(?<!截)(?:到|至)\s*(?:19|20)\d\d\s*年|(?:19|20)\d\d\s*年\s*(?:底|末)?\s*(?:前|之前)")
# a share that opens its clause and is due: "• 100% of fiber packaging to be deforestation-free by 2030",
# "By 2024, 70% of our relevant suppliers will be covered by ..."
_CLAUSE_OPENS = re.compile(r"(?:^|[•▪■·*–:;]|\(?\b\d\)|\bthat|\bby\s+(?:the\s+end\s+of\s+)?(?:FY\s?)?(?:19|20)\d\d\s*,)\s*$", re.I)
_SHARE_DUE = re.compile(r"\s*of\s+(?:(?!(?:was|were|is|are|has|have|had)\b)[^.;%\d]){2,90}?\b(?:to\s+be|will\s+be|shall\s+be|to\s+have|will\s+have|will\s+come|to\s+come)\b", re.I)
_REPORTED_BEFORE = re.compile(r"\b(?:reporting|reported|achieved|recorded|delivered|saw|posted|realised|realized|registered|represent\w*)\s+(?:a|an)\s+(?:further\s+)?$", re.I)
_NAMED_GOAL_BEFORE = re.compile(r"\b(?:part\s+of|per|toward|towards|against|supports?|supporting|under|within|progress\s+on)\s+(?:our|its|the|this|their)\s+$", re.I)
_NAMED_GOAL_AFTER = re.compile(r"\s*(?:\([^)]{0,30}\)\s*)?(?:targets?|goals?|commitments?|programs?|programmes?|boundary|scope|pledges?)\b", re.I)
_DECADE = re.compile(r"\bby\s+(?:the\s+)?(?:(?P<mid>middle\s+of\s+the\s+decade|mid-decade|mid-?2020s)|end\s+of\s+(?:the|this)\s+decade)\b", re.I)
_CLAUSE_SUBJECT = re.compile(r",?\s+(?:we|our|the\s+(?:group|company|bank|firm)|it|they)\s+(?:will|shall|aim|plan|intend|expect|are|want|commit)", re.I)
_ANNUAL = re.compile(r"^\s*(?:(?:renewable|clean|green)\s+(?:electricity|energy|power)\s+)?(?:per\s+year|a\s+year|each\s+year|every\s+year|annually|per\s+annum)\b", re.I)
_WE = re.compile(r"\b(?:we|our|us|the\s+(?:group|company|bank|board))\b|本行|本集团|本公司|公司|我们", re.I)


_LAST: list[Subject | None] = [None]  # the subject of the page's last target, for "reduce it by 50%"
_LABEL: list[str] = [""]  # the last measure named as a label ("Percentage of sales with X label:"), for "Goal: 80% by 2027"
_LAST_FREE: list[tuple[Subject, str] | None] = [None]  # the last subject in a report's own words, for "half of them"


@dataclass
class Change:
    """One change printed in a sentence (offsets into the sentence)."""

    start: int
    end: int
    change: str
    value: float | None
    kind: str  # absolute | share | net_zero | level (intensity decided by the subject)
    form: str
    years: list[tuple[int, int, int]] = field(default_factory=list)  # (year, start, end)
    window_start: int = 0  # the change's place in the window its subject is looked for in
    window_end: int = 0
    label: str = ""  # what a count is of, when it is named before it ("the sales volume target of X is ...")
    standing: bool = False  # a share pledged without a year ("Continue to replenish 100% of the water we use")


@dataclass
class Found:
    """A target as read, before it becomes a :class:`Target` (page, offsets into the page text)."""

    page: Page
    start: int
    end: int
    text: str
    change: str
    value: float | None
    kind: str
    subject: Subject | None
    target_year: int | None
    baseline_year: int | None = None
    baseline_value: str | None = None
    scope: str | None = None
    boundary: str | None = None
    status: str | None = None
    method: str = "prose"
    progress_value: float | None = None
    progress_text: str | None = None
    subject_text: str | None = None
    context: str = ""  # the part of the clause that is about this target
    near: str = ""  # the change and what follows it up to its year: where "in our operations" is said
    quote_from: int = -1  # where the clause starts in the page text
    quote_to: int = -1  # where it ends


def number(printed: str) -> float | None:
    try:
        return float(printed.replace(",", ""))
    except ValueError:
        return None


def _fmt(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(value)


def sentences(text: str, breaks: tuple[int, ...] = ()) -> Iterator[tuple[int, int]]:
    """(start, end) of the sentences of ``text`` (a page with its line breaks as spaces);
    ``breaks`` are line ends that end a sentence without punctuation (headings, table rows)."""
    ends = sorted({m.end() for m in _SENTENCE_END.finditer(text)} | set(breaks))
    start = 0
    for end in ends:
        if end - start > 3:
            yield start, end
        start = max(start, end)
    if len(text) - start > 3:
        yield start, len(text)


_NEXT_STARTS = re.compile(r"\s*(?:[A-Z•▪■–]|\d+\.\s)")


def line_breaks(page: Page) -> tuple[int, ...]:
    """Line ends that end a sentence: before a line that starts a new one (a capital), after a
    line that ends in a figure, a bracket or a percentage, or after a short line (a heading)."""
    out = []
    lines = page.lines
    for line, following in zip(lines, lines[1:]):
        text = line.text.rstrip()
        if not text:
            continue
        if not following.text.strip():  # a paragraph ends
            out.append(line.end)
            continue
        if not _NEXT_STARTS.match(following.text):
            if (text[-1] == "%" or re.search(r"(?:目标|[:：])\s*$", text)) and re.match(r"\s*[\u4e00-\u9fff]", following.text):
                out.append(line.end)  # "...下降10%" then a Chinese line: a row of a list
            continue
        if text[-1] in "0123456789)%‰" or len(text.strip()) <= 30 and text[-1] not in ",-":
            out.append(line.end)
    return tuple(out)


def _changes(sentence: str, vocab: Vocabulary) -> list[Change]:
    taken: list[tuple[int, int]] = []
    out: list[Change] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for pattern, form in _FORMS:
        for m in pattern.finditer(sentence):
            if not free(m.start(), m.end()):
                continue
            change = _change(m, form, sentence)
            if change is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(change)
    # "use 15% recycled steel, 35% recycled aluminium and 10% recycled plastics": a share after a share
    for m in _BARE_PCT.finditer(sentence):
        if not free(m.start(), m.end()):
            continue
        shares = [c for c in out if c.kind == "share" and c.end <= m.start()]
        n = number(m.group("n"))
        if shares and n is not None and n <= 100 and re.fullmatch(
                r"\s*(?:[A-Za-z][\w-]*\s+){0,4}?[A-Za-z][\w-]*\s*(?:,\s*(?:and\s+)?|\s+and\s+|、|和|及)\s*", sentence[shares[-1].end : m.start()]):
            taken.append((m.start(), m.end()))
            out.append(Change(m.start(), m.end(), f"{m.group('n')}%", n, "share", "pct"))
    # "at least 20 million hectares of land and 3 million square km of ocean": a count after a count
    for m in re.finditer(rf"\band\s+(?P<label>){_COUNT}", sentence, re.I):
        tallies = [c for c in out if c.form == "tally" and c.end <= m.start()]
        if not tallies or not free(m.start("n"), m.end()) or not m.group("unit") or m.start() - tallies[-1].end > 40:
            continue
        change = _change(m, "tally", sentence)
        if change is not None:
            taken.append((change.start, change.end))
            out.append(Change(change.start, change.end, change.change.lstrip(">="), change.value, change.kind, "tally"))
    for m in _ZERO.finditer(sentence):
        if re.search(r"\b(?:journey|road|path|pathway|route|way|transition|definition)\s+(?:to|towards?|of)\s+$", sentence[max(0, m.start() - 30) : m.start()], re.I):
            continue  # "The Journey to Zero Emissions", "the definition of zero waste": a name, not a pledge
        if _MEANS_BEFORE.search(sentence[max(0, m.start() - 60) : m.start()]):
            continue  # "measures to achieve zero emissions": the way, not the goal
        if _PROGRAMME_AFTER.match(sentence, m.end()):
            continue  # "the Plant Zero CO2 Emissions Challenge", "a Zero Waste Project": a programme's name, not a pledge
        if free(m.start(), m.end()):
            taken.append((m.start(), m.end()))
            out.append(Change(m.start(), m.end(), "0", 0.0, "level", "zero"))
    return sorted(out, key=lambda c: c.start)


def _change(m: re.Match[str], form: str, sentence: str) -> Change | None:
    before = sentence[max(0, m.start() - 40) : m.start()]
    if form == "verb-pct":
        verb = m.group("verb").lower()
        if _PAST.search(verb) and not _PASSIVE_FUTURE.search(sentence[max(0, m.start() - 12) : m.start()]):
            return None
        n = number(m.group("n"))
        if n is None or n > 100:
            return None
        sign = "-" if re.match(_DOWN, verb, re.I) else "+"
        return Change(m.start(), m.end(), f"{sign}{_fmt(n)}%", -n if sign == "-" else n, "absolute", form)
    if form in ("tally", "labelled"):
        n = number(m.group("n"))
        printed_n = m.group("n")
        if n is None or (re.fullmatch(r"(?:19|20)\d\d", printed_n) and not m.group("mag")):
            return None  # a year, not a count
        groups = m.groupdict()
        unit = " ".join((groups.get("unit") or "").split())
        if form == "tally" and not unit and not (groups.get("label") or "").strip():
            return None  # a bare figure is a count only as the value of a named target
        verb = (groups.get("verb") or "") + (groups.get("suffix") or "")
        if verb and _PAST.search(verb) and not _PASSIVE_FUTURE.search(sentence[max(0, m.start() - 12) : m.start()]):
            return None
        scale = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12}.get((m.group("mag") or "").lower(), 1.0)
        approx = (m.group("approx") or "").lower()
        sign = ">=" if re.match(r"(?:a\s+minimum|at\s+least|more|over)", approx) or (groups.get("over") or "").lower() in ("exceed", "surpass", "top") else ""
        printed = " ".join(x for x in (sign + printed_n, m.group("mag"), unit) if x)
        label = " ".join(x.strip() for x in (groups.get("label") or "", groups.get("mid") or "") if x.strip())
        return Change(m.start("n") - len(m.group("approx") or ""), m.end(), printed, n * scale, "absolute", form, label=label)
    if form == "fraction":
        share = {"quarter": 25.0, "three": 75.0, "third": 33.3, "two": 66.7, "half": 50.0}
        word = m.group("frac").lower().split()
        value = share.get(word[0] if word[0] in ("three", "two") else word[-1], 50.0)
        return Change(m.start(), m.end(), f"{value:g}%", value, "share", form)
    if form == "verb-pct-more":
        verbs = re.findall(rf"\b(?:{_DOWN}|{_UP})\b", sentence[: m.start()], re.I)
        n = number(m.group("n"))
        if not verbs or n is None or n > 100 or _PAST.search(verbs[-1]):
            return None
        sign = "-" if re.fullmatch(_DOWN, verbs[-1], re.I) else "+"
        return Change(m.start(), m.end(), f"{sign}{_fmt(n)}%", -n if sign == "-" else n, "absolute", form)
    if form == "verb-half":
        if _PAST.search(m.group("verb")) and not _PASSIVE_FUTURE.search(sentence[max(0, m.start() - 12) : m.start()]):
            return None
        word = re.split(r"[- ]", m.group("frac").lower())
        part = {"half": 50.0, "third": 33.3, "quarter": 25.0, "thirds": 66.7, "quarters": 75.0}[word[-1]]
        return Change(m.start(), m.end(), f"-{part:g}%", -part, "absolute", form)
    if form in ("worded", "net-zero") and sentence[m.start() - 1 : m.start()] in "“\"‘" and sentence[m.end() : m.end() + 1] in "”\"’" and m.start() > 0:
        return None  # the goal of “carbon neutrality”: a name in quotes, its year (if any) is not inside it
    if form in ("worded", "net-zero") and _MEANS_BEFORE.search(before):
        return None  # "measures to achieve net zero", "plan for the Group's carbon neutrality": the way, not the goal
    if form in ("worded", "net-zero") and _NAMED_GOAL_BEFORE.search(before) and _NAMED_GOAL_AFTER.match(sentence[m.end() : m.end() + 40]):
        return None  # "as part of our carbon negative goal, ...": the goal is named, not set here
    if form == "re100":
        if re.search(r"\b(?:join\w*|member\s+of|signed\s+up\s+(?:to|for)|part\s+of|through|via)\s+(?:the\s+)?$", before, re.I):
            return None
        return Change(m.start(), m.end(), "100%", 100.0, "share", form)
    if form == "peak":  # "peak emissions by 2030", "2030年前实现碳达峰"
        return Change(m.start(), m.end(), "peak", None, "level", form)
    if form == "worded":  # an end state in words: "carbon negative", "water positive", "near zero"
        word = re.sub(r"[-\s]+", " ", m.group("word").lower())
        return Change(m.start(), m.end(), word, None, "net_zero" if re.match(r"(?:carbon|climate)", word) else "level", form)
    if form in ("pct-noun", "noun-pct") and _REPORTED_BEFORE.search(before):
        return None  # "reporting a 12% reduction in FY2022", "we achieved a 6% reduction": a result
    if form in ("pct-noun", "noun-pct"):
        n = number(m.group("n"))
        if n is None or n > 100:
            return None
        down = m.group("dir").lower() in ("reduction", "decrease", "cut", "less", "lower", "fewer")
        if m.group("dir").lower() == "improvement":
            down = False  # an improvement of a lower-is-better subject is a reduction (decided with the subject)
        return Change(m.start(), m.end(), f"{'-' if down else '+'}{_fmt(n)}%", -n if down else n, "absolute", form)
    if form == "zh-pct":
        n = number(m.group("n"))
        if m.group("past") or n is None or n > 100:
            return None
        down = re.fullmatch(_ZH_DOWN, m.group("verb")) is not None
        return Change(m.start(), m.end(), f"{'-' if down else '+'}{_fmt(n)}%", -n if down else n, "absolute", form)
    if form == "multiple":
        word = (m.group("verb") or m.group("zh") or "").lower()
        if word.startswith("halv") or word == "减半":
            return Change(m.start(), m.end(), "-50%", -50.0, "absolute", form)
        factor = 3 if word.startswith("tripl") else 2
        return Change(m.start(), m.end(), f"x{factor}", float(factor), "absolute", form)
    if form == "net-zero":
        return Change(m.start(), m.end(), "net zero", None, "net_zero", form)
    if form in ("bound", "floor"):
        n = number(m.group("n"))
        if n is None:
            return None
        unit = m.group("pct") or ""
        pct = "‰" if re.search(r"‰|mille", unit) else ("%" if unit else "")
        sign = "<=" if form == "bound" else ">="
        return Change(m.start(), m.end(), f"{sign}{m.group('n')}{pct}", n, "share" if pct == "%" else "level", form)
    if form == "amount":
        n = number(m.group("n"))
        if n is None:
            return None
        printed = f"{m.group('cur')}{m.group('n')}{m.group('mag')}"
        if m.group("n2"):
            printed += f"-{m.group('cur')}{m.group('n2')}{m.group('mag2')}"
        return Change(m.start(), m.end(), printed, n, "absolute", form)
    if form == "level":
        n = number(m.group("n"))
        if n is None:
            return None
        return Change(m.start(), m.end(), f"{m.group('n')} {' '.join(m.group('unit').split())}", n, "level", form)
    if form == "quantity":
        n = number(m.group("n"))
        if n is None:
            return None
        verb = m.group("verb").lower()
        opens = not sentence[: m.start()].strip(" •–-*") or sentence[: m.start()].rstrip().endswith(":")
        if not opens and not re.search(r"\b(?:to|will|can|could|shall|would)\s+(?:\w+\s+)?$", sentence[max(0, m.start() - 25) : m.start()], re.I):
            return None  # "saving 1 million kWh" reports a result; "will save" promises one
        sign = "-" if verb.startswith(("sav", "avoid", "reduc", "cut")) else "+"
        scale = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}.get((m.group("mag") or "").lower(), 1.0)
        printed = " ".join(x for x in (m.group("n"), m.group("mag"), m.group("unit")) if x)
        return Change(m.start(), m.end(), f"{sign}{printed}", (-1 if sign == "-" else 1) * n * scale, "absolute", form)
    if form == "parity":
        return Change(m.start(), m.end(), "50%", 50.0, "share", form)
    if form == "count":
        n = number(m.group("n"))
        return None if n is None else Change(m.start(), m.end(), f"+{m.group('n')}", n, "absolute", form)
    # a bare percentage: a share ("100% renewable electricity", "reach 35% by 2025"), never a result
    n = number(m.group("n"))
    if n is None or n > 100 or _RESULT_BEFORE.search(before) or re.search(r"\bby\s+$", before, re.I):
        return None
    after = sentence[m.end() : m.end() + 30]
    lead = _SHARE_APPROX.sub("", before)  # "account for more than 40%"
    if re.match(r"\s*(?:of\s+(?:the|our|its|all|total)|of\s+\w+\s+(?:were|was|are|is))", after, re.I) and not _SHARE_BEFORE.search(lead) \
            and not (_CLAUSE_OPENS.search(before) and _SHARE_DUE.match(sentence, m.end())):
        return None
    opens = _CLAUSE_OPENS.search(before) is not None and _SHARE_DUE.match(sentence, m.end()) is not None
    if not opens and not _SHARE_BEFORE.search(lead) and not re.match(r"\s*(?:renewable|clean|green|of\s+(?:our|its|the)\s+(?:electricity|energy|power))", after, re.I):
        return None
    if form == "pct-range":
        if re.search(r"\b(?:from|between)\s+(?:about\s+|around\s+)?$", before, re.I) or (number(m.group("n2")) or 0) <= n:
            return None
        return Change(m.start(), m.end(), f"{m.group('n')}-{m.group('n2')}%", n, "share", "pct")
    return Change(m.start(), m.end(), f"{m.group('n')}%", n, "share", form)


def _target_years(sentence: str, vocab: Vocabulary, period_year: int | None) -> list[tuple[int, int, int, bool]]:
    """(year, start, end, forward) of the target years of ``sentence``."""
    found: list[tuple[int, int, int, bool]] = []

    def add(m: re.Match[str], forward: bool) -> None:
        if not any(s <= m.start() < e or m.start() <= s < m.end() for _, s, e, _ in found):
            found.append((int(m.group("y")), m.start(), m.end(), forward))

    for pattern in vocab.forward_years:
        for m in pattern.finditer(sentence):
            add(m, True)
    for pattern in vocab.target_years:
        for m in pattern.finditer(sentence):
            # "By 2030, we will ..." opens the sentence (or a clause: "and that by 2050 we will"): its change follows
            add(m, not sentence[: m.start()].strip(" •–-*") or _CLAUSE_SUBJECT.match(sentence, m.end()) is not None)
    if period_year is not None:
        for pattern in vocab.future_years:
            for m in pattern.finditer(sentence):
                if int(m.group("y")) > period_year:  # "In 2022, we aim to ...": a year that opens the sentence
                    add(m, not sentence[: m.start()].strip(" •–-*") and sentence[m.end() : m.end() + 2].startswith(","))
        # "by the middle of the decade", "by the end of the decade": the report's decade
        for m in _DECADE.finditer(sentence):
            year = period_year // 10 * 10 + (5 if m.group("mid") else 10)
            if year > period_year and not any(s <= m.start() < e for _, s, e, _ in found):
                found.append((year, m.start(), m.end(), False))
    return sorted(found, key=lambda t: t[1])


def _baseline(text: str, vocab: Vocabulary, target_year: int | None, spans: list[tuple[int, int]]) -> tuple[int | None, str | None]:
    """The baseline year (and value, when printed) of a clause; a target year is none."""
    for pattern in vocab.baselines:
        for m in pattern.finditer(text):
            year = int(m.group("y"))
            if target_year is not None and year >= target_year or any(a < m.end("y") and m.start("y") < b for a, b in spans):
                continue
            value = re.match(rf"\s*(?:baseline\s+)?(?:measure\s+)?(?:of|at)\s+(?P<v>{NUM}\s?(?:million\s+|thousand\s+)?"
                             r"(?:(?:Mt|kt|t)\s?CO2e?|tCO2e?|MWh|GWh|kWh|m3|m³|tonnes?|tons?|Mt|kt|t)?(?:/[\w.]+)?)(?![\w/])", text[m.end() : m.end() + 60], re.I)
            return year, (value.group("v").strip() if value else None)
    return None, None


def _attach(changes: list[Change], years: list[tuple[int, int, int, bool]], period_year: int | None = None) -> None:
    """Give each target year to the change before it (after it, for a forward year), else to
    the change on its other side, if that change has no year of its own ("make packaging
    recyclable by 2030, and eliminate plastic by 2025": 2030 is not the elimination's)."""
    unplaced = []
    for year, start, end, forward in years:
        before = [c for c in changes if c.end <= start and start - c.end <= 180]
        after = [c for c in changes if c.start >= end and c.start - end <= 90]
        first, second = (after[:1], before[-1:]) if forward else (before[-1:], after[:1])
        if first:
            first[0].years.append((year, start, end))
        elif second and (period_year is None or year > period_year):  # "X for 2022 - Carbon neutrality by 2050": a title
            unplaced.append((second[0], (year, start, end)))
    for change, due in unplaced:
        if not change.years:
            change.years.append(due)


def read_sentences(doc: Document, period_year: int | None) -> list[Found]:
    """Targets of every sentence of ``doc``."""
    vocab = vocabulary()
    out: list[Found] = []
    for page in doc.pages:
        _LAST[0] = _LAST_FREE[0] = None
        _LABEL[0] = ""
        topic: Subject | None = None
        heading = ""  # a heading such as "Goal" or "Our 2030 targets" commits the sentence after it
        listing: list[int | None] = []  # the year of a list heading ("Our 2030 targets:"), once per item read
        section: tuple[int, int] | None = None  # (year, end) of the last dated section heading ("2025 Targets")
        bounds = False  # the list is one of limits ("Safety indicators for 2021"): only its bounds are targets
        flat = fold_chinese(page.text.replace("\n", " ").replace("\f", " ").replace("*", " "))
        for start, end in sentences(flat, line_breaks(page)):
            sentence = flat[start:end]
            item = bool(listing) and len(sentence.strip()) <= 200 and len(listing) <= 12
            list_year = listing[0] if item else None
            listing = listing + [list_year] if item else []
            list_head = _LIST_HEAD.fullmatch(sentence.strip())
            limits = _LIMITS_HEAD.match(sentence)
            if limits:  # "Safety indicators for 2021 Death accidents: ≤0.035‰": a list of limits for a year, its first item
                listing, bounds, item, list_year = [int(limits.group("y"))], True, True, int(limits.group("y"))
                sentence = " " * limits.end() + sentence[limits.end() :]
            elif not listing:
                bounds = False
            in_section = (section is not None and not item and not list_head and start - section[1] <= _SECTION_SPAN
                          and (_BULLET_BEFORE.search(flat[max(0, start - 3) : start]) or _IMPERATIVE.match(sentence) or re.search(r"\bwill\b", sentence))
                          and not _SECTION_RESULT.search(sentence))
            if in_section:  # a bullet under "2030 Milestone": an item of that year's targets
                assert section is not None
                item, list_year = True, section[0]
            if len(sentence) > 1500 or not re.search(r"\d|zero|net|neutral|halv|doubl|tripl|eliminat|中和|净零|零|减半|翻", sentence, re.I):
                topic = vocab.subject_of(sentence) or topic
            else:
                joined = flat[max(0, start - 300) : start] if re.search(r"[;；]\s*$", flat[max(0, start - 3) : start]) else ""
                out.extend(_read(page, start, sentence, vocab, period_year, topic, heading or (("bounds" if bounds else "list") if item else ""),
                                 list_year if not list_head else None, joined))
                topic = vocab.subject_of(sentence) or topic
            heading = sentence.strip() if len(sentence.strip()) <= 40 and vocab.commitment.search(sentence) else ""
            label = re.match(r"\s*(?P<l>[A-Z][^:•;.]{5,100}?)\s*[:：]", sentence)
            if label and not re.match(r"(?:goal|target|ambition)s?$", label.group("l"), re.I) and not re.search(r"\d", label.group("l")):
                _LABEL[0] = " ".join(label.group("l").split())
            if list_head:
                year = re.search(r"(?:19|20)\d\d", sentence)
                listing = [int(year.group(0)) if year else None]
            elif intro := _LIST_INTRO.search(sentence):
                listing = [int(intro.group("y")) if intro.group("y") else None]
            line = page.line_at(start + len(sentence) - len(sentence.lstrip()))
            if not in_section and len(sentence.strip()) >= 150 and line is not None and not re.search(r"[•▪■●◆]", line.text):
                section = None  # a paragraph of prose ends the section
            dated = section_year(sentence)
            if dated is not False:
                section = (dated, end) if isinstance(dated, int) else None
    return out


def _restated(sentence: str, change: Change, changes: list[Change]) -> bool:
    """A change in brackets after a change of the same kind in its clause, due in no other year:
    the target said again ("by 3 percent per vehicle (reduce by 34 percent compared to 2001
    levels)", "by 7 percent (average of 1 percent reduction per year)"), not a second one."""
    opened = sentence.rfind("(", 0, change.start)
    if opened < 0 or sentence.find(")", opened) < change.end and sentence.find(")", opened) >= 0:
        return False
    if re.search(r"[;；]", sentence[opened : change.start]):
        return False
    own = {y for y, _, _ in change.years}
    for other in changes:
        if other is change or other.end > opened or other.kind != change.kind or other.form in ("tally", "labelled", "net-zero"):
            continue
        if re.search(r"[;；]", sentence[other.end : opened]) or sentence.count("(", other.end, opened) > sentence.count(")", other.end, opened):
            continue
        if not own or own <= {y for y, _, _ in other.years}:
            return True
    return False


def _read(page: Page, offset: int, sentence: str, vocab: Vocabulary, period_year: int | None, topic: Subject | None,
          heading: str = "", list_year: int | None = None, joined: str = "") -> list[Found]:
    """The targets of one sentence; ``joined`` is the clause before it when only a semicolon
    parts them ("X plans to achieve this goal by ...; and by reducing ... by 2025")."""
    changes = _changes(sentence, vocab)
    if not changes:
        return []
    years = _target_years(sentence, vocab, period_year)
    _attach(changes, years, period_year)
    changes = [c for c in changes if not _restated(sentence, c, changes)]
    for index, change in enumerate(changes):
        if change.form == "pct" and _TARGET_OF.search(sentence[max(0, change.start - 60) : change.start]):
            # "we have reduced emissions by 35%, surpassing our 2025 target of 30%": a change by a
            # percentage, restated as the target; the figure is a reduction too, not a share
            done = _last(_CHANGE_BY.finditer(sentence[_clause_start(sentence, change.start) : change.start]))
            if done is not None:
                sign = "-" if re.fullmatch(_DOWN, done.group("verb") or "", re.I) or (done.group("noun") or "").lower() in ("reduction", "decrease") else "+"
                n = change.value or 0.0
                changes[index] = Change(change.start, change.end, f"{sign}{_fmt(n)}%", -n if sign == "-" else n, "absolute", "pct", change.years)
    if list_year is not None and not years:  # an item of a list headed "Our 2030 targets:"
        for change in changes:
            change.years.append((list_year, len(sentence), len(sentence)))
    for first, then in reversed(list(zip(changes, changes[1:]))):
        # "use 15% recycled steel, 35% recycled aluminium and 10% recycled plastics by 2027"
        if not first.years and then.years and then.years[0][1] >= then.end and (
                first.kind == then.kind
                and re.fullmatch(r"[^;.%\d]{0,45}", sentence[first.end : then.start])
                and not re.search(r"\b(?:to|will|shall|was|were|is|are|targeting|aiming|seeking|planning)\b", sentence[first.end : then.start], re.I)
                and re.search(r",|\band\b|、|和|及", sentence[first.end : then.start])
                or _NEXT_VERB.fullmatch(sentence[first.end : then.start]) and first.form in ("verb-pct", "pct-noun")):
            # "committed to reducing emissions by at least 50%, increasing energy efficiency by 25% and
            # increasing the share of renewables to 46% by 2030": clauses of one verb list share its year
            first.years.append(then.years[0])
    for first, then in zip(changes, changes[1:]):
        # "By 2030 we will support 10 million young people and 10 million women": a year before a list
        if (first.years and first.years[-1][2] <= first.start and not then.years and first.kind == then.kind
                and re.fullmatch(r"[^;.%\d]{0,45}", sentence[first.end : then.start])
                and not re.search(r"\b(?:to|will|shall|was|were|is|are)\b", sentence[first.end : then.start], re.I)
                and re.search(r",|\band\b|、|和|及", sentence[first.end : then.start])):
            then.years.append(first.years[-1])
    for change in changes:
        if not change.years:  # "In FY2013, we committed to invest $250 billion over ten years": due ten years on
            span = _span(sentence, change)
            anchor = _last(_ANCHOR.finditer(sentence[: change.start]))
            if span is not None and anchor is not None:
                n = _WORD_NUMBERS.get(span.group("n").lower()) or int(span.group("n")) if span.group("n").isdigit() or span.group("n").lower() in _WORD_NUMBERS else 0
                if 1 < n <= 30:
                    change.years.append((int(anchor.group("y")) + n, anchor.start("y"), anchor.end("y")))
    if len(years) == 1 and _IMPERATIVE.match(sentence) and all(c.end <= years[0][1] for c in changes):
        # a bullet of a target list: "Launch more than 25 new products and ... will account for more than 40% by 2025"
        for change in changes:
            if not change.years:
                change.years.append(years[0][:3])
    opening = next(((y, a, b) for y, a, b, forward in years if forward and not sentence[:a].strip(" •–-*")), None)
    if opening is not None and len(years) == 1:
        # "By 2025, we will realize 100% of ..., establish more than 2,000 ... and the number of users will exceed
        # 10 million": a year that opens the sentence is the year of every change in it
        for change in changes:
            if not change.years and change.start >= opening[2]:
                change.years.append(opening)
    if list_year is not None and years:  # an item of a dated list whose own year is another change's
        for change in changes:           # ("Make cumulative sales of N ..., targeting annual sales of M in 2030")
            if not change.years:
                change.years.append((list_year, len(sentence), len(sentence)))
    out: list[Found] = []
    for index, change in enumerate(changes):
        left = changes[index - 1].end if index else 0
        right = changes[index + 1].start if index + 1 < len(changes) else len(sentence)
        clause_start = max(left, _clause_start(sentence, change.start))
        head = sentence[clause_start : change.start]
        committed = vocab.commitment.search(sentence[max(0, clause_start - 80) : min(len(sentence), change.end + 60)]) is not None
        if not change.years and _YEARLESS.search(sentence[max(0, change.start - 160) : change.start]):
            committed = True  # "is expected to be no higher than 1.2": a design target
        if change.form == "amount" and (span := _span(sentence, change)) is not None and re.search(r"\b(?:next|following)\b", span.group(0), re.I):
            committed = True  # "a $10 million investment over the next five years": money not yet spent
        future = bool(change.years) and (period_year is None or change.years[0][0] > period_year)
        if future and vocab.commitment.search((joined + sentence[: change.start])[-300:]):
            committed = True  # "X has committed to ... by 2026 and ... by 2031 - on the way to zero emissions by 2045"
        if future and change.form == "pct-noun" and re.fullmatch(r"[\s•▪■·*–-]*", sentence[clause_start : change.start]):
            committed = True  # a clause that is the target: "15% reduction in energy consumption per unit by 2027"
        if future and change.form == "pct" and _SHARE_DUE.match(sentence, change.end):
            committed = True  # "100% of fiber packaging to be deforestation-free by 2030"
        if future and _IMPERATIVE.match(sentence):
            committed = True  # a bullet of a target list: "Use 15% recycled steel ... by 2027"
        if future and change.form in ("zh-pct", "pct", "floor", "bound") and _ZH_DUE.search(sentence):
            committed = True  # "到2030年，...降低30%"
        if change.form == "labelled" and change.years and period_year is not None and change.years[0][0] > period_year:
            committed = True  # "Net sales of X: 30 billion yen in fiscal 2027" in a report of 2025: a figure not yet reached
        if not committed and (not heading or heading == "bounds" and change.form not in ("bound", "floor")):
            continue
        if _FORECAST.search(sentence[clause_start : change.start]) and not _OWN_AIM.search(sentence[clause_start : change.end]):
            continue
        if not change.years and len(re.findall(r"\d[\d,.]*", sentence[max(0, change.start - 120) : change.end + 120])) > 8:
            continue  # a run of figures is a table, and a bound in it a category ("≤30 kWh/m²")
        other = None
        for other in vocab.others.finditer(head[-90:]):
            pass
        if other is not None and not _WE.search(head[-90:][other.end() :]):
            continue
        if not change.years:
            annual = _ANNUAL.search(sentence[change.end : change.end + 45])
            if annual:
                change = Change(change.start, change.end + annual.end(), f"{change.change} per year", change.value, change.kind, change.form)
            yearless = bool((change.form in ("bound", "zero", "pct-noun", "quantity") or annual) and _YEARLESS.search(sentence[max(0, change.start - 160) : change.start]))
            if change.form == "amount" and committed and (annual or _span(sentence, change) is not None):
                yearless = True  # "committed $25 million over five years", "a commitment of $500,000 annually": no due year
            if change.form == "pct" and (_STANDING.search(sentence[max(0, change.start - 60) : change.start])
                                         or re.fullmatch(r"(?:goals?|targets?|objectives?|commitments?)\s*[:：]?", heading.strip(), re.I) and _IMPERATIVE.match(sentence)):
                yearless, change.standing = True, True  # "GOAL: Continue to replenish 100% of the water we use"; under "Goal": "Source 100% of priority ingredients"
            if not yearless:
                continue
            windows: list[tuple[int | None, int, int]] = [(None, clause_start, right)]
        elif len(change.years) == 1:
            year, year_start, year_end = change.years[0]
            stop = right
            if year_start >= right:  # a list sharing one year ("100% in Europe, 90% in North America ... covered by renewable ... from 2025")
                stop = year_end
            elif year_start >= change.end:  # the clause goes on to the next comma or "and" after the year
                tail = re.search(r",|\band\b|；|，", sentence[year_end:right])
                stop = year_end + tail.start() if tail else right
            windows = [(year, clause_start, stop)]
        else:
            windows = []
            last = clause_start
            for each, _, each_end in change.years:
                windows.append((each, last, each_end))
                last = each_end
        spans = [(a, b) for _, a, b, _ in years]
        for due, lo, hi in windows:
            out.extend(_found(page, offset, sentence, change, sentence[lo:hi], due, vocab, clause_start, right, lo, spans, topic,
                              bool(joined)))
    return out


_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20}
_SPAN_N = r"(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)"
_SPAN_AFTER = re.compile(rf"\s+(?:[\w’'-]+\s+){{0,4}}?(?:over|within)\s+(?:the\s+(?:next|following)\s+)?{_SPAN_N}\s+years\b", re.I)
_SPAN_BEFORE = re.compile(rf"\b{_SPAN_N}[-\s]year(?:\s+(?:commitment|goal|target|plan|pledge|programm?e?)\b|,?\s+(?=(?:US\$|HK\$|\$|£|€)\s?\d))", re.I)
_ANCHOR = re.compile(r"\b(?:in|since|from|starting\s+in)\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(?:(?:fiscal|financial)\s+(?:year\s+)?|FY\s?)?(?P<y>(?:19|20)\d\d)\b", re.I)


def _span(sentence: str, change: Change) -> re.Match[str] | None:
    """The span of years a change is spread over: "$10 million over the next five years", "a five-year, $20 million"."""
    return _SPAN_AFTER.match(sentence, change.end) or _last(_SPAN_BEFORE.finditer(sentence[max(0, change.start - 60) : change.end]))


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    found = None
    for found in matches:
        pass
    return found


def _clause_start(sentence: str, position: int) -> int:
    """Where the clause that holds ``position`` starts: the sentence, or a "; " before it."""
    cut = max(sentence.rfind(";", 0, position), sentence.rfind("；", 0, position))
    return cut + 1 if cut >= 0 else 0


def _found(page: Page, offset: int, sentence: str, change: Change, window: str, year: int | None,
           vocab: Vocabulary, clause_start: int, right: int, window_at: int, spans: list[tuple[int, int]], topic: Subject | None,
           joined: bool = False) -> list[Found]:
    change.window_start, change.window_end = change.start - window_at, change.end - window_at
    if change.form in ("tally", "labelled"):  # a count names what it counts: its own words, not the clause's
        free = _free_subject(sentence, change, vocab)
        if free is None:
            return []
        subjects = [free]
    elif change.form == "pct" and _RATE_BEFORE.search(sentence[: change.start]):  # "a circularity rate of 70%" names its subject
        free = _free_subject(sentence, change, vocab)
        subjects = [free] if free is not None else _subjects(window, vocab, change)
    else:
        subjects = _subjects(window, vocab, change)
        if change.form == "amount":  # money "to support women in science" is an amount, not a share of women;
            # money "in training programmes" is no count of training hours: a metric only when it counts money
            subjects = [(Subject(pattern=s.pattern, pillar=s.pillar, subject=(t or s.subject or "")[:80]), t)
                        if s.share or (s.metric is not None and metric(s.metric).dimension != "money") else (s, t)
                        for s, t in subjects]
    if not subjects:  # the subject may come before an earlier change of the clause ("to 78% against a target of 75%")
        wide = sentence[_clause_start(sentence, change.start) : window_at + len(window)]
        if len(wide) > len(window):
            change.window_start, change.window_end = change.start - (window_at + len(window) - len(wide)), change.end - (window_at + len(window) - len(wide))
            subjects = _subjects(wide, vocab, change)
    if not subjects and topic is not None and change.form in ("verb-pct", "noun-pct", "pct-noun") and re.search(r"\btargets?\b", window, re.I):
        subjects = [(topic, "")]
    if not subjects and joined and topic is not None and change.form in ("pct", "zero", "verb-pct", "pct-noun", "bound"):
        subjects = [(topic, "")]  # "... packaging 100% recyclable by 2031; and contain 0% single-use plastic by 2027"
    if not subjects and (year is not None or change.standing) and change.form in ("pct", "fraction", "floor", "bound", "level", "amount"):
        free = _free_subject(sentence, change, vocab)  # "100% of our own-brand packaging recyclable by 2027"
        subjects = [free] if free is not None else []
    if not subjects and year is not None and _LABEL[0] and re.match(r"[\s•▪■·*–-]*(?:goal|target|ambition)s?\s*[:：]", sentence, re.I):
        label = re.sub(r"^(?:percentage|share|proportion|number|amount)\s+of\s+", "", _LABEL[0], flags=re.I)
        known = vocab.subject_of(label)  # "Goal: 80% by 2027" under the measure it belongs to
        subjects = [(known, label) if known is not None else (Subject(pattern=re.compile(re.escape(label), re.I), pillar=vocab.free_pillar(label), subject=label[:80]), label)]
    if not subjects:
        return []
    baseline_year, baseline_value = _baseline(sentence[clause_start:right], vocab, year, [(a - clause_start, b - clause_start) for a, b in spans])
    scope = next((name for pattern, name in vocab.scopes if pattern.search(window)), None)
    boundary = None
    nearest = None
    for pattern in vocab.boundaries:
        for b in pattern.finditer(window):
            distance = max(0, b.start() - change.window_end, change.window_start - b.end())
            if nearest is None or distance < nearest:
                nearest, boundary = distance, " ".join(b.group("b").split())
    status = vocab.status_of(sentence[clause_start:right])
    result = _RESULT_AGAINST.search(sentence[max(0, change.start - 120) : change.start])  # "to 78% against a 2023 target of 75%"
    text = " ".join(sentence[clause_start:right].split()).strip(" ,;:•")
    out = []
    for subject, subject_text in subjects:
        kind = change.kind
        if change.form in ("verb-pct", "noun-pct") and subject.lower and change.change.startswith("+") and re.search(r"improv", sentence[change.start : change.end], re.I):
            change = Change(change.start, change.end, "-" + change.change[1:], -(change.value or 0), change.kind, change.form, change.years)
        metric_scope = scope
        if subject.emissions and change.kind == "net_zero" and scope is None:
            metric_scope = None
        out.append(Found(
            page=page, start=offset + change.start, end=offset + change.end, text=text[:400], change=change.change,
            value=change.value, kind=kind, subject=subject, target_year=year, baseline_year=baseline_year,
            baseline_value=baseline_value, scope=metric_scope, boundary=boundary, status=status,
            progress_value=number(result.group("v")) if result else None, progress_text=result.group("v") if result else None,
            subject_text=subject_text, context=window, near=window[max(0, change.window_start - 40) :], quote_from=offset + _clause_start(sentence, change.start), quote_to=offset + right,
        ))
    return out


_GENERIC_UNIT = re.compile(r"(?:MWp?|GWp?|kWp?|units?|times|or\s+more|in\s+\d+)$", re.I)
_PHRASE_AFTER = re.compile(r"\s*(?:of\s+)?(?:(?:the|our|its|their|all|total|global|them)\s+)*(?P<np>(?:(?!(?:by|in|to|from|will|are|is|be|was|were|through|via|with|across|at|for|and|or|before|on|each|every|per|according|under|over|within|including|using|that|which|who)\b)[A-Za-z](?:[\w’'&/-]|\.(?=[A-Za-z]))*\.?\s*){1,6})", re.I)
_FUNCTION_WORD = re.compile(r"(?:the|our|its|their|a|an|and|with|set|up|which|who|that|has|have|had|is|are|was|to|be|will|of|in|for|we|it|this|these)", re.I)
_SPENT_ON = re.compile(r"(?:\s+(?:over|within)\s+(?:the\s+next\s+)?[\w-]+\s+years)?\s+(?:in|on|into|for|towards?)\s+(?P<np>(?:(?!(?:by|over|until|from|through)\b)[A-Za-z][\w’'&/-]*,?\s+){0,7}[A-Za-z][\w’'&/-]*)", re.I)
_RATE_BEFORE = re.compile(r"\b(?:an?|the|our|its)\s+(?P<np>(?:(?!(?:of|to|by|in|and|or)\b)[A-Za-z][\w'’-]*\s+){0,3}(?:rate|share|proportion|percentage|ratio))\s+of\s+(?:(?:more\s+than|over|at\s+least|about|around)\s+)?$", re.I)
_LEVEL_BEFORE = re.compile(r"\b(?:the|our|its)\s+(?P<np>(?:(?!(?:will|to|shall|by|in|of|and)\b)[A-Za-z][\w’'-]*\s+){1,4}?)(?:will|is\s+to|shall|should)\s+$", re.I)
_PHRASE_BEFORE = re.compile(r"\b(?:increas\w*|rais\w*|improv\w*|bring\w*|lift\w*|grow\w*)\s+(?:the\s+|our\s+|its\s+)?(?P<np>(?:[A-Za-z][\w’'-]*\s+){1,5}?)to\s+(?:(?:more\s+than|over|at\s+least|about)\s+)?$", re.I)


def _free_subject(sentence: str, change: Change, vocab: Vocabulary) -> tuple[Subject, str] | None:
    """A subject in the target's own words when the vocabulary has none: what a count counts
    ("digital smart stores", the label of "the sales volume target of X is 80,000 units"), or
    what a share is of ("100% of our own-brand packaging"); its pillar from its words."""
    printed = sentence[change.start : change.end]
    text = ""
    if change.form == "labelled":
        text = change.label
    elif change.form == "tally":
        unit = change.change.split(" ", 1)[1] if " " in change.change else ""
        unit = re.sub(r"^(?:million|billion|thousand|bn|M|B)(?:\s+|$)", "", unit)
        words = change.label.split()
        while words and _FUNCTION_WORD.fullmatch(words[0]):
            words.pop(0)
        while words and _FUNCTION_WORD.fullmatch(words[-1]):
            words.pop()
        label_text = " ".join(words)
        if unit and not _GENERIC_UNIT.search(unit):
            text = unit
        elif label_text:
            text = label_text
        else:
            inside = re.sub(r"\s+(?:to\s+be|will\s+be|are\s+scheduled|is\s+scheduled|are\s+planned|is\s+planned)$", "",
                            re.sub(rf"^.*?{NUM}\s*(?:(?:million|billion|thousand|bn|M|B)\s+)?(?:MWp?|GWp?|kWp?|units?)?\s*", "", printed))
            after = _PHRASE_AFTER.match(sentence, change.end)
            if inside and inside != printed:  # "50MW solar power stations to be built"
                text = f"{inside} ({unit})" if unit else inside
            else:
                text = f"{unit} {after.group('np').strip()}".strip() if after else unit
    elif change.form == "amount":  # "invest $250 billion over ten years in products that support American jobs"
        spent = _SPENT_ON.match(sentence, change.end)
        text = spent.group("np") if spent else ""
    elif _RATE_BEFORE.search(sentence[: change.start]):  # "achieve a circularity rate of 70%"
        rate = _RATE_BEFORE.search(sentence[: change.start])
        text = rate.group("np") if rate else ""
    else:
        after = _PHRASE_AFTER.match(sentence, change.end)
        text = after.group("np").strip() if after else ""
        before = _PHRASE_BEFORE.search(sentence[: change.start])
        if len(text) < 3 and before:  # "increase the saving rate to more than 40%"
            text = before.group("np")
        cell = re.fullmatch(r"[\W\d]*(?P<np>[A-Za-z][^:：;.%\d]{2,80}?)\s*[:：]\s*", sentence[: change.start])
        if len(text) < 3 and cell and change.form in ("bound", "floor"):  # "Completion rate of hazard rectification: ≥98.5%"
            text = cell.group("np")
        level = _LEVEL_BEFORE.search(sentence[: change.start])
        if change.form == "level" and level:  # "the methanol consumption will drop to 7.6L per 100 km"
            text = level.group("np")
    text = " ".join(text.split()).strip(" ,.;:-’'")
    if re.fullmatch(r"(?:them|it|these|those|this|that|which)", text, re.I):  # "half of them": the subject before
        return _LAST_FREE[0]
    if len(text) < 3 or not re.search(r"[A-Za-z]{3}", text):
        return None
    known = vocab.subject_of(text)
    if change.form == "amount" and known is None and not any(pattern.search(text) for _, pattern in vocab.free_pillars):
        return None  # money for something whose pillar its words do not tell: left out rather than guessed
    if known is not None and known.share and change.form in ("tally", "labelled"):
        known = Subject(pattern=known.pattern, pillar=known.pillar, subject=text[:80])  # "hire 500 women" is a count, not a share
    found = (known, text) if known is not None else (
        Subject(pattern=re.compile(re.escape(text), re.I), pillar=vocab.free_pillar(text), subject=text[:80]), text)
    _LAST_FREE[0] = found
    return found


def _subjects(window: str, vocab: Vocabulary, change: Change) -> list[tuple[Subject, str]]:
    """The subjects a clause names: one, or two joined by "and" ("electricity and water consumption")."""
    hits: list[tuple[int, int, Subject, str, int]] = []
    for order, subject in enumerate(vocab.subjects):
        best: tuple[int, re.Match[str]] | None = None
        for m in subject.pattern.finditer(window):
            distance = max(0, m.start() - change.window_end, change.window_start - m.end())
            if best is None or distance < best[0]:
                best = (distance, m)
        if best is not None:
            hits.append((best[0], order, subject, best[1].group(0), best[1].start()))
    # a share is of what is renewable, female, ... ("cover 100% of our electricity usage with renewable electricity")
    hits.sort(key=lambda h: (not (change.kind == "share" and h[2].share), h[0], h[1]))
    if not hits:
        if _LAST[0] is not None and re.search(r"\b(?:it|them|this)\s+(?:\w+\s+)?$", window[: change.window_start], re.I):
            return [(_LAST[0], "it")]
        if change.kind == "net_zero":
            ghg = next(s for s in vocab.subjects if s.metric == "ghg_total")
            return [(ghg, "net zero")]
        return []
    first = (hits[0][2], hits[0][3])
    _LAST[0] = first[0]
    out = [first]
    # a pair joined by "and" / 和 names two targets with one change
    a = hits[0][4]
    for _, _, subject, printed, position in hits[1:]:
        if subject.pillar == first[0].pillar and subject.name != first[0].name and not subject.emissions and not first[0].emissions:
            lo, hi = (a + len(first[1]), position) if a < position else (position + len(printed), a)
            if re.fullmatch(r"\s*(?:and|&|,|和|及|与|、)\s*", window[lo:hi] or "x") and all(o[0].name != subject.name for o in out):
                out.append((subject, printed))
    return out
