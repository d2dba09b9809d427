from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import identity


class ResPartner(models.Model):
    _inherit = "res.partner"

    identity_type = fields.Selection(
        [(code, label) for code, (label, _country) in identity.DOCUMENT_TYPES.items()],
        string="Identity Document",
        tracking=True,
    )
    identity_number = fields.Char(
        string="Identity Number",
        index="btree_not_null",
        tracking=True,
        help="CURP, RFC, NIT or cédula, stored normalized (no spaces, dots or dashes).",
    )
    gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("other", "Other / Not Stated")],
        string="Sex",
        tracking=True,
    )
    birth_date = fields.Date(string="Birth Date", tracking=True)

    @api.constrains("identity_type", "identity_number")
    def _check_identity_number(self):
        for partner in self:
            if not partner.identity_number:
                continue
            if not partner.identity_type:
                raise ValidationError(
                    self.env._(
                        "Identity Number %s: choose its document type.", partner.identity_number
                    )
                )
            try:
                identity.validate(partner.identity_type, partner.identity_number)
            except identity.IdentityError as exc:
                raise ValidationError(partner._identity_error_message(exc)) from exc

    def _identity_error_message(self, error):
        """Translated message of an :class:`identity.IdentityError`: field, value, rule."""
        reasons = {
            "unknown_type": self.env._("unknown document type"),
            "empty": self.env._("it is empty"),
            "checksum": self.env._("its check digit is wrong"),
            "length": self.env._("it has the wrong length"),
            "format": self.env._("it has the wrong format"),
            "component": self.env._("a part of it is invalid (e.g. the date or the state)"),
            "digits": self.env._(
                "it must have %(low)s to %(high)s digits and nothing else",
                low=error.params.get("low"),
                high=error.params.get("high"),
            ),
        }
        return self.env._(
            "Identity Number of %(partner)s: %(value)s is not a valid %(label)s: %(reason)s.",
            partner=self.display_name or self.env._("new contact"),
            value=error.value,
            label=dict(self._fields["identity_type"]._description_selection(self.env)).get(
                self.identity_type, error.label
            ),
            reason=reasons[error.reason],
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("identity_number"):
                vals["identity_number"] = self._normalized_identity(
                    vals.get("identity_type"), vals["identity_number"]
                )
        return super().create(vals_list)

    def write(self, vals):
        if "identity_number" in vals:
            doc_type = vals.get("identity_type") or (self[:1].identity_type if self else False)
            number = self._normalized_identity(doc_type, vals["identity_number"])
            vals = dict(vals, identity_number=number)
        return super().write(vals)

    @api.model
    def _normalized_identity(self, doc_type, number):
        if not number or doc_type not in identity.DOCUMENT_TYPES:
            return number
        return identity.compact(doc_type, number)
