import base64
import contextlib
import json
import logging
import os
import pathlib
import re
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import AccessError, UserError
from odoo.modules.registry import Registry
from odoo.tests import new_test_user
from odoo.tests.common import ChromeBrowser, get_db_name

from odoo.addons.micro_base.models.micro_job import MicroJobMixin

_logger = logging.getLogger(__name__)


class MicroTestMixin:
    """Helpers shared by the suite's tests (import from ``micro_base.tests.common``)."""

    @contextlib.contextmanager
    def assertRaisesMessage(self, exception, fragment):
        """Like ``assertRaises`` (rolled back to a savepoint) and check the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertIn(fragment, str(catcher.exception))

    @classmethod
    def _new_user(cls, login, groups, **kwargs):
        """Create a user with exactly ``groups`` (comma-separated xml ids)."""
        return new_test_user(cls.env, login=login, groups=groups, **kwargs)

    @classmethod
    def _new_account(cls, code, name, account_type, **values):
        """An account of the test's company (``values``: e.g. ``reconcile=True``)."""
        return cls.env["account.account"].create(
            {"code": code, "name": name, "account_type": account_type, **values}
        )

    @classmethod
    def _post_entry(cls, journal, debit_account, credit_account, amount, user=None):
        """A posted two-line entry of ``amount`` in ``journal``, created as ``user`` (or
        the test's user)."""
        Move = cls.env["account.move"].with_user(user) if user else cls.env["account.move"]
        move = Move.create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "line_ids": [
                    Command.create({"account_id": debit_account.id, "debit": amount}),
                    Command.create({"account_id": credit_account.id, "credit": amount}),
                ],
            }
        )
        move.action_post()
        return move

    def assertJournalClosedTo(self, user, move, post_entry, own_journal):
        """``user`` may not read ``move`` (posted in a program's journal), post in its
        journal (``post_entry(journal, user)``) nor reset the entry; their own journal
        ``own_journal`` stays theirs."""
        with self.assertRaises(AccessError):
            move.with_user(user).read(["amount_total"])
        with self.assertRaises(AccessError):
            post_entry(move.journal_id, user)
        with self.assertRaises(AccessError):
            move.with_user(user).button_draft()
        self.assertEqual(move.state, "posted")
        post_entry(own_journal, user)

    def assertEntryNotResetByHand(self, move, users, accounting):
        """The posted ``move`` is corrected by its reversing step: none of ``users`` may
        reset it to draft or cancel it by hand; ``accounting`` (one of them, holding
        Odoo's accounting rights) is told so."""
        self.assertEqual(move.state, "posted")
        for user in users:
            for method in ("button_draft", "button_cancel"):
                with self.subTest(user=user.login, method=method):
                    with self.assertRaises(UserError) as refusal:
                        getattr(move.with_user(user), method)()
                    if user == accounting:
                        self.assertIn("reversing step", str(refusal.exception))
                    self.assertEqual(move.state, "posted")

    def _visible_menus(self, user):
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def assertJobEnqueued(self, trap, record, method, identity):
        """``record``'s last run is queued as ``record.method()`` under ``identity`` on
        the suite's channel (``trap``: queue_job's ``trap_jobs()``)."""
        trap.assert_enqueued_job(
            record._micro_run_job,
            args=(record.micro_job_id.sudo().id, method, [], identity),
            properties={"identity_key": identity, "channel": "root.micro"},
        )

    def _execute_kw(self, user, model, method, args, kwargs=None, password=None):
        """Call ``model.method(*args, **kwargs)`` through Odoo's external API
        (``execute_kw`` over ``/jsonrpc``) logged in as ``user``; the password defaults to
        the one ``new_test_user`` gives. Only in an ``HttpCase``. Returns the JSON-RPC
        answer: ``{"result": ...}`` or ``{"error": {...}}``."""
        if password is None:
            password = user.login + "x" * (8 - len(user.login))
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    user.id,
                    password,
                    model,
                    method,
                    args,
                    kwargs or {},
                ],
            },
        }
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
            timeout=30,
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        return response.json()


@contextlib.contextmanager
def committed_environment():
    """A superuser environment on its own cursor, committed and closed at the end (for
    concurrency tests: other cursors cannot see a test's uncommitted transaction)."""
    with Registry(get_db_name()).cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {})


