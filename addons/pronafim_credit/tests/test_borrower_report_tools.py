import datetime

from stdnum.mx import curp as mx_curp

from odoo.tests import BaseCase

from odoo.addons.micro_base.tools import tabular

from ..tools import borrower_report


def curp(base17):
    return base17 + mx_curp.calc_check_digit(base17)


WOMAN = curp("GOMA850101MDFRRN0")
MAN = curp("PELJ900515HJCRPN0")
MINOR = curp("RUIL100101MDFZZSA")  # born 2010-01-01
MONTH = datetime.date(2026, 10, 1)
LINES = {"LC/2026/00001": 7}
MUNIS = {"09003": 1, "20001": 2}


def row(**values):
    base = {
        "curp": WOMAN, "name": "Ana Gómez", "amount": "8000", "date": "2026-10-05",
        "term_months": "12", "rate": "45", "line": "LC/2026/00001", "municipality": "09003",
        "activity": "commerce", "workers": "2", "trained": "sí", "over_indebted": "no",
    }  # fmt: skip
    base.update(values)
    return base


class TestBorrowerReportTools(BaseCase):
    def test_valid_rows(self):
        records, errors = borrower_report.validate_rows(
            [row(), row(curp=MAN, name="José Pérez", activity="industry", workers="15")],
            MONTH,
            LINES,
            MUNIS,
        )
        self.assertEqual(errors, [])
        self.assertEqual([r["sex"] for r in records], ["female", "male"])
        self.assertEqual(records[0]["line_id"], 7)
        self.assertTrue(records[0]["trained"])

    def test_every_bad_row_with_line_number_and_reason(self):
        rows = [
            row(),
            row(curp="GOMA850101MDFRRN01"),
            row(curp=MINOR, date="2026-10-10"),
            row(activity="commerce", workers="6"),
            row(activity="industry", workers="16", municipality="99999"),
            row(over_indebted="sí", date="2026-11-01"),
            row(line="LC/OTRA"),
        ]
        _records, errors = borrower_report.validate_rows(rows, MONTH, LINES, MUNIS)
        by_line = {n: borrower_report.render(reasons) for n, reasons in errors}
        self.assertEqual(sorted(by_line), [3, 4, 5, 6, 7, 8])
        self.assertIn("CURP", by_line[3])
        self.assertIn("under 18", by_line[4])
        self.assertIn("6 workers: an economic unit in commerce has 1 to 5 (§II)", by_line[5])
        self.assertIn("in industry has 1 to 15", by_line[6])
        self.assertIn("municipality '99999' is not in the catalog", by_line[6])
        self.assertIn("over-indebted", by_line[7])
        self.assertIn("is not in 10/2026", by_line[7])
        self.assertIn("not a formalized line", by_line[8])

    def test_reasons_rendered_by_the_callers_gettext(self):
        """The model renders each reason with env._ (translated); the template is the key."""
        _records, errors = borrower_report.validate_rows([row(workers="6")], MONTH, LINES, MUNIS)
        [(number, reasons)] = errors
        self.assertEqual(number, 2)
        seen = []

        def gettext(template, **params):
            seen.append(template)
            return "<" + template % params + ">"

        self.assertEqual(
            borrower_report.render(reasons, gettext),
            "<6 workers: an economic unit in commerce has 1 to 5 (§II)>",
        )
        self.assertEqual(
            seen, ["%(workers)s workers: an economic unit in %(activity)s has 1 to %(max)s (§II)"]
        )

    def test_figures(self):
        """Spec §5: % of the micro-credits reported, and their average amount."""
        row = {
            "count": 8, "women": 6, "rural": 2, "priority": 4, "special": 1, "trained": 5,
            "average_amount": 9_250,
        }  # fmt: skip
        self.assertEqual(
            borrower_report.figures(row),
            {
                "borrower_count": 8,
                "women_pct": 75,
                "rural_pct": 25,
                "priority_pct": 50,
                "special_pct": 12.5,
                "training_pct": 62.5,
                "average_amount": 9_250,
            },
        )
        self.assertEqual(borrower_report.figures({})["women_pct"], 0)

    def test_missing_columns_and_csv(self):
        _records, errors = borrower_report.validate_rows([{"curp": WOMAN}], MONTH, LINES, MUNIS)
        self.assertEqual(errors[0][0], 1)
        self.assertEqual(
            borrower_report.render(errors[0][1]),
            "missing columns: name, amount, date, term_months, rate, line, municipality, "
            "activity, workers, trained, over_indebted",
        )
        data = f"curp;name\n{WOMAN};Ana\n".encode()
        self.assertEqual(tabular.read(data).rows, [{"curp": WOMAN, "name": "Ana"}])

    def test_numbers_that_cannot_be_stored_are_refused_per_row(self):
        rows = [
            row(amount="1e309"),
            row(amount="nan"),
            row(rate="inf", term_months="12.7"),
            row(workers="99999999999"),
            row(amount="abc"),
        ]
        _records, errors = borrower_report.validate_rows(rows, MONTH, LINES, MUNIS)
        by_line = {n: borrower_report.render(reasons) for n, reasons in errors}
        self.assertEqual(sorted(by_line), [2, 3, 4, 5, 6])
        self.assertIn("amount 1e309 is too large (at most 1,000,000,000,000,000)", by_line[2])
        self.assertIn("amount 'nan' is not a finite number", by_line[3])
        self.assertIn("rate 'inf' is not a finite number", by_line[4])
        self.assertIn("term_months '12.7' is not a whole number", by_line[4])
        self.assertIn("workers 99999999999 is too large (at most 2,147,483,647)", by_line[5])
        self.assertIn("amount 'abc' is not a number", by_line[6])

    def test_line_numbers_of_the_file(self):
        """Rows read from a file keep their line in it (blank lines skipped)."""
        header = ",".join(row())
        good = ",".join(row().values())
        bad = ",".join(row(amount="-5").values())
        table = tabular.read(f"{header}\n{good}\n\n\n{bad}\n".encode())
        _records, errors = borrower_report.validate_rows(
            table.rows, MONTH, LINES, MUNIS, table.header
        )
        self.assertEqual([n for n, _reasons in errors], [5])
        # A header-only file: the missing columns are told from the header itself.
        table = tabular.read(b"curp,name\n")
        _records, errors = borrower_report.validate_rows(
            table.rows, MONTH, LINES, MUNIS, table.header
        )
        self.assertIn("missing columns: amount", borrower_report.render(errors[0][1]))

    def test_fast_curp_check_accepts_what_python_stdnum_accepts(self):
        """The import's fast path (issue 20) takes a CURP only when python-stdnum would take
        it unchanged; everything else goes through identity.validate for its reason."""
        man = "PELJ900515HJCRPN03"
        variants = {
            WOMAN: ("female", datetime.date(1985, 1, 1)),
            man: ("male", datetime.date(1990, 5, 15)),
            MINOR: ("female", datetime.date(2010, 1, 1)),
            man.lower(): None,  # valid once upper-cased: the slow path normalizes it
            f"{man[:4]}-{man[4:]}": None,
            man[:17]: None,
            man[:17] + "4": None,  # check digit
            man[:6] + "13" + man[8:]: None,  # month 13
            man[:11] + "XX" + man[13:]: None,  # no such state
            "PUTO" + man[4:]: None,  # name table
            man[:10] + "X" + man[11:]: None,  # sex
        }
        for value, expected in variants.items():
            with self.subTest(value=value):
                self.assertEqual(borrower_report.curp_fast(value), expected)
                if expected:
                    self.assertTrue(mx_curp.is_valid(value))
                    self.assertEqual(mx_curp.compact(value), value)
