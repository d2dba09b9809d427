"""Technical committee arithmetic (§VI "Funcionamiento del Comité Técnico").

Pure Python, no ORM: quorum and the decision of one agenda item from the votes cast.
"""

from collections import Counter


class CommitteeError(ValueError):
    """The votes do not produce a valid decision."""


def has_quorum(voting_members, voting_present):
    """§VI.b: the session is validly installed with the majority of voting members."""
    return voting_members > 0 and voting_present * 2 > voting_members


def decide(votes, president=None):
    """Return the option adopted from ``votes`` (mapping member -> option).

    §VI.c: an agreement needs the favourable vote of the majority of the voting members
    present; on a tie the President has the casting vote. ``votes`` holds the votes of the
    voting members present only. With three options (authorize, reject, condition) an
    option is adopted when it gathers more than half of the votes; when the two most voted
    options tie, the option the President voted for among them is adopted. Anything else
    (no vote, a split without majority and without a tie the President breaks) raises
    :class:`CommitteeError`.
    """
    if not votes:
        raise CommitteeError("no votes")
    counts = Counter(votes.values())
    ranked = counts.most_common()
    option, top = ranked[0]
    if top * 2 > len(votes):
        return option
    tied = {opt for opt, count in ranked if count == top}
    if len(tied) > 1:
        casting = votes.get(president) if president is not None else None
        if casting in tied:
            return casting
        raise CommitteeError("tie without the President's casting vote")
    raise CommitteeError("no majority")
