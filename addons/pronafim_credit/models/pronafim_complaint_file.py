import base64
import hashlib
import logging
import pathlib

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.micro_base.tools import tabular

from ..tools import complaints as rules

_logger = logging.getLogger(__name__)

#: Folders of the automated daily exchange (seed 002, §3: "la transferencia de datos será
#: diaria, automatizada"), set by the administrator as system parameters: the transfer
#: (SFTP or the regulator's client) drops each day's file in the inbox and collects the
#: responses from the outbox. Unset: files are uploaded and downloaded by hand.
INBOX_PARAM = "pronafim_credit.condusef_inbox_dir"
OUTBOX_PARAM = "pronafim_credit.condusef_outbox_dir"
OFFICER = "pronafim_credit.pronafim_credit_group_complaints_officer"


class PronafimComplaintFile(models.Model):
    """A file of the daily CONDUSEF exchange (seed 002, §3): incoming complaints or
    outgoing responses, layouts in ``tools/complaints.py``.

    An incoming file is imported whole or not at all: any bad row (reported with its line
    and reason) leaves it in error with nothing imported, unless the officer asks for the
    valid rows only. The same content received twice is one file (SHA-256 checksum).
    """

    _name = "pronafim.complaint.file"
    _description = "CONDUSEF Exchange File"
    _inherit = ["mail.thread", "micro.workflow.mixin", "micro.job.mixin", "micro.input.mixin"]
    _order = "id desc"
    #: What the import found, and the content's checksum: never written by hand. An
    #: outgoing file is made only by the export step.
    _workflow_step_fields = ("direction", "checksum", "error_report")
    #: The content received or sent never changes (a wrong pending file is deleted and
    #: received again); an imported or sent file is the exchange's record.
    _workflow_frozen = {
        "pending": ("datas",),
        "error": ("datas",),
        "imported": "__all__",
        "sent": "__all__",
    }
    _workflow_unlink_states = ("pending", "error")

    name = fields.Char(string="File Name", required=True)
    direction = fields.Selection(
        [("incoming", "Incoming complaints"), ("outgoing", "Outgoing responses")],
        required=True,
        default="incoming",
    )
    date = fields.Date(default=fields.Date.context_today, required=True)
    datas = fields.Binary(string="File", required=True, attachment=True)
    checksum = fields.Char(readonly=True, index=True)
    state = fields.Selection(
        [("pending", "Pending"), ("imported", "Imported"), ("error", "Errors"),
         ("sent", "Sent")],
        default="pending", required=True, readonly=True, tracking=True,
    )  # fmt: skip
    valid_rows_only = fields.Boolean(
        help="Import the valid rows of a file with errors (the bad rows stay reported)."
    )
    error_report = fields.Text(readonly=True)
    complaint_ids = fields.One2many("pronafim.complaint", "file_id", string="Complaints")
    complaint_count = fields.Integer(compute="_compute_complaint_count")

    _sql_constraints = [
        (
            "checksum_unique",
            "unique(direction, checksum)",
            "This file was already received: the same file imports once.",
        )
    ]

    def _compute_complaint_count(self):
        groups = dict(
            self.env["pronafim.complaint"]._read_group(
                [("file_id", "in", self.ids)], ["file_id"], ["__count"]
            )
        )
        for file in self:
            file.complaint_count = groups.get(file, 0)

    @api.model_create_multi
    def create(self, vals_list):
        try:
            checksums = [
                hashlib.sha256(tabular.b64decode(vals.get("datas"))).hexdigest()
                for vals in vals_list
            ]
        except tabular.TabularError as exc:
            # A file sent over the API that is not base64: one line, not a decoding error.
            raise UserError(tabular.message(exc, self.env._)) from None
        files = super().create(vals_list)
        for file, checksum in zip(files, checksums, strict=True):
            file.sudo().checksum = checksum
        return files

    @api.ondelete(at_uninstall=False)
    def _unlink_only_pending_or_error(self):
        if self.filtered(lambda f: f.state in ("imported", "sent")):
            raise UserError(self.env._("An imported or sent exchange file cannot be deleted."))

    # ---- RECEIVING ----

    @api.model
    def _receive(self, content, filename):
        """The incoming file holding ``content`` (bytes): the one already received with
        the same content, or a new pending one. Receiving twice creates nothing more."""
        checksum = hashlib.sha256(content).hexdigest()
        existing = self.search(
            [("direction", "=", "incoming"), ("checksum", "=", checksum)], limit=1
        )
        return existing or self.create(
            {"name": filename, "datas": base64.b64encode(content), "direction": "incoming"}
        )

    def _error_message(self, line, code, params):
        texts = {
            "empty": self.env._("the column %(column)s is empty"),
            "kind": self.env._("kind %(value)r is neither complaint nor inquiry"),
            "date": self.env._("date %(value)r is not a YYYY-MM-DD date"),
            "amount": self.env._("amount claimed %(value)r is not a number >= 0"),
            "amount_range": self.env._(
                "amount claimed %(value)s is too large (at most 1,000,000,000,000,000)"
            ),
            "duplicate": self.env._("folio %(folio)s already on line %(first_line)s"),
            "institution": self.env._("institution %(value)r is not registered"),
            "received": self.env._("folio %(folio)s was already received"),
        }
        return self.env._("Line %(line)s: %(reason)s.", line=line, reason=texts[code] % params)

    def _check_importable(self):
        for file in self:
            if file.direction != "incoming" or file.state not in ("pending", "error"):
                raise UserError(self.env._("File %s is not waiting to be imported.", file.name))

    def _import_identity(self):
        """What two imports must not run at once for: the company's exchange of the file's
        day (seed 002, §3: one exchange a day; a folio is received once)."""
        self.ensure_one()
        return f"pronafim.complaint.import:{self.env.company.id}:{self.date.isoformat()}"

    def action_import_in_background(self):
        """The officer's click: import the file as a background job (micro_base
        ``micro.job.mixin``) with its progress, result or error on the file; in the request
        when no job runner runs. One import at a time per exchange day."""
        self._workflow_check_group(OFFICER)
        self._check_importable()
        for file in self:
            file._micro_enqueue(
                "_import_job",
                identity=file._import_identity(),
                description=self.env._("Import of the CONDUSEF file %s", file.name),
            )
        return True

    def _import_job(self):
        """The background job's work: :meth:`action_import`, then its outcome in one line."""
        self._micro_job_progress(0, 1)
        self.action_import()
        self._micro_job_progress(1, 1)
        if self.state == "error":
            return self.env._("Not imported: see the error report.")
        self.invalidate_recordset(["complaint_count"])
        return self.env._("%s complaints imported.", self.complaint_count)

    def action_import(self):
        """Import the pending or erroneous incoming files (see the class docstring)."""
        self._workflow_check_group(OFFICER)
        Complaint = self.env["pronafim.complaint"]
        for file in self:
            if file.direction != "incoming" or file.state not in ("pending", "error"):
                raise UserError(self.env._("File %s is not waiting to be imported.", file.name))
            try:
                table = tabular.read(base64.b64decode(file.datas), file.name)
            except tabular.TabularError as exc:
                # One line: the file stays in error, nothing of it imported.
                file._workflow_write(
                    {"state": "error", "error_report": tabular.message(exc, self.env._)}
                )
                continue
            rows, errors, missing = rules.parse_incoming(table)
            if missing:
                file._workflow_write(
                    {
                        "state": "error",
                        "error_report": self.env._(
                            "Line 1: missing columns %s.", ", ".join(missing)
                        ),
                    }
                )
                continue
            institutions = {
                partner.name: partner
                for partner in self.env["res.partner"].search(
                    [("is_company", "=", True), ("name", "in", [r["institution"] for r in rows])]
                )
            }
            received = set(
                Complaint.search([("name", "in", [r["folio"] for r in rows])]).mapped("name")
            )
            valid = []
            for row in rows:
                if row["institution"] not in institutions:
                    errors.append((row["line"], "institution", {"value": row["institution"]}))
                elif row["folio"] in received:
                    errors.append((row["line"], "received", {"folio": row["folio"]}))
                else:
                    valid.append(row)
            errors.sort(key=lambda error: error[0])
            report = "\n".join(file._error_message(*error) for error in errors)
            if errors and not file.valid_rows_only:
                file._workflow_write({"state": "error", "error_report": report})
                continue
            # The file and its line are the trace of each complaint: no creation note
            # each (a file may hold thousands); the currency given, not defaulted per row.
            mxn = self.env.ref("base.MXN")
            Complaint.with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True
            )._workflow_create(
                [
                    {
                        "name": row["folio"],
                        "currency_id": mxn.id,
                        "kind": row["kind"],
                        "institution_id": institutions[row["institution"]].id,
                        "user_name": row["user_name"],
                        "product": row["product"],
                        "reason": row["reason"],
                        "amount_claimed": float(row["amount_claimed"]),
                        "date_received": row["date_received"],
                        "file_id": file.id,
                        "file_line": row["line"],
                    }
                    for row in valid
                ],
                OFFICER,
            )
            file._workflow_write({"state": "imported", "error_report": report or False})

    # ---- SENDING ----

    @api.model
    def _export_responses(self, day):
        """The outgoing file of the answers given up to ``day`` not yet sent (None if none).

        Each answer is sent once: a second call the same day finds nothing new. An answer
        given after the day's exchange ran, or on a day it did not run, goes out with the
        next exchange.
        """
        answers = self.env["pronafim.complaint"].search(
            [("date_answered", "<=", day), ("export_file_id", "=", False)], order="name"
        )
        if not answers:
            return None
        content = rules.format_outgoing(
            {
                "folio": c.name,
                "date_answered": c.date_answered.isoformat(),
                "outcome": c.outcome,
                "business_days": c.business_days,
                "response": c.response,
            }
            for c in answers
        )
        file = self._workflow_create(
            {
                "name": f"responses_{day.isoformat()}_{len(answers)}.csv",
                "direction": "outgoing",
                "date": day,
                "datas": base64.b64encode(content.encode()),
            }
        )
        file._workflow_write({"state": "sent"})
        answers._workflow_write({"export_file_id": file.id})
        outbox = self.env["ir.config_parameter"].sudo().get_param(OUTBOX_PARAM)
        if outbox:
            folder = pathlib.Path(outbox)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / file.name).write_bytes(content.encode())
        return file

    @api.model
    def _collect_inbox(self):
        """Receive every ``*.csv`` of the inbox folder (:data:`INBOX_PARAM`), then move it to
        its ``received/`` subfolder. Receiving is idempotent (checksum), so a file seen again
        (moved back, or a move that failed) creates nothing. An unreadable file is logged
        and left in place.

        :return: the incoming files received (already known ones included)
        """
        inbox = self.env["ir.config_parameter"].sudo().get_param(INBOX_PARAM)
        files = self.browse()
        if not inbox:
            return files
        folder = pathlib.Path(inbox)
        done = folder / "received"
        for path in sorted(folder.glob("*.csv")):
            try:
                files |= self._receive(path.read_bytes(), path.name)
                done.mkdir(exist_ok=True)
                path.replace(done / path.name)
            except OSError:
                _logger.exception("CONDUSEF inbox file %s could not be received", path)
        return files

    @api.model
    def _cron_exchange(self):
        """Daily exchange: collect the inbox folder's files, import the pending incoming
        files, then export the answers not sent yet (to the outbox folder, if set).

        Each file in its own savepoint (``micro.scheduled.work``): one that fails unexpectedly is
        logged, rolled back and left in error with a note, the others go on. Idempotent: an
        imported file is not imported again, an answer is sent once.

        :return: the incoming files that failed
        """
        self._collect_inbox()
        failed = self.env["micro.scheduled.work"]._run_in_batches(
            self.search([("direction", "=", "incoming"), ("state", "=", "pending")]),
            lambda file: file.action_import(),
        )
        failed._workflow_write(
            {
                "state": "error",
                "error_report": self.env._(
                    "The import failed unexpectedly (see the server log); nothing of this file "
                    "was imported. Import it again once the cause is fixed."
                ),
            }
        )
        self._export_responses(self.env["pronafim.complaint"]._today())
        return failed
