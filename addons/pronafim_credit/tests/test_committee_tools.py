from odoo.tests import BaseCase

from ..tools import committee


class TestCommitteeTools(BaseCase):
    def test_quorum_is_majority_of_voting_members(self):
        """§VI.b: majority of the members with voting right."""
        self.assertTrue(committee.has_quorum(5, 3))
        self.assertFalse(committee.has_quorum(5, 2))
        self.assertFalse(committee.has_quorum(4, 2))
        self.assertTrue(committee.has_quorum(4, 3))
        self.assertFalse(committee.has_quorum(0, 0))

    def test_majority_of_attendees(self):
        """§VI.c: majority of the voting members present."""
        votes = {1: "authorized", 2: "authorized", 3: "rejected"}
        self.assertEqual(committee.decide(votes, 3, president=3), "authorized")
        self.assertEqual(committee.majority(3), 2)
        self.assertEqual(committee.majority(4), 3)

    def test_majority_is_over_members_present_not_votes_cast(self):
        """§VI.c "mayoría de los miembros con derecho a voto que hubiesen asistido": with
        five present, two favourable votes out of three cast do not make an agreement."""
        votes = {1: "authorized", 2: "authorized", 3: "rejected"}
        with self.assertRaises(committee.CommitteeError) as caught:
            committee.decide(votes, 5, president=1)
        self.assertEqual(caught.exception.code, "no_majority")
        self.assertEqual(caught.exception.params, {"votes": 2, "present": 5, "needed": 3})
        votes[4] = "authorized"
        self.assertEqual(committee.decide(votes, 5, president=3), "authorized")

    def test_president_casting_vote_on_tie(self):
        votes = {1: "authorized", 2: "authorized", 3: "rejected", 4: "rejected"}
        self.assertEqual(committee.decide(votes, 4, president=3), "rejected")
        self.assertEqual(committee.decide(votes, 4, president=1), "authorized")
        # A fifth member present abstains: still a tie between the votes cast.
        self.assertEqual(committee.decide(votes, 5, president=1), "authorized")
        with self.assertRaises(committee.CommitteeError) as caught:
            committee.decide(votes, 4, president=None)
        self.assertEqual(caught.exception.code, "tie_without_president")

    def test_no_majority_without_tie(self):
        votes = {1: "authorized", 2: "authorized", 3: "rejected", 4: "conditioned"}
        with self.assertRaises(committee.CommitteeError):
            committee.decide(votes, 4, president=1)
        with self.assertRaises(committee.CommitteeError):
            committee.decide({}, 4, president=1)

    def test_more_votes_than_members_present(self):
        with self.assertRaises(committee.CommitteeError) as caught:
            committee.decide({1: "authorized", 2: "authorized"}, 1)
        self.assertEqual(caught.exception.code, "too_many_votes")
