"""micro_base's background jobs (issue 20): the click enqueues one job when queue_job runs
server-wide, the same code runs in the request otherwise, with the same result; progress,
error, retry; two runs with the same key never overlap."""

import odoo
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.micro_base.models.micro_job import _lock_key
from odoo.addons.micro_base.tests.common import MicroTestMixin, in_background
from odoo.addons.queue_job.tests.common import trap_jobs

QUIET = "odoo.addons.micro_base.models.micro_job"


@tagged("post_install", "-at_install")
class TestMicroJob(MicroTestMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # One connection serves the job's side cursor too (as in HttpCase), so that the
        # test's transaction sees and rolls back what the job writes through it.
        cls.registry.enter_test_mode(cls.cr)
        cls.addClassCleanup(cls.registry.leave_test_mode)
        cls.clerk = cls._new_user("job_clerk", "base.group_user")  # no e-mail address
        cls.Batch = cls.env["micro.job.test.batch"].with_user(cls.clerk)

    def _batch(self, name, **values):
        return self.Batch.create({"name": name, **values})

    def test_in_process_runs_in_the_request_with_progress_and_result(self):
        batch = self._batch("B1", size=7)
        with in_background(False):
            job = batch.action_make_lines()
        self.assertEqual(len(batch.line_ids), 7)
        self.assertEqual(job.state, "done")
        self.assertEqual((job.done, job.total), (7, 7))
        self.assertEqual(batch.micro_job_progress, 100.0)
        self.assertEqual(batch.micro_job_message, "7 lines made")
        self.assertEqual(batch.micro_job_state, "done")
        self.assertEqual(job.user_id, self.clerk)

    @mute_logger(QUIET)
    def test_failure_is_shown_nothing_partial_and_retry(self):
        batch = self._batch("B2", size=5, fail_at=3)
        lines_before = self.env["micro.job.test.line"].search_count([])
        # Not assertRaises: its savepoint would also undo the run's row, which a real
        # request keeps (it is written through a cursor of its own).
        try:
            with in_background(False):
                batch.action_make_lines()
            self.fail("the operation should have failed")
        except UserError as error:
            self.assertIn("line 3 cannot be made", str(error))
        self.assertEqual(self.env["micro.job.test.line"].search_count([]), lines_before)
        self.assertEqual(batch.micro_job_state, "failed")
        self.assertIn("line 3 cannot be made", batch.micro_job_message)
        batch.fail_at = 0
        with in_background(False):
            batch.action_micro_job_retry()
        self.assertEqual(batch.micro_job_state, "done")
        self.assertEqual(len(batch.line_ids), 5)
        with self.assertRaisesMessage(UserError, "no failed run"):
            batch.action_micro_job_retry()

    def test_click_enqueues_one_job_with_the_same_result(self):
        batch = self._batch("B3", size=4)
        with in_background(True), trap_jobs() as trap:
            job = batch.action_make_lines()
            trap.assert_jobs_count(1)
            self.assertJobEnqueued(trap, batch, "_make_lines", "batch:B3")
            self.assertEqual(job.state, "queued")
            self.assertFalse(batch.line_ids, "nothing done in the click's request")
            trap.perform_enqueued_jobs()
        job.invalidate_recordset()
        reference = self._batch("B3-inline", size=4)
        with in_background(False):
            reference.action_make_lines()
        self.assertEqual(job.state, "done")
        self.assertEqual(batch.line_ids.mapped("number"), reference.line_ids.mapped("number"))
        self.assertEqual(batch.micro_job_message, reference.micro_job_message)

    def test_same_key_is_queued_once(self):
        batch = self._batch("B4", size=2)
        with in_background(True):
            job = batch.action_make_lines()
            self.assertTrue(job.queue_uuid)
            with self.assertRaisesMessage(UserError, "already queued or running"):
                batch.action_make_lines()
        queued = self.env["queue.job"].search([("identity_key", "=", "batch:B4")])
        self.assertEqual(len(queued), 1)
        self.assertEqual(queued.uuid, job.queue_uuid)

    @mute_logger(QUIET)
    def test_two_runs_with_the_same_key_never_overlap(self):
        """A run holds its key's lock for its whole transaction: while another
        connection runs the same key, a run is refused; once that one ends, it goes."""
        batch = self._batch("B5", size=3)
        key = _lock_key("batch:B5")
        other = odoo.sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            other.execute(SQL("SELECT pg_try_advisory_lock(%s)", key))
            self.assertTrue(other.fetchone()[0])
            try:
                with in_background(False):
                    batch.action_make_lines()
                self.fail("a second run of the same key should be refused")
            except UserError as error:
                self.assertIn("already running", str(error))
            self.assertFalse(batch.line_ids)
            self.assertEqual(batch.micro_job_state, "failed")
            other.execute(SQL("SELECT pg_advisory_unlock(%s)", key))
            with in_background(False):
                batch.action_make_lines()
        finally:
            other.close()
        self.assertEqual(batch.micro_job_state, "done")
        self.assertEqual(len(batch.line_ids), 3)

    def test_only_private_methods_run_as_jobs(self):
        batch = self._batch("B6")
        for method in ("unlink", "action_make_lines", "_no_such_method"):
            with self.subTest(method=method), self.assertRaises(UserError):
                batch._micro_enqueue(method)
