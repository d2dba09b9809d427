import csv
import io
import secrets
import zipfile

from odoo import api, models
from odoo.exceptions import AccessError

from ..tools import research

SECRET_PARAM = "md_micronegocios.research_secret"
ANALYST_GROUP = "md_micronegocios.md_micronegocios_group_analyst"
#: Columns of the cases table that, together, could point at one owner, in the order they
#: are blanked when too few cases share them (see ``research.suppress_small_cells``).
QUASI_IDENTIFIERS = ("owner_age_band", "owner_gender", "sector", "city")


class MdResearchExport(models.AbstractModel):
    """The pseudonymized research dataset (spec md_micronegocios §7): cases, diagnostics
    (one row per lever), plans and plan activities of a cycle, for the observatory's
    analysts. Nothing that names or reaches a person leaves: no names (of owners or
    businesses), documents, phones, e-mails, addresses, free-text notes, or birth dates
    (an age band instead); years and workers are top-coded, sales rounded to two
    significant digits, and a combination of city, sector, sex and age band shared by
    fewer than ``research.MIN_CELL`` cases is suppressed. Records are keyed by pseudonyms,
    the HMAC of their id under a secret created at install
    (``md_micronegocios.research_secret``), so the same case keeps its pseudonym from one
    export to the next and links across the tables."""

    _name = "md.research.export"
    _description = "Research Export"

    @api.model
    def _ensure_secret(self):
        """Create the pseudonymization secret once (called at install; kept afterwards)."""
        params = self.env["ir.config_parameter"].sudo()
        if not params.get_param(SECRET_PARAM):
            params.set_param(SECRET_PARAM, secrets.token_hex(32))

    @api.model
    def _check_export_access(self):
        if not self.env.user.has_group(ANALYST_GROUP):
            raise AccessError(self.env._("Only observatory analysts export the research dataset."))

    @api.model
    def _dataset(self, cycle):
        """``{table: (header, rows)}`` for ``cycle``: tables ``cases``, ``diagnostics``,
        ``plans``, ``activities``. Read with grouped SQL past the record rules (the data
        leaves pseudonymized), so only analysts may call it."""
        self._check_export_access()
        # Raw SQL below: what the ORM still holds in memory must reach the tables first.
        self.env.flush_all()
        secret = self.env["ir.config_parameter"].sudo().get_param(SECRET_PARAM)

        def pid(kind, record_id):
            return research.pseudonym(secret, kind, record_id) if record_id else ""

        cr = self.env.cr
        cities = {
            c.id: c.name for c in self.env["md.city"].with_context(active_test=False).search([])
        }
        stages = {s.id: s.name for s in self.env["crm.stage"].search([])}
        reasons = {
            r.id: r.name
            for r in self.env["crm.lost.reason"].with_context(active_test=False).search([])
        }
        levers = {
            lever.id: lever.code
            for lever in self.env["md.lever"].with_context(active_test=False).search([])
        }
        levels = {level.id: level.code for level in self.env["md.level"].search([])}
        cr.execute(
            """
            SELECT l.id, l.md_city_id, l.md_week, l.stage_id, l.active, l.lost_reason_id,
                   l.md_dropout_stage_id, l.md_sector, l.md_has_establishment,
                   l.md_years_operating, l.md_workers, l.md_formal_registration,
                   l.md_sales_before, l.md_sales_after, l.md_cannot_sell,
                   l.md_cannot_sell_cause, l.md_low_demand, l.md_low_demand_cause,
                   l.md_service_microcredit, l.md_service_financial_education,
                   l.md_service_ict_education, p.gender, p.birth_date,
                   l.md_registration_date
              FROM crm_lead l
              LEFT JOIN res_partner p ON p.id = l.partner_id
             WHERE l.md_is_case AND l.type = 'opportunity' AND l.md_cycle_id = %s
             ORDER BY l.id
            """,
            [cycle.id],
        )
        cases = [
            [
                pid("case", row[0]), cycle.name, cities.get(row[1], ""), row[2],
                stages.get(row[3], ""), not row[4], reasons.get(row[5], ""),
                stages.get(row[6], ""), row[7] or "", row[8],
                research.top_code(row[9], research.YEARS_TOP_CODE),
                research.top_code(row[10], research.WORKERS_TOP_CODE),
                row[11] or "", research.round_significant(row[12]),
                research.round_significant(row[13]), *row[14:21], row[21] or "",
                research.age_band(row[22], row[23]),
            ]
            for row in cr.fetchall()
        ]  # fmt: skip
        case_header = [
            "case_id", "cycle", "city", "registration_week", "stage", "dropped_out",
            "dropout_reason", "dropout_stage", "sector", "has_premises", "years_operating",
            "workers", "formal_registration", "monthly_sales_before", "monthly_sales_now",
            "cannot_sell", "cannot_sell_cause", "low_demand", "low_demand_cause",
            "microcredit", "financial_education", "ict_education", "owner_gender",
            "owner_age_band",
        ]  # fmt: skip
        # Quasi-identifiers of an owner, given up in this order while fewer than
        # research.MIN_CELL cases share them (k-anonymity).
        research.suppress_small_cells(
            cases,
            [case_header.index(column) for column in QUASI_IDENTIFIERS],
        )
        cr.execute(
            """
            SELECT d.id, d.lead_id, d.week, dl.lever_id, dl.score, dl.level_id, dl.weakest
              FROM md_diagnostic d
              JOIN md_diagnostic_line dl ON dl.diagnostic_id = d.id
             WHERE d.cycle_id = %s AND d.state = 'done'
             ORDER BY d.id, dl.id
            """,
            [cycle.id],
        )
        diagnostics = [
            [pid("diagnostic", r[0]), pid("case", r[1]), r[2], levers.get(r[3], ""), r[4],
             levels.get(r[5], ""), bool(r[6])]
            for r in cr.fetchall()
        ]  # fmt: skip
        diagnostic_header = [
            "diagnostic_id", "case_id", "week", "lever", "score", "level", "among_weakest",
        ]  # fmt: skip
        cr.execute(
            """
            SELECT p.id, p.lead_id, p.diagnostic_id, p.state, p.weeks, p.requires_mentor,
                   (SELECT count(*) FROM md_plan_md_mentor_rel r WHERE r.md_plan_id = p.id),
                   p.expected_count, p.registered_count, p.done_count
              FROM md_plan p
             WHERE p.cycle_id = %s
             ORDER BY p.id
            """,
            [cycle.id],
        )
        plans = [
            [pid("plan", r[0]), pid("case", r[1]), pid("diagnostic", r[2]), *r[3:]]
            for r in cr.fetchall()
        ]
        plan_header = [
            "plan_id", "case_id", "diagnostic_id", "state", "weeks", "requires_mentor",
            "mentors", "activities_expected", "activities_registered", "activities_done",
        ]  # fmt: skip
        cr.execute(
            """
            SELECT a.id, a.plan_id, a.lever_id, a.week, a.responsible, a.state,
                   s.key, a.template_id IS NOT NULL
              FROM md_plan_activity a
              JOIN md_plan p ON p.id = a.plan_id
              LEFT JOIN md_service s ON s.id = a.service_id
             WHERE p.cycle_id = %s
             ORDER BY a.id
            """,
            [cycle.id],
        )
        activities = [
            [pid("activity", r[0]), pid("plan", r[1]), levers.get(r[2], ""), r[3], r[4], r[5],
             r[6] or "", r[7]]
            for r in cr.fetchall()
        ]  # fmt: skip
        activity_header = [
            "activity_id", "plan_id", "lever", "week", "responsible", "state", "service_key",
            "from_library",
        ]  # fmt: skip
        # Rows in pseudonym order, not in record order: the n-th case of the file must not
        # be the n-th case registered, or anyone who sees the cases (with their names)
        # could line them up and undo the pseudonyms. Lever rows of a diagnostic stay
        # together, in the levers' order.
        cases.sort(key=lambda row: row[0])
        diagnostics.sort(key=lambda row: (row[0], row[3]))
        plans.sort(key=lambda row: row[0])
        activities.sort(key=lambda row: row[0])
        return {
            "cases": (case_header, cases),
            "diagnostics": (diagnostic_header, diagnostics),
            "plans": (plan_header, plans),
            "activities": (activity_header, activities),
        }

    @api.model
    def _csv_zip(self, cycle):
        """The dataset as a ZIP of one CSV per table (UTF-8, header row)."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for table, (header, rows) in self._dataset(cycle).items():
                text = io.StringIO()
                writer = csv.writer(text)
                writer.writerow(header)
                writer.writerows(rows)
                archive.writestr(f"{table}.csv", text.getvalue())
        return buffer.getvalue()
