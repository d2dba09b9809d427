from odoo import api, fields, models
from odoo.exceptions import UserError


class PronafimSizeHistory(models.Model):
    """Dated net portfolio and size class of an IMF, one row per portfolio update."""

    _name = "pronafim.size.history"
    _description = "IMF Size Class History"
    _inherit = ["micro.input.mixin"]
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Institution", required=True, ondelete="cascade", index=True
    )
    date = fields.Date(required=True)
    net_portfolio = fields.Float(string="Net Portfolio (MXN)", digits=(16, 2))
    size_class_id = fields.Many2one("pronafim.size.class", string="Size Class")
    section = fields.Char(related="size_class_id.section", string="Rule Section")

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The size class history cannot be deleted."))
