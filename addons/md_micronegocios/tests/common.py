import datetime

from odoo import fields
from odoo.tools import SQL

from odoo.addons.micro_base.tests.common import MicroTestMixin

GROUP = "md_micronegocios.md_micronegocios_group_%s"
LEVER = "md_micronegocios.md_lever_%s"
LEVEL = "md_micronegocios.md_level_%s"
#: The bulletin's six stages, as the analyses label them.
STAGE_LABELS = [
    "1. First Meeting",
    "2. Second Meeting",
    "3. Third Meeting",
    "4. Waiting for Attention Plan",
    "5. Attention Plans Designed",
    "6. Process Completed",
]


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
        cls.facilitator.md_orientador_id = cls.orientador
        # These tests replay cycle 2021-1 (its bulletins' dates): the demo's running cycle,
        # when the demo is loaded, is put aside so that 2021-1 is the latest started.
        demo_cycle = cls.env.ref("md_micronegocios.md_cycle_demo_current", False)
        if demo_cycle:
            demo_cycle.sudo().active = False

    @classmethod
    def _setup_md_cycle(cls, name):
        """The roles' users and a cycle ``name`` of 2021-1 (its bulletins' dates)."""
        cls._setup_md_users()
        cls.cycle = cls.env["md.cycle"].create(
            {"name": name, "date_start": datetime.date(2021, 2, 1)}
        )

    # ---- builders (each runs as the given user, as the work is done) ----

    @classmethod
    def _md_owner(cls, user, name, **values):
        return (
            cls.env["res.partner"]
            .with_user(user)
            .create(
                {
                    "name": name,
                    "md_is_owner": True,
                    "md_consent_date": datetime.date(2021, 3, 1),
                    "md_consent_channel": "written",
                    **values,
                }
            )
        )

    @classmethod
    def _md_case(cls, user, name, owner=None, **values):
        return (
            cls.env["crm.lead"]
            .with_user(user)
            .with_context(default_team_id=cls.team.id)
            .create(
                {
                    "name": name,
                    "type": "opportunity",
                    "user_id": user.id,
                    "partner_id": owner.id if owner else False,
                    **values,
                }
            )
        )

    @classmethod
    def _md_meeting(cls, case, mode="in_person", day=None):
        start = fields.Datetime.to_datetime(day or "2021-03-02 10:00:00")
        return (
            cls.env["calendar.event"]
            .with_user(case.env.user)
            .create(
                {
                    "name": f"Encuentro {case.name}",
                    "opportunity_id": case.id,
                    "md_mode": mode,
                    "start": start,
                    "stop": start + datetime.timedelta(hours=1),
                }
            )
        )

    @classmethod
    def _md_fill(cls, case, answers):
        """A diagnostic of ``case`` answered with ``{lever_code: answer index}`` (0 = the
        weakest answer, 3 = the best; a tuple gives one index per question of the lever in
        order; unlisted levers get the best answer)."""
        diagnostic = cls.env["md.diagnostic"].with_user(case.env.user).create({"lead_id": case.id})
        seen = {}
        for response in diagnostic.response_ids.sorted(lambda r: (r.sequence, r.id)):
            code = response.question_id.lever_id.code
            index = answers.get(code, 3)
            if isinstance(index, tuple):
                index = index[seen.get(code, 0)]
            seen[code] = seen.get(code, 0) + 1
            response.answer_id = response.question_id.answer_ids.sorted("value")[index]
        return diagnostic

    # ---- bulletin-scale data, straight in SQL ----

    def _md_bulk_cases(self, city, count, **values):
        """``count`` cases of ``city`` (an ``md_city_*`` xml id suffix) in the first stage
        of ``self.cycle``, inserted in bulk (:meth:`_md_bulk`); returns their ids."""
        values = {
            "name": "Micronegocio",
            "type": "opportunity",
            "team_id": self.team.id,
            "md_is_case": True,
            "md_cycle_id": self.cycle.id,
            "md_city_id": self.env.ref(f"md_micronegocios.md_city_{city}").id,
            "stage_id": self.env.ref("md_micronegocios.crm_stage_md_1").id,
            "active": True,
            **values,
        }
        return self._md_bulk("crm_lead", count, **values)

    @classmethod
    def _md_bulk(cls, table, count, **values):
        """Insert ``count`` rows of ``table`` with the same ``values`` in one SQL statement
        (to load the bulletin's thousands of cases); returns their ids in order. Columns
        given as a list are spread over the rows instead (``len == count``)."""
        if not count:
            return []
        spread = {column: v for column, v in values.items() if isinstance(v, list)}
        fixed = {column: v for column, v in values.items() if column not in spread}
        columns = [*fixed, *spread]
        selects = [SQL("%s", v) for v in fixed.values()]
        pg_types = {bool: "bool[]", int: "int[]", float: "float8[]", str: "text[]"}
        selects += [SQL("(%s::%s)[g]", v, SQL(pg_types[type(v[0])])) for v in spread.values()]
        cls.env.cr.execute(
            SQL(
                "INSERT INTO %s (%s) SELECT %s FROM generate_series(1, %s) AS g ORDER BY g "
                "RETURNING id",
                SQL.identifier(table),
                SQL(", ").join(SQL.identifier(column) for column in columns),
                SQL(", ").join(selects),
                count,
            )
        )
        ids = [row[0] for row in cls.env.cr.fetchall()]
        cls.env.invalidate_all()
        return sorted(ids)
