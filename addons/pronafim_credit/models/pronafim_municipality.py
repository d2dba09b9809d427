from odoo import api, fields, models

from ..tools import rules
from ..tools.rules import cite


class PronafimMunicipality(models.Model):
    """Municipality catalog (importable): population and zones (§II definitions).

    Imported by the program manager through Odoo's import dialog: a population below 0 is
    refused on its row (§II counts inhabitants), so nothing of the file is stored.
    """

    _name = "pronafim.municipality"
    _inherit = ["micro.input.mixin", "micro.import.key.mixin"]
    _import_key = "code"
    _description = "Municipality"
    _order = "state_id, name"
    _input_ranges = {"population": (0, None, False, cite("§II"))}

    code = fields.Char(string="INEGI Code", required=True, index=True)
    name = fields.Char(required=True)
    state_id = fields.Many2one("res.country.state", string="State")
    population = fields.Integer()
    rural = fields.Boolean(compute="_compute_rural", store=True, help="§II: at most 50,000.")
    priority_zone = fields.Boolean(string="Priority Zone")
    special_attention_zone = fields.Boolean(string="Special-attention Zone")

    _sql_constraints = [
        ("code_unique", "unique(code)", "The municipality code must be unique."),
        ("population_positive", "CHECK(population >= 0)", "A population cannot be negative."),
    ]

    @api.model
    def _import_key_repeated(self, label, key, row):
        return self.env._(
            "%(field)s %(code)s is repeated: it is already on row %(row)s of the "
            "file. Each municipality is listed once.",
            field=label,
            code=key,
            row=row,
        )

    @api.depends("population")
    def _compute_rural(self):
        for municipality in self:
            municipality.rural = 0 < municipality.population <= rules.RURAL_MAX_POPULATION
