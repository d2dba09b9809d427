"""The program's pure maths (diagnostic scoring, plan proposal, mentor ranking)."""

from odoo.tests import BaseCase, tagged

from ..tools import diagnostic, plan

A = diagnostic.Answer
BANDS = [
    (0, "incipiente"),
    (20, "aceptable"),
    (40, "confiable"),
    (60, "competente"),
    (80, "excelente"),
]


@tagged("post_install", "-at_install")
class TestDiagnosticTool(BaseCase):
    def test_weighted_score_per_lever(self):
        answers = [
            A("finanzas", 1, 3, 3),
            A("finanzas", 1, 0, 3),
            A("formalizacion", 2, 1, 3),
            A("formalizacion", 1, 3, 3),
        ]
        scores = diagnostic.lever_scores(answers)
        self.assertEqual(scores["finanzas"], 50.0)
        # (2·1 + 1·3) / (2·3 + 1·3) = 5/9
        self.assertEqual(scores["formalizacion"], 55.56)

    def test_levels_from_bands(self):
        self.assertEqual(diagnostic.level_for(0, BANDS), "incipiente")
        self.assertEqual(diagnostic.level_for(19.99, BANDS), "incipiente")
        self.assertEqual(diagnostic.level_for(20, BANDS), "aceptable")
        self.assertEqual(diagnostic.level_for(50, BANDS), "confiable")
        self.assertEqual(diagnostic.level_for(79.99, BANDS), "competente")
        self.assertEqual(diagnostic.level_for(100, BANDS), "excelente")
        # Bands are data: moving a bound moves the level.
        self.assertEqual(diagnostic.level_for(50, [(0, "low"), (55, "high")]), "low")

    def test_weakest_levers_with_ties_in_configured_order(self):
        scores = {"bio": 100, "org": 33.33, "inn": 33.33, "for": 16.67, "fin": 50}
        self.assertEqual(
            diagnostic.weakest(scores, 3, ["bio", "fin", "for", "org", "inn"]),
            ["for", "org", "inn"],
        )

    def test_bad_answers_refused(self):
        with self.assertRaises(diagnostic.DiagnosticError):
            diagnostic.lever_scores([A("x", 1, 4, 3)])
        with self.assertRaises(diagnostic.DiagnosticError):
            diagnostic.lever_scores([A("x", -1, 1, 3)])
        with self.assertRaises(diagnostic.DiagnosticError):
            diagnostic.level_for(10, [])


@tagged("post_install", "-at_install")
class TestPlanTool(BaseCase):
    def test_weakest_first_and_spread_over_the_weeks(self):
        library = {"for": ["f1", "f2", "f3"], "org": ["o1", "o2"], "inn": ["i1", "i2"]}
        proposals = plan.propose(["for", "org", "inn"], library.get, weeks=12, per_lever=2)
        self.assertEqual([p.template for p in proposals], ["f1", "f2", "o1", "o2", "i1", "i2"])
        weeks = [p.week for p in proposals]
        self.assertEqual(weeks[0], 1)
        self.assertEqual(weeks[-1], 12)
        self.assertEqual(weeks, sorted(weeks))
        ten = plan.propose(["for", "org"], library.get, weeks=10)
        self.assertEqual(ten[-1].week, 10)
        with self.assertRaises(ValueError):
            plan.propose(["for"], library.get, weeks=9)
        with self.assertRaises(ValueError):
            plan.propose(["for"], library.get, weeks=13)

    def test_requires_mentor_rule(self):
        mentor_levels = {"confiable", "competente"}
        for level, expected in [
            ("incipiente", False),
            ("aceptable", False),
            ("confiable", True),
            ("competente", True),
            ("excelente", False),
        ]:
            self.assertEqual(plan.requires_mentor([level], mentor_levels), expected, level)
        self.assertTrue(plan.requires_mentor(["aceptable", "competente"], mentor_levels))

    def test_follow_up_threshold_is_more_than_half(self):
        self.assertEqual(
            plan.follow_up(["done", "done", "planned", "not_done"], 0.5),
            (4, 3, 2, 50.0, False),
        )
        self.assertEqual(
            plan.follow_up(["done", "done", "done", "planned"], 0.5), (4, 3, 3, 75.0, True)
        )
        self.assertEqual(plan.follow_up([], 0.5), (0, 0, 0, 0.0, False))

    def test_mentor_ranking(self):
        C = plan.MentorCandidate
        far = C("far", 2, False, False, 0, 5)  # other city, not virtual: out
        full = C("full", 3, True, False, 5, 5)  # no room: out
        nomatch = C("nomatch", 0, True, False, 0, 5)  # no lever: out
        virtual = C("virtual", 2, False, True, 0, 5)
        local = C("local", 2, True, False, 3, 5)
        best = C("best", 3, False, True, 4, 5)
        ranked = plan.rank_mentors([far, full, nomatch, virtual, local, best])
        self.assertEqual([c.key for c in ranked], ["best", "local", "virtual"])
