"""Bad input (issue 16): every wrong value given to the program, as each role's own user,
gets a clear error naming the field, the value and the rule; nothing is stored.

One table, one row per bad input: ``(role, model, call, values, fragment)``. ``call`` is
``"create"`` (with the model's minimal valid values, see ``CREATE_BASE``) or
``"write:<fixture>"``. Each row must raise a ``UserError`` (``ValidationError`` and
``AccessError`` are ones) whose message contains ``fragment`` — never a ``KeyError``,
``TypeError``, ``ValueError`` or database error — and leave the number of records of the
model and the written record's values as they were.

``STEPS``: workflow steps called with malformed arguments, in the wrong status or by the
wrong role; ``RPC_STEPS``: steps called through the external API with arguments they do
not take or without ids. The rows run as each role's own user in the ORM and again
through the external API (``execute_kw`` over ``/jsonrpc``, ``TestMdBadInputRpc``).
"""

import json
import logging

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import mute_logger

from .common import GROUP, LEVEL, LEVER, MdCommon

_logger = logging.getLogger(__name__)

NEGATIVE = "cannot be negative"
WHOLE = "expected a whole number"
NUMBER = "expected a finite number"
DATE = "expected a date that exists in the calendar"
CHOICE = "expected one of"
ONE_RECORD = "expected the id of one record"
NO_RECORD = "does not exist: expected the id of an existing record"
NOT_RECORDS = "is not a list of records"
MENTOR_IDS = "expected the ids of the program's mentors"
STEP_ROLE = "this step is for"
STEP_STATE = "this step needs it"
NOT_APPROVED = "The plan must be approved before its activities are logged"
#: What a refusal may be on the wire (``execute_kw`` over ``/jsonrpc``).
WIRE_ERRORS = {
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
}
FUTURE = "cannot be later than today"
OTHER_QUESTION = "answer of another question"
BULLETIN = "Programa Acompañamiento a Micronegocios MD"

#: Minimal valid values of a created record (``@name``: the id of fixture ``name``).
CREATE_BASE = {
    "crm.lead": {"name": "Tienda de prueba", "type": "opportunity", "user_id": "@user"},
    "res.partner": {
        "name": "Dueña de prueba",
        "md_is_owner": True,
        "md_consent_date": "2021-03-01",
        "md_consent_channel": "written",
    },
    "md.diagnostic": {},
    "md.plan.activity": {"plan_id": "@plan", "name": "Taller", "lever_id": "@lever"},
    "md.mentor": {"user_id": "@mentor_user"},
    "md.cycle": {"name": "2030-1", "date_start": "2030-02-04"},
    "md.service": {"key": "OIS-1", "name": "Servicio", "entity": "Alcaldía", "city_id": "@city"},
    "md.question.answer": {"question_id": "@draft_question", "name": "Nunca"},
    "res.config.settings": {},
    "resource.calendar.leaves": {"name": "Día libre", "calendar_id": "@calendar"},
}

