"""Scheduled work over many records: the one helper every cron of the suite uses."""

import logging

from odoo import api, models

_logger = logging.getLogger(__name__)


class MicroScheduledWork(models.AbstractModel):
    """Run a scheduled action record by record, in batches.

    ``self.env["micro.scheduled.work"]._run_in_batches(records, process)`` calls
    ``process(record)`` for each record in its own savepoint: a record that fails is logged
    and skipped, the others go on. Under the scheduler (``ir.cron`` sets ``cron_id`` in the
    context of the job it runs; a client cannot start a cron through it) progress is
    reported to the cron and the work is committed after each batch, so a later failure or a
    timeout keeps what is done. Returns the records that failed.
    """

    _name = "micro.scheduled.work"
    _description = "Scheduled work in batches"

    DEFAULT_BATCH_SIZE = 200

    @api.model
    def _run_in_batches(self, records, process, batch_size=None, label=None):
        batch_size = batch_size or self.DEFAULT_BATCH_SIZE
        label = label or records._name
        cr = records.env.cr
        in_cron = bool(records.env.context.get("cron_id"))
        failed = records.browse()
        total = len(records)
        for start in range(0, total, batch_size):
            for record in records[start : start + batch_size]:
                try:
                    with cr.savepoint():
                        process(record)
                except Exception:
                    _logger.exception("Scheduled action skipped %s", record)
                    failed |= record
            done = min(start + batch_size, total)
            _logger.info("%s: %d/%d done, %d failed", label, done, total, len(failed))
            if in_cron:
                records.env["ir.cron"]._notify_progress(done=done, remaining=total - done)
                # Batch boundary of a scheduled action: keep what is done if a later batch
                # fails.
                cr.commit()  # pylint: disable=invalid-commit
        return failed
