"""Services ecosystem (spec md_micronegocios §6; bulletin 004, "Servicios identificados por
Ciudad"): the Activo / Por activar rule, its daily update, the observatory's matrix import."""

import datetime
import io
import itertools

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import BaseCase, TransactionCase, tagged
from odoo.tools import mute_logger

from ..tools import services
from .common import MdCommon

CITY = "md_micronegocios.md_city_%s"
# Bulletin 004, "Servicios identificados por Ciudad", tables "Locales" and "Nacionales":
# city -> (Activo, Por Activar).
BULLETIN_LOCAL = {
    "barranquilla": (0, 2),
    "bucaramanga": (24, 7),
    "cartagena": (0, 8),
    "cucuta": (7, 6),
    "ibague": (6, 17),
    "monteria": (0, 6),
    "neiva": (16, 2),
    "pereira": (7, 0),
    "popayan": (0, 5),
    "villavicencio": (11, 1),
}
BULLETIN_NATIONAL = {
    "barranquilla": (2, 0),
    "bucaramanga": (3, 0),
    "cartagena": (3, 0),
    "cucuta": (4, 0),
    "ibague": (6, 0),
    "monteria": (2, 0),
    "neiva": (2, 1),
    "pereira": (2, 0),
    "popayan": (2, 0),
    "villavicencio": (1, 0),
}
MATRIX_HEADER = (
    "Observatory Key,Service,Offering Entity,City,Scope,Start Month,Open or Permanent,"
    "Call Link,Requirements,Contact Person\n"
)
IMPORT_OPTIONS = {
    "has_headers": True,
    "separator": ",",
    "quoting": '"',
    "encoding": "utf-8",
    "date_format": "%Y-%m-%d",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
}


XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(rows):
    """An Excel workbook of the matrix: the header of MATRIX_HEADER, then ``rows``."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Matriz"
    sheet.append(MATRIX_HEADER.strip().split(","))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestServiceStatusRule(BaseCase):
    def test_every_combination_of_the_rule(self):
        today = datetime.date(2021, 6, 8)
        starts = {
            "none": None,
            "arrived": datetime.date(2021, 6, 1),
            "future": datetime.date(2021, 7, 1),
        }
        for start, permanent, link, requirements, contact in itertools.product(
            starts, (False, True), (False, True), (False, True), (False, True)
        ):
            opened = permanent or start == "arrived"
            reachable = link or requirements or contact
            expected = services.ACTIVE if opened and reachable else services.TO_ACTIVATE
            with self.subTest(start=start, permanent=permanent, link=link, req=requirements):
                self.assertEqual(
                    services.service_status(
                        starts[start], permanent, link, requirements, contact, today
                    ),
                    expected,
                )

    def test_month_start(self):
        self.assertEqual(
            services.month_start(datetime.date(2021, 7, 19)), datetime.date(2021, 7, 1)
        )
        self.assertIsNone(services.month_start(None))


@tagged("post_install", "-at_install")
class TestMdService(MdCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()
        cls.Service = cls.env["md.service"].with_user(cls.analyst)

    def _service(self, key, **values):
        return self.Service.create(
            {
                "key": key,
                "name": f"Service {key}",
                "entity": "SENA Regional",
                "city_id": self.env.ref(CITY % "ibague").id,
                **values,
            }
        )

    @freeze_time("2021-06-08")
    def test_status_and_daily_update(self):
        opened = self._service("S1", permanent=True, url="https://sena.edu.co")
        later = self._service("S2", start_month="2021-07-19", requirements="Cédula, RUT")
        unreachable = self._service("S3", permanent=True)
        self.assertEqual(opened.status, "active")
        self.assertEqual(later.status, "to_activate")
        self.assertEqual(later.start_month, datetime.date(2021, 7, 1))
        self.assertEqual(unreachable.status, "to_activate")
        unreachable.contact_name = "Coordinadora de emprendimiento"
        self.assertEqual(unreachable.status, "active")
        Service = self.env["md.service"]
        self.assertFalse(Service._cron_update_status())
        with freeze_time("2021-07-01"):
            self.assertEqual(Service._cron_update_status(), later)
            self.assertEqual(later.status, "active")
            # idempotent: the second run on the same day changes nothing
            self.assertFalse(Service._cron_update_status())

    def test_local_service_needs_city(self):
        with self.assertRaisesMessage(ValidationError, "The local service Service S9 needs its"):
            self._service("S9", city_id=False, scope="local")
        national = self._service("S10", city_id=False, scope="national", permanent=True)
        self.assertEqual(national.scope, "national")

    def test_roles(self):
        service = self._service("S1", permanent=True, url="https://x.co")
        self.assertEqual(service.with_user(self.facilitator).name, "Service S1")
        with self.assertRaises(AccessError):
            service.with_user(self.facilitator).write({"name": "X"})
        with self.assertRaises(AccessError):
            self.env["md.service"].with_user(self.mentor).create(
                {"key": "M", "name": "M", "entity": "E", "scope": "national"}
            )
        with self.assertRaises(AccessError):
            service.unlink()
        service.with_user(self.manager).unlink()

    def test_plan_activity_links_a_service(self):
        service = self._service("S1", permanent=True, url="https://x.co")
        self.assertEqual(
            self.env["md.plan.activity"]._fields["service_id"].comodel_name, "md.service"
        )
        self.assertEqual(service.plan_activity_count, 0)

    def test_bulletin_services_per_city(self):
        """Loading the bulletin's services gives its tables: 125 local (71 active, 54 to
        activate) and 28 national (27 active, 1 to activate)."""
        vals, n = [], 0
        for scope, table in (("local", BULLETIN_LOCAL), ("national", BULLETIN_NATIONAL)):
            for city, (active, to_activate) in table.items():
                for is_active in [True] * active + [False] * to_activate:
                    n += 1
                    vals.append(
                        {
                            "key": f"BUL-{n}",
                            "name": f"Servicio {n}",
                            "entity": "Entidad",
                            "scope": scope,
                            "city_id": self.env.ref(CITY % city).id,
                            "permanent": is_active,
                            "url": "https://example.co/convocatoria",
                        }
                    )
        self.Service.create(vals)
        figures = (
            self.env["md.service"]
            .with_user(self.analyst)
            ._figures_per_city([("key", "=like", "BUL-%")])
        )
        for scope, table in (("local", BULLETIN_LOCAL), ("national", BULLETIN_NATIONAL)):
            for city, expected in table.items():
                row = figures[scope][self.env.ref(CITY % city)]
                self.assertEqual((row["active"], row["to_activate"]), expected, (scope, city))
        self.assertEqual(
            figures["totals"]["local"], {"active": 71, "to_activate": 54, "total": 125}
        )
        self.assertEqual(
            figures["totals"]["national"], {"active": 27, "to_activate": 1, "total": 28}
        )
        bucaramanga = figures["local"][self.env.ref(CITY % "bucaramanga")]
        # "Bucaramanga (31) de los cuales el 80 % son activos" (24 / 31 = 77 %, rounded up
        # by the bulletin's text; its table gives 24 of 31)
        self.assertEqual(bucaramanga["total"], 31)

    # ---- import of the observatory's matrix (base_import) ----

    def _import(self, content, dryrun=False):
        """Import ``content`` as the analyst does: a CSV text, or XLSX bytes."""
        is_csv = isinstance(content, str)
        wizard = (
            self.env["base_import.import"]
            .with_user(self.analyst)
            .create(
                {
                    "res_model": "md.service",
                    "file": content.encode() if is_csv else content,
                    "file_type": "text/csv" if is_csv else XLSX_MIMETYPE,
                    "file_name": "matriz_servicios." + ("csv" if is_csv else "xlsx"),
                }
            )
        )
        preview = wizard.parse_preview(dict(IMPORT_OPTIONS))
        self.assertFalse(preview.get("error"), preview)
        fields_ = [
            match[0] if match else False for _i, match in sorted(preview["matches"].items())
        ]
        return wizard.execute_import(
            fields_, preview["headers"], dict(IMPORT_OPTIONS), dryrun=dryrun
        ), fields_

    def test_import_matrix_by_header_twice_imports_once(self):
        content = MATRIX_HEADER + (
            "IBG-01,Formación complementaria,SENA Regional,Ibagué,Local,,1,"
            "https://sena.edu.co,,\n"
            "IBG-02,Listado de chequeo Covid 19,Cámara de Comercio de Ibagué,Ibagué,Local,"
            "2030-01-01,0,,Registro mercantil,\n"
            "NAL-01,Formalización,Confecámaras,Ibagué,National,,1,,,Mesa de ayuda\n"
        )
        result, fields_ = self._import(content)
        self.assertEqual(
            fields_,
            ["key", "name", "entity", "city_id", "scope", "start_month", "permanent", "url",
             "requirements", "contact_name"],
        )  # fmt: skip
        self.assertFalse(result["messages"], result["messages"])
        imported = self.env["md.service"].search([("key", "in", ["IBG-01", "IBG-02", "NAL-01"])])
        self.assertEqual(len(imported), 3)
        by_key = {s.key: s for s in imported}
        self.assertEqual(by_key["IBG-01"].status, "active")
        self.assertEqual(by_key["IBG-02"].status, "to_activate")
        self.assertEqual(by_key["NAL-01"].scope, "national")
        result, _fields = self._import(content.replace("Formalización,", "Formalización MiPyme,"))
        self.assertFalse(result["messages"], result["messages"])
        again = self.env["md.service"].search([("key", "in", ["IBG-01", "IBG-02", "NAL-01"])])
        self.assertEqual(again, imported)
        self.assertEqual(by_key["NAL-01"].name, "Formalización MiPyme")

    def test_import_with_bad_rows_changes_nothing_and_names_them(self):
        before = self.env["md.service"].search_count([])
        content = MATRIX_HEADER + (
            "IBG-01,Formación complementaria,SENA Regional,Ibagué,Local,,1,https://sena.edu.co,,\n"
            "IBG-02,Asistencia técnica,Alcaldía de Ibagué,Ibagué,Regional,,1,,,Secretaría\n"
            "IBG-03,Taller,Alcaldía de Ibagué,Ciudad Gótica,Local,,1,,,Secretaría\n"
            "IBG-04,Crédito,,Ibagué,National,,0,https://x.co,,\n"
        )
        with mute_logger("odoo.sql_db"):
            result, _fields = self._import(content)
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(errors)
        self.assertFalse(result["ids"])
        self.assertEqual(self.env["md.service"].search_count([]), before)
        # rows of the data (0 = the first row under the header): the 2nd, 3rd and 4th
        bad_rows = sorted({m["rows"]["from"] for m in errors if m.get("rows")})
        self.assertEqual(bad_rows, [1, 2, 3], [m["message"] for m in errors])
        # each with its reason: the unknown scope, the unknown city, the missing entity
        by_row = {}
        for message in errors:
            if message.get("rows"):
                by_row.setdefault(message["rows"]["from"], []).append(message["message"])
        by_row = {row: " | ".join(messages) for row, messages in by_row.items()}
        self.assertIn("Regional", by_row[1])
        self.assertIn("Ciudad Gótica", by_row[2])
        self.assertIn("Offering Entity", by_row[3])
        # importing only the valid row, explicitly, works
        valid = MATRIX_HEADER + content.splitlines()[1] + "\n"
        result, _fields = self._import(valid)
        self.assertFalse(result["messages"])
        self.assertEqual(self.env["md.service"].search_count([]), before + 1)

    def test_import_matrix_from_excel(self):
        """The observatory keeps its matrix in Excel: the same import reads the workbook,
        dates as dates, and refuses a workbook with a bad row as a whole."""
        rows = [
            ("IBG-10", "Asistencia técnica administrativa y financiera", "Alcaldía de Ibagué",
             "Ibagué", "Local", datetime.date(2021, 3, 15), 0, "https://ibague.gov.co", None,
             None),
            ("IBG-11", "Centro de Desarrollo Empresarial", "Cámara de Comercio de Ibagué",
             "Ibagué", "Local", datetime.date(2030, 1, 1), 0, None, "Registro mercantil",
             None),
            ("NAL-10", "Formalización", "Confecámaras", None, "National", None, 1, None, None,
             "Mesa de ayuda"),
        ]  # fmt: skip
        before = self.env["md.service"].search_count([])
        bad = [*rows, ("IBG-12", "Taller", "Alcaldía de Ibagué", "Ibagué", "Regional", None,
                       1, None, None, "Secretaría")]  # fmt: skip
        with mute_logger("odoo.sql_db"):
            result, _fields = self._import(_xlsx(bad))
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertEqual({m["rows"]["from"] for m in errors if m.get("rows")}, {3})
        self.assertIn("Regional", errors[0]["message"])
        self.assertEqual(self.env["md.service"].search_count([]), before)
        with freeze_time("2021-06-08"):
            result, fields_ = self._import(_xlsx(rows))
            self.assertFalse(result["messages"], result["messages"])
            self.assertEqual(fields_[0], "key")
            imported = self.env["md.service"].search(
                [("key", "in", ["IBG-10", "IBG-11", "NAL-10"])]
            )
            by_key = {s.key: s for s in imported}
            self.assertEqual(len(by_key), 3)
            # a start day in the month counts from the month's first day
            self.assertEqual(by_key["IBG-10"].start_month, datetime.date(2021, 3, 1))
            self.assertEqual(by_key["IBG-10"].status, "active")
            self.assertEqual(by_key["IBG-11"].status, "to_activate")
            self.assertEqual(by_key["NAL-10"].status, "active")
            self.assertFalse(by_key["NAL-10"].city_id)
            # the same workbook again imports nothing more
            self._import(_xlsx(rows))
        self.assertEqual(self.env["md.service"].search_count([]), before + 3)

    def test_keys_that_read_alike_stay_apart(self):
        content = MATRIX_HEADER + (
            "IBG-01,Formación complementaria,SENA Regional,Ibagué,Local,,1,https://sena.edu.co,,\n"
            "ibg 01,Listado de chequeo Covid 19,Cámara de Comercio,Ibagué,Local,,1,,,Mesa\n"
        )
        result, _fields = self._import(content)
        self.assertFalse(result["messages"], result["messages"])
        services = self.env["md.service"].search([("key", "in", ["IBG-01", "ibg 01"])])
        self.assertEqual(
            sorted(services.mapped("name")),
            ["Formación complementaria", "Listado de chequeo Covid 19"],
        )
