"""Long work as background jobs, with progress, result or error, retry and one run per key.

A record whose model inherits ``micro.job.mixin`` starts a long operation with
``self._micro_enqueue("_method", *args, identity="key")``:

- when OCA ``queue_job`` runs server-wide (``WORKERS=N make run``, production: its job
  runner is what executes jobs), the call is queued with ``with_delay`` — the user's click
  returns at once — under the identity key, so a second click for the same key while the
  first is waiting or running does not queue a second job;
- otherwise (tests, plain ``make run``, an instance without ``queue_job``) the same method runs
  at once, in the user's request, through the same path.

Either way one ``micro.job`` row tracks the run: state (queued, running, done, failed),
progress (``done / total``, reported by the method with ``self._micro_job_progress``), the
result or the error message. Progress is written through a cursor of its own, committed at
once, so the form shows it while the job's own transaction is still open. A failed run can be
retried from the record (``action_micro_job_retry``). Two runs with the same identity never
overlap: each holds a transaction-level advisory lock on the key while it runs; a second one
is refused (in-process) or left for queue_job to retry (queued).
"""

import hashlib
import json
import logging
import threading

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, config

_logger = logging.getLogger(__name__)

# The job running in this thread: (model, id) of its micro.job row. Set only by
# ``_micro_run_job`` on the server; nothing a client sends can reach it.
_current = threading.local()


def _lock_key(identity):
    """A signed 64-bit advisory-lock key for ``identity``."""
    digest = hashlib.blake2b(identity.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class MicroJob(models.Model):
    _name = "micro.job"
    _description = "Background job run"
    _order = "id desc"

    res_model = fields.Char(required=True, readonly=True, index=True)
    res_id = fields.Many2oneReference(model_field="res_model", readonly=True, index=True)
    method = fields.Char(required=True, readonly=True)
    args_json = fields.Text(readonly=True, default="[]")
    name = fields.Char(string="Operation", readonly=True)
    identity = fields.Char(readonly=True, index=True)
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        default="queued",
        required=True,
        readonly=True,
    )
    done = fields.Integer(readonly=True)
    total = fields.Integer(readonly=True)
    progress = fields.Float(compute="_compute_progress", string="Progress (%)")
    message = fields.Text(string="Result", readonly=True)
    queue_uuid = fields.Char(string="Queue job", readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="Started by", readonly=True)

    @api.depends("done", "total", "state")
    def _compute_progress(self):
        for job in self:
            if job.state == "done":
                job.progress = 100.0
            elif job.total:
                job.progress = min(100.0, 100.0 * job.done / job.total)
            else:
                job.progress = 0.0

    def _side_update(self, **values):
        """Write ``values`` on this row through a cursor of its own, committed at once, so
        that other requests see it while the job's transaction is still open."""
        self.ensure_one()
        assignments = SQL(", ").join(
            SQL("%s = %s", SQL.identifier(name), value) for name, value in values.items()
        )
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "UPDATE micro_job SET %s, write_date = now() WHERE id = %s",
                    assignments,
                    self.id,
                )
            )
        self.invalidate_recordset(list(values))


JOB_FIELDS = ["micro_job_id", "micro_job_state", "micro_job_progress", "micro_job_message"]


