"""Rules of issue 18 for the application: ESC minimums (§4.3.1 Requisitos Generales A) and
the objection window counted from the day the applicant receives the notice (§6.3.1.V.b),
as the state representative who receives the applications and records the notices."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged, users

from .common import FonaesCase


@tagged("post_install", "-at_install")
class TestFonaesEscMinimums(FonaesCase):
    """§4.3.1, Requisitos Generales A: an ESC accredits 10,000,000 of revolving agreed with
    FONAES's beneficiaries and 1,000,000 received as liquid revolving; a branch 5,000,000
    and 500,000."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.acp = cls.env.ref("fonaes_support.support_limit_acp_1")

    def _esc_application(self, name, agreed, paid, branch=False):
        esc = self._beneficiary(name, "esc", 3, 3)
        form = Form(self.env["fonaes.application"])
        form.partner_id = esc
        form.support_type_id = self.acp.support_type_id
        form.limit_id = self.acp
        form.requested_amount = 400_000
        form.esc_branch = branch
        form.esc_agreed_revolving = agreed
        form.esc_paid_revolving = paid
        app = form.save()
        app.document_line_ids.write({"received": True})
        return app

    @users("fo_rep_oax")
    def test_esc_needs_ten_million_agreed_and_one_million_received(self):
        app = self._esc_application("ESC Valles Centrales", 9_999_999.99, 1_000_000)
        with self.assertRaisesMessage(
            UserError,
            "must accredit revolving agreed with FONAES's beneficiaries of at least "
            "$\xa010,000,000.00 and $\xa01,000,000.00 received as liquid revolving; it "
            "accredits $\xa09,999,999.99 and $\xa01,000,000.00 (Reglas de Operación FONAES "
            "2005, §4.3.1, Requisitos Generales A)",
        ):
            app.action_submit()
        self.assertFalse(app.name)
        app.write({"esc_agreed_revolving": 10_000_000, "esc_paid_revolving": 999_999.99})
        with self.assertRaisesMessage(
            UserError, "it accredits $\xa010,000,000.00 and $\xa0999,999.99"
        ):
            app.action_submit()
        app.esc_paid_revolving = 1_000_000
        app.action_submit()
        self.assertEqual(app.state, "registered")
        # Accredited at reception: frozen with the folio.
        with self.assertRaisesMessage(UserError, "can no longer change"):
            app.esc_agreed_revolving = 1

    @users("fo_rep_oax")
    def test_esc_branch_five_million_and_five_hundred_thousand(self):
        app = self._esc_application("ESC Sucursal Tlacolula", 5_000_000, 499_999.99, True)
        with self.assertRaisesMessage(
            UserError,
            "a branch of a social capitalization enterprise, must accredit revolving agreed "
            "with FONAES's beneficiaries of at least $\xa05,000,000.00 and $\xa0500,000.00",
        ):
            app.action_submit()
        app.esc_paid_revolving = 500_000
        app.action_submit()
        self.assertEqual(app.state, "registered")
        # The branch's figures are not enough for a whole enterprise.
        whole = self._esc_application("ESC Mixteca Alta", 5_000_000, 500_000)
        with self.assertRaisesMessage(UserError, "at least $\xa010,000,000.00"):
            whole.action_submit()


