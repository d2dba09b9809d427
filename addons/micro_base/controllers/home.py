from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.home import Home


class MicroHome(Home):
    """The portal in the language of whoever logs in.

    Odoo's portal pages read the ``frontend_lang`` cookie before the user's language; the
    login page's own visit leaves the visitor's (the browser's, or the default), so a
    Spanish user of an English browser met the portal in English after logging in.
    Logging in sets the cookie to the user's language (they can still switch it)."""

    @http.route()
    def web_login(self, redirect=None, **kw):
        response = super().web_login(redirect=redirect, **kw)
        if request.params.get("login_success") and request.session.uid:
            lang = request.env["res.users"].sudo().browse(request.session.uid).lang
            if lang and hasattr(response, "set_cookie"):
                response.set_cookie("frontend_lang", lang)
        return response
