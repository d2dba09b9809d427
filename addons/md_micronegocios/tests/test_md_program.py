import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import BaseCase, TransactionCase, tagged

from ..tools import cycle
from .common import GROUP, MdCommon

D = datetime.date


@tagged("post_install", "-at_install")
class TestCycleTool(BaseCase):
    def test_weeks_of_cycle_2021_1(self):
        start = D(2021, 2, 8)
        # Bulletin 004: "Semana No. 4 (1 a 6 de Marzo)", "Semana No. 5 (8 a 13 de Marzo)".
        self.assertEqual(cycle.cycle_week(start, D(2021, 3, 1)), 4)
        self.assertEqual(cycle.cycle_week(start, D(2021, 3, 6)), 4)
        self.assertEqual(cycle.cycle_week(start, D(2021, 3, 8)), 5)
        self.assertEqual(cycle.cycle_week(start, D(2021, 2, 8)), 1)
        self.assertEqual(cycle.cycle_week(start, D(2021, 2, 7)), 0)
        self.assertEqual(cycle.cycle_end(start), D(2021, 5, 30))
        self.assertEqual(cycle.CYCLE_WEEKS, 16)


@tagged("post_install", "-at_install")
class TestMdProgramStructure(MdCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()
        cls.neiva = cls.env.ref("md_micronegocios.md_city_neiva")
        cls.cucuta = cls.env.ref("md_micronegocios.md_city_cucuta")
        cls.orientador_2 = cls._new_user("md_orientador_2", GROUP % "orientador")
        cls.facilitator.write({"md_city_id": cls.neiva.id, "md_orientador_id": cls.orientador.id})
        cls.facilitator_2.write(
            {"md_city_id": cls.cucuta.id, "md_orientador_id": cls.orientador_2.id}
        )
        cls.Case = cls.env["crm.lead"].with_context(default_team_id=cls.team.id)

    def _case(self, user, name):
        return (
            self.Case.with_user(user)
            .create({"name": name, "type": "opportunity", "user_id": user.id})
            .sudo(False)
        )

    def test_program_data(self):
        cities = self.env["md.city"].search([]).mapped("name")
        for city in (
            "Barranquilla",
            "Bucaramanga",
            "Cartagena",
            "Cúcuta",
            "Ibagué",
            "Montería",
            "Neiva",
            "Pereira",
            "Popayán",
            "Villavicencio",
            "Bogotá",
        ):
            self.assertIn(city, cities)
        stages = self.env["crm.stage"].search([("team_id", "=", self.team.id)])
        self.assertEqual(len(stages), 7)
        self.assertEqual(stages[0], self.env.ref("md_micronegocios.crm_stage_md_1"))
        self.assertEqual(stages[-1], self.env.ref("md_micronegocios.crm_stage_md_7"))
        self.assertTrue(stages[-1].is_won)
        reasons = self.env["crm.lost.reason"].search(
            [
                (
                    "id",
                    "in",
                    [
                        self.env.ref(f"md_micronegocios.crm_lost_reason_md_{x}").id
                        for x in (
                            "pandemic",
                            "data_distrust",
                            "project_distrust",
                            "survey_long",
                            "not_interested",
                            "unreachable",
                            "no_cause",
                            "wrong_phone",
                            "moved",
                            "duplicate",
                        )
                    ],
                )
            ]
        )
        self.assertEqual(len(reasons), 10)

    @freeze_time("2021-03-02")
    def test_case_defaults_cycle_week_city(self):
        case = self._case(self.facilitator, "Panadería La Espiga")
        self.assertTrue(case.md_is_case)
        self.assertEqual(case.md_cycle_id, self.env.ref("md_micronegocios.md_cycle_2021_1"))
        self.assertEqual(case.md_week, 4)
        self.assertEqual(case.md_city_id, self.neiva)
        self.assertEqual(case.stage_id, self.env.ref("md_micronegocios.crm_stage_md_1"))

    def test_record_rules_per_role(self):
        own = self._case(self.facilitator, "Caso propio")
        other = self._case(self.facilitator_2, "Caso ajeno")
        # A facilitator sees their own cases only.
        own.with_user(self.facilitator).read(["name"])
        with self.assertRaises(AccessError):
            other.with_user(self.facilitator).read(["name"])
        with self.assertRaises(AccessError):
            other.with_user(self.facilitator).write({"name": "x"})
        # An orientador sees the cases of their group's facilitators, not another group's.
        own.with_user(self.orientador).read(["name"])
        with self.assertRaises(AccessError):
            other.with_user(self.orientador).read(["name"])
        other.with_user(self.orientador_2).read(["name"])
        # The coordinator sees every case.
        (own | other).with_user(self.coordinator).read(["name"])
        # A mentor reads no case through CRM (only assigned plans, later).
        with self.assertRaises(AccessError):
            own.with_user(self.mentor).read(["name"])

    def test_configuration_only_for_manager(self):
        cycle_rec = self.env.ref("md_micronegocios.md_cycle_2021_1")
        cycle_rec.with_user(self.facilitator).read(["name"])
        with self.assertRaises(AccessError):
            cycle_rec.with_user(self.facilitator).write({"week_count": 12})
        with self.assertRaises(AccessError):
            self.env["md.city"].with_user(self.coordinator).create({"name": "Tunja"})
        self.env["md.city"].with_user(self.manager).create({"name": "Tunja"})
