"""Technical committee arithmetic (§VI "Funcionamiento del Comité Técnico").

Pure Python, no ORM: quorum and the decision of one agenda item from the votes cast.
"""

from collections import Counter


class CommitteeError(ValueError):
    """The votes do not produce a valid decision.

    ``code`` says why (``no_votes``, ``too_many_votes``, ``tie_without_president``,
    ``no_majority``) so that the caller can word it in the user's language; ``params``
    hold the figures (votes for the leading option, members present, majority needed).
    """

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(f"{code} {params}" if params else code)


def has_quorum(voting_members, voting_present):
    """§VI.b: the session is validly installed with the majority of voting members."""
    return voting_members > 0 and voting_present * 2 > voting_members


def majority(present):
    """§VI.c: the favourable votes needed out of ``present`` voting members present."""
    return present // 2 + 1


def decide(votes, present, president=None):
    """Return the option adopted from ``votes`` (mapping member -> option).

    §VI.c: "Los acuerdos se tomarán por el voto favorable de la mayoría de los miembros con
    derecho a voto que hubiesen asistido a la reunión": an option is adopted when more than
    half of the ``present`` voting members voted for it. A member present who does not
    vote counts among those present, so an abstention weighs like a vote against.
    "teniendo el Presidente del COMITÉ TÉCNICO voto de calidad en caso de empate": when the
    most voted options tie, the option the President voted for among them is adopted.
    Anything else raises :class:`CommitteeError`.

    :param votes: votes of voting members present only
    :param present: number of voting members present (at least ``len(votes)``)
    """
    if not votes:
        raise CommitteeError("no_votes")
    if len(votes) > present:
        raise CommitteeError("too_many_votes", votes=len(votes), present=present)
    ranked = Counter(votes.values()).most_common()
    option, top = ranked[0]
    if top >= majority(present):
        return option
    tied = {opt for opt, count in ranked if count == top}
    if len(tied) > 1:
        casting = votes.get(president) if president is not None else None
        if casting in tied:
            return casting
        raise CommitteeError("tie_without_president", votes=top, present=present)
    raise CommitteeError("no_majority", votes=top, present=present, needed=majority(present))
