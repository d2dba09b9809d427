from psycopg2.extras import execute_values

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.micro_base.tools import tabular

from ..tools import borrower_report

ANALYST = "pronafim_credit.pronafim_credit_group_analyst"

# Batched insert of reported micro-credits (see PronafimBorrowerReport._replace_rows).
_INSERT_ROWS = """
    INSERT INTO pronafim_microcredit (
        report_id, commercial_partner_id, month, line_id, curp, name, sex, amount, date,
        term_months, rate, municipality_id, rural, priority_zone, special_attention_zone,
        activity, workers, trained, create_uid, create_date, write_uid, write_date
    ) VALUES %s
"""


class PronafimBorrowerReport(models.Model):
    """The monthly report of micro-credits an IMF granted with program funds (Anexo 3).

    Importing validates every row first: with any bad row nothing is imported and the log
    lists each one with its line number and reasons. A clean file replaces the rows of
    the same institution and month in one transaction, so sending a month again (or the
    same file twice) leaves exactly one copy.
    """

    _name = "pronafim.borrower.report"
    _description = "IMF Monthly Micro-borrower Report"
    _inherit = ["mail.thread", "micro.workflow.mixin", "micro.input.mixin"]
    _order = "month desc, id desc"
    # The import sets the status and what it found; an imported report is the month's
    # record (sending the month again replaces it through the import).
    _workflow_step_fields = ("error_log", "row_count")
    _workflow_frozen = {"done": ("partner_id", "month", "file", "filename")}
    _input_required = ("partner_id", "month")

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
    borrower_count = fields.Integer(string="Borrowers", compute="_compute_figures")
    women_pct = fields.Float(string="Women (%)", compute="_compute_figures")
    rural_pct = fields.Float(string="Rural (%)", compute="_compute_figures")
    priority_pct = fields.Float(string="Priority Zones (%)", compute="_compute_figures")
    special_pct = fields.Float(string="Special-attention Zones (%)", compute="_compute_figures")
    training_pct = fields.Float(string="Trained (%)", compute="_compute_figures")
    average_amount = fields.Float(
        string="Average Amount", digits=(16, 2), compute="_compute_figures"
    )

    @api.depends("microcredit_ids")
    def _compute_figures(self):
        """Spec §5: borrowers, % women, % rural / priority / special-attention zones,
        average amount and training coverage of the micro-credits reported."""
        rows = self.env["pronafim.microcredit"]._figures_by("report_id", self.ids)
        for record in self:
            record.update(borrower_report.figures(rows.get(record.id, {})))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(ANALYST):
            # IMF staff send their own institution's report (record rule) and nothing else.
            for vals in vals_list:
                extra = sorted(set(vals) - {"partner_id", "month", "file", "filename"})
                if extra:
                    raise AccessError(
                        self.env._(
                            "An institution sends only the month and the file, not: %s",
                            ", ".join(extra),
                        )
                    )
        for vals in vals_list:
            self._micro_check_input(vals, creating=True)
            self._check_file_sent(vals)
            if vals.get("month"):
                vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        return super().create(vals_list)

    def write(self, vals):
        self._check_file_sent(vals)
        return super().write(vals)

    @api.model
    def _check_file_sent(self, vals):
        """A file sent over the API that is not base64 is refused in one line (Odoo's
        binary field would fail on it with a raw decoding error)."""
        try:
            tabular.b64decode(vals.get("file"))
        except tabular.TabularError as exc:
            raise UserError(tabular.message(exc, self.env._)) from None

    def action_import(self):
        """Validate the whole file; import it only when every row is valid."""
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group(ANALYST):
            # IMF portal: its own report only (record rule), imported with the program's
            # rights; the lines looked up are those of the report's institution.
            self.check_access("read")
            return self.sudo().action_import()
        if not self.file:
            raise UserError(self.env._("Attach the report file (CSV or XLSX)."))
        try:
            table = tabular.read(tabular.b64decode(self.file), self.filename)
        except tabular.TabularError as exc:
            # One line, translated; nothing is written (the report stays to import).
            raise UserError(tabular.message(exc, self.env._)) from None
        rows = table.rows
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
        records, errors = borrower_report.validate_rows(
            rows, self.month, lines, municipalities, table.header
        )
        if errors:
            self._workflow_write(
                {
                    "state": "error",
                    "row_count": 0,
                    "error_log": "\n".join(
                        self.env._(
                            "Line %(line)s: %(reason)s",
                            line=n,
                            reason=borrower_report.render(reasons, self.env._),
                        )
                        for n, reasons in errors
                    ),
                }
            )
            return False
        # One import per institution at a time: two imports of the same month started
        # together would each delete the rows they can see and both insert theirs.
        partner._pronafim_lock()
        Microcredit = self.env["pronafim.microcredit"]
        Microcredit.check_access("create")
        Microcredit.check_access("unlink")
        same_month = self.search(
            [
                ("commercial_partner_id", "=", partner.id),
                ("month", "=", self.month),
            ]
        )
        same_month.check_access("write")
        self._replace_rows(same_month, records)
        (same_month - self)._workflow_write({"state": "draft", "row_count": 0})
        self._workflow_write({"state": "done", "error_log": False, "row_count": len(records)})
        return True

    def _replace_rows(self, reports, records):
        """Delete the rows of ``reports`` and insert ``records`` as rows of ``self``.

        Set-based (one DELETE, batched INSERTs) so that a 100,000-row month imports within
        the budget; the caller has checked the access rights. The stored related fields
        (institution, month, municipality zones) are written from the same lookups the
        ORM would use.
        """
        self.ensure_one()
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("DELETE FROM pronafim_microcredit WHERE report_id IN %s", [tuple(reports.ids)])
        zones = {
            m.id: (m.rural, m.priority_zone, m.special_attention_zone)
            for m in self.env["pronafim.municipality"].browse(
                {r["municipality_id"] for r in records}
            )
        }
        now, uid = fields.Datetime.now(), self.env.uid
        values = [
            (
                self.id,
                self.commercial_partner_id.id,
                self.month,
                r["line_id"],
                r["curp"],
                r["name"],
                r["sex"],
                r["amount"],
                r["date"],
                r["term_months"],
                r["rate"],
                r["municipality_id"],
                *zones[r["municipality_id"]],
                r["activity"],
                r["workers"],
                r["trained"],
                uid,
                now,
                uid,
                now,
            )  # fmt: skip
            for r in records
        ]
        for start in range(0, len(values), 10_000):
            execute_values(cr._obj, _INSERT_ROWS, values[start : start + 10_000], page_size=10_000)
        self.env.invalidate_all()
