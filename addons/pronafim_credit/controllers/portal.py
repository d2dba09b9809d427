import base64

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.pronafim_application import APPLICATION_TYPES

PORTAL_GROUP = "pronafim_credit.pronafim_credit_group_imf_portal"


class PronafimPortal(CustomerPortal):
    """IMF staff: their institution's applications and credit lines, nothing else.

    Every read goes through the portal user's environment, so the record rules of
    ``pronafim_credit_group_imf_portal`` (own commercial partner) apply.
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not request.env.user.has_group(PORTAL_GROUP):
            return values
        if "pronafim_application_count" in counters:
            values["pronafim_application_count"] = request.env[
                "pronafim.application"
            ].search_count([])
        if "pronafim_report_count" in counters:
            values["pronafim_report_count"] = request.env["pronafim.borrower.report"].search_count(
                []
            )
        if "pronafim_line_count" in counters:
            values["pronafim_line_count"] = request.env["pronafim.credit.line"].search_count([])
        return values

    def _pronafim_record(self, model, record_id):
        if not request.env.user.has_group(PORTAL_GROUP):
            raise AccessError(request.env._("Not an IMF portal user."))
        record = request.env[model].browse(record_id).exists()
        if not record:
            raise MissingError(request.env._("This record does not exist."))
        record.check_access("read")
        return record

    @http.route("/my/pronafim/applications", type="http", auth="user", website=True, readonly=True)
    def portal_pronafim_applications(self, **kw):
        if not request.env.user.has_group(PORTAL_GROUP):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "applications": request.env["pronafim.application"].search([]),
                "page_name": "pronafim_applications",
            }
        )
        return request.render("pronafim_credit.portal_my_pronafim_applications", values)

    @http.route(
        "/my/pronafim/applications/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_pronafim_application_new(self, **post):
        """Online capture of an application by the IMF (§IV.2.A), then the single window."""
        if not request.env.user.has_group(PORTAL_GROUP):
            return request.redirect("/my")
        error = False
        if request.httprequest.method == "POST":
            try:
                amount = float(post.get("amount_requested") or 0.0)
                app = request.env["pronafim.application"].create(
                    {
                        "partner_id": request.env.user.commercial_partner_id.id,
                        "application_type": post.get("application_type"),
                        "amount_requested": amount,
                        "user_id": False,
                    }
                )
                return request.redirect(f"/my/pronafim/applications/{app.id}")
            except (UserError, ValueError) as exc:
                error = str(exc)
        values = self._prepare_portal_layout_values()
        values.update(
            {"types": APPLICATION_TYPES, "error": error, "page_name": "pronafim_applications"}
        )
        return request.render("pronafim_credit.portal_pronafim_application_new", values)

    @http.route(
        "/my/pronafim/applications/<int:app_id>",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_pronafim_application(self, app_id, **kw):
        try:
            app = self._pronafim_record("pronafim.application", app_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"application": app, "page_name": "pronafim_applications"})
        return request.render("pronafim_credit.portal_pronafim_application", values)

    @http.route("/my/pronafim/lines", type="http", auth="user", website=True, readonly=True)
    def portal_pronafim_lines(self, **kw):
        if not request.env.user.has_group(PORTAL_GROUP):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "lines": request.env["pronafim.credit.line"].search([]),
                "page_name": "pronafim_lines",
            }
        )
        return request.render("pronafim_credit.portal_my_pronafim_lines", values)

    @http.route(
        "/my/pronafim/lines/<int:line_id>", type="http", auth="user", website=True, readonly=True
    )
    def portal_pronafim_line(self, line_id, **kw):
        try:
            line = self._pronafim_record("pronafim.credit.line", line_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"line": line, "page_name": "pronafim_lines"})
        return request.render("pronafim_credit.portal_pronafim_line", values)

    @http.route(
        "/my/pronafim/reports", type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def portal_pronafim_reports(self, **post):
        """Monthly micro-borrower reports (Anexo 3): list, and upload one (CSV or XLSX)."""
        if not request.env.user.has_group(PORTAL_GROUP):
            return request.redirect("/my")
        error = False
        if request.httprequest.method == "POST":
            upload = request.httprequest.files.get("file")
            try:
                # A refused file (unreadable, wrong month) leaves nothing behind; a file
                # with bad rows is kept, rejected, with its lines and reasons.
                with request.env.cr.savepoint():
                    report = request.env["pronafim.borrower.report"].create(
                        {
                            "partner_id": request.env.user.commercial_partner_id.id,
                            "month": fields.Date.to_date(post.get("month") + "-01"),
                            "file": base64.b64encode(upload.read()) if upload else False,
                            "filename": upload.filename if upload else False,
                        }
                    )
                    report.action_import()
                return request.redirect(f"/my/pronafim/reports/{report.id}")
            except UserError as exc:
                error = str(exc)
            except (ValueError, TypeError):
                error = request.env._(
                    "Give the month (YYYY-MM) and the report file (CSV or XLSX)."
                )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "reports": request.env["pronafim.borrower.report"].search([]),
                "error": error,
                "page_name": "pronafim_reports",
            }
        )
        return request.render("pronafim_credit.portal_my_pronafim_reports", values)

    @http.route(
        "/my/pronafim/reports/<int:report_id>",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_pronafim_report(self, report_id, **kw):
        try:
            report = self._pronafim_record("pronafim.borrower.report", report_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"report": report, "page_name": "pronafim_reports"})
        return request.render("pronafim_credit.portal_pronafim_report", values)
