import hashlib
import re

from odoo import api, models

# Module of the external ids given to imported rows (Odoo's own for imports).
IMPORT_MODULE = "__import__"


class MicroImportKeyMixin(models.AbstractModel):
    """Rows imported through Odoo's import dialog matched on a key of their own (an
    observatory key, an INEGI code): importing the same file twice imports once, a record
    entered by hand is updated instead of refused as a duplicate, and a key given twice
    in one file is refused on its second row (nothing of the file is stored).

    A model sets ``_import_key`` (the key field) and may word the repeated-key message
    (:meth:`_import_key_repeated`). The key becomes an external id
    ``__import__.<table>_<readable key>_<digest>``."""

    _name = "micro.import.key.mixin"
    _description = "Import Matched on a Key"

    #: The field whose value identifies a row of an import.
    _import_key = None

    @api.model
    def _import_key_repeated(self, label, key, row):
        """The message of a key repeated in the file (``row``: its first row, from 1)."""
        return self.env._(
            "%(field)s %(key)s is repeated: it is already on row %(row)s of the file. Each "
            "record is listed once.",
            field=label,
            key=key,
            row=row,
        )

    @api.model
    def load(self, fields_list, data):
        key_field = self._import_key
        if not key_field or key_field not in fields_list or {"id", ".id"} & set(fields_list):
            return super().load(fields_list, data)
        # Naming the records already there (below, as superuser) is only for a user who may
        # import them: the import's rights first.
        self.check_access("create")
        self.check_access("write")
        index = fields_list.index(key_field)
        keys = [str(row[index]).strip() if row[index] else "" for row in data]
        self._name_for_import(
            self.with_context(active_test=False).search(
                [(key_field, "in", list(set(keys) - {""}))]
            )
        )
        first_row, repeated = {}, {}
        for number, key in enumerate(keys):
            if key:
                first = first_row.setdefault(key, number)
                if first != number:
                    repeated[number] = first
        # A repeated key gets no external id: its row is created anew and refused by the
        # key's uniqueness, which rolls the whole file back.
        rows = [
            [*row, self._import_xmlid(key) if key and number not in repeated else ""]
            for number, (row, key) in enumerate(zip(data, keys, strict=True))
        ]
        result = super().load([*fields_list, "id"], rows)
        label = self._fields[key_field].get_description(self.env)["string"]
        result["messages"] = [
            {
                "type": "error",
                "rows": {"from": number, "to": number},
                "record": number,
                "field": key_field,
                "field_name": label,
                "value": data[number][index],
                "message": self._import_key_repeated(label, keys[number], first + 1),
            }
            for number, first in repeated.items()
        ] + result["messages"]
        if repeated:
            result["ids"] = False
        return result

    @api.model
    def _import_name(self, key):
        """The external-id name of a key: readable, plus a digest of the exact key, so two
        keys that read alike ("IBG-01" and "ibg 01") stay two records."""
        key = str(key).strip()
        readable = re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_")
        return f"{self._table}_{readable}_{hashlib.sha256(key.encode()).hexdigest()[:8]}"

    @api.model
    def _import_xmlid(self, key):
        return f"{IMPORT_MODULE}.{self._import_name(key)}"

    @api.model
    def _name_for_import(self, records):
        """Give ``records`` (entered without import) the external id their key has in an
        import, so that the import updates them. Naming a record is no change to it: the
        import's update is still checked against the user's rights."""
        Data = self.env["ir.model.data"].sudo()
        names = {record: self._import_name(record[self._import_key]) for record in records}
        taken = set(
            Data.search(
                [("module", "=", IMPORT_MODULE), ("name", "in", list(names.values()))]
            ).mapped("name")
        )
        Data.create(
            [
                {"module": IMPORT_MODULE, "name": name, "model": self._name, "res_id": record.id}
                for record, name in names.items()
                if name not in taken
            ]
        )
