from odoo import api, fields, models
from odoo.exceptions import UserError

KINDS = [("diagnostics", "Generate Diagnostics"), ("plans", "Generate Attention Plans")]


class MdCaseBatch(models.Model):
    """A batch of cases selected in the list (Generate Diagnostics, Generate Attention
    Plans), run as a background job (micro_base ``micro.job.mixin``): its progress, result or
    error on its form. One batch of each kind at a time per user."""

    _name = "md.case.batch"
    _description = "Batch of Cases"
    _inherit = ["micro.job.mixin", "micro.input.mixin"]
    _order = "id desc"

    name = fields.Char(compute="_compute_name")
    kind = fields.Selection(KINDS, required=True, readonly=True)
    lead_ids = fields.Many2many("crm.lead", string="Cases", readonly=True)
    case_count = fields.Integer(compute="_compute_name")
    user_id = fields.Many2one(
        "res.users", string="Started by", default=lambda self: self.env.user, readonly=True
    )

    @api.depends("kind", "lead_ids")
    def _compute_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for batch in self:
            batch.case_count = len(batch.lead_ids)
            batch.name = self.env._(
                "%(operation)s: %(count)s cases",
                operation=labels.get(batch.kind, ""),
                count=batch.case_count,
            )

    @api.model
    def _start(self, kind, leads):
        """Create the batch of ``leads`` and start its run; opens the batch."""
        if not leads:
            raise UserError(self.env._("Select the cases first."))
        batch = self.create({"kind": kind, "lead_ids": [fields.Command.set(leads.ids)]})
        batch._micro_enqueue(
            "_run_batch",
            identity=f"md.case.batch:{kind}:{self.env.uid}",
            description=batch.name,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": batch.id,
            "view_mode": "form",
            "target": "current",
        }

    def _run_batch(self):
        """The job's work: the same step as the list's action on the batch's cases, in the
        name of who started it (their rights checked again)."""
        self.ensure_one()
        leads = self.lead_ids
        self._micro_job_progress(0, len(leads))
        if self.kind == "diagnostics":
            drafts = leads.md_diagnostic_ids.filtered(lambda d: d.state == "draft")
            leads.action_md_generate_diagnostics()
            done = self.env._("%s diagnostics generated.", len(drafts))
        else:
            leads.action_md_generate_plan()
            done = self.env._("%s attention plans proposed.", len(leads))
        self._micro_job_progress(len(leads), len(leads))
        return done
