import io

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.micro_base.tools import identity, periods, tabular

from ..tools import borrower_report

ANALYST = "pronafim_credit.pronafim_credit_group_analyst"

# Reported micro-credits, loaded with COPY (see PronafimBorrowerReport._replace_rows).
_COPY_ROWS = """
    COPY pronafim_microcredit (
        report_id, commercial_partner_id, month, line_id, curp, name, sex, amount, date,
        term_months, rate, municipality_id, rural, priority_zone, special_attention_zone,
        activity, workers, trained, create_uid, create_date, write_uid, write_date
    ) FROM STDIN
"""
# COPY's text format: backslash, tab, newline and carriage return escaped in a value.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


_CREATE_RAW = """
    DROP TABLE IF EXISTS pronafim_report_csv, pronafim_report_raw, pronafim_report_row;
    CREATE TEMPORARY TABLE pronafim_report_raw (
        line integer, curp text, name text, amount text, date text,
        term_months text, rate text, line_name text, municipality text,
        activity text, workers text, trained text, over_indebted text
    ) ON COMMIT DROP;
"""
# The columns of pronafim_report_raw: the line in the file, then borrower_report.COLUMNS
# ("line" there is the credit line's name).
_RAW_COLUMNS = (
    "line", "curp", "name", "amount", "date", "term_months", "rate", "line_name",
    "municipality", "activity", "workers", "trained", "over_indebted",
)  # fmt: skip
# Rows copied into the temporary table at a time (the import's progress is reported per batch).
ROW_BATCH = 20_000
_COPY_RAW = """
    COPY pronafim_report_raw (
        line, curp, name, amount, date, term_months, rate, line_name, municipality,
        activity, workers, trained, over_indebted
    ) FROM STDIN
"""
# A number written plainly: digits, at most 11, and a decimal part of at most 4 (at most
# 15 significant digits, so that the value stored is the one validate_rows reads:
# float(Decimal(text))); a whole number of at most 9 digits. The same as the regular
# expressions ^[0-9]{1,11}(\.[0-9]{1,4})?$ and ^[0-9]{1,9}$, written so because PostgreSQL
# matches bounded repetitions slowly (about twice the time on 100,000 rows).
_PLAIN_NUMBER = r"^[0-9]+(\.[0-9]+)?$"
_PLAIN_INTEGER = r"^[0-9]+$"
# The rows of pronafim_report_raw checked with the rules of borrower_report.validate_rows
# (see PronafimBorrowerReport._validate_rows): ``clean`` when SQL proves every rule holds.
_STAGE_ROWS = """
%(release)s
-- No JIT (compiling the long expression costs more than the query itself). The raw table
-- is not analyzed: its size, known to the planner, is enough for the hash joins.
SET LOCAL jit = off;
CREATE TEMPORARY TABLE pronafim_report_row ON COMMIT DROP AS
-- Each level is an "OFFSET 0" subquery: computed once per row and read by the next level
-- (inlined, the CURP's check digit was computed once per use of "clean"; a MATERIALIZED
-- CTE computes it once too, but stores every row on the way).
SELECT j.line, j.clean, j.line_id, j.municipality_id, j.curp, j.name, j.activity,
       CASE WHEN j.clean THEN
           CASE substr(j.curp, 11, 1) WHEN 'H' THEN 'male' ELSE 'female' END
       END AS sex,
       CASE WHEN j.clean THEN j.amount::numeric END AS amount,
       CASE WHEN j.clean THEN j.rate::double precision END AS rate,
       CASE WHEN j.clean THEN j.date::date END AS date,
       CASE WHEN j.clean THEN j.term_months::integer END AS term_months,
       CASE WHEN j.clean THEN j.workers::integer END AS workers,
       CASE WHEN j.clean THEN lower(j.trained COLLATE "C") = ANY(%(yes)s::text[]) END
           AS trained,
       j.line_name
  FROM (
    SELECT c.*,
           c.curp_ok AND c.date_ok AND c.amount_ok AND c.rate_ok AND c.term_ok
           AND c.workers_ok AND c.line_id IS NOT NULL
           -- Not empty, and nothing to strip (a cell copied as it is from the file).
           AND strpos(%(spaces)s, left(c.name, 1)) = 0
           AND strpos(%(spaces)s, right(c.name, 1)) = 0
           AND c.municipality_id IS NOT NULL AND c.unique_key
           AND lower(c.trained COLLATE "C") = ANY(%(flags)s::text[])
           AND lower(c.over_indebted COLLATE "C") = ANY(%(no)s::text[])
           AND CASE WHEN c.curp_ok AND c.date_ok THEN
               substr(c.date, 1, 4)::integer - substr(c.curp, 5, 2)::integer
               - CASE WHEN substr(c.curp, 17, 1) ~ '[0-9]' THEN 1900 ELSE 2000 END
               - CASE WHEN (substr(c.date, 6, 2)::integer, substr(c.date, 9, 2)::integer)
                           < (substr(c.curp, 7, 2)::integer, substr(c.curp, 9, 2)::integer)
                      THEN 1 ELSE 0 END >= %(min_age)s
           ELSE FALSE END AS clean
      FROM (
        SELECT s.*,
               CASE WHEN s.curp_shape THEN
                   %(checksum)s = substr(s.curp, 18, 1)::integer
                   AND substr(s.curp, 9, 2)::integer BETWEEN 1 AND (
                       CASE WHEN substr(s.curp, 7, 2)::integer BETWEEN 1 AND 12 THEN
                           extract(day FROM make_date(
                               substr(s.curp, 5, 2)::integer
                                   + CASE WHEN substr(s.curp, 17, 1) ~ '[0-9]' THEN 1900
                                          ELSE 2000 END,
                               substr(s.curp, 7, 2)::integer, 1
                           ) + interval '1 month - 1 day')::integer
                       ELSE 0 END)
               ELSE FALSE END AS curp_ok,
               CASE WHEN s.date_shape THEN
                   substr(s.date, 1, 7) = %(month)s
                   AND substr(s.date, 9, 2)::integer BETWEEN 1 AND %(last_day)s
               ELSE FALSE END AS date_ok,
               CASE WHEN s.amount_shape THEN s.amount::numeric > 0 ELSE FALSE END AS amount_ok,
               CASE WHEN s.rate_shape THEN s.rate::numeric > 0 ELSE FALSE END AS rate_ok,
               CASE WHEN s.term_shape THEN s.term_months::integer > 0 ELSE FALSE END
                   AS term_ok,
               CASE WHEN s.workers_shape THEN
                   s.workers::integer BETWEEN 1 AND CASE s.activity
                       WHEN 'industry' THEN %(industry)s
                       WHEN 'commerce' THEN %(commerce)s
                       WHEN 'services' THEN %(services)s
                       ELSE 0 END
               ELSE FALSE END AS workers_ok
          FROM (
            SELECT r.*, l.id AS line_id, mu.id AS municipality_id,
                   r.curp COLLATE "C" ~ '^[A-Z]{4}[0-9]{6}[A-Z]{6}[0-9A-Z][0-9]$'
                       AND substr(r.curp, 1, 4) <> ALL(%(blacklist)s::text[])
                       AND substr(r.curp, 12, 2) = ANY(%(states)s::text[])
                       AND substr(r.curp, 11, 1) IN ('H', 'M') AS curp_shape,
                   -- YYYY-MM-DD: ten characters, a dash 5th and 8th, the others digits
                   -- (faster than a regular expression).
                   r.date LIKE '____-__-__'
                       AND translate(r.date, '0123456789', '') = '--' AS date_shape,
                   r.amount COLLATE "C" ~ %(number)s
                       AND length(split_part(r.amount, '.', 1)) <= 11
                       AND length(split_part(r.amount, '.', 2)) <= 4 AS amount_shape,
                   r.rate COLLATE "C" ~ %(number)s
                       AND length(split_part(r.rate, '.', 1)) <= 11
                       AND length(split_part(r.rate, '.', 2)) <= 4 AS rate_shape,
                   r.term_months COLLATE "C" ~ %(integer)s AND length(r.term_months) <= 9
                       AS term_shape,
                   r.workers COLLATE "C" ~ %(integer)s AND length(r.workers) <= 9
                       AS workers_shape,
                   d.curp IS NULL AS unique_key
              FROM pronafim_report_raw r
              LEFT JOIN unnest(%(line_names)s::text[], %(line_ids)s::integer[]) AS l (name, id)
                ON l.name = r.line_name
              -- The catalog's codes are unique (as the search of validate_rows' caller
              -- finds them); a code with white space around it is one no stripped cell
              -- names.
              LEFT JOIN (
                  SELECT id, code FROM pronafim_municipality
                   WHERE code = btrim(code, %(spaces)s)
              ) mu ON mu.code = r.municipality
              -- CURP and line found on more than one row (a NULL CURP is never clean).
              LEFT JOIN (
                  SELECT curp, line_name FROM pronafim_report_raw
                   GROUP BY curp, line_name HAVING count(*) > 1
              ) d ON d.curp = r.curp AND d.line_name = r.line_name
            OFFSET 0
          ) s
        OFFSET 0
      ) c
    OFFSET 0
  ) j;
SELECT line FROM pronafim_report_row WHERE NOT clean
"""


