"""Pure domain helpers, tested without a database."""

import datetime
import re

from odoo.tests import BaseCase, tagged

from ..tools import amount_words, business_days, identity

D = datetime.date


@tagged("post_install", "-at_install", "micro_base_tools")
class TestBusinessDaysTool(BaseCase):
    def test_weekend_skipped(self):
        # Friday + 1 business day = Monday; the starting day is not counted.
        self.assertEqual(business_days.add_business_days(D(2026, 11, 20), 1), D(2026, 11, 23))
        self.assertEqual(business_days.add_business_days(D(2026, 11, 21), 1), D(2026, 11, 23))
        self.assertEqual(business_days.add_business_days(D(2026, 11, 20), 0), D(2026, 11, 20))

    def test_holidays_skipped(self):
        holidays = {D(2026, 11, 16)}
        self.assertEqual(
            business_days.add_business_days(D(2026, 11, 13), 1, holidays), D(2026, 11, 17)
        )
        self.assertEqual(
            business_days.add_business_days(D(2026, 11, 13), 10, holidays), D(2026, 11, 30)
        )

    def test_between_is_inverse(self):
        holidays = {D(2026, 12, 25), D(2027, 1, 1)}
        start = D(2026, 12, 18)
        for n in range(0, 40):
            end = business_days.add_business_days(start, n, holidays)
            self.assertEqual(business_days.business_days_between(start, end, holidays), n)
        self.assertEqual(business_days.business_days_between(D(2026, 11, 23), D(2026, 11, 20)), -1)

    def test_bad_input(self):
        with self.assertRaisesRegex(ValueError, "cannot be negative"):
            business_days.add_business_days(D(2026, 1, 1), -1)
        with self.assertRaisesRegex(ValueError, "no working day"):
            business_days.add_business_days(D(2026, 1, 1), 1, weekend=range(7))


@tagged("post_install", "-at_install", "micro_base_tools")
class TestIdentityTool(BaseCase):
    def test_valid_numbers_normalized(self):
        self.assertEqual(identity.validate("curp", "boxw310820hnerxn09"), "BOXW310820HNERXN09")
        self.assertEqual(identity.validate("rfc", "GODE 561231 GR8"), "GODE561231GR8")
        self.assertEqual(identity.validate("nit", "213.123.432-1"), "2131234321")
        self.assertEqual(identity.validate("cc", "1.023.456.789"), "1023456789")
        self.assertEqual(identity.format_number("nit", "2131234321"), "213.123.432-1")

    def test_invalid_numbers_name_type_and_value(self):
        cases = [
            ("curp", "BOXW310820HNERXN08", "'BOXW310820HNERXN08' is not a valid CURP: its check"),
            ("rfc", "GODE561331GR8", "'GODE561331GR8' is not a valid RFC: a part of it"),
            ("nit", "213.123.432-5", "'2131234325' is not a valid NIT"),
            (
                "cc",
                "12A45",
                "'12A45' is not a valid Citizenship ID card (CC): it must have 3 to 10 digits",
            ),
            ("cc", "12345678901", "is not a valid Citizenship ID card (CC)"),
            ("curp", " ", "'' is not a valid CURP: it is empty"),
            ("passport", "X1", "unknown document type"),
        ]
        for doc_type, number, message in cases:
            with self.subTest(doc_type=doc_type, number=number):
                with self.assertRaisesRegex(identity.IdentityError, re.escape(message)):
                    identity.validate(doc_type, number)

    def test_curp_birth_date_and_age(self):
        birth = identity.curp_birth_date("BOXW310820HNERXN09")
        self.assertEqual(birth, D(1931, 8, 20))
        self.assertEqual(identity.age_on(D(2008, 11, 21), D(2026, 11, 20)), 17)
        self.assertEqual(identity.age_on(D(2008, 11, 21), D(2026, 11, 21)), 18)


@tagged("post_install", "-at_install", "micro_base_tools")
class TestAmountWordsTool(BaseCase):
    def test_mexican_legal_form(self):
        cases = {
            10000: "DIEZ MIL PESOS 00/100 M.N.",
            1: "UN PESO 00/100 M.N.",
            21: "VEINTIÚN PESOS 00/100 M.N.",
            31: "TREINTA Y UN PESOS 00/100 M.N.",
            101000: "CIENTO UN MIL PESOS 00/100 M.N.",
            21000.5: "VEINTIÚN MIL PESOS 50/100 M.N.",
            1000000: "UN MILLÓN DE PESOS 00/100 M.N.",
            21000000: "VEINTIÚN MILLONES DE PESOS 00/100 M.N.",
            1500000: "UN MILLÓN QUINIENTOS MIL PESOS 00/100 M.N.",
            0.99: "CERO PESOS 99/100 M.N.",
            1234.567: "MIL DOSCIENTOS TREINTA Y CUATRO PESOS 57/100 M.N.",
        }
        for amount, words in cases.items():
            with self.subTest(amount=amount):
                self.assertEqual(amount_words.amount_to_words_mxn(amount), words)

    def test_negative_refused(self):
        with self.assertRaisesRegex(ValueError, "negative"):
            amount_words.amount_to_words_mxn(-1)
