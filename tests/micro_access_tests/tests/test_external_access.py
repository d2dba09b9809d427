"""Issue 14: who may do what, tried from outside as each role's own user.

Every cell of ``MATRIX`` (a record, an operation, the roles allowed; every other role is
refused) is run through Odoo's external API, ``execute_kw`` over ``/jsonrpc``, logged in as
each role's own user, the way a script or a curious user would. Context keys a client can
send (``FORGED``: the keys the guards used to trust) must unlock nothing.

A cell expected to be allowed passes when the call succeeds (a read returns the real
values; a write leaves them written). A cell expected to be refused passes only when the
call fails *and* the record is unchanged (read back in superuser mode), or, for a read,
when the values are not disclosed. Each cell runs inside a savepoint rolled back after
it, so every cell sees the same data. All wrong cells are collected and reported at once.
"""

import datetime
import json
import logging
import time

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.micro_base.tests.common import MicroTestMixin

_logger = logging.getLogger(__name__)

MD = "md_micronegocios.md_micronegocios_group_%s"
PR = "pronafim_credit.pronafim_credit_group_%s"
FO = "fonaes_support.fonaes_support_group_%s"

# ---- ROLES: key -> (groups, lang, e-mail) ----
ROLES = {
    "md_fac": (MD % "facilitator", "es_CO", True),  # the case's facilitator
    "md_fac2": (MD % "facilitator", "es_CO", False),  # another facilitator
    "md_ori": (MD % "orientador", "es_CO", True),  # the facilitator's orientador
    "md_coo": (MD % "coordinator", "es_CO", False),
    "md_men": (MD % "mentor", "es_CO", False),  # mentor assigned to the case's plan
    "md_ana": (MD % "analyst", "es_CO", True),
    "md_mgr": (MD % "manager", "es_CO", True),
    "pr_ana": (PR % "analyst", "es_MX", True),
    "pr_sec": (PR % "committee_secretary", "es_MX", False),
    "pr_fin": (PR % "finance", "es_MX", True),
    "pr_cmp": (PR % "complaints_officer", "es_MX", False),
    "pr_mgr": (PR % "manager", "es_MX", True),
    "pr_imf": ("base.group_portal," + PR % "imf_portal", "es_MX", True),  # IMF's portal
    "fo_rep": (FO % "state_representative", "es_MX", False),  # Oaxaca
    "fo_dg": (FO % "general_directorate", "es_MX", True),
    "fo_acc": (FO % "accountant", "es_MX", False),
    "internal": ("base.group_user", "es_MX", False),
}

NOBODY = frozenset()
MD_CASE = frozenset({"md_fac", "md_ori", "md_coo", "md_mgr"})  # readers of the case
MD_COORD = frozenset({"md_coo", "md_mgr"})
MD_APPROVERS = frozenset({"md_ori", "md_coo", "md_mgr"})
MD_MENTOR_READERS = frozenset({"md_fac", "md_fac2", "md_ori", "md_coo", "md_mgr", "md_men"})
PR_STAFF = frozenset({"pr_ana", "pr_sec", "pr_fin", "pr_mgr"})  # analyst and above
PR_FIN = frozenset({"pr_fin", "pr_mgr"})
PR_CMP = frozenset({"pr_cmp", "pr_mgr"})
FO_STATE = frozenset({"fo_rep", "fo_dg"})  # Oaxaca's representative, the directorate
FO_ALL = frozenset({"fo_rep", "fo_dg", "fo_acc"})

# Every context key a guard trusted before issue 14, as a client would send them.
FORGED = {
    "pronafim_workflow": True,
    "fonaes_workflow": True,
    "pronafim_deciding": True,
    "fonaes_loan_step": True,
    "fonaes_provision_run_step": True,
    "fonaes_statement_filing": True,
    "pronafim_today": "2020-01-02",
}


class R:
    """A fixture's id inside a payload."""

    def __init__(self, name):
        self.name = name


D1 = "2026-01-15"

