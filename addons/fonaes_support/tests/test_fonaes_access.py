from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import FonaesCase


@tagged("post_install", "-at_install")
class TestFonaesAccess(FonaesCase):
    def setUp(self):
        super().setUp()
        self.app = self._application(self.group, self._limit("support_limit_cts_1"), 100_000)
        self.app.action_submit()

    def test_state_representative_only_own_state(self):
        other = self.app.with_user(self.other_rep)
        with self.assertRaises(AccessError):
            other.read(["name"])
        with self.assertRaises(AccessError):
            other.write({"municipality": "X"})
        with self.assertRaises(AccessError):
            other.document_line_ids.read(["received"])
        self.assertFalse(self.env["fonaes.application"].with_user(self.other_rep).search([]))
        with self.assertRaises(AccessError):
            self._application(
                self.group, self._limit("support_limit_cts_1"), 1000, user=self.other_rep
            )
        # The directorate sees every state.
        self.assertIn(
            self.app, self.env["fonaes.application"].with_user(self.directorate).search([])
        )

    def test_folio_cannot_be_deleted(self):
        with self.assertRaisesMessage(UserError, "cannot be deleted; cancel its folio instead"):
            self.app.unlink()
        with self.assertRaisesMessage(UserError, "cannot be deleted"):
            self.app.with_user(self.directorate).unlink()

    def test_accountant_and_outsider(self):
        # The accountant reads applications (agreements point to them) but never edits.
        self.app.with_user(self.accountant).read(["name"])
        with self.assertRaises(AccessError):
            self.app.with_user(self.accountant).write({"municipality": "X"})
        outsider = self._new_user("fo_out", "base.group_user")
        with self.assertRaises(AccessError):
            self.app.with_user(outsider).read(["name"])
        with self.assertRaises(AccessError):
            self.group.fonaes_member_ids.with_user(outsider).read(["curp"])

    def test_only_directorate_edits_tables_and_budget(self):
        limit = self._limit("support_limit_cts_1")
        with self.assertRaises(AccessError):
            limit.with_user(self.state_rep).write({"max_amount": 1e9})
        with self.assertRaises(AccessError):
            self.env["fonaes.budget"].with_user(self.state_rep).create(
                {"fiscal_year": 2026, "support_type_id": self.cts.id, "amount": 1}
            )
        with self.assertRaises(AccessError):
            self.cts.with_user(self.accountant).write({"max_project_pct": 99})
        limit.with_user(self.directorate).write({"rule_section": "§4.3.1.1.C"})

    def test_roster_curp_optional_but_valid(self):
        member = (
            self.env["fonaes.partner.member"]
            .with_user(self.state_rep)
            .create({"partner_id": self.group.id, "name": "Sin CURP", "gender": "female"})
        )
        self.assertFalse(member.curp)
        self.assertEqual(self.group.fonaes_women_count, 4)
        from odoo.exceptions import ValidationError

        with self.assertRaisesMessage(ValidationError, "is not a valid CURP"):
            member.curp = "ABCD000000XXXXXX00"

    def test_roster_and_esc_reports_per_state(self):
        # Roster members carry CURP and birth dates: only the beneficiary's state sees them.
        members = self.group.fonaes_member_ids
        members.with_user(self.state_rep).read(["curp", "birthdate"])
        members.with_user(self.directorate).read(["curp", "birthdate"])
        Member = self.env["fonaes.partner.member"]
        self.assertFalse(
            Member.with_user(self.other_rep).search([("partner_id", "=", self.group.id)])
        )
        with self.assertRaises(AccessError):
            members[0].with_user(self.other_rep).read(["curp"])
        with self.assertRaises(AccessError):
            members[0].with_user(self.other_rep).write({"curp": False})
        with self.assertRaises(AccessError):
            members[0].with_user(self.other_rep).unlink()
        with self.assertRaises(AccessError):
            Member.with_user(self.other_rep).create(
                {"partner_id": self.group.id, "name": "Intrusa", "gender": "female"}
            )
        with self.assertRaises(AccessError):
            members[0].with_user(self.accountant).read(["curp"])
        # A beneficiary without a state: its roster would be invisible to every
        # representative — a clear error, nothing written.
        stateless = self.env["res.partner"].create(
            {"name": "Grupo Sin Estado", "fonaes_role": "grupo_social"}
        )
        with self.assertRaisesMessage(UserError, "Set the state of Grupo Sin Estado first"):
            Member.with_user(self.state_rep).create(
                {"partner_id": stateless.id, "name": "Socia", "gender": "female"}
            )
        self.assertFalse(stateless.fonaes_member_ids)
        # ESC reports: the ESC's state, the directorate and the accountant (read only).
        esc = self._beneficiary("ESC Mixteca", "esc", 3, 3)
        report = (
            self.env["fonaes.esc.report"]
            .with_user(self.state_rep)
            .create({"esc_id": esc.id, "year": 2026, "period": "1"})
        )
        report.with_user(self.directorate).read(["year"])
        report.with_user(self.accountant).read(["year"])
        with self.assertRaises(AccessError):
            report.with_user(self.accountant).write({"revolving_status": True})
        with self.assertRaises(AccessError):
            report.with_user(self.other_rep).read(["year"])
        with self.assertRaises(AccessError):
            self.env["fonaes.esc.report"].with_user(self.other_rep).create(
                {"esc_id": esc.id, "year": 2026, "period": "2"}
            )
        with self.assertRaises(AccessError):
            report.with_user(self.state_rep).unlink()
