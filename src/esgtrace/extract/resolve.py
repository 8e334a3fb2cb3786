"""From records to facts: which metric, which breakdown, which period, which value.

Records of one table are read in order with a little state, as a reader would: a row
that names a metric becomes the parent of the rows below it; "By gender" announces the
breakdown key of the rows that follow; a row that only names a group ("Female",
"- Stationary combustion", "Capital goods") belongs to the parent's metric; a bulleted
row under a group row ("Canada" / "- Natural gas") keeps that group; a block that opens with
another part of the value chain ("Supply chain ...") holds that part's figures, stored with its
segment; so does a table whose heading names a part of the business after "in" or "on"
("Energy Consumption in the Portfolio"), for that row and the rows below it. When a label
could name several metrics, the first whose unit the printed unit
converts to wins. A total row first in a table whose caption names a part of that total's
metric ("... (Scope 1 and 2)") is the caption's metric; counts of a part under a share row
("Up to 29 years old (%)" / "thereof number of ...") are no reading. A group the heading
itself names ("Employees abroad by category:") holds for the group rows below it; rows of one
metric told apart by their own words are kinds of it, under a catalogue key when the words
name a known group ("... with water stress": a region), else as a category. A row that names
nothing but restates a whole printed further up, larger than the parent above ("Waste
processed" under "Hazardous waste"), ends the parent's block: the group rows below it are
that whole's, not the parent's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from esgtrace.catalogue import Metric, metric as metric_by_id, metrics
from esgtrace.extract.labels import (
    MetricMatch,
    announced_key,
    best_metric,
    boundary_of,
    clean_label,
    label_year,
    match_group,
    match_metrics,
    names_a_part,
    narrowed,
    part_of_above,
    remainder,
    says_count,
    says_share,
    segment_named,
)
from esgtrace.extract.vocabulary import group_words, names_an_event
from esgtrace.extract.records import Record
from esgtrace.extract.standalone import STANDALONE_TABLE_BASE
from esgtrace.normalise import Normalised, normalise, strip_glued_footnote
from esgtrace.normalise.periods import Period

_BULLETED = re.compile(r"^\s*[-–•■●▪]\s*")
_TOTAL = re.compile(r"^(?:total|sub-?total|overall|all|合计|总计)$", re.I)
# generic breakdown keys any counted metric may take; the others only where the catalogue says
_GENERIC_KEYS = {"gender", "age", "region", "employment_type", "category", "source", "energy_type"}


Option = tuple[Metric, dict[str, str], str]
"""A reading of a record: metric, breakdown and role (primary, companion or fallback)."""


@dataclass(slots=True)
class TableState:
    """What a reader keeps in mind while going down a table."""

    caption_metric: Metric | None = None
    parent: Metric | None = None
    parent_breakdown: dict[str, str] = field(default_factory=dict)
    parent_is_group: bool = False
    key: str | None = None
    heading_unit: str = ""
    last: Record | None = None
    parents: list[str] = field(default_factory=list)
    heading: str = ""  # the label of the heading row (no figures) that named the parent
    heading_breakdown: dict[str, str] = field(default_factory=dict)  # the group that heading named ("Employees abroad by category")
    parent_label: str = ""  # the label of the row that named the parent, with or without figures
    row: tuple[str, list[Option]] = field(default_factory=lambda: ("", []))  # the last row with figures (its label as printed) and its readings
    row_share: bool = False  # the last row with figures is a share (printed in %, or its label says so)
    caption_key: str | None = None  # a key the caption announced ("... by region (MWh)") holds for the table
    scopes: dict[str, dict[str, float]] = field(default_factory=dict)  # GHG scope rows: metric -> period -> value
    scope_unit: str = ""  # the unit the scope rows were printed in
    # a row with figures that names no metric or group, prints more than the parent row above
    # and repeats the figures of a row further up ("Waste processed 1,099,197" under "Hazardous
    # waste 321,627", as "Waste generated" printed): a second breakdown of that whole, no part
    # of the parent; the rows below it are its groups, not the parent's nor the caption's
    orphan: bool = False
    parent_values: dict[str, float] = field(default_factory=dict)  # the parent row's figures by period
    printed: list[dict[str, float]] = field(default_factory=list)  # the figures of each row above, by period
    chain: str = ""  # the part of the value chain (not the reporter's own) the block's rows belong to, as printed


@dataclass(frozen=True, slots=True)
class Candidate:
    """A value ready to become a fact."""

    record: Record
    metric: Metric
    period: str
    breakdown: dict[str, str]
    normalised: Normalised
    reported_unit: str
    span: Period | None = None


def accepts(metric: Metric, key: str) -> bool:
    """Whether ``metric`` may carry a breakdown of ``key``."""
    return key in metric.breakdowns or (key in _GENERIC_KEYS and key != "fuel" and not metric.whole_only)


class Resolver:
    """Turns the records of one document, in reading order, into candidates.

    :param period: the report's own period, for values printed without a year
    :param footnotes: footnote numbers each page defines (for markers glued to figures)
    :param issuer: the reporting company, as detected (rows qualified by another entity are not its figures)
    """

    def __init__(self, period: str | None, footnotes: dict[int | None, set[str]], issuer: str | None = None) -> None:
        self.period = period
        self.footnotes = footnotes
        self.issuer = issuer
        self.states: dict[int, TableState] = {}
        self.last_caption: tuple[str, int] | None = None
        self.segments: dict[int, str] = {}  # table -> the part of the business its block heading named

    def state_of(self, record: Record) -> TableState:
        assert record.table is not None
        state = self.states.get(record.table)
        if state is None and record.table >= STANDALONE_TABLE_BASE:
            state = self.states[record.table] = TableState()  # a stand-alone figure has no table around it
            return state
        if state is None:
            caption = clean_label(record.caption)
            if self.last_caption and caption and self.last_caption[0] == caption:
                # the same table continued on the next page: keep what the reader knew
                state = self.states[self.last_caption[1]]
            else:
                state = TableState()
                head = announced_key(caption)
                subject = caption[: head[1]] if head else caption
                if record.caption_unit and subject.rfind(record.caption_unit) > 0:
                    # "Energy consumption in kWh in 000s": the subject, without the unit it is printed in
                    subject = re.sub(r"(?:\s+in|\s*[(（])\s*$", "", subject[: subject.rfind(record.caption_unit)])
                match = best_metric(subject) if subject else None
                state.caption_metric = match.metric if match else None
                state.key = state.caption_key = head[0] if head else None
            self.states[record.table] = state
            self.last_caption = (caption, record.table)
        return state

    def resolve(self, record: Record) -> list[Candidate]:
        """The candidates one record yields (none when nothing fits)."""
        if record.metric is not None:
            years = record.caption.split() if record.method == "prose" else []
            own = re.search(r"(?:19|20)\d\d", self.period or "")
            if years and (own is None or own.group(0) not in years):
                return []  # the sentence speaks of another year: its period would be a guess
            options: list[Option] = [(metric_by_id(record.metric), dict(record.breakdown), "primary")]
            return self._emit(record, options, record.caption_unit)
        if record.table is None:
            match = best_metric(clean_label(record.label))
            return self._emit(record, [(match.metric, dict(record.breakdown), "primary")], record.caption_unit) if match else []
        state = self.state_of(record)
        table = record.table
        named = segment_named(record.label)
        if named:
            # "Energy Consumption in the Portfolio": this row and the table's rows below it are that part's
            self.segments[table] = named
        printed = record
        if not record.values:
            # a sub-heading row: the unit it prints is the unit of the rows below it
            state.heading_unit = record.unit
            if record.unit and not clean_label(record.label):
                # a unit alone ("(mtCO2e)") starts a new block of the table: the rows above are no parents
                state.parent, state.parent_breakdown, state.parent_is_group = None, {}, False
                state.heading = state.parent_label = ""
        elif (not record.unit and part_of_above(record.label) and state.last is not None and state.last.values
              and state.last.unit and not any(v.number.percent for v in record.values)):
            # "of which ..." under a row with a unit: a part is printed in the unit of its whole
            record = replace(record, unit=state.last.unit)
        elif not record.unit and state.heading_unit and not any(v.number.percent for v in record.values):
            size = _MAGNITUDE.search(record.label)
            unit = f"{size.group(1).rstrip('s')} {state.heading_unit}" if size else state.heading_unit
            record = replace(record, unit=unit, label=record.label[: size.start()].strip() if size else record.label)
        if (record.values and not record.unit and not record.caption_unit and state.scope_unit
                and _TOTAL.match(clean_label(record.label))):
            record = replace(record, unit=state.scope_unit)  # a total below scope rows is in their unit
        bounded, other = self._boundary(record, state)
        if bounded is None:
            return []
        bounded = self._value_chain(bounded, state)
        above, record = state.last, bounded
        state.last = record
        if record.values:
            state.printed.append(_by_period(record))
        options = self._options(record, state)
        if options and record.values and _split_of_an_event(record, above):
            # "Employees 12" under "Occupational illness notifications (number) 120": the
            # notifications of employees, not how many they are
            options = [o for o in options if not _counts_people(o[0])]
        if record.values and not record.part_of and not part_of_above(record.label):
            # the last whole row: "thereof ..." rows below it are its parts, not wholes themselves
            state.row = (record.label, options)
            state.row_share = says_share(record.label, record.unit) or any(v.number.percent for v in record.values)
        if other:
            return []
        found = self._emit(record, options, record.caption_unit)
        if not found and record.unit != printed.unit and printed.label == record.label:
            found = self._emit(printed, options, record.caption_unit)  # a count under a heading with a unit
        if state.chain:
            # a row of the supply chain's block: that part's figure, not the company's
            found = [replace(c, breakdown={**c.breakdown, "segment": state.chain}) for c in found if "segment" not in c.breakdown]
        segment = self.segments.get(table)
        if segment:
            found = [c if "segment" in c.breakdown else replace(c, breakdown={**c.breakdown, "segment": segment})
                     for c in found]
        for c in found:
            if not c.breakdown and c.metric.id in _SCOPES:
                state.scopes.setdefault(c.metric.id, {})[c.period] = c.normalised.value
                state.scope_unit = c.reported_unit
        return found

    def _sum_of_scopes(self, record: Record, state: TableState) -> list[Option]:
        """A "Total" row below GHG scope rows that adds up to them, period by period, is the
        total of those scopes (Scope 1 + 2: also the Scope 1 and 2 figure)."""
        unit = record.unit or record.caption_unit
        totals: dict[str, float] = {}
        for value in record.values:
            norm = normalise(value.number, unit, "ghg_total") if unit else None
            if norm is None or value.period is None:
                return []
            totals[value.period.label] = norm.value
        for parts, metrics_ in _SCOPE_SUMS:
            if not all(p in state.scopes for p in parts):
                continue
            periods = [p for p in totals if all(p in state.scopes[m] for m in parts)]
            if periods and all(abs(sum(state.scopes[m][p] for m in parts) - totals[p]) <= 0.005 * max(totals[p], 1)
                               for p in periods):
                return [(metric_by_id(m), {}, "primary" if n == 0 else "companion") for n, m in enumerate(metrics_)]
        return []

    def _boundary(self, record: Record, state: TableState) -> tuple[Record | None, bool]:
        """A row qualified by an entity in brackets: "(The Company)" is the reporting company's
        figure, "(the Company system)" another boundary's (read for context, no fact).

        A row that is only such a qualifier repeats the row above for that entity, in its unit.
        """
        found = [(m, _entity(m.group(1), self.issuer)) for m in _BRACKETS.finditer(record.label)]
        found = [(m, kind) for m, kind in found if kind]
        if not found:
            return record, False
        label = record.label
        for m, _ in reversed(found):
            label = label[: m.start()] + label[m.end() :]
        label = re.sub(r"\s+", " ", label).strip()
        other = any(kind == "other" for _, kind in found)
        if clean_label(label):
            return replace(record, label=label), other
        above = state.last
        if above is None or not above.values:
            return None, other
        return replace(record, label=above.label, unit=record.unit or above.unit), other

    def _value_chain(self, record: Record, state: TableState) -> Record:
        """A row whose label opens with another part of the value chain than the reporter's own
        operations ("Supply chain Renewable electricity use"), and the rows below it in its block,
        are that part's figures: the block carries it as their segment. A row opening with the
        reporter's own boundary ("Corporate facilities Total") is the company's figure and ends
        such a block, as does a heading row (no figures) that names no boundary. A row with
        figures is read without its boundary words (a heading keeps its label); a row that is
        only the boundary and prints figures ("Supply chain 12") is read as printed.
        """
        found = boundary_of(clean_label(record.label))
        if found is None:
            if not record.values:
                state.chain = ""
            return record
        kind, name, rest = found
        if not rest and record.values:
            return record
        state.chain = name if kind == "other" else ""
        return replace(record, label=rest) if rest and record.values else record

    def _options(self, record: Record, state: TableState) -> list[Option]:
        raw = record.label
        bulleted = bool(_BULLETED.match(raw.split(" - ")[-1] if " - " in raw else raw))
        label = clean_label(raw)
        parent = state.parent or (None if state.orphan else state.caption_metric)
        # 0. a part of the row above: its figures and its siblings' add up to that row's
        if record.part_of:
            segment = record.breakdown.get("segment")
            whole, readings = state.row
            if not segment or whole != record.part_of:
                return []
            return [(m, {**b, "segment": segment}, role) for m, b, role in readings]
        # 1. a Scope 3 category under the Scope 3 row
        if parent is not None and "scope3_category" in parent.breakdowns:
            group = match_group(label, "scope3_category")
            if group and group[0] == "scope3_category":
                # a heading group of the coarser key ("Upstream" / "Downstream" over the categories)
                # says less than the row's own category: it is not added
                kept = {k: v for k, v in state.parent_breakdown.items() if k != "category"}
                return [(parent, {**kept, group[0]: scope3_categories(label) or group[1]}, "primary")]
        # 0a. "thereof number of ..." under a share row ("Up to 29 years old (%)"): a count of a
        # part of that row's group, which the row's own words do not name whole: no reading
        if record.values and part_of_above(raw) and state.row_share and says_count(raw):
            return []
        # 0b. "thereof women" under a row with figures: a group of that row, not a total of its own
        if record.values and part_of_above(raw) and best_metric(label) is None:
            return self._sub_row(record, label, state)
        key_span = announced_key(label)
        head, tail = (label[: key_span[1]].strip(), label[key_span[2] :].strip()) if key_span else (label, "")
        if key_span:
            state.key = key_span[0]
        tail = clean_label(tail)
        group_text = tail or label
        match = best_metric(head) if head else None
        if match is None and tail:
            match = best_metric(tail)
            tail = "" if match else tail
        inherited = dict(state.parent_breakdown) if (bulleted and state.parent_is_group) else {}
        if match is not None and names_a_part(head, match):
            return []  # a part of the metric ("hazardous waste recovered via ..."), not the metric
        if match is not None and narrowed(head, match):
            return []  # "employees who took parental leave": some of the counted, not the count
        if match is not None and parent is not None and match.metric.id == parent.id and part_of_above(raw):
            # "In which: circulating water consumption" under "Total water consumption": a group of it
            group_text = group_words(head, match.metric)
            if not group_text:
                return []
            return [(parent, {**state.parent_breakdown, "category": group_text}, "primary")]
        if match is not None and state.heading and parent is not None and parent.id != match.metric.id:
            # "General employees" under "Percentage of employee training by types of employees":
            # a group the heading's key announced, of the heading's metric, not another metric
            staff = match_group(head, state.key)
            if staff is not None and staff[0] in (state.key or staff[0]) and accepts(parent, staff[0]):
                return [(parent, {**state.parent_breakdown, **dict([staff])}, "primary")]
        if match is not None:
            group = (match_group(tail, state.key) if tail else None) or _remainder_group(head, match)
            breakdown = {**inherited, **({group[0]: group[1]} if group else {})}
            variant = self._variant(head, match.metric, state)
            if variant is not None:
                # "Scope 2 – CO2" under the heading "Scope 2 (market-based)": the heading's variant
                return [(variant, {**state.parent_breakdown, **breakdown}, "primary")]
            caption = state.caption_metric
            if (caption is not None and caption.id in match.metric.whole_of and not state.parents
                    and re.match(r"total\b", head, re.I)):
                # "Total CO2eq emissions" first in a table captioned "... (Scope 1 and 2)": the
                # total of what the caption names, a part of the row's wider metric
                match = replace(match, metric=caption)
            options: list[Option] = [(match.metric, breakdown, "primary")]
            companions = _companions(head, match)
            options += [(m.metric, breakdown, "companion") for m in companions]
            # shorter matches are other readings, tried when the unit rules the first out
            others = [m for m in match_metrics(head) if m.metric.id != match.metric.id and m not in companions]
            options += [(m.metric, breakdown, "fallback") for m in others]
            fuel_group = match_group(group_text, "fuel")
            fuel_metric = _fuel_metric(parent)
            if fuel_group and fuel_group[0] == "fuel" and fuel_metric is not None:
                options.append((fuel_metric, {**inherited, "fuel": fuel_group[1]}, "fallback"))
            fuel_row = bool(fuel_group and fuel_group[0] == "fuel" and fuel_metric is not None)
            if (not bulleted or not state.parent_is_group) and not fuel_row:
                # a fuel row ("Diesel" under direct energy) is a group, not a new parent
                state.parent, state.parent_breakdown, state.parent_is_group = match.metric, breakdown, False
                state.orphan = False
                state.parent_values = _by_period(record)
                state.parents.append(match.metric.id)
                state.heading = head if not record.values else ""
                state.heading_breakdown = dict(breakdown) if not record.values else {}
                state.parent_label = head
                if not key_span:
                    state.key = state.caption_key
            return options
        if _TOTAL.match(tail or label):
            summed = self._sum_of_scopes(record, state) if len(state.scopes) > 1 else []
            if summed:
                return summed
            if re.fullmatch(r"sub-?total", tail or label, re.I):
                # a subtotal closes the block of its parent ("Scope 2 (location-based)" / regions /
                # "Subtotal"); under a parent row with figures of its own it closes a block within it
                kept = {} if state.parent_is_group else dict(state.parent_breakdown)
                return [(state.parent, kept, "primary")] if state.parent is not None and state.heading else []
            if len(set(state.parents)) > 1:
                # "Total" below rows of several metrics (Scope 1, Scope 2, Scope 3) sums them all:
                # it is the table's own metric, named by its caption, or no fact
                caption = state.caption_metric
                return [(caption, {}, "primary")] if caption is not None and caption.id not in state.parents else []
            return [(parent, {}, "primary")] if parent is not None else []
        if not record.values and says_share(head) and _subject_of_its_own(head):
            # "Percentage of vehicle models rated 5 stars, by region": a heading that names a
            # share of a subject no metric knows; the rows below are its groups, not the parent's
            state.parent, state.parent_breakdown, state.parent_is_group = None, {}, False
            state.heading = state.parent_label = ""
            state.key = key_span[0] if key_span else state.caption_key
            return []
        group = match_group(tail or label, state.key)
        if group is not None and parent is not None and _another_quantity(tail or label, parent):
            return []  # "Total water withdrawal by source" under "Water": not a group of water consumption
        if group is None and not record.values and not key_span:
            # a heading that names no metric, key or group ("Employee rights and benefits.")
            # starts a new block: the key a heading above announced ("... by region") ends
            state.key = state.caption_key
        if group is None and state.heading and state.parent is not None:
            return self._qualified(label, state)
        if group is None:
            kind = self._kind_of_caption(label, record)
            if kind is not None:
                state.parent, state.parent_breakdown, state.parent_is_group = kind, {}, False
                state.orphan = False
                state.parents.append(kind.id)
                state.heading, state.parent_label = ("" if record.values else label), label
                return [(kind, {}, "primary")]
        if group is None and record.values and not bulleted and not part_of_above(raw) and _not_a_part(record, state):
            state.parent, state.parent_breakdown, state.parent_is_group = None, {}, False
            state.heading = state.parent_label = ""
            state.orphan = True
            return []
        if group is None or parent is None:
            return []
        if group[0] == "fuel":
            fuel_metric = _fuel_metric(parent)
            return [(fuel_metric, {**inherited, "fuel": group[1]}, "primary")] if fuel_metric else []
        if not accepts(parent, group[0]):
            return []
        if group[0] == "category" and "scope3_category" in parent.breakdowns:
            # a row of a Scope 3 table that names no Scope 3 category ("Copper processing" under
            # a category heading the rows lost): its category would be a guess
            return []
        # the group a heading above named ("Employees abroad by category:") holds for its rows
        named = {k: v for k, v in state.heading_breakdown.items() if k != group[0]} if state.heading else {}
        breakdown = {**named, **inherited, group[0]: group[1]}
        if not bulleted:
            # a group row at the top level ("Canada") is the parent of the bulleted rows below
            state.parent_breakdown, state.parent_is_group = breakdown, True
            state.parent = state.parent or parent
        return [(parent, breakdown, "primary")]

    def _sub_row(self, record: Record, label: str, state: TableState) -> list[Option]:
        """A row introduced by "thereof", "of which", "davon", "其中" that names only a group
        ("thereof women"): the row above's figure for that group. Its readings are the whole
        row's, with the group added to their breakdown. A share of a part ("thereof women (%)")
        is a share within the whole, not of the workforce, and a count under a share row (or
        a share under a count row) does not split that row: no reading."""
        group = match_group(label, state.key)
        whole, readings = state.row
        if group is None or not whole or not readings:
            return []
        if state.row_share or says_share(record.label, record.unit) or any(v.number.percent for v in record.values):
            return []
        return [(m, {**b, group[0]: group[1]}, role) for m, b, role in readings
                if role == "primary" and group[0] not in b and accepts(m, group[0]) and not m.is_intensity]

    def _variant(self, head: str, metric: Metric, state: TableState) -> Metric | None:
        """The metric of the heading above when it is the row's metric qualified by an
        accounting method the row does not print ("Scope 2 (market-based)" over "Scope 2 – CO2")."""
        parent, above = state.parent, state.parent_label
        if not above or parent is None or parent.id == metric.id or parent.dimension != metric.dimension:
            return None
        from esgtrace.extract.vocabulary import qualifier_words, read_words

        said = set(read_words(above).latin) & qualifier_words()
        if not said or set(read_words(head).latin) & qualifier_words():
            return None
        base = best_metric(" ".join(w for w in read_words(above).latin if w not in said))
        if base is None or base.metric.id != metric.id:
            return None  # the heading, without its qualifier, is not the row's metric
        combined = best_metric(f"{above} {head}")
        return parent if combined is not None and combined.metric.id == parent.id else None

    def _kind_of_caption(self, label: str, record: Record) -> Metric | None:
        """A row that names only a kind ("Hazardous", "Non-hazardous") under a caption that
        names the quantity ("Table 10 – Operational waste generated ... (metric tons)"): the
        kind and one word of the caption together name exactly one metric."""
        from esgtrace.extract.vocabulary import distinguishing_words, is_part, read_words

        words = read_words(label).latin
        if not words or len(words) > 2 or not all(w in distinguishing_words() for w in words) or is_part(words):
            return None
        caption = clean_label(record.caption)
        found = {m.metric.id: m.metric for w in dict.fromkeys(read_words(caption).latin)
                 if w not in words and (m := best_metric(f"{label} {w}")) is not None
                 and not names_a_part(f"{label} {w}", m)}
        return next(iter(found.values())) if len(found) == 1 else None

    def _qualified(self, label: str, state: TableState) -> list[Option]:
        """A row that only qualifies the heading above it ("Scope 2" / "Location-based",
        "Market-based"): the heading and the row together name the metric."""
        if len(label.split()) > 4 or not re.search(r"[^\W\d_]{3}", label):
            return []
        combined = best_metric(f"{state.heading} {label}")
        if combined is None or names_a_part(f"{state.heading} {label}", combined):
            return []
        if combined.metric.id == (state.parent.id if state.parent else None) and not _claims(combined.metric, label):
            return []  # the row's words say nothing the heading's metric knows: a part or a group of it
        return [(combined.metric, dict(state.parent_breakdown), "primary")]

    def _emit(self, record: Record, options: list[Option], caption_unit: str) -> list[Candidate]:
        """Candidates of the primary reading and its companions, else of the first fallback that fits."""
        options = options + [
            (metric_by_id(m.as_percent), b, "fallback") for m, b, role in options if role == "primary" and m.as_percent
        ] + [
            # a fuel printed in energy units is direct energy by fuel (natural gas in GWh); fuels
            # printed together ("Crude oil/diesel") are one group, as printed
            (metric_by_id(m.as_energy["metric"]), {**b, "fuel": _fuels_together(record.label) or m.as_energy["fuel"]},
             "fallback")
            for m, b, role in options
            if role == "primary" and m.as_energy
        ] + [
            # a scope printed in an intensity unit ("Scope 1 intensity (tCO2e/$USD'000 revenue)") is its intensity
            (metric_by_id(m.as_intensity["metric"]),
             {**b, **_printed_method(record.label), **{k: v for k, v in m.as_intensity.items() if k != "metric"}},
             "fallback")
            for m, b, role in options
            if role == "primary" and m.as_intensity
        ] + [
            # a quantity printed per something ("Water Use Ratio (liters per liter of product)") is its intensity
            (intensity, b, "fallback")
            for m, b, role in options
            if role == "primary" and (intensity := _intensity_of(m.id)) is not None
        ]
        unit = record.unit or caption_unit
        year = label_year(clean_label(record.label)) or label_year(record.caption)
        siblings = [v.number for v in record.values]
        markers = self.footnotes.get(record.page, set())
        share = says_share(clean_label(record.label), unit) or any(v.number.percent for v in record.values)
        fitted: list[tuple[str, list[Candidate]]] = []
        for metric, breakdown, role in options:
            emitted: list[Candidate] = []
            if metric.needs_breakdown and not breakdown:
                continue  # a share of one group: without the group it is no figure ("All employees 48%")
            if share and metric.dimension in _AMOUNTS:
                continue  # "% full-time", "Share of women": a share of a whole, not an amount of it
            unit_here = _with_label_denominator(unit, record.label) if metric.is_intensity else unit
            for value in record.values:
                number = strip_glued_footnote(value.number, siblings, markers) if len(siblings) > 1 else value.number
                norm = normalise(number, unit_here, metric.id)
                if norm is None:
                    emitted = []
                    break
                if value.period is not None and value.period.partial:
                    continue  # a half-year column: not the year's figure
                span = value.period
                period = span.label if span is not None else (year or self.period)
                if period is not None:
                    emitted.append(Candidate(record, metric, period, dict(breakdown), norm, unit, span))
            if emitted and _not_whole(metric, emitted, f"{record.label} {unit}"):
                emitted = []  # "Senior managers 22.08" (years of service): not a number of people
            if emitted:
                fitted.append((role, emitted))
        if not fitted:
            return []
        if fitted[0][0] == "primary":
            chosen = [c for role, cands in fitted if role in ("primary", "companion") for c in cands]
        else:
            chosen = next((cands for role, cands in fitted if role == "fallback"), [])
        return [_one_group(c) for c in chosen if not _own_group_key(c)]


def scope2_methods(candidates: list[Candidate]) -> list[Candidate]:
    """A table that prints an unqualified Scope 2 row beside one labelled location-based
    ("Scope 2 GHG emissions" ... "Scope 2 GHG emissions (location based)") gives both methods:
    the unqualified row is the other one, market-based."""
    from esgtrace.extract.vocabulary import read_words

    def method(c: Candidate) -> str:
        words = set(read_words(clean_label(c.record.label)).latin)
        return "location" if "location" in words else "market" if "market" in words else ""

    located = {c.record.table for c in candidates
               if c.metric.id == "ghg_scope2" and not c.breakdown and c.record.table is not None and method(c) == "location"}
    if not located:
        return candidates
    market = metric_by_id("ghg_scope2_market")
    return [replace(c, metric=market) if c.metric.id == "ghg_scope2" and not c.breakdown and c.record.table in located
            and c.record.method == "table" and method(c) == "" and "scope" in read_words(c.record.label).latin else c
            for c in candidates]


def kinds_of_one_metric(candidates: list[Candidate]) -> list[Candidate]:
    """Rows of one table that name one metric with a word of their own each ("Industrial
    wastewater discharge", "Domestic wastewater discharge") and print other figures for the
    same year are kinds of that metric: each row is the category it names, not one more total.
    A row that names the metric alone ("Wastewater discharge", "Total ...") stays its total,
    and the part rows under a kind row ("– Vehicle plants") take the kind too."""
    rows: dict[tuple[int, str], dict[str, list[Candidate]]] = {}
    for c in candidates:
        if c.record.method == "table" and c.record.table is not None and not c.breakdown and not c.record.part_of:
            rows.setdefault((c.record.table, c.metric.id), {}).setdefault(c.record.label, []).append(c)
    kinds: dict[tuple[int, str, str], str] = {}  # (table, metric, row label) -> category
    for (table, metric_id), by_label in rows.items():
        if len(by_label) < 2:
            continue
        values: dict[str, set[float]] = {}
        for cands in by_label.values():
            for c in cands:
                values.setdefault(c.period, set()).add(round(c.normalised.value, 6))
        if not any(len(v) > 1 for v in values.values()):
            continue  # the same figures printed twice: repeats, not kinds
        metric = metric_by_id(metric_id)
        named = {label: _kind(label, metric) for label in by_label}
        for label in named:
            if named[label] and _narrowed_by_sibling(label, by_label):
                named[label] = ""  # "... from all areas" over "... from all areas with water stress": the whole
        kinded = {label: kind for label, kind in named.items() if kind}
        if len(kinded) < 2 and len(kinded) == len(named):
            continue
        if len(set(kinded.values())) != len(kinded):
            continue  # two rows of one kind: not a list of kinds
        for label, kind in kinded.items():
            kinds[(table, metric_id, label)] = kind
    if not kinds:
        return candidates
    out = []
    for c in candidates:
        if c.record.table is not None and c.record.method == "table":
            named_kind = kinds.get((c.record.table, c.metric.id, c.record.part_of or c.record.label))
            if named_kind and (not c.breakdown or c.record.part_of) and "category" not in c.breakdown:
                known = _catalogued_group(c.record.part_of or c.record.label)
                key, value = known if known is not None else ("category", named_kind)
                c = replace(c, breakdown={key: value, **c.breakdown})
        out.append(c)
    return out


def _subject_of_its_own(head: str) -> bool:
    """A share heading says what it is a share of ("Percentage of vehicle models rated ..."):
    words besides the share word and neutral words ("Proportion" alone says nothing)."""
    from esgtrace.extract.vocabulary import distinguishing_words, read_words

    return any(w not in distinguishing_words() for w in read_words(head).latin)


def _another_quantity(label: str, metric: Metric) -> bool:
    """A label that names the metric's subject with a word that distinguishes another quantity
    of it ("Total water withdrawal" beside water consumption, "Water discharge"): a figure of
    its own, not a group of the metric."""
    from esgtrace.extract.vocabulary import distinguishing_words, read_words

    words = set(read_words(label).latin)
    names = set(read_words(" ".join(metric.names)).latin)
    own = names | set(read_words(" ".join(metric.words)).latin)
    return bool(words & names) and bool((words & distinguishing_words()) - own)


def _narrowed_by_sibling(label: str, labels: Iterable[str]) -> bool:
    """Another row of the table prints every word of ``label`` and more ("Total water consumption
    from all areas" / "Total water consumption from all areas with water stress"): that row
    narrows this one, which is the whole it is a part of, not a kind beside it."""
    from esgtrace.extract.vocabulary import read_words

    words = set(read_words(clean_label(label)).latin)
    return bool(words) and any(
        other != label and words < set(read_words(clean_label(other)).latin) for other in labels)


def fuels_told_apart(candidates: list[Candidate]) -> list[Candidate]:
    """Rows of one table that read as one fuel ("Diesel (other)", "Diesel (mobile combustion)":
    both diesel) and print different figures for a year are different groups of that fuel, told
    apart by the words the fuel's name leaves over: each keeps its group as the report labels it."""
    rows: dict[tuple[int, str, tuple[tuple[str, str], ...]], dict[str, dict[str, float]]] = {}
    for c in candidates:
        if c.record.table is not None and "fuel" in c.breakdown:
            key = (c.record.table, c.metric.id, tuple(sorted(c.breakdown.items())))
            rows.setdefault(key, {}).setdefault(c.record.label, {})[c.period] = round(c.normalised.value, 6)
    apart: set[tuple[int, str, tuple[tuple[str, str], ...], str]] = set()
    for key, by_label in rows.items():
        printed = {clean_label(label) for label in by_label}
        if len(by_label) < 2 or len(printed) != len(by_label):
            continue
        periods = {p for values in by_label.values() for p in values}
        if any(len({values[p] for values in by_label.values() if p in values}) > 1 for p in periods):
            apart |= {(*key, label) for label in by_label}
    if not apart:
        return candidates
    out = []
    for c in candidates:
        if c.record.table is not None and "fuel" in c.breakdown and \
                (c.record.table, c.metric.id, tuple(sorted(c.breakdown.items())), c.record.label) in apart:
            c = replace(c, breakdown={**c.breakdown, "fuel": clean_label(c.record.label)})
        out.append(c)
    return out


def _catalogued_group(label: str) -> tuple[str, str] | None:
    """A group of the catalogue that a row's words beside its metric name whole ("... from
    all areas with water stress" -> region): the kind is that group, under its own key. A
    place may part any metric; another key only a metric that lists it ("Process" is a GHG
    source, not a kind of wastewater)."""
    text = clean_label(label)
    match = best_metric(text)
    if match is None:
        return None
    rest = _UNIT_AFTER.sub("", remainder(text, match)).strip(" ()-–,")
    group = match_group(rest) if rest else None
    if group is None or group[0] == "category":
        return None
    return group if group[0] == "region" or group[0] in match.metric.breakdowns else None


def _kind(label: str, metric: Metric) -> str:
    """The kind a row of ``metric`` names besides the metric ("Industrial wastewater discharge"
    -> "Industrial wastewater"): its words without the metric's activity words ("discharge",
    "consumption", "generated") and totals, when some word of them is in none of the metric's
    names; "" when the row names the metric alone (or more than a short kind)."""
    from esgtrace.extract.vocabulary import distinguishing_words, is_part, read_words

    text = re.sub(r"\([^()]*\)", " ", clean_label(label))
    own = {w for n in metric.names for w in read_words(n).latin}
    kept, new = [], []
    for word in re.findall(r"[^\s,;:/]+", text):
        read = read_words(word).latin
        if not read:
            continue  # a neutral word ("of", "the")
        if any(w in _ACTIVITY or w == "total" for w in read):
            continue
        if any(w.isdigit() for w in read) or any(w in distinguishing_words() for w in read) or is_part(read):
            return ""  # a year, a scope, a share or a part: not a kind's name
        kept.append(word)
        new += [w for w in read if w not in own]
    if not new or len(kept) > 4:
        return ""
    return " ".join(kept).lower()


def scope3_categories(label: str) -> str:
    """The Scope 3 categories a label names when it names more than one ("Purchased goods and
    services (including capital goods)": "1, 2"), in category order; "" for one or none."""
    from esgtrace.catalogue import breakdowns

    found = {int(g.value) for g in breakdowns().groups if g.key == "scope3_category" and g.value
             and any(re.search(p, label, re.I) for p in g.patterns)}
    return ", ".join(str(n) for n in sorted(found)) if len(found) > 1 else ""


def _claims(metric: Metric, label: str) -> bool:
    """The row's words are all accounting-method qualifiers the metric's names or words hold
    ("Location-based" under "Scope 2"), not a source or a part ("Municipal" under "Water use")."""
    from esgtrace.extract.vocabulary import qualifier_words, read_words

    own = set(read_words(" ".join((*metric.names, *metric.words))).latin)
    words = read_words(label).latin
    return bool(words) and all(w in own and w in qualifier_words() for w in words)


def _fuels_together(label: str) -> str:
    """A label that names several fuels joined by slashes ("Crude oil/diesel"), as printed."""
    text = clean_label(label)
    return text if re.fullmatch(r"[^\W\d_][\w .-]*(?:/[^\W\d_][\w .-]*)+", text) else ""


def _printed_method(label: str) -> dict[str, str]:
    """The accounting method a label prints ("Scope 2 (location-based)"), as a breakdown."""
    from esgtrace.extract.vocabulary import qualifier_words, read_words

    said = [w for w in read_words(label).latin if w in qualifier_words()]
    return {"method": f"{said[0]}-based"} if len(set(said)) == 1 else {}


def _own_group_key(c: Candidate) -> bool:
    """A metric that is one group's figure ("employees_female_share") broken down by that
    group's own key ("gender: male") is a contradiction: a chart legend, not a row."""
    return any(target == c.metric.id and spec.split("=")[0] in c.breakdown
               for m in metrics() for spec, target in m.one_group.items())


def _one_group(c: Candidate) -> Candidate:
    """A figure of one group the catalogue gives a metric of its own (women's share of the
    workforce) is that metric's; the rest of its breakdown stays (women's share of the
    employees under 30: ``employees_female_share {age: <30}``). A joint group's share
    (:attr:`Record.joint`) stays the workforce share it is."""
    if not c.breakdown or not c.metric.one_group or c.record.joint:
        return c  # Asian women's share of the workforce is not the women's share among Asians
    for key, value in c.breakdown.items():
        group = match_group(value, key)
        target = c.metric.one_group.get(f"{key}={group[1] if group else value}")
        if target:
            rest = {k: v for k, v in c.breakdown.items() if k != key}
            return replace(c, metric=metric_by_id(target), breakdown=rest)
    return c


def _not_whole(metric: Metric, candidates: list[Candidate], printed: str) -> bool:
    """A count of whole things (people, suppliers, cases, patents) is a whole number: a row
    whose figures have fractions is some other quantity of the group (an average age, years of
    service, a rate), unless it counts full-time equivalents."""
    if metric.dimension != "count" or metric.unit in _TIME_UNITS or _FTE.search(printed):
        return False
    return any(abs(v - round(v)) > 1e-6 * max(1.0, abs(v)) for v in (c.normalised.value for c in candidates))


def _split_of_an_event(record: Record, above: Record | None) -> bool:
    """A row that only names a group of people ("Employees", "Contractors") under a row of its page or a
    caption that names an event (an injury, an illness, a grievance) is that event's count (or
    rate) for the group."""
    if len(clean_label(record.label).split()) > 1:
        return False  # "Total employees", "Number of staff": a head count's own label
    context = [record.caption] + ([above.label] if above is not None and above.page == record.page else [])
    return any(names_an_event(text) for text in context if text)


def _counts_people(metric: Metric) -> bool:
    """A count that is not itself of an event (a head count, not fatalities or complaints)."""
    return metric.dimension == "count" and not names_an_event(" ".join(metric.names))


_TIME_UNITS = frozenset({"days", "hours"})
_FTE = re.compile(r"\bftes?\b|full[- ]time equivalents?", re.I)
# dimensions of absolute amounts: a row that says it is a share is none of them
_AMOUNTS = frozenset({"mass_co2e", "mass", "mass_or_volume", "energy", "volume", "count", "money", "time"})
# words that say what is done with a quantity, not what kind of it a row is
_ACTIVITY = frozenset({"discharge", "consumption", "generated", "generation", "produced", "production", "withdrawal",
                       "emission", "amount", "volume", "quantity"})
_SCOPES = ("ghg_scope1", "ghg_scope2", "ghg_scope2_market", "ghg_scope3")
# the scope rows a total may add up, and what that total is
_SCOPE_SUMS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("ghg_scope1", "ghg_scope2_market", "ghg_scope3"), ("ghg_total",)),
    (("ghg_scope1", "ghg_scope2", "ghg_scope3"), ("ghg_total",)),
    (("ghg_scope1", "ghg_scope2_market"), ("ghg_scope1_2", "ghg_total")),
    (("ghg_scope1", "ghg_scope2"), ("ghg_scope1_2", "ghg_total")),
)
_BRACKETS = re.compile(r"\(([^()]{3,60})\)\s*(?:\d{1,2}\b)?")
_MAGNITUDE = re.compile(r"\((?:in )?(thousands?|millions?|billions?)\)", re.I)
_LEGAL = {"the", "company", "group", "holdings", "holding", "limited", "ltd", "inc", "plc", "corporation", "corp", "co",
          "technology", "technologies", "international", "and", "of", "its", "subsidiaries", "subsidiary"}


