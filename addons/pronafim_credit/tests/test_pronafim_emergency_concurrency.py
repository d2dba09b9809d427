import psycopg2.errors

from odoo.exceptions import UserError
from odoo.tests import common, tagged
from odoo.tools.misc import mute_logger

from odoo.addons.micro_base.tests.common import committed_environment, two_environments


@tagged("post_install", "-at_install")
class TestEmergencyEnvelopeConcurrency(common.BaseCase):
    """Two approvals at once on a program with room for one credit (seed 000 envelope)."""

    def setUp(self):
        super().setUp()
        with committed_environment() as env:
            program = env["pronafim.emergency.program"].create(
                {
                    "name": "Concurrency envelope",
                    "credit_amount": 10_000,
                    "envelope_amount": 10_000,
                    "envelope_count": 1,
                    "grace_months": 3,
                    "installments": 12,
                    "section": "test",
                }
            )
            applicant = env["res.partner"].create({"name": "Solicitante Concurrencia"})
            credits = env["pronafim.emergency.credit"]
            for curp in ("GOMA900215MDFRRN04", "LOPC920707HDFPRR06"):
                credits |= credits.create(
                    {
                        "program_id": program.id,
                        "partner_id": applicant.id,
                        "curp": curp,
                        "state_id": env.ref("base.state_mx_df").id,
                        "business_name": "Fonda",
                    }
                )
            # Intake and review are tested elsewhere; here only the approvals matter.
            credits.write(
                {
                    "state": "submitted",
                    "check_identity": True,
                    "check_address": True,
                    "check_business": True,
                }
            )
            self.ids = {"program": program.id, "partner": applicant.id, "credits": credits.ids}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with committed_environment() as env:
            cr = env.cr
            cr.execute(
                "DELETE FROM pronafim_emergency_credit WHERE program_id = %s",
                [self.ids["program"]],
            )
            cr.execute(
                "DELETE FROM pronafim_emergency_program WHERE id = %s", [self.ids["program"]]
            )
            env["res.partner"].browse(self.ids["partner"]).unlink()

    @mute_logger("odoo.sql_db")
    def test_two_cursors_cannot_exceed_envelope(self):
        first, second = self.ids["credits"]
        with two_environments() as (env1, env2):
            cr1, cr2 = env1.cr, env2.cr
            env1["pronafim.emergency.credit"].browse(first).action_approve()
            # The second approval waits on the program's row lock (here: gives up).
            cr2.execute("SET LOCAL lock_timeout = '500ms'")
            with self.assertRaises(psycopg2.errors.LockNotAvailable):
                env2["pronafim.emergency.credit"].browse(second).action_approve()
            cr2.rollback()
            cr1.commit()
            env2.invalidate_all()
            # Once the first commits, the second sees the envelope full.
            with self.assertRaisesRegex(UserError, "exceeds the envelope"):
                env2["pronafim.emergency.credit"].browse(second).action_approve()
            cr2.rollback()
        with committed_environment() as env:
            program = env["pronafim.emergency.program"].browse(self.ids["program"])
            self.assertEqual((program.committed_count, program.committed_amount), (1, 10_000))
            self.assertEqual(env["pronafim.emergency.credit"].browse(second).state, "submitted")

    @mute_logger("odoo.sql_db")
    def test_old_snapshot_cannot_exceed_envelope(self):
        """A transaction whose snapshot predates another's committed approval must not
        approve from it (REPEATABLE READ): it fails to serialize, and its retry sees the
        envelope full."""
        first, second = self.ids["credits"]
        with two_environments() as (env1, env2):
            cr1, cr2 = env1.cr, env2.cr
            program2 = env2["pronafim.emergency.program"].browse(self.ids["program"])
            self.assertEqual(program2.available_count, 1)  # cr2's snapshot starts
            env1["pronafim.emergency.credit"].browse(first).action_approve()
            cr1.commit()
            with self.assertRaises(psycopg2.errors.SerializationFailure):
                env2["pronafim.emergency.credit"].browse(second).action_approve()
            cr2.rollback()
            env2.invalidate_all()
            with self.assertRaisesRegex(UserError, "exceeds the envelope"):
                env2["pronafim.emergency.credit"].browse(second).action_approve()
            cr2.rollback()
        with committed_environment() as env:
            program = env["pronafim.emergency.program"].browse(self.ids["program"])
            self.assertEqual(program.committed_count, 1)
