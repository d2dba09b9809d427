import base64
from urllib.parse import urlencode

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.pronafim_emergency_credit import DOCUMENTS
from ..tools import emergency

#: Where the public page sends a visitor after signing up or logging in: the form.
APPLY_URL = "/my/emergency/apply"
#: Session key of the documents a refused form already received (kept for the next try).
UPLOADS_KEY = "pronafim_emergency_uploads"
#: The program's language, for a visitor who chose none (no ``frontend_lang`` cookie).
PROGRAM_LANG = "es_MX"


class EmergencyPortal(CustomerPortal):
    """Online intake of the FONDESO emergency micro-credit (FONDESO, Atención por medios
    digitales, §2).

    ``/credito-emergencia`` is public: it says who qualifies and what to bring, and leads
    a visitor through the standard portal sign-up (``auth_signup``, a portal user) or the
    log-in back to the form. Portal users have no access right on the credit models: every
    read and write goes through ``sudo()`` restricted to ``user_id = request.env.user``, so
    an applicant sees their own applications and nothing else.
    """

    @http.route("/credito-emergencia", type="http", auth="public", website=True, sitemap=True)
    def emergency_public_page(self, **kw):
        """Who qualifies, what to bring, and the way in (sign up / log in, back to the form).

        A visitor who chose no language reads it in the program's (Mexican Spanish); the
        language then sticks (cookie) through the sign-up and the form.
        """
        lang = request.env["res.lang"]._get_data(code=PROGRAM_LANG)
        if (
            request.env.user._is_public()
            and not request.cookies.get("frontend_lang")
            and lang
            and request.lang.code != PROGRAM_LANG
        ):
            return request.redirect(f"/{lang.url_code}/credito-emergencia")
        program = self._emergency_program()
        signup_enabled = request.env["res.users"].sudo()._get_signup_invitation_scope() == "b2c"
        query = urlencode({"redirect": APPLY_URL})
        values = {
            "program": program,
            "is_public": request.env.user._is_public(),
            "signup_enabled": signup_enabled,
            "signup_url": f"/web/signup?{query}",
            "login_url": f"/web/login?{query}",
            "apply_url": APPLY_URL,
            "max_document_mb": emergency.MAX_DOCUMENT_MB,
            "min_age": emergency.MIN_AGE,
            "eligible_states": request.env["pronafim.emergency.credit"]._eligible_states(),
        }
        return request.render("pronafim_credit.emergency_public_page", values)

    @staticmethod
    def _emergency_program():
        return request.env["pronafim.emergency.program"].sudo().search([], limit=1)

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
                "tz": emergency.PROGRAM_TZ,
            }
        )
        return request.render("pronafim_credit.portal_my_emergency_credits", values)

    @http.route("/my/emergency/<int:credit_id>", type="http", auth="user", website=True)
    def portal_emergency_credit(self, credit_id, **kw):
        credit = self._emergency_own().browse(credit_id).exists()
        if not credit or credit.user_id != request.env.user:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {"credit": credit, "page_name": "pronafim_emergency", "tz": emergency.PROGRAM_TZ}
        )
        return request.render("pronafim_credit.portal_emergency_credit", values)

    @http.route(APPLY_URL, type="http", auth="public", website=True, methods=["GET", "POST"])
    def portal_emergency_apply(self, **post):
        """Application form: eligibility, documents and electronic acceptance in one step.

        A visitor not logged in is sent to the public page (what the program is, sign up or
        log in). A refusal (not eligible, a document missing, the legal documents not
        accepted) shows the reasons and stores no application; what was typed and ticked
        comes back in the form, and the documents already received are kept for the next
        try (:meth:`_emergency_stash_uploads`).
        """
        if request.env.user._is_public():
            return request.redirect("/credito-emergencia")
        program = self._emergency_program()
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
        states = request.env["pronafim.emergency.credit"]._eligible_states()
        values.update(
            {
                "program": program,
                "existing": existing,
                "max_document_mb": emergency.MAX_DOCUMENT_MB,
                "states": states,
                "errors": errors,
                "post": post,
                "kept_uploads": {
                    name: attachment.name
                    for name, attachment in self._emergency_kept_uploads().items()
                },
                "page_name": "pronafim_emergency",
            }
        )
        return request.render("pronafim_credit.portal_emergency_apply", values)

    # ---- Documents kept across a refused form ----

    def _emergency_kept_uploads(self):
        """``{document: ir.attachment}`` received by a refused form of this user (browsers
        cannot fill a file input again: the server keeps the file instead)."""
        kept = request.session.get(UPLOADS_KEY) or {}
        Attachment = request.env["ir.attachment"].sudo()
        result = {}
        for name, attachment_id in kept.items():
            attachment = Attachment.browse(attachment_id).exists()
            if (
                name in DOCUMENTS
                and attachment
                and attachment.res_model == "pronafim.emergency.credit"
                and not attachment.res_id
                and attachment.create_uid == request.env.user
            ):
                result[name] = attachment
        return result

    def _emergency_stash_uploads(self):
        """Read the uploaded documents; keep the valid ones for a next try.

        :return: ``({document: (filename, content)}, [error messages])`` — a new upload
            replaces a kept one; a refused file is not kept (the form asks for it again).
        """
        Credit = request.env["pronafim.emergency.credit"]
        kept = self._emergency_kept_uploads()
        documents = {name: (attachment.name, attachment.raw) for name, attachment in kept.items()}
        errors = []
        files = request.httprequest.files
        Attachment = request.env["ir.attachment"].sudo()
        for name in DOCUMENTS:
            upload = files.get(name)
            content = upload.read() if upload else b""
            if not content:
                continue
            if kept.get(name):
                kept.pop(name).unlink()
                documents.pop(name)
            message = Credit._document_error(name, content)
            if message:
                errors.append(message)
                continue
            kept[name] = Attachment.create(
                {
                    "name": upload.filename or name,
                    "raw": content,
                    "res_model": "pronafim.emergency.credit",
                    "res_id": 0,
                }
            )
            documents[name] = (upload.filename, content)
        request.session[UPLOADS_KEY] = {name: att.id for name, att in kept.items()}
        return documents, errors

    def _emergency_clear_uploads(self):
        """The application holds the documents now: drop the kept copies."""
        for attachment in self._emergency_kept_uploads().values():
            attachment.unlink()
        request.session.pop(UPLOADS_KEY, None)

    def _emergency_submit(self, program, post):
        """Create, accept and submit the application; the list of error messages if refused."""
        Credit = self._emergency_own()
        state = request.env["res.country.state"].sudo().browse(int(post.get("state_id") or 0))
        documents, errors = self._emergency_stash_uploads()
        errors += Credit._eligibility_messages(
            post.get("curp"),
            state.exists(),
            post.get("business_name"),
            request.env["pronafim.emergency.credit"]._today(),
            program=program,
        )
        if not post.get("accept_legal"):
            errors.append(Credit._legal_acceptance_message())
        if errors:
            return errors
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
        for name, (filename, content) in documents.items():
            vals[name] = base64.b64encode(content)
            vals[f"{name}_name"] = filename
        try:
            with request.env.cr.savepoint():
                credit = Credit.create(vals)
                credit._accept_legal_documents(request.httprequest.remote_addr)
                credit.action_submit()
        except (UserError, ValidationError) as exc:
            return [str(exc.args[0])]
        self._emergency_clear_uploads()
        return []
