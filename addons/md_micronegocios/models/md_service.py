from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import services as services_tool

SCOPES = [("local", "Local"), ("national", "National")]
STATUSES = [
    (services_tool.ACTIVE, "Active"),
    (services_tool.TO_ACTIVATE, "To Activate"),
]


class MdService(models.Model):
    """A service of the ecosystem that owners can reach (spec md_micronegocios §6), as the
    observatory lists it in its "matriz de caracterización de servicios"."""

    _name = "md.service"
    _inherit = ["mail.thread", "micro.input.mixin", "micro.import.key.mixin"]
    _import_key = "key"
    _description = "Ecosystem Service"
    _order = "city_id, name, id"

    key = fields.Char(
        string="Observatory Key",
        required=True,
        index=True,
        help="The observatory's reference of the service in its matrix: importing the "
        "same matrix again updates the service with this key instead of adding one.",
    )
    name = fields.Char(string="Service", required=True, tracking=True)
    benefit = fields.Text(string="Benefit")
    entity = fields.Char(string="Offering Entity", required=True, tracking=True)
    requirements = fields.Text(string="Requirements")
    contact_name = fields.Char(string="Contact Person")
    contact_phone = fields.Char(string="Contact Phone")
    contact_email = fields.Char(string="Contact E-mail")
    url = fields.Char(string="Call Link")
    scope = fields.Selection(SCOPES, required=True, default="local", tracking=True)
    city_id = fields.Many2one(
        "md.city",
        string="City",
        index=True,
        tracking=True,
        help="City where the service is offered (a national service is listed in the city "
        "where the observatory found it).",
    )
    start_month = fields.Date(
        string="Start Month",
        tracking=True,
        help="First day of the month the service opens to the public.",
    )
    permanent = fields.Boolean(string="Open or Permanent", tracking=True)
    lever_ids = fields.Many2many("md.lever", string="Levers Served")
    for_microcredit = fields.Boolean(string="Microcredit")
    for_financial_education = fields.Boolean(string="Financial Education")
    for_ict_education = fields.Boolean(string="ICT Education")
    status = fields.Selection(
        STATUSES,
        compute="_compute_status",
        store=True,
        index=True,
        tracking=True,
        help="Active: it has opened (start month arrived, or open/permanent) and there is a "
        "call link, requirements or a contact. To activate: otherwise (bulletin 004, "
        "'Servicios identificados por Ciudad').",
    )
    plan_activity_ids = fields.One2many("md.plan.activity", "service_id", string="Plan Activities")
    plan_activity_count = fields.Integer(compute="_compute_plan_activity_count")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("key_uniq", "unique(key)", "Another service already has this observatory key."),
    ]

    @api.depends(
        "start_month", "permanent", "url", "requirements", "contact_name", "contact_phone",
        "contact_email",
    )  # fmt: skip
    def _compute_status(self):
        today = fields.Date.context_today(self)
        for service in self:
            service.status = services_tool.service_status(
                service.start_month or None,
                service.permanent,
                bool(service.url),
                bool(service.requirements),
                bool(service.contact_name or service.contact_phone or service.contact_email),
                today,
            )

    def _compute_plan_activity_count(self):
        # A count only: the analyst who keeps the services reads no plan activity.
        counts = dict(
            self.env["md.plan.activity"]
            .sudo()
            ._read_group([("service_id", "in", self.ids)], ["service_id"], ["__count"])
        )
        for service in self:
            service.plan_activity_count = counts.get(service, 0)

    @api.constrains("scope", "city_id")
    def _check_local_city(self):
        for service in self:
            if service.scope == "local" and not service.city_id:
                raise ValidationError(
                    self.env._("The local service %s needs its city.", service.name)
                )

    @api.onchange("start_month")
    def _onchange_start_month(self):
        if self.start_month:
            self.start_month = services_tool.month_start(self.start_month)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._micro_check_input(vals, creating=True)  # before the month is read
            if vals.get("start_month"):
                vals["start_month"] = services_tool.month_start(
                    fields.Date.to_date(vals["start_month"])
                )
        return super().create(vals_list)

    @api.model
    def _import_key_repeated(self, label, key, row):
        return self.env._(
            "%(field)s %(key)s is repeated: it is already on row %(row)s of the file. "
            "Each service is listed once.",
            field=label,
            key=key,
            row=row,
        )

    @api.model
    def _figures_per_city(self, domain=None):
        """Services per city by scope and status, in one grouped query (bulletin 004,
        "Servicios identificados por Ciudad", tables Locales and Nacionales).

        :returns: ``{scope: {city: {"active": n, "to_activate": n, "total": n}},
                  "totals": {scope: {...}}}``
        """
        figures = {"local": {}, "national": {}, "totals": {}}
        for scope in ("local", "national"):
            figures["totals"][scope] = {"active": 0, "to_activate": 0, "total": 0}
        groups = self._read_group(
            domain or [], ["scope", "city_id", "status"], ["__count"], order="city_id"
        )
        for scope, city, status, count in groups:
            row = figures[scope].setdefault(city, {"active": 0, "to_activate": 0, "total": 0})
            for target in (row, figures["totals"][scope]):
                target[status] += count
                target["total"] += count
        return figures

    # ---- ACTIONS ----

    @api.readonly
    def action_plan_activities(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Activities using %s", self.name),
            "res_model": "md.plan.activity",
            "view_mode": "list,form",
            "domain": [("service_id", "=", self.id)],
        }

    # ---- BUSINESS ----

    @api.model
    def _cron_update_status(self):
        """Daily: services whose start month has arrived become active (and a service
        whose status no longer matches the rule is corrected). Idempotent: a second run on
        the same day finds nothing to change."""
        candidates = self.search(
            [
                ("status", "=", services_tool.TO_ACTIVATE),
                "|",
                ("start_month", "!=", False),
                ("permanent", "=", True),
            ]
        )
        self.env.add_to_compute(self._fields["status"], candidates)
        candidates._recompute_recordset(["status"])
        return candidates.filtered(lambda s: s.status == services_tool.ACTIVE)
