"""Read-only routing (issue 20): with a read replica (``WORKERS=N make run``), Odoo serves
an RPC call of a method marked ``@api.readonly`` on a read-only cursor on the replica,
where a write fails (and the request is run again on the primary: twice the work). Each
of the suite's read-only methods runs here in a read-only transaction, as on a hot
standby: none may write."""

import logging

import psycopg2

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

SUITE = ("micro_base", "md_micronegocios", "pronafim_credit", "fonaes_support")

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestReadonlyMethods(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        partner = env["res.partner"].create({"name": "Persona de la prueba"})
        lead = env["crm.lead"].create(
            {
                "name": "Micronegocio de la prueba",
                "type": "opportunity",
                "team_id": env.ref("md_micronegocios.crm_team_md").id,
                "partner_id": partner.id,
            }
        )
        cycle = env.ref("md_micronegocios.md_cycle_2021_1")
        service = env["md.service"].create(
            {"key": "readonly-test", "name": "Asesoría", "entity": "SENA", "scope": "national"}
        )
        cls.records = {
            "crm.lead": lead,
            "res.partner": partner,
            "md.service": service,
            "md.diagnostic": env["md.diagnostic"].create({"lead_id": lead.id}),
            "md.program.report.wizard": env["md.program.report.wizard"].create(
                {"cycle_id": cycle.id}
            ),
            "pronafim.committee.session": env["pronafim.committee.session"].create(
                {"name": "Sesión de la prueba", "date": "2026-01-15"}
            ),
            # Methods that only build an action or a report action on their records.
            "pronafim.microcredit.product": env["pronafim.microcredit.product"],
            "pronafim.mir.indicator": env["pronafim.mir.indicator"].search([], limit=2),
            "fonaes.financial.statement": env["fonaes.financial.statement"],
        }

    def _readonly_methods(self):
        """(model, method) of every public method a suite addon marks ``@api.readonly``."""
        found = set()
        for model_name in self.env.registry:
            for klass in type(self.env[model_name]).mro():
                if getattr(klass, "_module", None) not in SUITE:
                    continue
                for name, attr in vars(klass).items():
                    if not name.startswith("_") and getattr(attr, "_readonly", False):
                        found.add((model_name, name))
        return found

    def _run_read_only(self, records, method):
        """Call ``method`` in a read-only subtransaction (PostgreSQL's
        ``transaction_read_only``, as on a hot standby), its pending writes flushed."""
        cr = self.env.cr
        self.env.flush_all()
        cr.execute("SAVEPOINT readonly_check")
        try:
            cr.execute("SET LOCAL transaction_read_only = on")
            try:
                getattr(records, method)()
                self.env.flush_all()
            except UserError as refusal:
                # A refusal of the business rules, not a write: the method is still read-only.
                _logger.info("%s.%s refused: %s", records._name, method, refusal)
        finally:
            cr.execute("ROLLBACK TO SAVEPOINT readonly_check")
            cr.execute("RELEASE SAVEPOINT readonly_check")
            self.env.invalidate_all()
        cr.execute("SHOW transaction_read_only")
        self.assertEqual(cr.fetchone()[0], "off")

    def test_readonly_methods_do_not_write(self):
        methods = self._readonly_methods()
        # What issue 20 marked; a method marked later is checked too, once it has a record.
        self.assertGreaterEqual(len(methods), 18, methods)
        for model_name, method in sorted(methods):
            self.assertIn(model_name, self.records, f"no record to call {model_name}.{method}")
            with self.subTest(method=f"{model_name}.{method}"):
                try:
                    self._run_read_only(self.records[model_name], method)
                except psycopg2.errors.ReadOnlySqlTransaction as error:
                    self.fail(f"{model_name}.{method} writes: {error}")

    @mute_logger("odoo.sql_db")
    def test_read_only_transaction_refuses_writes(self):
        """The check above would see a write (what makes it worth running)."""
        partner = self.records["res.partner"]
        with self.assertRaises(psycopg2.errors.ReadOnlySqlTransaction):
            self._run_read_only(partner, "toggle_active")
