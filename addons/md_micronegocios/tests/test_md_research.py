"""Research export (spec md_micronegocios §7): pseudonymized, stable, analysts only."""

import csv
import datetime
import io
import zipfile
from urllib.parse import unquote

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import BaseCase, HttpCase, TransactionCase, tagged
from odoo.tools import mute_logger

from ..tools import research
from .common import MdCommon

#: Every value of a case that identifies or reaches its owner (checked one by one).
PERSONAL_PARTNER_FIELDS = (
    "name", "identity_number", "phone", "mobile", "email", "street", "street2", "zip",
    "birth_date", "md_vulnerability_notes",
)  # fmt: skip
PERSONAL_CASE_FIELDS = ("name", "phone", "email_from", "md_activity", "md_main_products")


@tagged("post_install", "-at_install")
class TestResearchTool(BaseCase):
    def test_pseudonym_is_stable_and_keyed(self):
        first = research.pseudonym("s3cret", "case", 42)
        self.assertEqual(first, research.pseudonym("s3cret", "case", 42))
        self.assertEqual(len(first), 16)
        self.assertNotEqual(first, research.pseudonym("s3cret", "case", 43))
        self.assertNotEqual(first, research.pseudonym("s3cret", "plan", 42))
        self.assertNotEqual(first, research.pseudonym("other", "case", 42))
        self.assertNotIn("42", first[:2])
        with self.assertRaises(ValueError):
            research.pseudonym("", "case", 42)

    def test_age_band(self):
        on = datetime.date(2021, 6, 8)
        self.assertEqual(research.age_band(datetime.date(2003, 6, 8), on), "18-24")
        self.assertEqual(research.age_band(datetime.date(1996, 6, 9), on), "18-24")
        self.assertEqual(research.age_band(datetime.date(1996, 6, 8), on), "25-34")
        self.assertEqual(research.age_band(datetime.date(1950, 1, 1), on), "65+")
        self.assertEqual(research.age_band(None, on), "")

    def test_top_codes_and_rounding(self):
        self.assertEqual(research.top_code(9, research.WORKERS_TOP_CODE), 9)
        self.assertEqual(research.top_code(10, research.WORKERS_TOP_CODE), "10+")
        self.assertEqual(research.top_code(35, research.YEARS_TOP_CODE), "20+")
        self.assertEqual(research.top_code(0, research.YEARS_TOP_CODE), 0)
        self.assertEqual(research.top_code(None, research.YEARS_TOP_CODE), "")
        self.assertEqual(research.round_significant(1234567.0), 1200000)
        self.assertEqual(research.round_significant(125000), 130000)
        self.assertEqual(research.round_significant(850000), 850000)
        self.assertEqual(research.round_significant(999999), 1000000)
        self.assertEqual(research.round_significant(0), 0)
        self.assertIsNone(research.round_significant(None))

    def test_small_cells_are_suppressed_in_order(self):
        # columns: city, sex, age band; given up age band first, then sex, then city
        common = [["Neiva", "f", "35-44"] for _i in range(research.MIN_CELL)]
        rare_age = [["Neiva", "f", "65+"]]
        rare_city = [["Popayán", "m", "25-34"]]
        rows = [list(row) for row in common + rare_age + rare_city]
        blanked = research.suppress_small_cells(rows, [2, 1, 0])
        self.assertEqual(rows[: research.MIN_CELL], common)
        # alone with its age band, then alone with its sex: both go; with the city only
        # it is still alone (the others keep their age band), so the city goes too
        self.assertEqual(rows[-2], ["", "", ""])
        self.assertEqual(rows[-1], ["", "", ""])
        self.assertEqual(blanked, 6)
        # a group of exactly MIN_CELL is published as it is
        rows = [["Neiva", "f", "35-44"] for _i in range(research.MIN_CELL)]
        self.assertEqual(research.suppress_small_cells(rows, [2, 1, 0]), 0)


