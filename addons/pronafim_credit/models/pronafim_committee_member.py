from odoo import fields, models


class PronafimCommitteeMember(models.Model):
    """A member of the technical committee (§VI)."""

    _name = "pronafim.committee.member"
    _description = "Committee Member"
    _inherit = ["micro.input.mixin"]
    _order = "is_president desc, name"

    name = fields.Char(required=True)
    position = fields.Char()
    user_id = fields.Many2one("res.users")
    voting = fields.Boolean(string="Voting Right", default=True)
    is_president = fields.Boolean(string="President")
    active = fields.Boolean(default=True)
