import random
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import odoo
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests.common import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

# An envelope no other test touches: next year, the last one a budget may be prepared for
# (Reglas de Operación FONAES 2005, §4.5.1.C; the demo budgets are this year's).
FISCAL_YEAR = date.today().year + 1
AMOUNT = 100_000.0
BUDGETED = 50  # the envelope fits exactly 50 applications
SUBMISSIONS = 60
WORKERS = 8


@tagged("-at_install", "post_install")
class TestFonaesFolioConcurrency(BaseCase):
    """§6.3.1.II under load: complete applications submitted at the same time from
    separate cursors get consecutive folios without gaps, and the budget envelope
    (§4.5.1.C) is never overspent. Data is committed (separate cursors cannot see an
    uncommitted test transaction) and removed afterwards. The submissions run as a state
    representative, the role that receives applications."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.addClassCleanup(cls._cleanup)
        with cls.registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            oaxaca = env.ref("base.state_mx_oax")
            # The role that receives applications and assigns folios (§6.3.1.II).
            representative = env["res.users"].create(
                {
                    "name": "Representante Concurrente",
                    "email": "representante.concurrente@example.com",
                    "login": f"fo_concurrency_rep_{uuid.uuid4().hex[:8]}",
                    "groups_id": [
                        odoo.Command.link(
                            env.ref("fonaes_support.fonaes_support_group_state_representative").id
                        )
                    ],
                    "fonaes_state_ids": [odoo.Command.link(oaxaca.id)],
                }
            )
            cls.uid = representative.id
            sequence = env.ref("fonaes_support.seq_fonaes_application")
            cls.sequence_id = sequence.id
            cls.number_next = sequence.number_next
            cts = env.ref("fonaes_support.support_type_cts")
            limit = env.ref("fonaes_support.support_limit_cts_1")
            cls.budget_id = (
                env["fonaes.budget"]
                .create(
                    {
                        "fiscal_year": FISCAL_YEAR,
                        "support_type_id": cts.id,
                        "level": "national",
                        "amount": AMOUNT * BUDGETED,
                    }
                )
                .id
            )
            partner = env["res.partner"].create(
                {
                    "name": "Grupo Concurrente",
                    "fonaes_role": "grupo_social",
                    "state_id": oaxaca.id,
                    "fonaes_member_ids": [(0, 0, {"name": "Socia", "gender": "female"})],
                }
            )
            cls.partner_id = partner.id
            apps = (
                env["fonaes.application"]
                .with_user(representative)
                .create(
                    [
                        {
                            "partner_id": partner.id,
                            "support_type_id": cts.id,
                            "limit_id": limit.id,
                            "state_id": oaxaca.id,
                            "fiscal_year": FISCAL_YEAR,
                            "requested_amount": AMOUNT,
                        }
                        for _i in range(SUBMISSIONS)
                    ]
                )
            )
            apps.document_line_ids.write({"received": True})
            cls.app_ids = apps.ids

    @classmethod
    def _cleanup(cls):
        with cls.registry.cursor() as cr:
            ids = tuple(cls.app_ids)
            cr.execute(
                "DELETE FROM mail_message WHERE model = 'fonaes.application' AND res_id IN %s",
                [ids],
            )
            cr.execute(
                "DELETE FROM mail_followers WHERE res_model = 'fonaes.application' "
                "AND res_id IN %s",
                [ids],
            )
            cr.execute("DELETE FROM fonaes_application WHERE id IN %s", [ids])
            cr.execute("DELETE FROM fonaes_budget WHERE id = %s", [cls.budget_id])
            cr.execute(
                "UPDATE ir_sequence SET number_next = %s WHERE id = %s",
                [cls.number_next, cls.sequence_id],
            )
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["res.partner"].browse(cls.partner_id).unlink()
            user = env["res.users"].browse(cls.uid)
            user_partner = user.partner_id
            try:
                with cr.savepoint():
                    user.unlink()
                    user_partner.unlink()
            except Exception:  # keep the database usable: archive instead
                user.active = False

    def _submit(self, app_id):
        """One submission in its own cursor, retried on concurrency errors like the
        server's RPC layer does (``odoo.service.model.retrying``)."""
        for _attempt in range(200):
            with self.registry.cursor() as cr:
                # The test runner's main thread holds ``Registry._lock`` while tests run:
                # give the cursor its transaction so no thread asks for the registry again.
                cr.transaction = odoo.api.Transaction(self.registry)
                env = odoo.api.Environment(cr, self.uid, {})
                try:
                    env["fonaes.application"].browse(app_id).action_submit()
                    return "folio"  # the cursor commits when the block exits
                except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                    cr.rollback()
                except UserError as exc:
                    cr.rollback()
                    return str(exc)
            time.sleep(random.uniform(0.0, 0.05))
        return "gave up"

    @mute_logger("odoo.sql_db")
    def test_concurrent_submissions_consecutive_folios_within_budget(self):
        with ThreadPoolExecutor(max_workers=WORKERS) as executor:
            results = list(executor.map(self._submit, self.app_ids, timeout=600))
        self.assertEqual(results.count("folio"), BUDGETED, results)
        refused = [r for r in results if r != "folio"]
        self.assertEqual(len(refused), SUBMISSIONS - BUDGETED)
        for reason in refused:
            self.assertIn("No budget sufficiency in the national envelope", reason)
        with self.registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            apps = env["fonaes.application"].browse(self.app_ids)
            numbers = sorted(apps.filtered("folio_number").mapped("folio_number"))
            self.assertEqual(numbers, list(range(self.number_next, self.number_next + BUDGETED)))
            self.assertEqual(len(set(apps.filtered("name").mapped("name"))), BUDGETED)
            budget = env["fonaes.budget"].browse(self.budget_id)
            self.assertEqual(budget.committed_amount, AMOUNT * BUDGETED)
            self.assertEqual(budget.available_amount, 0.0)