@contextlib.contextmanager
def two_environments():
    """Two superuser environments on cursors of their own: two transactions at once."""
    registry = Registry(get_db_name())
    with registry.cursor() as cr1, registry.cursor() as cr2:
        yield api.Environment(cr1, SUPERUSER_ID, {}), api.Environment(cr2, SUPERUSER_ID, {})


def in_background(flag):
    """Decide, for a test, whether ``micro.job.mixin`` queues its work (as when queue_job's
    runner is loaded) or runs it in the request."""
    return patch.object(MicroJobMixin, "_micro_jobs_in_background", lambda self: flag)


def screens_dir():
    """Where the tours' screenshots go: ``$MICRO_SCREENS_DIR`` or ``<repo>/.odoo/screens``
    (not committed; the README says where)."""
    default = pathlib.Path(__file__).resolve().parents[3] / ".odoo" / "screens"
    return pathlib.Path(os.environ.get("MICRO_SCREENS_DIR") or default)


class MicroScreensMixin:
    """Screenshots of a tour at the steps that matter (issue 17).

    Put it before ``HttpCase`` in the bases. A tour step saves the screen by logging
    ``micro-screen:<name>`` (e.g. ``run() { console.log("micro-screen:01_tablero"); }``):
    the page as the user sees it at that moment goes to
    ``.odoo/screens/<TestClass>/<name>.png``."""

    def setUp(self):
        super().setUp()
        original = ChromeBrowser._handle_console
        folder = screens_dir() / type(self).__name__

        def handle_console(browser, type, args=None, stackTrace=None, **kw):
            first = str(browser._from_remoteobject(args[0])) if args else ""
            if first.startswith("micro-screen:"):
                name = re.sub(r"[^\w.-]+", "_", first.split(":", 1)[1].strip()) or "screen"
                future = browser._websocket_send("Page.captureScreenshot", with_future=True)

                def save(done, name=name):
                    data = done.result(timeout=0).get("data")
                    if data:
                        folder.mkdir(parents=True, exist_ok=True)
                        (folder / f"{name}.png").write_bytes(base64.b64decode(data))
                        _logger.info("screenshot %s/%s.png", folder, name)

                future.add_done_callback(save)
            return original(browser, type, args=args, stackTrace=stackTrace, **kw)

        self.patch(ChromeBrowser, "_handle_console", handle_console)


class DemoUsersMixin:
    """First contact (issue 15): the demo has a user for every role of ``module``, in the
    program's language and time zone, and each internal user lands on their role's work."""

    def _demo_users(self, module):
        data = self.env["ir.model.data"].search(
            [("module", "=", module), ("model", "=", "res.users")]
        )
        return self.env["res.users"].browse(data.mapped("res_id")).exists()

    def _module_groups(self, module):
        data = self.env["ir.model.data"].search(
            [("module", "=", module), ("model", "=", "res.groups")]
        )
        return self.env["res.groups"].browse(data.mapped("res_id")).exists()

    def assertDemoCompany(self, company, country_code, currency_code=None):
        """One demo company per country: named, with a logo and an address there."""
        self.assertTrue(company.logo, f"{company.name}: logo")
        self.assertTrue(company.street, f"{company.name}: street")
        self.assertTrue(company.city, f"{company.name}: city")
        self.assertEqual(company.country_id.code, country_code, f"{company.name}: country")
        if currency_code:
            self.assertEqual(company.currency_id.name, currency_code, f"{company.name}: currency")

    def assertDemoUsers(self, module, lang, tz, company=None):
        users = self._demo_users(module)
        self.assertTrue(users, f"{module} ships no demo user")
        for group in self._module_groups(module):
            self.assertTrue(
                group.users & users,
                f"role {group.full_name} of {module} has no demo user",
            )
        for user in users:
            self.assertEqual(user.lang, lang, f"{user.login}: language")
            self.assertEqual(user.tz, tz, f"{user.login}: time zone")
            if company:
                self.assertEqual(user.company_id, company, f"{user.login}: company")
                self.assertEqual(user.company_ids, company, f"{user.login}: companies")
            if user.share:
                continue  # portal users land on their portal (/my), not on an action
            action = user.action_id
            self.assertTrue(action, f"{user.login} has no home action")
            self.assertEqual(action.type, "ir.actions.act_window", user.login)
            window = self.env["ir.actions.act_window"].browse(action.id)
            self.assertEqual(
                window, user._micro_home_action(), f"{user.login}: not their role's home"
            )
            # The user can open it: read access to its model and its search works.
            self.env[window.res_model].with_user(user).search([], limit=1)
        return users
