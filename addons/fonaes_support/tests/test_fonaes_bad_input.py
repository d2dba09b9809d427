"""Bad-input corpus of FONAES (issue 16): every wrong value is a clear refusal.

Each row is (role, target, call, values, expected fragment(s): a text, or a tuple of texts
all in the message). The call runs as the role's
own user; the test asserts a ``UserError``/``ValidationError`` (never a ``KeyError``,
``TypeError``, ``ValueError`` or database error), the fragment in the message, and that
nothing changed (record count for a create, the values for a write). A row whose call is
a workflow step gives its arguments as ``Args(...)`` (none: ``Args()``). The same rows run
again through the external API (``execute_kw`` over ``/jsonrpc``,
``TestFonaesBadInputRpc``), with the steps called without (valid) ids or with arguments
they do not take.
"""

import datetime
import json
import logging
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import FonaesCase

_logger = logging.getLogger(__name__)

DOC = "Reglas de Operación FONAES 2005"
#: What a refusal may be on the wire (``execute_kw`` over ``/jsonrpc``).
WIRE_ERRORS = {
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
}
STEP_ROLE = "this step is for"
NO_RECORD = "does not exist: expected the id of an existing record"
NOT_RECORDS = "is not a list of records"
APP_STEP_STATE = "this step is not allowed now"


class Args(tuple):
    """The positional arguments of a workflow step called by a row (``Args()``: none)."""


