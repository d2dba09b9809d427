"""Balance General (Anexo XII-2) and Estado de Resultados (Anexo XII-3) of ESF and trusts.

Pure: the structure and captions of the annexes (quoted as printed, in Spanish: they are the
legal form), the footers of Anexo XII "SEGUNDA.III", the arithmetic of the subtotals and
the sheets that the PDF and the XLSX report (``report/fonaes_financial_statement_xlsx.py``)
print. The model feeds the amounts per line key, already signed so that every mapped
line is positive in its natural side (assets and expenses debit, the rest credit).
"""

from decimal import Decimal

MONTHS_ES = [
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre",
]  # fmt: skip

# Row kinds: "header" (caption only), "line" (mapped accounts), "total" (formula over keys).
# A line's ``nature`` is +1 when its accounts are read debit-positive (assets, expenses),
# -1 when credit-positive (contra-assets, liabilities, equity, income).
# Anexo XII-2, structure printed after "Cuentas de orden".
BALANCE_SHEET = [
    ("h_activo", "ACTIVO", "header", None),
    ("efectivo", "EFECTIVO", "line", 1),
    ("h_inversiones", "INVERSIONES EN VALORES", "header", None),
    ("inv_negociacion", "Títulos con fines de negociación", "line", 1),
    ("inv_disponibles", "Títulos disponibles para la venta", "line", 1),
    ("inv_vencimiento", "Títulos conservados a vencimiento", "line", 1),
    ("cartera_vigente", "CARTERA DE CREDITO VIGENTE", "line", 1),
    ("cartera_vencida", "CARTERA DE CREDITO VENCIDA", "line", 1),
    ("total_cartera", "TOTAL CARTERA DE CREDITO", "total",
     {"cartera_vigente": 1, "cartera_vencida": 1}),
    ("estimacion", "(-) MENOS: ESTIMACION PREVENTIVA PARA RIESGOS CREDITICIOS", "line", -1),
    ("cartera_neto", "CARTERA DE CREDITO (NETO)", "total", {"total_cartera": 1, "estimacion": -1}),
    ("otras_cxc", "OTRAS CUENTAS POR COBRAR (NETO)", "line", 1),
    ("bienes_adjudicados", "BIENES ADJUDICADOS", "line", 1),
    ("inmuebles", "INMUEBLES, MOBILIARIO Y EQUIPO (NETO)", "line", 1),
    ("h_otros_activos", "OTROS ACTIVOS", "header", None),
    ("otros_activos", "Otros activos, cargos diferidos e intangibles", "line", 1),
    ("total_activo", "TOTAL ACTIVO", "total", {
        "efectivo": 1, "inv_negociacion": 1, "inv_disponibles": 1, "inv_vencimiento": 1,
        "cartera_neto": 1, "otras_cxc": 1, "bienes_adjudicados": 1, "inmuebles": 1,
        "otros_activos": 1,
    }),
    ("h_pasivo", "PASIVO Y CAPITAL", "header", None),
    ("h_depositos", "DEPOSITOS", "header", None),
    ("dep_inmediata", "Depositos de exigibilidad inmediata", "line", -1),
    ("dep_plazo", "Depositos a plazo", "line", -1),
    ("h_prestamos", "PRESTAMOS BANCARIOS Y DE OTROS ORGANISMOS", "header", None),
    ("prest_corto", "De corto plazo", "line", -1),
    ("prest_largo", "De largo plazo", "line", -1),
    ("h_otras_cxp", "OTRAS CUENTAS POR PAGAR", "header", None),
    ("isr_ptu", "ISR y PTU por pagar", "line", -1),
    ("acreedores", "Acreedores diversos y otras cuentas por pagar", "line", -1),
    ("creditos_diferidos", "CREDITOS DIFERIDOS", "line", -1),
    ("total_pasivo", "TOTAL PASIVO", "total", {
        "dep_inmediata": 1, "dep_plazo": 1, "prest_corto": 1, "prest_largo": 1,
        "isr_ptu": 1, "acreedores": 1, "creditos_diferidos": 1,
    }),
    ("h_capital", "CAPITAL CONTABLE", "header", None),
    ("h_contribuido", "CAPITAL CONTRIBUIDO", "header", None),
    ("capital_social", "Capital social", "line", -1),
    ("h_ganado", "CAPITAL GANADO", "header", None),
    ("reservas_capital", "Reservas de capital", "line", -1),
    ("resultado_anteriores", "Resultado de ejercicios anteriores", "line", -1),
    ("resultado_neto", "Resultado neto", "line", -1),
    ("total_capital", "TOTAL CAPITAL CONTABLE", "total", {
        "capital_social": 1, "reservas_capital": 1, "resultado_anteriores": 1,
        "resultado_neto": 1,
    }),
    ("total_pasivo_capital", "TOTAL PASIVO Y CAPITAL CONTABLE", "total", {
        "total_pasivo": 1, "total_capital": 1,
    }),
    ("h_orden", "CUENTAS DE ORDEN", "header", None),
    ("orden_contingentes", "Activos y pasivos contingentes", "line", 1),
    ("orden_compromisos", "Compromisos crediticios", "line", 1),
    ("orden_garantias", "Garantías recibidas", "line", 1),
    ("orden_intereses",
     "Intereses devengados no cobrados derivados de cartera de crédito vencida", "line", 1),
    ("orden_otras", "Otras cuentas de registro", "line", 1),
]  # fmt: skip

