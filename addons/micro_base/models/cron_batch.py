"""Scheduled actions over many records: one savepoint per record, a commit per batch."""

import logging

_logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 200


def run_in_batches(records, process, batch_size=DEFAULT_BATCH_SIZE):
    """Call ``process(record)`` for each record, each in its own savepoint.

    A record that fails is logged and skipped; the others go on. When run by the scheduler
    (``cron_id`` in the context, never in tests) progress is reported and the work is
    committed after each batch, so a later failure or a timeout keeps what is done.
    Returns the records that failed.
    """
    cr = records.env.cr
    in_cron = bool(records.env.context.get("cron_id"))
    failed = records.browse()
    for start in range(0, len(records), batch_size):
        for record in records[start : start + batch_size]:
            try:
                with cr.savepoint():
                    process(record)
            except Exception:
                _logger.exception("Scheduled action skipped %s", record)
                failed |= record
        if in_cron:
            records.env["ir.cron"]._notify_progress(
                done=min(start + batch_size, len(records)),
                remaining=max(len(records) - start - batch_size, 0),
            )
            # Batch boundary of a scheduled action: keep what is done if a later batch fails.
            cr.commit()  # pylint: disable=invalid-commit
    return failed
