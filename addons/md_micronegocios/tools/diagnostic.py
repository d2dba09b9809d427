"""Scoring of the diagnostic over the reactivation levers (spec md_micronegocios §3).

Every answered question gives a value between 0 and its question's best answer; a lever's
score is the weighted share of the best possible answers, on a 0-100 scale:

    score(lever) = 100 x Σ weight·value / Σ weight·best_value   (its answered questions)

A level is the competence band whose lower bound is the greatest one not above the score
(bands are data: ``md.level.min_score``). The weakest levers are those with the lowest
score; ties keep the levers' configured order, so a diagnostic always reads the same.
"""

from collections import defaultdict
from typing import NamedTuple


class Answer(NamedTuple):
    """One answered question: its lever, the question's weight, the chosen answer's value
    and the best value any answer of that question can have."""

    lever: object
    weight: float
    value: float
    best: float


class DiagnosticError(ValueError):
    """Answers that cannot be scored (the message says which)."""


def lever_scores(answers):
    """``{lever: score 0-100}`` (rounded to 2 decimals) from :class:`Answer` tuples."""
    got = defaultdict(float)
    best = defaultdict(float)
    for answer in answers:
        if answer.weight < 0 or answer.best <= 0:
            raise DiagnosticError(
                f"Question of lever {answer.lever} has weight {answer.weight} and best "
                f"value {answer.best}: weights must be ≥ 0 and best values > 0."
            )
        if not 0 <= answer.value <= answer.best:
            raise DiagnosticError(
                f"Answer value {answer.value} of lever {answer.lever} is outside 0-{answer.best}."
            )
        got[answer.lever] += answer.weight * answer.value
        best[answer.lever] += answer.weight * answer.best
    return {
        lever: round(100.0 * got[lever] / best[lever], 2) if best[lever] else 0.0 for lever in best
    }


def level_for(score, bands):
    """The band of ``score``: ``bands`` is an iterable of ``(min_score, level)``; the level
    with the greatest ``min_score`` not above ``score`` (the lowest band if none is)."""
    ordered = sorted(bands, key=lambda band: band[0])
    if not ordered:
        raise DiagnosticError("No competence levels are configured.")
    chosen = ordered[0][1]
    for min_score, level in ordered:
        if score >= min_score:
            chosen = level
    return chosen


def weakest(scores, count, order=None):
    """The ``count`` levers of lowest score; ties broken by ``order`` (a list of levers in
    their configured order), else by the order of ``scores``."""
    position = {lever: i for i, lever in enumerate(order or scores)}
    ranked = sorted(scores, key=lambda lever: (scores[lever], position.get(lever, 0)))
    return ranked[:count]
