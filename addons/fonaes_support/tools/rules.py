"""FONAES operating rules (Reglas de Operación FONAES): deadlines, kinds and pure checks.

Every figure carries the rule's section. Amount tables (support types, productive branches,
ADE/PROCOMER services) are data records (``data/fonaes_support_type_data.xml``); this
module holds the deadlines and the small pure decisions the models orchestrate. No ORM.
"""

# ---- Beneficiary kinds and intermediaries (§4.5, §4.3.1.A, Anexo I) ----
BENEFICIARY_KINDS = [
    ("persona_fisica", "Individual (persona física)"),
    ("grupo_social", "Social group (grupo social)"),
    ("microempresa_social", "Social micro-enterprise"),
    ("empresa_social", "Social enterprise"),
    ("esf", "Social financing enterprise (ESF)"),
    ("esc", "Social capitalization enterprise (ESC)"),
    ("trust", "Fund or trust"),
    ("gestora", "Managing organization (gestora)"),
]
KIND_CODES = frozenset(code for code, _label in BENEFICIARY_KINDS)

# ---- Deadlines ----
# §6.3.1.II: authorization or improcedencia notified within 45 business days of the folio,
# extendable by another 20 business days when FONAES tells the applicant.
RESOLUTION_BUSINESS_DAYS = 45
RESOLUTION_EXTENSION_BUSINESS_DAYS = 20
# §6.3.1.V.b: inconsistencies communicated in writing within 15 business days of the
# dictamen de improcedencia; the applicant may object within 30 business days of receiving
# it, plus 20 business days on written request; without objection the folio is cancelled.
IMPROCEDENCE_NOTICE_BUSINESS_DAYS = 15
OBJECTION_BUSINESS_DAYS = 30
OBJECTION_EXTENSION_BUSINESS_DAYS = 20
# §6.3.1.VI: formalization and delivery communicated within 10 business days of budget
# availability.
FORMALIZATION_BUSINESS_DAYS = 10
# §6.3.2.a.I: proof of use within 45 business days of each delivery; §6.3.2.a.IV: extension
# of at most 30 calendar days on force majeure, longer only by an amending agreement.
PROOF_OF_USE_BUSINESS_DAYS = 45
PROOF_OF_USE_MAX_EXTENSION_DAYS = 30

# Anexo I "Definiciones", Microempresa Social: at most 10 partners and up to 10 workers.
MICROEMPRESA_MAX_PARTNERS = 10
MICROEMPRESA_MAX_WORKERS = 10
# §4.3.1 Requisitos Generales A (grupo social), §4.3.1.1.A, §4.3.1.5.C: a social group
# constitutes legally within six months of receiving the support, or refunds what it
# received for that purpose (the amount ceiling, 5,000, is on the support type: data).
GROUP_CONSTITUTION_MONTHS = 6

# §4.3.1.G: capital supports at most twice per beneficiary; ESF and ESC only once.
MAX_CAPITAL_SUPPORTS = 2
ONCE_ONLY_KINDS = frozenset({"esf", "esc"})
# §4.3.1.M: ESC and ESF hold a FONAES registration renewed yearly.
REGISTERED_KINDS = frozenset({"esf", "esc"})

# §4.3.1 "Atención a Empresas Sociales Integradas por Personas con Discapacidad": groups and
# enterprises made up mostly of persons with disabilities, up to 80 % of the project (100 %
# for CTS) — the per-type figure is data (``disabled_max_project_pct``).

# §4.5.2: legend on every agreement, stationery and official document (quoted verbatim,
# legal text: printed in Spanish whatever the user's language).
PUBLIC_USE_LEGEND = (
    "Este programa es de carácter público, no es patrocinado ni promovido por partido "
    "político alguno y sus recursos provienen de los impuestos que pagan todos los "
    "contribuyentes. Está prohibido el uso de este programa con fines políticos, "
    "electorales, de lucro y otros distintos a los establecidos. Quien haga uso indebido "
    "de los recursos de este programa deberá ser denunciado y sancionado de acuerdo con "
    "la ley aplicable y ante la autoridad competente."
)

# §4.6.1.1.1: the six causes of rescission.
RESCISSION_CAUSES = [
    ("i_terms", "I. Breach of the agreement's terms"),
    ("ii_misuse", "II. Support not applied to the approved purpose (refund all plus yields)"),
    ("iii_visits", "III. Supervision or inspection visits refused"),
    ("iv_documents", "IV. Progress and start-up documents not delivered"),
    ("v_false", "V. False information on the use of the support"),
    ("vi_other", "VI. Any other obligation of the rules or agreements breached"),
]

# Authorization levels (§4.3.1.1.C, §4.3.1.2.D, §4.3.1.3.D, §4.3.1.4.D, §4.3.1.5.E).
LEVEL_STATE = "state"
LEVEL_OPINION = "opinion"
LEVEL_EXCEEDED = "exceeded"


def authorization_level(
    amount, max_amount, opinion_max_amount, regional_max_amount=0.0, regional_impact=False
):
    """Who may authorize ``amount`` against one table row.

    :returns: ``LEVEL_STATE`` up to the table amount (the state representative alone),
        ``LEVEL_OPINION`` above it and up to ``opinion_max_amount`` (1.5x the table) or,
        for regional-impact projects, ``regional_max_amount`` (5 M): the general
        directorate's favorable opinion is needed first; ``LEVEL_EXCEEDED`` above that.
    """
    if amount <= max_amount:
        return LEVEL_STATE
    ceiling = opinion_max_amount or max_amount
    if regional_impact and regional_max_amount:
        ceiling = max(ceiling, regional_max_amount)
    if amount <= ceiling:
        return LEVEL_OPINION
    return LEVEL_EXCEEDED


def project_share_pct(requested, project_amount):
    """FONAES's share of the project's total value, in percent (0 when no project)."""
    if not project_amount:
        return 0.0
    return requested * 100.0 / project_amount


def capital_support_refusal(
    previous_supports, legacy_debt, kind, in_breach, behind, consolidates_same_project
):
    """Reason code why a new capital support is refused, or ``None`` (§4.3.1.G, §4.3.1.L).

    ``previous_supports``: capital supports already authorized to the beneficiary;
    ``legacy_debt``: outstanding debts from older FONAES supports (they count as a first
    support unless force majeure made the refund impossible).
    """
    if in_breach:
        return "breach"
    count = previous_supports + (1 if legacy_debt and not previous_supports else 0)
    if kind in ONCE_ONLY_KINDS and count >= 1:
        return "once_only"
    if count >= MAX_CAPITAL_SUPPORTS:
        return "two_supports"
    if count == 1:
        if behind:
            return "behind"
        if not consolidates_same_project:
            return "not_consolidation"
    return None


# ---- Funds and trusts (§4.3.2) ----
# §4.3.2 (last paragraph): federal resources never above 50 % of the trust's net worth.
TRUST_FEDERAL_MAX_NET_WORTH_PCT = 50
# §4.3.2.I: applied to the target population by 15 December; the rest refunded with its
# yields by 20 December of the same fiscal year.
TRUST_APPLY_BY = (12, 15)
TRUST_REFUND_BY = (12, 20)
# §6.3.2.c: deposit slip into the specific sub-account within 5 calendar days of delivery;
# §4.5.3.I.i / §6.3.2.c: quarterly report within the first 5 business days after the
# quarter.
TRUST_DEPOSIT_CALENDAR_DAYS = 5
TRUST_REPORT_BUSINESS_DAYS = 5
# §4.3.1.M: ESC/ESF registration with FONAES, renewed yearly.
ESC_REGISTRATION_MONTHS = 12
