from odoo.tests import HttpCase, tagged

from odoo.addons.micro_base.tests.common import MicroScreensMixin


@tagged("post_install", "-at_install")
class TestPronafimFlowTours(MicroScreensMixin, HttpCase):
    """PRONAFIM after the committee (issue 17), on the demo data, each role at 1400x900 in
    Mexican Spanish from /web/login: the secretary decides, the analyst notifies, finance
    goes from the credit line to a registered payment; the complaints officer takes,
    answers and closes a complaint. Screenshots under ``.odoo/screens/<class>/``."""

    browser_size = "1400x900"

    def test_authorized_application_to_registered_payment(self):
        users = {
            login: self.env.ref(f"pronafim_credit.{xmlid}")
            for login, xmlid in (
                ("pronafim_secretaria", "demo_user_pronafim_secretary"),
                ("pronafim_analista", "demo_user_pronafim_analyst"),
                ("pronafim_finanzas", "demo_user_pronafim_finance"),
            )
        }
        for user in users.values():
            self.assertEqual(user.lang, "es_MX")
        App = self.env["pronafim.application"]
        pending = App.search([("state", "=", "committee"), ("amount_requested", "=", 900_000)])
        authorized = App.search(
            [("state", "=", "authorized"), ("amount_requested", "=", 1_500_000)]
        )
        self.assertEqual((len(pending), len(authorized)), (1, 1))

        self.start_tour("/web/login", "pronafim_flow_secretary_decides", timeout=240)
        self.assertEqual(pending.state, "authorized")
        self.assertEqual(pending.decision_id.outcome, "authorized")

        self.start_tour("/web/login", "pronafim_flow_analyst_notifies", timeout=240)
        self.assertEqual(authorized.state, "notified")

        self.start_tour("/web/login", "pronafim_flow_finance_line_to_payment", timeout=300)
        line = authorized.credit_line_ids
        self.assertEqual(authorized.state, "formalized")
        self.assertEqual(line.state, "formalized")
        self.assertEqual(line.credit_type_id, self.env.ref("pronafim_credit.credit_type_simple"))
        self.assertEqual((line.amount, line.term_months, line.margin), (1_500_000, 24, 2.5))
        disposal = line.disposal_ids
        self.assertEqual(disposal.amount, 500_000)
        self.assertEqual(disposal.repayment_ids.create_uid, users["pronafim_finanzas"])
        first = disposal.installment_ids.sorted("number")[0]
        self.assertFalse(first.amount_due)

    def test_complaints_officer_takes_answers_and_closes(self):
        complaint = self.env.ref("pronafim_credit.demo_complaint_1")
        self.assertEqual(complaint.state, "received")
        self.start_tour("/web/login", "pronafim_flow_complaints_officer", timeout=240)
        self.assertEqual(complaint.state, "closed")
        self.assertIn(complaint.due_status, ("ok", "lapsed"))
        self.assertEqual(
            complaint.officer_id, self.env.ref("pronafim_credit.demo_user_pronafim_complaints")
        )
