"""Eligibility of a FONAES support application (Reglas de Operación FONAES 2005, §4.3, §4.5).

Pure Python, no ORM. The application model gathers the facts (the figures of the support
type and of its table row, the beneficiary's record, the counts of its earlier supports) and
calls these checks in the order of :meth:`fonaes.application.eligibility._check_eligibility`.
Each check returns ``None`` when the rule is met, or a :class:`Refusal` whose ``code`` says
which rule refused and whose ``params`` hold the figures, so that the caller words it in the
user's language (like ``pronafim_credit/tools/committee.py``).

Amount tables are data (``data/fonaes_support_type_data.xml``); the fixed figures of the
rules are in :mod:`.rules`, each with its section.
"""

from odoo.addons.micro_base.tools.amounts import compare_money

from . import rules

# CTS §4.3.1.1.C.ii, CSR §4.3.1.2.D.ii, ACCIS §4.3.1.3.D.ii (empresa social only), IPM
# §4.3.1.5.E.ii: "El Representante Estatal del FONAES podrá autorizar ... proyectos hasta por
# 1.5 veces el monto que se expresa en esta tabla", with the general directorate's favorable
# opinion first. Which rows allow it is data (``fonaes.support.limit.opinion_band``).
OPINION_CEILING_FACTOR = 1.5

# §4.3.1 "Requisitos Generales para las solicitudes", A (Empresa Social de Capitalización):
# "haber concertado con los beneficiarios del FONAES la revolvencia de los apoyos de capital
# en dicha empresa social por un monto total mínimo de diez millones de pesos y haber
# ingresado a la misma, por concepto de revolvencia líquida de los apoyos de capital, por lo
# menos un millón de pesos. En el caso de sucursales de una ESC, cada una de éstas deberá
# contar con una revolvencia concertada con los beneficiarios por un mínimo de cinco millones
# de pesos y haber ingresado por concepto de revolvencia líquida por lo menos quinientos mil
# pesos".
ESC_MIN_AGREED_REVOLVING = 10_000_000.0
ESC_MIN_PAID_REVOLVING = 1_000_000.0
ESC_BRANCH_MIN_AGREED_REVOLVING = 5_000_000.0
ESC_BRANCH_MIN_PAID_REVOLVING = 500_000.0


class Refusal:
    """Why an application is not eligible: a reason ``code`` and the figures (``params``)."""

    __slots__ = ("code", "params")

    def __init__(self, code, **params):
        self.code = code
        self.params = params

    def __eq__(self, other):
        return isinstance(other, Refusal) and (self.code, self.params) == (
            other.code,
            other.params,
        )

    def __repr__(self):
        return f"Refusal({self.code!r}, {self.params!r})"


def kind_codes(value):
    """The beneficiary kinds of a comma-separated list (``"esf, esc"`` -> ``{"esf", "esc"}``)."""
    return {code.strip() for code in (value or "").split(",") if code.strip()}


def allows_kind(codes, kind):
    """An empty list of kinds allows every kind."""
    return not codes or kind in codes


# ---- the beneficiary (§4.3.1.G, §4.3.1.L, §4.3.1.5.D, §4.3.1.6.A, Anexo I) ----


def kind_refusal(kind, type_kinds, row_kinds):
    """The support type and its table row must both be open to the beneficiary's kind."""
    if allows_kind(type_kinds, kind) and allows_kind(row_kinds, kind):
        return None
    return Refusal("kind_not_allowed")


def standing_refusal(in_breach, behind):
    """§4.3.1.L: no new support of any type to a beneficiary that, by its own fault,
    breached the rules or is not current on its revolving commitments."""
    if in_breach:
        return Refusal("breach")
    if behind:
        return Refusal("behind_any")
    return None


def capital_supports_refusal(
    previous, legacy_debt, kind, in_breach, behind, consolidates, once_only, same_type_granted
):
    """§4.3.1.G two productive-capital supports at most (the second one to consolidate the
    same project while current on the revolving), ESF and ESC once; types granted once
    (§4.3.1.6.A); §4.3.1.L breach. See :func:`.rules.capital_support_refusal`."""
    code = rules.capital_support_refusal(
        previous, legacy_debt, kind, in_breach, behind, consolidates
    )
    if not code and once_only and same_type_granted:
        code = "once_only"
    if not code:
        return None
    count = previous + (1 if legacy_debt and not previous else 0)
    return Refusal(code, count=count, max=rules.MAX_CAPITAL_SUPPORTS)


