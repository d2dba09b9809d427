from odoo import fields, models
from odoo.exceptions import UserError


class MicroJobTestBatch(models.Model):
    """A batch of ``size`` lines made by a long operation, which fails at ``fail_at``."""

    _name = "micro.job.test.batch"
    _inherit = ["micro.job.mixin"]
    _description = "Background job test batch"

    name = fields.Char(required=True)
    size = fields.Integer(default=10)
    fail_at = fields.Integer(help="Line number at which the operation fails (0: never).")
    line_ids = fields.One2many("micro.job.test.line", "batch_id")

    def action_make_lines(self):
        """The user's click: start the long operation."""
        self.ensure_one()
        return self._micro_enqueue(
            "_make_lines", identity=f"batch:{self.name}", description="Make lines"
        )

    def _make_lines(self):
        self.check_access("write")
        for number in range(1, self.size + 1):
            if number == self.fail_at:
                raise UserError(f"line {number} cannot be made")
            self.env["micro.job.test.line"].sudo().create({"batch_id": self.id, "number": number})
            self._micro_job_progress(number, self.size)
        return f"{self.size} lines made"


class MicroJobTestLine(models.Model):
    _name = "micro.job.test.line"
    _description = "Background job test line"

    batch_id = fields.Many2one("micro.job.test.batch", required=True, ondelete="cascade")
    number = fields.Integer()
