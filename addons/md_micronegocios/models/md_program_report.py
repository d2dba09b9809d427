from odoo import api, models
from odoo.exceptions import AccessError

from ..tools import analytics
from ..tools import diagnostic as diagnostic_tool
from ..tools import stages as stages_tool

# Stages of a designed plan (spec md_micronegocios §4): every state after the draft.
DESIGNED_STATES = ("designed", "followup", "completed", "closed")
REPORT_GROUPS = (
    "md_micronegocios.md_micronegocios_group_analyst",
    "md_micronegocios.md_micronegocios_group_coordinator",
)


class MdProgramReport(models.AbstractModel):
    """The program's figures per cycle (spec md_micronegocios §7), the tables of the
    observatory's bulletin (seed 004) computed from live data with grouped SQL queries —
    one query per table whatever the number of cases; the workbook's layout is the report
    ``report.md_micronegocios.program_report_xlsx`` (``report/md_program_report_xlsx.py``).

    The figures are program-wide aggregates, so they are read with SQL past the record
    rules; :meth:`_check_report_access` keeps them to the analyst and the coordinators."""

    _name = "md.program.report"
    _description = "Program Report"

    @api.model
    def _check_report_access(self):
        if not any(self.env.user.has_group(group) for group in REPORT_GROUPS):
            raise AccessError(
                self.env._("Only observatory analysts and coordinators read the program report.")
            )

    @api.model
    def _tables(self, cycle):
        """Every table of the bulletin for ``cycle`` (an ``md.cycle``), as a dict:

        - ``registered``: cases registered per city per week (and running totals);
        - ``active``: per city registered / active / dropped, share of the active;
        - ``dropouts``: drop-outs by reason x stage at drop-out (crosstab);
        - ``dropouts_bulletin``: the same in the bulletin's six stages (crosstab, with
          ``stage_labels`` and the ``source`` to cite);
        - ``diagnostics_week``: diagnostics generated per city per week, % of registered;
        - ``diagnostics``: active cases with and without a generated diagnostic per city;
        - ``plans``: per city designed, mentor need / pending / with mentor / % covered,
          with at least one registered activity, in follow-up, completed; designed per
          week (and running totals); shares of the active and of the diagnosed;
        - ``activities``: expected, registered, done; per lever;
        - ``levers``: average score and level per lever;
        - ``services``: services per city by scope and status.
        """
        self._check_report_access()
        cycle.ensure_one()
        # Raw SQL below: what the ORM still holds in memory must reach the tables first.
        self.env.flush_all()
        cities = self.env["md.city"].with_context(active_test=False).search([])
        tables = {"cycle": cycle, "cities": cities}
        self._table_cases(cycle, tables)
        self._table_diagnostics(cycle, tables)
        self._table_plans(cycle, tables)
        self._table_levers(cycle, tables)
        tables["services"] = self.env["md.service"].sudo()._figures_per_city()
        return tables

    # ---- TABLES ----

    def _table_cases(self, cycle, tables):
        self.env.cr.execute(
            """
            SELECT md_city_id, md_week, active, lost_reason_id, md_dropout_stage_id, count(*)
              FROM crm_lead
             WHERE md_is_case AND md_cycle_id = %s AND type = 'opportunity'
             GROUP BY 1, 2, 3, 4, 5
            """,
            [cycle.id],
        )
        per_week, per_city, active, dropped = {}, {}, {}, {}
        for city, week, is_active, reason, stage, count in self.env.cr.fetchall():
            per_week.setdefault(city, {}).setdefault(week or 0, 0)
            per_week[city][week or 0] += count
            per_city[city] = per_city.get(city, 0) + count
            if is_active:
                active[city] = active.get(city, 0) + count
            else:
                dropped[(reason, stage)] = dropped.get((reason, stage), 0) + count
        weeks = list(range(0, cycle.week_count + 1))
        registered_total = sum(per_city.values())
        active_total = sum(active.values())
        tables["weeks"] = weeks
        tables["registered"] = {
            "per_week": per_week,
            "cumulative": {
                city: analytics.cumulative_by_week(counts, weeks)
                for city, counts in per_week.items()
            },
            "per_city": per_city,
            "share": {
                city: analytics.percent(n, registered_total) for city, n in per_city.items()
            },
            "total": registered_total,
        }
        tables["active"] = {
            "per_city": active,
            "share": {city: analytics.percent(n, active_total) for city, n in active.items()},
            "total": active_total,
            "percent": analytics.percent(active_total, registered_total),
        }
        reasons = (
            self.env["crm.lost.reason"]
            .with_context(active_test=False)
            .search([("id", "in", [r for r, _s in dropped if r])])
        )
        program_stages = self.env["crm.stage"].search(
            [("team_id", "=", self.env.ref("md_micronegocios.crm_team_md").id)]
        )
        stages = program_stages | self.env["crm.stage"].browse([s for _r, s in dropped if s])
        reason_keys = reasons.ids + ([False] if any(not r for r, _s in dropped) else [])
        stage_keys = stages.sorted(lambda s: (s.sequence, s.id)).ids
        stage_keys += [False] if any(not s for _r, s in dropped) else []
        crosstab = analytics.crosstab(
            {(r or False, s or False): n for (r, s), n in dropped.items()}, reason_keys, stage_keys
        )
        crosstab.update(
            reasons=reason_keys,
            stages=stage_keys,
            percent_of_registered=analytics.percent(crosstab["total"], registered_total),
        )
        tables["dropouts"] = crosstab
        tables["dropouts_bulletin"] = self._bulletin_dropouts(
            dropped, reason_keys, program_stages, registered_total
        )

    def _bulletin_dropouts(self, dropped, reason_keys, program_stages, registered_total):
        """The same drop-outs read in the bulletin's six stages (tools/stages.py): the
        board's "6. In Follow-up" counts in "5. Attention Plans Designed", its "7. Process
        Completed" in "6. Process Completed"; a drop-out at a stage that is not one of the
        program's board counts in none of the six (``outside``)."""
        gate_of = {stage.id: stage.md_gate or False for stage in program_stages}
        counts, outside = {}, 0
        for (reason, stage), count in dropped.items():
            bulletin = stages_tool.bulletin_stage(gate_of[stage]) if stage in gate_of else None
            if bulletin is None:
                outside += count
                continue
            key = (reason or False, bulletin)
            counts[key] = counts.get(key, 0) + count
        keys = [value for value, _label in stages_tool.BULLETIN_STAGES]
        crosstab = analytics.crosstab(counts, reason_keys, keys)
        labels = dict(
            self.env["md.case.analysis"]._fields["bulletin_stage"]._description_selection(self.env)
        )
        crosstab.update(
            reasons=reason_keys,
            stages=keys,
            stage_labels=[labels[key] for key in keys],
            outside=outside,
            percent_of_registered=analytics.percent(crosstab["total"], registered_total),
            source=stages_tool.SOURCE_BULLETIN_STAGES,
        )
        return crosstab

    def _table_diagnostics(self, cycle, tables):
        cr = self.env.cr
        cr.execute(
            """
            SELECT city_id, week, count(*)
              FROM md_diagnostic
             WHERE cycle_id = %s AND state = 'done'
             GROUP BY 1, 2
            """,
            [cycle.id],
        )
        per_week = {}
        for city, week, count in cr.fetchall():
            per_week.setdefault(city, {})[week or 0] = count
        cumulative = tables["registered"]["cumulative"]
        tables["diagnostics_week"] = {
            "per_week": per_week,
            "percent": {
                city: {
                    week: analytics.percent(n, cumulative.get(city, {}).get(week, 0))
                    for week, n in weeks.items()
                }
                for city, weeks in per_week.items()
            },
            "week_totals": {
                week: sum(weeks.get(week, 0) for weeks in per_week.values())
                for week in tables["weeks"]
            },
        }
        cr.execute(
            """
            SELECT l.md_city_id, count(*)
              FROM crm_lead l
             WHERE l.md_is_case AND l.md_cycle_id = %s AND l.type = 'opportunity' AND l.active
               AND EXISTS (SELECT 1 FROM md_diagnostic d
                            WHERE d.lead_id = l.id AND d.state = 'done')
             GROUP BY 1
            """,
            [cycle.id],
        )
        with_diagnostic = dict(cr.fetchall())
        active = tables["active"]["per_city"]
        total_with = sum(with_diagnostic.values())
        tables["diagnostics"] = {
            "with": with_diagnostic,
            "without": {city: n - with_diagnostic.get(city, 0) for city, n in active.items()},
            "percent": {
                city: analytics.percent(with_diagnostic.get(city, 0), n)
                for city, n in active.items()
            },
            "total_with": total_with,
            "total_without": tables["active"]["total"] - total_with,
            "total_percent": analytics.percent(total_with, tables["active"]["total"]),
        }

    def _table_plans(self, cycle, tables):
        cr = self.env.cr
        cr.execute(
            """
            WITH mentored AS (SELECT DISTINCT md_plan_id FROM md_plan_md_mentor_rel)
            SELECT p.city_id,
                   count(*),
                   count(*) FILTER (WHERE p.requires_mentor),
                   count(*) FILTER (WHERE p.requires_mentor AND m.md_plan_id IS NULL),
                   count(*) FILTER (WHERE m.md_plan_id IS NOT NULL),
                   count(*) FILTER (WHERE p.registered_count > 0),
                   count(*) FILTER (WHERE p.state = 'followup'),
                   count(*) FILTER (WHERE p.state IN ('completed', 'closed')),
                   coalesce(sum(p.expected_count), 0),
                   coalesce(sum(p.registered_count), 0),
                   coalesce(sum(p.done_count), 0)
              FROM md_plan p
              LEFT JOIN mentored m ON m.md_plan_id = p.id
             WHERE p.cycle_id = %s AND p.state IN %s
             GROUP BY 1
            """,
            [cycle.id, DESIGNED_STATES],
        )
        keys = (
            "designed", "requires", "pending", "with_mentor", "with_activities", "followup",
            "completed", "expected", "registered", "done",
        )  # fmt: skip
        per_city = {row[0]: dict(zip(keys, row[1:], strict=True)) for row in cr.fetchall()}
        totals = {key: sum(row[key] for row in per_city.values()) for key in keys}
        for row in [*per_city.values(), totals]:
            row["no_mentor_needed"] = row["designed"] - row["requires"]
            row["mentor_percent"] = analytics.percent(row["with_mentor"], row["requires"])
            row["without_activities"] = row["designed"] - row["with_activities"]
            row["activities_percent"] = analytics.percent(row["with_activities"], row["designed"])
        active_total = tables["active"]["total"]
        tables["plans"] = {
            "per_city": per_city,
            "totals": totals,
            "percent_of_diagnostics": analytics.percent(
                totals["designed"], tables["diagnostics"]["total_with"]
            ),
            "percent_of_active": {
                key: analytics.percent(totals[key], active_total)
                for key in (
                    "designed",
                    "requires",
                    "no_mentor_needed",
                    "with_mentor",
                    "followup",
                    "completed",
                )
            },  # fmt: skip
        }
        # Figure 7 ("Primeros planes de atención"): plans designed per city per week, as
        # running totals like the registered cases next to them. Grouped by day (at most
        # cities x cycle days rows), the day mapped to its cycle week here.
        cr.execute(
            """
            SELECT p.city_id, p.designed_date, count(*)
              FROM md_plan p
             WHERE p.cycle_id = %s AND p.state IN %s
             GROUP BY 1, 2
            """,
            [cycle.id, DESIGNED_STATES],
        )
        plans_week = {}
        for city, day, count in cr.fetchall():
            week = cycle._week_of(day)
            plans_week.setdefault(city, {}).setdefault(week, 0)
            plans_week[city][week] += count
        tables["plans"]["per_week"] = plans_week
        tables["plans"]["cumulative"] = {
            city: analytics.cumulative_by_week(counts, tables["weeks"])
            for city, counts in plans_week.items()
        }
        cr.execute(
            """
            SELECT a.lever_id, count(*), count(a.service_id)
              FROM md_plan_activity a
              JOIN md_plan p ON p.id = a.plan_id
             WHERE p.cycle_id = %s AND p.state IN %s
             GROUP BY 1
            """,
            [cycle.id, DESIGNED_STATES],
        )
        per_lever = {lever: count for lever, count, _s in cr.fetchall()}
        lever_total = sum(per_lever.values())
        cr.execute(
            """
            SELECT a.service_id, count(*), count(DISTINCT a.plan_id)
              FROM md_plan_activity a
              JOIN md_plan p ON p.id = a.plan_id
             WHERE p.cycle_id = %s AND a.service_id IS NOT NULL
             GROUP BY 1
            """,
            [cycle.id],
        )
        per_service = {service: (n, plans) for service, n, plans in cr.fetchall()}
        tables["activities"] = {
            "expected": totals["expected"],
            "registered": totals["registered"],
            "done": totals["done"],
            "registered_percent": analytics.percent(totals["registered"], totals["expected"]),
            "done_percent": analytics.percent(totals["done"], totals["registered"]),
            "not_done_percent": analytics.percent(
                totals["registered"] - totals["done"], totals["registered"]
            ),
            "per_lever": per_lever,
            "lever_percent": {
                lever: analytics.percent(n, lever_total) for lever, n in per_lever.items()
            },
            "per_service": per_service,
        }

    def _table_levers(self, cycle, tables):
        self.env.cr.execute(
            """
            SELECT l.lever_id, avg(l.score), count(*)
              FROM md_diagnostic_line l
              JOIN md_diagnostic d ON d.id = l.diagnostic_id
             WHERE d.cycle_id = %s AND d.state = 'done'
             GROUP BY 1
            """,
            [cycle.id],
        )
        rows = self.env.cr.fetchall()
        levels = self.env["md.level"].search([])
        bands = [(level.min_score, level) for level in levels]
        tables["levers"] = {
            lever: {
                "score": round(score, 2),
                "count": count,
                "level": diagnostic_tool.level_for(score, bands) if bands else levels,
            }
            for lever, score, count in rows
        }
