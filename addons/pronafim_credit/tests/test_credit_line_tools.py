import datetime
from decimal import Decimal

from odoo.tests import BaseCase

from ..tools import credit_line

D = datetime.date
M = Decimal
# A line of 1,000,000 formalized on 2 November 2026: the table of §VIII.1.A gives a
# disposal window of 6 months (last day 2 May 2027) and the committee a term of 36 months
# (last day 2 November 2029).
TERMS = {"date_formalized": D(2026, 11, 2), "window_months": 6, "term_months": 36}


def available(disposals, repaid, on, revolving):
    return credit_line.availability(1_000_000, disposals, repaid, on, revolving=revolving, **TERMS)


class TestCreditLineTools(BaseCase):
    def test_window_and_term_ends(self):
        self.assertEqual(credit_line.window_end(D(2026, 11, 2), 6), D(2027, 5, 2))
        self.assertEqual(credit_line.window_end(D(2026, 8, 31), 6), D(2027, 2, 28))
        self.assertIsNone(credit_line.window_end(D(2026, 11, 2), 0), "§VIII.3: no window")
        self.assertIsNone(credit_line.window_end(False, 6))
        self.assertEqual(credit_line.term_end(D(2026, 11, 2), 36), D(2029, 11, 2))

    def test_simple_line_disposes_within_the_window_only(self):
        """Unchanged: a simple line disposes up to the authorized amount less what it
        disposed, from its formalization to the last day of month 6."""
        drawn = [(D(2026, 11, 2), 600_000)]
        last_day = available(drawn, 100_000, D(2027, 5, 2), revolving=False)
        self.assertEqual(last_day.phase, credit_line.WINDOW)
        self.assertEqual(last_day.amount, M("400000.00"), "principal repaid is not restored")
        after = available(drawn, 100_000, D(2027, 5, 3), revolving=False)
        self.assertEqual((after.phase, after.amount), (credit_line.CLOSED, M("0.00")))
        before = available([], 0, D(2026, 11, 1), revolving=False)
        self.assertEqual((before.phase, before.amount), (credit_line.BEFORE, M("0.00")))

    def test_revolving_line_redraws_repaid_principal_during_its_term(self):
        """§VIII.1.A "permite su revolvencia durante la vigencia del contrato, con base en
        la disponibilidad del crédito que se deriva de los pagos realizados": 600,000
        drawn on the last day of the window, 100,000.02 of principal repaid."""
        drawn = [(D(2027, 5, 2), 600_000)]
        repaid = M("100000.02")
        in_window = available(drawn, repaid, D(2027, 5, 2), revolving=True)
        self.assertEqual(in_window.phase, credit_line.WINDOW)
        self.assertEqual(in_window.amount, M("500000.02"), "1,000,000 - 499,999.98 outstanding")
        for day in (D(2027, 5, 3), D(2028, 6, 15), D(2029, 11, 2)):
            redraw = available(drawn, repaid, day, revolving=True)
            self.assertEqual(redraw.phase, credit_line.REVOLVING, day)
            self.assertEqual(redraw.ceiling, M("600000.00"), "never-drawn 400,000 lapsed")
            self.assertEqual(redraw.amount, M("100000.02"), day)
        closed = available(drawn, repaid, D(2029, 11, 3), revolving=True)
        self.assertEqual((closed.phase, closed.amount), (credit_line.CLOSED, M("0.00")))
        # The re-draw of month 20 uses up what was repaid.
        redrawn = available(
            [*drawn, (D(2028, 6, 15), M("100000.02"))], repaid, D(2028, 6, 16), revolving=True
        )
        self.assertEqual(redrawn.amount, M("0.00"))
        # Nothing repaid and nothing drawn: after the window a first draw is not possible.
        unused = available([], 0, D(2027, 5, 3), revolving=True)
        self.assertEqual((unused.phase, unused.amount), (credit_line.REVOLVING, M("0.00")))

    def test_redraws_within_the_window_count_once_towards_the_authorized_amount(self):
        drawn = [(D(2026, 11, 2), 1_000_000), (D(2027, 1, 4), 300_000)]
        after = available(drawn, 300_000, D(2027, 6, 1), revolving=True)
        self.assertEqual(after.ceiling, M("1000000.00"))
        self.assertEqual(after.outstanding, M("1000000.00"))
        self.assertEqual(after.amount, M("0.00"))

    def test_redraw_is_repaid_within_the_term(self):
        end = D(2029, 11, 2)
        self.assertEqual(credit_line.redraw_months(D(2028, 6, 15), end), 16)
        self.assertEqual(credit_line.redraw_months(D(2028, 11, 2), end), 12)
        self.assertEqual(credit_line.redraw_months(D(2029, 10, 3), end), 1)
        self.assertEqual(credit_line.redraw_months(end, end), 1, "at least one installment")