# fmt: off
ROWS = [
    # ---- the case: business figures (valoración integral) ----
    ("facilitator", "crm.lead", "create", {"md_sales_before": -500}, NEGATIVE),
    ("facilitator", "crm.lead", "create", {"md_years_operating": -3}, "Years Operating"),
    ("facilitator", "crm.lead", "create", {"md_workers": -2}, "Workers of"),
    ("facilitator", "crm.lead", "create", {"md_sales_after": -1}, BULLETIN),
    ("facilitator", "crm.lead", "create", {"md_workers": 2.5}, WHOLE),
    ("facilitator", "crm.lead", "create", {"md_workers": "abc"}, WHOLE),
    ("facilitator", "crm.lead", "create", {"md_years_operating": "3.5"}, WHOLE),
    ("facilitator", "crm.lead", "create", {"md_sales_before": "abc"}, NUMBER),
    ("facilitator", "crm.lead", "create", {"md_sales_before": "1e309"}, NUMBER),
    ("facilitator", "crm.lead", "create", {"md_sales_after": "nan"}, NUMBER),
    ("facilitator", "crm.lead", "create", {"md_registration_date": "2026-02-30"}, DATE),
    ("facilitator", "crm.lead", "create", {"md_registration_date": "2999-01-01"}, FUTURE),
    ("facilitator", "crm.lead", "create", {"md_sector": "mining"}, CHOICE),
    ("facilitator", "crm.lead", "create", {"md_formal_registration": "maybe"}, CHOICE),
    ("facilitator", "crm.lead", "create", {"md_service_microcredit": "given"}, CHOICE),
    ("facilitator", "crm.lead", "create", {"partner_id": ["@owner", "@other_owner"]}, ONE_RECORD),
    ("facilitator", "crm.lead", "create", {"md_city_id": "Neiva"}, ONE_RECORD),
    ("facilitator", "write:case", {"partner_id": ["@owner", "@other_owner"]}, ONE_RECORD),
    ("facilitator", "write:case", {"partner_id": "Marta Gómez"}, ONE_RECORD),
    ("facilitator", "write:case", {"partner_id": True}, ONE_RECORD),
    ("facilitator", "write:case", {"partner_id": 1.5}, ONE_RECORD),
    ("facilitator", "write:case", {"user_id": ["@user"]}, ONE_RECORD),
    ("facilitator", "write:case", {"md_cycle_id": -1}, ONE_RECORD),
    ("facilitator", "write:case", {"md_workers": -2}, NEGATIVE),
    ("facilitator", "write:case", {"md_workers": 10**12}, WHOLE),
    ("facilitator", "write:case", {"md_years_operating": 12.7}, WHOLE),
    ("facilitator", "write:case", {"md_sales_before": [100]}, NUMBER),
    ("facilitator", "write:case", {"md_cannot_sell_cause": "no_customers"}, CHOICE),
    ("facilitator", "write:case", {"md_low_demand_cause": 3}, CHOICE),
    ("orientador", "write:case", {"md_years_operating": -3}, NEGATIVE),
    ("orientador", "write:case", {"md_registration_date": "2021-02-30"}, DATE),
    ("orientador", "write:case", {"md_registration_date": "2999-12-31"}, FUTURE),
    ("coordinator", "write:case", {"md_sales_before": -500}, "Monthly Sales Before"),
    ("coordinator", "write:case", {"md_sales_after": "1e309"}, NUMBER),
    ("coordinator", "write:case", {"md_service_ict_education": "maybe"}, CHOICE),
    # ---- the owner (personal data, Ley 1581) ----
    ("facilitator", "res.partner", "create", {"birth_date": "2030-01-01"}, FUTURE),
    ("facilitator", "res.partner", "create", {"md_consent_date": "2999-01-01"}, "Ley 1581"),
    ("facilitator", "res.partner", "create", {"md_consent_channel": "fax"}, CHOICE),
    ("facilitator", "write:owner", {"birth_date": "2030-01-01"}, FUTURE),
    ("facilitator", "write:owner", {"birth_date": "1980-02-30"}, DATE),
    ("facilitator", "write:owner", {"birth_date": "1850-01-01"}, "1900-01-01 or later"),
    ("facilitator", "write:owner", {"md_consent_date": "2999-01-01"}, FUTURE),
    ("facilitator", "write:owner", {"md_consent_date": "2021-13-01"}, DATE),
    ("facilitator", "write:owner", {"gender": "x"}, CHOICE),
    ("facilitator", "write:owner", {"identity_type": "passport"}, CHOICE),
    ("orientador", "write:owner", {"birth_date": "2031-06-01"}, FUTURE),
    # ---- the diagnostic ----
    ("facilitator", "write:response", {"answer_id": "@other_answer"}, OTHER_QUESTION),
    ("facilitator", "write:response", {"answer_id": ["@own_answer", "@other_answer"]}, ONE_RECORD),
    ("facilitator", "write:response", {"answer_id": "Siempre"}, ONE_RECORD),
    ("orientador", "write:response", {"answer_id": "@other_answer"}, BULLETIN),
    ("facilitator", "md.diagnostic", "create", {"lead_id": "Tienda"}, ONE_RECORD),
    # ---- the attention plan (10 to 12 weeks) ----
    ("facilitator", "write:activity", {"week": 0}, "it must be between 1 and"),
    ("facilitator", "write:activity", {"week": 13}, "Plan de Atención de 10 o hasta 12 semanas"),
    ("facilitator", "write:activity", {"week": 2.5}, WHOLE),
    ("facilitator", "write:activity", {"responsible": "neighbour"}, CHOICE),
    ("facilitator", "write:activity", {"date_deadline": "2021-13-01"}, DATE),
    ("facilitator", "write:activity", {"lever_id": ["@lever"]}, ONE_RECORD),
    ("coordinator", "md.plan.activity", "create", {"week": -1}, "it must be between 1 and"),
    ("coordinator", "md.plan.activity", "create", {"week": 40}, "it must be between 1 and"),
    # ---- mentors ----
    ("coordinator", "md.mentor", "create", {"capacity": -1}, NEGATIVE),
    ("coordinator", "write:mentor", {"capacity": -5}, "Capacity"),
    ("coordinator", "write:mentor", {"capacity": "five"}, WHOLE),
    ("coordinator", "write:mentor", {"kind": "robot"}, CHOICE),
    # ---- reference tables of the program (manager, analyst) ----
    ("manager", "write:cycle", {"week_count": 0}, "16 semanas"),
    ("manager", "write:cycle", {"week_count": 100}, "between 1 and 26"),
    ("manager", "md.cycle", "create", {"date_start": "2021-02-30"}, DATE),
    ("manager", "write:level", {"min_score": 150}, "between 0 and 100"),
    ("manager", "write:draft_question", {"weight": -1}, NEGATIVE),
    ("manager", "write:draft_answer", {"value": -2}, NEGATIVE),
    ("manager", "md.question.answer", "create", {"value": "abc"}, NUMBER),
    ("analyst", "md.service", "create", {"start_month": "2021-02-30"}, DATE),
    ("analyst", "write:service", {"scope": "galactic"}, CHOICE),
    ("analyst", "write:service", {"city_id": ["@city", "@city"]}, ONE_RECORD),
    # ---- ids of no record, malformed lists of records (found from outside) ----
    ("facilitator", "write:case", {"md_cycle_id": 99_999_999}, NO_RECORD),
    ("facilitator", "crm.lead", "create", {"md_city_id": 99_999_999}, NO_RECORD),
    ("analyst", "write:service", {"city_id": 99_999_999}, NO_RECORD),
    ("analyst", "write:service", {"lever_ids": "abc"}, NOT_RECORDS),
    ("analyst", "write:service", {"lever_ids": [[6, 0, "x"]]}, NOT_RECORDS),
    ("analyst", "write:service", {"lever_ids": [["@lever"]]}, NOT_RECORDS),
    ("coordinator", "write:mentor", {"lever_ids": [[0, 0, "x"]]}, NOT_RECORDS),
    ("coordinator", "write:mentor", {"lever_ids": [[4, 99_999_999_999]]}, NOT_RECORDS),
    ("coordinator", "write:mentor", {"lever_ids": {"ids": ["@lever"]}}, NOT_RECORDS),
    ("coordinator", "md.mentor", "create", {"lever_ids": [[6, 0, ["x"]]]}, NOT_RECORDS),
    ("facilitator", "write:activity", {"plan_id": 99_999_999}, NO_RECORD),
    ("facilitator", "write:case", {"website": {"url": "x"}}, "is not a text"),
    ("facilitator", "write:case", {"website": ["a", "b"]}, "is not a text"),
    # ---- program settings (system administrator) ----
    ("admin", "res.config.settings", "create", {"md_plan_weeks": 20}, "between 10 and 12"),
    ("admin", "res.config.settings", "create", {"md_completion_threshold": 1.5}, "between"),
    ("admin", "res.config.settings", "create", {"md_weakest_levers": 0}, "Figura 9"),
    ("admin", "res.config.settings", "create", {"md_mentor_wait_days": -1}, "between 0"),
    ("admin", "res.config.settings", "create", {"md_plan_weeks": "twelve"}, WHOLE),
    # ---- micro_base: business-day calendars ----
    ("admin", "write:attendance", {"hour_to": 25}, "between 0 and 24"),
    ("admin", "write:attendance", {"hour_from": -1}, "between 0 and 24"),
    ("admin", "write:attendance", {"hour_from": 18, "hour_to": 8}, "cannot end before it starts"),
    ("admin", "write:attendance", {"dayofweek": "9"}, CHOICE),
    ("admin", "write:calendar", {"hours_per_day": 30}, "between 0 and 24"),
    ("admin", "resource.calendar.leaves", "create",
     {"date_from": "2021-03-10 00:00:00", "date_to": "2021-03-09 00:00:00"},
     "cannot end before it starts"),
    ("admin", "resource.calendar.leaves", "create",
     {"date_from": "2021-02-30 00:00:00", "date_to": "2021-03-09 00:00:00"},
     "expected a date and time"),
]
#: Workflow steps called as an external API client may call them: ``(role, fixture,
#: method, positional arguments, fragment)``; missing or malformed arguments, the wrong
#: status, the wrong role. Nothing may be written.
STEPS = [
    ("coordinator", "plan", "action_assign_mentor", ("abc",), MENTOR_IDS),
    ("coordinator", "plan", "action_assign_mentor", (1.5,), MENTOR_IDS),
    ("coordinator", "plan", "action_assign_mentor", (-3,), MENTOR_IDS),
    ("coordinator", "plan", "action_assign_mentor", (True,), MENTOR_IDS),
    ("coordinator", "plan", "action_assign_mentor", ([True],), MENTOR_IDS),
    ("coordinator", "plan", "action_assign_mentor", ({"id": "@mentor"},), MENTOR_IDS),
    ("coordinator", "plan", "action_assign_mentor", ([99_999_999],), "no mentor has the id"),
    ("coordinator", "plan", "action_assign_mentor", (["@mentor", "x"],), MENTOR_IDS),
    ("facilitator", "plan", "action_assign_mentor", (["@mentor"],), STEP_ROLE),
    ("facilitator", "plan", "action_design", (), "Only an orientador or a case coordinator"),
    ("orientador", "plan", "action_close", (), STEP_STATE),
    ("facilitator", "plan", "action_close", (), STEP_ROLE),
    ("facilitator", "activity", "action_done", (), NOT_APPROVED),
    ("facilitator", "activity", "action_not_done", (), NOT_APPROVED),
    ("facilitator", "questionnaire", "action_activate", (), "questionnaire"),
]
#: Steps called through the external API with arguments they do not take or without
#: records: ``(role, fixture, method, the call's positional arguments, fragment)``; the
#: first argument is the ids (``@name``: the fixture's id).
TAKES = "does not take the arguments"
NOT_IDS = "is not a list of record ids"
RPC_STEPS = [
    ("facilitator", "case", "action_md_diagnostic", [["@case"], "x"], TAKES),
    ("facilitator", "case", "action_md_diagnostic", [[]], NOT_IDS),
    ("facilitator", "case", "action_md_open_plan", [["abc"]], NOT_IDS),
    ("facilitator", "case", "action_md_record_meeting", [[-1]], NOT_IDS),
    ("facilitator", "case", "action_md_meetings", [], NOT_IDS),
    ("facilitator", "case", "action_md_generate_plan", [["@case"], {"a": 1}], TAKES),
    ("orientador", "plan", "action_design", [["@plan"], {"a": 1}], TAKES),
    ("orientador", "plan", "action_close", [[True]], NOT_IDS),
    ("coordinator", "plan", "action_assign_mentor", [["@plan"], ["@mentor"], "x"], TAKES),
    ("facilitator", "activity", "action_done", [["@activity"], True], TAKES),
    ("facilitator", "activity", "action_not_done", [[None]], NOT_IDS),
    ("manager", "questionnaire", "action_activate", [["@questionnaire"], 1, 2], TAKES),
]
# fmt: on


