from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import input_rules


class MdQuestionnaire(models.Model):
    """The diagnostic questionnaire, versioned: once a version is in use its questions are
    frozen, so changing the questionnaire means a new version and past diagnostics keep
    the questions and scores they were made with (spec md_micronegocios §3)."""

    _name = "md.questionnaire"
    _inherit = ["mail.thread", "micro.input.mixin"]
    _description = "Diagnostic Questionnaire"
    _order = "version desc, id desc"

    name = fields.Char(required=True, translate=True)
    version = fields.Integer(required=True, default=1, readonly=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "In Use"), ("archived", "Archived")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    question_ids = fields.One2many(
        "md.question", "questionnaire_id", string="Questions", copy=True
    )
    question_count = fields.Integer(compute="_compute_question_count")

    @api.depends("question_ids")
    def _compute_question_count(self):
        for questionnaire in self:
            questionnaire.question_count = len(questionnaire.question_ids)

    @api.depends("name", "version")
    def _compute_display_name(self):
        for questionnaire in self:
            questionnaire.display_name = self.env._(
                "%(name)s (v%(version)s)", name=questionnaire.name, version=questionnaire.version
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.filtered(lambda q: q.state != "draft"):
            raise UserError(
                self.env._("A questionnaire that has been in use cannot be deleted: archive it.")
            )

    def action_activate(self):
        """Put this version in use; the version in use until now is archived."""
        for questionnaire in self:
            if not questionnaire.question_ids:
                raise UserError(
                    self.env._("Questionnaire %s has no questions.", questionnaire.display_name)
                )
            unanswerable = questionnaire.question_ids.filtered(lambda q: not q.answer_ids)
            if unanswerable:
                raise UserError(
                    self.env._(
                        "These questions have no answers: %s",
                        ", ".join(unanswerable.mapped("name")),
                    )
                )
        self.search([("state", "=", "active"), ("id", "not in", self.ids)]).state = "archived"
        self.state = "active"

    def action_new_version(self):
        """A draft copy with the next version number, to edit without touching this one."""
        self.ensure_one()
        last = self.search([("name", "=", self.name)], order="version desc", limit=1)
        new = self.copy({"version": last.version + 1, "state": "draft"})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    @api.model
    def _current(self):
        return self.search([("state", "=", "active")], limit=1)


class MdQuestion(models.Model):
    _name = "md.question"
    _inherit = ["micro.input.mixin"]
    _description = "Diagnostic Question"
    _order = "questionnaire_id, sequence, id"

    questionnaire_id = fields.Many2one(
        "md.questionnaire", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    lever_id = fields.Many2one("md.lever", string="Lever", required=True, ondelete="restrict")
    name = fields.Char(string="Question", required=True, translate=True)
    weight = fields.Float(default=1.0, required=True)
    answer_ids = fields.One2many("md.question.answer", "question_id", string="Answers", copy=True)
    best_value = fields.Float(compute="_compute_best_value", store=True)

    _sql_constraints = [("weight_positive", "CHECK(weight >= 0)", "A weight cannot be negative.")]

    @api.depends("answer_ids.value")
    def _compute_best_value(self):
        for question in self:
            question.best_value = max(question.answer_ids.mapped("value"), default=0.0)

    @api.constrains("weight")
    def _check_weight(self):
        self._micro_check_range(["weight"], low=0, source=input_rules.SOURCE_DIAGNOSTIC)

    def _check_editable(self):
        frozen = self.questionnaire_id.filtered(lambda q: q.state != "draft")
        if frozen:
            raise UserError(
                self.env._(
                    "Questionnaire %s is in use or archived: its questions cannot change. "
                    "Create a new version.",
                    frozen[0].display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        questions = super().create(vals_list)
        questions._check_editable()
        return questions

    def write(self, vals):
        self._check_editable()
        return super().write(vals)

    def unlink(self):
        self._check_editable()
        return super().unlink()


class MdQuestionAnswer(models.Model):
    _name = "md.question.answer"
    _inherit = ["micro.input.mixin"]
    _description = "Diagnostic Answer"
    _order = "question_id, sequence, id"

    question_id = fields.Many2one("md.question", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Answer", required=True, translate=True)
    value = fields.Float(required=True, help="0 for the weakest answer, higher is better.")

    _sql_constraints = [("value_positive", "CHECK(value >= 0)", "A value cannot be negative.")]

    @api.constrains("value")
    def _check_value(self):
        self._micro_check_range(["value"], low=0, source=input_rules.SOURCE_DIAGNOSTIC)

    @api.model_create_multi
    def create(self, vals_list):
        answers = super().create(vals_list)
        answers.question_id._check_editable()
        return answers

    def write(self, vals):
        self.question_id._check_editable()
        return super().write(vals)

    def unlink(self):
        self.question_id._check_editable()
        return super().unlink()