def jsonable(value):
    """``value`` as an external API client sends it (dates as ISO text), or ``None`` when
    JSON cannot carry it (``inf``, ``nan``)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


class FonaesBadInputCommon(FonaesCase):
    """The fixtures and the rows of the corpus, run in the ORM and over ``/jsonrpc``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_accounting()
        cls.enterprise.write(
            {"property_account_payable_id": cls.payable.id, "fonaes_esc_id": cls.esc.id}
        )
        # An application authorized and its draft agreement (state representative).
        Application = cls.env["fonaes.application"].with_user(cls.state_rep)
        limit = cls.env.ref("fonaes_support.support_limit_csr_1")
        base = {
            "partner_id": cls.enterprise.id,
            "support_type_id": limit.support_type_id.id,
            "limit_id": limit.id,
            "state_id": cls.oaxaca.id,
            "fiscal_year": cls.year,
            "project_amount": 1_500_000,
        }
        cls.app_vals = dict(base, requested_amount=600_000, fixed_asset_amount=200_000)
        cls.draft_app = Application.create(dict(cls.app_vals))
        app = Application.create(dict(cls.app_vals))
        app.document_line_ids.write({"received": True})
        app.action_submit()
        app.write(
            {
                "validation_members": True,
                "validation_assets": True,
                "validation_conditions": True,
            }
        )
        app.action_validate()
        app.evaluation_result = "feasible"
        app.action_evaluate()
        app.action_authorize()
        cls.agreement = (
            cls.env["fonaes.agreement"]
            .with_user(cls.state_rep)
            .browse(app.action_create_agreement()["res_id"])
        )
        cls.agreement.write(
            {
                "revolving_months_working": 36,
                "revolving_months_fixed": 96,
                "revolving_grace_months": 6,
                "ministration_ids": [
                    (0, 0, {"planned_date": date(2026, 12, 1), "amount": 300_000}),
                    (0, 0, {"planned_date": date(2027, 2, 1), "amount": 300_000}),
                ],
            }
        )
        cls.ministration = cls.agreement.ministration_ids[0]
        cls.trust_report = (
            cls.env["fonaes.trust.report"]
            .with_user(cls.state_rep)
            .create({"agreement_id": cls.agreement.id, "year": 2026, "quarter": "3"})
        )
        cls.member = cls.enterprise.fonaes_member_ids[0]
        cls.budget = cls.env["fonaes.budget"].search(
            [("fiscal_year", "=", cls.year), ("support_type_id", "=", cls.cts.id)], limit=1
        )
        cls.period = (
            cls.env["fonaes.indicator.period"]
            .with_user(cls.directorate)
            .create({"name": "2026", "date_from": date(2026, 1, 1), "date_to": date(2026, 12, 31)})
        )
        # Portfolio: a UDI value, an ESF and a draft loan (accountant).
        cls.udi = cls.env["fonaes.udi.rate"].create({"date": date(2026, 1, 1), "value": 8.5})
        cls.esf = cls.env["res.partner"].create(
            {"name": "ESF Sierra Sur", "fonaes_role": "esf", "fonaes_equity": 10_000_000}
        )
        cls.borrower = cls.env["res.partner"].create({"name": "Acreditada Rosa"})
        cls.loan_vals = {
            "intermediary_id": cls.esf.id,
            "borrower_id": cls.borrower.id,
            "amount": 10_000,
            "annual_rate": 24.0,
            "months": 12,
            "start_date": date(2026, 1, 15),
        }
        cls.loan = cls.env["fonaes.loan"].with_user(cls.accountant).create(dict(cls.loan_vals))
        cls.bucket = cls.env["fonaes.provision.bucket"].search([], limit=1)
        cls.limit = limit

    # ---- the corpus ----

    def _rows(self):
        app, agreement, ministration = self.draft_app, self.agreement, self.ministration
        report, member, loan, limit = self.trust_report, self.member, self.loan, self.limit
        new_app = dict(self.app_vals)
        new_loan = dict(self.loan_vals)
        report_id, agreement_id = report.id, agreement.id
        rows = [
            # -- applications (§1, §4.3.1, §4.3.2) --
            ("state_rep", app, "write", {"trust_net_worth": -1},
             ("Trust Net Worth of ", ": -1 is not allowed")),
            ("state_rep", app, "write", {"fiscal_year": 1800},
             ("Fiscal Year of ", ": 1800 is not allowed")),
            ("state_rep", app, "write", {"fiscal_year": 1990}, "between 1991 and"),
            ("state_rep", app, "write", {"fiscal_year": 2999},
             ("Fiscal Year of ", ": 2999 is not allowed")),
            ("state_rep", app, "write", {"fiscal_year": "abc"},
             "Fiscal Year: 'abc' is not a whole number"),
            ("state_rep", app, "write", {"fiscal_year": 2026.5}, "2026.5 is not a whole number"),
            ("state_rep", app, "write", {"project_amount": -500},
             ("Project Total Value of ", ": -500 is not allowed")),
            ("state_rep", app, "write", {"requested_amount": -1000},
             ("Requested Amount of ", ": -1000 is not allowed")),
            ("state_rep", app, "write", {"requested_amount": 0}, "greater than 0"),
            ("state_rep", app, "write", {"requested_amount": "abc"}, "'abc' is not a number"),
            ("state_rep", app, "write", {"requested_amount": float("inf")}, "inf is not a number"),
            ("state_rep", app, "write", {"requested_amount": True}, "True is not a number"),
            ("state_rep", app, "write", {"fixed_asset_amount": -1},
             ("of which Fixed Assets of ", ": -1 is not allowed")),
            ("state_rep", app, "write", {"constitution_amount": -5}, "Legal Constitution Costs"),
            ("state_rep", app, "write", {"land_amount": -5},
             ("of which Land Purchase of ", ": -5 is not allowed")),
            ("state_rep", app, "write", {"trust_nonfederal_amount": -1}, "§4.3.2"),
            ("state_rep", app, "write", {"quantity": -2}, ("Units of ", ": -2 is not allowed")),
            ("state_rep", app, "write", {"quantity": 12.7}, "Units: 12.7 is not a whole number"),
            ("state_rep", "fonaes.application", "create",
             dict(new_app, requested_amount=-1000),
             ("Requested Amount of ", ": -1000 is not allowed")),
            ("state_rep", "fonaes.application", "create",
             dict(new_app, fiscal_year=1800), ("Fiscal Year of ", ": 1800 is not allowed")),
            ("state_rep", "fonaes.application", "create",
             dict(new_app, trust_net_worth=-1), ("Trust Net Worth of ", ": -1 is not allowed")),
            # -- agreements, ministrations, repayment (§4.3.1.D-J, §6.3) --
            ("state_rep", agreement, "write", {"revolving_rate": 900},
             ("Real Annual Rate (%) of ", ": 900 is not allowed")),
            ("state_rep", agreement, "write", {"revolving_rate": -1},
             ("Real Annual Rate (%) of ", ": -1 is not allowed")),
            ("state_rep", agreement, "write", {"revolving_months_working": -3}, "§4.3.1.E"),
            ("state_rep", agreement, "write", {"revolving_months_fixed": 12.7},
             "not a whole number"),
            ("state_rep", agreement, "write", {"revolving_grace_months": -1},
             ("Grace Months of ", ": -1 is not allowed")),
            ("state_rep", agreement, "write", {"trust_applied_amount": -10}, "§4.3.2.I"),
            ("state_rep", "fonaes.ministration", "create",
             {"agreement_id": agreement_id, "planned_date": date(2027, 3, 1), "amount": -1},
             ("Amount of ", ": -1 is not allowed")),
            ("state_rep", "fonaes.ministration", "create",
             {"agreement_id": agreement_id, "planned_date": date(2027, 3, 1), "amount": 0},
             "greater than 0"),
            ("state_rep", "fonaes.ministration", "create",
             {"agreement_id": agreement_id, "planned_date": date(2027, 3, 1), "amount": "abc"},
             "Amount: 'abc' is not a number"),
            ("state_rep", ministration, "write", {"proof_extension_days": -5}, "§6.3.2.a.IV"),
            ("state_rep", ministration, "action_dictamen", "maybe", "'maybe' is not a valid"),
            ("state_rep", ministration, "action_dictamen", None, "None is not a valid result"),
            # -- trust reports and beneficiaries (§4.3.2, §4.5.3.I, Anexo X) --
            ("state_rep", "fonaes.trust.report", "create",
             {"agreement_id": agreement_id, "year": 1800, "quarter": "1"},
             ("Year of ", ": 1800 is not allowed")),
            ("state_rep", report, "write", {"year": 3000}, ("Year of ", ": 3000 is not allowed")),
            ("state_rep", report, "write", {"subaccount_balance": -1},
             ("Sub-account Balance of ", ": -1 is not allowed")),
            ("state_rep", report, "write", {"applied_amount": -1},
             ("Applied in the Quarter of ", ": -1 is not allowed")),
            ("state_rep", "fonaes.trust.beneficiary", "create",
             {"report_id": report_id, "last_name": "Luna", "first_name": "Ana",
              "birthdate": "2030-01-01"}, ("Birth Date of ", ": 2030-01-01 is not allowed")),
            ("state_rep", "fonaes.trust.beneficiary", "create",
             {"report_id": report_id, "last_name": "Luna", "first_name": "Ana",
              "birthdate": "2026-02-30"}, "'2026-02-30' is not a valid date"),
            ("state_rep", "fonaes.trust.beneficiary", "create",
             {"report_id": report_id, "last_name": "Luna", "first_name": "Ana", "amount": -1},
             "Anexo X"),
            # -- roster (§4.3.1.A) --
            ("state_rep", "fonaes.partner.member", "create",
             {"partner_id": self.enterprise.id, "name": "Socia futura", "gender": "female",
              "birthdate": date(2030, 5, 1)}, ("Birth Date of ", ": 2030-05-01 is not allowed")),
            ("state_rep", "fonaes.partner.member", "create",
             {"partner_id": self.enterprise.id, "name": "Socio viejo", "gender": "male",
              "birthdate": "1850-01-01"}, "between 1900-01-01 and"),
            ("state_rep", member, "write", {"birthdate": "2026-02-30"}, "is not a valid date"),
            ("state_rep", member, "write", {"birthdate": 12}, "is not a valid date"),
            ("state_rep", "fonaes.partner.member", "create",
             {"partner_id": self.enterprise.id, "name": "X", "gender": "male", "curp": 123},
             "123 is not a valid CURP"),
            # -- beneficiary figures (§4.3.1.3.C, Anexo XI) --
            ("directorate", self.esf, "write", {"fonaes_equity": -1},
             ("Equity (Patrimonio) of ", ": -1 is not allowed")),
            ("directorate", self.esf, "write", {"fonaes_branch_count": -1}, "Branches"),
            ("directorate", self.esf, "write", {"fonaes_extra_provision_pct": 150}, "150"),
            ("directorate", self.esf, "write", {"fonaes_sight_deposits": -1}, "Anexo XI §5"),
            ("directorate", self.esf, "write", {"fonaes_additional_capital": -1}, "Anexo XI §4.a"),
            ("directorate", self.esf, "write", {"fonaes_short_term_liabilities": -5}, "§5"),
            # -- budgets, ESC reports, indicators (§4.5.1.C, §4.5.3.G, §9.1) --
            ("directorate", "fonaes.budget", "create",
             {"fiscal_year": 1800, "support_type_id": self.cts.id, "amount": 1000},
             ("Fiscal Year of ", ": 1800 is not allowed")),
            ("directorate", self.budget, "write", {"amount": -1}, "§4.5.1.C"),
            ("state_rep", "fonaes.esc.report", "create",
             {"esc_id": self.esc.id, "year": 1800, "period": "1"},
             ("Year of ", ": 1800 is not allowed")),
            ("state_rep", "fonaes.esc.report", "create",
             {"esc_id": self.esc.id, "year": 2026, "period": "1", "subaccount_balance": -1},
             "§4.5.3.G"),
            ("directorate", "fonaes.indicator.period", "create",
             {"name": "X", "date_from": date(2026, 1, 1), "date_to": date(2026, 3, 31),
              "target_women": -2}, ("Women's Projects Programmed of ", ": -2 is not allowed")),
            ("directorate", self.period, "write", {"target_capital": "x"},
             "'x' is not a whole number"),
            # -- loans and payments (Anexo XI, Anexo XII-1) --
            ("accountant", loan, "write", {"annual_rate": 900},
             ("Annual Rate (%) of ", ": 900 is not allowed")),
            ("accountant", "fonaes.loan", "create",
             dict(new_loan, annual_rate=-5), ("Annual Rate (%) of ", ": -5 is not allowed")),
            ("accountant", "fonaes.loan", "create",
             dict(new_loan, annual_rate=900), "between 0 and 100"),
            ("accountant", loan, "write", {"months": 0},
             ("Term (Months) of ", ": 0 is not allowed")),
            ("accountant", loan, "write", {"months": 12.7}, "Term (Months): 12.7"),
            ("accountant", loan, "write", {"amount": -1}, ("Amount of ", ": -1 is not allowed")),
            ("accountant", loan, "write", {"blocked_deposit": -1}, "Anexo XI §1"),
            ("accountant", "fonaes.loan.payment", "create",
             {"loan_id": loan.id, "amount": -100}, ("Amount of ", ": -100 is not allowed")),
            ("accountant", "fonaes.loan.payment", "create",
             {"loan_id": loan.id, "amount": "abc"}, "Amount: 'abc' is not a number"),
            # -- reference tables: UDI (Anexo XI-1), buckets (Anexo XI §1.b) --
            ("accountant", "fonaes.udi.rate", "create",
             {"date": date(2026, 2, 1), "value": -1}, ("Value of ", ": -1 is not allowed")),
            ("accountant", "fonaes.udi.rate", "create",
             {"date": date(2026, 2, 1), "value": 0}, "Anexo XI-1"),
            ("accountant", "fonaes.udi.rate", "create",
             {"date": date(2026, 2, 1), "value": 900}, ("Value of ", ": 900 is not allowed")),
            ("accountant", "fonaes.udi.rate", "create",
             {"date": date(1990, 1, 1), "value": 1.0},
             ("Date of ", ": 1990-01-01 is not allowed")),
            ("accountant", self.udi, "write", {"date": "2026-02-30"}, "is not a valid date"),
            ("directorate", self.udi, "write", {"value": -8},
             ("Value of ", ": -8 is not allowed")),
            ("directorate", self.bucket, "write", {"percentage": 150},
             ("Reserve (%) of ", ": 150 is not allowed")),
            ("directorate", self.bucket, "write", {"percentage": -1},
             ("Reserve (%) of ", ": -1 is not allowed")),
            ("directorate", self.bucket, "write", {"min_days": -3},
             ("From Day of ", ": -3 is not allowed")),
            ("directorate", "fonaes.provision.bucket", "create",
             {"name": "X", "min_days": -1, "percentage": 5},
             ("From Day of ", ": -1 is not allowed")),
            # -- reference tables: support types and their tables (§4.3.1, §4.3.3) --
            ("directorate", self.cts, "write", {"max_project_pct": 150}, "150"),
            ("directorate", self.cts, "write", {"disabled_max_project_pct": -1}, "-1"),
            ("directorate", self.cts, "write", {"constitution_max_amount": -5000}, "§4.3.1.1.A"),
            ("directorate", limit, "write", {"max_amount": -1}, "State Representative's Limit"),
            ("directorate", limit, "write", {"opinion_max_amount": -1}, "Directorate Opinion"),
            ("directorate", limit, "write", {"max_project_pct": 101}, "101"),
            ("directorate", limit, "write", {"max_cost_pct": 150}, "between 0 and 100"),
            ("directorate", limit, "write", {"min_partners": -1}, "§4.3.1.3.C"),
            ("directorate", limit, "write", {"revolving_years_fixed": -2}, "§4.3.1.E"),
            ("directorate", limit, "write", {"max_units": 2.5}, "Max. Units per Application"),
            ("directorate", limit, "write", {"min_equity": -700_000}, "Minimum Equity"),
            ("directorate", limit, "write", {"max_total_amount": -1}, "§4.3.3.1"),
            # -- workflow steps: missing or malformed arguments, wrong status, wrong role --
            ("state_rep", ministration, "action_dictamen", Args(), "None is not a valid result"),
            ("state_rep", ministration, "action_dictamen", ["correct"], "is not a valid result"),
            ("state_rep", ministration, "action_dictamen", {"result": "correct"},
             "is not a valid result"),
            ("state_rep", ministration, "action_dictamen", 1, "1 is not a valid result"),
            ("state_rep", ministration, "action_dictamen", Args(("correct",)),
             "Receive the proof of use first"),
            ("accountant", ministration, "action_dictamen", Args(("correct",)),
             "Receive the proof of use first"),
            ("state_rep", ministration, "action_post", Args(), "Only FONAES accountants"),
            ("state_rep", app, "action_validate", Args(), APP_STEP_STATE),
            ("state_rep", app, "action_evaluate", Args(), APP_STEP_STATE),
            ("state_rep", app, "action_authorize", Args(), APP_STEP_STATE),
            ("state_rep", app, "action_create_agreement", Args(), APP_STEP_STATE),
            ("state_rep", app, "action_improcedent", Args(), APP_STEP_STATE),
            ("state_rep", app, "action_receive_objection", Args(), APP_STEP_STATE),
            ("directorate", app, "action_refile", Args(), APP_STEP_STATE),
            ("state_rep", agreement, "action_terminate", Args(), "not allowed in its status"),
            ("state_rep", agreement, "action_post_refund", Args(), "Only FONAES accountants"),
            ("accountant", agreement, "action_post_refund", Args(), "not allowed in its status"),
            ("state_rep", loan, "action_grant", Args(), STEP_ROLE),
            ("directorate", loan, "action_cancel", Args(), STEP_ROLE),
            ("state_rep", report, "write", {"agreement_id": [agreement_id]},
             "is not the id of a record"),
            ("state_rep", report, "write", {"agreement_id": -1}, "is not the id of a record"),
            ("state_rep", "fonaes.trust.report", "create",
             {"agreement_id": 99_999_999, "year": 2026, "quarter": "1"}, NO_RECORD),
            ("state_rep", app, "write", {"partner_id": 99_999_999}, NO_RECORD),
            ("state_rep", app, "write", {"trust_federal_balance": -1},
             ("Federal Resources Already in the Trust of ", ": -1 is not allowed")),
            ("state_rep", app, "write", {"service_content": {"a": 1}}, "is not a text"),
            ("state_rep", app, "write", {"document_line_ids": "abc"}, NOT_RECORDS),
            ("state_rep", app, "write", {"document_line_ids": [[1, 0, {"received": True}]]},
             NOT_RECORDS),
            ("state_rep", agreement, "write", {"ministration_ids": [[0, 0, "x"]]}, NOT_RECORDS),
            ("state_rep", agreement, "write", {"ministration_ids": [[2, "1"]]}, NOT_RECORDS),
            ("state_rep", "fonaes.ministration", "create",
             {"agreement_id": 99_999_999, "planned_date": "2027-03-01", "amount": 10},
             NO_RECORD),
            ("state_rep", "fonaes.trust.report", "create",
             {"agreement_id": agreement_id, "year": 2026, "quarter": "9"}, "expected one of"),
        ]  # fmt: skip
        return rows

    def _snapshot(self, target, call, values):
        if isinstance(target, str):
            return self.env[target].sudo().search_count([])
        target.invalidate_recordset()
        names = list(values) if isinstance(values, dict) else ["state", "dictamen"]
        names = [name for name in names if name in target._fields and name != "display_name"]
        return target.sudo().read([*names, "write_date"])

    def _users(self):
        return {
            "state_rep": self.state_rep,
            "directorate": self.directorate,
            "accountant": self.accountant,
        }


