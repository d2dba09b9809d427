from odoo import api, models

#: Width (characters) of a label column and of a figure column.
LABEL_WIDTH = 32
FIGURE_WIDTH = 14


class MicroXlsxAbstract(models.AbstractModel):
    """The suite's one XLSX layer, on OCA ``report_xlsx``: every workbook of the suite is
    the rendering of an ``ir.actions.report`` of type ``xlsx`` whose model (named
    ``report.<report_name>``) inherits this one and writes its layout in
    :meth:`generate_xlsx_report`.

    The formats the programs share live here once: headers, money with the currency
    symbol, whole numbers, percentages as true ``%`` number formats (the cell holds the
    fraction, 0.25 for 25 %), dates, wrapped notes, and column widths."""

    _name = "report.micro_base.xlsx_abstract"
    _inherit = "report.report_xlsx.abstract"
    _description = "Suite XLSX Report"

    @api.model
    def _styles(self, workbook, currency=None):
        """The shared formats of ``workbook`` (added once per workbook), by name:
        ``bold``, ``title``, ``header``, ``integer``, ``integer_total``, ``percent``,
        ``percent_total``, ``money``, ``money_total``, ``date``, ``wrap``.

        :param currency: ``res.currency`` of the money cells (the company's by default)
        """
        cache = getattr(workbook, "_micro_styles", None)
        if cache is not None:
            return cache
        currency = currency or self.env.company.currency_id
        money = self._report_xlsx_currency_format(currency)
        total = {"bold": True, "top": 1}
        specs = {
            "bold": {"bold": True},
            "title": {"bold": True, "font_size": 12},
            "centered_title": {"bold": True, "align": "center"},
            "header": {"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"},
            "integer": {"num_format": "#,##0"},
            "integer_total": {"num_format": "#,##0", **total},
            "percent": {"num_format": "0%"},
            "percent_total": {"num_format": "0%", **total},
            "money": {"num_format": money},
            "money_total": {"num_format": money, **total},
            "date": {"num_format": "dd/mm/yyyy"},
            "wrap": {"text_wrap": True, "valign": "top"},
        }
        styles = {name: workbook.add_format(spec) for name, spec in specs.items()}
        workbook._micro_styles = styles
        return styles

    @api.model
    def _percent(self, whole_percent):
        """A figure computed as a whole percentage (25 for 25 %) as the fraction a ``%``
        cell holds (0.25)."""
        return (whole_percent or 0) / 100

    @api.model
    def _sheet(self, workbook, name, title, header, widths=None):
        """A worksheet ``name`` with ``title`` in A1 and ``header`` on row 3, the first
        column as wide as a label and the others as a figure (or ``widths``, one per
        column). Data rows start at row index 3."""
        styles = self._styles(workbook)
        sheet = workbook.add_worksheet(name)
        if title:
            sheet.write(0, 0, title, styles["title"])
        if header:
            sheet.write_row(2, 0, header, styles["header"])
        self._widths(sheet, widths or [LABEL_WIDTH] + [FIGURE_WIDTH] * max(len(header) - 1, 0))
        return sheet

    @api.model
    def _widths(self, sheet, widths):
        """Set the width of the columns of ``sheet``, one value per column from A."""
        for column, width in enumerate(widths):
            sheet.set_column(column, column, width)
