from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import input_rules


class FonaesUdiRate(models.Model):
    """Value of the UDI published by Banco de México in the DOF (Anexo XI-1, Valorización
    de la unidad de inversión)."""

    _name = "fonaes.udi.rate"
    _description = "UDI Value"
    _inherit = ["micro.reference.mixin"]
    _order = "date desc"
    _reference_date = "date"
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "value": (input_rules.KIND_UDI, "Anexo XI-1"),
        "date": (input_rules.KIND_UDI_DATE, "Anexo XI-1"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    date = fields.Date(tracking=True, required=True, index=True)
    value = fields.Float(tracking=True, digits=(12, 6), required=True)

    _sql_constraints = [
        (
            "value_sane",
            "CHECK(value <= 100)",
            "A UDI value above 100 is impossible (Reglas de Operación FONAES 2005, Anexo XI-1).",
        ),
        (
            "date_udi_life",
            "CHECK(date >= '1995-04-04')",
            "The UDI exists since 4 April 1995 (Reglas de Operación FONAES 2005, Anexo XI-1).",
        ),
        ("date_unique", "UNIQUE(date)", "There is already a UDI value for this date."),
        ("value_positive", "CHECK(value > 0)", "The UDI value must be positive."),
    ]

    @api.model
    def _value_on(self, day):
        rate = self._reference_at(day)
        if not rate:
            raise UserError(
                self.env._(
                    "No UDI value is recorded on or before %s (Anexo XI-1): add it to the UDI "
                    "table first.",
                    day,
                )
            )
        return rate.value
