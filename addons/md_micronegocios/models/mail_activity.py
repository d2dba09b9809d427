from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """Marking a plan's to-do done from the to-do list logs its plan activity done,
        with the feedback as its evidence, through the activity's own step (as the user who
        marks it; evidence required). An activity logged already (its button closes the
        to-do) is left as it is."""
        plan_activities = (
            self.env["md.plan.activity"]
            .sudo()
            .search([("mail_activity_id", "in", self.ids), ("state", "=", "planned")])
        )
        if plan_activities:
            plan_activities.with_env(self.env)._md_done_from_todo(feedback)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
