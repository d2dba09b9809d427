from odoo import api, fields, models

from ..tools import rules


class PronafimMunicipality(models.Model):
    """Municipality catalog (importable): population and zones (§II definitions)."""

    _name = "pronafim.municipality"
    _description = "Municipality"
    _order = "state_id, name"

    code = fields.Char(string="INEGI Code", required=True, index=True)
    name = fields.Char(required=True)
    state_id = fields.Many2one("res.country.state", string="State")
    population = fields.Integer()
    rural = fields.Boolean(compute="_compute_rural", store=True, help="§II: at most 50,000.")
    priority_zone = fields.Boolean(string="Priority Zone")
    special_attention_zone = fields.Boolean(string="Special-attention Zone")

    _sql_constraints = [("code_unique", "unique(code)", "The municipality code must be unique.")]

    @api.depends("population")
    def _compute_rural(self):
        for municipality in self:
            municipality.rural = 0 < municipality.population <= rules.RURAL_MAX_POPULATION
