from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import input_rules


class MdLevel(models.Model):
    """A competence level of a lever, lowest to highest: incipiente, aceptable, confiable,
    competente, excelente (bulletin 004, figure 9). The score band and whether the level
    calls for a mentor are settings the program can change."""

    _name = "md.level"
    _inherit = ["micro.input.mixin"]
    _description = "Competence Level"
    _order = "min_score, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    min_score = fields.Float(
        string="Lowest Score",
        required=True,
        help="A lever whose score (0–100) reaches this value, and not the next level's, is "
        "at this level.",
    )
    requires_mentor = fields.Boolean(
        string="Requires a Mentor",
        help="A plan whose prioritized levers include one at this level needs a mentor "
        "(bulletin 004: confiable and competente do; aceptable, incipiente and excelente "
        "do not).",
    )
    color = fields.Integer()

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A level code must be unique."),
        ("min_score_uniq", "unique(min_score)", "Two levels cannot start at the same score."),
    ]

    @api.constrains("min_score")
    def _check_min_score(self):
        for level in self:
            if not 0 <= level.min_score <= 100:
                raise ValidationError(
                    self.env._(
                        "The lowest score of level %(level)s must be between 0 and 100, not "
                        "%(score)s (%(document)s).",
                        level=level.name,
                        score=level.min_score,
                        document=input_rules.SOURCE_LEVELS,
                    )
                )

    @api.model
    def _bands(self):
        """``[(min_score, level)]`` for :func:`tools.diagnostic.level_for`."""
        return [(level.min_score, level) for level in self.search([])]
