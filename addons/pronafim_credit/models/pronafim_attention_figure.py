from odoo import fields, models


class PronafimAttentionFigure(models.Model):
    """A monthly figure of an attention channel of the emergency program (seed 000, §3-§5).

    The seed's tables (social-network interactions and impressions, April 2020 - March 2021)
    are data records; e-mails and calls, named by the seed without figures, are recorded by
    the staff month by month.
    """

    _name = "pronafim.attention.figure"
    _description = "Attention Channel Figure"
    _inherit = ["micro.input.mixin"]
    _order = "month desc, channel, metric"

    month = fields.Date(required=True, help="First day of the month.")
    channel = fields.Selection(
        [("social", "Social networks"), ("email", "E-mail"), ("phone", "Phone calls")],
        required=True,
    )
    metric = fields.Selection(
        [
            ("interactions", "Interactions"),
            ("impressions", "Impressions"),
            ("messages", "Messages answered"),
            ("calls", "Calls answered"),
        ],
        required=True,
    )
    value = fields.Integer(required=True, aggregator="sum")
    section = fields.Char(string="Source")

    _sql_constraints = [
        (
            "figure_unique",
            "unique(month, channel, metric)",
            "One figure per month, channel and metric.",
        ),
        ("value_positive", "CHECK(value >= 0)", "A figure cannot be negative."),
    ]