@tagged("post_install", "-at_install")
class TestFonaesBadInput(FonaesBadInputCommon):
    def _call(self, user, target, call, values):
        if isinstance(target, str):
            return self.env[target].with_user(user).create(values)
        record = target.with_user(user)
        if call == "write":
            return record.write(values)
        if isinstance(values, Args):
            return getattr(record, call)(*values)
        return getattr(record, call)(values)

    @mute_logger("odoo.sql_db")  # the foreign key refusing an id of no record
    def test_bad_input_corpus(self):
        rows = self._rows()
        users = self._users()
        for role, target, call, values, fragment in rows:
            label = target if isinstance(target, str) else target._name
            with self.subTest(role=role, model=label, call=call, values=values):
                before = self._snapshot(target, call, values)
                with self.assertRaises(UserError) as caught:  # ValidationError included
                    with self.env.cr.savepoint():
                        self._call(users[role], target, call, values)
                        self.env.flush_all()
                if fragment == STEP_ROLE:
                    # A step of another role is a missing right.
                    self.assertIsInstance(caught.exception, AccessError)
                elif call in ("write", "create") or isinstance(target, str):
                    # A wrong value is a wrong value, not a missing right.
                    self.assertNotIsInstance(caught.exception, AccessError)
                for part in fragment if isinstance(fragment, tuple) else (fragment,):
                    self.assertIn(part, str(caught.exception))
                self.assertEqual(self._snapshot(target, call, values), before)
        self.assertGreaterEqual(len(rows), 50)
        _logger.info("FONAES bad-input corpus: %s rows", len(rows))

    def test_bound_messages_cite_the_rules(self):
        """A value out of its rule names the field, the value and the document section."""
        with self.assertRaises(ValidationError) as caught:
            self.draft_app.with_user(self.state_rep).trust_net_worth = -1
        message = str(caught.exception)
        for part in ("Trust Net Worth", "-1", "cannot be negative", f"{DOC}, §4.3.2"):
            self.assertIn(part, message)
        with self.assertRaises(ValidationError) as caught:
            self.loan.with_user(self.accountant).annual_rate = 900
        self.assertIn(f"{DOC}, Anexo XII-1", str(caught.exception))

    # ---- reference tables corrected by their manager, the trace kept ----

    def test_wrong_udi_value_corrected_with_trace(self):
        # The accountant typed 85 for 8.5: a possible value, but wrong. The directorate
        # corrects it; the change is tracked and the loans keep reading the table.
        wrong = (
            self.env["fonaes.udi.rate"]
            .with_user(self.accountant)
            .create({"date": date(2026, 3, 1), "value": 85.0})
        )
        # The correction comes in a later transaction: run the creation's precommit
        # hooks first (mail.thread discards the tracking of a record created in the same
        # transaction, so without this no change would be tracked at all).
        self.env.flush_all()
        self.env.cr.flush()
        wrong.with_user(self.directorate).value = 8.55
        self.env.flush_all()
        self.env.cr.flush()  # runs the tracking precommit hook
        self.assertEqual(self.env["fonaes.udi.rate"]._value_on(date(2026, 3, 2)), 8.55)
        tracked = wrong.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "value"
        )
        self.assertEqual(tracked.old_value_float, 85.0)
        self.assertEqual(tracked.new_value_float, 8.55)
        self.assertEqual(tracked.mail_message_id.author_id, self.directorate.partner_id)

    def test_bucket_and_table_corrections_keep_trace(self):
        bucket = self.bucket.with_user(self.directorate)
        old = bucket.percentage
        bucket.percentage = old + 1
        limit = self.limit.with_user(self.directorate)
        old_max = limit.max_amount
        limit.max_amount = old_max + 1000
        self.env.flush_all()
        self.env.cr.flush()  # runs the tracking precommit hook
        for record, fname, before in ((bucket, "percentage", old), (limit, "max_amount", old_max)):
            tracked = record.sudo().message_ids.tracking_value_ids.filtered(
                lambda t, f=fname: t.field_id.name == f
            )
            self.assertEqual(tracked.old_value_float, before)
        # Only their manager role corrects them: the accountant reads the buckets.
        with self.assertRaises(AccessError):
            self.bucket.with_user(self.accountant).percentage = 5


