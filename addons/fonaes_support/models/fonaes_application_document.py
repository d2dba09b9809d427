from odoo import fields, models


class FonaesApplicationDocument(models.Model):
    """One item of an application's document checklist, with its evidence."""

    _name = "fonaes.application.document"
    _description = "FONAES Application Document"
    _inherit = ["micro.input.mixin"]
    _order = "application_id, sequence, id"

    application_id = fields.Many2one(
        "fonaes.application", required=True, ondelete="cascade", index=True
    )
    document_type_id = fields.Many2one("fonaes.document.type", required=True, ondelete="restrict")
    sequence = fields.Integer(related="document_type_id.sequence", store=True)
    rule_section = fields.Char(related="document_type_id.rule_section")
    received = fields.Boolean()
    attachment_ids = fields.Many2many("ir.attachment", string="Evidence")
    note = fields.Char()
