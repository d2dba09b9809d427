"""Query count of the facilitator's hot path: opening the cases board (quality: ≤ 30 SQL
queries for the Kanban's first page). Timings at scale live in ``bench/``."""

import ast

from lxml import etree

from odoo.tests import TransactionCase, tagged, users, warmup

from .common import MdCommon


@tagged("post_install", "-at_install")
class TestMdKanbanQueries(MdCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()
        stages = [cls.env.ref(f"md_micronegocios.crm_stage_md_{n}") for n in (1, 2, 3)]
        values = []
        for user in (cls.facilitator, cls.facilitator_2):
            for i in range(30):
                values.append(
                    {
                        "name": f"Micronegocio {user.login} {i}",
                        "type": "opportunity",
                        "team_id": cls.team.id,
                        "user_id": user.id,
                    }
                )
        leads = cls.env["crm.lead"].with_context(default_team_id=cls.team.id).create(values)
        # Spread the cases over three columns (data set-up only: the gates are tested
        # elsewhere, here the board's shape matters).
        for i, stage in enumerate(stages):
            cls.env.cr.execute(
                "UPDATE crm_lead SET stage_id = %s WHERE id = ANY(%s)",
                [stage.id, leads.ids[i::3]],
            )
        leads.invalidate_recordset(["stage_id"])

    def _kanban_spec(self, Lead):
        view_id = self.env.ref("md_micronegocios.crm_lead_view_kanban_md_case").id
        view = Lead.get_views([(view_id, "kanban")])["views"]["kanban"]
        spec = {}
        for node in etree.fromstring(view["arch"]).iter("field"):
            name = node.get("name")
            field = Lead._fields[name]
            spec[name] = {"fields": {"display_name": {}}} if field.relational else {}
        return spec

    @users("md_facilitator")
    @warmup
    def test_facilitator_kanban_first_page(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("md_micronegocios.md_case_action")
        Lead = self.env["crm.lead"].with_context(default_team_id=self.team.id)
        spec = self._kanban_spec(Lead)
        domain = [("type", "=", "opportunity"), ("team_id", "=", self.team.id)]
        self.assertIn(("team_id", "=", self.team.id), ast.literal_eval(action["domain"]))
        with self.assertQueryCount(md_facilitator=14):
            groups = Lead.web_read_group(domain, ["stage_id"], ["stage_id"], lazy=True)
            records = 0
            for group in groups["groups"]:
                if not group["stage_id_count"]:
                    continue
                page = Lead.web_search_read(group["__domain"], spec, limit=80)
                records += page["length"]
        self.assertEqual(records, 30)  # her own cases only
