from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.micro_base.tools.amounts import format_money

from ..tools import eligibility, rules
from .fonaes_budget import COMMITTING_STATES

# States in which an application counts as a support granted to its beneficiary.
GRANTED_STATES = ("authorized",)


class FonaesApplicationEligibility(models.AbstractModel):
    """The eligibility and budget checks of ``fonaes.application`` (§4.3, §4.5.1.C).

    The rules themselves are pure functions in ``tools/eligibility.py``; this mixin gathers
    the facts each one needs (reading the support type, its table row, the beneficiary and
    the beneficiary's other applications), calls it, and words a refusal in the user's
    language (:meth:`_eligibility_message`).
    """

    _name = "fonaes.application.eligibility"
    _description = "FONAES Application Eligibility"

    # ---- ENTRY POINTS ----

    def _check_eligibility(self):
        """Rules of the support type and its table row, and of the beneficiary's record,
        checked at reception (§6.3.1.II). Raises :class:`UserError` on the first refusal."""
        self.ensure_one()
        partner, support, row = self.partner_id, self.support_type_id, self.limit_id
        kind = partner.fonaes_role
        self._refuse(
            eligibility.kind_refusal(
                kind,
                eligibility.kind_codes(support.beneficiary_kinds),
                eligibility.kind_codes(row.beneficiary_kinds),
            )
        )
        self._check_grant_rules()
        if kind == "microempresa_social":
            self._refuse(
                eligibility.microempresa_refusal(
                    partner.fonaes_member_count, partner.fonaes_worker_count
                )
            )
        self._refuse(eligibility.units_refusal(self.quantity, row.unit, row.max_units))
        if row.max_total_amount:
            self._refuse(
                eligibility.total_per_year_refusal(
                    self._given_this_year(row), self.requested_amount, row.max_total_amount
                )
            )
        self._refuse(
            eligibility.constitution_refusal(
                kind, self.constitution_amount, support.constitution_max_amount
            )
        )
        self._refuse(eligibility.land_refusal(self.land_amount, row.land_allowed))
        self._refuse(
            eligibility.women_only_refusal(
                support.women_only, partner.fonaes_women_count, partner.fonaes_men_count
            )
        )
        self._refuse(
            eligibility.working_capital_refusal(
                support.working_capital_only, self.fixed_asset_amount
            )
        )
        self._refuse(eligibility.min_amount_refusal(self.requested_amount, row.min_amount))
        self._refuse(eligibility.ceiling_refusal(self.authorization_level))
        self._refuse(
            eligibility.share_refusal(
                self.share_pct,
                self.project_amount,
                row._max_project_pct(partner.fonaes_mostly_disabled),
                row.max_cost_pct,
            )
        )
        self._refuse(
            eligibility.esf_minimums_refusal(
                partner.fonaes_member_count,
                partner.fonaes_equity,
                partner.fonaes_branch_count,
                row.min_partners,
                row.min_equity,
                row.branch_partners,
                row.branch_equity,
            )
        )
        self._refuse(
            eligibility.esc_minimums_refusal(
                kind,
                support.category,
                self.esc_agreed_revolving,
                self.esc_paid_revolving,
                self.esc_branch,
            )
        )
        if support.category == "trust":
            self._refuse(
                eligibility.trust_refusal(
                    self.requested_amount,
                    self.trust_nonfederal_amount,
                    self.trust_net_worth,
                    self.trust_federal_balance,
                )
            )
        if support.category == "ade" and kind in rules.REGISTERED_KINDS:
            self._refuse(
                eligibility.registration_refusal(
                    support.category,
                    kind,
                    partner._fonaes_registration_in_force(fields.Date.context_today(self)),
                )
            )
        if row.max_per_year:
            self._refuse(
                eligibility.times_per_year_refusal(
                    self._same_row_this_year(row),
                    row.max_per_year,
                    row.results_report_after_first,
                    self.previous_results_report,
                )
            )
        if support.category in ("ade", "procomer") and self.service_content:
            self._refuse(eligibility.service_content_refusal(self._same_service_content().name))

    def _check_grant_rules(self):
        """The beneficiary's standing and previous supports (§4.3.1.G, §4.3.1.L,
        §4.3.1.5.D, §4.3.1.6.A): checked at reception and again at authorization, since
        other applications of the same beneficiary may have been authorized meanwhile."""
        self.ensure_one()
        partner, support = self.partner_id, self.support_type_id
        kind = partner.fonaes_role
        self._refuse(
            eligibility.standing_refusal(
                partner.fonaes_in_breach, partner.fonaes_behind_on_repayment
            )
        )
        granted = None  # read once, only where a rule needs it
        if support.once_only or support.second_support_kinds:
            granted = bool(self._same_type_granted())
        if support.category == "capital":
            self._refuse(
                eligibility.capital_supports_refusal(
                    self._previous_capital_supports(),
                    partner.fonaes_legacy_debt,
                    kind,
                    partner.fonaes_in_breach,
                    partner.fonaes_behind_on_repayment,
                    self.consolidates_same_project,
                    support.once_only,
                    granted,
                )
            )
        else:
            self._refuse(eligibility.type_once_only_refusal(support.once_only, granted))
        self._refuse(
            eligibility.second_support_refusal(
                kind, eligibility.kind_codes(support.second_support_kinds), granted
            )
        )

    def _check_budget(self):
        """Budget sufficiency in every covering envelope (§4.5.1.C), rows locked."""
        self.ensure_one()
        envelopes = self.env["fonaes.budget"]._envelopes_for(self)
        if not envelopes:
            raise UserError(
                self.env._(
                    "There is no budget for %(type)s in %(year)s: no folio can be assigned "
                    "(§4.5.1.C).",
                    type=self.support_type_id.name,
                    year=self.fiscal_year,
                )
            )
        self.env.cr.execute(
            "SELECT id FROM fonaes_budget WHERE id IN %s ORDER BY id FOR UPDATE",
            [tuple(envelopes.ids)],
        )
        row = self.limit_id
        if row.max_budget_pct:
            national = envelopes.filtered(lambda e: e.level == "national")[:1]
            used = sum(self._committed_on_row(row).mapped("committed_amount"))
            self._refuse(
                eligibility.budget_share_refusal(
                    used,
                    self.requested_amount,
                    national.amount if national else None,
                    row.max_budget_pct,
                )
            )
        for envelope in envelopes:
            available = envelope.amount - envelope._committed(excluding=self)
            self._refuse(
                eligibility.envelope_refusal(available, self.requested_amount),
                envelope=envelope,
            )

    # ---- FACTS ----

    def _others(self, domain):
        """The beneficiary's other applications (any user's: rules count them all)."""
        return self.sudo().search([*domain, ("id", "!=", self.id)])

    def _previous_capital_supports(self):
        self.ensure_one()
        return self.sudo().search_count(
            [
                ("partner_id", "=", self.partner_id.id),
                ("support_category", "=", "capital"),
                ("state", "in", GRANTED_STATES),
                ("id", "!=", self.id),
            ]
        )

    def _same_type_granted(self):
        return self.sudo().search_count(
            [
                ("partner_id", "=", self.partner_id.id),
                ("support_type_id", "=", self.support_type_id.id),
                ("state", "in", GRANTED_STATES),
                ("id", "!=", self.id),
            ]
        )

    def _committed_on_row(self, row, partner=None):
        """Applications holding budget on ``row`` this fiscal year (of ``partner`` if given)."""
        domain = [
            ("limit_id", "=", row.id),
            ("fiscal_year", "=", self.fiscal_year),
            ("state", "in", COMMITTING_STATES),
        ]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        return self._others(domain)

    def _given_this_year(self, row):
        return sum(self._committed_on_row(row, self.partner_id).mapped("committed_amount"))

    def _same_row_this_year(self, row):
        return self.sudo().search_count(
            [
                ("partner_id", "=", self.partner_id.id),
                ("limit_id", "=", row.id),
                ("fiscal_year", "=", self.fiscal_year),
                ("state", "in", COMMITTING_STATES),
                ("id", "!=", self.id),
            ]
        )

    def _same_service_content(self):
        return self.sudo().search(
            [
                ("partner_id", "=", self.partner_id.id),
                ("limit_id", "=", self.limit_id.id),
                ("service_content", "=ilike", self.service_content.strip()),
                ("state", "in", (*COMMITTING_STATES,)),
                ("id", "!=", self.id),
            ],
            limit=1,
        )

    # ---- MESSAGES ----

    def _refuse(self, refusal, **context):
        """Raise the refusal of an eligibility check, if any, in the user's language."""
        if refusal:
            raise UserError(self._eligibility_message(refusal, **context))

    def _amount_exceeded_message(self):
        row = self.limit_id
        ceiling = eligibility.ceiling(
            row.max_amount, row.opinion_max_amount, row.regional_max_amount, self.regional_impact
        )
        if self.quantity > 1:
            return self.env._(
                "Requested amount of %(amount)s per %(unit)s exceeds the ceiling of "
                "%(ceiling)s per unit for %(row)s (%(section)s).",
                amount=format_money(self.env, self.unit_amount, self.currency_id),
                unit=row.unit,
                ceiling=format_money(self.env, ceiling, self.currency_id),
                row=row.name,
                section=row.rule_section,
            )
        return self.env._(
            "Requested amount %(amount)s exceeds the ceiling of %(ceiling)s for %(row)s "
            "(%(section)s).",
            amount=format_money(self.env, self.requested_amount, self.currency_id),
            ceiling=format_money(self.env, ceiling, self.currency_id),
            row=row.name,
            section=row.rule_section,
        )

    def _eligibility_message(self, refusal, envelope=None):
        """The message of a :class:`..tools.eligibility.Refusal`, citing its section."""
        code, p = refusal.code, refusal.params
        partner, support, row = self.partner_id, self.support_type_id, self.limit_id

        def fmt(amount):
            return format_money(self.env, amount, self.currency_id)

        def kind_label():
            selection = partner._fields["fonaes_role"]._description_selection(self.env)
            return dict(selection).get(partner.fonaes_role, "-")

        messages = {
            "kind_not_allowed": lambda: self.env._(
                "%(type)s / %(row)s is not available to a %(kind)s (%(section)s).",
                type=support.name,
                row=row.name,
                kind=kind_label(),
                section=row.rule_section,
            ),
            "breach": lambda: self.env._(
                "%s is in breach of the rules or of its revolving commitments: no new "
                "support is granted (§4.3.1.L).",
                partner.name,
            ),
            "behind_any": lambda: self.env._(
                "%s is behind on its revolving repayment: no new support is granted "
                "until it is current (§4.3.1.L, §4.3.1.G).",
                partner.name,
            ),
            "once_only": lambda: self.env._(
                "%s already received its only support: social financing and capitalization "
                "enterprises, and Capitalización Productiva, are supported once (§4.3.1.G, "
                "§4.3.1.6.A).",
                partner.name,
            ),
            "two_supports": lambda: self.env._(
                "%(partner)s already has %(count)s productive-capital supports (outstanding "
                "debts from earlier supports count as the first): at most %(max)s per "
                "beneficiary (§4.3.1.G).",
                partner=partner.name,
                count=p["count"],
                max=p["max"],
            ),
            "behind": lambda: self.env._(
                "%s is behind on its revolving repayment: a second productive-capital support "
                "needs it to be current (§4.3.1.G).",
                partner.name,
            ),
            "not_consolidation": lambda: self.env._(
                "A second productive-capital support for %s is only granted to consolidate "
                "the project authorized first (§4.3.1.G).",
                partner.name,
            ),
            "type_once_only": lambda: self.env._(
                "%(type)s is granted only once per beneficiary (%(section)s).",
                type=support.name,
                section=support.rule_section,
            ),
            "second_support_kind": lambda: self.env._(
                "%(partner)s already received %(type)s: a second one is only for "
                "social enterprises, not for a %(kind)s (%(section)s.D).",
                partner=partner.name,
                type=support.name,
                kind=kind_label(),
                section=support.rule_section,
            ),
            "microempresa_size": lambda: self.env._(
                "%(partner)s has %(members)s partners and %(workers)s workers: a social "
                "micro-enterprise has at most %(max_members)s partners and %(max_workers)s "
                "workers (Anexo I); register it as a social enterprise.",
                partner=partner.name,
                **p,
            ),
            "not_per_unit": lambda: self.env._(
                "%(row)s is not priced per unit: an application asks for it once "
                "(%(units)s units requested).",
                row=row.name,
                units=p["units"],
            ),
            "too_many_units": lambda: self.env._(
                "%(row)s: %(units)s %(unit)s requested, at most %(max)s (%(section)s).",
                row=row.name,
                units=p["units"],
                unit=row.unit,
                max=p["max"],
                section=row.rule_section,
            ),
            "total_exceeded": lambda: self.env._(
                "%(row)s: %(partner)s already has %(given)s in %(year)s; with "
                "%(amount)s it would exceed the total of %(max)s (%(section)s).",
                row=row.name,
                partner=partner.name,
                given=fmt(p["given"]),
                year=self.fiscal_year,
                amount=fmt(p["amount"]),
                max=fmt(p["max"]),
                section=row.rule_section,
            ),
            "constitution_not_allowed": lambda: self.env._(
                "Legal constitution costs are supported only for social groups "
                "under CTS and IPM (§4.3.1.1.A, §4.3.1.5.C)."
            ),
            "constitution_exceeded": lambda: self.env._(
                "Legal constitution costs of %(amount)s exceed the %(max)s allowed by "
                "%(type)s (%(section)s).",
                amount=fmt(p["amount"]),
                max=fmt(p["max"]),
                type=support.name,
                section=support.rule_section,
            ),
            "land_not_allowed": lambda: self.env._(
                "FONAES resources do not buy land for %(type)s / %(row)s: only rural "
                "agroindustry, extractive industry and trading projects, to install "
                "their infrastructure (§4.3.1.F).",
                type=support.name,
                row=row.name,
            ),
            "women_only": lambda: self.env._(
                "%(type)s is only for groups or enterprises made up exclusively of women; "
                "the roster of %(partner)s has %(men)s men (%(section)s).",
                type=support.name,
                partner=partner.name,
                men=p["men"],
                section=support.rule_section,
            ),
            "fixed_assets_not_financed": lambda: self.env._(
                "%(type)s does not finance fixed assets: %(amount)s requested for them "
                "(%(section)s).",
                type=support.name,
                amount=fmt(p["amount"]),
                section=support.rule_section,
            ),
            "below_minimum": lambda: self.env._(
                "Requested amount %(amount)s is below the minimum of %(min)s for %(row)s "
                "(%(section)s).",
                amount=fmt(p["amount"]),
                min=fmt(p["min"]),
                row=row.name,
                section=row.rule_section,
            ),
            "amount_exceeded": self._amount_exceeded_message,
            "project_value_missing": lambda: self.env._(
                "Application of %s: enter the project's total value.", partner.name
            ),
            "project_share_exceeded": lambda: self.env._(
                "FONAES share %(pct).2f %% of the project exceeds the maximum of "
                "%(max)s %% for %(row)s (%(section)s).",
                pct=p["pct"],
                max=p["max"],
                row=row.name,
                section=row.rule_section,
            ),
            "cost_share_exceeded": lambda: self.env._(
                "FONAES share %(pct).2f %% of the costs exceeds %(max)s %% for %(row)s "
                "(%(section)s).",
                pct=p["pct"],
                max=p["max"],
                row=row.name,
                section=row.rule_section,
            ),
            "esf_minimums": lambda: self.env._(
                "%(partner)s with %(branches)s branches needs more than %(need)s partners "
                "and an equity of %(equity)s; it has %(members)s partners and %(has)s "
                "(%(section)s).",
                partner=partner.name,
                branches=p["branches"],
                need=p["need"],
                equity=fmt(p["equity"]),
                members=p["members"],
                has=fmt(p["has"]),
                section=row.rule_section,
            ),
            "esc_minimums": lambda: (
                self.env._(
                    "%(partner)s, a branch of a social capitalization enterprise, must "
                    "accredit revolving agreed with FONAES's beneficiaries of at least "
                    "%(min_agreed)s and %(min_paid)s received as liquid revolving; it "
                    "accredits %(agreed)s and %(paid)s (Reglas de Operación FONAES 2005, "
                    "§4.3.1, Requisitos Generales A).",
                    partner=partner.name,
                    min_agreed=fmt(p["min_agreed"]),
                    min_paid=fmt(p["min_paid"]),
                    agreed=fmt(p["agreed"]),
                    paid=fmt(p["paid"]),
                )
                if p["branch"]
                else self.env._(
                    "%(partner)s, a social capitalization enterprise, must accredit "
                    "revolving agreed with FONAES's beneficiaries of at least %(min_agreed)s "
                    "and %(min_paid)s received as liquid revolving; it accredits %(agreed)s "
                    "and %(paid)s (Reglas de Operación FONAES 2005, §4.3.1, Requisitos "
                    "Generales A).",
                    partner=partner.name,
                    min_agreed=fmt(p["min_agreed"]),
                    min_paid=fmt(p["min_paid"]),
                    agreed=fmt(p["agreed"]),
                    paid=fmt(p["paid"]),
                )
            ),
            "trust_over_nonfederal": lambda: self.env._(
                "The federal support %(amount)s exceeds the non-federal contributions "
                "of %(nonfederal)s (§4.3.2.J).",
                amount=fmt(p["amount"]),
                nonfederal=fmt(p["nonfederal"]),
            ),
            "trust_over_net_worth": lambda: self.env._(
                "Federal resources of %(federal)s would exceed %(pct)s %% of the trust's "
                "net worth (%(limit)s) (§4.3.2).",
                federal=fmt(p["federal"]),
                pct=p["pct"],
                limit=fmt(p["limit"]),
            ),
            "registration_not_in_force": lambda: self.env._(
                "%s has no FONAES registration in force: business development services "
                "go to capitalization and financing enterprises while their yearly "
                "registration is valid (§4.3.3.1.D.iii-iv, §4.3.1.M).",
                partner.name,
            ),
            "times_per_year": lambda: self.env._(
                "%(partner)s already has %(count)s × %(row)s in %(year)s: at most "
                "%(max)s per fiscal year (%(section)s).",
                partner=partner.name,
                count=p["count"],
                row=row.name,
                year=self.fiscal_year,
                max=p["max"],
                section=row.rule_section,
            ),
            "results_report_missing": lambda: self.env._(
                "%(row)s: the results of the previous event must be reported before "
                "the next one (%(section)s).",
                row=row.name,
                section=row.rule_section,
            ),
            "same_service_content": lambda: self.env._(
                '%(partner)s was already supported for "%(content)s" (%(folio)s): the '
                "same service content is not supported twice (§4.3.3.C).",
                partner=partner.name,
                content=self.service_content,
                folio=p["folio"],
            ),
            "budget_share_exceeded": lambda: self.env._(
                "%(row)s may use at most %(pct)s %% of the national %(type)s budget "
                "(%(cap)s); %(used)s already committed (%(section)s).",
                row=row.name,
                pct=p["pct"],
                type=support.code,
                cap=fmt(p["cap"]),
                used=fmt(p["used"]),
                section=row.rule_section,
            ),
            "no_budget_sufficiency": lambda: self.env._(
                "No budget sufficiency in the %(level)s envelope %(envelope)s: "
                "%(available)s available, %(amount)s requested (§4.5.1.C).",
                level=envelope.level,
                envelope=envelope.name,
                available=fmt(p["available"]),
                amount=fmt(p["amount"]),
            ),
        }
        return messages[code]()
