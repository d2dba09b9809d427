from odoo import models


class PronafimBorrowerReport(models.Model):
    """The report's file is checked by the report itself when it is sent (one line:
    "The file is not a readable CSV or XLSX: ..."), not by micro_base's generic check of
    a file field's value."""

    _inherit = "pronafim.borrower.report"
    _input_unchecked = ("file",)
