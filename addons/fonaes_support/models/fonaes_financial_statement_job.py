import base64

from odoo import models

ACCOUNTANT = "fonaes_support.fonaes_support_group_accountant"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class FonaesFinancialStatement(models.Model):
    """The statements' workbook generated as a background job (micro_base
    ``micro.job.mixin``): the figures of every posted journal item of the company, then the
    workbook of Anexo XII-2 and XII-3 attached to the statements, with its progress, result
    or error on the form."""

    _name = "fonaes.financial.statement"
    _inherit = ["fonaes.financial.statement", "micro.job.mixin"]

    def _statements_identity(self):
        """What two generations must not run at once for: the company's period."""
        self.ensure_one()
        return f"fonaes.statements:{self.company_id.id}:{self.date_end.isoformat()}"

    def action_generate_workbook(self):
        """The accountant's click: generate the workbook in the background (in the request
        when no job runner runs)."""
        self._workflow_check_group(ACCOUNTANT)
        for statement in self:
            statement._micro_enqueue(
                "_generate_workbook",
                identity=statement._statements_identity(),
                description=self.env._("Financial statements (Anexo XII) of %s", statement.name),
            )
        return True

    def _generate_workbook(self):
        """The job's work: the XLSX report of the statements (the form's "Download XLSX"),
        attached to them."""
        self.ensure_one()
        self._workflow_check_group(ACCOUNTANT)
        self._micro_job_progress(0, 2)
        report = self.env.ref("fonaes_support.fonaes_financial_statement_xlsx")
        content, _file_type = self.env["ir.actions.report"]._render_xlsx(
            report.report_name, self.ids, data=None
        )
        self._micro_job_progress(1, 2)
        name = f"estados_financieros_{self.date_end}.xlsx"
        self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(content),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": XLSX,
            }
        )
        self._micro_job_progress(2, 2)
        return self.env._("Workbook %s attached to the statements.", name)
