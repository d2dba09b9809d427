"""Production configuration (issue 14): the shipped odoo.conf and the Docker image's
entrypoint give no known master password and keep the database manager off.

Plain tests of the repository's files (no database), run by ``make test`` with the
suite's tests. The repository root is found from this file: tests/<addon>/tests/."""

import configparser
import importlib.util
import io
import os
import re
import tempfile
from pathlib import Path
from unittest import mock

from passlib.context import CryptContext

from odoo.tests import BaseCase, tagged

ROOT = Path(__file__).resolve().parents[3]
# Master passwords anyone would try first (Odoo's default among them).
KNOWN = ["admin", "odoo", "", "password", "123456", "changeme", "master", "postgres"]
CRYPT = CryptContext(["pbkdf2_sha512", "plaintext"], deprecated=["plaintext"])


def _load_helper():
    spec = importlib.util.spec_from_file_location(
        "micro_docker_odoo_conf", ROOT / "docker" / "odoo_conf.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _options(path):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path)
    return parser["options"]


def _accepts(stored, password):
    """As odoo.tools.config.verify_admin_password: empty stored value refuses all."""
    return bool(stored) and CRYPT.verify(password, stored)


@tagged("post_install", "-at_install")
class TestProductionConfig(BaseCase):
    def _assert_production(self, options):
        self.assertIn("list_db", options, "list_db left out means Odoo's default: True")
        self.assertEqual(options["list_db"].strip(), "False")
        self.assertEqual(options.get("proxy_mode", "").strip(), "True")
        # Left out, Odoo's master password is "admin".
        self.assertIn("admin_passwd", options)
        for password in KNOWN:
            self.assertFalse(
                _accepts(options["admin_passwd"], password),
                f"the master password is {password!r}",
            )

    def test_shipped_conf(self):
        """odoo.conf (the image's /etc/odoo/odoo.conf, also read by make run/test)."""
        options = _options(ROOT / "odoo.conf")
        self._assert_production(options)
        self.assertEqual(options["admin_passwd"], "", "no secret in the shipped file")
        self.assertNotIn("db_password", options, "PostgreSQL's password comes from the env")

    def test_image_uses_entrypoint(self):
        dockerfile = (ROOT / "Dockerfile").read_text()
        self.assertIn("COPY odoo.conf /etc/odoo/odoo.conf", dockerfile)
        self.assertIn("COPY docker/odoo_conf.py /usr/local/lib/micro/odoo_conf.py", dockerfile)
        self.assertRegex(dockerfile, r'ENTRYPOINT \["/usr/local/bin/micro-entrypoint.sh"\]')
        entrypoint = (ROOT / "docker" / "entrypoint.sh").read_text()
        self.assertIn('python3 "$HELPER" conf /etc/odoo/odoo.conf "$CONF"', entrypoint)
        self.assertIn('exec odoo -c "$CONF" "$@"', entrypoint)
        # Demo users have known passwords: no demo data unless asked for a trial.
        self.assertIn("demo=(--without-demo=all)", entrypoint)
        compose = (ROOT / "compose.yaml").read_text()
        self.assertNotRegex(compose, r"(?m)^\s*-\s*\"8069:8069\"", "Odoo is behind the proxy")
        self.assertNotRegex(compose, r"(?im)password:\s*odoo\s*$", "no default secret")

    def test_first_start_creates_the_database_as_make_run(self):
        """Issue 15: Docker's first start creates the database as `make run` does: every
        suite addon, Odoo's texts in Mexican and Colombian Spanish (English named first:
        an Odoo 18 of before odoo/odoo#192344 cannot create a database whose first
        language is a Spanish one), Mexican Spanish then the contacts' and visitors'
        default."""
        run = (ROOT / "scripts" / "run.sh").read_text()
        entrypoint = (ROOT / "docker" / "entrypoint.sh").read_text()
        self.assertIn('create_database "$RUN_DB" en_US,es_MX,es_CO', run)
        self.assertIn('--load-language="en_US,${ODOO_LANGUAGES:-es_MX,es_CO}"', entrypoint)
        # The first company Mexican before `account` installs, in make run's database,
        # make test's template (the database these tests run in: see fonaes_support's
        # TestFonaesFirstContact, chart "mx" and every entry in MXN) and Docker's.
        env_sh = (ROOT / "scripts" / "env.sh").read_text()
        self.assertIn('<"$ROOT/scripts/first_company.py"', env_sh)
        self.assertIn('create_database "$building"', (ROOT / "scripts" / "test.sh").read_text())
        self.assertIn("</usr/local/lib/micro/first_company.py", entrypoint)
        self.assertIn(
            "COPY scripts/first_company.py /usr/local/lib/micro/first_company.py",
            (ROOT / "Dockerfile").read_text(),
        )
        # Base, the company made Mexican, accounting (Odoo loads the chart at the end of
        # the run installing `account`, deleting journals and entries made earlier in that
        # run), then the suite: the order of make run's and the template's runs.
        steps = [
            ' -i base "${demo[@]}"',
            "first_company.py",
            ' -i account "${demo[@]}"',
            '-i "$ODOO_INIT_ADDONS"',
        ]
        positions = [entrypoint.index(step) for step in steps]
        self.assertEqual(positions, sorted(positions))
        self.assertIn('create_database "$RUN_DB" en_US,es_MX,es_CO "$(suite_dependencies)"', run)
        self.assertIn('env["ir.default"].set("res.partner", "lang", "es_MX")', run)
        self.assertIn('env["ir.default"].set("res.partner", "lang", lang)', entrypoint)
        suite = sorted(p.parent.name for p in (ROOT / "addons").glob("*/__manifest__.py"))
        dockerfile = (ROOT / "Dockerfile").read_text()
        image = re.search(r"ODOO_INIT_ADDONS=(\S+)", dockerfile).group(1).split(",")
        self.assertEqual(sorted(image), suite)

    def _run_conf(self, tmp, env, shipped=ROOT / "odoo.conf"):
        helper = _load_helper()
        out = io.StringIO()
        base = {k: v for k, v in os.environ.items() if not k.startswith(("ODOO_", "DB_"))}
        base.pop("PASSWORD", None)
        with mock.patch.dict(os.environ, {**base, **env}, clear=True):
            helper.write_conf(shipped, Path(tmp) / "odoo.conf", out=out)
        return _options(Path(tmp) / "odoo.conf"), out.getvalue()

    def test_entrypoint_generates_master_password_once(self):
        with tempfile.TemporaryDirectory() as tmp:
            options, printed = self._run_conf(tmp, {"DB_PASSWORD": "s3cret-db"})
            self._assert_production(options)
            match = re.search(r"^    (\S+)$", printed, re.M)
            self.assertTrue(match, "the generated password is printed at first start")
            generated = match.group(1)
            self.assertGreaterEqual(len(generated), 20)
            self.assertTrue(_accepts(options["admin_passwd"], generated))
            self.assertNotIn(generated, (Path(tmp) / "odoo.conf").read_text(), "hash only")
            self.assertEqual(options["db_password"], "s3cret-db")
            self.assertEqual(os.stat(Path(tmp) / "odoo.conf").st_mode & 0o077, 0)
            # Second start: nothing printed, same master password.
            options2, printed2 = self._run_conf(tmp, {"DB_PASSWORD": "s3cret-db"})
            self.assertEqual(printed2, "")
            self.assertTrue(_accepts(options2["admin_passwd"], generated))
        with tempfile.TemporaryDirectory() as tmp:
            # Another first start generates another password.
            options3, printed3 = self._run_conf(tmp, {"DB_PASSWORD": "x"})
            self.assertFalse(_accepts(options3["admin_passwd"], generated))
            self.assertTrue(printed3)

    def test_entrypoint_master_password_from_environment(self):
        with tempfile.TemporaryDirectory() as tmp:
            env = {"DB_PASSWORD": "db", "ODOO_MASTER_PASSWORD": "Correct-Horse-7"}
            options, printed = self._run_conf(tmp, env)
            self.assertEqual(printed, "")
            self._assert_production(options)
            self.assertTrue(_accepts(options["admin_passwd"], "Correct-Horse-7"))
            self.assertNotIn("Correct-Horse-7", (Path(tmp) / "odoo.conf").read_text())

    def test_entrypoint_forces_production_values(self):
        """Even a shipped file turning the manager back on is overridden."""
        with tempfile.TemporaryDirectory() as tmp:
            shipped = Path(tmp) / "shipped.conf"
            shipped.write_text("[options]\nadmin_passwd = admin\nlist_db = True\n")
            options, _printed = self._run_conf(tmp, {"DB_PASSWORD": "db"}, shipped=shipped)
            self._assert_production(options)

    def test_entrypoint_requires_db_password(self):
        with tempfile.TemporaryDirectory() as tmp:
            with self.assertRaises(SystemExit):
                self._run_conf(tmp, {})
