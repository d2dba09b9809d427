from odoo import fields, models
from odoo.exceptions import UserError

from ..tools import prudential


class FonaesProvisionRate(models.TransientModel):
    """The accountant's click that rates an intermediary's portfolio at a month-end
    (Anexo XI §1) as a background job: the run is created at once and rated by the job,
    whose progress, result or error its form shows."""

    _name = "fonaes.provision.rate"
    _description = "Rate an Intermediary's Month-end"

    intermediary_id = fields.Many2one(
        "res.partner",
        string="Intermediary",
        required=True,
        domain=[("fonaes_role", "in", ("esf", "trust"))],
    )
    date = fields.Date(
        string="Rate at",
        required=True,
        default=lambda self: prudential.rating_date(fields.Date.context_today(self)),
        help="Rated at the last day of the calendar month on or before this date (Anexo "
        "XI §1).",
    )

    def action_rate(self):
        """Create the run and start its rating; opens the run."""
        self.ensure_one()
        Run = self.env["fonaes.provision.run"]
        Run._check_accountant()
        cut_off = prudential.rating_date(self.date)
        if Run.search_count(
            [
                ("intermediary_id", "=", self.intermediary_id.id),
                ("date", "=", cut_off),
                ("company_id", "=", self.env.company.id),
            ]
        ):
            raise UserError(
                self.env._(
                    "%(intermediary)s is already rated (or being rated) at %(date)s: open "
                    "its provisioning run (Anexo XI §1).",
                    intermediary=self.intermediary_id.name,
                    date=cut_off,
                )
            )
        run = Run._new_run(self.intermediary_id, cut_off)
        run._micro_enqueue(
            "_rate_run",
            identity=run._rating_identity(),
            description=self.env._("Month-end provisioning of %s", run.name),
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": run._name,
            "res_id": run.id,
            "view_mode": "form",
            "target": "current",
        }
