from odoo import fields, models

#: What a program case needs before entering a stage (spec md_micronegocios §2).
STAGE_GATES = [
    ("meeting_1", "Owner registered and first meeting recorded"),
    ("meeting_2", "Two meetings recorded"),
    ("diagnostic", "Diagnostic generated"),
    ("plan", "Attention plan designed"),
    ("followup", "Plan activity registered"),
    ("completed", "Plan completed"),
]


class CrmStage(models.Model):
    _inherit = "crm.stage"

    md_gate = fields.Selection(
        STAGE_GATES,
        string="Entry Requirement",
        help="What a program case must have before it enters this stage.",
    )
