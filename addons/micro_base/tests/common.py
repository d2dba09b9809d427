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
