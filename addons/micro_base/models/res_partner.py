import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression
from odoo.tools import sql

from ..tools import identity

#: One person or organization per document: type + number within a company (issue 9).
IDENTITY_INDEX = "res_partner_identity_unique"


#: The earliest birth date the suite accepts: a person is not older than that.
MIN_BIRTH_DATE = datetime.date(1900, 1, 1)


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "micro.input.mixin"]
    # Every program's partner fields (owner, applicant, institution…) find a person by their
    # document number too (see ``_search_display_name`` for numbers typed with dots/dashes).
    _rec_names_search = [
        "complete_name",
        "email",
        "ref",
        "vat",
        "company_registry",
        "identity_number",
    ]

    identity_type = fields.Selection(
        [(code, label) for code, (label, _country) in identity.DOCUMENT_TYPES.items()],
        string="Identity Document",
        tracking=True,
        copy=False,
    )
    identity_number = fields.Char(
        string="Identity Number",
        index="btree_not_null",
        tracking=True,
        copy=False,  # one person is one contact: a duplicated contact gets no number
        help="CURP, RFC, NIT or cédula, stored normalized (no spaces, dots or dashes).",
    )
    gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("other", "Other / Not Stated")],
        string="Sex",
        tracking=True,
    )
    birth_date = fields.Date(string="Birth Date", tracking=True)
    # ---- Personal data per program (issue 14) ----
    # A contact some program holds a record of (an owner with a case, an emergency applicant,
    # a complainant, a FONAES individual beneficiary) is a "program person": the record rule
    # of micro_base (``res_partner_rule_micro_not_person``, internal users) hides such
    # contacts, and each program's own rules on res.partner (ORed with it, Odoo's rules of
    # one user's groups add up) give them back to the roles whose rules reach that person's
    # record. Every field of the contact (document, birth date, sex, phone, e-mail, address,
    # notes) is then read and written only by them; display names of records they may read
    # stay visible (Odoo reads a many2one's name in superuser mode).
    micro_person = fields.Boolean(
        string="Program Person",
        compute="_compute_micro_person",
        store=True,
        index=True,
        compute_sudo=True,
        help="Some program holds a record of this person (case, application, complaint...): "
        "their contact is seen only by the roles of the programs that reach that record.",
    )

    def _compute_micro_person(self):
        """Each program addon extends this (``super()`` first, then sets True for the
        contacts it holds a record of, with its own ``@api.depends``)."""
        for partner in self:
            partner.micro_person = False

    # ---- Program-specific fields (issue 14) ----

    @api.model
    def _micro_program_field_groups(self):
        """{field-name prefix: comma-separated group xml ids}: the program fields of a
        contact (``pronafim_*``, ``fonaes_*``...) that only that program's roles write.
        Each program addon adds its prefix (``super()`` first)."""
        return {}

    def _micro_check_program_fields(self, vals):
        """Refuse a change of the program fields of existing contacts by users without a
        role in that program: a value that differs from the stored one (rewriting the same
        value, as Odoo's contact merge does, passes). Creating a contact is not checked:
        copies of contacts (Odoo's ``copy``, open to every contact user) carry the program
        values of the original. Superuser code (the programs' steps) is trusted."""
        if self.env.su:
            return
        user = self.env.user
        refused = []
        for prefix, groups in self._micro_program_field_groups().items():
            names = [
                name
                for name in vals
                if name.startswith(prefix)
                and name in self._fields
                and self._fields[name].type not in ("one2many", "many2many")
            ]
            if not names or any(user.has_group(group) for group in groups.split(",")):
                continue
            refused += [name for name in names if self._micro_value_changes(name, vals[name])]
        if refused:
            raise AccessError(
                self.env._(
                    "Only the roles of the program that owns them change these fields of a "
                    "contact: %s.",
                    ", ".join(
                        self._fields[name].get_description(self.env)["string"] for name in refused
                    ),
                )
            )

    def _micro_value_changes(self, name, value):
        field = self._fields[name]
        for partner in self.sudo():
            new = field.convert_to_record(field.convert_to_cache(value, partner), partner)
            if new != partner[name]:
                return True
        return False

    @api.model
    def _micro_input_field_names(self):
        """Odoo's own contact fields keep Odoo's handling; the suite's are shape-checked."""
        prefixes = tuple(self._micro_program_field_groups())
        return {"identity_type", "gender", "birth_date"} | {
            name for name in self._fields if prefixes and name.startswith(prefixes)
        }

    @api.constrains("birth_date")
    def _check_micro_birth_date(self):
        """Nobody is born in the future, nor before 1900 (issue 16)."""
        self._micro_check_not_future(["birth_date"])
        for partner in self.filtered("birth_date"):
            if partner.birth_date < MIN_BIRTH_DATE:
                partner._micro_raise(
                    "birth_date",
                    partner.birth_date,
                    self.env._("it must be %s or later", MIN_BIRTH_DATE),
                )

    @api.constrains("identity_type", "identity_number")
    def _check_identity_number(self):
        for partner in self:
            if not partner.identity_number:
                continue
            if not partner.identity_type:
                raise ValidationError(
                    self.env._(
                        "Identity Number %s: choose its document type.", partner.identity_number
                    )
                )
            try:
                identity.validate(partner.identity_type, partner.identity_number)
            except identity.IdentityError as exc:
                raise ValidationError(partner._identity_error_message(exc)) from exc

    def _check_identity_free(self, vals_list):
        """One person or organization per document (type + number within a company), checked
        before writing so that the user reads who holds it; the unique index of ``init``
        holds under concurrent registrations."""
        seen = {}
        for record, vals in vals_list:
            doc_type = vals.get("identity_type", record.identity_type)
            number = self._normalized_identity(
                doc_type, vals.get("identity_number", record.identity_number)
            )
            if not (doc_type and number):
                continue
            company = self.env["res.company"].browse(vals.get("company_id", record.company_id.id))
            key = (doc_type, number, company.id)
            if key in seen:
                raise ValidationError(
                    self.env._(
                        "%(number)s is given to two contacts at once (%(names)s): one person "
                        "is one contact.",
                        number=number,
                        names=", ".join(filter(None, [seen[key], vals.get("name") or ""])),
                    )
                )
            seen[key] = vals.get("name") or record.display_name
            holder = self._micro_find_by_identity(doc_type, number, company) - record
            if holder:
                raise ValidationError(self._identity_taken_message(holder[:1], number, doc_type))

    def _identity_taken_message(self, other, number=None, doc_type=None):
        return self.env._(
            "%(label)s %(number)s is already registered for %(other)s: one person is one "
            "contact in every program. Pick that contact instead (search it by the number), "
            "or merge the duplicates.",
            label=dict(self._fields["identity_type"]._description_selection(self.env)).get(
                doc_type or self.identity_type, doc_type or self.identity_type
            ),
            number=number or self.identity_number,
            other=other.sudo().display_name,
        )

    def init(self):
        res = super().init()
        # _check_identity_free gives the message; the index holds under concurrent creation.
        sql.create_unique_index(
            self.env.cr,
            IDENTITY_INDEX,
            self._table,
            ["identity_type", "identity_number", "COALESCE(company_id, 0)"],
        )
        return res

    def _identity_error_message(self, error):
        """Translated message of an :class:`identity.IdentityError`: field, value, rule."""
        return self.env._(
            "Identity Number of %(partner)s: %(value)s is not a valid %(label)s: %(reason)s.",
            partner=self.display_name or self.env._("new contact"),
            value=error.value,
            label=dict(self._fields["identity_type"]._description_selection(self.env)).get(
                self.identity_type, error.label
            ),
            reason=self._identity_error_reason(error),
        )

    @api.model
    def _identity_error_reason(self, error):
        """What is wrong with the number of an :class:`identity.IdentityError`, translated
        (also for the program addons' own identity fields, e.g. a roster member's CURP)."""
        reasons = {
            "unknown_type": self.env._("unknown document type"),
            "empty": self.env._("it is empty"),
            "checksum": self.env._("its check digit is wrong"),
            "length": self.env._("it has the wrong length"),
            "format": self.env._("it has the wrong format"),
            "component": self.env._("a part of it is invalid (e.g. the date or the state)"),
            "digits": self.env._(
                "it must have %(low)s to %(high)s digits and nothing else",
                low=error.params.get("low"),
                high=error.params.get("high"),
            ),
        }
        return reasons[error.reason]

    @api.model_create_multi
    def create(self, vals_list):
        self._check_identity_free([(self.browse(), vals) for vals in vals_list])
        for vals in vals_list:
            if vals.get("identity_number"):
                vals["identity_number"] = self._normalized_identity(
                    vals.get("identity_type"), vals["identity_number"]
                )
        return super().create(vals_list)

    def write(self, vals):
        self._micro_check_program_fields(vals)
        if {"identity_type", "identity_number", "company_id"} & set(vals):
            self._check_identity_free([(partner, vals) for partner in self])
        if "identity_number" in vals:
            doc_type = vals.get("identity_type") or (self[:1].identity_type if self else False)
            number = self._normalized_identity(doc_type, vals["identity_number"])
            vals = dict(vals, identity_number=number)
        return super().write(vals)

    @api.onchange("identity_type", "identity_number", "company_id")
    def _onchange_identity_number(self):
        number = self._normalized_identity(self.identity_type, self.identity_number)
        if not number or not self.identity_type:
            return None
        other = self._micro_find_by_identity(self.identity_type, number, self.company_id)
        other -= self._origin
        if other:
            return {
                "warning": {
                    "title": self.env._("Already registered"),
                    "message": self._identity_taken_message(other[:1], number),
                }
            }
        return None

    @api.model
    def _micro_find_by_identity(self, doc_type, number, company=None):
        """The contact holding document ``doc_type`` ``number`` (normalized here), seen by
        every program whatever the user's record rules (archived ones included).

        ``company``: the contacts of that company and the shared ones (no company); without
        it, every company's (a shared contact is seen from all of them).
        """
        number = self._normalized_identity(doc_type, number)
        if not (doc_type and number):
            return self.browse()
        domain = [("identity_type", "=", doc_type), ("identity_number", "=", number)]
        if company:
            domain.append(("company_id", "in", [company.id, False]))
        partners = self.sudo().with_context(active_test=False).search(domain, order="id")
        return partners.with_env(self.env)

    @api.model
    def _micro_partner_for_identity(self, doc_type, number, values=None):
        """Registrations and imports of every program: the contact of that document if
        there is one (its empty fields completed from ``values``), else a new one."""
        values = dict(values or {})
        company = self.env["res.company"].browse(values.get("company_id")) or self.env.company
        partner = self._micro_find_by_identity(doc_type, number, company)[:1]
        if not partner:
            values.update(identity_type=doc_type, identity_number=number)
            return self.create(values)
        missing = {
            name: value
            for name, value in values.items()
            if name in partner._fields and value and not partner.sudo()[name]
        }
        if missing:
            partner.sudo().write(missing)
        return partner

    @api.model
    def load(self, fields, data):
        """Importing contacts (any program's file of people or organizations): a row whose
        document type and number belong to an existing contact updates that contact instead
        of creating a second one (unless the file says which record it is, with an id)."""
        if (
            "identity_number" in fields
            and "identity_type" in fields
            and not {"id", ".id"} & set(fields)
        ):
            i_type, i_number = fields.index("identity_type"), fields.index("identity_number")
            codes = {code: code for code in identity.DOCUMENT_TYPES}
            codes.update(
                (label.casefold(), code)
                for code, label in self._fields["identity_type"]._description_selection(self.env)
            )
            codes.update(
                (label.casefold(), code) for code, (label, _c) in identity.DOCUMENT_TYPES.items()
            )
            ids = []
            for row in data:
                doc_type = codes.get(str(row[i_type] or "").strip().casefold())
                found = doc_type and self._micro_find_by_identity(
                    doc_type, row[i_number], self.env.company
                )
                ids.append(str(found[:1].id) if found else "")
            if any(ids):
                fields = [".id", *fields]
                data = [[db_id, *row] for db_id, row in zip(ids, data, strict=True)]
        return super().load(fields, data)

    def _search_display_name(self, operator, value):
        domain = super()._search_display_name(operator, value)
        if (
            operator in ("ilike", "=ilike", "=")
            and isinstance(value, str)
            and any(char.isdigit() for char in value)
        ):
            # "1.020.304.050" or "goma-800101..." finds the number stored normalized.
            compacted = identity.compact(None, value)
            if compacted and compacted != value:
                domain = expression.OR([domain, [("identity_number", operator, compacted)]])
        return domain

    @api.model
    def _normalized_identity(self, doc_type, number):
        if not number or doc_type not in identity.DOCUMENT_TYPES:
            return number
        return identity.compact(doc_type, number)