# Anexo XII-3, structure printed at its end.
INCOME_STATEMENT = [
    ("ingresos_intereses", "Ingresos por intereses", "line", -1),
    ("gastos_intereses", "Gastos por intereses", "line", 1),
    ("margen_financiero", "MARGEN FINANCIERO", "total",
     {"ingresos_intereses": 1, "gastos_intereses": -1}),
    ("estimacion_er", "Estimación preventiva para riesgos crediticios", "line", 1),
    ("margen_ajustado", "MARGEN FINANCIERO AJUSTADO POR RIESGOS CREDITICIOS", "total", {
        "margen_financiero": 1, "estimacion_er": -1,
    }),
    ("comisiones_cobradas", "Comisiones y tarifas cobradas", "line", -1),
    ("comisiones_pagadas", "Comisiones y tarifas pagadas", "line", 1),
    ("valuacion_valores", "Resultado por valuación de valores", "line", -1),
    ("compraventa_valores", "Resultado por compraventa de valores", "line", -1),
    ("ingresos_operacion", "INGRESOS (EGRESOS) TOTALES DE LA OPERACION", "total", {
        "margen_ajustado": 1, "comisiones_cobradas": 1, "comisiones_pagadas": -1,
        "valuacion_valores": 1, "compraventa_valores": 1,
    }),
    ("gastos_administracion", "Gastos de administración y promoción", "line", 1),
    ("resultado_operacion", "RESULTADO DE LA OPERACION", "total", {
        "ingresos_operacion": 1, "gastos_administracion": -1,
    }),
    ("otros_productos", "Otros productos", "line", -1),
    ("otros_gastos", "Otros gastos", "line", 1),
    ("resultado_antes_isr", "RESULTADO ANTES DE ISR Y PTU", "total", {
        "resultado_operacion": 1, "otros_productos": 1, "otros_gastos": -1,
    }),
    ("isr_ptu_causados", "ISR y PTU causados", "line", 1),
    ("resultado_continuas", "RESULTADO POR OPERACIONES CONTINUAS", "total", {
        "resultado_antes_isr": 1, "isr_ptu_causados": -1,
    }),
    ("discontinuas",
     "Operaciones discontinuas, partidas extraordinarias y cambios en políticas contables",
     "line", -1),
    ("resultado_neto_er", "RESULTADO NETO", "total",
     {"resultado_continuas": 1, "discontinuas": 1}),
]  # fmt: skip

STATEMENTS = {"balance": BALANCE_SHEET, "income": INCOME_STATEMENT}
NATURE = {
    key: nature
    for rows in STATEMENTS.values()
    for key, _caption, kind, nature in rows
    if kind == "line"
}

