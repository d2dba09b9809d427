import logging

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCronBatch(TransactionCase):
    def test_failing_record_is_skipped_and_rolled_back(self):
        partners = self.env["res.partner"].create([{"name": f"Batch {i}"} for i in range(5)])
        bad = partners[2]

        def process(partner):
            partner.write({"comment": "processed"})
            if partner == bad:
                raise ValueError("broken record")

        logger = "odoo.addons.micro_base.models.micro_scheduled_work"
        # logging.INFO, not "INFO": Odoo names its runbot level (25) "INFO" too
        with self.assertLogs(logger, logging.INFO) as logs:
            failed = self.env["micro.scheduled.work"]._run_in_batches(
                partners, process, batch_size=2
            )
        self.assertEqual(failed, bad)
        self.assertIn("Scheduled action skipped", "\n".join(logs.output))
        # progress per batch: 2/5, 4/5, 5/5
        progress = [line for line in logs.output if "done," in line]
        self.assertEqual(len(progress), 3, progress)
        self.assertIn("5/5 done, 1 failed", progress[-1])
        bad.invalidate_recordset()
        self.assertFalse(bad.comment, "the failing record's own write is rolled back")
        self.assertEqual(set((partners - bad).mapped("comment")), {"<p>processed</p>"})
