from odoo import models


class MdProgramReportXlsx(models.AbstractModel):
    """The program report of a cycle (spec md_micronegocios §7) as a workbook: one sheet
    per table of the observatory's bulletin (seed 004), the figures of
    ``md.program.report._tables``; the services sheet ends with the services that plan
    activities use. Rendered for ``md.program.report.wizard`` records (the cycle picked)."""

    _name = "report.md_micronegocios.program_report_xlsx"
    _inherit = "report.micro_base.xlsx_abstract"
    _description = "Program Report (XLSX)"

    def generate_xlsx_report(self, workbook, data, wizards):
        for wizard in wizards:
            self._program_report(workbook, wizard.cycle_id)

    def _program_report(self, workbook, cycle):
        tables = self.env["md.program.report"]._tables(cycle)
        st = self._styles(workbook)
        pct, pct_total, total = st["percent"], st["percent_total"], st["integer_total"]
        percent = self._percent
        city_name = {city.id: city.name for city in tables["cities"]}
        city_name[None] = self.env._("No city")

        def sheet(title, header):
            return self._sheet(workbook, title, self.env._("Cycle %s", cycle.name), header)

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
            ws.write(row, len(weeks) + 2, percent(reg["share"][city]), pct)
            row += 1
        ws.write(row, 0, self.env._("Total"), st["bold"])
        ws.write_row(
            row,
            1,
            [sum(reg["cumulative"][city].get(w, 0) for city in reg["cumulative"]) for w in weeks],
            total,
        )
        ws.write(row, len(weeks) + 1, reg["total"], total)

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
            ws.write_row(row, 0, [city_name.get(city), reg["per_city"][city]])
            ws.write(row, 2, act["per_city"].get(city, 0))
            ws.write(row, 3, percent(act["share"].get(city, 0)), pct)
            row += 1
        ws.write(row, 0, self.env._("Total"), st["bold"])
        ws.write_row(row, 1, [reg["total"], act["total"]], total)
        ws.write(row, 3, percent(act["percent"]), pct_total)

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
            ws.write(row, len(stage_names) + 2, percent(drop["row_percent"][reason]), pct)
            row += 1
        ws.write(row, 0, self.env._("Total"), st["bold"])
        ws.write_row(row, 1, drop["col_totals"], total)
        ws.write(row, len(stage_names) + 1, drop["total"], total)
        ws.write(row, len(stage_names) + 2, percent(drop["percent_of_registered"]), pct_total)
        ws.write(row + 1, 0, "%", st["bold"])
        for i, value in enumerate(drop["col_percent"]):
            ws.write(row + 1, 1 + i, percent(value), pct)

        # the same drop-outs in the bulletin's six stages (issue 18, item 8)
        bulletin = tables["dropouts_bulletin"]
        labels = bulletin["stage_labels"]
        ws = sheet(
            self.env._("Drop-outs (bulletin)"),
            [self.env._("Reason"), *labels, self.env._("Total"), "%"],
        )
        row = 3
        for reason in bulletin["reasons"]:
            ws.write(row, 0, reasons.browse(reason).name if reason else self.env._("No reason"))
            ws.write_row(row, 1, bulletin["cells"][reason])
            ws.write(row, len(labels) + 1, bulletin["row_totals"][reason])
            ws.write(row, len(labels) + 2, percent(bulletin["row_percent"][reason]), pct)
            row += 1
        ws.write(row, 0, self.env._("Total"), st["bold"])
        ws.write_row(row, 1, bulletin["col_totals"], total)
        ws.write(row, len(labels) + 1, bulletin["total"], total)
        ws.write(row, len(labels) + 2, percent(bulletin["percent_of_registered"]), pct_total)
        ws.write(row + 1, 0, "%", st["bold"])
        for i, value in enumerate(bulletin["col_percent"]):
            ws.write(row + 1, 1 + i, percent(value), pct)
        if bulletin["outside"]:
            ws.write(
                row + 3,
                0,
                self.env._("Drop-outs at a stage outside the bulletin's six: %(count)s")
                % {"count": bulletin["outside"]},
            )
        ws.write(row + 4, 0, bulletin["source"])

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
                share = diag_week["percent"][city].get(w, 0)
                ws.write(row, 1 + len(weeks) + i, percent(share), pct)
            row += 1
        ws.write(row, 0, self.env._("Total"), st["bold"])
        ws.write_row(row, 1, [diag_week["week_totals"].get(w, 0) for w in weeks], total)
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
            ws.write(row, 4, percent(diag["percent"][city]), pct)
            row += 1
        ws.write(row, 0, self.env._("Total"), st["bold"])
        ws.write_row(row, 1, [act["total"], diag["total_with"], diag["total_without"]], total)
        ws.write(row, 4, percent(diag["total_percent"]), pct_total)

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
        ws.write(row, 0, self.env._("Total"), st["bold"])
        for offset, running in ((1, reg["cumulative"]), (1 + len(weeks), plans["cumulative"])):
            ws.write_row(
                row,
                offset,
                [sum(counts.get(w, 0) for counts in running.values()) for w in weeks],
                total,
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
                value = plans["per_city"][city][key]
                if "percent" in key:
                    ws.write(row, 1 + i, percent(value), pct)
                else:
                    ws.write(row, 1 + i, value)
            row += 1
        ws.write(row, 0, self.env._("Total"), st["bold"])
        for i, (key, _label) in enumerate(columns):
            value = plans["totals"][key]
            if "percent" in key:
                ws.write(row, 1 + i, percent(value), pct_total)
            else:
                ws.write(row, 1 + i, value, total)
        # Figure 14: the plans' figures as a share of the active micro-businesses
        row += 1
        ws.write(row, 0, self.env._("% of Active"), st["bold"])
        for i, (key, _label) in enumerate(columns):
            if key in plans["percent_of_active"]:
                ws.write(row, 1 + i, percent(plans["percent_of_active"][key]), pct)
        row += 1
        ws.write(row, 0, self.env._("% of Diagnostics"), st["bold"])
        ws.write(row, 1, percent(plans["percent_of_diagnostics"]), pct)

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
            ws.write(3 + i, 2, percent(share), pct)
        row = 7
        ws.write_row(row, 0, [self.env._("Lever"), self.env._("Activities"), "%"], st["header"])
        for lever in sorted(acts["per_lever"], key=lambda lid: -acts["per_lever"][lid]):
            row += 1
            ws.write_row(row, 0, [levers.browse(lever).name, acts["per_lever"][lever]])
            ws.write(row, 2, percent(acts["lever_percent"][lever]), pct)

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
        self._widths(ws, [14, 32, 14, 14, 14])
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
            ws.write_row(row, 0, [label, total_label], st["bold"])
            ws.write_row(row, 2, [totals["active"], totals["to_activate"], totals["total"]], total)
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
            st["header"],
        )
        used = self.env["md.service"].sudo().with_context(active_test=False)
        for service_id, (count, plan_count) in sorted(
            tables["activities"]["per_service"].items(), key=lambda item: -item[1][1]
        ):
            row += 1
            service = used.browse(service_id)
            ws.write_row(row, 0, [service.name, service.entity, count, plan_count])
