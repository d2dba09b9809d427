from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import diagnostic as diagnostic_tool
from ..tools import input_rules


class MdDiagnostic(models.Model):
    """The diagnostic of a case: the owner's answers to the questionnaire in use and, once
    generated, each lever's score and competence level. The result is stored: a later
    questionnaire version or band change does not alter it (spec md_micronegocios §3)."""

    _name = "md.diagnostic"
    _inherit = ["mail.thread", "micro.workflow.mixin", "micro.input.mixin"]
    _description = "Micro-business Diagnostic"
    _order = "date desc, id desc"

    # Generated only by its step (which scores the answers); a generated diagnostic is the
    # stored result and changes no more.
    _workflow_step_fields = ("date",)
    _workflow_frozen = {"done": "__all__"}
    _workflow_unlink_states = ("draft",)

    lead_id = fields.Many2one(
        "crm.lead", string="Case", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(related="lead_id.partner_id", string="Owner")
    user_id = fields.Many2one(
        related="lead_id.user_id", string="Facilitator", store=True, index=True
    )
    city_id = fields.Many2one(related="lead_id.md_city_id", store=True)
    cycle_id = fields.Many2one(related="lead_id.md_cycle_id", store=True)
    questionnaire_id = fields.Many2one(
        "md.questionnaire",
        required=True,
        readonly=True,
        ondelete="restrict",
        default=lambda self: self.env["md.questionnaire"]._current(),
    )
    state = fields.Selection(
        [("draft", "Being Filled"), ("done", "Generated")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    date = fields.Date(string="Generated On", readonly=True, tracking=True)
    week = fields.Integer(
        string="Cycle Week",
        compute="_compute_week",
        store=True,
        help="Week of the case's cycle in which the diagnostic was generated.",
    )
    response_ids = fields.One2many("md.diagnostic.response", "diagnostic_id", string="Answers")
    line_ids = fields.One2many(
        "md.diagnostic.line", "diagnostic_id", string="Levers", readonly=True
    )
    weakest_lever_ids = fields.Many2many(
        "md.lever",
        string="Weakest Levers",
        compute="_compute_weakest_lever_ids",
        store=True,
        copy=False,
    )
    lead_plan_id = fields.Many2one(
        related="lead_id.md_plan_id", string="Attention Plan of the Case"
    )
    answered_count = fields.Integer(compute="_compute_answered")
    question_count = fields.Integer(compute="_compute_answered")

    @api.depends("response_ids.answer_id")
    def _compute_answered(self):
        """Counted in SQL: a batch generation checks thousands of questionnaires at once."""
        Response = self.env["md.diagnostic.response"]
        ids = [i for i in self.ids if isinstance(i, int)]
        total = dict(
            Response._read_group([("diagnostic_id", "in", ids)], ["diagnostic_id"], ["__count"])
        )
        answered = dict(
            Response._read_group(
                [("diagnostic_id", "in", ids), ("answer_id", "!=", False)],
                ["diagnostic_id"],
                ["__count"],
            )
        )
        for diagnostic in self:
            if isinstance(diagnostic.id, int):
                diagnostic.question_count = total.get(diagnostic, 0)
                diagnostic.answered_count = answered.get(diagnostic, 0)
            else:  # a record being edited in a form
                diagnostic.question_count = len(diagnostic.response_ids)
                diagnostic.answered_count = len(diagnostic.response_ids.filtered("answer_id"))

    @api.depends("line_ids.weakest")
    def _compute_weakest_lever_ids(self):
        for diagnostic in self:
            # Weakest first, as the lines' order says, whether the lines come from the
            # cache (just generated) or from the database.
            weakest = diagnostic.line_ids.filtered("weakest")
            diagnostic.weakest_lever_ids = weakest.sorted(
                lambda line: (line.score, line.id)
            ).lever_id

    @api.depends("date", "cycle_id.date_start")
    def _compute_week(self):
        for diagnostic in self:
            diagnostic.week = (
                diagnostic.cycle_id._week_of(diagnostic.date)
                if diagnostic.cycle_id and diagnostic.date
                else 0
            )

    @api.depends("lead_id.name", "date")
    @api.depends_context("uid")
    def _compute_display_name(self):
        # The observatory analyst reads lever results (md.diagnostic.line) whose diagnostic
        # is shown by this name, computed as superuser: the business name, often the
        # owner's, is kept to the roles that follow cases or mentor them (spec §5, §7).
        user = self.env.user
        named = user.has_group("md_micronegocios.md_micronegocios_group_facilitator") or (
            user.has_group("md_micronegocios.md_micronegocios_group_mentor")
        )
        for diagnostic in self:
            if named:
                diagnostic.display_name = self.env._(
                    "Diagnostic of %s", diagnostic.lead_id.name or ""
                )
            else:
                diagnostic.display_name = self.env._("Diagnostic %s", diagnostic.id)

    @api.model_create_multi
    def create(self, vals_list):
        diagnostics = super().create(vals_list)
        diagnostics._add_missing_responses()
        return diagnostics

    def _add_missing_responses(self):
        """One answer line per question of the diagnostic's questionnaire."""
        values = []
        for diagnostic in self:
            asked = set(diagnostic.response_ids.question_id.ids)
            values += [
                {"diagnostic_id": diagnostic.id, "question_id": question.id}
                for question in diagnostic.questionnaire_id.question_ids
                if question.id not in asked
            ]
        self.env["md.diagnostic.response"].create(values)

    # ---- ACTIONS ----

    def action_generate(self):
        """Score every lever from the answers and keep the result (one or many cases): the
        step of whoever may edit the diagnostic (its facilitator, orientador, coordinator)."""
        self.check_access("write")
        todo = self.filtered(lambda d: d.state == "draft")
        incomplete = todo.filtered(lambda d: d.answered_count < d.question_count)
        if incomplete:
            raise UserError(
                self.env._(
                    "Answer every question before generating: %s",
                    "; ".join(
                        self.env._(
                            "%(case)s (%(answered)s of %(total)s answered)",
                            case=d.lead_id.name,
                            answered=d.answered_count,
                            total=d.question_count,
                        )
                        for d in incomplete[:10]
                    ),
                )
            )
        todo._generate()
        # The case follows the fact: a generated diagnostic may move it forward.
        todo.lead_id._md_advance()
        return True

    def action_generate_plan(self):
        """The next step from a generated diagnostic: its case's attention plan."""
        self.ensure_one()
        return self.lead_id.action_md_generate_plan()

    def _generate(self):
        """Set-based scoring: one read of all answers, one create of all lever lines."""
        if not self:
            return
        Level = self.env["md.level"]
        bands = Level._bands()
        lever_order = self.env["md.lever"].search([]).ids
        weakest_count = self.env["res.config.settings"]._md_setting("weakest_levers")
        self.env["md.diagnostic.response"].flush_model()
        self.env["md.question"].flush_model()
        self.env["md.question.answer"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT r.diagnostic_id, q.lever_id, q.weight, COALESCE(a.value, 0), q.best_value
                  FROM md_diagnostic_response r
                  JOIN md_question q ON q.id = r.question_id
             LEFT JOIN md_question_answer a ON a.id = r.answer_id
                 WHERE r.diagnostic_id = ANY(%s)
                """,
                self.ids,
            )
        )
        answers = {}
        for diagnostic_id, lever_id, weight, value, best in rows:
            answers.setdefault(diagnostic_id, []).append(
                diagnostic_tool.Answer(lever_id, weight, value, best)
            )
        line_values = []
        today = fields.Date.context_today(self)
        areas = {lever.id: lever.area_id.id for lever in self.env["md.lever"].search([])}
        for diagnostic in self:
            scores = diagnostic_tool.lever_scores(answers.get(diagnostic.id, []))
            weakest = set(diagnostic_tool.weakest(scores, weakest_count, lever_order))
            line_values += [
                {
                    "diagnostic_id": diagnostic.id,
                    "lever_id": lever_id,
                    "area_id": areas.get(lever_id),
                    "score": score,
                    "level_id": diagnostic_tool.level_for(score, bands).id,
                    "weakest": lever_id in weakest,
                    "city_id": diagnostic.city_id.id,
                    "date": today,
                }
                for lever_id, score in scores.items()
            ]
        self._workflow_write({"state": "done", "date": today})
        # Results are written by the generation only: nobody edits them by hand.
        self.env["md.diagnostic.line"].sudo().create(line_values)

    @api.readonly
    def action_print(self):
        return self.env.ref("md_micronegocios.md_diagnostic_report_action").report_action(self)


class MdDiagnosticResponse(models.Model):
    _name = "md.diagnostic.response"
    _inherit = ["micro.input.mixin"]
    _description = "Diagnostic Answer"
    _order = "diagnostic_id, sequence, id"

    diagnostic_id = fields.Many2one("md.diagnostic", required=True, ondelete="cascade", index=True)
    question_id = fields.Many2one("md.question", required=True, ondelete="restrict")
    sequence = fields.Integer(related="question_id.sequence", store=True)
    lever_id = fields.Many2one(related="question_id.lever_id", store=True)
    weight = fields.Float(related="question_id.weight")
    best_value = fields.Float(related="question_id.best_value")
    answer_id = fields.Many2one(
        "md.question.answer",
        string="Answer",
        domain="[('question_id', '=', question_id)]",
        ondelete="restrict",
    )
    value = fields.Float(related="answer_id.value")

    _sql_constraints = [
        (
            "question_uniq",
            "unique(diagnostic_id, question_id)",
            "A question is answered once per diagnostic.",
        )
    ]

    def _micro_input_record_name(self):
        return self.env._("question «%s»", self.question_id.name)

    @api.constrains("answer_id", "question_id")
    def _check_answer_of_question(self):
        """An answer is one of its own question's: another question's answer would score
        the lever with a value that was never asked (issue 16)."""
        for response in self.filtered("answer_id"):
            if response.answer_id.question_id != response.question_id:
                response._micro_raise(
                    "answer_id",
                    response.answer_id.name,
                    self.env._(
                        "it is an answer of another question («%(other)s»), not of «%(own)s»",
                        other=response.answer_id.question_id.name,
                        own=response.question_id.name,
                    ),
                    input_rules.SOURCE_DIAGNOSTIC,
                )

    @api.model_create_multi
    def create(self, vals_list):
        responses = super().create(vals_list)
        if not self.env.su:
            responses._check_diagnostic_draft()
        return responses

    def write(self, vals):
        if not self.env.su:
            self._check_diagnostic_draft()
        return super().write(vals)

    def _check_diagnostic_draft(self):
        if any(r.diagnostic_id.state == "done" for r in self):
            raise UserError(
                self.env._("The diagnostic is generated: its answers can no longer change.")
            )


class MdDiagnosticLine(models.Model):
    _name = "md.diagnostic.line"
    _description = "Diagnostic Lever Result"
    _inherit = ["micro.input.mixin"]
    _order = "diagnostic_id, score, id"

    diagnostic_id = fields.Many2one("md.diagnostic", required=True, ondelete="cascade", index=True)
    lever_id = fields.Many2one("md.lever", required=True, ondelete="restrict")
    # Snapshots taken at generation (the figures of that day stay as they were).
    area_id = fields.Many2one("md.lever.area", string="Area", readonly=True)
    score = fields.Float(aggregator="avg", readonly=True)
    level_id = fields.Many2one("md.level", string="Level", required=True, ondelete="restrict")
    level_rank = fields.Float(related="level_id.min_score", string="Level Rank", aggregator="avg")
    weakest = fields.Boolean(string="Among the Weakest", readonly=True)
    city_id = fields.Many2one("md.city", string="City", readonly=True)
    date = fields.Date(readonly=True)
