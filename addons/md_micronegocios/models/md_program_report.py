import io

import xlsxwriter

from odoo import api, models
from odoo.exceptions import AccessError

from ..tools import analytics
from ..tools import diagnostic as diagnostic_tool

# Stages of a designed plan (spec md_micronegocios §4): every state after the draft.
DESIGNED_STATES = ("designed", "followup", "completed", "closed")
REPORT_GROUPS = (
    "md_micronegocios.md_micronegocios_group_analyst",
    "md_micronegocios.md_micronegocios_group_coordinator",
)


class MdProgramReport(models.AbstractModel):
    """The program's figures per cycle (spec md_micronegocios §7), the tables of the
    observatory's bulletin (seed 004) computed from live data with grouped SQL queries —
    one query per table whatever the number of cases — and written as an XLSX workbook.

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
        stages = self.env["crm.stage"].search(
            [("team_id", "=", self.env.ref("md_micronegocios.crm_team_md").id)]
        )
        stages |= self.env["crm.stage"].browse([s for _r, s in dropped if s])
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

    # ---- XLSX ----

    @api.model
    def _xlsx(self, cycle):
        """The program report of ``cycle`` as XLSX bytes: one sheet per bulletin table
        (the services sheet ends with the services that plan activities use)."""
        tables = self._tables(cycle)
        city_name = {city.id: city.name for city in tables["cities"]}
        city_name[None] = self.env._("No city")
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        bold = book.add_format({"bold": True})
        pct = book.add_format({"num_format": '0" %"'})

        def sheet(title, header):
            ws = book.add_worksheet(title)
            ws.write(0, 0, self.env._("Cycle %s", cycle.name), bold)
            ws.write_row(2, 0, header, bold)
            ws.set_column(0, 0, 32)
            ws.set_column(1, len(header), 14)
            return ws

        def ordered_cities(keys):
            return sorted(keys, key=lambda c: city_name.get(c, "") or "")

        # registered per city per week
        weeks = [w for w in tables["weeks"] if w]
        reg = tables["registered"]
        ws = sheet(
            self.env._("Registered"),
            [self.env._("City")]
            + [self.env._("Week %s", w) for w in weeks]
            + [self.env._("Total"), "%"],
        )
        row = 3
        for city in ordered_cities(reg["per_week"]):
            ws.write(row, 0, city_name.get(city))
            ws.write_row(row, 1, [reg["cumulative"][city].get(w, 0) for w in weeks])
            ws.write(row, len(weeks) + 1, reg["per_city"][city])
            ws.write(row, len(weeks) + 2, reg["share"][city], pct)
            row += 1
        ws.write(row, 0, self.env._("Total"), bold)
        ws.write_row(
            row,
            1,
            [sum(reg["cumulative"][city].get(w, 0) for city in reg["cumulative"]) for w in weeks],
            bold,
        )
        ws.write(row, len(weeks) + 1, reg["total"], bold)

        # active
        act = tables["active"]
        ws = sheet(
            self.env._("Active"),
            [
                self.env._("City"),
                self.env._("Registered"),
                self.env._("Active"),
                self.env._("% of Active"),
            ],
        )
        row = 3
        for city in ordered_cities(reg["per_city"]):
            ws.write_row(
                row, 0,
                [city_name.get(city), reg["per_city"][city], act["per_city"].get(city, 0),
                 act["share"].get(city, 0)],
            )  # fmt: skip
            ws.write(row, 3, act["share"].get(city, 0), pct)
            row += 1
        ws.write_row(row, 0, [self.env._("Total"), reg["total"], act["total"]], bold)
        ws.write(row, 3, act["percent"], pct)

        # drop-outs reason x stage
        drop = tables["dropouts"]
        reasons = self.env["crm.lost.reason"].with_context(active_test=False)
        stages = self.env["crm.stage"]
        stage_names = [
            stages.browse(s).name if s else self.env._("No stage") for s in drop["stages"]
        ]
        ws = sheet(
            self.env._("Drop-outs"), [self.env._("Reason"), *stage_names, self.env._("Total"), "%"]
        )
        row = 3
        for reason in drop["reasons"]:
            ws.write(row, 0, reasons.browse(reason).name if reason else self.env._("No reason"))
            ws.write_row(row, 1, drop["cells"][reason])
            ws.write(row, len(stage_names) + 1, drop["row_totals"][reason])
            ws.write(row, len(stage_names) + 2, drop["row_percent"][reason], pct)
            row += 1
        ws.write(row, 0, self.env._("Total"), bold)
        ws.write_row(row, 1, drop["col_totals"], bold)
        ws.write(row, len(stage_names) + 1, drop["total"], bold)
        ws.write(row, len(stage_names) + 2, drop["percent_of_registered"], pct)
        ws.write(row + 1, 0, "%", bold)
        for i, value in enumerate(drop["col_percent"]):
            ws.write(row + 1, 1 + i, value, pct)

        # diagnostics per city per week, and with / without
        diag_week = tables["diagnostics_week"]
        ws = sheet(
            self.env._("Diagnostics per Week"),
            [self.env._("City")]
            + [self.env._("Diagnostics week %s", w) for w in weeks]
            + [self.env._("Share week %s", w) for w in weeks],
        )
        row = 3
        for city in ordered_cities(diag_week["per_week"]):
            ws.write(row, 0, city_name.get(city))
            ws.write_row(row, 1, [diag_week["per_week"][city].get(w, 0) for w in weeks])
            for i, w in enumerate(weeks):
                ws.write(row, 1 + len(weeks) + i, diag_week["percent"][city].get(w, 0), pct)
            row += 1
        ws.write(row, 0, self.env._("Total"), bold)
        ws.write_row(row, 1, [diag_week["week_totals"].get(w, 0) for w in weeks], bold)
        diag = tables["diagnostics"]
        ws = sheet(
            self.env._("Diagnostics"),
            [
                self.env._("City"),
                self.env._("Active"),
                self.env._("With Diagnostic"),
                self.env._("Without"),
                "%",
            ],
        )
        row = 3
        for city in ordered_cities(act["per_city"]):
            ws.write_row(
                row, 0,
                [city_name.get(city), act["per_city"][city], diag["with"].get(city, 0),
                 diag["without"][city]],
            )  # fmt: skip
            ws.write(row, 4, diag["percent"][city], pct)
            row += 1
        ws.write_row(
            row, 0, [self.env._("Total"), act["total"], diag["total_with"], diag["total_without"]]
        )
        ws.write(row, 4, diag["total_percent"], pct)

        # registered and plans designed per city per week, running totals (Figure 7)
        plans = tables["plans"]
        ws = sheet(
            self.env._("Plans per Week"),
            [self.env._("City")]
            + [self.env._("Registered week %s", w) for w in weeks]
            + [self.env._("Plans week %s", w) for w in weeks],
        )
        row = 3
        for city in ordered_cities(set(reg["cumulative"]) | set(plans["cumulative"])):
            ws.write(row, 0, city_name.get(city))
            ws.write_row(row, 1, [reg["cumulative"].get(city, {}).get(w, 0) for w in weeks])
            ws.write_row(
                row, 1 + len(weeks), [plans["cumulative"].get(city, {}).get(w, 0) for w in weeks]
            )
            row += 1
        ws.write(row, 0, self.env._("Total"), bold)
        for offset, running in ((1, reg["cumulative"]), (1 + len(weeks), plans["cumulative"])):
            ws.write_row(
                row,
                offset,
                [sum(counts.get(w, 0) for counts in running.values()) for w in weeks],
                bold,
            )

        # plans and mentors
        columns = [
            ("designed", self.env._("Plans Designed")),
            ("requires", self.env._("Require a Mentor")),
            ("pending", self.env._("Pending Mentor")),
            ("with_mentor", self.env._("With Mentor")),
            ("no_mentor_needed", self.env._("No Mentor Needed")),
            ("mentor_percent", self.env._("% Mentor Need Covered")),
            ("with_activities", self.env._("With Activities Registered")),
            ("without_activities", self.env._("Without Activities")),
            ("activities_percent", self.env._("% With Activities")),
            ("followup", self.env._("In Follow-up")),
            ("completed", self.env._("Follow-up Completed")),
        ]
        ws = sheet(self.env._("Plans"), [self.env._("City")] + [label for _key, label in columns])
        row = 3
        for city in ordered_cities(plans["per_city"]):
            ws.write(row, 0, city_name.get(city))
            for i, (key, _label) in enumerate(columns):
                ws.write(
                    row, 1 + i, plans["per_city"][city][key], pct if "percent" in key else None
                )
            row += 1
        ws.write(row, 0, self.env._("Total"), bold)
        for i, (key, _label) in enumerate(columns):
            ws.write(row, 1 + i, plans["totals"][key], pct if "percent" in key else bold)
        # Figure 14: the plans' figures as a share of the active micro-businesses
        row += 1
        ws.write(row, 0, self.env._("% of Active"), bold)
        for i, (key, _label) in enumerate(columns):
            if key in plans["percent_of_active"]:
                ws.write(row, 1 + i, plans["percent_of_active"][key], pct)
        row += 1
        ws.write(row, 0, self.env._("% of Diagnostics"), bold)
        ws.write(row, 1, plans["percent_of_diagnostics"], pct)

        # activities
        acts = tables["activities"]
        levers = self.env["md.lever"].with_context(active_test=False)
        ws = sheet(self.env._("Activities"), [self.env._("Figure"), self.env._("Value"), "%"])
        for i, (label, value, share) in enumerate(
            [
                (self.env._("Expected"), acts["expected"], 100),
                (self.env._("Registered"), acts["registered"], acts["registered_percent"]),
                (self.env._("Done"), acts["done"], acts["done_percent"]),
            ]
        ):
            ws.write_row(3 + i, 0, [label, value])
            ws.write(3 + i, 2, share, pct)
        row = 7
        ws.write_row(row, 0, [self.env._("Lever"), self.env._("Activities"), "%"], bold)
        for lever in sorted(acts["per_lever"], key=lambda lid: -acts["per_lever"][lid]):
            row += 1
            ws.write_row(row, 0, [levers.browse(lever).name, acts["per_lever"][lever]])
            ws.write(row, 2, acts["lever_percent"][lever], pct)

        # average competence per lever
        ws = sheet(
            self.env._("Levers"),
            [
                self.env._("Lever"),
                self.env._("Average Score"),
                self.env._("Level"),
                self.env._("Diagnostics"),
            ],
        )
        for i, (lever, values) in enumerate(
            sorted(tables["levers"].items(), key=lambda item: -item[1]["score"])
        ):
            ws.write_row(
                3 + i, 0,
                [levers.browse(lever).name, values["score"], values["level"].name or "",
                 values["count"]],
            )  # fmt: skip

        # services per city by status and scope
        services = tables["services"]
        ws = sheet(
            self.env._("Services"),
            [
                self.env._("Scope"),
                self.env._("City"),
                self.env._("Active"),
                self.env._("To Activate"),
                self.env._("Total"),
            ],
        )
        row = 3
        scopes = {"local": self.env._("Local"), "national": self.env._("National")}
        total_label = self.env._("Total")
        for scope, label in scopes.items():
            for city in sorted(services[scope], key=lambda c: c.name or ""):
                values = services[scope][city]
                ws.write_row(
                    row, 0,
                    [label, city.name or "", values["active"], values["to_activate"],
                     values["total"]],
                )  # fmt: skip
                row += 1
            totals = services["totals"][scope]
            ws.write_row(
                row, 0,
                [label, total_label, totals["active"], totals["to_activate"], totals["total"]],
                bold,
            )  # fmt: skip
            row += 2
        # plan activities that use a service of the ecosystem
        ws.write_row(
            row,
            0,
            [
                self.env._("Service"),
                self.env._("Offering Entity"),
                self.env._("Activities"),
                self.env._("Plans"),
            ],
            bold,
        )
        used = self.env["md.service"].sudo().with_context(active_test=False)
        for service_id, (count, plan_count) in sorted(
            tables["activities"]["per_service"].items(), key=lambda item: -item[1][1]
        ):
            row += 1
            service = used.browse(service_id)
            ws.write_row(row, 0, [service.name, service.entity, count, plan_count])
        book.close()
        return buffer.getvalue()
