from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_compute_author(self, author_id=None, email_from=None, raise_on_email=True):
        """Never block a signed-in user's step because they have no e-mail address.

        Odoo refuses to post a message (``message_post``, ``message_notify``) when the
        author has no e-mail ("Unable to send message, please configure the sender's
        email address"). In the programs, many people work without one (a state
        representative, a student facilitator): the chatter line is a record of the
        step, not an e-mail. Such messages keep their author and take the company's
        address (or none) as sender; outgoing mail, if any, is sent by the mail queue
        with the server's default sender, never in the user's transaction.
        """
        author_id, email_from = super()._message_compute_author(
            author_id=author_id, email_from=email_from, raise_on_email=False
        )
        if email_from or not raise_on_email:
            return author_id, email_from
        user = self.env.user
        if user._is_public():
            if self.env.su:
                return author_id, email_from
            # Visitors keep Odoo's rule: the portal forms ask for an address.
            return super()._message_compute_author(
                author_id=author_id, email_from=email_from, raise_on_email=True
            )
        # The composer of a template without sender leaves the author empty for a user
        # without e-mail: the user who did the step is its author.
        author_id = author_id or user.partner_id.id
        email_from = (
            user.company_id.partner_id.email_formatted
            or self.env.company.partner_id.email_formatted
            or False
        )
        return author_id, email_from
