"""Issue 16, PRONAFIM: every bad input is a clear refusal naming the field, the value and
the rule; nothing invalid is stored and nothing partial is written.

One table, ``ROWS``: (role, model, call, values, expected fragment). ``call`` is
``create``, ``write:<fixture>``, ``pay`` (payment wizard, then Register) or ``mir`` (MIR
wizard, then Compute). Values name fixtures as ``"$line"`` etc. Every row is run as the
role's own user in the ORM and, for creates and writes, again through the external API
(``execute_kw`` over ``/jsonrpc``). ``STEPS`` / ``RPC_STEPS``: workflow steps called with
malformed arguments, in the wrong status, by the wrong role, without ids; the import corpus
(``ImportCorpusCommon``): files of the micro-borrower report and of the CONDUSEF
complaints exchange that must be refused, through the ORM and the external API.
"""

import base64
import datetime
import json
import logging

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import PronafimCase, on_day
from .test_borrower_report_tools import MAN, WOMAN
from .test_pronafim_imports import (
    COLUMNS,
    COMPLAINT_COLUMNS,
    QUIET,
    UNREADABLE,
    UNREADABLE_FILES,
    ImportCase,
    _csv,
    _xlsx,
)

_logger = logging.getLogger(__name__)
D = datetime.date
RULES = "Reglas de Operación PRONAFIM 2016"
NAN, INF = float("nan"), float("inf")

DISPOSAL = {"line_id": "$line", "date": "2026-11-10", "amount": 1000.0}
LINE = {
    "application_id": "$app2",
    "credit_type_id": "$simple",
    "amount": 500_000,
    "term_months": 12,
}
APP = {"partner_id": "$imf", "application_type": "credit"}
REPORT = {"partner_id": "$imf", "month": "2026-10-01"}
NOT_NUMBER, NOT_WHOLE, NOT_DATE = "is not a number", "is not a whole number", "is not a valid date"
NOT_ID = "is not the id of a record"
NO_RECORD = "does not exist: expected the id of an existing record"
NOT_RECORDS, NOT_FILE = "is not a list of records", "is not a file"
CHOICE = "expected one of"


def _without(base, key):
    return {k: v for k, v in base.items() if k != key}


DSP, LN, AP = "pronafim.credit.disposal", "pronafim.credit.line", "pronafim.application"
RPT, CET, NW = "pronafim.borrower.report", "pronafim.cetes.rate", "pronafim.trust.net.worth"
PAY, MIR = "pronafim.payment.wizard", "pronafim.mir.compute.wizard"
CT, SIZE, RATE = "pronafim.credit.type", "pronafim.size.class", "pronafim.support.rate"
DL, EP, EC = "pronafim.deadline", "pronafim.emergency.program", "pronafim.emergency.credit"
IND = "pronafim.mir.indicator"
GT0, GE0, PCT = "must be greater than 0", "must be at least 0", "between 0 and 100"
SINCE = "on or after 2001-01-01"
#: What a refusal may be on the wire (``execute_kw`` over ``/jsonrpc``).
WIRE_ERRORS = {
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
}

