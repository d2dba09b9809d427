"""Database-free checks of the input bounds (tools/input_rules.py)."""

import math
from datetime import date

from odoo.tests import BaseCase, tagged

from odoo.addons.fonaes_support.tools import input_rules as ir

TODAY = date(2026, 12, 6)


@tagged("post_install", "-at_install")
class TestInputRules(BaseCase):
    def test_numbers(self):
        self.assertEqual(ir.to_number("12.5"), 12.5)
        self.assertEqual(ir.to_number(False), 0)
        for bad in ("abc", True, [1], {"a": 1}, math.inf, float("nan"), 1e309):
            self.assertIsNone(ir.to_number(bad), bad)
        self.assertIsNone(ir.to_number(12.7, integer=True))
        self.assertEqual(ir.to_number(12.0, integer=True), 12)

    def test_dates(self):
        self.assertEqual(ir.to_date("2026-02-28"), date(2026, 2, 28))
        self.assertFalse(ir.to_date(False))
        for bad in ("2026-02-30", "abc", 12, [2026]):
            self.assertIsNone(ir.to_date(bad), bad)

    def test_bounds(self):
        table = [
            (ir.KIND_AMOUNT, -1, False), (ir.KIND_AMOUNT, 0, True),
            (ir.KIND_POSITIVE, 0, False), (ir.KIND_POSITIVE, 0.01, True),
            (ir.KIND_PCT, 150, False), (ir.KIND_PCT, 100, True), (ir.KIND_PCT, -0.1, False),
            (ir.KIND_RATE, 900, False), (ir.KIND_RATE, 24, True),
            (ir.KIND_YEAR, 1800, False), (ir.KIND_YEAR, 1990, False), (ir.KIND_YEAR, 1991, True),
            (ir.KIND_YEAR, 2027, True), (ir.KIND_YEAR, 2028, False),
            (ir.KIND_BIRTHDATE, date(2030, 1, 1), False),
            (ir.KIND_BIRTHDATE, date(1980, 1, 1), True),
            (ir.KIND_BIRTHDATE, date(1850, 1, 1), False), (ir.KIND_BIRTHDATE, False, True),
            (ir.KIND_UDI, 0, False), (ir.KIND_UDI, 8.5, True), (ir.KIND_UDI, 900, False),
            (ir.KIND_UDI_DATE, date(1990, 1, 1), False),
            (ir.KIND_UDI_DATE, date(2026, 1, 1), True),
            (ir.KIND_MONTHS, 0, False), (ir.KIND_MONTHS, 601, False), (ir.KIND_MONTHS, 12, True),
            (ir.KIND_COUNT, -2, False), (ir.KIND_COUNT, 0, True),
        ]  # fmt: skip
        for kind, value, ok in table:
            with self.subTest(kind=kind, value=value):
                self.assertEqual(ir.in_bounds(kind, value, TODAY), ok)
