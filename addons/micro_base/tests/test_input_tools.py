import datetime

from odoo.tests import BaseCase

from ..tools import inputs

D = datetime.date


class TestInputTools(BaseCase):
    def test_problem_per_kind(self):
        """What the ORM would crash on or misread is named; the rest passes."""
        rows = [
            (inputs.DATE, "2026-02-28", None),
            (inputs.DATE, D(2026, 2, 28), None),
            (inputs.DATE, False, None),
            (inputs.DATE, "2026-02-30", inputs.DATE),
            (inputs.DATE, "febrero", inputs.DATE),
            (inputs.DATE, 20260228, inputs.DATE),
            (inputs.DATE, "20260228", inputs.DATE),
            (inputs.DATE, "2026-02-28 10:00:00", None),
            (inputs.NUMBER, 12.5, None),
            (inputs.NUMBER, "12.5", None),
            (inputs.NUMBER, 0, None),
            (inputs.NUMBER, "abc", inputs.NUMBER),
            (inputs.NUMBER, "nan", inputs.NUMBER),
            (inputs.NUMBER, float("inf"), inputs.NUMBER),
            (inputs.NUMBER, "1e309", inputs.NUMBER),
            (inputs.NUMBER, True, inputs.NUMBER),
            (inputs.NUMBER, [1], inputs.NUMBER),
            (inputs.INTEGER, 12, None),
            (inputs.INTEGER, 12.0, None),
            (inputs.INTEGER, 12.7, inputs.INTEGER),
            (inputs.INTEGER, "12.7", inputs.INTEGER),
            (inputs.INTEGER, "doce", inputs.INTEGER),
            (inputs.INTEGER, "12", None),
            (inputs.INTEGER, "12.0", inputs.INTEGER),
            (inputs.INTEGER, "1e3", inputs.INTEGER),
            (inputs.INTEGER, 2**31, inputs.INTEGER),
            (inputs.INTEGER, True, inputs.INTEGER),
            (inputs.ID, 7, None),
            (inputs.ID, "7", inputs.ID),
            (inputs.ID, [7], inputs.ID),
            (inputs.ID, 0, inputs.ID),
            (inputs.ID, True, inputs.ID),
        ]
        for kind, value, expected in rows:
            with self.subTest(kind=kind, value=value):
                self.assertEqual(inputs.problem(kind, value), expected)

    def test_outside(self):
        self.assertTrue(inputs.outside(-1, 0))
        self.assertFalse(inputs.outside(0, 0))
        self.assertTrue(inputs.outside(0, 0, strict_low=True))
        self.assertTrue(inputs.outside(100.01, 0, 100))
        self.assertFalse(inputs.outside(100, 0, 100))
        self.assertTrue(inputs.outside(D(1990, 1, 1), D(2001, 1, 1)))
        self.assertFalse(inputs.outside(False, 0))

    def test_x2many_and_file_values(self):
        """A one2many / many2many value and a file's content: what the ORM would crash on
        (a raw ValueError, a database error, a base64 error) is named; the rest passes."""
        from odoo.fields import Command

        rows = [
            (inputs.X2MANY, [], None),
            (inputs.X2MANY, [1, 2], None),
            (inputs.X2MANY, (1, 2), None),
            (inputs.X2MANY, [(4, 7)], None),
            (inputs.X2MANY, [(4, 7, 0)], None),
            (inputs.X2MANY, [(6, 0, [1, 2])], None),
            (inputs.X2MANY, [Command.set([3, 4])], None),
            (inputs.X2MANY, [Command.create({"name": "x"}), Command.link(5)], None),
            (inputs.X2MANY, [(0, "virtual_3", {"name": "x"})], None),
            (inputs.X2MANY, [(1, 5, {"name": "x"}), (2, 6), (3, 7), (5,)], None),
            (inputs.X2MANY, "abc", inputs.X2MANY),
            (inputs.X2MANY, 5, inputs.X2MANY),
            (inputs.X2MANY, {"ids": [1]}, inputs.X2MANY),
            (inputs.X2MANY, [[0, 0, "x"]], inputs.X2MANY),
            (inputs.X2MANY, [[6, 0, "x"]], inputs.X2MANY),
            (inputs.X2MANY, [[6, 0, ["x"]]], inputs.X2MANY),
            (inputs.X2MANY, [(4, 99_999_999_999)], inputs.X2MANY),
            (inputs.X2MANY, [(4, -1)], inputs.X2MANY),
            (inputs.X2MANY, [(4, "5")], inputs.X2MANY),
            (inputs.X2MANY, [(9, 1)], inputs.X2MANY),
            (inputs.X2MANY, [(True, 1)], inputs.X2MANY),
            (inputs.X2MANY, [[]], inputs.X2MANY),
            (inputs.X2MANY, [1, "x"], inputs.X2MANY),
            (inputs.X2MANY, [(1, 5)], inputs.X2MANY),
            (inputs.BINARY, "UERGLTEuNA==", None),
            (inputs.BINARY, b"UERGLTEuNA==", None),
            (inputs.BINARY, "", None),
            (inputs.BINARY, "not base64!", inputs.BINARY),
            (inputs.BINARY, {"a": 1}, inputs.BINARY),
            (inputs.BINARY, 12, inputs.BINARY),
        ]
        for kind, value, expected in rows:
            with self.subTest(kind=kind, value=value):
                self.assertEqual(inputs.problem(kind, value), expected)
