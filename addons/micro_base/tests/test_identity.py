from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import MicroTestMixin


@tagged("post_install", "-at_install")
class TestPartnerIdentity(MicroTestMixin, TransactionCase):
    def test_identity_normalized_on_create_and_write(self):
        partner = self.env["res.partner"].create(
            {
                "name": "Wenceslao Bo",
                "identity_type": "curp",
                "identity_number": "boxw310820hnerxn09",
            }
        )
        self.assertEqual(partner.identity_number, "BOXW310820HNERXN09")
        partner.write({"identity_type": "nit", "identity_number": "213.123.432-1"})
        self.assertEqual(partner.identity_number, "2131234321")
        found = self.env["res.partner"].search([("identity_number", "=", "2131234321")])
        self.assertEqual(found, partner)

    def test_invalid_identity_refused_and_nothing_written(self):
        Partner = self.env["res.partner"]
        before = Partner.search_count([])
        with self.assertRaisesMessage(
            ValidationError, "BOXW310820HNERXN08 is not a valid CURP: its check digit is wrong."
        ):
            Partner.create(
                {
                    "name": "Bad CURP",
                    "identity_type": "curp",
                    "identity_number": "BOXW310820HNERXN08",
                }
            )
        with self.assertRaisesMessage(ValidationError, "choose its document type"):
            Partner.create({"name": "No type", "identity_number": "12345"})
        self.assertEqual(Partner.search_count([]), before)