# ---- THE MATRIX ----
# (target record, operation, payload, context sent by the client, roles allowed[, roles
#  not judged]). Operations: read [fields] / write {vals} / unlink / call method
# ("call:<method>") / create {vals} on the model named as target "model:<model>".
# A dict payload of a call is {"args": [...], "expect": {field: value after}}.
MATRIX = [
    # -- micro-businesses (MD): an owner's personal data, the case and its plans --
    ("md_owner", "read", ["identity_number", "birth_date", "phone"], None, MD_CASE | {"md_men"}),
    ("md_owner", "read", ["email", "street", "gender"], None, MD_CASE | {"md_men"}),
    ("md_owner", "read", ["md_vulnerability_notes"], None, MD_CASE),
    ("md_owner", "write", {"phone": "+57 300 111 2233"}, None, MD_CASE),
    ("md_owner", "write", {"birth_date": "1979-05-05"}, None, MD_CASE),
    ("md_meeting", "read", ["description", "name"], None, MD_CASE),
    ("md_case", "read", ["name", "partner_id"], None, MD_CASE),
    ("md_case", "write", {"md_workers": 7}, None, MD_CASE),
    ("md_plan_draft", "write", {"state": "designed", "approved_by_id": R("u:md_fac")}, None,
     NOBODY),
    ("md_plan_draft", "write", {"state": "designed"}, FORGED, NOBODY),
    ("md_plan_draft", "write", {"mentor_ids": [(4, R("md_mentor"))]}, None, MD_COORD),
    ("md_plan_draft", "call:action_design", None, None, MD_APPROVERS),
    ("md_plan_draft", "unlink", None, None, frozenset({"md_mgr"})),
    ("md_plan", "read", ["state", "partner_id"], None, MD_CASE | {"md_men"}),
    ("md_plan", "write", {"state": "closed"}, FORGED, NOBODY),
    ("md_plan", "unlink", None, None, NOBODY),
    ("md_activity", "write", {"state": "done"}, None, NOBODY),
    ("md_activity", "call:action_done", None, None, NOBODY),  # no evidence
    ("md_activity_ev", "call:action_done", None, None, MD_CASE | {"md_men"}),
    ("md_diagnostic", "write", {"state": "draft"}, None, NOBODY),
    ("md_diagnostic", "write", {"state": "draft"}, FORGED, NOBODY),
    ("md_diagnostic", "unlink", None, None, NOBODY),
    ("md_mentor", "read", ["name", "capacity"], None, MD_MENTOR_READERS | {"md_ana"}),
    ("md_mentor", "write", {"capacity": 9}, None, MD_COORD),
    # -- PRONAFIM: applications, committee, credit lines, disposals --
    ("pr_app_draft", "read", ["amount_requested", "partner_id"], None, PR_STAFF | {"pr_imf"}),
    ("pr_app_draft", "call:action_receive", {"expect": {"date_received": "today"}},
     {"pronafim_today": "2020-01-02"}, PR_STAFF),
    ("pr_app_draft", "write", {"state": "authorized"}, FORGED, NOBODY),
    ("pr_app_draft", "write", {"date_received": "2020-01-02"}, FORGED, NOBODY),
    ("pr_app_draft", "unlink", None, None, frozenset({"pr_mgr"})),
    ("model:pronafim.application", "create",
     {"partner_id": R("pr_imf"), "application_type": "credit", "amount_requested": 1000.0},
     None, PR_STAFF | {"pr_imf"}),
    ("model:pronafim.application", "create",
     {"partner_id": R("pr_imf"), "application_type": "credit", "state": "authorized"},
     FORGED, NOBODY),
    ("pr_app_committee", "write", {"state": "authorized", "outcome": "authorized"}, FORGED,
     NOBODY),
    ("pr_app_committee", "write", {"state": "authorized"}, None, NOBODY),
    ("pr_app_committee", "call:action_notify", None, FORGED, NOBODY),
    ("pr_app_committee", "unlink", None, FORGED, NOBODY),
    ("pr_decision", "read", ["amount_authorized", "outcome"], None, PR_STAFF),
    ("pr_decision", "write", {"amount_authorized": 99_000_000.0}, None, NOBODY),
    ("pr_decision", "write", {"amount_authorized": 99_000_000.0}, FORGED, NOBODY),
    ("pr_decision", "write", {"outcome": "rejected"}, FORGED, NOBODY),
    ("pr_decision", "unlink", None, FORGED, NOBODY),
    ("pr_attendance", "write", {"present": False}, None, NOBODY),
    ("pr_session", "write", {"attendance_ids": [(1, R("pr_attendance"), {"present": False})]},
     None, NOBODY),
    ("pr_session", "write", {"state": "draft"}, FORGED, NOBODY),
    ("pr_session", "unlink", None, FORGED, NOBODY),
    ("pr_line_undecided", "call:action_formalize", None, FORGED, NOBODY),  # no decision
    ("pr_line", "read", ["amount", "state"], None, PR_STAFF | {"pr_imf"}),
    ("pr_line", "write", {"date_formalized": "2020-01-02"}, FORGED, NOBODY),
    ("pr_line", "write", {"amount": 9_999_999.0}, None, NOBODY),
    ("pr_line", "write", {"state": "draft"}, FORGED, NOBODY),
    ("pr_disposal", "read", ["amount", "date"], None, PR_STAFF | {"pr_imf"}),
    ("pr_disposal", "write", {"amount": 1.0}, FORGED, NOBODY),
    ("pr_disposal", "write", {"amount": 1.0}, None, NOBODY),
    ("pr_disposal", "unlink", None, FORGED, NOBODY),
    ("model:pronafim.credit.disposal", "create",
     {"line_id": R("pr_line"), "date": D1, "amount": 50_000_000.0}, FORGED, NOBODY),
    ("pr_installment", "write", {"principal_paid": 1.0}, FORGED, NOBODY),
    ("pr_installment", "write", {"principal": 1.0}, None, NOBODY),
    ("pr_emergency", "read", ["curp", "birth_date"], None, PR_STAFF),
    ("pr_emergency", "write", {"state": "approved"}, FORGED, NOBODY),
    ("pr_emergency", "write", {"amount": 99_999.0}, FORGED, NOBODY),
    ("pr_applicant", "read", ["identity_number", "phone"], None, PR_STAFF),
    ("pr_applicant", "write", {"phone": "+52 55 1234 0000"}, None, PR_STAFF),
    ("pr_microcredit", "read", ["curp", "name", "amount"], None, PR_STAFF | {"pr_imf"}),
    ("pr_microcredit", "write", {"amount": 1.0}, None, NOBODY),
    ("pr_complaint", "read", ["user_name", "amount_claimed"], None, PR_CMP),
    ("pr_complaint", "write", {"state": "closed"}, FORGED, NOBODY),
    ("pr_complaint", "call:action_take", None, None, PR_CMP),
    ("pr_imf", "write", {"pronafim_active_since": "2010-01-04"}, None, PR_STAFF),
    # -- FONAES: applications, agreements, ministrations, loans, reserves, statements --
    ("fo_app_draft", "read", ["requested_amount", "partner_id"], None, FO_ALL),
    ("fo_app_draft", "write", {"state": "authorized"}, FORGED, NOBODY),
    ("fo_app_draft", "write", {"state": "authorized"}, None, NOBODY),
    ("fo_app_draft", "write", {"directorate_opinion": "favorable"}, FORGED, NOBODY),
    ("fo_app_opinion", "write", {"directorate_opinion": "favorable"}, FORGED, NOBODY),
    ("fo_app_opinion", "call:action_opinion_favorable", None, None, frozenset({"fo_dg"})),
    ("fo_app_opinion", "call:action_opinion_favorable", None, FORGED, frozenset({"fo_dg"})),
    ("fo_agreement", "read", ["amount", "state"], None, FO_ALL),
    ("fo_agreement", "write", {"state": "draft"}, FORGED, NOBODY),
    ("fo_agreement", "unlink", None, FORGED, NOBODY),
    ("fo_ministration", "write", {"state": "planned"}, FORGED, NOBODY),
    ("fo_ministration", "write", {"amount": 1.0}, None, NOBODY),
    ("fo_ministration", "unlink", None, FORGED, NOBODY),
    ("model:fonaes.ministration", "create",
     {"agreement_id": R("fo_agreement"), "planned_date": D1, "amount": 100_000.0}, None,
     NOBODY),
    ("model:fonaes.ministration", "create",
     {"agreement_id": R("fo_agreement"), "planned_date": D1, "amount": 100_000.0,
      "state": "posted"}, FORGED, NOBODY),
    ("fo_loan", "write", {"state": "granted"}, FORGED, NOBODY),
    ("fo_loan", "call:action_grant", None, FORGED, NOBODY),  # intermediary suspended
    ("fo_loan_granted", "read", ["amount", "state"], None, frozenset({"fo_dg", "fo_acc"})),
    ("fo_loan_granted", "write", {"amount": 1.0}, FORGED, NOBODY),
    ("fo_loan_granted", "write", {"state": "draft"}, FORGED, NOBODY),
    ("fo_loan_granted", "unlink", None, FORGED, NOBODY),
    ("model:fonaes.provision.run", "create",
     {"intermediary_id": R("fo_esf"), "date": "2026-03-31", "provision_total": 1.0,
      "movement": 1.0}, FORGED, NOBODY),
    ("fo_run", "write", {"provision_total": 1.0}, FORGED, NOBODY),
    ("fo_run", "unlink", None, FORGED, NOBODY),
    ("fo_statement", "read", ["date_end", "state"], None, frozenset({"fo_dg", "fo_acc"})),
    ("fo_statement", "write", {"state": "draft"}, FORGED, NOBODY),
    ("fo_statement", "write", {"filed_date": "2020-01-02"}, FORGED, NOBODY),
    ("fo_statement", "unlink", None, FORGED, NOBODY),
    ("fo_member", "read", ["curp", "birthdate"], None, FO_STATE),
    ("fo_member", "write", {"birthdate": "1990-03-03"}, None, FO_STATE),
    ("fo_esf", "write", {"fonaes_channelling_suspended": False}, None, frozenset({"fo_dg"}),
     frozenset({"fo_rep", "fo_acc"})),
    ("fo_esf", "write", {"fonaes_equity": 1.0}, None, frozenset({"fo_dg"}),
     frozenset({"fo_rep", "fo_acc"})),
    # -- journals: each program's own, entries posted stay posted --
    ("pr_entry", "read", ["amount_total", "state"], None, PR_FIN),
    ("fo_entry", "read", ["amount_total", "state"], None, frozenset({"fo_acc"})),
    # reset to draft: never the other program's, never a disbursement's entry (a program's
    # own hand-made entries are left to Odoo's accounting: not judged)
    ("pr_entry", "call:button_draft", None, FORGED, NOBODY, PR_FIN),
    ("fo_entry", "call:button_draft", None, FORGED, NOBODY, frozenset({"fo_acc"})),
    ("pr_disposal_move", "call:button_draft", None, FORGED, NOBODY),
    ("pr_disposal_move", "write", {"date": "2020-01-02"}, FORGED, NOBODY),
    ("pr_entry", "write", {"ref": "x"}, None, NOBODY, PR_FIN),
    ("fo_entry", "write", {"ref": "x"}, None, NOBODY, frozenset({"fo_acc"})),
    ("model:account.move", "create", {"journal_id": R("pr_journal"), "move_type": "entry"},
     None, PR_FIN),
    ("model:account.move", "create", {"journal_id": R("fo_journal"), "move_type": "entry"},
     None, frozenset({"fo_acc"})),
]  # fmt: skip


