import contextlib

from odoo.tests import new_test_user


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

    def _visible_menus(self, user):
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()


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

    def assertDemoUsers(self, module, lang, tz):
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
