from odoo import fields, models

FACILITATOR = "md_micronegocios.md_micronegocios_group_facilitator"


class ResPartner(models.Model):
    """A person's cases and plans on their contact form (one person across programs):
    counted with the reader's own access, so a facilitator sees their cases only."""

    _inherit = "res.partner"

    md_case_count = fields.Integer(
        string="Program Cases", compute="_compute_md_person_counts", groups=FACILITATOR
    )
    md_plan_count = fields.Integer(
        string="Attention Plans", compute="_compute_md_person_counts", groups=FACILITATOR
    )

    def _compute_md_person_counts(self):
        cases = dict(
            self.env["crm.lead"]._read_group(
                [("md_is_case", "=", True), ("partner_id", "in", self.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        plans = dict(
            self.env["md.plan"]._read_group(
                [("lead_id.partner_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        plans_by_partner = {}
        for lead, count in plans.items():
            plans_by_partner[lead.partner_id] = plans_by_partner.get(lead.partner_id, 0) + count
        for partner in self:
            partner.md_case_count = cases.get(partner._origin, 0)
            partner.md_plan_count = plans_by_partner.get(partner._origin, 0)

    def action_md_person_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("md_micronegocios.md_case_action")
        action["domain"] = [("md_is_case", "=", True), ("partner_id", "=", self.id)]
        return action

    def action_md_person_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("md_micronegocios.md_plan_action")
        action["domain"] = [("lead_id.partner_id", "=", self.id)]
        return action