def type_once_only_refusal(once_only, same_type_granted):
    """A support type granted once per beneficiary (other than productive capital)."""
    return Refusal("type_once_only") if once_only and same_type_granted else None


def second_support_refusal(kind, second_kinds, same_type_granted):
    """§4.3.1.5.D: a second support of the type only for the kinds listed on it."""
    if second_kinds and same_type_granted and kind not in second_kinds:
        return Refusal("second_support_kind")
    return None


def microempresa_refusal(members, workers):
    """Anexo I: a microempresa social has at most 10 partners and up to 10 workers."""
    if members > rules.MICROEMPRESA_MAX_PARTNERS or workers > rules.MICROEMPRESA_MAX_WORKERS:
        return Refusal(
            "microempresa_size",
            members=members,
            workers=workers,
            max_members=rules.MICROEMPRESA_MAX_PARTNERS,
            max_workers=rules.MICROEMPRESA_MAX_WORKERS,
        )
    return None


def women_only_refusal(women_only, women, men):
    """Types only for groups or enterprises made up exclusively of women (§4.3.1.5)."""
    if women_only and (men or not women):
        return Refusal("women_only", men=men)
    return None


def esf_minimums_refusal(
    members, equity, branches, min_partners, min_equity, branch_partners, branch_equity
):
    """§4.3.1.3.C: an ESF with more than 200 partners and 700 thousand equity, each branch
    more than 100 partners and 400 thousand more equity (figures on the table row)."""
    if not (min_partners or min_equity):
        return None
    partners_needed = min_partners + branch_partners * branches
    equity_needed = min_equity + branch_equity * branches
    if members <= partners_needed or equity < equity_needed:
        return Refusal(
            "esf_minimums",
            branches=branches,
            need=partners_needed,
            equity=equity_needed,
            members=members,
            has=equity,
        )
    return None


def esc_minimums(branch):
    """(agreed, paid) revolving an ESC, or one of its branches, must have accredited."""
    if branch:
        return ESC_BRANCH_MIN_AGREED_REVOLVING, ESC_BRANCH_MIN_PAID_REVOLVING
    return ESC_MIN_AGREED_REVOLVING, ESC_MIN_PAID_REVOLVING


def esc_minimums_refusal(kind, category, agreed, paid, branch):
    """§4.3.1 Requisitos Generales A: an ESC applying for a productive-capital support
    (§4.3.1) accredits the revolving agreed with FONAES's beneficiaries (10 million, a branch
    5 million) and the liquid revolving it received (1 million, a branch 500 thousand).
    The supports of §4.3.3 have their own requirement (registration in force)."""
    if kind != "esc" or category != "capital":
        return None
    min_agreed, min_paid = esc_minimums(branch)
    if compare_money(agreed, min_agreed) < 0 or compare_money(paid, min_paid) < 0:
        return Refusal(
            "esc_minimums",
            branch=branch,
            agreed=agreed,
            paid=paid,
            min_agreed=min_agreed,
            min_paid=min_paid,
        )
    return None


def registration_refusal(category, kind, in_force):
    """§4.3.3.1.D.iii-iv, §4.3.1.M: ADE services to an ESF or ESC while its yearly FONAES
    registration is in force."""
    if category == "ade" and kind in rules.REGISTERED_KINDS and not in_force:
        return Refusal("registration_not_in_force")
    return None


# ---- what is applied for (§4.3.1, §4.3.3) ----


def units_refusal(quantity, unit, max_units):
    """§4.3.3.1 table: only services priced per unit take several units, at most the row's."""
    if quantity != 1 and not unit:
        return Refusal("not_per_unit", units=quantity)
    if max_units and quantity > max_units:
        return Refusal("too_many_units", units=quantity, max=max_units)
    return None


def total_per_year_refusal(given, requested, max_total):
    """§4.3.3.1 table: what a row gives one beneficiary in a fiscal year, over all its
    applications, stays within the row's total."""
    if max_total and compare_money(given + requested, max_total) > 0:
        return Refusal("total_exceeded", given=given, amount=requested, max=max_total)
    return None


def constitution_refusal(kind, amount, max_amount):
    """§4.3.1.1.A, §4.3.1.5.C: legal constitution costs only for social groups, within the
    support type's ceiling (0: the type does not pay them)."""
    if not amount:
        return None
    if kind != "grupo_social" or not max_amount:
        return Refusal("constitution_not_allowed")
    if amount > max_amount:
        return Refusal("constitution_exceeded", amount=amount, max=max_amount)
    return None


