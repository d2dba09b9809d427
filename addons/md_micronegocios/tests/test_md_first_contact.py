from odoo import fields
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.micro_base.tests.common import DemoUsersMixin, MicroTestMixin

GROUP = "md_micronegocios.md_micronegocios_group_%s"


@tagged("post_install", "-at_install")
class TestMdFirstContact(DemoUsersMixin, MicroTestMixin, TransactionCase):
    """What a new user of the program meets first (issue 15)."""

    def test_demo_has_a_user_for_every_role_in_colombian_spanish(self):
        # One demo company per country: UNIMINUTO's users work in its Colombian company.
        company = self.env.ref("md_micronegocios.md_company_uniminuto")
        self.assertDemoCompany(company, "CO", "COP")
        users = self.assertDemoUsers(
            "md_micronegocios", "es_CO", "America/Bogota", company=company
        )
        self.assertIn(company, self.env.ref("base.user_admin").company_ids)
        self.assertTrue(users.filtered(lambda u: not u.email), "some users have no e-mail")
        facilitator = self.env.ref("md_micronegocios.md_user_facilitadora_neiva_1")
        self.assertEqual(
            facilitator.action_id.id,
            self.env.ref("md_micronegocios.md_home_action_facilitator").id,
        )
        coordinator = self.env.ref("md_micronegocios.md_user_coordinadora_casos")
        self.assertEqual(
            coordinator.action_id.id,
            self.env.ref("md_micronegocios.md_home_action_coordinator").id,
        )

    def test_demo_cycle_is_the_current_one(self):
        cycle = self.env["md.cycle"]._current()
        self.assertEqual(cycle, self.env.ref("md_micronegocios.md_cycle_demo_current"))
        self.assertGreater(cycle._week_of(fields.Date.today()), 0)
        facilitator = self.env.ref("md_micronegocios.md_user_facilitadora_neiva_1")
        cases = (
            self.env["crm.lead"].with_user(facilitator).search([("md_cycle_id", "=", cycle.id)])
        )
        self.assertTrue(cases, "the facilitator has cases in the current cycle")

    def test_demo_plan_activities_copy_the_library_in_colombian_spanish(self):
        """Odoo loads a module's translations after its data and demo; the demo loads
        them first, so the plans copy the activity library's es_CO names, and so do the
        facilitators' to-dos of those activities."""
        cycle = self.env.ref("md_micronegocios.md_cycle_demo_current")
        activities = self.env["md.plan.activity"].search(
            [("plan_id.cycle_id", "=", cycle.id), ("template_id", "!=", False)]
        )
        self.assertGreater(len(activities), 20, "the demo plans have activities")
        self.assertIn("es_CO", dict(self.env["res.lang"].get_installed()))
        for activity in activities:
            spanish = activity.template_id.with_context(lang="es_CO").name
            english = activity.template_id.with_context(lang="en_US").name
            self.assertNotEqual(spanish, english, "the library is translated")
            self.assertEqual(activity.name, spanish)
            if activity.mail_activity_id:
                self.assertEqual(activity.mail_activity_id.summary, spanish)

    def test_home_action_follows_the_role(self):
        user = self._new_user("md_fc_fac", GROUP % "facilitator")
        self.assertEqual(
            user.action_id.id, self.env.ref("md_micronegocios.md_home_action_facilitator").id
        )
        user.groups_id = [(4, self.env.ref(GROUP % "coordinator").id)]
        self.assertEqual(
            user.action_id.id, self.env.ref("md_micronegocios.md_home_action_coordinator").id
        )
        mentor = self._new_user("md_fc_mentor", GROUP % "mentor")
        self.assertEqual(
            mentor.action_id.id, self.env.ref("md_micronegocios.md_home_action_mentor").id
        )
        # A home the user chose is kept when their roles change.
        chosen = self.env.ref("md_micronegocios.md_service_action")
        mentor.action_id = chosen.id
        mentor.groups_id = [(4, self.env.ref(GROUP % "analyst").id)]
        self.assertEqual(mentor.action_id.id, chosen.id)

    def test_program_users_do_not_see_crm_dashboards_or_apps(self):
        facilitator = self._new_user("md_fc_menus", GROUP % "facilitator")
        menus = self._visible_menus(facilitator)
        self.assertIn(self.env.ref("md_micronegocios.md_micronegocios_menu_root").id, menus)
        for xmlid in (
            "crm.crm_menu_root",
            "base.menu_management",
            "spreadsheet_dashboard.spreadsheet_dashboard_menu_root",
        ):
            menu = self.env.ref(xmlid, raise_if_not_found=False)
            if menu:
                self.assertNotIn(menu.id, menus, xmlid)
        # The administrator keeps them.
        self.assertIn(
            self.env.ref("crm.crm_menu_root").id,
            self.env["ir.ui.menu"].with_user(self.env.ref("base.user_admin"))._visible_menu_ids(),
        )

    def test_roles_are_a_selection_in_the_user_form(self):
        """Odoo shows a category's roles as one selection (outside developer mode) only
        when they form one chain of implied groups."""
        categories = self.env.ref(GROUP % "facilitator").category_id.parent_id
        for category, kind, _groups, _name in self.env["res.groups"].get_groups_by_application():
            if category.parent_id == categories:
                self.assertEqual(kind, "selection", category.name)

    def test_facilitator_without_email_logs_her_work(self):
        facilitator = self.env.ref("md_micronegocios.md_user_facilitadora_neiva_1")
        self.assertFalse(facilitator.email)
        env = self.env(user=facilitator)
        activity = env["md.plan.activity"].search(
            [("state", "=", "planned"), ("plan_state", "in", ("designed", "followup"))],
            limit=1,
        )
        self.assertTrue(activity, "the demo gives her planned activities")
        activity.evidence_note = "Visita realizada."
        activity.action_done()
        self.assertEqual(activity.state, "done")
        case = env["crm.lead"].search([("user_id", "=", facilitator.id)], limit=1)
        case.message_post(body="Nota del encuentro")
        self.assertEqual(case.message_ids[0].author_id, facilitator.partner_id)


