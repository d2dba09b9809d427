from odoo import api, fields, models


class MdProgramReportWizard(models.TransientModel):
    """Pick a cycle and download its program report (spec md_micronegocios §7): the XLSX
    (report action ``md_program_report_xlsx_action``) or the PDF, each in one click."""

    _name = "md.program.report.wizard"
    _description = "Program Report"

    cycle_id = fields.Many2one(
        "md.cycle",
        string="Cycle",
        required=True,
        default=lambda self: self.env["md.cycle"]._current(),
    )

    @api.readonly
    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("md_micronegocios.md_program_report_action").report_action(self)