# Anexo XII "SEGUNDA.III.a", footer of the balance sheet.
BALANCE_FOOTER = (
    "El presente balance general, se formuló de conformidad con los Lineamientos Contables "
    "para Sociedades de Finanzas Populares, aplicados de manera consistente, encontrándose "
    "reflejadas las operaciones efectuadas por la sociedad hasta la fecha arriba mencionada, "
    "las cuales se realizaron y valuaron con apego a sanas prácticas financieras y a las "
    "disposiciones legales y administrativas aplicables.",
    "El presente balance general fue aprobado por el órgano encargado de la administración "
    "bajo la responsabilidad de los directivos que lo suscriben.",
)
# Anexo XII "SEGUNDA.III.b", footer of the income statement.
INCOME_FOOTER = (
    "El presente estado de resultados se formuló de conformidad con los Lineamientos "
    "Contables para Sociedades de Finanzas Populares, aplicados de manera consistente, "
    "encontrándose reflejados todos los ingresos y egresos derivados de las operaciones "
    "efectuadas por la sociedad durante el periodo arriba mencionado, las cuales se "
    "realizaron y valuaron con apego a sanas prácticas financieras y a las disposiciones "
    "legales y administrativas aplicables.",
    "El presente estado de resultados fue aprobado por el órgano encargado de la "
    "administración bajo la responsabilidad de los directivos que lo suscriben.",
)
# Anexo XII "SEGUNDA.III", last paragraph: when explanatory notes accompany the statement.
NOTES_FOOTER = (
    "Las notas aclaratorias que se acompañan, forman parte integrante de este estado financiero."
)
# Anexo XII-2 and XII-3, last line of both formats.
ENUNCIATIVE_FOOTER = (
    "Los conceptos que aparecen en el presente estado se muestran de manera enunciativa, "
    "mas no limitativa."
)
# Anexo XII "SEGUNDA.II": figures in pesos, stated in the heading.
FIGURES_IN_PESOS = "(Cifras en pesos)"


def spanish_date(day):
    return f"{day.day} de {MONTHS_ES[day.month - 1]} de {day.year}"


def historical_capital_note(day, amount):
    """Anexo XII-2, "Capital contable": the historical share capital at the foot."""
    thousands = (Decimal(str(amount)) / 1000).quantize(Decimal("0.001"))
    return (
        f"El saldo del capital social histórico al {spanish_date(day)} es de "
        f"{thousands:,.3f} miles de pesos"
    )


def compute(statement, amounts):
    """Rows of ``statement`` ("balance" or "income") with their figures.

    :param amounts: mapping line key → amount, positive on the line's natural side
    :return: list of ``(key, caption, kind, amount)``; headers carry ``None``
    """
    values = {}
    rows = []
    for key, caption, kind, formula in STATEMENTS[statement]:
        if kind == "header":
            rows.append((key, caption, kind, None))
            continue
        if kind == "line":
            value = Decimal(str(amounts.get(key, 0))).quantize(Decimal("0.01"))
        else:
            value = sum((values[k] * sign for k, sign in formula.items()), Decimal("0.00"))
        values[key] = value
        rows.append((key, caption, kind, value))
    return rows


def purchasing_power_line(day):
    """Anexo XII-2 and XII-3 heading: the currency's purchasing power date."""
    return f"EXPRESADOS EN MONEDA DE PODER ADQUISITIVO DE {MONTHS_ES[day.month - 1]} DE {day.year}"


def sheets(heading, current, previous):
    """Both statements as printed, for the XLSX and the PDF.

    :param heading: dict with ``name``, ``address``, ``date``, ``previous_date``,
        ``period_label``, ``previous_label``, ``purchasing_power``, ``capital_note`` and
        ``notes`` (bool)
    :param current: ``{"balance": rows, "income": rows}`` from :func:`compute`
    :param previous: same for the comparative period
    :return: list of dicts with ``name`` (sheet), ``heading`` (lines: intermediary, address,
        title, purchasing power, "(Cifras en pesos)"), ``columns`` (concept, period,
        previous period), ``rows`` (``(caption, kind, amount, previous)``, amounts ``None``
        on headers) and ``footers`` (texts at the foot, Anexo XII SEGUNDA.III)
    """
    result = []
    for name, key, title, col_now, col_before, footer in (
        ("Balance General", "balance", f"BALANCE GENERAL AL {heading['date']}",
         heading["date"], heading["previous_date"], BALANCE_FOOTER),
        ("Estado de Resultados", "income", f"ESTADO DE RESULTADOS {heading['period_label']}",
         heading["period_label"], heading["previous_label"], INCOME_FOOTER),
    ):  # fmt: skip
        rows = [
            (caption, kind, value, before)
            for (_key, caption, kind, value), (_k, _c, _kind, before) in zip(
                current[key], previous[key], strict=True
            )
        ]
        footers = [heading["capital_note"]] if key == "balance" else []
        footers += list(footer)
        if heading.get("notes"):
            footers.append(NOTES_FOOTER)
        footers.append(ENUNCIATIVE_FOOTER)
        result.append(
            {
                "name": name,
                "heading": [
                    heading["name"],
                    heading["address"],
                    title.upper(),
                    heading["purchasing_power"].upper(),
                    FIGURES_IN_PESOS,
                ],
                "columns": ["Concepto", col_now, col_before],
                "rows": rows,
                "footers": footers,
            }
        )
    return result
