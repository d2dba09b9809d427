"""The program's dated reference rows (CETES rates, the trust's net worth) share
``micro.reference.mixin``: ranges checked on the stored rows, the row in force on a day,
and a deleted row's trace on the newest row that remains."""

import datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PronafimCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestPronafimReferenceRows(PronafimCase):
    def test_models_share_the_reference_mixin(self):
        for name, date_field in (
            ("pronafim.cetes.rate", "date_from"),
            ("pronafim.trust.net.worth", "month"),
            ("fonaes.udi.rate", "date"),
        ):
            if name not in self.env:
                continue
            Model = self.env[name]
            with self.subTest(model=name):
                self.assertIn("micro.reference.mixin", Model._inherit)
                self.assertEqual(Model._reference_date, date_field)
                # the mixin's constraint watches the model's own ranged fields
                watched = [set(check._constrains) for check in Model._constraint_methods]
                self.assertIn(set(Model._input_ranges), watched)

    def test_net_worth_in_force_and_deletion_traced(self):
        Worth = self.env["pronafim.trust.net.worth"].with_user(self.finance)
        june = Worth.create({"month": D(2031, 6, 1), "amount": 9_000_000})
        july = Worth.create({"month": D(2031, 7, 1), "amount": 9_500_000})
        Known = self.env["pronafim.trust.net.worth"]
        self.assertEqual(Known._last_known(D(2031, 6, 30)), june)
        self.assertEqual(Known._last_known(D(2031, 7, 15)), july)
        with self.assertRaises(ValidationError):
            with self.env.cr.savepoint():
                july.with_user(self.manager).write({"amount": -1})
        july.with_user(self.manager).unlink()
        self.assertEqual(Known._last_known(D(2031, 7, 15)), june)
        newest = Known.search([], limit=1)
        self.assertEqual(newest, june)
        self.assertIn("of 07/2031 deleted by", newest.sudo().message_ids[0].body)
