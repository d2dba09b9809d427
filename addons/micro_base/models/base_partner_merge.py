from odoo import models
from odoo.exceptions import UserError


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        """Merging duplicates of one person keeps their document number on the surviving
        contact; contacts with two different numbers of the same document type are two
        people and are not merged. Program records follow Odoo's merge (foreign keys)."""
        partners = self.env["res.partner"].browse(partner_ids).exists()
        self._micro_check_same_person(partners)
        if len(partners) > 1 and not (dst_partner and dst_partner in partners):
            dst_partner = self._get_ordered_partner(partners.ids)[-1]
        holder = (partners - dst_partner).filtered("identity_number")[:1]
        if not dst_partner or dst_partner.identity_number or not holder:
            return super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)
        # Odoo copies the number onto the surviving contact while its holder still exists:
        # free it first so that one number stays on one contact all along.
        values = {"identity_type": holder.identity_type, "identity_number": holder.identity_number}
        holder.sudo().write({"identity_number": False})
        res = super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)
        dst_partner.sudo().write(values)
        return res

    def _update_foreign_keys(self, src_partners, dst_partner):
        """Odoo moves the program records to the surviving contact in SQL: recompute which
        of the contacts are program persons (the surviving one now holds the records; the
        merged-away ones, about to be deleted by the merging user, no longer do)."""
        res = super()._update_foreign_keys(src_partners, dst_partner)
        partners = (src_partners | dst_partner).sudo()
        self.env.invalidate_all()
        self.env.add_to_compute(partners._fields["micro_person"], partners)
        partners._recompute_recordset(["micro_person"])
        return res

    def _micro_check_same_person(self, partners):
        numbers = {}
        for partner in partners.filtered("identity_number"):
            numbers.setdefault(partner.identity_type, set()).add(partner.identity_number)
        clashes = {kind: sorted(values) for kind, values in numbers.items() if len(values) > 1}
        if not clashes:
            return
        labels = dict(partners._fields["identity_type"]._description_selection(self.env))
        raise UserError(
            self.env._(
                "These contacts are different people (%s): only contacts with the same "
                "document number, or none, can be merged.",
                "; ".join(
                    f"{labels.get(kind, kind)} {', '.join(values)}"
                    for kind, values in clashes.items()
                ),
            )
        )
