"""FONDESO emergency micro-credit: its figures and its schedule (no ORM).

Source: FONDESO Ciudad de México, "Atención por medios digitales a interesados en
financiamiento para las microempresas de la Ciudad de México afectadas por la contingencia
sanitaria ante el COVID19" (31 March 2021; ``/work/shared/seeds/000_…``). The document numbers
no sections: "§n" below is its n-th paragraph, as :data:`SOURCE` says to the applicants.
§1: "un monto total de 50,000 créditos y un presupuesto global de 500 millones de pesos para
poder otorgar montos únicos de $10,000.00", "un plazo de gracia ... antes de iniciar el pago
con mensualidades reducidas y sin interés". The document gives neither the length of the
grace period nor the number of installments: the program record carries them and approval
is refused until they are set.

This module is the one home of the program's figures: the program record takes them as its
defaults (``models/pronafim_emergency_program.py``; the data file sets none) and the tests
read them from here.
"""

from odoo.addons.micro_base.tools import identity, loan

#: How the messages to applicants and staff name the official source (a proper name: not
#: translated); its "§n" is the document's n-th paragraph.
SOURCE = "FONDESO, Atención por medios digitales (31/03/2021)"
#: The rule section of the program's figures, shown in the envelope messages.
FIGURES_SECTION = f"{SOURCE}, §1"
#: §1: global budget of the emergency program (MXN).
ENVELOPE_AMOUNT = 500_000_000
#: §1: number of credits of the program.
ENVELOPE_COUNT = 50_000
#: §1: single amount of each credit (MXN), "montos únicos de $10,000.00".
CREDIT_AMOUNT = 10_000
#: §1: "sin interés".
ANNUAL_RATE = 0
#: The program's time zone: what the applicant reads (submission, acceptance) is Mexico
#: City time, whatever the account's time zone.
PROGRAM_TZ = "America/Mexico_City"


def schedule(amount, installments, grace_months, disbursed_on):
    """Installments of an emergency credit disbursed on ``disbursed_on``.

    Nothing falls due during the ``grace_months`` months after disbursement; then
    ``installments`` monthly installments of equal principal and zero interest repay
    ``amount`` (the last takes the cents left, so they sum exactly to it). Built with the
    shared ``micro_base.tools.loan.monthly_schedule`` (rate 0, grace on capital); the grace
    installments, which pay nothing at rate 0, are left out.

    :return: list of :class:`micro_base.tools.loan.Installment` numbered from 1
    :raises ValueError: on a non-positive amount, fewer than one installment or a negative
        grace
    """
    if installments < 1:
        raise ValueError("An emergency credit needs at least one installment.")
    if grace_months < 0:
        raise ValueError("The grace period cannot be negative.")
    rows = loan.monthly_schedule(
        amount,
        ANNUAL_RATE,
        installments + grace_months,
        disbursed_on,
        grace_months=grace_months,
        day_basis=None,
    )
    return [
        loan.Installment(
            number=row.number - grace_months,
            due_date=row.due_date,
            principal=row.principal,
            interest=row.interest,
            payment=row.payment,
            balance_after=row.balance_after,
        )
        for row in rows[grace_months:]
    ]


#: §1: "microempresas de la Ciudad de México" — the business is in Mexico City
#: (``base.state_mx_df``, code CMX); the portal form offers no other state.
RESIDENCE_STATE_CODE = "CMX"
#: Adult applicant (a credit contract is signed). FONDESO's document states no age: this is
#: the age of majority in Mexico, Código Civil Federal, art. 646 ("La mayor edad comienza a
#: los dieciocho años cumplidos"; decision recorded in the README).
MIN_AGE = 18


def eligibility_errors(curp, residence_state_code, business_name, on_date):
    """Reasons why an applicant cannot apply, as ``(field, code, params)`` (empty: eligible).

    Codes: ``curp`` (``params["error"]`` is the :class:`identity.IdentityError`),
    ``under_age`` (``age``, ``min_age``), ``residence`` and ``business``. The CURP is checked
    with python-stdnum through ``micro_base.tools.identity``; the age comes from the CURP's
    birth date on ``on_date``.
    """
    errors = []
    try:
        curp = identity.validate("curp", curp)
    except identity.IdentityError as exc:
        errors.append(("curp", "curp", {"error": exc}))
        curp = None
    if curp:
        age = identity.age_on(identity.curp_birth_date(curp), on_date)
        if age < MIN_AGE:
            errors.append(("curp", "under_age", {"age": age, "min_age": MIN_AGE}))
    if residence_state_code != RESIDENCE_STATE_CODE:
        errors.append(("state_id", "residence", {}))
    if not (business_name or "").strip():
        errors.append(("business_name", "business", {}))
    return errors


#: Documents the applicant uploads: PDF or images, each at most this size. FONDESO gives
#: neither (decision recorded in the README): what a phone scan or a PDF needs, and
#: bounded so that 50,000 applications stay storable.
DOCUMENT_MIMETYPES = ("application/pdf", "image/jpeg", "image/png")
MAX_DOCUMENT_MB = 10


#: Bank layout of a disbursement batch (§2: "procesos ... para realizar la dispersión de
#: los créditos"; FONDESO gives no layout, this one is the suite's): UTF-8
#: CSV, comma separated, header line, one row per credit:
#:   reference    the credit's folio
#:   beneficiary  the applicant's name
#:   curp         the applicant's CURP
#:   clabe        18-digit CLABE of the beneficiary's account
#:   amount       amount to pay, two decimals, "." as decimal separator
#:   concept      "FONDESO <folio>"
BANK_LAYOUT_COLUMNS = ("reference", "beneficiary", "curp", "clabe", "amount", "concept")
_CLABE_WEIGHTS = (3, 7, 1) * 6


def clabe_valid(clabe):
    """True when ``clabe`` is 18 digits whose last one is the Banxico check digit
    (weights 3, 7, 1 on the first 17 digits, each product modulo 10, then 10 minus the
    sum modulo 10)."""
    if not clabe or len(clabe) != 18 or not clabe.isdigit():
        return False
    total = sum(int(d) * w % 10 for d, w in zip(clabe[:17], _CLABE_WEIGHTS, strict=False))
    return (10 - total % 10) % 10 == int(clabe[17])


def bank_layout(rows):
    """CSV text of a disbursement batch: ``rows`` are dicts keyed by BANK_LAYOUT_COLUMNS."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, BANK_LAYOUT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row[k] for k in BANK_LAYOUT_COLUMNS})
    return out.getvalue()