@tagged("post_install", "-at_install")
class TestExternalAccess(MicroTestMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("es_MX", "es_CO"):
            cls.env["res.lang"]._activate_lang(lang)
        cls.fx = {}
        cls.fx_errors = {}
        cls.users = {}
        Partner = cls.env["res.partner"]
        cls.fx["pr_imf"] = Partner.create(
            {
                "name": "Microfinanciera XA SA de CV",
                "is_company": True,
                "pronafim_role": "imf",
                "pronafim_legal_form": "sa",
                "pronafim_active_since": datetime.date(2020, 3, 1),
            }
        )
        portal_contact = Partner.create({"name": "Rosa IMF", "parent_id": cls.fx["pr_imf"].id})
        for role, (groups, lang, with_email) in ROLES.items():
            extra = {} if with_email else {"email": False}
            if role == "pr_imf":
                extra["partner_id"] = portal_contact.id
            cls.users[role] = new_test_user(
                cls.env,
                login=f"xa_{role}",
                password=f"xa_{role}_pw_2026",
                groups=groups,
                lang=lang,
                **extra,
            )
            cls.fx[f"u:{role}"] = cls.users[role]
        cls._build("accounting", cls._build_accounting)
        cls._build("md", cls._build_md)
        cls._build("pronafim", cls._build_pronafim)
        cls._build("pronafim_money", cls._build_pronafim_money)
        cls._build("pronafim_undecided", cls._build_pronafim_undecided)
        cls._build("pronafim_people", cls._build_pronafim_people)
        cls._build("pronafim_borrowers", cls._build_pronafim_borrowers)
        cls._build("fonaes", cls._build_fonaes)
        cls._build("fonaes_money", cls._build_fonaes_money)
        cls._build("entries", cls._build_entries)
        cls.env.flush_all()

    @classmethod
    def _build(cls, name, builder):
        try:
            with mute_logger("odoo.sql_db"), cls.env.cr.savepoint():
                builder()
        except Exception as error:
            _logger.warning("access matrix: fixture %s not built: %s", name, error)
            cls.fx_errors[name] = f"{type(error).__name__}: {error}"

    # ---- fixtures (superuser: trusted server code) ----

    @classmethod
    def _force(cls, record, **vals):
        """Put ``record`` in a status as its past steps would have (plain SQL: the data a
        cell needs, whatever the steps check today)."""
        record.flush_recordset()
        cls.env.cr.execute(
            SQL(
                "UPDATE %s SET %s WHERE id IN %s",
                SQL.identifier(record._table),
                SQL(", ").join(SQL("%s = %s", SQL.identifier(k), v) for k, v in vals.items()),
                tuple(record.ids),
            )
        )
        record.invalidate_recordset()

    @classmethod
    def _build_accounting(cls):
        Account = cls.env["account.account"]

        def account(code, name, kind, **extra):
            return Account.create({"code": code, "name": name, "account_type": kind, **extra})

        cls.fx["pr_journal"] = cls.env["account.journal"].create(
            {"name": "Fideicomiso PRONAFIM XA", "code": "PRXA", "type": "general"}
        )
        cls.fx["fo_journal"] = cls.env["account.journal"].create(
            {"name": "FONAES XA", "code": "FOXA", "type": "general"}
        )
        cls.fx["acc_bank"] = account("XA101", "Bancos XA", "asset_cash")
        cls.fx["acc_recv"] = account("XA121", "Créditos XA", "asset_receivable", reconcile=True)
        cls.env.company.write(
            {
                "pronafim_journal_id": cls.fx["pr_journal"].id,
                "pronafim_bank_account_id": cls.fx["acc_bank"].id,
                "pronafim_receivable_account_id": cls.fx["acc_recv"].id,
                "pronafim_interest_account_id": account("XA401", "Intereses XA", "income").id,
                "pronafim_moratory_account_id": account("XA402", "Moratorios XA", "income").id,
                "fonaes_journal_id": cls.fx["fo_journal"].id,
                "fonaes_subsidy_account_id": account("XA501", "Subsidios XA", "expense").id,
            }
        )

    @classmethod
    def _build_md(cls):
        u = cls.users
        u["md_fac"].md_orientador_id = u["md_ori"]
        team = cls.env.ref("md_micronegocios.crm_team_md")
        Partner = cls.env["res.partner"]
        owner = Partner.create(
            {
                "name": "Luz Marina Rojas",
                "md_is_owner": True,
                "md_consent_date": datetime.date(2021, 3, 1),
                "md_consent_channel": "written",
                "identity_type": "cc",
                "identity_number": "52345678",
                "birth_date": datetime.date(1985, 4, 12),
                "gender": "female",
                "phone": "+57 301 555 0101",
                "email": "luz.rojas@example.com",
                "street": "Calle 80 # 12-34",
                "md_vulnerability_notes": "Madre cabeza de hogar.",
            }
        )
        owner2 = Partner.create({"name": "Jairo Peña", "md_is_owner": True})
        Lead = cls.env["crm.lead"].with_context(default_team_id=team.id)
        case = Lead.create(
            {
                "name": "Tienda La Esquina",
                "type": "opportunity",
                "user_id": u["md_fac"].id,
                "partner_id": owner.id,
                "team_id": team.id,
            }
        )
        case2 = Lead.create(
            {
                "name": "Panadería Peña",
                "type": "opportunity",
                "user_id": u["md_fac"].id,
                "partner_id": owner2.id,
                "team_id": team.id,
            }
        )
        start = datetime.datetime(2026, 1, 20, 15, 0)
        meeting = (
            cls.env["calendar.event"]
            .with_user(u["md_fac"])
            .create(
                {
                    "name": "Encuentro Tienda La Esquina",
                    "opportunity_id": case.id,
                    "md_mode": "in_person",
                    "start": start,
                    "stop": start + datetime.timedelta(hours=1),
                    "description": "<p>Deuda con prestamista informal.</p>",
                }
            )
        )
        lever = cls.env["md.lever"].search([], limit=1)
        mentor = cls.env["md.mentor"].create(
            {"user_id": u["md_men"].id, "lever_ids": [(6, 0, lever.ids)], "virtual": True}
        )
        diagnostic = cls.env["md.diagnostic"].create({"lead_id": case.id})
        cls._force(diagnostic, state="done", date=datetime.date(2026, 1, 20))
        plan = cls.env["md.plan"].create({"lead_id": case.id, "diagnostic_id": diagnostic.id})
        Activity = cls.env["md.plan.activity"]
        activity = Activity.create(
            {"plan_id": plan.id, "name": "Registrar ventas diarias", "lever_id": lever.id}
        )
        activity_ev = Activity.create(
            {
                "plan_id": plan.id,
                "name": "Abrir cuenta de ahorro",
                "lever_id": lever.id,
                "evidence_note": "Extracto de apertura.",
            }
        )
        plan.write({"mentor_ids": [(6, 0, mentor.ids)]})
        cls._force(plan, state="followup", designed_date=datetime.date(2026, 1, 22))
        diagnostic2 = cls.env["md.diagnostic"].create({"lead_id": case2.id})
        cls._force(diagnostic2, state="done", date=datetime.date(2026, 1, 21))
        plan_draft = cls.env["md.plan"].create(
            {"lead_id": case2.id, "diagnostic_id": diagnostic2.id}
        )
        Activity.create({"plan_id": plan_draft.id, "name": "Inventario", "lever_id": lever.id})
        cls.fx.update(
            md_owner=owner,
            md_case=case,
            md_meeting=meeting,
            md_mentor=mentor,
            md_diagnostic=diagnostic,
            md_plan=plan,
            md_plan_draft=plan_draft,
            md_activity=activity,
            md_activity_ev=activity_ev,
        )

    @classmethod
    def _build_pronafim(cls):
        imf = cls.fx["pr_imf"]
        App = cls.env["pronafim.application"]
        base = {"partner_id": imf.id, "application_type": "credit", "amount_requested": 900_000}
        app_draft = App.create(base)
        app_committee = App.create(base)
        cls._force(app_committee, state="committee", date_received=datetime.date(2026, 1, 5))
        member = cls.env["pronafim.committee.member"].create({"name": "Vocal XA"})
        session = cls.env["pronafim.committee.session"].create(
            {
                "name": "Sesión XA",
                "date": datetime.date(2026, 1, 12),
                "attendance_ids": [(0, 0, {"member_id": member.id, "present": True})],
            }
        )
        cls._force(session, state="held")
        decision = cls.env["pronafim.committee.decision"].create(
            {
                "session_id": session.id,
                "application_id": app_committee.id,
                "amount_authorized": 900_000,
            }
        )
        cls._force(decision, outcome="authorized")
        cls.fx.update(
            pr_app_draft=app_draft,
            pr_app_committee=app_committee,
            pr_session=session,
            pr_attendance=session.attendance_ids,
            pr_decision=decision,
        )

    @classmethod
    def _build_pronafim_money(cls):
        imf = cls.fx["pr_imf"]
        cls.env["pronafim.cetes.rate"].create(
            {"date_from": datetime.date(2025, 1, 1), "rate": 7.25}
        )
        cls.env["pronafim.trust.net.worth"].create(
            {"month": datetime.date(2025, 12, 31), "amount": 2_000_000_000.0}
        )
        app = cls.env["pronafim.application"].create(
            {"partner_id": imf.id, "application_type": "credit", "amount_requested": 1_200_000}
        )
        cls._force(app, state="authorized", outcome="authorized")
        line = cls.env["pronafim.credit.line"].create(
            {
                "application_id": app.id,
                "credit_type_id": cls.env.ref("pronafim_credit.credit_type_simple").id,
                "amount": 1_200_000,
                "term_months": 12,
                "margin": 3.0,
            }
        )
        cls._force(line, state="formalized", date_formalized=datetime.date(2026, 1, 14))
        cls.fx["pr_line"] = line
        disposal = cls.env["pronafim.credit.disposal"].create(
            {"line_id": line.id, "date": datetime.date(2026, 1, 15), "amount": 400_000}
        )
        cls.fx["pr_disposal"] = disposal
        cls.fx["pr_installment"] = disposal.installment_ids[:1]
        cls.fx["pr_disposal_move"] = disposal.move_id

    @classmethod
    def _build_pronafim_undecided(cls):
        imf = cls.fx["pr_imf"]
        # An application written to "authorized" without a committee decision (what a
        # forged context did): its line must not be formalized.
        undecided = cls.env["pronafim.application"].create(
            {"partner_id": imf.id, "application_type": "credit", "amount_requested": 300_000}
        )
        cls._force(undecided, state="authorized", outcome="authorized")
        cls.fx["pr_line_undecided"] = cls.env["pronafim.credit.line"].create(
            {
                "application_id": undecided.id,
                "credit_type_id": cls.env.ref("pronafim_credit.credit_type_simple").id,
                "amount": 300_000,
                "term_months": 12,
            }
        )

    @classmethod
    def _build_pronafim_people(cls):
        applicant = cls.env["res.partner"].create(
            {
                "name": "Carlos López Pérez",
                "identity_type": "curp",
                "identity_number": "LOPC920707HDFPRR06",
                "birth_date": datetime.date(1992, 7, 7),
                "phone": "+52 55 5555 0101",
            }
        )
        emergency = cls.env["pronafim.emergency.credit"].create(
            {
                "program_id": cls.env.ref("pronafim_credit.emergency_program_fondeso_covid").id,
                "partner_id": applicant.id,
                "curp": "LOPC920707HDFPRR06",
                "state_id": cls.env.ref("base.state_mx_df").id,
                "business_name": "Fonda Doña Lupe",
            }
        )
        complaint = cls.env["pronafim.complaint"].create(
            {
                "name": "XA-0001",
                "kind": "complaint",
                "institution_id": cls.fx["pr_imf"].id,
                "user_name": "Pedro Ramírez Soto",
                "product": "Crédito grupal",
                "reason": "Cobro no reconocido",
                "amount_claimed": 3_500.0,
                "date_received": datetime.date(2026, 1, 8),
            }
        )
        cls.fx.update(pr_applicant=applicant, pr_emergency=emergency, pr_complaint=complaint)

    @classmethod
    def _build_pronafim_borrowers(cls):
        report = cls.env["pronafim.borrower.report"].create(
            {"partner_id": cls.fx["pr_imf"].id, "month": datetime.date(2025, 12, 31)}
        )
        cls.fx["pr_microcredit"] = cls.env["pronafim.microcredit"].create(
            {
                "report_id": report.id,
                "curp": "GOMA900215MDFRRN04",
                "name": "Ana Gómez Martínez",
                "sex": "female",
                "amount": 8_000.0,
            }
        )

    @classmethod
    def _build_fonaes(cls):
        cls.users["fo_rep"].fonaes_state_ids = cls.env.ref("base.state_mx_oax")
        oaxaca = cls.env.ref("base.state_mx_oax")
        budgets = [
            {
                "fiscal_year": 2026,
                "support_type_id": support.id,
                "level": "national",
                "amount": 50_000_000.0,
            }
            for support in cls.env["fonaes.support.type"].search([])
        ]
        cls.env["fonaes.budget"].create(budgets)
        group = cls.env["res.partner"].create(
            {
                "name": "Grupo XA Las Palmas",
                "fonaes_role": "grupo_social",
                "state_id": oaxaca.id,
                "fonaes_member_ids": [
                    (0, 0, {"name": f"Socia XA {i}", "gender": "female"}) for i in range(3)
                ]
                + [(0, 0, {"name": "Socio XA", "gender": "male"})],
            }
        )
        member = group.fonaes_member_ids[:1]
        member.write({"curp": "GOMA900215MDFRRN04", "birthdate": datetime.date(1990, 2, 15)})
        limit = cls.env.ref("fonaes_support.support_limit_cts_1")
        App = cls.env["fonaes.application"]
        vals = {
            "partner_id": group.id,
            "support_type_id": limit.support_type_id.id,
            "limit_id": limit.id,
            "state_id": oaxaca.id,
            "fiscal_year": 2026,
            "requested_amount": 40_000.0,
        }
        app_draft = App.create(vals)
        app_opinion = App.create(vals)
        cls._force(app_opinion, state="evaluated", directorate_opinion="requested")
        cls.fx.update(
            fo_group=group,
            fo_member=member,
            fo_app_draft=app_draft,
            fo_app_opinion=app_opinion,
            fo_limit=limit,
        )
        app_auth = App.create(vals)
        cls._force(app_auth, state="authorized")
        agreement = cls.env["fonaes.agreement"].create({"application_id": app_auth.id})
        cls._force(agreement, state="signed", sign_date=datetime.date(2026, 1, 10))
        ministration = cls.env["fonaes.ministration"].create(
            {"agreement_id": agreement.id, "planned_date": D1, "amount": 40_000.0}
        )
        cls._force(ministration, state="posted", posted_date=datetime.date(2026, 1, 15))
        cls.fx.update(fo_agreement=agreement, fo_ministration=ministration)

    @classmethod
    def _build_fonaes_money(cls):
        Partner = cls.env["res.partner"]
        esf = Partner.create(
            {
                "name": "Caja Solidaria XA",
                "is_company": True,
                "fonaes_role": "esf",
                "fonaes_equity": 2_000_000.0,
            }
        )
        borrower = Partner.create({"name": "Socio acreditado XA"})
        Loan = cls.env["fonaes.loan"]
        loan = Loan.create(
            {"intermediary_id": esf.id, "borrower_id": borrower.id, "amount": 20_000.0}
        )
        granted = Loan.create(
            {"intermediary_id": esf.id, "borrower_id": borrower.id, "amount": 25_000.0}
        )
        cls._force(granted, state="granted")
        esf.fonaes_channelling_suspended = True  # the grant step must now refuse
        run = cls.env["fonaes.provision.run"].create(
            {"intermediary_id": esf.id, "date": datetime.date(2026, 1, 31)}
        )
        cls._force(run, provision_total=1_250.0)
        statement = cls.env["fonaes.financial.statement"].create(
            {"date_end": datetime.date(2025, 12, 31)}
        )
        cls._force(statement, state="filed", filed_date=datetime.date(2026, 1, 20))
        cls.fx.update(
            fo_esf=esf, fo_loan=loan, fo_loan_granted=granted, fo_run=run, fo_statement=statement
        )

    @classmethod
    def _build_entries(cls):
        Move = cls.env["account.move"]
        for key, journal in (("pr_entry", "pr_journal"), ("fo_entry", "fo_journal")):
            move = Move.create(
                {
                    "journal_id": cls.fx[journal].id,
                    "move_type": "entry",
                    "date": datetime.date(2026, 1, 15),
                    "line_ids": [
                        (0, 0, {"account_id": cls.fx["acc_recv"].id, "debit": 1_000.0}),
                        (0, 0, {"account_id": cls.fx["acc_bank"].id, "credit": 1_000.0}),
                    ],
                }
            )
            move.action_post()
            cls.fx[key] = move

    # ---- the external API ----

    def _rpc(self, role, model, method, args, kwargs):
        body = self._execute_kw(
            self.users[role], model, method, args, kwargs, password=f"xa_{role}_pw_2026"
        )
        if "error" in body:
            data = body["error"].get("data") or {}
            return False, data.get("name", "?").rsplit(".", 1)[-1] + ": " + str(
                data.get("message", body["error"].get("message"))
            )[:160]
        return True, body.get("result")

    def _resolve(self, value):
        if isinstance(value, R):
            return self.fx[value.name].id
        if isinstance(value, dict):
            return {k: self._resolve(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self._resolve(v) for v in value]
        return value

    def _refs(self, value):
        """Names of the fixtures a payload uses."""
        if isinstance(value, R):
            return [value.name]
        if isinstance(value, dict):
            return [n for v in value.values() for n in self._refs(v)]
        if isinstance(value, list | tuple):
            return [n for v in value for n in self._refs(v)]
        return []

    @staticmethod
    def _snapshot(record):
        record.env.invalidate_all()
        record = record.sudo().with_context(active_test=False)
        if not record.exists():
            return None
        names = [
            name
            for name, field in record._fields.items()
            if field.store
            and field.type not in ("binary", "one2many", "many2many", "html")
            and name not in ("write_date", "write_uid", "__last_update")
            and not name.startswith(("message_", "activity_"))
        ]
        return record.read(names)[0]

    @staticmethod
    def _plain(value):
        if isinstance(value, list | tuple) and len(value) == 2 and isinstance(value[0], int):
            return value[0]  # many2one as read returns it
        if isinstance(value, datetime.date):
            return fields.Date.to_string(value)
        return value

    def _run_cell(self, role, row):
        """'' when the cell is right, else why it is wrong."""
        target, op, payload, context = row[:4]
        allowed = role in row[4]
        kwargs = {"context": dict(context or {})}
        missing = [n for n in [target, *self._refs(payload)] if ":" not in n and n not in self.fx]
        if missing:
            return f"fixture {missing} not built ({'; '.join(self.fx_errors.values())[:200]})"
        if op == "create":
            model = target.split(":", 1)[1]
            Model = self.env[model].sudo().with_context(active_test=False)
            before = Model.search_count([])
            ok, result = self._rpc(role, model, "create", [self._resolve(payload)], kwargs)
            self.env.invalidate_all()
            if allowed:
                return "" if ok else f"refused: {result}"
            if ok:
                return f"allowed (created id {result})"
            return "" if Model.search_count([]) == before else "refused but a record was created"
        record = self.fx[target]
        ids = record.ids
        if op == "read":
            ok, result = self._rpc(role, record._name, "read", [ids, payload], kwargs)
            real = record.sudo().read(payload)[0]
            truth = {name: self._plain(real.get(name)) for name in payload}
            if not ok:
                return f"refused: {result}" if allowed else ""
            got = {name: self._plain(result[0].get(name)) for name in payload} if result else {}
            disclosed = [name for name in payload if truth[name] and got.get(name) == truth[name]]
            if allowed:
                return "" if got == truth else f"values differ: {got} != {truth}"
            return f"disclosed {disclosed}" if disclosed else ""
        before = self._snapshot(record)
        if op == "write":
            vals = self._resolve(payload)
            ok, result = self._rpc(role, record._name, "write", [ids, vals], kwargs)
        elif op == "unlink":
            ok, result = self._rpc(role, record._name, "unlink", [ids], kwargs)
        else:
            method = op.split(":", 1)[1]
            args = self._resolve((payload or {}).get("args", []))
            ok, result = self._rpc(role, record._name, method, [ids, *args], kwargs)
        after = self._snapshot(record)
        if allowed:
            if not ok:
                return f"refused: {result}"
            if op == "unlink":
                return "" if after is None else "unlink answered but the record is still there"
            if op == "write":
                wrong = {
                    k: after.get(k)
                    for k, v in vals.items()
                    if not isinstance(v, list) and self._plain(after.get(k)) != v
                }
                return f"written values not kept: {wrong}" if wrong else ""
            expect = (payload or {}).get("expect", {})
            for name, value in expect.items():
                got = after.get(name)
                if value == "today":
                    # The server's today (UTC, the user's or the program's time zone), never
                    # a date the client sent.
                    today = datetime.date.today()
                    if not got or abs((fields.Date.to_date(got) - today).days) > 1:
                        return f"{name} = {got}, expected today ({today})"
                elif self._plain(got) != value:
                    return f"{name} = {got}, expected {value}"
            return ""
        if ok:
            return f"allowed (result {str(result)[:60]})"
        if after != before:
            changed = sorted(k for k in before if after is None or after.get(k) != before[k])
            return f"refused ({result}) but the record changed: {changed}"
        return ""

    def test_access_matrix(self):
        wrong = []
        cells = 0
        start = time.monotonic()
        cr = self.env.cr
        with mute_logger("odoo.http", "odoo.service.model", "odoo.sql_db", "odoo.models"):
            for row in MATRIX:
                not_judged = row[5] if len(row) > 5 else NOBODY
                for role in ROLES:
                    if role in not_judged:
                        continue
                    cells += 1
                    savepoint = cr.savepoint()
                    try:
                        why = self._run_cell(role, row)
                    except Exception as error:
                        why = f"test error {type(error).__name__}: {error}"
                    finally:
                        savepoint.close(rollback=True)
                        self.env.invalidate_all()
                    if why:
                        expected = "allow" if role in row[4] else "deny"
                        context = "+forged context" if row[3] else ""
                        shown = json.dumps(row[2], default=lambda r: f"@{r.name}")[:70]
                        wrong.append(
                            f"{role:8} {row[0]:16} {row[1]:24} {shown}{context} "
                            f"expected {expected}: {why}"
                        )
        _logger.info(
            "access matrix: %d rows x %d roles = %d cells (%d not judged), %d wrong, %.0f s",
            len(MATRIX),
            len(ROLES),
            cells,
            len(MATRIX) * len(ROLES) - cells,
            len(wrong),
            time.monotonic() - start,
        )
        if wrong:
            self.fail(f"{len(wrong)} of {cells} cells wrong:\n" + "\n".join(wrong))
