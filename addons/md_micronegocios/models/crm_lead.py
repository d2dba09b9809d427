from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    md_is_case = fields.Boolean(
        string="Program Case",
        compute="_compute_md_is_case",
        store=True,
        help="A case of the micro-business accompaniment program (its team's lead).",
    )
    md_cycle_id = fields.Many2one(
        "md.cycle",
        string="Cycle",
        index="btree_not_null",
        default=lambda self: self._md_default_cycle(),
    )
    md_city_id = fields.Many2one(
        "md.city",
        string="City",
        index="btree_not_null",
        default=lambda self: self.env.user.md_city_id,
        tracking=True,
    )
    md_registration_date = fields.Date(
        string="Registration Date",
        default=fields.Date.context_today,
        help="Day the micro-business was registered in the program.",
    )
    md_week = fields.Integer(
        string="Registration Week",
        compute="_compute_md_week",
        store=True,
        help="Week of the cycle in which the case was registered (0: outside the cycle).",
    )
    md_dropout_stage_id = fields.Many2one(
        "crm.stage",
        string="Stage at Drop-out",
        readonly=True,
        tracking=True,
        help="Stage the case was in when it stopped (drop-out reason × stage figures).",
    )

    @api.model
    def _md_team(self):
        """The program's sales team: its leads are the program's cases."""
        return self.env.ref("md_micronegocios.crm_team_md", raise_if_not_found=False)

    @api.model
    def _md_default_cycle(self):
        team = self._md_team()
        if team and self.env.context.get("default_team_id") == team.id:
            return self.env["md.cycle"]._current()
        return False

    @api.depends("team_id")
    def _compute_md_is_case(self):
        team = self._md_team()
        for lead in self:
            lead.md_is_case = bool(team) and lead.team_id == team

    @api.depends("md_cycle_id.date_start", "md_cycle_id.week_count", "md_registration_date")
    def _compute_md_week(self):
        for lead in self:
            lead.md_week = (
                lead.md_cycle_id._week_of(lead.md_registration_date) if lead.md_cycle_id else 0
            )

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """The program's board shows its own seven stages, not the generic ones."""
        team = self._md_team()
        if team and self.env.context.get("default_team_id") == team.id:
            stage_ids = stages.sudo()._search(
                ["|", ("id", "in", stages.ids), ("team_id", "=", team.id)], order=stages._order
            )
            return stages.browse(stage_ids)
        return super()._read_group_stage_ids(stages, domain)

    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        """A program case only moves through the program's stages."""
        team = self._md_team()
        teams = {team_id} if team_id else set()
        teams |= set(self.team_id.ids)
        if team and teams == {team.id}:
            return self.env["crm.stage"].search(
                [("team_id", "=", team.id), *(domain or [])], order=order, limit=limit
            )
        return super()._stage_find(team_id=team_id, domain=domain, order=order, limit=limit)

    def toggle_active(self):
        """Keep the stage of a case at drop-out; forget it when the case comes back."""
        dropping = self.filtered(lambda lead: lead.active and lead.md_is_case)
        for lead in dropping:
            lead.md_dropout_stage_id = lead.stage_id
        coming_back = self.filtered(lambda lead: not lead.active and lead.md_dropout_stage_id)
        res = super().toggle_active()
        coming_back.md_dropout_stage_id = False
        return res