class MdBadInputCommon(MdCommon):
    """The fixtures of the corpus, run in the ORM and over ``/jsonrpc``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()
        cls.admin_user = cls._new_user("md_sysadmin", f"base.group_system,{GROUP % 'manager'}")
        fac = cls.facilitator
        owner = cls._md_owner(fac, "Marta Gómez")
        other_owner = cls._md_owner(fac, "Rosa Pérez")
        case = cls._md_case(fac, "Arepas Marta", owner=owner, md_workers=2)
        diagnostic = cls.env["md.diagnostic"].with_user(fac).create({"lead_id": case.id})
        responses = diagnostic.response_ids.sorted(lambda r: (r.sequence, r.id))
        response = responses[0]
        other_question = (responses.question_id - response.question_id)[0]
        # A generated diagnostic and its plan, on a second case.
        plan_case = cls._md_case(fac, "Tienda Luz", owner=other_owner)
        filled = cls._md_fill(plan_case, {"formalization": 0, "organization": 1})
        filled.action_generate()
        action = plan_case.with_user(fac).action_md_generate_plan()
        plan = cls.env["md.plan"].browse(action["res_id"])
        manager = cls.manager
        questionnaire = (
            cls.env["md.questionnaire"].with_user(manager).create({"name": "Cuestionario 2"})
        )
        draft_question = (
            cls.env["md.question"]
            .with_user(manager)
            .create(
                {
                    "questionnaire_id": questionnaire.id,
                    "lever_id": cls.env.ref(LEVER % "finance").id,
                    "name": "¿Lleva cuentas?",
                }
            )
        )
        draft_answer = (
            cls.env["md.question.answer"]
            .with_user(manager)
            .create({"question_id": draft_question.id, "name": "Siempre", "value": 3})
        )
        calendar = cls.env.ref("resource.resource_calendar_std")
        cls.fixtures = {
            "user": fac,
            "owner": owner,
            "other_owner": other_owner,
            "case": case,
            "response": response,
            "own_answer": response.question_id.answer_ids[0],
            "other_answer": other_question.answer_ids[0],
            "plan": plan,
            "activity": plan.plan_activity_ids.sorted("week")[0],
            "lever": cls.env.ref(LEVER % "finance"),
            "mentor_user": cls.mentor,
            "mentor": cls.env["md.mentor"]
            .with_user(cls.coordinator)
            .create({"user_id": cls._new_user("md_mentor_2", GROUP % "mentor").id}),
            "cycle": cls.env.ref("md_micronegocios.md_cycle_2021_1"),
            "level": cls.env.ref(LEVEL % "acceptable"),
            "draft_question": draft_question,
            "questionnaire": questionnaire,
            "draft_answer": draft_answer,
            "service": cls.env["md.service"]
            .with_user(cls.analyst)
            .create(
                {
                    "key": "OIS-TEST-0",
                    "name": "Feria",
                    "entity": "Cámara",
                    "city_id": cls.env.ref("md_micronegocios.md_city_neiva").id,
                }
            ),
            "city": cls.env.ref("md_micronegocios.md_city_neiva"),
            "calendar": calendar,
            "attendance": calendar.attendance_ids.sorted("id")[0],
        }
        cls.roles = {
            "facilitator": fac,
            "orientador": cls.orientador,
            "coordinator": cls.coordinator,
            "manager": manager,
            "analyst": cls.analyst,
            "admin": cls.admin_user,
        }

    def _resolve(self, value):
        if isinstance(value, list):
            return [self._resolve(item) for item in value]
        if isinstance(value, str) and value.startswith("@"):
            return self.fixtures[value[1:]].id
        return value

    def _row(self, row):
        """``(role, model, "create", values, fragment)`` or
        ``(role, "write:<fixture>", values, fragment)`` as ``(role, model, call, target,
        values, fragment)``."""
        if len(row) == 4:
            role, call, values, fragment = row
            target = self.fixtures[call.split(":", 1)[1]]
            return role, target._name, "write", target, values, fragment
        role, model, call, values, fragment = row
        return role, model, call, None, values, fragment

    def _snapshot(self, model, target, names):
        self.env.invalidate_all()
        Model = self.env[model].sudo().with_context(active_test=False)
        values = target.sudo().read(names)[0] if target else None
        return Model.search_count([]), values

    def _step_args(self, args):
        """The step's arguments, fixtures (``@name``) given as their ids."""
        return [
            {k: self._resolve(v) for k, v in arg.items()} if isinstance(arg, dict)
            else self._resolve(arg)
            for arg in args
        ]  # fmt: skip

    def _step_snapshot(self, target):
        """What a refused step must leave as it was: the record's stored values and the
        number of messages and activities (a step posts and schedules)."""
        self.env.invalidate_all()
        names = [n for n, f in target._fields.items() if f.store and f.type != "binary"]
        counts = [self.env[m].sudo().search_count([]) for m in ("mail.message", "mail.activity")]
        return target.sudo().read(names), counts

    def _rpc_rows(self):
        """The rows JSON can carry (not ``inf``/``nan``)."""
        rows = []
        for row in ROWS:
            try:
                json.dumps(row[-2], allow_nan=False)
            except ValueError:
                continue
            rows.append(row)
        return rows