def land_refusal(land_amount, land_allowed):
    """§4.3.1.F: land only for rural agroindustry, extractive industry and trading."""
    return Refusal("land_not_allowed") if land_amount and not land_allowed else None


def working_capital_refusal(working_capital_only, fixed_asset_amount):
    """§4.3.1.1.A, §4.3.3.G: types that never finance fixed assets."""
    if working_capital_only and fixed_asset_amount:
        return Refusal("fixed_assets_not_financed", amount=fixed_asset_amount)
    return None


def min_amount_refusal(requested, min_amount):
    """The table row's minimum amount."""
    if min_amount and requested < min_amount:
        return Refusal("below_minimum", amount=requested, min=min_amount)
    return None


def opinion_ceiling(max_amount, opinion_band):
    """The most a row's state representative authorizes with the directorate's opinion:
    :data:`OPINION_CEILING_FACTOR` times the table's amount where the rule allows it."""
    return max_amount * OPINION_CEILING_FACTOR if opinion_band else max_amount


def ceiling(max_amount, opinion_max_amount, regional_max_amount=0.0, regional_impact=False):
    """The most a table row gives, with the directorate's opinion (see
    :func:`.rules.authorization_level`)."""
    return max(
        opinion_max_amount or max_amount,
        regional_max_amount if regional_impact else 0.0,
    )


def ceiling_refusal(level):
    """Above the table's ceiling nobody authorizes (§4.3.1.1.C ... §4.3.1.5.E)."""
    return Refusal("amount_exceeded") if level == rules.LEVEL_EXCEEDED else None


def share_refusal(share_pct, project_amount, max_pct, max_cost_pct):
    """FONAES's share of the project (§4.3.1: per type or row; persons with disabilities
    80 %, CTS 100 %) and of an event's costs (§4.3.3.2: 90 %)."""
    if max_pct:
        if not project_amount:
            return Refusal("project_value_missing")
        if share_pct > max_pct + 1e-9:
            return Refusal("project_share_exceeded", pct=share_pct, max=max_pct)
    if max_cost_pct and project_amount and share_pct > max_cost_pct:
        return Refusal("cost_share_exceeded", pct=share_pct, max=max_cost_pct)
    return None


def trust_refusal(requested, nonfederal, net_worth, federal_balance):
    """§4.3.2.J: the federal support at most the non-federal contributions; §4.3.2: federal
    resources at most 50 % of the trust's net worth."""
    if requested > nonfederal:
        return Refusal("trust_over_nonfederal", amount=requested, nonfederal=nonfederal)
    federal = federal_balance + requested
    limit = net_worth * rules.TRUST_FEDERAL_MAX_NET_WORTH_PCT / 100.0
    if federal > limit:
        return Refusal(
            "trust_over_net_worth",
            federal=federal,
            pct=rules.TRUST_FEDERAL_MAX_NET_WORTH_PCT,
            limit=limit,
        )
    return None


def times_per_year_refusal(count, max_per_year, results_report_after_first, results_reported):
    """§4.3.3.1.A, §4.3.3.2.B/F: times per fiscal year; from the second promotion event, the
    results of the previous one reported."""
    if not max_per_year:
        return None
    if count >= max_per_year:
        return Refusal("times_per_year", count=count, max=max_per_year)
    if count and results_report_after_first and not results_reported:
        return Refusal("results_report_missing")
    return None


def service_content_refusal(same_content_folio):
    """§4.3.3.C: no service with the same content as one supported before (``folio`` of
    that earlier application, or ``None``)."""
    if same_content_folio:
        return Refusal("same_service_content", folio=same_content_folio)
    return None


# ---- budget (§4.3.1.3.A, §4.5.1.C) ----


def budget_share_refusal(used, requested, national_amount, max_budget_pct):
    """A row that may use only part of its type's national budget (ACCIS personas físicas
    10 %, §4.3.1.3.A). ``national_amount`` is ``None`` when there is no national envelope."""
    if not max_budget_pct or national_amount is None:
        return None
    cap = national_amount * max_budget_pct / 100.0
    if used + requested > cap:
        return Refusal("budget_share_exceeded", pct=max_budget_pct, cap=cap, used=used)
    return None


def envelope_refusal(available, requested):
    """§4.5.1.C: budget sufficiency in a covering envelope."""
    if requested > available:
        return Refusal("no_budget_sufficiency", available=available, amount=requested)
    return None