@tagged("post_install", "-at_install")
class TestMdResearchExport(MdCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_cycle("2021-1 R")
        cls.owner = cls._md_owner(
            cls.facilitator,
            "Marta Inés Gómez Ruiz",
            identity_type="cc",
            identity_number="52123456",
            phone="+57 310 555 1234",
            mobile="+57 311 777 9876",
            email="marta.gomez@correo.co",
            street="Calle 45 # 12-34",
            street2="Barrio La Esperanza",
            zip="730001",
            birth_date=datetime.date(1980, 4, 17),
            md_vulnerability_notes="Madre cabeza de hogar",
        )
        cls.case = cls._md_case(
            cls.facilitator,
            "Arepas Doña Marta",
            owner=cls.owner,
            phone="+57 312 000 4321",
            email_from="arepas.marta@correo.co",
            md_activity="Venta de arepas rellenas",
            md_main_products="Arepas de queso",
            md_cycle_id=cls.cycle.id,
            md_registration_date=datetime.date(2021, 3, 2),
        )
        cls.case.sudo().md_city_id = cls.env.ref("md_micronegocios.md_city_neiva")
        diagnostic = cls._md_fill(cls.case, {"formalization": 0, "organization": 1})
        diagnostic.action_generate()
        cls.case.with_user(cls.facilitator).action_md_generate_plan()
        cls.plan = cls.case.md_plan_id

    def _cells(self, file_format):
        wizard = (
            self.env["md.research.export.wizard"]
            .with_user(self.analyst)
            .create({"cycle_id": self.cycle.id, "file_format": file_format})
        )
        action = wizard.action_export()
        tables = {}
        if file_format == "xlsx":
            # one click: the button returns the XLSX report action, downloaded as rendered
            self.assertEqual(
                (action["type"], action["report_type"]), ("ir.actions.report", "xlsx")
            )
            content, _type = (
                self.env["ir.actions.report"]
                .with_user(self.analyst)
                ._render_xlsx(action["report_name"], wizard.ids, data=None)
            )
        else:
            # one click: the button's URL serves the ZIP that _csv_zip builds (the route is
            # tested in TestMdResearchExportDownload)
            self.assertEqual(
                (action["type"], action["url"], action["target"]),
                (
                    "ir.actions.act_url",
                    f"/md_micronegocios/research_export/{wizard.id}/csv",
                    "download",
                ),
            )
            content = self.env["md.research.export"].with_user(self.analyst)._csv_zip(self.cycle)
        if file_format == "xlsx":
            book = openpyxl.load_workbook(io.BytesIO(content))
            for sheet in book.worksheets:
                tables[sheet.title] = list(sheet.iter_rows(values_only=True))
        else:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                for name in archive.namelist():
                    text = archive.read(name).decode()
                    tables[name.removesuffix(".csv")] = list(csv.reader(io.StringIO(text)))
        return tables

    def test_no_personal_value_in_either_format(self):
        self.assertTrue(self.plan.plan_activity_ids)
        personal = [self.owner[name] for name in PERSONAL_PARTNER_FIELDS]
        personal += [self.case[name] for name in PERSONAL_CASE_FIELDS]
        personal = [str(value) for value in personal if value]
        self.assertEqual(len(personal), len(PERSONAL_PARTNER_FIELDS) + len(PERSONAL_CASE_FIELDS))
        # the document without separators too, and the owner's first name alone
        personal += ["52123456", "Marta", "3105551234"]
        for file_format in ("xlsx", "csv"):
            tables = self._cells(file_format)
            self.assertEqual(set(tables), {"cases", "diagnostics", "plans", "activities"})
            for table, rows in tables.items():
                self.assertGreater(len(rows), 1, (file_format, table))
                text = "\n".join(
                    "|".join(str(cell) for cell in row if cell is not None) for row in rows
                )
                for value in personal:
                    self.assertNotIn(value, text, (file_format, table))
            cases = tables["cases"]
            header = list(cases[0])
            # the only case of its city: its city and age band are suppressed too
            self.assertEqual(cases[1][header.index("owner_age_band")] or "", "")
            self.assertEqual(cases[1][header.index("city")] or "", "")

    def test_rare_owners_are_not_singled_out(self):
        """Five owners of Neiva in their forties keep city and age band; a lone owner of
        65+ loses both, and her exact sales, workers and years are coarsened."""
        neiva = self.env.ref("md_micronegocios.md_city_neiva")
        for i in range(research.MIN_CELL - 1):
            owner = self._md_owner(
                self.facilitator, f"Dueña {i}", birth_date=datetime.date(1982, 1, 1 + i)
            )
            case = self._md_case(
                self.facilitator,
                f"Negocio {i}",
                owner=owner,
                md_cycle_id=self.cycle.id,
                md_registration_date=datetime.date(2021, 3, 2),
            )
            case.sudo().md_city_id = neiva
        elder = self._md_case(
            self.facilitator,
            "Miscelánea La Abuela",
            owner=self._md_owner(self.facilitator, "Abuela", birth_date=datetime.date(1950, 5, 5)),
            md_cycle_id=self.cycle.id,
            md_registration_date=datetime.date(2021, 3, 2),
            md_workers=12,
            md_years_operating=31,
            md_sales_before=1234567,
            md_sales_after=481000,
        )
        elder.sudo().md_city_id = neiva
        secret = (
            self.env["ir.config_parameter"].sudo().get_param("md_micronegocios.research_secret")
        )
        rows = self._cells("csv")["cases"]
        header = rows[0]
        by_case = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
        self.assertEqual(len(by_case), research.MIN_CELL + 1, rows)
        marta = by_case[research.pseudonym(secret, "case", self.case.id)]
        self.assertEqual((marta["city"], marta["owner_age_band"]), ("Neiva", "35-44"))
        alone = by_case[research.pseudonym(secret, "case", elder.id)]
        self.assertEqual((alone["city"], alone["owner_age_band"]), ("", ""))
        self.assertEqual((alone["workers"], alone["years_operating"]), ("10+", "20+"))
        self.assertEqual(
            (alone["monthly_sales_before"], alone["monthly_sales_now"]), ("1200000", "480000")
        )
        for value in ("1234567", "481000", "1950"):
            self.assertNotIn(value, "|".join("|".join(row) for row in rows))

    def test_pseudonyms_stable_across_exports_and_linked(self):
        first = self._cells("csv")
        second = self._cells("xlsx")
        case_id = first["cases"][1][0]
        self.assertEqual(second["cases"][1][0], case_id)
        self.assertNotEqual(case_id, str(self.case.id))
        plans = first["plans"]
        self.assertEqual(plans[1][plans[0].index("case_id")], case_id)
        plan_id = plans[1][0]
        activities = first["activities"]
        self.assertTrue(all(row[1] == plan_id for row in activities[1:]))
        diagnostics = first["diagnostics"]
        self.assertTrue(all(row[1] == case_id for row in diagnostics[1:]))
        self.assertEqual(self._cells("csv")["cases"][1][0], case_id)

    def test_row_order_does_not_follow_the_records(self):
        """Ten cases registered one after the other: the file lists them by pseudonym, so
        whoever sees the cases in order cannot line them up with the rows."""
        cases = self.case
        for i in range(9):
            cases |= self._md_case(
                self.facilitator, f"Negocio en fila {i}", md_cycle_id=self.cycle.id
            )
        secret = (
            self.env["ir.config_parameter"].sudo().get_param("md_micronegocios.research_secret")
        )
        rows = self._cells("csv")["cases"][1:]
        listed = [row[0] for row in rows]
        self.assertEqual(listed, sorted(listed))
        by_record = [research.pseudonym(secret, "case", case.id) for case in cases.sorted("id")]
        self.assertEqual(sorted(by_record), listed)
        self.assertNotEqual(by_record, listed)

    def test_only_analysts_export(self):
        for user in (self.facilitator, self.orientador, self.coordinator, self.mentor):
            with self.assertRaises(AccessError):
                self.env["md.research.export.wizard"].with_user(user).create(
                    {"cycle_id": self.cycle.id}
                )
            with self.assertRaisesMessage(AccessError, "Only observatory analysts export"):
                self.env["md.research.export"].with_user(user)._dataset(self.cycle)
        self.env["md.research.export"].with_user(self.manager)._dataset(self.cycle)
        menu = self.env.ref("md_micronegocios.md_research_export_menu")
        self.assertIn(menu.id, self._visible_menus(self.analyst))
        self.assertNotIn(menu.id, self._visible_menus(self.facilitator))
        self.assertNotIn(menu.id, self._visible_menus(self.coordinator))
        secret = (
            self.env["ir.config_parameter"].sudo().get_param("md_micronegocios.research_secret")
        )
        self.assertGreaterEqual(len(secret), 32)


@tagged("post_install", "-at_install")
class TestMdResearchExportDownload(MdCommon, HttpCase):
    """The analyst's click on *Export* (CSV) downloads the ZIP; nobody else gets it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_cycle("2021-1 D")

    def test_csv_zip_route(self):
        wizard = (
            self.env["md.research.export.wizard"]
            .with_user(self.analyst)
            .create({"cycle_id": self.cycle.id, "file_format": "csv"})
        )
        url = wizard.action_export()["url"]
        self.authenticate("md_analyst", "md_analyst")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("md_research_2021-1 D.zip", unquote(response.headers["Content-Disposition"]))
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            self.assertEqual(
                sorted(archive.namelist()),
                ["activities.csv", "cases.csv", "diagnostics.csv", "plans.csv"],
            )
        self.authenticate("md_facilitator", "md_facilitator")
        with mute_logger("odoo.http"):
            response = self.url_open(url)
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(response.content.startswith(b"PK"))
