from datetime import date, timedelta

from odoo.tests import TransactionCase

from odoo.addons.micro_base.tests.common import MicroTestMixin

GROUP = "fonaes_support.fonaes_support_group_%s"


class FonaesCase(MicroTestMixin, TransactionCase):
    """Users per role, two states, a budget and beneficiaries built for each test class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["resource.calendar"]._get_official_calendar("MX")._fill_official_holidays(
            [2026, 2027]
        )
        cls.oaxaca = cls.env.ref("base.state_mx_oax")
        cls.jalisco = cls.env.ref("base.state_mx_jal")
        cls.state_rep = cls._new_user("fo_rep_oax", GROUP % "state_representative")
        cls.state_rep.fonaes_state_ids = cls.oaxaca
        cls.other_rep = cls._new_user("fo_rep_jal", GROUP % "state_representative")
        cls.other_rep.fonaes_state_ids = cls.jalisco
        cls.directorate = cls._new_user("fo_dg", GROUP % "general_directorate")
        cls.accountant = cls._new_user("fo_acct", GROUP % "accountant")
        cls.year = 2026
        cls.cts = cls.env.ref("fonaes_support.support_type_cts")
        cls.csr = cls.env.ref("fonaes_support.support_type_csr")
        cls.ipm = cls.env.ref("fonaes_support.support_type_ipm")
        cls.ade = cls.env.ref("fonaes_support.support_type_ade")
        cls.procomer = cls.env.ref("fonaes_support.support_type_procomer")
        budgets = []
        for support in cls.env["fonaes.support.type"].search([]):
            budgets.append(
                {
                    "fiscal_year": cls.year,
                    "support_type_id": support.id,
                    "level": "national",
                    "amount": 50_000_000.0,
                }
            )
        cls.env["fonaes.budget"].create(budgets)
        cls.group = cls._beneficiary("Grupo Las Palmas", "grupo_social", women=3, men=2)
        cls.enterprise = cls._beneficiary("Empresa Social El Roble", "empresa_social", 4, 4)

    @classmethod
    def _setup_accounting(cls):
        """FONAES journal, subsidy expense and payable accounts of the company."""
        cls.subsidy_account = cls._new_account("FON501", "Subsidios FONAES", "expense")
        cls.payable = cls._new_account(
            "FON201", "Beneficiarios FONAES por pagar", "liability_payable", reconcile=True
        )
        cls.journal = cls.env["account.journal"].create(
            {"name": "FONAES", "code": "FONA", "type": "general"}
        )
        cls.env.company.write(
            {
                "fonaes_journal_id": cls.journal.id,
                "fonaes_subsidy_account_id": cls.subsidy_account.id,
            }
        )
        cls.esc = cls._beneficiary("ESC Oaxaca", "esc", 5, 5)
        # §4.3.1.M: registration with FONAES, renewed yearly.
        cls.esc.fonaes_registration_date = date.today() - timedelta(days=30)

    @classmethod
    def _beneficiary(cls, name, kind, women=0, men=0, disabled=0):
        members = [
            {"name": f"{name} socia {i}", "gender": "female", "disability": i < disabled}
            for i in range(women)
        ] + [
            {"name": f"{name} socio {i}", "gender": "male", "disability": women + i < disabled}
            for i in range(men)
        ]
        return cls.env["res.partner"].create(
            {
                "name": name,
                "fonaes_role": kind,
                "state_id": cls.env.ref("base.state_mx_oax").id,
                "fonaes_member_ids": [(0, 0, vals) for vals in members],
            }
        )

    def _application(
        self, partner, limit, amount, project=0.0, user=None, state=None, complete=True, **vals
    ):
        """A draft application created by ``user`` (the Oaxaca representative)."""
        env = self.env(user=user or self.state_rep)
        app = env["fonaes.application"].create(
            {
                "partner_id": partner.id,
                "support_type_id": limit.support_type_id.id,
                "limit_id": limit.id,
                "state_id": (state or self.oaxaca).id,
                "fiscal_year": self.year,
                "requested_amount": amount,
                "project_amount": project,
                **vals,
            }
        )
        if complete:
            app.document_line_ids.write({"received": True})
        return app

    def _limit(self, xmlid):
        return self.env.ref(f"fonaes_support.{xmlid}")

    def _to_evaluated(self, app, result="feasible"):
        app.write(
            {
                "validation_members": True,
                "validation_assets": True,
                "validation_conditions": True,
            }
        )
        app.action_validate()
        app.evaluation_result = result
        app.action_evaluate()
