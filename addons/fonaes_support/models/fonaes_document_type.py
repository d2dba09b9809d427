from odoo import api, fields, models

from .fonaes_support_type import _check_kind_codes


class FonaesDocumentType(models.Model):
    """A required document of the application checklist (§4.3.1 Requisitos Generales,
    §4.3.3 Requisitos Generales), per beneficiary kind and support category."""

    _name = "fonaes.document.type"
    _description = "FONAES Required Document"
    _inherit = ["micro.input.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    rule_section = fields.Char(required=True)
    beneficiary_kinds = fields.Char(help="Comma-separated kinds (empty: every kind).")
    categories = fields.Char(
        help="Comma-separated support categories: capital, trust, ade, procomer (empty: "
        "every category).",
    )
    condition = fields.Selection(
        [("always", "Always"), ("previous_support", "Only with a previous support")],
        default="always",
        required=True,
        help="'Only with a previous support': e.g. the certificate of being current on "
        "revolving repayment (§4.3.1.G, 'en su caso').",
    )

    _sql_constraints = [("code_uniq", "unique(code)", "The document code must be unique.")]

    @api.constrains("beneficiary_kinds")
    def _check_beneficiary_kinds(self):
        _check_kind_codes(self, "beneficiary_kinds")

    @api.model
    def _kind_codes(self, value):
        return self.env["fonaes.support.type"]._kind_codes(value)

    @api.model
    def _required_for(self, kind, category, previous_support=False):
        """Document types required of a ``kind`` applying for a ``category`` support."""
        result = self.browse()
        for doc in self.search([]):
            kinds = self._kind_codes(doc.beneficiary_kinds)
            categories = self._kind_codes(doc.categories)
            if kinds and kind not in kinds:
                continue
            if categories and category not in categories:
                continue
            if doc.condition == "previous_support" and not previous_support:
                continue
            result |= doc
        return result