ROWS = [
    # ---- disposals: created by Finance (§VIII.1) ----
    ("finance", DSP, "create", _without(DISPOSAL, "line_id"), "is required"),
    ("finance", DSP, "create", _without(DISPOSAL, "date"), "Date is required"),
    ("finance", DSP, "create", _without(DISPOSAL, "amount"), "Amount is required"),
    ("finance", DSP, "create", {**DISPOSAL, "amount": "abc"}, NOT_NUMBER),
    ("finance", DSP, "create", {**DISPOSAL, "amount": ""}, "Amount is required"),
    ("finance", DSP, "create", {**DISPOSAL, "amount": None}, "Amount is required"),
    ("finance", DSP, "create", {**DISPOSAL, "amount": [1000]}, NOT_NUMBER),
    ("finance", DSP, "create", {**DISPOSAL, "amount": {"v": 1}}, NOT_NUMBER),
    ("finance", DSP, "create", {**DISPOSAL, "amount": "nan"}, NOT_NUMBER),
    ("finance", DSP, "create", {**DISPOSAL, "amount": "1e309"}, NOT_NUMBER),
    ("finance", DSP, "create", {**DISPOSAL, "amount": INF}, NOT_NUMBER),
    ("finance", DSP, "create", {**DISPOSAL, "amount": True}, NOT_NUMBER),
    ("finance", DSP, "create", {**DISPOSAL, "amount": -1000}, GT0),
    ("finance", DSP, "create", {**DISPOSAL, "amount": 0}, GT0),
    ("finance", DSP, "create", {**DISPOSAL, "amount": 99_000_000}, "exceeds the availability"),
    ("finance", DSP, "create", {**DISPOSAL, "date": "2026-02-30"}, NOT_DATE),
    ("finance", DSP, "create", {**DISPOSAL, "date": "2026-13-01"}, NOT_DATE),
    ("finance", DSP, "create", {**DISPOSAL, "date": "yesterday"}, NOT_DATE),
    ("finance", DSP, "create", {**DISPOSAL, "date": 20261110}, NOT_DATE),
    ("finance", DSP, "create", {**DISPOSAL, "date": "20261110"}, NOT_DATE),
    ("finance", DSP, "create", {**DISPOSAL, "date": ""}, "Date is required"),
    ("finance", DSP, "create", {**DISPOSAL, "date": "2026-10-01"}, "outside the disposal window"),
    ("finance", DSP, "create", {**DISPOSAL, "line_id": "abc"}, NOT_ID),
    ("finance", DSP, "create", {**DISPOSAL, "line_id": [1, 2]}, NOT_ID),
    ("finance", DSP, "create", {**DISPOSAL, "line_id": 1.5}, NOT_ID),
    ("finance", DSP, "create", {**DISPOSAL, "line_id": "5"}, NOT_ID),
    ("finance", DSP, "create", {**DISPOSAL, "line_id": -1}, NOT_ID),
    ("finance", DSP, "create", {**DISPOSAL, "line_id": 99_999_999}, "does not exist"),
    ("finance", DSP, "create", {**DISPOSAL, "line_id": "$draft_line"}, "is not formalized"),
    ("manager", DSP, "create", {**DISPOSAL, "date": "2026-02-29"}, NOT_DATE),
    # ---- credit lines: terms of the rule table (§VIII.1, §VIII.3) ----
    ("finance", LN, "create", {**LINE, "term_months": 12.7}, NOT_WHOLE),
    ("finance", LN, "create", {**LINE, "term_months": "12.7"}, NOT_WHOLE),
    ("finance", LN, "create", {**LINE, "term_months": "doce"}, NOT_WHOLE),
    ("finance", LN, "create", {**LINE, "term_months": "1e3"}, NOT_WHOLE),
    ("finance", LN, "create", {**LINE, "term_months": 2**31}, NOT_WHOLE),
    ("finance", LN, "create", {**LINE, "term_months": True}, NOT_WHOLE),
    ("finance", LN, "create", {**LINE, "term_months": 0}, GT0),
    ("finance", LN, "create", {**LINE, "term_months": -3}, GT0),
    ("finance", LN, "create", {**LINE, "term_months": 37}, "outside 1 to 36 months"),
    ("finance", LN, "create", {**LINE, "grace_months": 1.5}, NOT_WHOLE),
    ("finance", LN, "create", {**LINE, "grace_months": -1}, GE0),
    ("finance", LN, "create", {**LINE, "amount": "abc"}, NOT_NUMBER),
    ("finance", LN, "create", {**LINE, "amount": -1000}, GT0),
    ("finance", LN, "create", {**LINE, "amount": 0}, GT0),
    ("finance", LN, "create", {**LINE, "amount": 100_000_000.01}, "maximum of"),
    ("finance", LN, "create", {**LINE, "margin": -1}, GE0),
    ("finance", LN, "create", {**LINE, "margin": "x"}, NOT_NUMBER),
    ("finance", LN, "create", {**LINE, "credit_type_id": "simple"}, NOT_ID),
    ("finance", LN, "create", {**LINE, "regional_rate": 150}, PCT),
    ("finance", LN, "create", {**LINE, "investment_amount": -5}, GE0),
    ("finance", LN, "write:draft_line", {"term_months": 12.7}, NOT_WHOLE),
    ("finance", LN, "write:draft_line", {"amount": -1}, GT0),
    ("finance", LN, "write:draft_line", {"grace_months": "two"}, NOT_WHOLE),
    # ---- applications (§IV.2, §VIII.1, §VIII.1.B.i) ----
    ("analyst", AP, "create", {**APP, "amount_requested": -1000}, GE0),
    ("analyst", AP, "create", {**APP, "amount_requested": "abc"}, NOT_NUMBER),
    ("analyst", AP, "create", {**APP, "amount_requested": "NaN"}, NOT_NUMBER),
    ("analyst", AP, "create", {**APP, "amount_requested": [5]}, NOT_NUMBER),
    ("analyst", AP, "create", {**APP, "women_share_pct": 150}, PCT),
    ("analyst", AP, "create", {**APP, "women_share_pct": -1}, PCT),
    ("analyst", AP, "create", {**APP, "women_share_pct": "mitad"}, NOT_NUMBER),
    ("analyst", AP, "create", {**APP, "partner_id": "$nobody"}, "has no PRONAFIM role"),
    ("analyst", AP, "create", {**APP, "partner_id": "Microfinanciera Uno"}, NOT_ID),
    ("analyst", AP, "write:draft_app", {"user_id": [1]}, NOT_ID),
    ("analyst", AP, "write:draft_app", {"women_share_pct": 150}, PCT),
    ("analyst", AP, "write:draft_app", {"amount_requested": -1}, GE0),
    ("analyst", AP, "write:draft_app", {"partner_id": "$nobody"}, "has no PRONAFIM role"),
    ("manager", AP, "create", {**APP, "women_share_pct": 100.01}, PCT),
    # ---- borrower reports (Anexo 3 monthly report) ----
    ("analyst", RPT, "create", {**REPORT, "month": "2026-02-30"}, NOT_DATE),
    ("analyst", RPT, "create", {**REPORT, "month": "febrero"}, NOT_DATE),
    ("analyst", RPT, "create", {**REPORT, "month": 202602}, NOT_DATE),
    ("analyst", RPT, "create", {**REPORT, "partner_id": "Microfinanciera Uno"}, NOT_ID),
    ("analyst", RPT, "create", _without(REPORT, "month"), "is required"),
    ("analyst", RPT, "create", _without(REPORT, "partner_id"), "is required"),
    ("analyst", RPT, "write:report", {"month": "2026-04-31"}, NOT_DATE),
    # ---- CETES (§VIII.1) and trust net worth (§IX.3.b): reference rows ----
    ("finance", CET, "create", {"date_from": "1990-01-01", "rate": -5}, SINCE),
    ("finance", CET, "create", {"date_from": "2026-06-01", "rate": -5}, PCT),
    ("finance", CET, "create", {"date_from": "2026-06-01", "rate": 150}, PCT),
    ("finance", CET, "create", {"date_from": "2026-06-01", "rate": "abc"}, NOT_NUMBER),
    ("finance", CET, "create", {"date_from": "2026-02-30", "rate": 7}, NOT_DATE),
    ("finance", CET, "create", {"rate": 7}, "is required"),
    ("analyst", CET, "create", {"date_from": "2026-06-01", "rate": 7}, "not allowed"),
    ("finance", CET, "write:cetes", {"rate": 7.5}, "Only the program manager"),
    ("manager", CET, "write:cetes", {"rate": -1}, PCT),
    ("manager", CET, "write:cetes", {"date_from": "1999-12-31"}, SINCE),
    ("finance", NW, "create", {"month": "2026-06-01", "amount": -1}, GT0),
    ("finance", NW, "create", {"month": "2026-06-01", "amount": 0}, GT0),
    ("finance", NW, "create", {"month": "2026-06-01", "amount": "abc"}, NOT_NUMBER),
    ("finance", NW, "create", {"month": "1990-01-01", "amount": 1e9}, SINCE),
    ("finance", NW, "create", {"month": "2026-02-30", "amount": 1e9}, NOT_DATE),
    ("manager", NW, "write:worth", {"amount": -1}, GT0),
    # ---- ids of no record, malformed lists of records and files (found from outside) ----
    ("analyst", AP, "write:draft_app", {"user_id": 99_999_999}, NO_RECORD),
    ("analyst", AP, "write:draft_app", {"analysis_ids": [[0, 0, "x"]]}, NOT_RECORDS),
    ("analyst", AP, "write:draft_app", {"analysis_ids": "abc"}, NOT_RECORDS),
    ("finance", LN, "write:draft_line", {"disposal_ids": [[1, -5, {}]]}, NOT_RECORDS),
    ("finance", LN, "write:draft_line", {"microcredit_ids": [[4, "x"]]}, NOT_RECORDS),
    ("analyst", RPT, "write:report", {"partner_id": 99_999_999}, NO_RECORD),
    ("analyst", EC, "write:emergency", {"id_document": "not base64!"}, NOT_FILE),
    ("analyst", EC, "write:emergency", {"address_proof": {"a": 1}}, NOT_FILE),
    ("analyst", EC, "write:emergency", {"program_id": [1, 2]}, NOT_ID),
    ("analyst", EC, "write:emergency", {"state_id": 99_999_999}, NO_RECORD),
    ("analyst", EC, "write:emergency", {"business_name": ["Fonda", "Ana"]}, "is not a text"),
    # ---- reference tables of the rules (manager): shapes and ranges ----
    ("manager", CT, "write:credit_type", {"max_amount": -1}, GT0),
    ("manager", CT, "write:credit_type", {"max_amount": "abc"}, NOT_NUMBER),
    ("manager", CT, "write:credit_type", {"max_investment_pct": "nan"}, NOT_NUMBER),
    ("manager", CT, "write:credit_type", {"max_investment_pct": 150}, PCT),
    ("manager", CT, "write:credit_type", {"max_term_months": 0}, GT0),
    ("manager", CT, "write:credit_type", {"max_term_months": 2**40}, NOT_WHOLE),
    ("manager", CT, "write:credit_type", {"disposal_window_months": -1}, GE0),
    ("manager", CT, "write:credit_type", {"sequence": "abc"}, NOT_WHOLE),
    ("manager", SIZE, "write:size_class", {"min_portfolio_m": "1e309"}, NOT_NUMBER),
    ("manager", SIZE, "write:size_class", {"min_portfolio_m": -1}, GE0),
    ("manager", SIZE, "write:size_class", {"max_portfolio_m": [1]}, NOT_NUMBER),
    ("manager", RATE, "write:support_rate", {"max_pct": 150}, PCT),
    ("manager", RATE, "write:support_rate", {"max_pct": "nan"}, NOT_NUMBER),
    ("manager", RATE, "write:support_rate", {"min_criteria": -1}, "between 0 and 3"),
    ("manager", RATE, "write:support_rate", {"kind": "zzz"}, CHOICE),
    ("manager", DL, "write:deadline", {"business_days": -1}, GT0),
    ("manager", DL, "write:deadline", {"business_days": 2**40}, NOT_WHOLE),
    ("manager", DL, "write:deadline", {"warning_days": -1}, GE0),
    ("manager", DL, "write:deadline", {"code": [1]}, CHOICE),
    ("manager", EP, "write:emergency_program", {"credit_amount": "abc"}, NOT_NUMBER),
    ("manager", EP, "write:emergency_program", {"envelope_amount": "1e309"}, NOT_NUMBER),
    ("manager", EP, "write:emergency_program", {"envelope_count": 2**40}, NOT_WHOLE),
    ("manager", EP, "write:emergency_program", {"journal_id": [1, 2]}, NOT_ID),
    ("manager", EP, "write:emergency_program", {"bank_account_id": "abc"}, NOT_ID),
    ("manager", IND, "write:indicator", {"level": "zzz"}, CHOICE),
    ("manager", IND, "write:indicator", {"baseline": "nan"}, NOT_NUMBER),
    ("manager", IND, "write:indicator", {"target": {"a": 1}}, NOT_NUMBER),
    # ---- wizards ----
    (
        "finance",
        PAY,
        "pay",
        {"disposal_id": "$disposal", "date": "2026-12-01", "amount": "abc"},
        NOT_NUMBER,
    ),
    (
        "finance",
        PAY,
        "pay",
        {"disposal_id": "$disposal", "date": "2026-02-30", "amount": 10},
        NOT_DATE,
    ),
    (
        "finance",
        PAY,
        "pay",
        {"disposal_id": "$disposal", "date": "2026-12-01", "amount": -5},
        "must be positive",
    ),
    ("finance", PAY, "pay", {"date": "2026-12-01", "amount": 10}, "is required"),
    ("finance", PAY, "pay", {"disposal_id": "x", "date": "2026-12-01", "amount": 10}, NOT_ID),
    ("manager", MIR, "mir", {"date": "2026-02-30"}, NOT_DATE),
    ("manager", MIR, "mir", {"date": "mañana"}, NOT_DATE),
]
#: Workflow steps called as an external API client may call them: ``(role, fixture,
#: method, positional arguments, fragment)``; malformed arguments, the wrong status, the
#: wrong role. Nothing may be written.
STEPS = [
    ("analyst", "emergency", "action_reject", (123,), "is not a text"),
    ("analyst", "emergency", "action_reject", (["Fuera del programa"],), "is not a text"),
    ("analyst", "emergency", "action_reject", ({"reason": "x"},), "is not a text"),
    ("analyst", "emergency", "action_reject", ("   ",), "reason of the rejection"),
    ("analyst", "emergency", "action_reject", ("Fuera del programa",), "Only a submitted"),
    ("portal", "emergency", "action_reject", ("Fuera del programa",), "this step is for"),
    ("finance", "line", "action_formalize", (), "Only a line to formalize"),
    ("analyst", "draft_line", "action_formalize", (), "this step is for"),
    ("analyst", "report", "action_import", (), "Attach the report file"),
]
#: Steps called through the external API with arguments they do not take or without
#: records: ``(role, fixture, method, the call's positional arguments, fragment)``
#: (``"$fixture"``: the fixture's id).
TAKES, NOT_IDS = "does not take the arguments", "is not a list of record ids"
RPC_STEPS = [
    ("finance", "line", "action_formalize", [["$line"], "x"], TAKES),
    ("finance", "line", "action_formalize", [[]], NOT_IDS),
    ("analyst", "report", "action_import", [["$report"], True], TAKES),
    ("analyst", "report", "action_import", [["abc"]], NOT_IDS),
    ("analyst", "report", "action_import_in_background", [[-3]], NOT_IDS),
    ("analyst", "emergency", "action_reject", [["$emergency"], "motivo", "otro"], TAKES),
    ("analyst", "emergency", "action_submit", [], NOT_IDS),
    ("analyst", "draft_app", "action_receive", [["$draft_app"], {"a": 1}], TAKES),
    ("analyst", "draft_app", "action_cancel", [["$draft_app", "x"]], NOT_IDS),
]
#: Record counts that must not move when a bad input is refused.
COUNTED = (
    "pronafim.credit.disposal", "pronafim.credit.installment", "pronafim.credit.repayment",
    "pronafim.credit.line", "pronafim.application", "pronafim.borrower.report",
    "pronafim.cetes.rate", "pronafim.trust.net.worth", "account.move", "mail.message",
    "pronafim.emergency.credit", "pronafim.microcredit", "pronafim.complaint",
)  # fmt: skip