@tagged("post_install", "-at_install")
class TestFonaesBadInputRpc(FonaesBadInputCommon, HttpCase):
    """The same rows through the external API (``execute_kw`` over ``/jsonrpc``), each as
    the role's own user: creates, writes and workflow steps."""

    def _send(self, user, target, call, values):
        if isinstance(target, str):
            return self._execute_kw(user, target, "create", [jsonable(values)])
        ids = [target.id]
        if call == "write":
            return self._execute_kw(user, target._name, "write", [ids, jsonable(values)])
        args = list(values) if isinstance(values, Args) else [values]
        return self._execute_kw(user, target._name, call, [ids, *jsonable(args)])

    @mute_logger("odoo.http")
    def test_workflow_steps_malformed_calls_over_jsonrpc(self):
        """A step called with arguments it does not take or without (valid) ids: a clear
        refusal on the wire, not Python's TypeError or ``ensure_one``'s ValueError."""
        app, agreement, ministration = self.draft_app, self.agreement, self.ministration
        takes, not_ids = "does not take the arguments", "is not a list of record ids"
        rows = [
            ("state_rep", app, "action_create_agreement", [[app.id], "x"], takes),
            ("state_rep", app, "action_create_agreement", [[]], not_ids),
            ("state_rep", app, "action_evaluate", [[app.id], {"a": 1}], takes),
            ("state_rep", app, "action_load_checklist", [["abc"]], not_ids),
            ("state_rep", app, "action_submit", [], not_ids),
            ("directorate", app, "action_authorize", [[app.id], True], takes),
            ("state_rep", agreement, "action_sign", [[-1]], not_ids),
            ("state_rep", agreement, "action_terminate", [[agreement.id], 1, 2], takes),
            ("state_rep", ministration, "action_dictamen", [[ministration.id], "x", "y"],
             takes),
            ("accountant", ministration, "action_post", [[None]], not_ids),
            ("accountant", self.loan, "action_grant", [[self.loan.id], {}], takes),
        ]  # fmt: skip
        _logger.info("FONAES malformed step calls over /jsonrpc: %s", len(rows))
        users = self._users()
        for role, target, method, args, fragment in rows:
            with self.subTest(role=role, model=target._name, method=method, args=args):
                before = self._snapshot(target, method, ())
                answer = self._execute_kw(users[role], target._name, method, args)
                self.assertIn("error", answer, answer)
                error = answer["error"]["data"]
                self.assertIn(error["name"], WIRE_ERRORS, error)
                self.assertIn(fragment, error["message"])
                self.env.invalidate_all()
                self.assertEqual(self._snapshot(target, method, ()), before)

    @mute_logger("odoo.http", "odoo.sql_db")
    def test_bad_input_corpus_over_jsonrpc(self):
        rows = []
        for row in self._rows():
            try:
                json.dumps(jsonable(row[3]), allow_nan=False)
            except ValueError:
                continue  # inf / nan: JSON cannot carry them
            rows.append(row)
        _logger.info("FONAES bad-input corpus over /jsonrpc: %s rows", len(rows))
        self.assertGreaterEqual(len(rows), 90)
        users = self._users()
        for role, target, call, values, fragment in rows:
            label = target if isinstance(target, str) else target._name
            with self.subTest(role=role, model=label, call=call, values=values):
                before = self._snapshot(target, call, values)
                answer = self._send(users[role], target, call, values)
                self.assertIn("error", answer, answer)
                error = answer["error"]["data"]
                self.assertIn(error["name"], WIRE_ERRORS, error)
                for part in fragment if isinstance(fragment, tuple) else (fragment,):
                    self.assertIn(part, error["message"])
                self.env.invalidate_all()
                self.assertEqual(self._snapshot(target, call, values), before)
