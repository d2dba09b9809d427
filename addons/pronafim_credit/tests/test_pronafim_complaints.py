import base64
import datetime
import pathlib
import shutil
import tempfile
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.misc import mute_logger

from ..tools import complaints as rules
from .common import GROUP, PronafimCase, on_day

HEADER = "folio,kind,institution,user_name,product,reason,amount_claimed,date_received\n"


class ComplaintCase(PronafimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = cls._new_user("pr_une_c", GROUP % "complaints_officer")
        cls.Complaint = cls.env["pronafim.complaint"].with_user(cls.officer)
        cls.File = cls.env["pronafim.complaint.file"].with_user(cls.officer)

    def _csv(self, *rows):
        return (HEADER + "".join(row + "\n" for row in rows)).encode()

    def _row(self, folio, date="2026-11-02", institution=None, extra=""):
        institution = institution or self.imf.name
        return f"{folio},complaint,{institution},Luis Pérez,Crédito simple,Cobro indebido,1500.50,{date}{extra}"  # noqa: E501

    def _complaint(self, folio, received=datetime.date(2026, 11, 2)):
        """A complaint as the file's import creates it, in the officer's hands."""
        return (
            self.Complaint.sudo()
            .create(
                {
                    "name": folio,
                    "kind": "complaint",
                    "institution_id": self.imf.id,
                    "user_name": "Usuaria",
                    "product": "Crédito simple",
                    "reason": "Cobro indebido",
                    "date_received": received,
                }
            )
            .sudo(False)
        )

    def _answer(self, complaint, day, outcome="in_favor"):
        """Take (when still received) and answer ``complaint`` on ``day``, in that order."""
        with on_day(day):
            if complaint.state == "received":
                complaint.action_take()
            complaint.write({"response": "Se bonifica el cargo.", "outcome": outcome})
            complaint.action_answer()


@tagged("post_install", "-at_install")
class TestComplaints(ComplaintCase):
    def test_due_date_across_non_working_days(self):
        """17 business days (seed 002 §7) on the MX calendar: Friday 13 November 2026,
        weekends and Revolution Day (Monday 16 November) skipped."""
        complaint = self._complaint("F-DUE", datetime.date(2026, 11, 13))
        self.assertEqual(complaint.date_due, datetime.date(2026, 12, 9))
        # Received on Friday, answered on Tuesday 17: one business day (16 is a holiday).
        self._answer(complaint, datetime.date(2026, 11, 17))
        self.assertEqual(complaint.business_days, 1)

    def test_import_all_or_nothing_then_valid_rows(self):
        content = self._csv(
            self._row("F-1"),
            self._row("F-2", date="2026-13-01"),
            self._row("F-3", institution="Financiera Desconocida"),
            self._row("F-4"),
            self._row("F-1"),
        )
        file = self.File._receive(content, "condusef_20261102.csv")
        file.action_import()
        self.assertEqual(file.state, "error")
        self.assertFalse(file.complaint_ids)
        self.assertEqual(
            file.error_report.splitlines(),
            [
                "Line 3: date '2026-13-01' is not a YYYY-MM-DD date.",
                "Line 4: institution 'Financiera Desconocida' is not registered.",
                "Line 6: folio F-1 already on line 2.",
            ],
        )
        file.valid_rows_only = True
        file.action_import()
        self.assertEqual(file.state, "imported")
        self.assertEqual(sorted(file.complaint_ids.mapped("name")), ["F-1", "F-4"])
        self.assertEqual(file.complaint_ids.mapped("file_line"), [2, 5])
        self.assertIn("Line 3:", file.error_report)
        first = file.complaint_ids.filtered(lambda c: c.name == "F-1")
        self.assertEqual(first.amount_claimed, 1500.50)
        self.assertEqual(first.date_due, datetime.date(2026, 11, 26))

    def test_bad_headers_and_values(self):
        file = self.File._receive(b"folio,kind\nF-9,complaint\n", "bad.csv")
        file.action_import()
        self.assertIn("Line 1: missing columns institution, user_name", file.error_report)
        file = self.File._receive(
            self._csv(f"F-8,queja,{self.imf.name},,Crédito,Motivo,-3,2026-11-02"), "bad2.csv"
        )
        file.action_import()
        self.assertEqual(
            file.error_report.splitlines(),
            [
                "Line 2: the column user_name is empty.",
                "Line 2: kind 'queja' is neither complaint nor inquiry.",
                "Line 2: amount claimed '-3' is not a number >= 0.",
            ],
        )
        self.assertFalse(self.Complaint.search([("name", "=", "F-8")]))

    def test_same_file_twice_and_cron_twice_import_once(self):
        content = self._csv(self._row("F-10"), self._row("F-11"))
        file = self.File._receive(content, "day.csv")
        self.assertEqual(self.File._receive(content, "day_again.csv"), file)
        exchange = self.env["pronafim.complaint.file"]
        with on_day(datetime.date(2026, 11, 3)):
            exchange._cron_exchange()
            exchange._cron_exchange()
        self.assertEqual(self.Complaint.search_count([("name", "in", ["F-10", "F-11"])]), 2)
        self.assertEqual(file.state, "imported")
        # Another file repeating a folio already received reports it.
        again = self.File._receive(self._csv(self._row("F-11"), self._row("F-12")), "d2.csv")
        again.action_import()
        self.assertEqual(again.error_report, "Line 2: folio F-11 was already received.")

    def test_answers_exported_once(self):
        complaint = self._complaint("F-20")
        self._answer(complaint, datetime.date(2026, 11, 20))
        exchange = self.env["pronafim.complaint.file"]
        with on_day(datetime.date(2026, 11, 20)):
            exchange._cron_exchange()
        sent = complaint.export_file_id
        self.assertEqual(sent.state, "sent")
        self.assertEqual(
            base64.b64decode(sent.datas).decode().splitlines(),
            [
                "folio,date_answered,outcome,business_days,response",
                "F-20,2026-11-20,in_favor,13,Se bonifica el cargo.",
            ],
        )
        files = self.File.search_count([("direction", "=", "outgoing")])
        exchange._cron_exchange()
        self.assertEqual(self.File.search_count([("direction", "=", "outgoing")]), files)

    def test_seed_figures_on_constructed_data(self):
        """Seed 002 §7: 17 business days on average, 57 % in favor of the user."""
        answers = [
            (datetime.date(2026, 11, 20), "in_favor"),  # 13 business days
            (datetime.date(2026, 11, 27), "in_favor"),  # 18, after the due date (26)
            (datetime.date(2026, 12, 1), "not_in_favor"),  # 20, after the due date
            (datetime.date(2026, 11, 20), "in_favor"),  # 13
            (datetime.date(2026, 11, 27), "in_favor"),  # 18, after the due date
            (datetime.date(2026, 12, 1), "not_in_favor"),  # 20, after the due date
            (datetime.date(2026, 11, 26), "not_in_favor"),  # 17, on the due date
        ]
        for index, (day, outcome) in enumerate(answers):
            self._answer(self._complaint(f"F-S{index}"), day, outcome)
        open_late = self._complaint("F-OPEN")
        other = self._complaint("F-OTHER", datetime.date(2026, 11, 30))
        other.sudo().institution_id = self.other_imf
        with on_day(datetime.date(2026, 12, 2)):
            figures = self.Complaint._figures(
                datetime.date(2026, 11, 1), datetime.date(2026, 11, 30)
            )
        self.assertEqual(figures["average_business_days"], rules.SEED_AVERAGE_BUSINESS_DAYS)
        self.assertEqual(round(figures["pct_in_favor"]), rules.SEED_PCT_IN_FAVOR)
        # Four answered after their due date, one still open past it.
        self.assertEqual(figures["overdue"], 5)
        self.assertEqual(
            figures["by_institution"], {self.imf.display_name: 8, self.other_imf.display_name: 1}
        )
        self.assertEqual(figures["by_product"], {"Crédito simple": 9})
        self.assertEqual(open_late.state, "received")

    def test_flag_due_idempotent(self):
        complaint = self._complaint("F-30")
        complaint.with_user(self.officer).action_take()
        Complaint = self.env["pronafim.complaint"]
        for day, status, activities in (
            (datetime.date(2026, 11, 20), "ok", 0),
            (datetime.date(2026, 11, 24), "lapsing", 1),
            (datetime.date(2026, 11, 24), "lapsing", 1),
            (datetime.date(2026, 11, 27), "lapsed", 2),
            (datetime.date(2026, 11, 27), "lapsed", 2),
        ):
            with on_day(day):
                Complaint._cron_flag_due()
            self.assertEqual(complaint.due_status, status)
            self.assertEqual(len(complaint.activity_ids), activities)
        self.assertEqual(complaint.activity_ids.user_id, self.officer)

    def test_answer_requires_response_and_outcome(self):
        complaint = self._complaint("F-40")
        complaint.action_take()
        with self.assertRaisesMessage(UserError, "write the response and its outcome"):
            complaint.action_answer()
        self._answer(complaint, datetime.date(2026, 11, 3))
        with self.assertRaisesMessage(UserError, "already answered"):
            complaint.action_answer()
        with on_day(datetime.date(2026, 11, 4)):
            complaint.action_close()
        self.assertEqual(complaint.date_closed, datetime.date(2026, 11, 4))
        self.assertEqual(complaint.officer_id, self.officer)

    def test_steps_in_their_order(self):
        """Answer only after Take (issue 17): refused with a clear message otherwise."""
        complaint = self._complaint("F-41")
        complaint.write({"response": "Se bonifica el cargo.", "outcome": "in_favor"})
        with self.assertRaisesMessage(UserError, "take it in charge (Take) before answering"):
            complaint.action_answer()
        self.assertEqual(complaint.state, "received")
        with self.assertRaisesMessage(UserError, "Only an answered complaint can be closed"):
            complaint.action_close()
        complaint.action_take()
        with self.assertRaisesMessage(UserError, "Only a received complaint can be taken"):
            complaint.action_take()

    def test_due_status_after_answer(self):
        """The due status says whether the answer was in time, never blank (issue 17)."""
        late, on_time = self._complaint("F-42"), self._complaint("F-43")
        self.assertEqual(late.date_due, datetime.date(2026, 11, 26))
        self._answer(late, datetime.date(2026, 11, 27))
        self.assertEqual((late.state, late.due_status), ("answered", "lapsed"))
        self._answer(on_time, datetime.date(2026, 11, 26))
        self.assertEqual((on_time.state, on_time.due_status), ("answered", "ok"))
        with on_day(datetime.date(2026, 11, 30)):
            self.env["pronafim.complaint"]._cron_flag_due()
        self.assertEqual((late.due_status, on_time.due_status), ("lapsed", "ok"))

    def test_access_per_role(self):
        complaint = self._complaint("F-50")
        file = self.File._receive(self._csv(self._row("F-51")), "acc.csv")
        for user in (self.analyst, self.portal):
            with self.assertRaises(AccessError):
                complaint.with_user(user).read(["user_name"])
            with self.assertRaises(AccessError):
                file.with_user(user).read(["datas"])
            with self.assertRaises(AccessError):
                self.env["pronafim.complaint"].with_user(user).create(
                    {"name": "X", "kind": "inquiry", "institution_id": self.imf.id,
                     "user_name": "x", "product": "x", "reason": "x",
                     "date_received": datetime.date(2026, 11, 2)}
                )  # fmt: skip
        with self.assertRaises(AccessError):
            complaint.unlink()
        with self.assertRaisesMessage(UserError, "cannot be deleted"):
            complaint.sudo().unlink()


@tagged("post_install", "-at_install")
class TestComplaintDesk(ComplaintCase):
    """Second reading: what the steps set, late exports, calendar changes, bad records."""

    def test_regulator_data_and_steps_not_written_by_hand(self):
        complaint = self._complaint("F-60")
        for vals in (
            {"state": "answered"},
            {"date_due": datetime.date(2027, 1, 29)},
            {"date_received": datetime.date(2026, 11, 20)},
            {"business_days": 3},
        ):
            with self.assertRaisesMessage(UserError, "only through the record's steps"):
                complaint.write(vals)
        self._answer(complaint, datetime.date(2026, 11, 5))
        with self.assertRaisesMessage(UserError, "was sent to the regulator: Response cannot"):
            complaint.response = "Otra respuesta"
        with self.assertRaisesMessage(UserError, "Outcome cannot change"):
            complaint.outcome = "not_in_favor"
        self.assertEqual(complaint.outcome, "in_favor")
        file = self.File._receive(self._csv(self._row("F-61")), "g.csv")
        with self.assertRaisesMessage(UserError, "only through the record's steps"):
            file.write({"state": "imported"})
        with self.assertRaisesMessage(UserError, "File can no longer change"):
            file.write({"datas": base64.b64encode(self._csv(self._row("F-62")))})

    def test_answer_given_after_the_exchange_is_sent_next_day(self):
        """The daily exchange ran at dawn; an answer given later that day goes out with the
        next day's file, not never."""
        exchange = self.env["pronafim.complaint.file"]
        with on_day(datetime.date(2026, 11, 20)):
            exchange._cron_exchange()
        complaint = self._complaint("F-70")
        self._answer(complaint, datetime.date(2026, 11, 20))
        self.assertFalse(complaint.export_file_id)
        with on_day(datetime.date(2026, 11, 23)):
            exchange._cron_exchange()
        self.assertEqual(complaint.export_file_id.date, datetime.date(2026, 11, 23))
        self.assertIn(
            "F-70,2026-11-20,in_favor", base64.b64decode(complaint.export_file_id.datas).decode()
        )

    def test_due_date_follows_calendar_changes(self):
        """A non-working day added to the MX calendar after reception moves the due date of
        the open complaints (tracked); answered ones keep theirs; removing it moves back."""
        open_one = self._complaint("F-80", datetime.date(2026, 11, 13))
        answered = self._complaint("F-81", datetime.date(2026, 11, 13))
        self._answer(answered, datetime.date(2026, 11, 20))
        late = self._complaint("F-82", datetime.date(2026, 10, 1))  # due before the new day
        due_late = late.date_due
        self.assertEqual(open_one.date_due, datetime.date(2026, 12, 9))
        # As if received on an earlier day (committed): records created in the current
        # transaction are not tracked.
        self.env.flush_all()
        self.env.cr.precommit.run()
        leave = self.env["resource.calendar.leaves"].create(
            {
                "name": "Día inhábil CONDUSEF",
                "calendar_id": self.calendar.id,
                "date_from": datetime.datetime(2026, 12, 1, 6, 0),
                "date_to": datetime.datetime(2026, 12, 2, 5, 59, 59),
            }
        )
        self.assertEqual(open_one.date_due, datetime.date(2026, 12, 10))
        self.assertEqual(answered.date_due, datetime.date(2026, 12, 9))
        self.assertEqual(late.date_due, due_late)
        self.env.flush_all()
        self.env.cr.precommit.run()  # the tracking is written at commit
        tracked = open_one.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "date_due" and t.new_value_datetime
        )
        self.assertIn(datetime.date(2026, 12, 10), [t.new_value_datetime.date() for t in tracked])
        leave.write({"date_from": datetime.datetime(2026, 12, 3, 6, 0),
                     "date_to": datetime.datetime(2026, 12, 4, 5, 59, 59)})  # fmt: skip
        self.assertEqual(open_one.date_due, datetime.date(2026, 12, 10))
        leave.unlink()
        self.assertEqual(open_one.date_due, datetime.date(2026, 12, 9))

    def test_flag_cron_skips_a_bad_complaint(self):
        """A complaint that fails is logged and skipped; the others are flagged."""
        good = self._complaint("F-90")
        bad = self._complaint("F-91")
        other = self._complaint("F-92")
        Complaint = type(self.env["pronafim.complaint"])
        flag = Complaint._flag_due

        def flag_or_fail(complaint, *args):
            if complaint.name == "F-91":
                complaint._workflow_write({"due_status": "lapsed"})  # rolled back
                raise ValueError("broken complaint")
            return flag(complaint, *args)

        with (
            patch.object(Complaint, "_flag_due", flag_or_fail),
            mute_logger("odoo.addons.micro_base.models.micro_scheduled_work"),
        ):
            with on_day(datetime.date(2026, 11, 27)):
                failed = self.env["pronafim.complaint"]._cron_flag_due()
        self.assertEqual(failed, bad)
        self.assertEqual((good.due_status, other.due_status), ("lapsed", "lapsed"))
        self.assertFalse(bad.due_status)
        self.assertEqual(len(good.activity_ids), 1)

    def test_exchange_cron_skips_a_bad_file(self):
        """A file whose import fails unexpectedly is rolled back and left in error with a
        note; the other files are imported and the answers exported."""
        bad = self.File._receive(self._csv(self._row("F-100")), "bad.csv")
        good = self.File._receive(self._csv(self._row("F-101")), "good.csv")
        File = type(self.env["pronafim.complaint.file"])
        action_import = File.action_import

        def import_or_fail(files):
            result = action_import(files)
            if files == bad:
                raise ValueError("storage failure")
            return result

        with (
            patch.object(File, "action_import", import_or_fail),
            mute_logger("odoo.addons.micro_base.models.micro_scheduled_work"),
        ):
            with on_day(datetime.date(2026, 11, 3)):
                failed = self.env["pronafim.complaint.file"]._cron_exchange()
        self.assertEqual(failed, bad)
        self.assertEqual((bad.state, good.state), ("error", "imported"))
        self.assertIn("failed unexpectedly", bad.error_report)
        self.assertFalse(self.Complaint.search([("name", "=", "F-100")]))
        self.assertTrue(self.Complaint.search([("name", "=", "F-101")]))

    def test_exchange_through_inbox_and_outbox_folders(self):
        """The day's file dropped in the inbox folder is received, imported once and moved
        to received/; the answers are written to the outbox folder."""
        root = pathlib.Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, root)
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("pronafim_credit.condusef_inbox_dir", str(root / "in"))
        params.set_param("pronafim_credit.condusef_outbox_dir", str(root / "out"))
        (root / "in").mkdir()
        (root / "in" / "condusef_20261103.csv").write_bytes(self._csv(self._row("F-110")))
        answered = self._complaint("F-111")
        self._answer(answered, datetime.date(2026, 11, 3))
        exchange = self.env["pronafim.complaint.file"]
        with on_day(datetime.date(2026, 11, 3)):
            exchange._cron_exchange()
        self.assertTrue(self.Complaint.search([("name", "=", "F-110")]))
        self.assertFalse(list((root / "in").glob("*.csv")))
        self.assertTrue((root / "in" / "received" / "condusef_20261103.csv").exists())
        sent = answered.export_file_id
        self.assertEqual(
            (root / "out" / sent.name).read_text().splitlines()[1],
            "F-111,2026-11-03,in_favor,1,Se bonifica el cargo.",
        )
        # The same file dropped again, and a second run: nothing more.
        (root / "in" / "again.csv").write_bytes(self._csv(self._row("F-110")))
        exchange._cron_exchange()
        self.assertEqual(self.Complaint.search_count([("name", "=", "F-110")]), 1)
        self.assertEqual(len(list((root / "out").iterdir())), 1)
