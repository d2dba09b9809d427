from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """Marking a plan's to-do done from the to-do list logs its plan activity done,
        with the feedback as its evidence."""
        if not self.env.context.get("md_from_plan_activity"):
            plan_activities = (
                self.env["md.plan.activity"].sudo().search([("mail_activity_id", "in", self.ids)])
            )
            for plan_activity in plan_activities.filtered(lambda a: a.state == "planned"):
                plan_activity.write(
                    {
                        "state": "done",
                        "done_date": fields.Date.context_today(self),
                        "evidence_note": plan_activity.evidence_note or feedback or False,
                    }
                )
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