def _curp_checksum_sql():
    """SQL of the check digit a CURP ``s.curp`` (in compact form) must end with, the
    computation of borrower_report.curp_fast (python-stdnum's) unrolled."""
    alphabet = "".join(sorted(borrower_report._CURP_VALUES, key=borrower_report._CURP_VALUES.get))
    terms = " + ".join(
        f"(strpos('{alphabet}', substr(s.curp, {position}, 1)) - 1) * {weight}"
        for position, weight in enumerate(borrower_report._CURP_WEIGHTS, start=1)
    )
    return SQL(f"mod(10 - mod({terms}, 10), 10)")  # constants only


def _copy_value(value):
    """``value`` as a field of COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).translate(_COPY_ESCAPES)


class PronafimBorrowerReport(models.Model):
    """The monthly report of micro-credits an IMF granted with program funds (Anexo 3).

    Importing validates every row first: with any bad row nothing is imported and the log
    lists each one with its line number and reasons. A clean file replaces the rows of
    the same institution and month in one transaction, so sending a month again (or the
    same file twice) leaves exactly one copy.
    """

    _name = "pronafim.borrower.report"
    _description = "IMF Monthly Micro-borrower Report"
    _inherit = ["mail.thread", "micro.workflow.mixin", "micro.input.mixin", "micro.job.mixin"]
    _order = "month desc, id desc"
    # The import sets the status and what it found; an imported report is the month's
    # record (sending the month again replaces it through the import).
    _workflow_step_fields = ("error_log", "row_count")
    _workflow_frozen = {"done": ("partner_id", "month", "file", "filename")}
    _input_required = ("partner_id", "month")

    partner_id = fields.Many2one(
        "res.partner", string="Institution", required=True, domain=[("pronafim_role", "=", "imf")]
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    month = fields.Date(required=True, help="Any day of the reported month.")
    file = fields.Binary(attachment=True)
    filename = fields.Char()
    state = fields.Selection(
        [("draft", "To import"), ("error", "Rejected"), ("done", "Imported")],
        default="draft",
        tracking=True,
    )
    error_log = fields.Text(readonly=True)
    row_count = fields.Integer(readonly=True)
    microcredit_ids = fields.One2many("pronafim.microcredit", "report_id")
    borrower_count = fields.Integer(string="Borrowers", compute="_compute_figures")
    women_pct = fields.Float(string="Women (%)", compute="_compute_figures")
    rural_pct = fields.Float(string="Rural (%)", compute="_compute_figures")
    priority_pct = fields.Float(string="Priority Zones (%)", compute="_compute_figures")
    special_pct = fields.Float(string="Special-attention Zones (%)", compute="_compute_figures")
    training_pct = fields.Float(string="Trained (%)", compute="_compute_figures")
    average_amount = fields.Float(
        string="Average Amount", digits=(16, 2), compute="_compute_figures"
    )

    @api.depends("microcredit_ids")
    def _compute_figures(self):
        """Spec §5: borrowers, % women, % rural / priority / special-attention zones,
        average amount and training coverage of the micro-credits reported."""
        rows = self.env["pronafim.microcredit"]._figures_by("report_id", self.ids)
        for record in self:
            record.update(borrower_report.figures(rows.get(record.id, {})))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(ANALYST):
            # IMF staff send their own institution's report (record rule) and nothing else.
            for vals in vals_list:
                extra = sorted(set(vals) - {"partner_id", "month", "file", "filename"})
                if extra:
                    raise AccessError(
                        self.env._(
                            "An institution sends only the month and the file, not: %s",
                            ", ".join(extra),
                        )
                    )
        for vals in vals_list:
            self._micro_check_input(vals, creating=True)
            self._check_file_sent(vals)
            if vals.get("month"):
                vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        return super().create(vals_list)

    def write(self, vals):
        self._check_file_sent(vals)
        return super().write(vals)

    @api.model
    def _check_file_sent(self, vals):
        """A file sent over the API that is not base64 is refused in one line (Odoo's
        binary field would fail on it with a raw decoding error)."""
        try:
            tabular.b64decode(vals.get("file"))
        except tabular.TabularError as exc:
            raise UserError(tabular.message(exc, self.env._)) from None

    def _import_identity(self):
        """What two imports must not run at once for: the institution and the month (a
        month sent again replaces the rows of the same institution and month)."""
        self.ensure_one()
        return f"pronafim.borrower.report:{self.commercial_partner_id.id}:{self.month:%Y-%m}"

    def action_import_in_background(self):
        """The analyst's click: validate and import the file as a background job
        (micro_base ``micro.job.mixin``), its progress per batch of rows and its result or
        error shown on the report; in the request when no job runner runs. One import at
        a time per institution and month. The portal upload and the external API call
        :meth:`action_import` in the request."""
        self.ensure_one()
        self._workflow_check_group(ANALYST)
        if not self.file:
            raise UserError(self.env._("Attach the report file (CSV or XLSX)."))
        month = self.month.strftime("%m/%Y")
        self._micro_enqueue(
            "_import_job",
            identity=self._import_identity(),
            description=self.env._(
                "Import of the monthly report of %(institution)s, %(month)s",
                institution=self.commercial_partner_id.display_name,
                month=month,
            ),
        )
        return True

    def _import_job(self):
        """The background job's work: :meth:`action_import`, then its outcome in one line."""
        if not self.action_import():
            return self.env._("Not imported: see the lines with errors.")
        return self.env._("%s micro-credits imported.", self.row_count)

    def action_import(self):
        """Validate the whole file; import it only when every row is valid."""
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group(ANALYST):
            # IMF portal: its own report only (record rule), imported with the program's
            # rights; the lines looked up are those of the report's institution.
            self.check_access("read")
            return self.sudo().action_import()
        if not self.file:
            raise UserError(self.env._("Attach the report file (CSV or XLSX)."))
        data, table = tabular.b64decode(self.file), None
        # A CSV the database reads as it is goes into the temporary table with one COPY;
        # any other file (a workbook, a cell over two lines, ...) is read in Python.
        header, size, release = self._copy_csv(tabular.csv_source(data, self.filename))
        if size is None:
            try:
                table = tabular.read(data, self.filename)
            except tabular.TabularError as exc:
                # One line, translated; nothing is written (the report stays to import).
                raise UserError(tabular.message(exc, self.env._)) from None
            header, size = table.header, len(table.rows)
        partner = self.commercial_partner_id
        errors = borrower_report.file_errors(header, size)
        if not errors:
            if table is not None:
                self._copy_rows(table.rows)
                release = SQL()
            lines = {
                line.name: line.id
                for line in self.env["pronafim.credit.line"].search(
                    [("commercial_partner_id", "=", partner.id), ("state", "=", "formalized")]
                )
            }
            records, errors, python_lines = self._validate_rows(header, lines, release)
        if errors:
            self._micro_job_progress(2 * size, 2 * size)
            self._workflow_write(
                {
                    "state": "error",
                    "row_count": 0,
                    "error_log": "\n".join(
                        self.env._(
                            "Line %(line)s: %(reason)s",
                            line=n,
                            reason=borrower_report.render(reasons, self.env._),
                        )
                        for n, reasons in errors
                    ),
                }
            )
            return False
        # One import per institution at a time: two imports of the same month started
        # together would each delete the rows they can see and both insert theirs.
        partner._pronafim_lock()
        Microcredit = self.env["pronafim.microcredit"]
        Microcredit.check_access("create")
        Microcredit.check_access("unlink")
        same_month = self.search(
            [
                ("commercial_partner_id", "=", partner.id),
                ("month", "=", self.month),
            ]
        )
        same_month.check_access("write")
        # Progress: the rows copied into the temporary table, then the rows inserted.
        count = self._replace_rows(same_month, records, python_lines, 2 * size)
        (same_month - self)._workflow_write({"state": "draft", "row_count": 0})
        self._workflow_write({"state": "done", "error_log": False, "row_count": count})
        return True

    # ---- set-based validation (issue 20) ----
    #
    # The file's rows are copied into a temporary table (a CSV's body with one COPY as it
    # is, without reading its rows in Python, when the database proves them one per line;
    # otherwise the rows tabular.read reads) and checked there with one query: a row is
    # *clean* when SQL proves that every rule of borrower_report.validate_rows holds for
    # it, written in the plain form (e.g. a CURP in its compact form, a number without
    # exponent, a cell with no white space around it). SQL is only ever stricter than the
    # rules: every row it does not prove clean goes through validate_rows (its cells
    # stripped as tabular.read strips them), which gives the per-line reasons (and
    # accepts what is valid in another form), so the messages are those of the rules.

    def _validate_rows(self, header, lines, release=None):
        """``(records, errors, python_lines)`` of the rows in the temporary table
        ``pronafim_report_raw``: the rows left in the temporary table
        ``pronafim_report_row`` with their clean values (see :meth:`_check_rows`),
        ``errors`` as validate_rows gives them, and the lines whose ``records`` came from
        validate_rows (rows not proved clean by SQL). ``release``: SQL to run first (see
        :meth:`_copy_csv`)."""
        cr = self.env.cr
        suspicious = self._check_rows(lines, release)
        if not suspicious:
            return [], [], []
        # A CURP written in another form is a duplicate of the clean rows with the same
        # CURP (once normalized) and line: they go through validate_rows together.
        by_line = self._raw_rows(suspicious)
        keys = set()
        for row in by_line.values():
            try:
                keys.add((identity.validate("curp", row["curp"]), row["line"]))
            except identity.IdentityError:
                continue
        if keys:
            curps, names = zip(*keys, strict=True)
            cr.execute(
                """
                SELECT r.line FROM pronafim_report_row r
                  JOIN unnest(%s::text[], %s::text[]) AS k (curp, name)
                    ON k.curp = r.curp AND k.name = r.line_name
                """,
                [list(curps), list(names)],
            )
            suspicious.update(line for (line,) in cr.fetchall())
            by_line.update(self._raw_rows(suspicious - set(by_line)))
        subset = [by_line[number] for number in sorted(suspicious)]
        codes = {row.get("municipality") for row in subset}
        municipalities = {
            m.code: m.id
            for m in self.env["pronafim.municipality"].search([("code", "in", list(codes))])
        }
        records, errors = borrower_report.validate_rows(
            subset, self.month, lines, municipalities, header
        )
        return records, errors, sorted(suspicious)

    def _raw_rows(self, numbers):
        """``{line: row}`` of the rows of lines ``numbers`` in ``pronafim_report_raw``, as
        :func:`tabular.read` reads them (:class:`tabular.Row` of the report's columns, its
        cells stripped)."""
        if not numbers:
            return {}
        self.env.cr.execute(
            f"SELECT {', '.join(_RAW_COLUMNS)} FROM pronafim_report_raw WHERE line = ANY(%s)",
            [sorted(numbers)],
        )
        return {
            values[0]: tabular.Row(
                {
                    column: value.strip()
                    for column, value in zip(borrower_report.COLUMNS, values[1:], strict=True)
                },
                values[0],
            )
            for values in self.env.cr.fetchall()
        }

    def _copy_csv(self, source):
        """``(header, rows, release)``: load the CSV ``source`` (:func:`tabular.csv_source`,
        or ``None``) into the temporary table ``pronafim_report_raw`` with one ``COPY`` of
        the file's body, each row with its line in the file, leaving out the rows
        :func:`tabular.read` skips (every cell blank); its header and how many rows it
        has. A file with just the report's columns goes in as it is: its cells are
        stripped when read back (:meth:`_raw_rows`), and :meth:`_check_rows` proves
        clean no cell with white space around it; with other columns, the cells are
        stripped on the way. ``release``: the SQL that ends the savepoint of the COPY, to
        run first in the next statement (one round trip less).

        ``(None, None, None)`` when the file is read in Python instead, nothing left of
        the attempt: no source, a column missing (reported as the rules report it), COPY
        refusing the body (a blank line, a row of another width) or loading fewer rows
        than the body has lines (COPY's end marker ``\\.`` on a line); a cell over two
        lines never reaches COPY (see :func:`tabular.csv_source`)."""
        if source is None or borrower_report.file_errors(source.names(), 1):
            return None, None, None
        cr = self.env.cr
        raw_names = dict(zip(borrower_report.COLUMNS, _RAW_COLUMNS[1:], strict=True))
        direct = sorted(source.header) == sorted(borrower_report.COLUMNS)
        if direct:
            table, cells = "pronafim_report_raw", [raw_names[name] for name in source.header]
        else:
            table, cells = "pronafim_report_csv", [f"c{i}" for i in range(len(source.header))]
        # The separator is one of tabular's (",", ";" or a tab); the names are ours.
        delimiter = "E'\\t'" if source.delimiter == "\t" else f"'{source.delimiter}'"
        names = ", ".join(cells)
        # The table is made in the round trip of the COPY, in a savepoint: unquoted empty
        # cells as "" rather than NULL, as tabular.read reads them.
        copy = f"""
            SAVEPOINT pronafim_report_copy;
            DROP TABLE IF EXISTS pronafim_report_csv, pronafim_report_raw, pronafim_report_row;
            CREATE TEMPORARY TABLE {table} (
                line integer GENERATED ALWAYS AS IDENTITY (START WITH 2),
                {", ".join(f"{cell} text" for cell in cells)}
            ) ON COMMIT DROP;
            COPY {table} ({names}) FROM STDIN WITH (
                FORMAT csv, DELIMITER {delimiter}, FORCE_NOT_NULL ({names})
            )
        """
        try:
            cr._obj.copy_expert(copy, io.BytesIO(source.body))
            copied = cr._obj.rowcount
        except psycopg2.Error:
            copied = None
        if copied != source.lines:
            cr.execute(
                "ROLLBACK TO SAVEPOINT pronafim_report_copy;"
                " RELEASE SAVEPOINT pronafim_report_copy"
            )
            return None, None, None
        release = SQL("RELEASE SAVEPOINT pronafim_report_copy;")
        blank = SQL(
            "btrim(concat(%s), %s) = ''",
            SQL(", ").join(SQL.identifier(c) for c in cells),
            tabular.WHITESPACE,
        )
        size = copied
        if not direct:
            # A column named twice: the last one counts, as in tabular.read's rows.
            where = {name: index for index, name in enumerate(source.header)}
            columns = SQL(", ").join(
                SQL(
                    "btrim(%s, %s) AS %s",
                    SQL.identifier(cells[where[name]]),
                    tabular.WHITESPACE,
                    SQL.identifier(raw_names[name]),
                )
                for name in borrower_report.COLUMNS
            )
            cr.execute(
                SQL(
                    """
                    %s
                    CREATE TEMPORARY TABLE pronafim_report_raw ON COMMIT DROP AS
                    SELECT line, %s FROM pronafim_report_csv WHERE NOT (%s)
                    """,
                    release,
                    columns,
                    blank,
                )
            )
            size, release = cr.rowcount, SQL()
        elif source.blank_rows:
            cr.execute(SQL("%s DELETE FROM pronafim_report_raw WHERE %s", release, blank))
            size, release = copied - cr.rowcount, SQL()
        elif not size:
            # No rows: nothing is checked next.
            cr.execute(release)
            release = SQL()
        self._micro_job_progress(size, 2 * size)
        return source.names(), size, release

    def _copy_rows(self, rows):
        """Copy ``rows`` (read by :func:`tabular.read`) into the temporary table
        ``pronafim_report_raw`` (dropped at the end of the transaction)."""
        cr = self.env.cr
        total = 2 * len(rows)
        for start in range(0, len(rows), ROW_BATCH):
            buffer = io.StringIO()
            for row in rows[start : start + ROW_BATCH]:
                buffer.write(
                    "\t".join(
                        (str(row.line), *(_copy_value(row[c]) for c in borrower_report.COLUMNS))
                    )
                )
                buffer.write("\n")
            buffer.seek(0)
            # The table is made in the round trip of the first batch.
            cr._obj.copy_expert(_CREATE_RAW + _COPY_RAW if not start else _COPY_RAW, buffer)
            self._micro_job_progress(min(start + ROW_BATCH, len(rows)), total)

    def _check_rows(self, lines, release=None):
        """Check the rows of ``pronafim_report_raw`` into the temporary table
        ``pronafim_report_row`` (dropped at the end of the transaction): each row's line
        number, ``clean`` and, for a clean row, the values of its micro-credit; returns
        the line numbers of the rows not clean. ``release``: SQL to run first."""
        cr = self.env.cr
        self.env["pronafim.municipality"].flush_model(["code"])
        month = self.month
        last_day = periods.month_end(month).day
        flags = sorted(borrower_report.YES | borrower_report.NO)
        cr.execute(
            SQL(
                _STAGE_ROWS,
                release=release or SQL(),
                checksum=_curp_checksum_sql(),
                number=_PLAIN_NUMBER,
                integer=_PLAIN_INTEGER,
                month=f"{month:%Y-%m}",
                last_day=last_day,
                min_age=borrower_report.MIN_AGE,
                blacklist=sorted(borrower_report._CURP_BLACKLIST),
                states=sorted(borrower_report._CURP_STATES),
                flags=flags,
                no=sorted(borrower_report.NO),
                yes=sorted(borrower_report.YES),
                # A cell copied as it is matches only a name with nothing to strip.
                line_names=[name for name in lines if name == name.strip()],
                line_ids=[id_ for name, id_ in lines.items() if name == name.strip()],
                spaces=tabular.WHITESPACE,
                industry=borrower_report.MAX_WORKERS["industry"],
                commerce=borrower_report.MAX_WORKERS["commerce"],
                services=borrower_report.MAX_WORKERS["services"],
            )
        )
        return {line for (line,) in cr.fetchall()}

    def _replace_rows(self, reports, records, python_lines, total):
        """Delete the rows of ``reports`` and insert the clean rows of the temporary table
        (one INSERT ... SELECT) and ``records`` (the rows validate_rows accepted, lines
        ``python_lines``, loaded with COPY) as rows of ``self``; returns how many.
        ``total`` is the import's progress total (reached when the rows are in).

        Set-based so that a 100,000-row month imports near the database's own speed; the
        caller has checked the access rights. The stored related fields (institution,
        month, municipality zones) are written in the same statement, from the same
        values the ORM would use, so that nothing is recomputed afterwards.
        """
        self.ensure_one()
        self.env.flush_all()
        cr = self.env.cr
        now, uid = fields.Datetime.now(), self.env.uid
        cr.execute(
            SQL(
                """
                DELETE FROM pronafim_microcredit WHERE report_id IN %(reports)s;
                INSERT INTO pronafim_microcredit (
                    report_id, commercial_partner_id, month, line_id, curp, name, sex,
                    amount, date, term_months, rate, municipality_id, rural, priority_zone,
                    special_attention_zone, activity, workers, trained,
                    create_uid, create_date, write_uid, write_date
                )
                SELECT %(report)s, %(partner)s, %(month)s, r.line_id, r.curp, r.name, r.sex,
                       r.amount, r.date, r.term_months, r.rate, r.municipality_id,
                       COALESCE(m.rural, FALSE), COALESCE(m.priority_zone, FALSE),
                       COALESCE(m.special_attention_zone, FALSE), r.activity, r.workers,
                       r.trained, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM pronafim_report_row r
                  JOIN pronafim_municipality m ON m.id = r.municipality_id
                 WHERE r.clean AND r.line <> ALL(%(python_lines)s::integer[])
                 ORDER BY r.line
                """,
                report=self.id,
                partner=self.commercial_partner_id.id,
                month=self.month,
                uid=uid,
                now=now,
                python_lines=python_lines,
                reports=tuple(reports.ids),
            )
        )
        count = cr.rowcount
        if records:
            self._copy_records(records, now, uid)
            count += len(records)
        self._micro_job_progress(total, total)
        self.env.invalidate_all()
        return count

    def _copy_records(self, records, now, uid):
        """Load ``records`` (clean values of validate_rows) with COPY as rows of ``self``."""
        zones = {
            m.id: "\t".join(
                _copy_value(bool(flag))
                for flag in (m.rural, m.priority_zone, m.special_attention_zone)
            )
            for m in self.env["pronafim.municipality"].browse(
                {r["municipality_id"] for r in records}
            )
        }
        fixed = "\t".join(map(_copy_value, (self.id, self.commercial_partner_id.id, self.month)))
        audit = "\t".join(map(_copy_value, (uid, now, uid, now)))
        buffer = io.StringIO()
        for r in records:
            buffer.write(
                "\t".join(
                    (
                        fixed,
                        *map(
                            _copy_value,
                            (
                                r["line_id"],
                                r["curp"],
                                r["name"],
                                r["sex"],
                                r["amount"],
                                r["date"],
                                r["term_months"],
                                r["rate"],
                                r["municipality_id"],
                            ),
                        ),
                        zones[r["municipality_id"]],
                        _copy_value(r["activity"]),
                        _copy_value(r["workers"]),
                        _copy_value(r["trained"]),
                        audit,
                    )
                )
            )
            buffer.write("\n")
        buffer.seek(0)
        self.env.cr._obj.copy_expert(_COPY_ROWS, buffer)
