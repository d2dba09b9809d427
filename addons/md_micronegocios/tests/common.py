from odoo.addons.micro_base.tests.common import MicroTestMixin

GROUP = "md_micronegocios.md_micronegocios_group_%s"


class MdCommon(MicroTestMixin):
    @classmethod
    def _setup_md_users(cls):
        cls.facilitator = cls._new_user("md_facilitator", GROUP % "facilitator")
        cls.facilitator_2 = cls._new_user("md_facilitator_2", GROUP % "facilitator")
        cls.orientador = cls._new_user("md_orientador", GROUP % "orientador")
        cls.coordinator = cls._new_user("md_coordinator", GROUP % "coordinator")
        cls.mentor = cls._new_user("md_mentor", GROUP % "mentor")
        cls.analyst = cls._new_user("md_analyst", GROUP % "analyst")
        cls.manager = cls._new_user("md_manager", GROUP % "manager")
        cls.team = cls.env.ref("md_micronegocios.crm_team_md")
