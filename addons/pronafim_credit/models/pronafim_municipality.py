import hashlib
import re

from odoo import api, fields, models

from ..tools import rules
from ..tools.rules import cite

# Module of the external ids given to imported rows: the INEGI code of a municipality
# becomes ``__import__.pronafim_municipality_<code>``, so the same catalog imported twice
# updates the municipalities instead of adding them again.
IMPORT_MODULE = "__import__"
IMPORT_NAME = "pronafim_municipality_%s"


class PronafimMunicipality(models.Model):
    """Municipality catalog (importable): population and zones (§II definitions).

    Imported by the program manager through Odoo's import dialog: a population below 0 is
    refused on its row (§II counts inhabitants), so nothing of the file is stored.
    """

    _name = "pronafim.municipality"
    _inherit = ["micro.input.mixin"]
    _description = "Municipality"
    _order = "state_id, name"
    _input_ranges = {"population": (0, None, False, cite("§II"))}

    code = fields.Char(string="INEGI Code", required=True, index=True)
    name = fields.Char(required=True)
    state_id = fields.Many2one("res.country.state", string="State")
    population = fields.Integer()
    rural = fields.Boolean(compute="_compute_rural", store=True, help="§II: at most 50,000.")
    priority_zone = fields.Boolean(string="Priority Zone")
    special_attention_zone = fields.Boolean(string="Special-attention Zone")

    _sql_constraints = [
        ("code_unique", "unique(code)", "The municipality code must be unique."),
        ("population_positive", "CHECK(population >= 0)", "A population cannot be negative."),
    ]

    @api.constrains("population")
    def _check_population(self):
        self._micro_check_input_ranges()

    @api.model
    def load(self, fields_list, data):
        """Import of the catalog: rows are matched on their INEGI code (an external id
        derived from it), so importing the same catalog twice imports once, and a
        municipality already recorded by hand is updated, not refused as a duplicate. A
        code given twice in the file is refused on its second row (nothing is stored)."""
        if "code" not in fields_list or "id" in fields_list or ".id" in fields_list:
            return super().load(fields_list, data)
        index = fields_list.index("code")
        codes = {str(row[index]) for row in data if row[index]}
        self._name_for_import(self.search([("code", "in", list(codes))]))
        first_row, repeated = {}, {}
        for number, row in enumerate(data):
            if row[index]:
                first = first_row.setdefault(row[index], number)
                if first != number:
                    repeated[number] = first
        # A repeated code gets no external id: its row is created anew and refused by
        # the code's uniqueness, which rolls the whole file back.
        rows = [
            [*row, self._import_xmlid(row[index]) if row[index] and n not in repeated else ""]
            for n, row in enumerate(data)
        ]
        result = super().load([*fields_list, "id"], rows)
        label = self._fields["code"].get_description(self.env)["string"]
        result["messages"] = [
            {
                "type": "error",
                "rows": {"from": number, "to": number},
                "record": number,
                "field": "code",
                "field_name": label,
                "value": data[number][index],
                "message": self.env._(
                    "%(field)s %(code)s is repeated: it is already on row %(row)s of the "
                    "file. Each municipality is listed once.",
                    field=label,
                    code=data[number][index],
                    row=first + 1,
                ),
            }
            for number, first in repeated.items()
        ] + result["messages"]
        if repeated:
            result["ids"] = False
        return result

    @api.model
    def _import_name(self, code):
        """The external-id name of an INEGI code: readable, plus a digest of the exact
        code, so two codes that read alike stay two municipalities."""
        code = str(code)
        readable = re.sub(r"[^a-z0-9]+", "_", code.lower()).strip("_")
        return IMPORT_NAME % f"{readable}_{hashlib.sha256(code.encode()).hexdigest()[:8]}"

    @api.model
    def _import_xmlid(self, code):
        return f"{IMPORT_MODULE}.{self._import_name(code)}"

    @api.model
    def _name_for_import(self, municipalities):
        """Give ``municipalities`` (recorded without import) the external id their code
        has in an import, so the import updates them. Naming a record is no change to it:
        the import's update is still checked against the user's rights."""
        Data = self.env["ir.model.data"].sudo()
        names = {m: self._import_name(m.code) for m in municipalities}
        taken = set(
            Data.search(
                [("module", "=", IMPORT_MODULE), ("name", "in", list(names.values()))]
            ).mapped("name")
        )
        Data.create(
            [
                {"module": IMPORT_MODULE, "name": name, "model": self._name, "res_id": m.id}
                for m, name in names.items()
                if name not in taken
            ]
        )

    @api.depends("population")
    def _compute_rural(self):
        for municipality in self:
            municipality.rural = 0 < municipality.population <= rules.RURAL_MAX_POPULATION
