from odoo import models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from odoo.addons.micro_base.tools.amounts import format_money

from ..tools import credit_line, rules


class PronafimCreditLineDisposalRules(models.AbstractModel):
    """What a credit line may disburse: its availability (revolving lines re-draw repaid
    principal during their term, §VIII.1.A; tools/credit_line.py) and the checks a
    disposal passes before it is recorded (window, term, availability, concentration).
    Part of ``pronafim.credit.line`` (``_inherit``)."""

    _name = "pronafim.credit.line.disposal.rules"
    _description = "Credit line: disposal rules"

    def _availability_figures(self, date=None):
        """(disposed, principal repaid, available on ``date``) read from the database.

        Available: see ``tools/credit_line.py`` (§VIII.1.A: the disposal window limits the
        first draws; a revolving line re-draws its repaid principal during its term).
        """
        return self._availability(date)[:3]

    def _availability(self, date=None):
        """(disposed, repaid, available, ``credit_line.Availability``) on ``date`` (today)."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT date, amount FROM pronafim_credit_disposal WHERE line_id = %s", [self.id]
        )
        disposals = self.env.cr.fetchall()
        self.env.cr.execute(
            """
            SELECT COALESCE(SUM(i.principal_paid), 0)
              FROM pronafim_credit_installment i
              JOIN pronafim_credit_disposal d ON d.id = i.disposal_id
             WHERE d.line_id = %s
            """,
            [self.id],
        )
        repaid = self.env.cr.fetchone()[0]
        disposed = sum(float(amount) for _day, amount in disposals)
        figures = credit_line.availability(
            self.amount,
            disposals,
            repaid,
            date or self._today(),
            date_formalized=self.date_formalized,
            window_months=self.credit_type_id.disposal_window_months,
            term_months=self.term_months,
            revolving=self.credit_type_id.revolving,
        )
        if self.state == "formalized" and figures.phase in (
            credit_line.WINDOW,
            credit_line.REVOLVING,
        ):
            available = float(figures.amount)
        else:
            # Not disposable on that date (draft, closed, outside the window or the term):
            # what the line has not used of its authorized amount, as before.
            available = self.amount - float(figures.outstanding)
        return disposed, float(repaid), available, figures

    def _check_disposal(self, date, amount):
        """Refuse a disposal outside the window / term or over the availability (§VIII.1.A:
        the window limits first draws; a revolving line re-draws repaid principal)."""
        self.ensure_one()
        if self.state != "formalized":
            raise UserError(
                self.env._("Line %s is not formalized: no disposal is possible.", self.name)
            )
        if float_compare(amount, 0.0, 2) <= 0:
            raise UserError(self.env._("The disposal amount must be positive."))
        figures = self._availability(date)[3]
        ctype = self.credit_type_id
        if figures.phase == credit_line.CLOSED and ctype.revolving:
            raise UserError(
                self.env._(
                    "Disposal date %(date)s is after the end of the term of revolving line "
                    "%(line)s on %(end)s: it re-draws repaid principal only during the "
                    "contract's term (%(rules)s).",
                    date=date,
                    line=self.name,
                    end=figures.term_end,
                    rules=rules.cite(ctype.section),
                )
            )
        if figures.phase in (credit_line.BEFORE, credit_line.CLOSED):
            raise UserError(
                self.env._(
                    "Disposal date %(date)s is outside the disposal window of line %(line)s: "
                    "%(start)s to %(end)s (%(months)s months, %(section)s).",
                    date=date,
                    line=self.name,
                    start=self.date_formalized,
                    end=figures.window_end or "-",
                    months=ctype.disposal_window_months,
                    section=ctype.section,
                )
            )
        available = float(figures.amount)
        if float_compare(amount, available, 2) <= 0:
            return
        if figures.phase == credit_line.REVOLVING:
            raise UserError(
                self.env._(
                    "Disposal of %(amount)s on %(date)s exceeds the availability of revolving "
                    "line %(line)s: %(available)s. After its disposal window (to %(end)s) the "
                    "line re-draws only principal repaid: %(drawn)s disposed within the "
                    "window less %(outstanding)s outstanding (%(rules)s).",
                    amount=format_money(self.env, amount, self.currency_id),
                    date=date,
                    line=self.name,
                    available=format_money(self.env, max(available, 0.0), self.currency_id),
                    end=figures.window_end,
                    drawn=format_money(self.env, float(figures.ceiling), self.currency_id),
                    outstanding=format_money(
                        self.env, float(figures.outstanding), self.currency_id
                    ),
                    rules=rules.cite(ctype.section),
                )
            )
        raise UserError(
            self.env._(
                "Disposal of %(amount)s exceeds the availability of line %(line)s: "
                "%(available)s of %(authorized)s.",
                amount=format_money(self.env, amount, self.currency_id),
                line=self.name,
                available=format_money(self.env, available, self.currency_id),
                authorized=format_money(self.env, self.amount, self.currency_id),
            )
        )

    def _current_risk(self):
        """Accumulated current risk of the institution over its formalized lines.

        Decision (the rules do not define it further): the authorized amount of every
        formalized line, less the principal already repaid.
        """
        self.ensure_one()
        lines = self.sudo().search(
            [
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("state", "=", "formalized"),
            ]
        )
        return sum(line.amount - line._availability_figures()[1] for line in lines)

    def _check_concentration(self, date):
        """§IX.3.b: refuse when risk would exceed 10 % of the trust's net worth or the
        institution has overdue debts."""
        self.ensure_one()
        net_worth = self.env["pronafim.trust.net.worth"].sudo()._last_known(date)
        if not net_worth:
            raise UserError(
                self.env._("Record the trust's net worth (§IX.3.b) before formalizing.")
            )
        limit = net_worth.amount * rules.CONCENTRATION_LIMIT_PCT / 100
        risk = self._current_risk() + self.amount
        if float_compare(risk, limit, 2) > 0:
            raise UserError(
                self.env._(
                    "Formalization refused (§IX.3.b): %(partner)s would have accumulated "
                    "current risks of %(risk)s, above %(pct)s %% of the trust's net worth of "
                    "%(worth)s at %(month)s (limit %(limit)s).",
                    partner=self.commercial_partner_id.name,
                    risk=format_money(self.env, risk, self.currency_id),
                    pct=rules.CONCENTRATION_LIMIT_PCT,
                    worth=format_money(self.env, net_worth.amount, self.currency_id),
                    month=net_worth.month.strftime("%m/%Y"),
                    limit=format_money(self.env, limit, self.currency_id),
                )
            )
        overdue = (
            self.env["pronafim.credit.installment"]
            .sudo()
            ._overdue_for(self.commercial_partner_id, date)
        )
        if overdue:
            raise UserError(
                self.env._(
                    "Formalization refused (§IX.3.b): %(partner)s has overdue debts of "
                    "%(amount)s in %(count)s installments.",
                    partner=self.commercial_partner_id.name,
                    amount=format_money(
                        self.env, sum(i.amount_due for i in overdue), self.currency_id
                    ),
                    count=len(overdue),
                )
            )