def _entity(text: str, issuer: str | None) -> str:
    """``own`` when ``text`` names the reporting company, ``other`` when it names another
    entity of that name ("the ... system", "... bottlers"), else ``""``."""
    if not issuer:
        return ""
    words = [w for w in re.findall(r"[\w-]+", issuer.lower()) if w not in _LEGAL]
    said = re.findall(r"[\w-]+", text.lower())
    if not words or not all(w in said for w in words):
        return ""
    return "own" if [w for w in said if w not in _LEGAL] == words else "other"


_PER = re.compile(
    r"\bper (?:(?P<who>capita|employee|person|head|staff)|(?:unit of )?(?P<rev>(?:RMB|HK\$|HKD|US\$|USD) ?(?:1 )?million"
    r"(?: (?:of )?revenue)?|million (?:RMB|HKD|USD)(?: (?:of )?revenue)?|(?:unit of )?revenue))|(?P<zh>人均)",
    re.I,
)


def _with_label_denominator(unit: str, label: str) -> str:
    """An intensity whose label says what it is per ("GHG emissions per employee (tCO2e)")."""
    if not unit or "/" in unit or " per " in f" {unit} ":
        return unit
    m = _PER.search(label)
    if m is None:
        return unit
    if m.group("who") or m.group("zh"):
        return f"{unit}/person"
    return f"{unit}/{m.group('rev')}"


