from odoo import http
from odoo.http import content_disposition, request


class MdResearchExportController(http.Controller):
    @http.route(
        "/md_micronegocios/research_export/<int:wizard_id>/csv",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def research_csv_zip(self, wizard_id):
        """The research dataset of the wizard's cycle as a ZIP of CSV files, downloaded in
        the click on the wizard's *Export* (``md.research.export.wizard.action_export``);
        the XLSX goes through its report action. Only analysts get the data
        (``md.research.export._check_export_access``)."""
        wizard = request.env["md.research.export.wizard"].browse(wizard_id)
        wizard.check_access("read")
        cycle = wizard.cycle_id
        content = request.env["md.research.export"]._csv_zip(cycle)
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/zip"),
                ("Content-Disposition", content_disposition(f"md_research_{cycle.name}.zip")),
            ],
        )