class MicroJobMixin(models.AbstractModel):
    _name = "micro.job.mixin"
    _description = "Long operations run as background jobs"

    micro_job_id = fields.Many2one(
        "micro.job",
        compute="_compute_micro_job",
        search="_search_micro_job",
        string="Last run",
        compute_sudo=True,
    )
    micro_job_state = fields.Selection(related="micro_job_id.state", string="Run status")
    micro_job_progress = fields.Float(related="micro_job_id.progress", string="Progress")
    micro_job_message = fields.Text(related="micro_job_id.message", string="Run result")

    def _compute_micro_job(self):
        Job = self.env["micro.job"].sudo()
        for record in self:
            record.micro_job_id = isinstance(record.id, int) and Job.search(
                [("res_model", "=", record._name), ("res_id", "=", record.id)], limit=1
            )

    def _search_micro_job(self, operator, value):
        """The records some of whose runs match: what Odoo asks when a run's status,
        progress or result changes, to refresh the records showing it."""
        jobs = (
            self.env["micro.job"]
            .sudo()
            .search([("res_model", "=", self._name), ("id", operator, value)])
        )
        return [("id", "in", jobs.mapped("res_id"))]

    # ---- starting ----

    @api.model
    def _micro_jobs_in_background(self):
        """Queue the work when queue_job's runner runs in this server (it is loaded
        server-wide: ``--load=base,web,queue_job``), else run it at once."""
        return "queue.job" in self.env and "queue_job" in config["server_wide_modules"]

    def _micro_enqueue(self, method, *args, identity=None, description=None):
        """Start ``self.method(*args)`` as a tracked run; returns its ``micro.job``.

        ``identity`` names what must not run twice at once (e.g. ``"report:IMF-7:2026-10"``);
        by default the record and the method."""
        self.ensure_one()
        if not method.startswith("_") or not callable(getattr(self, method, None)):
            raise UserError(self.env._("%(method)s cannot run as a job.", method=method))
        identity = identity or f"{self._name},{self.id},{method}"
        description = description or method
        background = self._micro_jobs_in_background()
        if background:
            waiting = (
                self.env["queue.job"]
                .sudo()
                .search_count(
                    [
                        ("identity_key", "=", identity),
                        ("state", "in", ("wait_dependencies", "pending", "enqueued", "started")),
                    ]
                )
            )
            if waiting:
                raise UserError(
                    self.env._(
                        "%(operation)s is already queued or running; wait for it to end.",
                        operation=description,
                    )
                )
        # The run's row is written through a cursor of its own and committed at once: it
        # stays (with the error) when the operation fails and its transaction rolls back.
        with self.env.registry.cursor() as cr:
            job_id = (
                api.Environment(cr, SUPERUSER_ID, {})["micro.job"]
                .create(
                    {
                        "res_model": self._name,
                        "res_id": self.id,
                        "method": method,
                        "args_json": json.dumps(args),
                        "name": description,
                        "identity": identity,
                        "user_id": self.env.uid,
                    }
                )
                .id
            )
        job = self.env["micro.job"].sudo().browse(job_id)
        if background:
            queued = self.with_delay(
                description=description,
                identity_key=identity,
                channel="root.micro",
                max_retries=1,
            )._micro_run_job(job_id, method, list(args), identity)
            job._side_update(queue_uuid=queued.uuid)
        else:
            try:
                self._micro_run_job(job_id, method, list(args), identity)
            finally:
                self.invalidate_recordset(JOB_FIELDS)
        self.invalidate_recordset(JOB_FIELDS)
        return job

    def action_micro_job_retry(self):
        """Run the last failed operation of the record again (button)."""
        self.check_access("write")
        for record in self:
            last = record.micro_job_id
            if not last or last.state != "failed":
                raise UserError(self.env._("There is no failed run to retry."))
            # Run as the user who clicks: the operation checks their rights again.
            record._micro_enqueue(
                last.method,
                *json.loads(last.args_json or "[]"),
                identity=last.identity,
                description=last.name,
            )
        return True

    # ---- running ----

    def _micro_run_job(self, job_id, method, args, identity):
        """Run ``self.method(*args)``, the operation tracked by the ``micro.job`` row
        ``job_id`` (the queued job, or the in-process call). Everything it needs comes as
        arguments: the row, written through another cursor, may be newer than this
        transaction's snapshot."""
        job = self.env["micro.job"].sudo().browse(job_id)
        self.env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s)", _lock_key(identity)))
        if not self.env.cr.fetchone()[0]:
            job._side_update(state="failed", message="another run with the same key is running")
            raise UserError(self.env._("This operation is already running; wait for it to end."))
        job._side_update(state="running", done=0, total=0, message=None)
        previous = getattr(_current, "job", None)
        _current.job = job_id
        try:
            with self.env.cr.savepoint():
                result = getattr(self, method)(*args)
        except Exception as error:  # the operation's own error, shown on the record
            message = error.args[0] if isinstance(error, UserError) else repr(error)
            job._side_update(state="failed", message=str(message))
            _logger.info("Job %s (%s) failed: %s", job_id, method, message)
            # In the request: the user sees the error; queued: queue_job marks its job failed.
            raise
        finally:
            _current.job = previous
        job._side_update(state="done", message=self._micro_job_summary(result))
        return result

    def _micro_job_summary(self, result):
        """The text shown as the run's result (override to say more)."""
        if isinstance(result, str):
            return result
        return self.env._("Done.")

    def _micro_job_progress(self, done, total):
        """Report ``done`` of ``total`` units of the running operation (no-op outside a job)."""
        job_id = getattr(_current, "job", None)
        if job_id:
            self.env["micro.job"].sudo().browse(job_id)._side_update(done=done, total=total)