@tagged("post_install", "-at_install")
class TestMdFirstContactPhone(HttpCase):
    """The facilitator and the mentor log in on a phone, in Colombian Spanish."""

    browser_size = "375x667"
    touch_enabled = True

    def test_facilitator_lands_on_her_week_and_logs_an_activity(self):
        facilitator = self.env.ref("md_micronegocios.md_user_facilitadora_neiva_1")
        self.assertEqual(facilitator.lang, "es_CO")
        self.assertFalse(facilitator.email)
        done = self.env["md.plan.activity"].search_count([("state", "=", "done")])
        self.start_tour("/web/login", "md_first_contact_facilitator", timeout=180)
        self.assertEqual(
            self.env["md.plan.activity"].search_count([("state", "=", "done")]), done + 1
        )

    def test_mentor_lands_on_her_plans(self):
        mentor = self.env.ref("md_micronegocios.md_user_mentora_innovacion")
        self.assertTrue(self.env["md.plan"].search([("mentor_ids.user_id", "=", mentor.id)]))
        self.start_tour("/web/login", "md_first_contact_mentor", timeout=180)


@tagged("post_install", "-at_install")
class TestMdFirstContactDesk(HttpCase):
    """The case coordinator logs in at the desk."""

    browser_size = "1400x900"

    def test_coordinator_lands_on_the_mentor_queue(self):
        self.start_tour("/web/login", "md_first_contact_coordinator", timeout=180)

    def test_orientador_lands_on_plans_to_approve_and_approves_one(self):
        orientador = self.env.ref("md_micronegocios.md_user_orientador_neiva")
        drafts = self.env["md.plan"].with_user(orientador).search([("state", "=", "draft")])
        self.assertTrue(drafts, "the demo leaves a plan for her to approve")
        self.start_tour("/web/login", "md_first_contact_orientador", timeout=180)
        self.assertIn("designed", drafts.mapped("state"))
        self.assertIn(orientador, drafts.approved_by_id)
