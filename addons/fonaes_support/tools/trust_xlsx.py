"""Columns of a trust's quarterly report as Reglas de Operación FONAES 2005 print them:
Anexo X (beneficiaries) and Anexo XIII (trust register). The workbook's layout is the
report ``report.fonaes_support.trust_report_xlsx`` (``report/fonaes_trust_report_xlsx.py``)."""

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
