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
        self.assertEqual(committee.decide(votes, president=3), "authorized")

    def test_president_casting_vote_on_tie(self):
        votes = {1: "authorized", 2: "authorized", 3: "rejected", 4: "rejected"}
        self.assertEqual(committee.decide(votes, president=3), "rejected")
        self.assertEqual(committee.decide(votes, president=1), "authorized")
        with self.assertRaises(committee.CommitteeError):
            committee.decide(votes, president=None)

    def test_no_majority_without_tie(self):
        votes = {1: "authorized", 2: "authorized", 3: "rejected", 4: "conditioned"}
        with self.assertRaises(committee.CommitteeError):
            committee.decide(votes, president=1)
        with self.assertRaises(committee.CommitteeError):
            committee.decide({}, president=1)