@tagged("post_install", "-at_install")
class TestMdBadInput(MdBadInputCommon, TransactionCase):
    def test_bad_input_corpus(self):
        _logger.info("md/micro_base bad-input corpus: %s rows", len(ROWS))
        self.assertGreaterEqual(len(ROWS), 40)
        for row in ROWS:
            role, model, call, target, values, fragment = self._row(row)
            with self.subTest(role=role, model=model, call=call, values=values):
                values = {name: self._resolve(value) for name, value in values.items()}
                before = self._snapshot(model, target, list(values))
                user = self.roles[role]
                Model = self.env[model].with_user(user)
                if model == "crm.lead":
                    Model = Model.with_context(default_team_id=self.team.id)
                try:
                    with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                        if call == "create":
                            base = {
                                name: self._resolve(value)
                                for name, value in CREATE_BASE[model].items()
                            }
                            Model.create({**base, **values})
                        else:
                            target.with_user(user).write(values)
                        self.env.flush_all()
                except UserError as error:
                    self.assertIn(fragment, str(error))
                else:
                    self.fail(f"accepted: {row}")
                self.assertEqual(self._snapshot(model, target, list(values)), before)

    def test_workflow_steps_with_bad_arguments(self):
        """Each step of ``STEPS``: a clear refusal (UserError, AccessError for the wrong
        role), never a TypeError or KeyError; nothing written."""
        _logger.info("md workflow-step bad-input rows: %s", len(STEPS))
        for role, fixture, method, args, fragment in STEPS:
            with self.subTest(role=role, fixture=fixture, method=method, args=args):
                target = self.fixtures[fixture]
                before = self._step_snapshot(target)
                with self.assertRaises(UserError) as caught:  # AccessError included
                    with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                        record = target.with_user(self.roles[role])
                        getattr(record, method)(*self._step_args(args))
                        self.env.flush_all()
                self.assertIn(fragment, str(caught.exception))
                if fragment == STEP_ROLE:
                    self.assertIsInstance(caught.exception, AccessError)
                self.assertEqual(self._step_snapshot(target), before)

    def test_list_given_to_owner_keeps_the_owner(self):
        """The many2one given a list (issue 16) used to empty the case's owner."""
        case = self.fixtures["case"].with_user(self.facilitator)
        owner = self.fixtures["owner"]
        with self.assertRaisesMessage(UserError, ONE_RECORD):
            case.write({"partner_id": [owner.id, self.fixtures["other_owner"].id]})
        self.env.invalidate_all()
        self.assertEqual(case.partner_id, owner)
        # A valid id, or False to clear it on purpose, still goes through.
        case.write({"partner_id": False})
        self.assertFalse(case.partner_id)
        case.write({"partner_id": owner.id})
        self.assertEqual(case.partner_id, owner)

    def test_right_answer_and_figures_are_stored(self):
        """The checks refuse the wrong values only."""
        case = self.fixtures["case"].with_user(self.facilitator)
        case.write({"md_workers": 0, "md_years_operating": "4", "md_sales_before": "1500000.5"})
        self.assertEqual((case.md_workers, case.md_years_operating), (0, 4))
        response = self.fixtures["response"].with_user(self.facilitator)
        response.answer_id = self.fixtures["own_answer"]
        self.assertEqual(response.answer_id, self.fixtures["own_answer"])


