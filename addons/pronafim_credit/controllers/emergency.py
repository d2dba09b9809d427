import base64

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.pronafim_emergency_credit import DOCUMENTS
from ..tools import emergency


class EmergencyPortal(CustomerPortal):
    """Online intake of the FONDESO emergency micro-credit (seed 000, §2).

    Applicants register with the standard portal sign-up (``auth_signup``, a portal user),
    then apply here. Portal users have no access right on the credit models: every read
    and write goes through ``sudo()`` restricted to ``user_id = request.env.user``, so an
    applicant sees their own applications and nothing else.
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "pronafim_emergency_count" in counters:
            values["pronafim_emergency_count"] = self._emergency_own().search_count(
                [("user_id", "=", request.env.user.id)]
            )
        return values

    @staticmethod
    def _emergency_own():
        return request.env["pronafim.emergency.credit"].sudo()

    @http.route("/my/emergency", type="http", auth="user", website=True)
    def portal_emergency_credits(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "credits": self._emergency_own().search([("user_id", "=", request.env.user.id)]),
                "page_name": "pronafim_emergency",
            }
        )
        return request.render("pronafim_credit.portal_my_emergency_credits", values)

    @http.route("/my/emergency/<int:credit_id>", type="http", auth="user", website=True)
    def portal_emergency_credit(self, credit_id, **kw):
        credit = self._emergency_own().browse(credit_id).exists()
        if not credit or credit.user_id != request.env.user:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"credit": credit, "page_name": "pronafim_emergency"})
        return request.render("pronafim_credit.portal_emergency_credit", values)

    @http.route(
        "/my/emergency/apply", type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def portal_emergency_apply(self, **post):
        """Application form: eligibility, documents and electronic acceptance in one step.

        A refusal (not eligible, a document missing, the legal documents not accepted)
        shows the reasons and stores nothing.
        """
        program = request.env["pronafim.emergency.program"].sudo().search([], limit=1)
        errors = []
        if request.httprequest.method == "POST" and program:
            errors = self._emergency_submit(program, post)
            if not errors:
                credit = self._emergency_own().search(
                    [("user_id", "=", request.env.user.id), ("program_id", "=", program.id)],
                    limit=1,
                )
                return request.redirect(f"/my/emergency/{credit.id}")
        values = self._prepare_portal_layout_values()
        existing = program and self._emergency_own().search(
            [("user_id", "=", request.env.user.id), ("program_id", "=", program.id)], limit=1
        )
        values.update(
            {
                "program": program,
                "existing": existing,
                "max_document_mb": emergency.MAX_DOCUMENT_MB,
                "states": request.env["res.country.state"]
                .sudo()
                .search([("country_id.code", "=", "MX")]),
                "errors": errors,
                "post": post,
                "page_name": "pronafim_emergency",
            }
        )
        return request.render("pronafim_credit.portal_emergency_apply", values)

    def _emergency_submit(self, program, post):
        """Create, accept and submit the application; the list of error messages if refused."""
        Credit = self._emergency_own()
        state = request.env["res.country.state"].sudo().browse(int(post.get("state_id") or 0))
        errors = Credit._eligibility_messages(
            post.get("curp"),
            state.exists(),
            post.get("business_name"),
            request.env["pronafim.emergency.credit"]._today(),
            program=program,
        )
        if not post.get("accept_legal"):
            errors.append(request.env._("Accept the legal documents before submitting."))
        if errors:
            return errors
        files = request.httprequest.files
        vals = {
            "program_id": program.id,
            "partner_id": request.env.user.partner_id.id,
            "user_id": request.env.user.id,
            "curp": post.get("curp"),
            "state_id": state.id,
            "business_name": post.get("business_name"),
            "business_activity": post.get("business_activity"),
            "clabe": (post.get("clabe") or "").strip() or False,
        }
        for name in DOCUMENTS:
            upload = files.get(name)
            content = upload.read() if upload else b""
            if content:
                vals[name] = base64.b64encode(content)
                vals[f"{name}_name"] = upload.filename
        try:
            with request.env.cr.savepoint():
                credit = Credit.create(vals)
                credit._accept_legal_documents(request.httprequest.remote_addr)
                credit.action_submit()
        except (UserError, ValidationError) as exc:
            return [str(exc.args[0])]
        return []
