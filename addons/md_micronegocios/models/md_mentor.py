from odoo import api, fields, models

from ..tools import input_rules
from ..tools import plan as plan_tool


class MdMentor(models.Model):
    """A mentor: internal or a volunteer of another university, the levers they master,
    where they work (a city or virtually) and how many plans they take at a time
    (spec md_micronegocios §5)."""

    _name = "md.mentor"
    _inherit = ["mail.thread", "micro.input.mixin"]
    _description = "Mentor"
    _input_ranges = {"capacity": (0, None, False, input_rules.SOURCE_MENTORS)}
    _order = "name, id"

    user_id = fields.Many2one(
        "res.users",
        string="User",
        required=True,
        ondelete="restrict",
        help="The mentor's login: they see the plans assigned to them.",
    )
    name = fields.Char(related="user_id.name", store=True)
    kind = fields.Selection(
        [("internal", "Internal"), ("volunteer", "Volunteer")], default="internal", required=True
    )
    institution = fields.Char()
    lever_ids = fields.Many2many("md.lever", string="Levers Mastered")
    city_id = fields.Many2one("md.city", string="City", tracking=True)
    virtual = fields.Boolean(help="Mentors online, for any city.", tracking=True)
    capacity = fields.Integer(default=5, tracking=True, help="Plans at a time.")
    available = fields.Boolean(default=True, tracking=True)
    plan_ids = fields.Many2many(
        "md.plan", "md_plan_md_mentor_rel", "md_mentor_id", "md_plan_id", readonly=True
    )
    load = fields.Integer(compute="_compute_load", string="Current Plans")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("user_uniq", "unique(user_id)", "This user is already a mentor."),
        ("capacity_positive", "CHECK(capacity >= 0)", "Capacity cannot be negative."),
    ]

    @api.constrains("capacity")
    def _check_capacity(self):
        self._micro_check_range(["capacity"], low=0, source=input_rules.SOURCE_MENTORS)

    @api.depends("plan_ids.state")
    def _compute_load(self):
        counts = dict(
            self.env["md.plan"]
            .sudo()
            ._read_group(
                [("mentor_ids", "in", self.ids), ("state", "in", ("designed", "followup"))],
                ["mentor_ids"],
                ["__count"],
            )
        )
        for mentor in self:
            mentor.load = counts.get(mentor, 0)

    def _ranked_for(self, levers, city):
        """Available mentors with room, best first: most levers matched, then same city,
        then virtual, then least loaded."""
        candidates = [
            plan_tool.MentorCandidate(
                key=mentor,
                matches=len(mentor.lever_ids & levers),
                same_city=bool(city) and mentor.city_id == city,
                virtual=mentor.virtual,
                load=mentor.load,
                capacity=mentor.capacity,
            )
            for mentor in self.filtered("available")
        ]
        return [candidate.key for candidate in plan_tool.rank_mentors(candidates)]
