from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPronafimDemoLine(TransactionCase):
    """The demo gives finance and the IMF work on day one (issue 15): a formalized line of
    the demo IMF, a disposal with its schedule and the IMF's monthly report, all dated from
    the day the demo was loaded."""

    def test_demo_imf_has_a_line_a_disposal_and_a_monthly_report(self):
        imf = self.env.ref("pronafim_credit.demo_imf_partner")
        portal = self.env.ref("pronafim_credit.demo_user_imf_portal")
        finance = self.env.ref("pronafim_credit.demo_user_pronafim_finance")
        self.assertEqual(portal.commercial_partner_id, imf)
        # Finance sees the line, its disposal and the installments due.
        line = (
            self.env["pronafim.credit.line"]
            .with_user(finance)
            .search(
                [
                    ("commercial_partner_id", "=", imf.id),
                    ("state", "=", "formalized"),
                    ("credit_type_id.code", "=", "revolving"),
                ]
            )
        )
        self.assertEqual(len(line), 1)
        # The program's day (Mexico City) when the demo was loaded.
        loaded = fields.Datetime.context_timestamp(
            line.with_context(tz="America/Mexico_City"), line.create_date
        ).date()
        self.assertEqual(line.date_formalized, loaded, "dated from the day the demo loaded")
        self.assertEqual(line.disposal_deadline, loaded + relativedelta(months=6))
        self.assertEqual(line.term_end, loaded + relativedelta(months=24))
        self.assertEqual(line.application_id.state, "formalized")
        disposal = line.disposal_ids
        self.assertEqual(len(disposal), 1)
        self.assertEqual((disposal.date, disposal.amount), (loaded, 1_200_000))
        schedule = disposal.installment_ids.sorted("number")
        self.assertEqual(len(schedule), 24)
        self.assertEqual(schedule[0].due_date, loaded + relativedelta(months=1))
        self.assertAlmostEqual(sum(schedule.mapped("principal")), 1_200_000, 2)
        with self.subTest("availability within the window"):
            self.assertEqual(line._availability_figures(loaded)[2], 800_000)
        # The IMF, on the portal, sees its line, its schedule and its report of the month.
        as_imf = self.env["pronafim.credit.line"].with_user(portal)
        self.assertEqual(as_imf.search([("id", "=", line.id)]), line)
        self.assertEqual(
            self.env["pronafim.credit.installment"]
            .with_user(portal)
            .search_count([("disposal_id", "=", disposal.id)]),
            24,
        )
        report = (
            self.env["pronafim.borrower.report"]
            .with_user(portal)
            .search([("commercial_partner_id", "=", imf.id), ("state", "=", "done")])
        )
        self.assertEqual(len(report), 1)
        self.assertEqual(report.month, loaded.replace(day=1))
        self.assertEqual(report.row_count, 7)
        self.assertEqual(set(report.microcredit_ids.line_id.ids), set(line.ids))
        self.assertEqual(line.borrower_count, 7)
        self.assertAlmostEqual(line.women_pct, 500 / 7, 2)

    def test_demo_chatter_is_in_the_users_spanish(self):
        """Odoo loads a module's translations after its demo: the demo loads them first
        and runs its steps in Mexican Spanish, so the chatter the users find on day one
        (each record's creation) is not in English."""
        imf = self.env.ref("pronafim_credit.demo_imf_partner")
        line = self.env["pronafim.credit.line"].search([("commercial_partner_id", "=", imf.id)])
        complaints = self.env["pronafim.complaint"].browse(
            [self.env.ref(f"pronafim_credit.demo_complaint_{n}").id for n in range(1, 6)]
        )
        self.assertTrue(line)
        messages = (
            line.message_ids | line.application_id.message_ids | complaints.message_ids
        ).filtered(lambda m: m.message_type == "notification" and m.body)
        self.assertGreaterEqual(len(messages), 7)
        for message in messages:
            self.assertNotIn(" created", str(message.body))
        self.assertTrue(messages.filtered(lambda m: " creado" in str(m.body)))
