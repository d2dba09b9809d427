from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.micro_base.tools import identity

from ..tools import input_rules


class FonaesPartnerMember(models.Model):
    """One partner (socio) or member of a group or social enterprise (§4.3.1.A roster)."""

    _name = "fonaes.partner.member"
    _description = "FONAES Roster Member"
    _inherit = ["micro.input.mixin"]
    _order = "partner_id, name"
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "birthdate": (input_rules.KIND_BIRTHDATE, "§4.3.1.A"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    partner_id = fields.Many2one(
        "res.partner", string="Beneficiary", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True)
    curp = fields.Char(
        string="CURP",
        help="Optional: a member without CURP may apply and receive the support while "
        "obtaining it; CURP is not an eligibility requirement (§4.3.1.A).",
    )
    gender = fields.Selection([("female", "Woman"), ("male", "Man")], required=True)
    disability = fields.Boolean(string="Person with Disability")
    birthdate = fields.Date(string="Birth Date")

    _sql_constraints = [
        (
            "birthdate_past",
            "CHECK(birthdate IS NULL OR birthdate >= '1900-01-01')",
            "A birth date cannot be before 1900.",
        ),
    ]

    @api.constrains("curp")
    def _check_curp(self):
        for member in self.filtered("curp"):
            try:
                identity.validate("curp", member.curp)
            except identity.IdentityError as exc:
                raise ValidationError(
                    self.env._(
                        "CURP of roster member %(member)s: %(value)s is not a valid CURP: "
                        "%(reason)s (%(rules)s).",
                        member=member.name,
                        value=exc.value,
                        reason=self.env["res.partner"]._identity_error_reason(exc),
                        rules=input_rules.source("§4.3.1.A"),
                    )
                ) from exc

    @api.model_create_multi
    def create(self, vals_list):
        directorate = self.env.su or self.env.user.has_group(
            "fonaes_support.fonaes_support_group_general_directorate"
        )
        for vals in vals_list:
            if vals.get("curp"):
                if not isinstance(vals["curp"], str):
                    raise ValidationError(
                        self.env._(
                            "CURP of roster member: %(value)r is not a valid CURP.",
                            value=vals["curp"],
                        )
                    )
                vals["curp"] = vals["curp"].strip().upper()
            partner = self.env["res.partner"].browse(vals.get("partner_id"))
            if not directorate and partner and not partner.state_id:
                # The roster is visible per state (personal data): without a state nobody
                # but the directorate could read it back.
                raise UserError(
                    self.env._(
                        "Set the state of %s first: its roster is kept by the FONAES "
                        "representation of that state.",
                        partner.name,
                    )
                )
        return super().create(vals_list)