@tagged("post_install", "-at_install")
class TestFonaesObjectionWindow(FonaesCase):
    """§6.3.1.V.b: "treinta días hábiles a partir de la fecha en que reciba la comunicación",
    plus twenty on written request; without objection the folio is cancelled."""

    def _improcedent(self):
        app = self._application(self.group, self._limit("support_limit_cts_1"), 100_000)
        app.action_submit()
        self._to_evaluated(app, "not_feasible")
        app.inconsistencies = "Los bienes aportados no existen."
        app.action_improcedent()
        return app

    def _mailed_notice(self):
        app = self._improcedent()
        app.notice_delivery = "mail"
        with freeze_time("2026-12-10"):
            app.action_notify_inconsistencies()
        self.assertEqual(app.notice_date, date(2026, 12, 10))
        return app

    @users("fo_rep_oax")
    def test_mailed_notice_counts_from_its_receipt(self):
        app = self._mailed_notice()
        Application = self.env["fonaes.application"]
        # Not received yet: no term runs and no folio is cancelled, however late.
        self.assertFalse(app.objection_deadline)
        with freeze_time("2027-06-01"):
            self.assertFalse(Application._cron_cancel_expired_folios())
        self.assertEqual(app.state, "improcedent")
        with self.assertRaisesMessage(UserError, "its delivery cannot change"):
            app.notice_delivery = "personal"
        # The receipt cannot precede the notice nor be in the future.
        with self.assertRaisesMessage(ValidationError, "received after it is notified"):
            app.notice_received_date = date(2026, 12, 9)
        with freeze_time("2027-01-08"):
            with self.assertRaisesMessage(ValidationError, "not after today"):
                app.notice_received_date = date(2027, 1, 11)
            # Received on Friday 8 January 2027: 30 business days, 1 February 2027 off
            # (counted from the sending, the term would have ended on 25 January).
            app.notice_received_date = date(2027, 1, 8)
        self.assertEqual(app.objection_start_date, date(2027, 1, 8))
        self.assertEqual(app.objection_deadline, date(2027, 2, 22))
        with freeze_time("2027-02-22"):  # the last day of the term
            self.assertFalse(Application._cron_cancel_expired_folios())
        self.assertEqual(app.state, "improcedent")
        with freeze_time("2027-02-23"):
            self.assertEqual(Application._cron_cancel_expired_folios(), app)
        self.assertEqual(app.state, "cancelled")
        with self.assertRaisesMessage(UserError, "while the improcedencia stands"):
            app.notice_received_date = date(2027, 1, 20)

    @users("fo_rep_oax")
    def test_objection_on_the_last_day_and_the_extension(self):
        on_time = self._mailed_notice()
        late = self._mailed_notice()
        with freeze_time("2027-01-08"):
            (on_time | late).notice_received_date = date(2027, 1, 8)
        with freeze_time("2027-02-22"):
            on_time.action_receive_objection()
        self.assertEqual(on_time.state, "validated")
        self.assertEqual(on_time.objection_date, date(2027, 2, 22))
        with freeze_time("2027-02-23"):
            with self.assertRaisesMessage(UserError, "the objection term ended on 2027-02-22"):
                late.action_receive_objection()
            # +20 business days on written request (15 March 2027 off).
            late.action_extend_objection()
        self.assertEqual(late.objection_deadline, date(2027, 3, 23))
        with freeze_time("2027-03-23"):
            self.assertFalse(self.env["fonaes.application"]._cron_cancel_expired_folios())
            late.action_receive_objection()
        self.assertEqual(late.state, "validated")

    @users("fo_rep_oax")
    def test_objection_before_a_mailed_notice_is_received_is_timely(self):
        app = self._mailed_notice()
        app.action_receive_objection()
        self.assertEqual(app.state, "validated")

    @users("fo_rep_oax")
    def test_notice_in_person_is_received_the_day_it_is_notified(self):
        app = self._improcedent()
        self.assertEqual(app.notice_delivery, "personal")
        with freeze_time("2027-01-08"):
            app.action_notify_inconsistencies()
        self.assertEqual(app.objection_start_date, date(2027, 1, 8))
        self.assertEqual(app.objection_deadline, date(2027, 2, 22))
        # A receipt signed later than the notice moves the start.
        with freeze_time("2027-01-11"):
            app.notice_received_date = date(2027, 1, 11)
        self.assertEqual(app.objection_deadline, date(2027, 2, 23))


@tagged("post_install", "-at_install")
class TestFonaesOpinionCeiling(FonaesCase):
    """CTS §4.3.1.1.C.ii ... IPM §4.3.1.5.E.ii: up to 1.5 times the table's amount with the
    directorate's favorable opinion. The ceiling derives from the table's amount, which the
    general directorate maintains."""

    @users("fo_dg")
    def test_changing_a_maximum_changes_its_ceiling(self):
        row = self.env.ref("fonaes_support.support_limit_cts_1")
        self.assertTrue(row.opinion_band)
        self.assertEqual((row.max_amount, row.opinion_max_amount), (220_000, 330_000))
        row.max_amount = 250_000
        self.assertEqual(row.opinion_max_amount, 375_000)
        row.opinion_band = False
        self.assertEqual(row.opinion_max_amount, 250_000)
        row.opinion_band = True
        # Rows without the band keep the table's amount as their ceiling (ACP §4.3.1.6.A).
        acp = self.env.ref("fonaes_support.support_limit_acp_1")
        self.assertEqual((acp.opinion_band, acp.opinion_max_amount), (False, 500_000))
        with self.assertRaisesMessage(UserError, "is derived from the State Representative's"):
            row.opinion_max_amount = 400_000
        self.assertEqual(row.opinion_max_amount, 375_000)
        # The state representative's applications read the new ceiling.
        at_ceiling = self._application(self.group, row, 375_000)
        self.assertEqual(at_ceiling.authorization_level, "opinion")
        above = self._application(self.group, row, 375_000.01)
        self.assertEqual(above.authorization_level, "exceeded")
        with self.assertRaisesMessage(UserError, "exceeds the ceiling of $\xa0375,000.00"):
            above.with_user(self.state_rep).action_submit()
