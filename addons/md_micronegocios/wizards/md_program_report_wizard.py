import base64

from odoo import api, fields, models


class MdProgramReportWizard(models.TransientModel):
    """Pick a cycle and download its program report (spec md_micronegocios §7)."""

    _name = "md.program.report.wizard"
    _description = "Program Report"

    cycle_id = fields.Many2one(
        "md.cycle",
        string="Cycle",
        required=True,
        default=lambda self: self.env["md.cycle"]._current(),
    )
    report_file = fields.Binary(string="Report", readonly=True, attachment=False)
    report_filename = fields.Char(readonly=True)

    def action_generate_xlsx(self):
        self.ensure_one()
        content = self.env["md.program.report"]._xlsx(self.cycle_id)
        self.write(
            {
                "report_file": base64.b64encode(content),
                "report_filename": self.env._("program_report_%s.xlsx", self.cycle_id.name),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Program Report"),
        }

    @api.readonly
    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("md_micronegocios.md_program_report_action").report_action(self)