@tagged("post_install", "-at_install")
class TestMdBadInputRpc(MdBadInputCommon, HttpCase):
    """The corpus and the workflow steps through the external API (``execute_kw`` over
    ``/jsonrpc``), each as the role's own user."""

    def _assert_refused(self, answer, fragment):
        self.assertIn("error", answer, answer)
        error = answer["error"]["data"]
        self.assertIn(error["name"], WIRE_ERRORS, error)
        self.assertIn(fragment, error["message"])

    @mute_logger("odoo.http", "odoo.sql_db")
    def test_bad_input_corpus_over_jsonrpc(self):
        rows = self._rpc_rows()
        _logger.info("md/micro_base bad-input corpus over /jsonrpc: %s rows", len(rows))
        self.assertGreaterEqual(len(rows), 70)
        for row in rows:
            role, model, call, target, values, fragment = self._row(row)
            with self.subTest(role=role, model=model, call=call, values=values):
                values = {name: self._resolve(value) for name, value in values.items()}
                before = self._snapshot(model, target, list(values))
                user = self.roles[role]
                if call == "create":
                    base = {
                        name: self._resolve(value) for name, value in CREATE_BASE[model].items()
                    }
                    context = {"default_team_id": self.team.id} if model == "crm.lead" else {}
                    answer = self._execute_kw(
                        user, model, "create", [{**base, **values}], {"context": context}
                    )
                else:
                    answer = self._execute_kw(user, model, "write", [[target.id], values])
                self._assert_refused(answer, fragment)
                self.assertEqual(self._snapshot(model, target, list(values)), before)

    @mute_logger("odoo.http", "odoo.sql_db")
    def test_workflow_steps_over_jsonrpc(self):
        _logger.info("md workflow-step bad-input rows over /jsonrpc: %s", len(STEPS))
        for role, fixture, method, args, fragment in STEPS:
            with self.subTest(role=role, fixture=fixture, method=method, args=args):
                target = self.fixtures[fixture]
                before = self._step_snapshot(target)
                answer = self._execute_kw(
                    self.roles[role], target._name, method, [[target.id], *self._step_args(args)]
                )
                self._assert_refused(answer, fragment)
                self.assertEqual(self._step_snapshot(target), before)

    @mute_logger("odoo.http")
    def test_workflow_steps_malformed_calls_over_jsonrpc(self):
        """Extra arguments and no (or no valid) ids: a clear refusal on the wire, not
        Python's TypeError or ``ensure_one``'s ValueError."""
        _logger.info("md malformed step calls over /jsonrpc: %s", len(RPC_STEPS))
        for role, fixture, method, args, fragment in RPC_STEPS:
            with self.subTest(role=role, fixture=fixture, method=method, args=args):
                target = self.fixtures[fixture]
                before = self._step_snapshot(target)
                answer = self._execute_kw(
                    self.roles[role], target._name, method, self._step_args(args)
                )
                self._assert_refused(answer, fragment)
                self.assertEqual(self._step_snapshot(target), before)
