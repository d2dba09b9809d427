from odoo import fields, models


class MicroWorkflowTestOrder(models.Model):
    """A record with money effect, to test micro_base's workflow guard on its own."""

    _name = "micro.workflow.test.order"
    _inherit = ["mail.thread", "micro.workflow.mixin"]
    _description = "Workflow Guard Test Order"

    _workflow_step_fields = ("posted_amount", "approver_id")
    _workflow_frozen = {"posted": "__all__", "approved": ("amount",)}
    _workflow_free_fields = ("note",)
    _workflow_unlink_states = ("draft",)

    name = fields.Char(required=True)
    amount = fields.Float()
    note = fields.Char()
    posted_amount = fields.Float(readonly=True)
    approver_id = fields.Many2one("res.users", readonly=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("posted", "Posted")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )

    def action_approve(self):
        self._workflow_check_group("base.group_system")
        self._workflow_check_state("draft")
        self._workflow_write({"state": "approved", "approver_id": self.env.uid})

    def action_post(self):
        self._workflow_check_state("approved")
        for order in self:
            order._workflow_write({"state": "posted", "posted_amount": order.amount})
