"""Personal data, institutions' fields and journals per program across the programs (issue
14), as each role's own user: one table per subject, every cell allow or deny."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .test_one_person import CURP, FO, MD, OTHER_CURP, PR, OnePersonCommon

PERSONAL = [
    "identity_number",
    "birth_date",
    "gender",
    "phone",
    "mobile",
    "email",
    "street",
    "comment",
]


@tagged("post_install", "-at_install")
class TestProgramData(OnePersonCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mentor = cls._new_user("x_mentor", MD % "mentor")
        cls.finance = cls._new_user("x_pr_finance", PR % "finance")
        cls.accountant = cls._new_user("x_fo_accountant", FO % "accountant")
        cls.person.sudo().write({"phone": "+52 55 5555 0101", "birth_date": "1990-02-15"})
        # An emergency applicant of PRONAFIM only, an individual FONAES beneficiary only.
        cls.applicant = cls.env["res.partner"].create(
            {"name": "Pedro López", "phone": "+52 55 5555 0202"}
        )
        cls.env["pronafim.emergency.credit"].with_user(cls.analyst).create(
            {
                "program_id": cls.emergency_program.id,
                "partner_id": cls.applicant.id,
                "curp": OTHER_CURP,
                "state_id": cls.env.ref("base.state_mx_df").id,
                "business_name": "Tienda Pedro",
            }
        )
        cls.beneficiary = cls.env["res.partner"].create(
            {
                "name": "Juana Pérez",
                "fonaes_role": "persona_fisica",
                "state_id": cls.oaxaca.id,
                "phone": "+52 951 555 0303",
            }
        )

    def _reads(self, user, partner):
        try:
            partner.with_user(user).read(PERSONAL)
        except AccessError:
            return False
        return True

    def test_personal_data_across_programs(self):
        # user: (reads the md owner, the emergency applicant, the FONAES beneficiary)
        table = {
            "facilitator": (True, False, False),
            "facilitator_2": (False, False, False),
            "mentor": (False, False, False),
            "analyst": (False, True, False),
            "finance": (False, True, False),
            "officer": (False, False, False),
            "state_rep": (False, False, True),
            "accountant": (False, False, True),
            "contacts_manager": (False, False, False),
            "imf_user": (False, False, False),
            "supervisor": (True, True, True),
        }
        persons = (self.person, self.applicant, self.beneficiary)
        cells = 0
        for role, expected in table.items():
            user = getattr(self, role)
            got = tuple(self._reads(user, partner) for partner in persons)
            self.assertEqual(got, expected, role)
            cells += len(expected)
        self.assertEqual(cells, 33)
        # The person also applies for an emergency credit: both programs reach her now,
        # each through its own record; the other facilitator still does not.
        self._emergency(self.person, CURP)
        self.assertTrue(self._reads(self.analyst, self.person))
        self.assertTrue(self._reads(self.facilitator, self.person))
        self.assertFalse(self._reads(self.facilitator_2, self.person))
        self.assertFalse(self._reads(self.state_rep, self.person))
        # Writing the phone: her facilitator and the PRONAFIM analyst; nobody else.
        self.person.with_user(self.facilitator).phone = "+52 55 1111 1111"
        self.person.with_user(self.analyst).phone = "+52 55 2222 2222"
        for user in (self.facilitator_2, self.state_rep, self.contacts_manager):
            with self.assertRaises(AccessError):
                self.person.with_user(user).write({"phone": "+52 1"})
        self.assertEqual(self.person.phone, "+52 55 2222 2222")
        # A user with roles in every program keeps every smart button.
        counts = self._counts(self.supervisor)
        self.assertEqual(counts["md_case_count"], 1)
        self.assertEqual(counts["pronafim_emergency_count"], 1)

    def test_institution_fields_per_program(self):
        # field values: program roles allowed to change them
        def fonaes_values(day):
            return [
                {"fonaes_registration_date": f"2026-01-{day:02d}"},
                {"fonaes_channelling_suspended": not self.imf.fonaes_channelling_suspended},
                {"fonaes_equity": 250_000.0 + day},
            ]

        def pronafim_values(day):
            return [
                {"pronafim_active_since": f"2019-05-{day:02d}"},
                {"pronafim_net_portfolio": 12_000_000.0 + day},
                {"pronafim_sp_date": f"2026-01-{day:02d}"},
            ]

        table = [
            # (user, FONAES fields, PRONAFIM fields)
            ("facilitator", False, False),
            ("analyst", False, True),
            ("state_rep", True, False),
            ("contacts_manager", False, False),
            ("supervisor", True, True),
        ]
        cells = 0
        # Each role tries values of its own (rewriting a stored value is no change).
        for day, (role, fonaes_ok, pronafim_ok) in enumerate(table, start=1):
            user = getattr(self, role)
            for values, allowed in [(v, fonaes_ok) for v in fonaes_values(day)] + [
                (v, pronafim_ok) for v in pronafim_values(day)
            ]:
                cells += 1
                with self.subTest(role=role, values=values):
                    imf = self.imf.with_user(user)
                    if allowed:
                        imf.write(values)
                    else:
                        with self.assertRaises(AccessError):
                            imf.write(values)
        self.assertEqual(cells, 30)

    def test_journals_per_program(self):
        Account = self.env["account.account"]
        bank = Account.create({"code": "XS101", "name": "Bancos", "account_type": "asset_cash"})
        income = Account.create({"code": "XS401", "name": "Ingresos", "account_type": "income"})
        journals = {
            "pronafim": self.env["account.journal"].create(
                {"name": "Fideicomiso PRONAFIM", "code": "XPRN", "type": "general"}
            ),
            "fonaes": self.env["account.journal"].create(
                {"name": "FONAES", "code": "XFON", "type": "general"}
            ),
        }
        self.env.company.write(
            {
                "pronafim_journal_id": journals["pronafim"].id,
                "fonaes_journal_id": journals["fonaes"].id,
            }
        )

        def entry(journal, user=None):
            Move = self.env["account.move"].with_user(user) if user else self.env["account.move"]
            move = Move.create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "line_ids": [
                        Command.create({"account_id": bank.id, "debit": 10.0}),
                        Command.create({"account_id": income.id, "credit": 10.0}),
                    ],
                }
            )
            move.action_post()
            return move

        posted = {program: entry(journal) for program, journal in journals.items()}

        def can(operation, user, program):
            """Try ``operation`` as ``user``, then undo it (allowed or not)."""
            savepoint = self.env.cr.savepoint()
            try:
                if operation == "read":
                    posted[program].with_user(user).read(["amount_total", "line_ids"])
                    posted[program].line_ids.with_user(user).read(["debit"])
                elif operation == "post":
                    entry(journals[program], user)
                elif operation == "reset":
                    posted[program].with_user(user).button_draft()
                elif operation == "edit":
                    posted[program].with_user(user).write({"ref": "changed"})
                self.env.flush_all()
            except AccessError:
                return False
            finally:
                self.env.invalidate_all()
                savepoint.close(rollback=True)
            return True

        # (user, program's journal): read, post, reset to draft, edit
        table = [
            ("finance", "pronafim", True),
            ("finance", "fonaes", False),
            ("accountant", "fonaes", True),
            ("accountant", "pronafim", False),
        ]
        cells = 0
        for role, program, allowed in table:
            for operation in ("read", "post", "reset", "edit"):
                cells += 1
                self.assertEqual(
                    can(operation, getattr(self, role), program),
                    allowed,
                    f"{role} {operation} {program}",
                )
        self.assertEqual(cells, 16)
        for program in journals:
            self.assertEqual(posted[program].state, "posted")
            self.assertFalse(posted[program].ref)
        # The journals themselves are not even listed to the other program.
        Journal = self.env["account.journal"]
        self.assertNotIn(journals["fonaes"], Journal.with_user(self.finance).search([]))
        self.assertNotIn(journals["pronafim"], Journal.with_user(self.accountant).search([]))
        self.assertIn(journals["pronafim"], Journal.with_user(self.finance).search([]))
        self.assertIn(journals["fonaes"], Journal.with_user(self.accountant).search([]))
