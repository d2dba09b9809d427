from odoo import api, fields, models


class PronafimPartnerEligibility(models.Model):
    """Evidence of one eligibility criterion for one institution (§IV.2.B)."""

    _name = "pronafim.partner.eligibility"
    _description = "Eligibility Evidence"
    _inherit = ["micro.input.mixin"]
    _order = "partner_id, sequence, id"

    partner_id = fields.Many2one(
        "res.partner", string="Institution", required=True, ondelete="cascade", index=True
    )
    item_id = fields.Many2one(
        "pronafim.eligibility.item", string="Criterion", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="item_id.sequence", store=True)
    section = fields.Char(related="item_id.section", string="Rule Section")
    evidence_file = fields.Binary(string="Evidence", attachment=True)
    evidence_filename = fields.Char()
    evidence_date = fields.Date(string="Evidence Date")
    notes = fields.Char()
    is_complete = fields.Boolean(compute="_compute_is_complete", store=True)

    _sql_constraints = [
        (
            "item_unique",
            "unique(partner_id, item_id)",
            "Each criterion appears once per institution.",
        )
    ]

    @api.depends("evidence_file", "evidence_date")
    def _compute_is_complete(self):
        for line in self:
            line.is_complete = bool(line.evidence_file and line.evidence_date)
