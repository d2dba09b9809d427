"""The observatory's services matrix imported through Odoo's import dialog, from outside,
as the observatory analyst (issue 16): the files real users send are read right (no
mojibake), a file that cannot be read gets one clear line, a bad row is named and nothing
is stored."""

import datetime

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.micro_base.tests.import_dialog import (
    CSV,
    EXCEL_CSV,
    UNREADABLE,
    ImportDialogMixin,
    csv_bytes,
    good_files,
    unreadable_files,
)

from .common import GROUP, MdCommon

HEADER = [
    "Observatory Key", "Service", "Offering Entity", "City", "Scope", "Start Month",
    "Open or Permanent", "Call Link", "Requirements", "Contact Person",
]  # fmt: skip
FIELDS = [
    "key", "name", "entity", "city_id", "scope", "start_month", "permanent", "url",
    "requirements", "contact_name",
]  # fmt: skip
# Accents, eñes and the characters only Windows-1252 has (curly quotes, en dash): what
# Excel on a Spanish Windows writes.
NAME = "Formación “Emprende” – Año 1"
ENTITY = "Cámara de Comercio de Ibagué"
CONTACT = "Íñigo Núñez Peña"
#: Files and logs of refusals: Odoo's mimetype guess on a broken ZIP, the RPC answers.
QUIET = ("odoo.http", "odoo.tools.mimetypes.guess_mimetype", "py.warnings", "odoo.sql_db")


def _matrix(prefix):
    return [
        HEADER,
        [f"{prefix}-1", NAME, ENTITY, "Ibagué", "Local", "2021-03-15", "1",
         "https://ccibague.org", "Cédula; RUT", CONTACT],
        [f"{prefix}-2", "Crédito solidario", "Bancóldex", "", "National", "", "0", "", "",
         "Mesa de ayuda"],
    ]  # fmt: skip


