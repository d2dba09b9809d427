from odoo.tests import TransactionCase, tagged

from odoo.addons.micro_base.models.cron_batch import run_in_batches


@tagged("post_install", "-at_install")
class TestCronBatch(TransactionCase):
    def test_failing_record_is_skipped_and_rolled_back(self):
        partners = self.env["res.partner"].create([{"name": f"Batch {i}"} for i in range(5)])
        bad = partners[2]

        def process(partner):
            partner.write({"comment": "processed"})
            if partner == bad:
                raise ValueError("broken record")

        with self.assertLogs("odoo.addons.micro_base.models.cron_batch", "ERROR") as logs:
            failed = run_in_batches(partners, process, batch_size=2)
        self.assertEqual(failed, bad)
        self.assertIn("Scheduled action skipped", logs.output[0])
        bad.invalidate_recordset()
        self.assertFalse(bad.comment, "the failing record's own write is rolled back")
        self.assertEqual(set((partners - bad).mapped("comment")), {"<p>processed</p>"})
