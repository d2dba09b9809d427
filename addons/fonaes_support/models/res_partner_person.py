from odoo import fields, models

READERS = (
    "fonaes_support.fonaes_support_group_state_representative,"
    "fonaes_support.fonaes_support_group_accountant"
)


class ResPartner(models.Model):
    """A person's FONAES supports on their contact form (one person across programs): the
    applications of the social enterprise itself, or of the enterprises whose roster lists
    that person's CURP. Counted with the reader's own access (per-state rules apply)."""

    _inherit = "res.partner"

    fonaes_application_count = fields.Integer(
        string="FONAES Supports", compute="_compute_fonaes_application_count", groups=READERS
    )

    def _fonaes_person_domain(self):
        self.ensure_one()
        domain = [("partner_id", "=", self._origin.id)]
        if self.identity_type == "curp" and self.identity_number:
            domain = [
                "|",
                *domain,
                ("partner_id.fonaes_member_ids.curp", "=", self.identity_number),
            ]
        return domain

    def _compute_fonaes_application_count(self):
        Application = self.env["fonaes.application"]
        for partner in self:
            partner.fonaes_application_count = (
                Application.search_count(partner._fonaes_person_domain())
                if partner._origin.id
                else 0
            )

    def action_fonaes_person_applications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "fonaes_support.fonaes_application_action"
        )
        action.update(domain=self._fonaes_person_domain(), context={"create": False})
        return action
