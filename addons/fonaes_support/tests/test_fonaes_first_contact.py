from datetime import date, timedelta

from odoo.tests import HttpCase, tagged

from odoo.addons.micro_base.tests.common import DemoUsersMixin, MicroScreensMixin

from .common import GROUP, FonaesCase


@tagged("post_install", "-at_install")
class TestFonaesFirstContact(DemoUsersMixin, FonaesCase):
    """What a new user of FONAES meets first (issue 15)."""

    def test_demo_has_a_user_for_every_role_in_mexican_spanish(self):
        # One demo company per country: the Mexican programs' is the main company, made
        # Mexican before `account` installed (scripts/first_company.py): books in pesos on
        # Mexico's chart (l10n_mx), whose SAT groups the statement mapping reads.
        company = self.env.ref("base.main_company")
        self.assertDemoCompany(company, "MX", "MXN")
        self.assertEqual(company.account_fiscal_country_id.code, "MX")
        self.assertEqual(company.chart_template, "mx")
        self.assertEqual(
            set(self.env["account.move"].search([("company_id", "=", company.id)]).currency_id),
            {self.env.ref("base.MXN")},
            "every entry of the Mexican company is in pesos",
        )
        self.assertDemoUsers("fonaes_support", "es_MX", "America/Mexico_City", company=company)
        rep = self.env.ref("fonaes_support.demo_user_state_representative")
        self.assertFalse(rep.email)
        self.assertEqual(
            rep.action_id.id,
            self.env.ref("fonaes_support.fonaes_home_action_state_representative").id,
        )
        accountant = self.env.ref("fonaes_support.demo_user_accountant")
        self.assertEqual(
            accountant.action_id.id,
            self.env.ref("fonaes_support.fonaes_financial_statement_action").id,
        )

    def test_state_representative_without_email_assigns_a_folio(self):
        """Register (Assign Folio) failed with "Unable to send message, please configure
        the sender's email address" for a user without an e-mail address."""
        rep = self._new_user("fo_rep_noemail", GROUP % "state_representative", email=False)
        rep.fonaes_state_ids = self.oaxaca
        self.assertFalse(rep.email)
        app = self._application(self.group, self._limit("support_limit_cts_1"), 100_000, user=rep)
        app.action_submit()
        self.assertEqual(app.state, "registered")
        self.assertTrue(app.name.startswith("FONAES-"))
        message = app.message_ids.filtered(lambda m: app.name in (m.body or ""))
        self.assertEqual(message.author_id, rep.partner_id)
        # The next steps post too: field validation and the term's extension.
        app.write(
            {
                "validation_members": True,
                "validation_assets": True,
                "validation_conditions": True,
            }
        )
        app.action_validate()
        app.action_notify_extension()
        self.assertTrue(app.resolution_extended)

    def test_inbox_folio_column_of_a_draft_is_not_blank(self):
        """A draft has no folio until it is registered (§6.3.1.II): the inbox's folio
        column reads "Draft (* id)", as Odoo's drafts do, then the folio."""
        rep = self._new_user("fo_rep_label", GROUP % "state_representative", email=False)
        rep.fonaes_state_ids = self.oaxaca
        app = self._application(self.group, self._limit("support_limit_cts_1"), 100_000, user=rep)
        self.assertFalse(app.name)
        self.assertEqual(app.with_context(lang="en_US").folio_label, f"Draft (* {app.id})")
        app.action_submit()
        self.assertEqual(app.folio_label, app.name)
        self.assertTrue(app.folio_label.startswith("FONAES-"))
        inbox = self.env.ref("fonaes_support.fonaes_home_action_state_representative")
        arch = self.env["fonaes.application"].get_view(inbox.view_id.id, "list")["arch"]
        self.assertIn('name="folio_label"', arch)

    def test_roles_are_a_selection_in_the_user_form(self):
        programs = self.env.ref("micro_base.module_category_micro_programs")
        for category, kind, _groups, _name in self.env["res.groups"].get_groups_by_application():
            if category.parent_id == programs:
                self.assertEqual(kind, "selection", category.name)


@tagged("post_install", "-at_install")
class TestFonaesFirstContactTour(FonaesCase, HttpCase):
    """The demo state representative (no e-mail) registers an application in the browser."""

    browser_size = "1400x900"

    def test_state_representative_without_email_registers_from_login(self):
        rep = self.env.ref("fonaes_support.demo_user_state_representative")
        self.assertFalse(rep.email)
        self.assertEqual(rep.lang, "es_MX")
        app = self._application(self.group, self._limit("support_limit_cts_1"), 100_000, user=rep)
        self.start_tour("/web/login", "fonaes_first_contact_state_representative", timeout=180)
        self.assertEqual(app.state, "registered")
        self.assertTrue(app.name.startswith("FONAES-"))


@tagged("post_install", "-at_install")
class TestFonaesAccountantTour(MicroScreensMixin, FonaesCase, HttpCase):
    """The demo accountant produces the statements of the demo month of postings in the
    browser, in Mexican Spanish, at 1400x900 (issue 15)."""

    browser_size = "1400x900"

    def test_accountant_produces_the_statements_from_login(self):
        accountant = self.env.ref("fonaes_support.demo_user_accountant")
        self.assertEqual((accountant.lang, accountant.tz), ("es_MX", "America/Mexico_City"))
        statement = self.env.ref("fonaes_support.demo_statement_month")
        # The demo month: the last month-end's statements are not empty.
        self.assertEqual(statement.date_end, date.today().replace(day=1) - timedelta(days=1))
        balance, income = statement._report_sheets()
        figures = {row[0]: row[2] for sheet in (balance, income) for row in sheet["rows"]}
        # The Mexican company's books are the demo month's postings alone (Odoo's own demo
        # invoices are in l10n_mx's demo company), so the figures are theirs.
        journal = self.env.ref("fonaes_support.demo_journal_fonaes")
        entries = self.env["account.move"].search(
            [("company_id", "=", statement.company_id.id), ("state", "=", "posted")]
        )
        self.assertEqual(entries.journal_id, journal)
        self.assertAlmostEqual(figures["CARTERA DE CREDITO VIGENTE"], 1_648_750)
        self.assertAlmostEqual(figures["CARTERA DE CREDITO VENCIDA"], 64_000)
        self.assertAlmostEqual(figures["Ingresos por intereses"], 52_000)
        self.assertAlmostEqual(figures["Comisiones y tarifas cobradas"], 18_500)
        self.assertAlmostEqual(figures["TOTAL ACTIVO"], figures["TOTAL PASIVO Y CAPITAL CONTABLE"])
        self.start_tour("/web/login", "fonaes_accountant_statements", timeout=240)
        self.assertEqual(statement.state, "filed")
        self.assertEqual(statement.filed_date, date.today())
