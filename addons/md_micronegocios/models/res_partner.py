from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import sql

from odoo.addons.micro_base.tools import identity

from ..tools import input_rules

FACILITATOR = "md_micronegocios.md_micronegocios_group_facilitator"

#: An owner accompanied by the program is an adult (spec md_micronegocios §2).
MIN_OWNER_AGE = 18

#: Personal data of an owner that needs their consent first (Ley 1581 de 2012, art. 9).
PERSONAL_FIELDS = (
    "identity_number",
    "birth_date",
    "gender",
    "phone",
    "mobile",
    "email",
    "street",
    "md_vulnerability_notes",
)

#: Colombian documents an owner may show (spec md_micronegocios §2).
CO_DOCUMENT_TYPES = ("cc", "ce", "ppt", "nit")

CONSENT_CHANNELS = [
    ("written", "Signed Form"),
    ("verbal", "Verbal, Recorded"),
    ("digital", "Online Form"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    md_is_owner = fields.Boolean(
        string="Micro-business Owner",
        help="Owner accompanied by the micro-business program: personal data needs their "
        "consent first.",
    )
    md_consent_date = fields.Date(
        string="Data Consent Date",
        tracking=True,
        help="Day the owner authorized the processing of their personal data "
        '(Colombia, Ley 1581 de 2012 "habeas data").',
    )
    md_consent_channel = fields.Selection(
        CONSENT_CHANNELS, string="Consent Channel", tracking=True
    )
    # The owner form offers the Colombian documents only (no CURP/RFC to a Colombian
    # facilitator): a view of micro_base's identity_type restricted to them.
    md_identity_type = fields.Selection(
        [(code, identity.DOCUMENT_TYPES[code][0]) for code in CO_DOCUMENT_TYPES],
        string="Document Type",
        compute="_compute_md_identity_type",
        inverse="_inverse_md_identity_type",
    )
    md_vulnerability_notes = fields.Text(
        string="Vulnerability",
        groups="md_micronegocios.md_micronegocios_group_facilitator",
        copy=False,  # also lets users outside the program duplicate contacts (Odoo's copy)
        help="Personal, family or health situation the accompaniment should consider.",
    )
    md_case_ids = fields.One2many(
        "crm.lead", "partner_id", string="Program Cases", domain=[("md_is_case", "=", True)]
    )
    # Personal data per program (issue 14): the owner of a case, lost (archived) ones
    # included, is a program person; md's rules on res.partner reach them through it.
    md_all_case_ids = fields.One2many(
        "crm.lead",
        "partner_id",
        string="All Program Cases",
        domain=[("md_is_case", "=", True)],
        context={"active_test": False},
    )

    @api.depends("identity_type")
    def _compute_md_identity_type(self):
        for partner in self:
            kind = partner.identity_type
            partner.md_identity_type = kind if kind in CO_DOCUMENT_TYPES else False

    def _inverse_md_identity_type(self):
        for partner in self:
            if partner.md_identity_type or partner.identity_type in CO_DOCUMENT_TYPES:
                partner.identity_type = partner.md_identity_type

    @api.model_create_multi
    def create(self, vals_list):
        # An owner of the Colombian program lives in Colombia (the form asks no country).
        country = self.env.ref("base.co", raise_if_not_found=False)
        for vals in vals_list:
            self._md_identity_vals(vals)
            if vals.get("md_is_owner") and "country_id" not in vals and country:
                vals["country_id"] = country.id
        return super().create(vals_list)

    def write(self, vals):
        if "md_identity_type" in vals:
            vals = dict(vals)
            self._md_identity_vals(vals)
        res = super().write(vals)
        if "md_consent_date" in vals:
            # The owner's consent is a fact of the first meeting's gate.
            self.md_case_ids._md_advance()
        return res

    @api.model
    def _md_identity_vals(self, vals):
        """The owner form's document type is micro_base's own, given before its checks."""
        if "md_identity_type" in vals:
            kind = vals.pop("md_identity_type")
            given = vals.get("identity_type")
            if kind or not given or given in CO_DOCUMENT_TYPES:
                vals["identity_type"] = kind

    @api.depends("md_all_case_ids")
    def _compute_micro_person(self):
        res = super()._compute_micro_person()
        for partner in self.with_context(active_test=False):
            if partner.md_all_case_ids:
                partner.micro_person = True
        return res

    def init(self):
        res = super().init()
        # Installing or upgrading md on a database with cases: their owners are program
        # persons (micro_base computed the field before md extended its computation).
        # (A first installation has no case yet: crm_lead.md_is_case comes after.)
        if sql.column_exists(self.env.cr, "crm_lead", "md_is_case"):
            self.env.cr.execute(
                """UPDATE res_partner SET micro_person = TRUE
                    WHERE micro_person IS NOT TRUE
                      AND id IN (SELECT partner_id FROM crm_lead WHERE md_is_case)"""
            )
        return res

    @api.model
    def _micro_program_field_groups(self):
        return {**super()._micro_program_field_groups(), "md_": FACILITATOR}

    @api.constrains("md_is_owner", "md_consent_date", "md_consent_channel", *PERSONAL_FIELDS)
    def _check_md_consent(self):
        for partner in self.filtered("md_is_owner"):
            given = [name for name in PERSONAL_FIELDS if partner[name]]
            if given and not (partner.md_consent_date and partner.md_consent_channel):
                raise ValidationError(
                    self.env._(
                        "%(owner)s: record the date and channel of the owner's consent to "
                        "personal-data processing (Ley 1581 de 2012) before storing: "
                        "%(fields)s.",
                        owner=partner.display_name,
                        fields=", ".join(
                            partner._fields[name].get_description(self.env)["string"]
                            for name in given
                        ),
                    )
                )

    @api.constrains("md_consent_date")
    def _check_md_consent_date(self):
        """Consent is recorded once given: it cannot be dated after today (issue 16)."""
        self._micro_check_not_future(["md_consent_date"], source=input_rules.SOURCE_CONSENT)

    @api.constrains("md_is_owner", "birth_date", "md_consent_date")
    def _check_md_owner_age(self):
        today = fields.Date.context_today(self)
        # A birth date after today is refused by micro_base's own check, which names it.
        for partner in self.filtered(
            lambda p: p.md_is_owner and p.birth_date and p.birth_date <= today
        ):
            on = partner.md_consent_date or fields.Date.context_today(partner)
            age = identity.age_on(partner.birth_date, on)
            if age < MIN_OWNER_AGE:
                raise ValidationError(
                    self.env._(
                        "Birth Date of %(owner)s: %(date)s makes them %(age)s years old; the "
                        "program accompanies owners of %(min)s or more (spec §2).",
                        owner=partner.display_name,
                        date=partner.birth_date,
                        age=age,
                        min=MIN_OWNER_AGE,
                    )
                )

    # ---- One person across programs (issue 9) ----
    # A person's cases and plans on their contact form (one person across programs):
    # counted with the reader's own access, so a facilitator sees their cases only.

    md_case_count = fields.Integer(
        string="Number of Program Cases", compute="_compute_md_person_counts", groups=FACILITATOR
    )
    md_plan_count = fields.Integer(
        string="Attention Plans", compute="_compute_md_person_counts", groups=FACILITATOR
    )

    def _compute_md_person_counts(self):
        cases = dict(
            self.env["crm.lead"]._read_group(
                [("md_is_case", "=", True), ("partner_id", "in", self.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        plans = dict(
            self.env["md.plan"]._read_group(
                [("lead_id.partner_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        plans_by_partner = {}
        for lead, count in plans.items():
            plans_by_partner[lead.partner_id] = plans_by_partner.get(lead.partner_id, 0) + count
        for partner in self:
            partner.md_case_count = cases.get(partner._origin, 0)
            partner.md_plan_count = plans_by_partner.get(partner._origin, 0)

    @api.readonly
    def action_md_person_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("md_micronegocios.md_case_action")
        action["domain"] = [("md_is_case", "=", True), ("partner_id", "=", self.id)]
        return action

    @api.readonly
    def action_md_person_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("md_micronegocios.md_plan_action")
        action["domain"] = [("lead_id.partner_id", "=", self.id)]
        return action
