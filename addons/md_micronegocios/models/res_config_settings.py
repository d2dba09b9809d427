from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.micro_base.models.micro_input_mixin import field_label

from ..tools import input_rules
from ..tools import plan as plan_tool

#: Program settings (ir.config_parameter ``md_micronegocios.<key>``) and their defaults.
MD_SETTINGS = {
    # Bulletin 004: "Plan de Atención de 10 o hasta 12 semanas".
    "plan_weeks": (int, plan_tool.MAX_WEEKS),
    # Bulletin 004, figure 9: the reading names the three weakest levers of a diagnostic.
    "weakest_levers": (int, 3),
    # Templates a plan takes from each prioritized lever (program decision).
    "templates_per_lever": (int, 2),
    # Bulletin 004: a plan is completed "al realizar la mayoría de las actividades": more
    # than this share of its activities done.
    "completion_threshold": (float, 0.5),
    # Days a plan may wait for a mentor before the coordinators are reminded.
    "mentor_wait_days": (int, 7),
}


class ResConfigSettings(models.TransientModel):
    _name = "res.config.settings"
    _inherit = ["res.config.settings", "micro.input.mixin"]

    md_plan_weeks = fields.Integer(
        string="Plan Length (weeks)",
        config_parameter="md_micronegocios.plan_weeks",
        default=MD_SETTINGS["plan_weeks"][1],
    )
    md_weakest_levers = fields.Integer(
        string="Prioritized Levers",
        config_parameter="md_micronegocios.weakest_levers",
        default=MD_SETTINGS["weakest_levers"][1],
    )
    md_templates_per_lever = fields.Integer(
        string="Activities per Lever",
        config_parameter="md_micronegocios.templates_per_lever",
        default=MD_SETTINGS["templates_per_lever"][1],
    )
    md_completion_threshold = fields.Float(
        string="Completion Threshold",
        config_parameter="md_micronegocios.completion_threshold",
        default=MD_SETTINGS["completion_threshold"][1],
        help="Share of done activities (0–1) a plan must exceed to be completed.",
    )
    md_mentor_wait_days = fields.Integer(
        string="Mentor Reminder After (days)",
        config_parameter="md_micronegocios.mentor_wait_days",
        default=MD_SETTINGS["mentor_wait_days"][1],
    )

    @api.model
    def _micro_input_field_names(self):
        """The program's settings only: the other addons' keep Odoo's handling."""
        return set(input_rules.SETTING_RANGES)

    @api.constrains(*input_rules.SETTING_RANGES)
    def _check_md_settings(self):
        """The program's settings stay within what the bulletin describes (issue 16)."""
        for settings in self:
            for name, (low, high, source) in input_rules.SETTING_RANGES.items():
                value = settings[name]
                if not low <= value <= high:
                    raise ValidationError(
                        self.env._(
                            "%(field)s: %(value)s is not allowed: it must be between %(low)s "
                            "and %(high)s (%(document)s).",
                            field=field_label(settings, name),
                            value=value,
                            low=low,
                            high=high,
                            document=source,
                        )
                    )

    @api.model
    def _md_setting(self, key):
        cast, default = MD_SETTINGS[key]
        value = self.env["ir.config_parameter"].sudo().get_param(f"md_micronegocios.{key}")
        try:
            return cast(value) if value not in (None, False, "") else default
        except ValueError:
            return default
