"""Figures of the Reglas de Operación PRONAFIM that are single constants.

Tables (size classes, eligibility items, deadlines, credit types) are data records in
``data/``; the scalar rules live here, each with the section of the rules it comes from.
"""

import datetime

#: Reglas de Operación PRONAFIM 2016 (DOF 29/12/2015); the official document each rule
#: message cites.
RULES = "Reglas de Operación PRONAFIM 2016"
# Not in the 2016 rules (decision): the program exists since 2001; no reference figure
# (CETES, trust net worth) is dated before.
PROGRAM_START = datetime.date(2001, 1, 1)


def cite(section):
    """The citation of ``section`` of the rules, e.g. ``cite("§VIII.1")``."""
    return f"{RULES}, {section}"


# §XI.g: the social performance evaluation report is valid two years from its date.
SOCIAL_EVALUATION_VALIDITY_YEARS = 2
# §XI.g: an IMF newly accredited without an evaluation starts it within six months of the
# formalization of its credit support.
SOCIAL_EVALUATION_START_MONTHS = 6
# Not in the rules (decision): warn this many days before the evaluation expires.
SOCIAL_EVALUATION_WARNING_DAYS = 60
# §XI.g: results that satisfy the obligation ("excelente, bueno o razonable").
SOCIAL_EVALUATION_ACCEPTED_RESULTS = ("excellent", "good", "reasonable")

# §VIII.1.A, §VIII.1.B.i, §VIII.3: moratory rate = 2 times the ordinary rate.
MORATORY_MULTIPLIER = 2
# §IX.3.b: accumulated current risks of one IMF may not exceed 10 % of the trust's
# accounting net worth at the last known month.
CONCENTRATION_LIMIT_PCT = 10
# §II table: size classes are expressed in millions of pesos (MDP) of net portfolio.
SIZE_CLASS_UNIT = 1_000_000

# Not in the rules (decision): ageing buckets of overdue disposals, (first day, label).
AGEING_BUCKETS = ((0, "current"), (1, "1-30"), (31, "31-60"), (61, "61-90"), (91, "91+"))

# §VIII.2.A.i.a: training of the target population, up to 90 % of the project's total
# cost and at most 1,500 pesos per micro-entrepreneur (unless the committee says otherwise).
TRAINING_MAX_PCT = 90
TRAINING_MAX_PER_PERSON = 1500
# §VIII.2.B.iv ("el plazo del apoyo no podrá ser superior a 6 meses") and §VIII.2.B.v
# ("no podrá ser superior a 6 meses"): access points and credit promoters supports last at
# most 6 months.
ACCESS_POINTS_MAX_MONTHS = 6
# §VIII.2.B.iv and §VIII.2.B.v: "Por lo menos el 50% de los MICROCRÉDITOS colocados" at the
# access point / by the promoters "deberán ser otorgados con recursos del PROGRAMA".
PLACEMENT_PROGRAM_FUNDED_MIN_PCT = 50
# §V: at least 96.05 % of the budget to credit supports, at most 3.95 % to operating costs.
BUDGET_MIN_CREDIT_PCT = 96.05
BUDGET_MAX_OPERATING_PCT = 3.95
# §XI.j: the payment disclosed is per 1,000 pesos of credit.
DISCLOSURE_PER_AMOUNT = 1000
# §II "MUNICIPIO RURAL": at most 50 thousand inhabitants.
RURAL_MAX_POPULATION = 50_000
# §VIII.1.A: simple and revolving lines train at least 10 % of the borrowers financed.
LINE_TRAINING_MIN_PCT = 10
# §VIII.1.B.i: strategic simple lines give 50 % of the line to women in priority zones
# (or train all the women financed, or lend at most at the regional rate).
STRATEGIC_WOMEN_PRIORITY_MIN_PCT = 50
# §VI.a: the technical committee meets at least once every two months.
COMMITTEE_MAX_MONTHS_BETWEEN_SESSIONS = 2
# §IV.2.B.i.a: civil associations and societies and private-assistance institutions are
# excluded as IMF.
IMF_EXCLUDED_LEGAL_FORMS = ("ac", "sc", "iap")
# §IV.2.B.i.h / §IV.2.B.ii.d: active (lending) for one year before the application.
ACTIVE_YEARS_BEFORE_APPLICATION = 1
