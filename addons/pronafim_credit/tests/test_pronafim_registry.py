import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PronafimCase, on_day


@tagged("post_install", "-at_install")
class TestPronafimRegistry(PronafimCase):
    def test_size_class_boundaries(self):
        """§II: Micro < 16; Pequeña 16 to < 55; Mediana 55 to < 107; Grande 107 to < 320;
        Macro >= 320 (millions of pesos)."""
        partner = self.imf.with_user(self.analyst)
        cases = [
            (15_999_999.99, "micro"),
            (16_000_000, "small"),
            (54_999_999.99, "small"),
            (55_000_000, "medium"),
            (106_999_999.99, "medium"),
            (107_000_000, "large"),
            (319_999_999.99, "large"),
            (320_000_000, "macro"),
        ]
        for day, (amount, code) in enumerate(cases, start=1):
            partner.write(
                {
                    "pronafim_net_portfolio": amount,
                    "pronafim_portfolio_date": datetime.date(2026, 1, day),
                }
            )
            self.assertEqual(partner.pronafim_size_class_id.code, code, amount)
            self.assertEqual(partner.pronafim_size_class_id.section, "§II")
        history = partner.pronafim_size_history_ids
        self.assertEqual(len(history), len(cases))
        self.assertEqual(history[0].date, datetime.date(2026, 1, 8))
        self.assertEqual(history[0].size_class_id.code, "macro")
        self.assertEqual(history[-1].size_class_id.code, "micro")
        with self.assertRaises(UserError):
            history[0].sudo().unlink()

    def test_checklist_per_role(self):
        """§IV.2.B: nine criteria (a to i) for an IMF, six (a to f) for an organization."""
        Partner = self.env["res.partner"].with_user(self.analyst)
        imf = Partner.create({"name": "IMF Nueva", "is_company": True, "pronafim_role": "imf"})
        org = Partner.create(
            {"name": "Org Nueva", "is_company": True, "pronafim_role": "organization"}
        )
        self.assertEqual(len(imf.pronafim_eligibility_ids), 9)
        self.assertEqual(len(org.pronafim_eligibility_ids), 6)
        self.assertEqual(imf.pronafim_eligibility_ids.mapped("section")[3], "§IV.2.B.i.d")
        self.assertEqual(len(imf._pronafim_missing_eligibility()), 9)
        line = imf.pronafim_eligibility_ids[3]
        line.write({"evidence_file": b"UERG", "evidence_date": datetime.date(2026, 10, 1)})
        self.assertTrue(line.is_complete)
        self.assertEqual(len(imf._pronafim_missing_eligibility()), 8)

    def test_social_evaluation_validity(self):
        """§XI.g: valid two years from its date; warn before, flag after."""
        self.imf.write(
            {
                "pronafim_sp_agency": "Agencia Calificadora",
                "pronafim_sp_date": datetime.date(2024, 12, 1),
                "pronafim_sp_result": "good",
            }
        )
        self.assertEqual(self.imf.pronafim_sp_valid_until, datetime.date(2026, 12, 1))
        for day, expected in (
            (datetime.date(2026, 6, 1), "valid"),
            (datetime.date(2026, 11, 1), "expiring"),
            (datetime.date(2026, 12, 1), "expired"),
        ):
            with on_day(day):
                self.imf.invalidate_recordset(["pronafim_sp_status"])
                self.assertEqual(self.imf.pronafim_sp_status, expected)
        self.imf.pronafim_sp_result = "below"
        self.assertEqual(self.imf.pronafim_sp_status, "insufficient")

    def test_social_evaluation_six_month_start_and_alert_cron(self):
        """§XI.g: without an evaluation, start within 6 months of the first formalization."""
        self.imf.sudo().pronafim_first_formalization_date = datetime.date(2026, 3, 15)
        self.assertEqual(self.imf.pronafim_sp_start_deadline, datetime.date(2026, 9, 15))
        with on_day(datetime.date(2026, 9, 15)):
            self.imf.invalidate_recordset(["pronafim_sp_status"])
            self.assertEqual(self.imf.pronafim_sp_status, "to_start")
        on_16 = on_day(datetime.date(2026, 9, 16))
        on_16.start()
        self.addCleanup(on_16.stop)
        self.imf.invalidate_recordset(["pronafim_sp_status"])
        self.assertEqual(self.imf.pronafim_sp_status, "start_overdue")
        Partner = self.env["res.partner"]
        before = len(self.imf.activity_ids)
        Partner._cron_social_evaluation_alerts()
        self.assertEqual(len(self.imf.activity_ids), before + 1)
        self.assertIn("§XI.g", self.imf.activity_ids[-1].summary)
        Partner._cron_social_evaluation_alerts()
        self.assertEqual(len(self.imf.activity_ids), before + 1, "second run: no duplicate")
        self.imf.pronafim_sp_started_date = datetime.date(2026, 9, 20)
        self.assertEqual(self.imf.pronafim_sp_status, "started")

    def test_registry_access(self):
        """The analyst keeps the registry; rule tables are the manager's."""
        size_class = self.env.ref("pronafim_credit.size_class_micro")
        with self.assertRaises(AccessError):
            size_class.with_user(self.analyst).write({"max_portfolio_m": 20})
        with self.assertRaises(AccessError):
            self.env.ref("pronafim_credit.eligibility_imf_a").with_user(self.analyst).unlink()
        self.imf.with_user(self.analyst).pronafim_net_portfolio = 60_000_000
        history = self.imf.pronafim_size_history_ids
        self.assertEqual(len(history), 1)
        with self.assertRaises(AccessError):
            history.with_user(self.analyst).unlink()
        with self.assertRaises(AccessError):
            history.with_user(self.analyst).write({"net_portfolio": 1.0})
        size_class.with_user(self.manager).write({"section": "§II"})
        with self.assertRaises(AccessError):
            self.imf.with_user(self.portal).pronafim_eligibility_ids.read(["evidence_date"])

    def test_imf_legal_form_excluded(self):
        """§IV.2.B.i.a: civil associations/societies and IAP are excluded as IMF."""
        Partner = self.env["res.partner"].with_user(self.analyst)
        with self.assertRaisesMessage(ValidationError, "Asociación Civil of Fundación AC"):
            Partner.create(
                {
                    "name": "Fundación AC",
                    "is_company": True,
                    "pronafim_role": "imf",
                    "pronafim_legal_form": "ac",
                }
            )
        org = Partner.create(
            {
                "name": "Fundación AC",
                "is_company": True,
                "pronafim_role": "organization",
                "pronafim_legal_form": "ac",
            }
        )
        self.assertEqual(org.pronafim_role, "organization", "allowed as an organization")
