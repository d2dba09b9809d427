import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import borrower_report


class PronafimBorrowerReport(models.Model):
    """The monthly report of micro-credits an IMF granted with program funds (Anexo 3).

    Importing validates every row first: with any bad row nothing is imported and the log
    lists each one with its line number and reasons. A clean file replaces the rows of
    the same institution and month in one transaction, so sending a month again (or the
    same file twice) leaves exactly one copy.
    """

    _name = "pronafim.borrower.report"
    _description = "IMF Monthly Micro-borrower Report"
    _inherit = ["mail.thread"]
    _order = "month desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Institution", required=True, domain=[("pronafim_role", "=", "imf")]
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    month = fields.Date(required=True, help="Any day of the reported month.")
    file = fields.Binary(attachment=True)
    filename = fields.Char()
    state = fields.Selection(
        [("draft", "To import"), ("error", "Rejected"), ("done", "Imported")],
        default="draft",
        tracking=True,
    )
    error_log = fields.Text(readonly=True)
    row_count = fields.Integer(readonly=True)
    microcredit_ids = fields.One2many("pronafim.microcredit", "report_id")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("month"):
                vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        return super().create(vals_list)

    def action_import(self):
        """Validate the whole file; import it only when every row is valid."""
        self.ensure_one()
        if not self.file:
            raise UserError(self.env._("Attach the report file (CSV or XLSX)."))
        data = base64.b64decode(self.file)
        name = (self.filename or "").lower()
        rows = (
            borrower_report.read_xlsx(data)
            if name.endswith(".xlsx")
            else borrower_report.read_csv(data)
        )
        partner = self.commercial_partner_id
        lines = {
            line.name: line.id
            for line in self.env["pronafim.credit.line"].search(
                [("commercial_partner_id", "=", partner.id), ("state", "=", "formalized")]
            )
        }
        codes = {row.get("municipality") for row in rows}
        municipalities = {
            m.code: m.id
            for m in self.env["pronafim.municipality"].search([("code", "in", list(codes))])
        }
        records, errors = borrower_report.validate_rows(rows, self.month, lines, municipalities)
        if errors:
            self.write(
                {
                    "state": "error",
                    "row_count": 0,
                    "error_log": "\n".join(
                        self.env._("Line %(line)s: %(reason)s", line=n, reason=r)
                        for n, r in errors
                    ),
                }
            )
            return False
        same_month = self.search(
            [
                ("commercial_partner_id", "=", partner.id),
                ("month", "=", self.month),
                ("id", "!=", self.id),
            ]
        )
        same_month.microcredit_ids.unlink()
        same_month.write({"state": "draft", "row_count": 0})
        self.microcredit_ids.unlink()
        self.env["pronafim.microcredit"].create(
            [
                {**record, "report_id": self.id}
                for record in records
                if not record.pop("over_indebted", False)
            ]
        )
        self.write({"state": "done", "error_log": False, "row_count": len(records)})
        return True
