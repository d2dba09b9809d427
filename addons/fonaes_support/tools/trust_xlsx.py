"""XLSX of a trust's quarterly report: Anexo X (beneficiaries) and Anexo XIII (trust
register). Pure: takes plain rows, returns the file's bytes."""

import io

import xlsxwriter

# Anexo X, "Información requerida para la elaboración del listado de beneficiarios".
ANEXO_X_HEADERS = [
    "1.1 Clave o número de credencial (Identificación oficial, CURP o RFC)",
    "1.2 Apellido paterno",
    "1.3 Apellido materno",
    "1.4 Nombre",
    "1.5 Sexo",
    "1.6 Fecha de nacimiento",
    "1.10 Delegación o municipio",
    "1.11 Estado",
    "2.1 Clave del beneficiario",
    "Monto del apoyo",
    "Proyecto",
]
# Anexo XIII, "Padrón de los Fondos y Fideicomisos".
ANEXO_XIII_FIELDS = [
    "Nombre o denominación del Fondo o Fideicomiso",
    "Nombre del Fideicomitente",
    "Nombre del Fiduciario",
    "Nombre de los Fideicomisarios",
    "Calle y número",
    "Delegación o municipio / Ciudad",
    "Código Postal",
    "Registro Federal de Contribuyentes",
    "Fecha de constitución",
    "Nombre del representante legal",
    "Subcuenta específica",
]


def trust_report_xlsx(title, beneficiaries, register, legend=""):
    """Workbook bytes with sheets "Anexo X" and "Anexo XIII".

    :param str title: heading of both sheets (trust, year, quarter)
    :param beneficiaries: rows, each a list in the order of :data:`ANEXO_X_HEADERS`
    :param register: values in the order of :data:`ANEXO_XIII_FIELDS`
    :param str legend: text printed below the data of both sheets (the program's
        public-use legend, §4.5.2, goes on every official document)
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    money = book.add_format({"num_format": "#,##0.00"})
    sheet = book.add_worksheet("Anexo X")
    sheet.write(0, 0, title, bold)
    for col, header in enumerate(ANEXO_X_HEADERS):
        sheet.write(2, col, header, bold)
    row = 2
    for row, values in enumerate(beneficiaries, start=3):
        for col, value in enumerate(values):
            if isinstance(value, float):
                sheet.write_number(row, col, value, money)
            else:
                sheet.write(row, col, value if value not in (None, False) else "")
    if legend:
        sheet.write(row + 2, 0, legend)
    register_sheet = book.add_worksheet("Anexo XIII")
    register_sheet.write(0, 0, title, bold)
    for row, (label, value) in enumerate(zip(ANEXO_XIII_FIELDS, register, strict=True), start=2):
        register_sheet.write(row, 0, label, bold)
        register_sheet.write(row, 1, value if value not in (None, False) else "")
    if legend:
        register_sheet.write(len(ANEXO_XIII_FIELDS) + 3, 0, legend)
    book.close()
    return buffer.getvalue()
