"""Proposal of an attention plan from a diagnostic (spec md_micronegocios §4).

The program's plan lasts "10 o hasta 12 semanas" (bulletin 004, program description): the
proposal takes the prioritized levers weakest first, each lever's activity templates for
the level the lever reached, and spreads them over the plan's weeks so that the first
activity falls in week 1 and the last one in the plan's last week.
"""

import datetime
from typing import NamedTuple

#: Length of a plan in weeks (bulletin 004: "Plan de Atención de 10 o hasta 12 semanas").
MIN_WEEKS = 10
MAX_WEEKS = 12


class Proposal(NamedTuple):
    week: int
    lever: object
    template: object


def propose(prioritized, templates_for, weeks=MAX_WEEKS, per_lever=None):
    """List of :class:`Proposal` ordered by week.

    ``prioritized``: levers, weakest first. ``templates_for(lever)``: that lever's templates
    for its level, in library order. ``per_lever`` caps the templates taken from each lever.
    Activities are taken lever by lever (weakest first) and spread evenly from week 1 to
    ``weeks``; with a single activity it goes to week 1.
    """
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise ValueError(f"A plan lasts {MIN_WEEKS} to {MAX_WEEKS} weeks, not {weeks}.")
    chosen = []
    for lever in prioritized:
        templates = list(templates_for(lever))
        if per_lever:
            templates = templates[:per_lever]
        chosen.extend((lever, template) for template in templates)
    count = len(chosen)
    proposals = []
    for i, (lever, template) in enumerate(chosen):
        week = 1 if count == 1 else 1 + round(i * (weeks - 1) / (count - 1))
        proposals.append(Proposal(week, lever, template))
    return proposals


def requires_mentor(prioritized_levels, mentor_levels):
    """A plan needs a mentor when one of its prioritized levers is at a level that calls
    for one (bulletin 004: plans at "confiable y competente" need a mentor; "aceptable,
    incipiente o excelente" do not). Both arguments are collections of levels."""
    return any(level in mentor_levels for level in prioritized_levels)


def follow_up(states, threshold):
    """Follow-up figures of a plan from its activities' states.

    ``threshold`` is the share of done activities (0-1) that must be *exceeded* for the plan
    to count as completed (bulletin 004: "al realizar la mayoría de las actividades").
    Returns ``(expected, registered, done, percent_done, completed)``; an activity is
    registered once it is no longer just planned.
    """
    expected = len(states)
    registered = sum(1 for state in states if state != "planned")
    done = sum(1 for state in states if state == "done")
    percent = round(100.0 * done / expected, 2) if expected else 0.0
    return expected, registered, done, percent, bool(expected) and done / expected > threshold


class MentorCandidate(NamedTuple):
    key: object
    matches: int
    same_city: bool
    virtual: bool
    load: int
    capacity: int


def rank_mentors(candidates):
    """Mentors to suggest for a plan (spec md_micronegocios §5), best first.

    Kept: mentors with room (load below capacity) who master at least one of the plan's
    levers and work in the plan's city or virtually. Order: most levers matched, same city
    before virtual, least loaded, then the given order. The first one kept is the
    *suggested mentor* the coordinator's queue offers to assign in one click.
    """
    kept = [
        c
        for c in candidates
        if c.load < c.capacity and c.matches > 0 and (c.same_city or c.virtual)
    ]
    order = {id(c): i for i, c in enumerate(kept)}
    return sorted(kept, key=lambda c: (-c.matches, not c.same_city, c.load, order[id(c)]))


def waiting_days(since, today):
    """Calendar days a plan has waited since ``since`` (a date, or a datetime whose day
    counts) until ``today``: 0 on the day itself, never negative, 0 without a date.

    Calendar days, like the setting "Mentor Reminder After (days)" the reminder of plans
    waiting for a mentor compares them with (bulletin 004, Figura 10: plans that need a
    mentor and those that have one)."""
    if not since:
        return 0
    if isinstance(since, datetime.datetime):
        since = since.date()
    return max((today - since).days, 0)