@tagged("post_install", "-at_install")
class TestServiceMatrixImportDialog(MdCommon, ImportDialogMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()
        cls.ibague = cls.env.ref("md_micronegocios.md_city_ibague")

    def _services(self, prefix):
        return self.env["md.service"].search([("key", "=like", f"{prefix}-%")], order="key")

    @mute_logger(*QUIET)
    def test_files_users_send_are_read_right_and_twice_imports_once(self):
        for number in range(len(good_files(_matrix("X"), "matriz"))):
            prefix = f"M{number}"
            label, filename, mimetype, content = good_files(_matrix(prefix), "matriz")[number]
            with self.subTest(label):
                result = self._dialog_import(
                    self.analyst, "md.service", content, filename, mimetype
                )
                self.assertNotIn("error", result, result.get("error"))
                self.assertEqual(result["fields"], FIELDS)
                self.assertFalse(result["test"]["messages"], result["test"]["messages"])
                self.assertFalse(result["import"]["messages"], result["import"]["messages"])
                local, national = self._services(prefix)
                self.assertEqual(
                    (local.name, local.entity, local.contact_name, local.requirements),
                    (NAME, ENTITY, CONTACT, "Cédula; RUT"),
                )
                self.assertEqual(local.city_id, self.ibague)
                self.assertEqual(local.start_month, datetime.date(2021, 3, 1))
                self.assertTrue(local.permanent)
                self.assertEqual(local.status, "active")
                self.assertEqual(
                    (national.name, national.entity), ("Crédito solidario", "Bancóldex")
                )
                self.assertEqual(national.scope, "national")
                self.assertFalse(national.city_id)
                # the same file again updates the two services, adds none
                again = self._dialog_import(
                    self.analyst, "md.service", content, filename, mimetype
                )
                self.assertFalse(again["import"]["messages"], again["import"]["messages"])
                self.assertEqual(self._services(prefix), local | national)

    @mute_logger(*QUIET)
    def test_short_utf8_file_is_not_taken_for_latin1(self):
        """A one-row UTF-8 file with one accent: Odoo's guess (chardet) takes it for
        ISO-8859-1 ("Taller del AÃ±o"); read as UTF-8, it is stored as written."""
        content = csv_bytes(
            [HEADER[:5], ["NVA-1", "Taller del Año", "Alcaldía de Neiva", "Neiva", "Local"]]
        )
        result = self._dialog_import(self.analyst, "md.service", content, "matriz.csv")
        self.assertFalse(result["import"]["messages"], result["import"]["messages"])
        self.assertEqual(result["preview"]["options"]["encoding"], "utf-8")
        service = self._services("NVA")
        self.assertEqual((service.name, service.entity), ("Taller del Año", "Alcaldía de Neiva"))

    @mute_logger(*QUIET)
    def test_files_that_cannot_be_read_get_one_line(self):
        Service = self.env["md.service"]
        before = Service.search_count([])
        cases = [
            *unreadable_files("matriz"),
            ("header only", "matriz.csv", CSV, csv_bytes([HEADER]),
             "The file has only its header line: there is no row to import."),
        ]  # fmt: skip
        for label, filename, mimetype, content, expected in cases:
            with self.subTest(label):
                result = self._dialog_import(
                    self.analyst, "md.service", content, filename, mimetype
                )
                self.assertIn("error", result)
                self.assertTrue(result["error"].startswith(expected), result["error"])
                self.assertNotIn("\n", result["error"])
                self.assertNotIn("Traceback", result["error"])
        # an encoding chosen by the user that the file is not in: said so, in one line
        latin = csv_bytes(_matrix("LAT"), ";", "cp1252")
        result = self._dialog_import(
            self.analyst, "md.service", latin, "matriz.csv", options={"encoding": "utf-8"}
        )
        self.assertTrue(
            result["error"].startswith(
                UNREADABLE + "it is not text in the encoding chosen (utf-8)."
            ),
            result["error"],
        )
        self.assertEqual(Service.search_count([]), before)

    @mute_logger(*QUIET)
    def test_bad_rows_are_named_and_nothing_is_stored(self):
        Service = self.env["md.service"]
        before = Service.search_count([])
        rows = [
            HEADER,
            ["BAD-1", "Taller", "SENA", "Ibagué", "Local", "", "1", "", "", "Ana"],
            ["BAD-2", "Asesoría", "SENA", "Ibagué", "Regional", "", "1", "", "", "Ana"],
            ["BAD-3", "Mentoría", "SENA", "Ibagué", "Local", "2021-02-30", "1", "", "", "Ana"],
            ["BAD-4", "Crédito", "SENA", "Ciudad Gótica", "Local", "", "1", "", "", "Ana"],
            ["BAD-5", "Feria", "", "Ibagué", "Local", "", "1", "", "", "Ana"],
            ["BAD-6", "Rueda", "SENA", "", "Local", "", "1", "", "", "Ana"],
        ]
        for label, separator, encoding in (("utf-8 ,", ",", "utf-8"), ("1252 ;", ";", "cp1252")):
            with self.subTest(label):
                result = self._dialog_import(
                    self.analyst, "md.service", csv_bytes(rows, separator, encoding),
                    "matriz.csv",
                )  # fmt: skip
                by_row = self._refused_rows(result)
                # rows of the data (0 = the first under the header): all but the first
                self.assertEqual(sorted(by_row), [1, 2, 3, 4, 5], by_row)
                text = {
                    row: " | ".join(m["message"] for m in found) for row, found in by_row.items()
                }
                fields_ = {row: {m.get("field") for m in found} for row, found in by_row.items()}
                self.assertIn("Regional", text[1])
                self.assertEqual(fields_[1], {"scope"})
                self.assertIn("2021-02-30", text[2])
                self.assertEqual(fields_[2], {"start_month"})
                self.assertIn("Ciudad Gótica", text[3])
                self.assertIn("city_id", fields_[3])
                self.assertIn("Offering Entity", text[4])
                self.assertIn("Rueda", text[5])
                self.assertIn("needs its city", text[5])
                self.assertEqual(Service.search_count([]), before)

    @mute_logger(*QUIET)
    def test_service_recorded_by_hand_updated_and_repeated_key_refused(self):
        Service = self.env["md.service"]
        by_hand = Service.with_user(self.analyst).create(
            {"key": "HAND-1", "name": "Taller", "entity": "SENA", "city_id": self.ibague.id}
        )
        content = csv_bytes(
            [HEADER[:5], ["HAND-1", "Taller de costos", "SENA Regional Tolima", "Ibagué", "Local"]]
        )
        result = self._dialog_import(self.analyst, "md.service", content, "matriz.csv")
        self.assertFalse(result["import"]["messages"], result["import"]["messages"])
        self.assertEqual(Service.search([("key", "=", "HAND-1")]), by_hand)
        self.assertEqual(
            (by_hand.name, by_hand.entity), ("Taller de costos", "SENA Regional Tolima")
        )
        before = Service.search_count([])
        repeated = csv_bytes(
            [
                HEADER[:5],
                ["REP-1", "Feria", "SENA", "Ibagué", "Local"],
                ["REP-2", "Rueda", "SENA", "Ibagué", "Local"],
                ["REP-1", "Feria bis", "SENA", "Ibagué", "Local"],
            ]
        )
        result = self._dialog_import(self.analyst, "md.service", repeated, "matriz.csv")
        self.assertNotIn("import", result)
        errors = result["test"]["messages"]
        on_key = [m for m in errors if m.get("field") == "key"]
        self.assertEqual([m["rows"]["from"] for m in on_key], [2, 2], errors)
        self.assertEqual(
            on_key[0]["message"],
            "Observatory Key REP-1 is repeated: it is already on row 1 of the file. "
            "Each service is listed once.",
        )
        self.assertEqual(Service.search_count([]), before)

    @mute_logger(*QUIET)
    def test_spanish_analyst_spanish_headers_and_messages(self):
        """The observatory's analyst works in es_CO: her matrix, saved by Excel on a
        Spanish Windows, has Spanish headers and choices; the dialog matches them, and
        says what is wrong in Spanish."""
        analyst = self._new_user("md_analista_es", GROUP % "analyst", lang="es_CO")
        header = ["Clave del observatorio", "Servicio", "Entidad que lo ofrece", "Ciudad",
                  "Alcance", "Mes de inicio"]  # fmt: skip
        rows = [
            header,
            ["ES-1", "Asesoría en costos", "Cámara de Comercio de Ibagué", "Ibagué", "Local",
             "2021-03-15"],
            ["ES-2", "Educación financiera", "Banca de las Oportunidades", "", "Nacional", ""],
        ]  # fmt: skip
        content = csv_bytes(rows, ";", "cp1252")
        result = self._dialog_import(analyst, "md.service", content, "matriz.csv", EXCEL_CSV)
        self.assertEqual(result["fields"], FIELDS[:6])
        self.assertFalse(result["import"]["messages"], result["import"]["messages"])
        local, national = self._services("ES")
        self.assertEqual(
            (local.name, local.scope, local.city_id), ("Asesoría en costos", "local", self.ibague)
        )
        self.assertEqual(
            (national.entity, national.scope), ("Banca de las Oportunidades", "national")
        )
        bad = csv_bytes(
            [header, ["ES-3", "Taller", "SENA", "Ibagué", "Regional", ""]], ";", "cp1252"
        )
        result = self._dialog_import(analyst, "md.service", bad, "matriz.csv", EXCEL_CSV)
        (error,) = result["test"]["messages"]
        self.assertEqual((error["rows"]["from"], error["field"]), (0, "scope"))
        self.assertIn("'Regional'", error["message"])
        self.assertIn("'Alcance'", error["message"])
        result = self._dialog_import(analyst, "md.service", b"", "matriz.csv")
        self.assertEqual(result["error"], "El archivo no es un CSV o XLSX legible: está vacío.")
