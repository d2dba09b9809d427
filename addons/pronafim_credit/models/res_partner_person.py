from odoo import api, fields, models

from odoo.addons.micro_base.tools import identity

ANALYST = "pronafim_credit.pronafim_credit_group_analyst"
COMPLAINTS = "pronafim_credit.pronafim_credit_group_complaints_officer"


class ResPartner(models.Model):
    """A person's micro-credits, emergency credits and complaints on their contact form (one
    person across programs). Micro-credits reported by the IMFs and emergency applications
    are found by the CURP; counts use the reader's own access."""

    _inherit = "res.partner"

    pronafim_microcredit_count = fields.Integer(
        string="Micro-credits", compute="_compute_pronafim_person_counts", groups=ANALYST
    )
    pronafim_emergency_count = fields.Integer(
        string="Emergency Credits", compute="_compute_pronafim_person_counts", groups=ANALYST
    )
    pronafim_complaint_count = fields.Integer(
        string="Complaints", compute="_compute_pronafim_complaint_count", groups=COMPLAINTS
    )

    def _pronafim_curp(self):
        self.ensure_one()
        return self.identity_type == "curp" and self.identity_number

    def _pronafim_microcredit_domain(self):
        return [("curp", "=", self._pronafim_curp())]

    def _pronafim_emergency_domain(self):
        curp = self._pronafim_curp()
        by_partner = [("partner_id", "=", self._origin.id)]
        return ["|", *by_partner, ("curp", "=", curp)] if curp else by_partner

    def _pronafim_complaint_domain(self):
        return [
            "|",
            ("partner_id", "=", self._origin.id),
            ("institution_id", "=", self._origin.id),
        ]

    def _compute_pronafim_person_counts(self):
        Microcredit = self.env["pronafim.microcredit"]
        Emergency = self.env["pronafim.emergency.credit"]
        for partner in self:
            partner.pronafim_microcredit_count = (
                Microcredit.search_count(partner._pronafim_microcredit_domain())
                if partner._pronafim_curp()
                else 0
            )
            partner.pronafim_emergency_count = (
                Emergency.search_count(partner._pronafim_emergency_domain())
                if partner._origin.id
                else 0
            )

    def _compute_pronafim_complaint_count(self):
        Complaint = self.env["pronafim.complaint"]
        for partner in self:
            partner.pronafim_complaint_count = (
                Complaint.search_count(partner._pronafim_complaint_domain())
                if partner._origin.id
                else 0
            )

    def _pronafim_person_action(self, xml_id, domain):
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        action.update(domain=domain, context={"create": False})
        return action

    def action_pronafim_person_microcredits(self):
        self.ensure_one()
        return self._pronafim_person_action(
            "pronafim_credit.pronafim_microcredit_action", self._pronafim_microcredit_domain()
        )

    def action_pronafim_person_emergency(self):
        self.ensure_one()
        return self._pronafim_person_action(
            "pronafim_credit.pronafim_emergency_credit_action", self._pronafim_emergency_domain()
        )

    def action_pronafim_person_complaints(self):
        self.ensure_one()
        return self._pronafim_person_action(
            "pronafim_credit.pronafim_complaint_action", self._pronafim_complaint_domain()
        )


class PronafimEmergencyCredit(models.Model):
    """The applicant of an emergency credit is the person of that CURP in every program."""

    _inherit = "pronafim.emergency.credit"

    duplicate_partner_id = fields.Many2one(
        "res.partner",
        string="Same CURP as",
        compute="_compute_duplicate_partner_id",
        help="Another contact holds this CURP: the applicant registered twice (for example "
        "on the portal after being registered in another program). Merge the two contacts.",
    )

    @api.depends("curp", "partner_id.identity_number")
    def _compute_duplicate_partner_id(self):
        Partner = self.env["res.partner"]
        for credit in self:
            holders = (
                Partner._micro_find_by_identity("curp", credit.curp) if credit.curp else Partner
            )
            credit.duplicate_partner_id = (holders - credit.partner_id)[:1]

    @api.model_create_multi
    def create(self, vals_list):
        credits = super().create(vals_list)
        credits._pronafim_register_applicant_identity()
        return credits

    def _pronafim_register_applicant_identity(self):
        """An applicant without a document gets the CURP of their application, so that the
        next registration of that person, in any program, finds them."""
        Partner = self.env["res.partner"]
        for credit in self.filtered("curp"):
            partner = credit.partner_id.sudo()
            if partner.identity_number or partner.is_company:
                continue
            try:
                curp = identity.validate("curp", credit.curp)
            except identity.IdentityError:
                continue  # the application's own checks report a wrong CURP
            if not Partner._micro_find_by_identity("curp", curp):
                partner.write({"identity_type": "curp", "identity_number": curp})

    def action_merge_duplicate_applicant(self):
        """Odoo's contact merge, the already registered person surviving: every program's
        records follow it (including the applicant's portal account)."""
        self.ensure_one()
        survivor = self.duplicate_partner_id
        wizard = self.env["base.partner.merge.automatic.wizard"].create(
            {
                "partner_ids": [fields.Command.set((survivor | self.partner_id).ids)],
                "dst_partner_id": survivor.id,
                "state": "selection",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }


class PronafimComplaint(models.Model):
    _inherit = "pronafim.complaint"

    partner_id = fields.Many2one(
        "res.partner",
        string="Complainant Contact",
        index="btree_not_null",
        tracking=True,
        help="The person who complained, when known to the programs (search by CURP): the "
        "complaint then shows on their contact form.",
    )
