import base64
import datetime

from freezegun import freeze_time

from odoo.tests import TransactionCase

from odoo.addons.micro_base.tests.common import MicroTestMixin

GROUP = "pronafim_credit.pronafim_credit_group_%s"
EVIDENCE = base64.b64encode(b"%PDF-1.4 evidence")


def on_day(day):
    """Freeze the clock at noon (UTC) of ``day``: the program's "today" is ``day``."""
    return freeze_time(datetime.datetime.combine(day, datetime.time(12)))


class PronafimCase(MicroTestMixin, TransactionCase):
    """Users per role, an eligible IMF, the MX calendar with 2026-2027 holidays."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"]._get_official_calendar("MX")
        cls.calendar._fill_official_holidays([2026, 2027])
        cls.analyst = cls._new_user("pr_analyst", GROUP % "analyst")
        cls.secretary = cls._new_user("pr_secretary", GROUP % "committee_secretary")
        cls.finance = cls._new_user("pr_finance", GROUP % "finance")
        cls.manager = cls._new_user("pr_manager", GROUP % "manager")
        cls.imf = cls.env["res.partner"].create(
            {
                "name": "Microfinanciera Uno SA de CV",
                "is_company": True,
                "pronafim_role": "imf",
                "pronafim_legal_form": "sa",
                "pronafim_active_since": datetime.date(2020, 3, 1),
            }
        )
        cls.other_imf = cls.env["res.partner"].create(
            {
                "name": "Financiera Dos SAPI",
                "is_company": True,
                "pronafim_role": "imf",
                "pronafim_legal_form": "sapi",
                "pronafim_active_since": datetime.date(2019, 1, 1),
            }
        )
        for partner in cls.imf | cls.other_imf:
            cls._complete_eligibility(partner)
        cls.portal = cls._new_user(
            "pr_portal",
            "base.group_portal," + GROUP % "imf_portal",
            partner_id=cls.env["res.partner"]
            .create({"name": "Ana IMF", "parent_id": cls.imf.id})
            .id,
        )
        cls.cetes = cls.env["pronafim.cetes.rate"].create(
            {"date_from": datetime.date(2026, 1, 1), "rate": 7.25}
        )
        cls.env["pronafim.trust.net.worth"].create(
            {"month": datetime.date(2026, 10, 31), "amount": 2_000_000_000.0}
        )

    @classmethod
    def _complete_eligibility(cls, partner):
        partner.pronafim_eligibility_ids.write(
            {
                "evidence_file": EVIDENCE,
                "evidence_filename": "evidence.pdf",
                "evidence_date": datetime.date(2026, 8, 1),
            }
        )

    @classmethod
    def _own_committee(cls, voters=4, guest=False):
        """A committee of the test's own (the demo's members set aside), created by the
        secretary: ``cls.president``, ``voters`` voting members ``cls.voters`` and, with
        ``guest``, a member without vote ``cls.guest``."""
        cls.env["pronafim.committee.member"].search([]).active = False
        Member = cls.env["pronafim.committee.member"].with_user(cls.secretary)
        cls.president = Member.create({"name": "Presidenta", "is_president": True})
        cls.voters = Member.create([{"name": f"Vocal {i}"} for i in range(1, voters + 1)])
        if guest:
            cls.guest = Member.create({"name": "Invitado", "voting": False})

    @classmethod
    def _formalized_line(cls, amount=100_000, day=datetime.date(2026, 11, 2), **vals):
        """A simple credit line of ``amount`` over 12 months, on an application received on
        2026-09-09 and authorized, created and formalized on ``day`` by finance."""
        app = cls._app(cls, day=datetime.date(2026, 9, 9))
        app.sudo().write({"state": "authorized", "outcome": "authorized"})
        line = (
            cls.env["pronafim.credit.line"]
            .with_user(cls.finance)
            .create(
                {
                    "application_id": app.id,
                    "credit_type_id": cls.env.ref("pronafim_credit.credit_type_simple").id,
                    "amount": amount,
                    "term_months": 12,
                    **vals,
                }
            )
        )
        with on_day(day):
            line.action_formalize()
        return line

    def _app(self, user=None, day=datetime.date(2026, 9, 9), **vals):
        """An application received (as the analyst) on ``day``."""
        user = user or self.analyst
        Application = self.env["pronafim.application"].with_user(user)
        app = Application.create({"partner_id": self.imf.id, "application_type": "credit", **vals})
        with on_day(day):
            app.action_receive()
        return app

    def _analyses(self, app, kinds=("operational", "financial", "legal")):
        app.with_user(self.analyst).write(
            {"analysis_ids": [(0, 0, {"kind": k, "result": "favorable"}) for k in kinds]}
        )