class BadInputCommon(PronafimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        simple = cls.env.ref("pronafim_credit.credit_type_simple")
        apps = []
        for _i in range(3):
            app = cls._app(cls, day=D(2026, 9, 9))
            app.sudo().write({"state": "authorized", "outcome": "authorized"})
            apps.append(app)
        Line = cls.env["pronafim.credit.line"].with_user(cls.finance)
        values = {"credit_type_id": simple.id, "amount": 1_200_000, "term_months": 12}
        cls.line = Line.create({**values, "application_id": apps[0].id, "margin": 3.0})
        with on_day(D(2026, 11, 2)):
            cls.line.action_formalize()
        cls.draft_line = Line.create({**values, "application_id": apps[1].id})
        cls.app2 = apps[2]
        cls.disposal = (
            cls.env["pronafim.credit.disposal"]
            .with_user(cls.finance)
            .create({"line_id": cls.line.id, "date": D(2026, 11, 2), "amount": 100_000})
        )
        cls.draft_app = (
            cls.env["pronafim.application"]
            .with_user(cls.analyst)
            .create(dict(APP, partner_id=cls.imf.id))
        )
        cls.nobody = cls.env["res.partner"].create({"name": "Persona sin rol", "is_company": True})
        cls.report = (
            cls.env["pronafim.borrower.report"]
            .with_user(cls.analyst)
            .create({"partner_id": cls.imf.id, "month": D(2026, 10, 1)})
        )
        cls.worth = cls.env["pronafim.trust.net.worth"].search([], limit=1)
        cls.emergency = (
            cls.env["pronafim.emergency.credit"]
            .with_user(cls.analyst)
            .create(
                {
                    "program_id": cls.env.ref(
                        "pronafim_credit.emergency_program_fondeso_covid"
                    ).id,
                    "partner_id": cls.env["res.partner"].create({"name": "Ana Gómez"}).id,
                    "curp": "GOMA900215MDFRRN04",
                    "state_id": cls.env.ref("base.state_mx_df").id,
                    "business_name": "Fonda Ana",
                }
            )
        )
        cls.refs = {
            "$line": cls.line.id,
            "$draft_line": cls.draft_line.id,
            "$app2": cls.app2.id,
            "$simple": simple.id,
            "$imf": cls.imf.id,
            "$nobody": cls.nobody.id,
            "$disposal": cls.disposal.id,
            "$report": cls.report.id,
            "$emergency": cls.emergency.id,
            "$draft_app": cls.draft_app.id,
        }
        cls.fixtures = {
            "draft_line": cls.draft_line,
            "draft_app": cls.draft_app,
            "report": cls.report,
            "cetes": cls.cetes,
            "worth": cls.worth,
            "emergency": cls.emergency,
            "line": cls.line,
            "credit_type": simple,
            "size_class": cls.env["pronafim.size.class"].search([], limit=1),
            "support_rate": cls.env["pronafim.support.rate"].search([], limit=1),
            "deadline": cls.env["pronafim.deadline"].search([], limit=1),
            "emergency_program": cls.env.ref("pronafim_credit.emergency_program_fondeso_covid"),
            "indicator": cls.env["pronafim.mir.indicator"].search([], limit=1),
        }

    def _resolve(self, values):
        return {k: self.refs.get(v, v) if isinstance(v, str) else v for k, v in values.items()}

    def _counts(self):
        self.env.flush_all()
        return {model: self.env[model].sudo().search_count([]) for model in COUNTED}

    def _snapshot(self, call):
        if not call.startswith(("write:", "step:")):
            return None
        record = self.fixtures[call.split(":", 1)[1]].sudo()
        record.invalidate_recordset()
        names = [n for n, f in record._fields.items() if f.store and f.type != "binary"]
        return record.read(names)


@tagged("post_install", "-at_install")
class TestPronafimBadInput(BadInputCommon):
    def _run_row(self, role, model, call, values):
        user = getattr(self, role)
        Model = self.env[model].with_user(user)
        values = self._resolve(values)
        if call == "create":
            Model.create(values)
        elif call.startswith("write:"):
            self.fixtures[call.split(":", 1)[1]].with_user(user).write(values)
        elif call == "pay":
            Model.create(values).action_register()
        elif call == "mir":
            Model.create(values).action_compute()
        self.env.flush_all()

    def test_bad_input_corpus(self):
        """Each row: a UserError (ValidationError, AccessError) with the fragment, no other
        exception type, and no record count or field changed."""
        _logger.info("PRONAFIM bad-input corpus: %s rows", len(ROWS))
        self.assertGreaterEqual(len(ROWS), 50)
        self.assertEqual(len({(r[0], r[1], r[2], repr(r[3])) for r in ROWS}), len(ROWS))
        for role, model, call, values, fragment in ROWS:
            with self.subTest(role=role, model=model, call=call, values=values):
                before, snapshot = self._counts(), self._snapshot(call)
                with self.assertRaises(UserError) as caught:
                    with self.env.cr.savepoint():
                        self._run_row(role, model, call, values)
                self.assertIn(fragment, str(caught.exception))
                self.assertEqual(self._counts(), before)
                self.assertEqual(self._snapshot(call), snapshot)

    def test_workflow_steps_with_bad_arguments(self):
        """Each step of ``STEPS``: a clear refusal, never a TypeError or AttributeError;
        nothing written."""
        _logger.info("PRONAFIM workflow-step bad-input rows: %s", len(STEPS))
        for role, fixture, method, args, fragment in STEPS:
            with self.subTest(role=role, fixture=fixture, method=method, args=args):
                call = f"step:{fixture}"
                before, snapshot = self._counts(), self._snapshot(call)
                with self.assertRaises(UserError) as caught:  # AccessError included
                    with self.env.cr.savepoint():
                        record = self.fixtures[fixture].with_user(getattr(self, role))
                        getattr(record, method)(*args)
                        self.env.flush_all()
                self.assertIn(fragment, str(caught.exception))
                self.assertEqual(self._counts(), before)
                self.assertEqual(self._snapshot(call), snapshot)

    def test_messages_name_field_value_and_rule(self):
        """The rule messages cite the official document and section."""
        cases = [
            (
                self.env["pronafim.application"].with_user(self.analyst),
                {**APP, "partner_id": self.imf.id, "women_share_pct": 150},
                ("Women in Portfolio (%)", "150", f"{RULES}, §VIII.1.B.i"),
            ),
            (
                self.env["pronafim.cetes.rate"].with_user(self.finance),
                {"date_from": "2026-06-01", "rate": -5},
                ("Annual Rate (%)", "-5", f"{RULES}, §VIII.1"),
            ),
            (
                self.env["pronafim.trust.net.worth"].with_user(self.finance),
                {"month": "2026-06-01", "amount": -1},
                ("Net Worth (MXN)", "-1", f"{RULES}, §IX.3.b"),
            ),
            (
                self.env["pronafim.credit.line"].with_user(self.finance),
                {**self._resolve(LINE), "term_months": 12.7},
                ("Term (months)", "12.7"),
            ),
            (
                self.env["pronafim.credit.disposal"].with_user(self.finance),
                {**self._resolve(DISPOSAL), "date": "2026-02-30"},
                ("Date", "2026-02-30"),
            ),
        ]
        for Model, values, fragments in cases:
            with self.subTest(model=Model._name, values=values):
                with self.assertRaises(ValidationError) as caught:
                    with self.env.cr.savepoint():
                        Model.create(values)
                for fragment in fragments:
                    self.assertIn(fragment, str(caught.exception))

    def test_wrong_cetes_corrected_by_manager_without_blocking(self):
        """An impossible CETES row is refused; a wrong but possible one (a typo) is corrected
        and another deleted by the manager, with the trace kept, and disbursements go on."""
        Cetes = self.env["pronafim.cetes.rate"]
        Disposal = self.env["pronafim.credit.disposal"].with_user(self.finance)
        with self.assertRaisesMessage(ValidationError, f"{RULES}, §VIII.1"):
            with self.env.cr.savepoint():
                Cetes.with_user(self.finance).create({"date_from": "1990-01-01", "rate": -5})
        typo = Cetes.with_user(self.finance).create({"date_from": D(2026, 11, 5), "rate": 72.5})
        first = Disposal.create({"line_id": self.line.id, "date": D(2026, 11, 10), "amount": 1000})
        self.assertAlmostEqual(first.ordinary_rate, 75.5)
        with self.assertRaisesMessage(UserError, "Only the program manager"):
            typo.with_user(self.finance).write({"rate": 7.5})
        typo.with_user(self.manager).write({"rate": 7.5})
        self.env.cr.precommit.run()  # tracking values are written at commit
        tracked = typo.sudo().message_ids.tracking_value_ids
        self.assertIn(72.5, tracked.mapped("old_value_float"))
        self.assertIn(7.5, tracked.mapped("new_value_float"))
        second = Disposal.create(
            {"line_id": self.line.id, "date": D(2026, 11, 11), "amount": 1000}
        )
        self.assertAlmostEqual(second.ordinary_rate, 10.5)
        wrong = Cetes.with_user(self.finance).create({"date_from": D(2026, 11, 20), "rate": 0.5})
        with self.assertRaises(UserError):
            with self.env.cr.savepoint():
                wrong.with_user(self.finance).unlink()
        wrong.with_user(self.manager).unlink()
        self.assertIn("0.5 % in force from 2026-11-20 deleted", typo.sudo().message_ids[0].body)
        third = Disposal.create({"line_id": self.line.id, "date": D(2026, 11, 21), "amount": 1000})
        self.assertAlmostEqual(third.ordinary_rate, 10.5)
        self.assertEqual(len(third.installment_ids), 12)

    def test_valid_edges_accepted(self):
        """The bounds themselves are accepted (0 % and 100 %, a whole term given as 12.0)."""
        App = self.env["pronafim.application"].with_user(self.analyst)
        app = App.create(
            {**APP, "partner_id": self.imf.id, "women_share_pct": 100, "amount_requested": 0}
        )
        self.assertEqual(app.women_share_pct, 100)
        line = (
            self.env["pronafim.credit.line"]
            .with_user(self.finance)
            .create({**self._resolve(LINE), "term_months": 12.0})
        )
        self.assertEqual(line.term_months, 12)
        rate = (
            self.env["pronafim.cetes.rate"]
            .with_user(self.finance)
            .create({"date_from": "2001-01-01", "rate": 0})
        )
        self.assertEqual(rate.rate, 0)


@tagged("post_install", "-at_install")
class TestPronafimBadInputRpc(BadInputCommon, HttpCase):
    """The creates and writes of the corpus through the external API, as each role."""

    def test_bad_input_corpus_over_jsonrpc(self):
        rows = []
        for row in ROWS:
            try:
                json.dumps(row[3], allow_nan=False)
            except ValueError:
                continue
            if row[2] == "create" or row[2].startswith("write:"):
                rows.append(row)
        _logger.info("PRONAFIM bad-input corpus over /jsonrpc: %s rows", len(rows))
        self.assertGreaterEqual(len(rows), 40)
        expected = WIRE_ERRORS
        for role, model, call, values, fragment in rows:
            with self.subTest(role=role, model=model, call=call, values=values):
                before, snapshot = self._counts(), self._snapshot(call)
                user = getattr(self, role)
                values = self._resolve(values)
                if call == "create":
                    answer = self._execute_kw(user, model, "create", [values])
                else:
                    record = self.fixtures[call.split(":", 1)[1]]
                    answer = self._execute_kw(user, model, "write", [[record.id], values])
                self.assertIn("error", answer, answer)
                self.assertIn(answer["error"]["data"]["name"], expected, answer)
                self.assertIn(fragment, answer["error"]["data"]["message"])
                self.env.invalidate_all()
                self.assertEqual(self._counts(), before)
                self.assertEqual(self._snapshot(call), snapshot)

    @mute_logger("odoo.http")
    def test_workflow_steps_over_jsonrpc(self):
        _logger.info("PRONAFIM workflow-step bad-input rows over /jsonrpc: %s", len(STEPS))
        for role, fixture, method, args, fragment in STEPS:
            with self.subTest(role=role, fixture=fixture, method=method, args=args):
                call = f"step:{fixture}"
                before, snapshot = self._counts(), self._snapshot(call)
                record = self.fixtures[fixture]
                answer = self._execute_kw(
                    getattr(self, role), record._name, method, [[record.id], *args]
                )
                self.assertIn("error", answer, answer)
                self.assertIn(answer["error"]["data"]["name"], WIRE_ERRORS, answer)
                self.assertIn(fragment, answer["error"]["data"]["message"])
                self.env.invalidate_all()
                self.assertEqual(self._counts(), before)
                self.assertEqual(self._snapshot(call), snapshot)

    @mute_logger("odoo.http")
    def test_workflow_steps_malformed_calls_over_jsonrpc(self):
        """Extra arguments and no (or no valid) ids: a clear refusal on the wire, not
        Python's TypeError or ``ensure_one``'s ValueError."""
        _logger.info("PRONAFIM malformed step calls over /jsonrpc: %s", len(RPC_STEPS))
        for role, fixture, method, args, fragment in RPC_STEPS:
            with self.subTest(role=role, fixture=fixture, method=method, args=args):
                call = f"step:{fixture}"
                before, snapshot = self._counts(), self._snapshot(call)
                record = self.fixtures[fixture]
                args = [
                    [self.refs.get(i, i) for i in arg] if isinstance(arg, list) else arg
                    for arg in args
                ]
                answer = self._execute_kw(getattr(self, role), record._name, method, args)
                self.assertIn("error", answer, answer)
                self.assertIn(answer["error"]["data"]["name"], WIRE_ERRORS, answer)
                self.assertIn(fragment, answer["error"]["data"]["message"])
                self.env.invalidate_all()
                self.assertEqual(self._counts(), before)
                self.assertEqual(self._snapshot(call), snapshot)


class ImportCorpusCommon(ImportCase):
    """The bad files of the program's imports (issue 16): each refused in one line (a file
    that cannot be read) or on its line (a bad row), nothing imported. Rows: ``(role,
    import, file name, content, fragment)``; ``import`` is ``report`` (a micro-borrower
    report, ``action_import``) or ``complaints`` (a CONDUSEF file, ``action_import``).
    Excel's Windows-1252 CSV with ``;`` is read: its bad rows are reported like others'."""

    def _import_rows(self):
        row, crow = self._row, self._complaint_row
        rows = [
            (role, "report", name, content, UNREADABLE)
            for role in ("portal", "analyst")
            for _label, name, content in UNREADABLE_FILES
        ]
        rows += [
            ("officer", "complaints", name, content, UNREADABLE)
            for _label, name, content in UNREADABLE_FILES
        ]

        def latin1(*values, columns=None):
            return _csv(columns or COLUMNS, list(values), ";", "cp1252")

        rows += [
            ("analyst", "report", "vacio.csv", b"", "Attach the report file"),
            ("portal", "report", "encabezado.csv", _csv(COLUMNS, []), "the file has no rows"),
            ("analyst", "report", "octubre.csv", latin1(row(WOMAN, "María Núñez", amount="abc")),
             "Line 2: "),
            ("portal", "report", "octubre.csv", latin1(row(WOMAN, "Íñigo", date="2026-02-30")),
             "Line 2: "),
            ("analyst", "report", "octubre.csv", latin1(row(MAN, "José Peña", amount="1e309")),
             "amount 1e309 is too large"),
            ("analyst", "report", "octubre.xlsx", _xlsx(COLUMNS, [row(MAN, amount="-5")]),
             "Line 2: "),
            ("analyst", "report", "octubre.csv", latin1(row(MAN, term_months="12.7")),
             "term_months '12.7' is not a whole number"),
            ("analyst", "report", "octubre.csv", latin1(row("CURP-FALSA", "Ana")), "Line 2: "),
            ("analyst", "report", "octubre.csv", latin1(row(WOMAN, line="LINEA-X")), "Line 2: "),
            ("analyst", "report", "octubre.csv",
             _csv(COLUMNS[:-1], [row(WOMAN)[:-1]], ";", "cp1252"), "Line 1: "),
            ("officer", "complaints", "condusef.csv",
             latin1(crow("F-B1", amount="1e309"), columns=COMPLAINT_COLUMNS),
             "amount claimed 1e309 is too large"),
            ("officer", "complaints", "condusef.csv",
             latin1(crow("F-B2", amount="abc"), columns=COMPLAINT_COLUMNS),
             "amount claimed 'abc' is not a number >= 0"),
            ("officer", "complaints", "condusef.csv",
             latin1(crow("F-B3", amount="-10"), columns=COMPLAINT_COLUMNS),
             "is not a number >= 0"),
            ("officer", "complaints", "condusef.csv",
             latin1([*crow("F-B4")[:7], "2026-02-30"], columns=COMPLAINT_COLUMNS),
             "is not a YYYY-MM-DD date"),
            ("officer", "complaints", "condusef.csv",
             latin1(["F-B5", "queja", *crow("F-B5")[2:]], columns=COMPLAINT_COLUMNS),
             "is neither complaint nor inquiry"),
            ("officer", "complaints", "condusef.csv",
             latin1([*crow("F-B6")[:2], "Financiera Fantasma", *crow("F-B6")[3:]],
                    columns=COMPLAINT_COLUMNS), "is not registered"),
            ("officer", "complaints", "condusef.csv",
             latin1(crow("F-B7"), crow("F-B7"), columns=COMPLAINT_COLUMNS), "already on line"),
            ("officer", "complaints", "condusef.csv",
             _csv(COMPLAINT_COLUMNS[:-1], [crow("F-B8")[:-1]]), "missing columns"),
        ]  # fmt: skip
        return rows

    def _import_counts(self):
        self.env.flush_all()
        models = ("pronafim.microcredit", "pronafim.complaint", "account.move")
        return [self.env[model].sudo().search_count([]) for model in models]


@tagged("post_install", "-at_install")
class TestPronafimImportCorpus(ImportCorpusCommon):
    @mute_logger(*QUIET)
    def test_bad_files_refused_nothing_imported(self):
        rows = self._import_rows()
        _logger.info("PRONAFIM bad-input import corpus: %s rows", len(rows))
        self.assertGreaterEqual(len(rows), 30)
        for role, kind, name, content, fragment in rows:
            with self.subTest(role=role, kind=kind, name=name, content=content[:40]):
                before = self._import_counts()
                user = getattr(self, role)
                message = ""
                try:
                    with self.env.cr.savepoint():
                        if kind == "report":
                            record = (
                                self.env["pronafim.borrower.report"]
                                .with_user(user)
                                .create(
                                    {
                                        "partner_id": self.imf.id,
                                        "month": D(2026, 10, 1),
                                        "file": base64.b64encode(content),
                                        "filename": name,
                                    }
                                )
                            )
                            self.assertFalse(record.action_import())
                            message = record.sudo().error_log
                            self.assertEqual(record.sudo().state, "error")
                        else:
                            record = (
                                self.env["pronafim.complaint.file"]
                                .with_user(user)
                                ._receive(content, name)
                            )
                            record.action_import()
                            message = record.sudo().error_report
                            self.assertEqual(record.sudo().state, "error")
                except UserError as error:  # ValidationError, AccessError included
                    message = str(error)
                self.assertIn(fragment, message or "")
                self.assertNotIn("Traceback", message)
                self.assertEqual(self._import_counts(), before)


@tagged("post_install", "-at_install")
class TestPronafimImportCorpusRpc(ImportCorpusCommon, HttpCase):
    """The same files through the external API (``execute_kw`` over ``/jsonrpc``): the
    file sent base64-encoded in ``create``, then ``action_import``, as each role."""

    @mute_logger(*QUIET)
    def test_bad_files_over_jsonrpc(self):
        rows = self._import_rows()
        _logger.info("PRONAFIM bad-input import corpus over /jsonrpc: %s rows", len(rows))
        for role, kind, name, content, fragment in rows:
            with self.subTest(role=role, kind=kind, name=name, content=content[:40]):
                before = self._import_counts()
                user = getattr(self, role)
                data = base64.b64encode(content).decode()
                if kind == "report":
                    model = "pronafim.borrower.report"
                    values = {"partner_id": self.imf.id, "month": "2026-10-01",
                              "file": data, "filename": name}  # fmt: skip
                    log = "error_log"
                else:
                    model = "pronafim.complaint.file"
                    values = {"name": name, "datas": data}
                    log = "error_report"
                answer = self._execute_kw(user, model, "create", [values])
                self.assertNotIn("error", answer, answer)
                record = self.env[model].browse(answer["result"])
                answer = self._execute_kw(user, model, "action_import", [record.ids])
                if "error" in answer:
                    error = answer["error"]["data"]
                    self.assertIn(error["name"], WIRE_ERRORS, error)
                    message = error["message"]
                else:
                    self.env.invalidate_all()
                    self.assertEqual(record.state, "error")
                    message = record[log]
                self.assertIn(fragment, message or "")
                self.assertNotIn("Traceback", message)
                self.assertEqual(self._import_counts(), before)