def _intensity_of(metric_id: str) -> Metric | None:
    """The catalogue's intensity of ``metric_id`` ("water_consumption" -> "water_intensity")."""
    return next((m for m in metrics() if m.intensity_of == metric_id), None)


def _by_period(record: Record) -> dict[str, float]:
    """A row's figures by the label of their column's period."""
    return {v.period.label: v.number.value for v in record.values if v.period is not None and not v.number.percent}


def _not_a_part(record: Record, state: TableState) -> bool:
    """Whether a row restates the figures of a row further up and prints, in some column, more
    than the parent row: a whole, no part of the parent."""
    own = _by_period(record)
    if not own or own not in state.printed[:-1]:
        return False
    return any(p in own and own[p] > v > 0 for p, v in state.parent_values.items())


def _fuel_metric(parent: Metric | None) -> Metric | None:
    """The metric a fuel row under ``parent`` belongs to (energy by fuel is direct energy)."""
    if parent is None:
        return None
    if parent.fuel_of:
        return metric_by_id(parent.fuel_of)
    return parent if "fuel" in parent.breakdowns else None


def _remainder_group(head: str, match: MetricMatch) -> tuple[str, str] | None:
    """A group named beside the metric ("Direct energy consumption intensity") the metric takes."""
    rest = _UNIT_AFTER.sub("", remainder(head, match)).strip(" ()-–,")
    if not rest:
        return None
    among = _AMONG.match(rest)  # "... female employees in senior management": the share within that group
    group = match_group(rest[among.end() :] if among else rest)
    if group is None:
        return None
    named = match.rest is not None or among is not None
    return group if group[0] in match.metric.breakdowns or (named and accepts(match.metric, group[0])) else None


_UNIT_AFTER = re.compile(r"\s*\((?:%|[^()]{1,12})\)\s*$")
_AMONG = re.compile(r"(?:in|among|amongst|within)\s+(?:the\s+|our\s+)?", re.I)


def _companions(label: str, primary: MetricMatch) -> list[MetricMatch]:
    """Other metrics the same label names without overlap ("Total GHG emissions (Scope 1 and 2)")."""
    out = []
    for m in match_metrics(label):
        if m.metric.id == primary.metric.id or m.metric.is_intensity or primary.metric.is_intensity:
            continue
        if m.end <= primary.start or m.start >= primary.end:
            if m.metric.dimension == primary.metric.dimension:
                out.append(m)
    return out
