"""Imports of checked models (issue 16): a value refused by a range of ``_input_ranges``
is reported on its row only, attached to its column.

Odoo's ``load()`` creates the rows in batches; when a batch is refused it retries row by
row (each refusal then on its own row) and also keeps the batch's refusal, which it puts
on the batch's *first* row: the import dialog then shows the message twice, once on a
row that is right. Here the rows a range refuses are found from the rows themselves: the
copy on another row is dropped, and the refusal on its row gets its field (the dialog
shows it under the column, with the value and the row).
"""

import math

from odoo import api, fields, models

from .micro_input_mixin import field_label

_READ = {
    "integer": int,
    "float": float,
    "monetary": float,
    "date": fields.Date.to_date,
}


class MicroInputMixin(models.AbstractModel):
    _inherit = "micro.input.mixin"

    @api.model
    def load(self, fields_list, data):
        result = super().load(fields_list, data)
        if not result.get("messages"):
            return result
        refused = self._micro_import_refusals(fields_list, data)
        if not refused:
            return result

        def row_of(message):
            return (message.get("rows") or {}).get("from")

        def is_refusal(message):
            """The range's refusal of its row: no field, names the field and the value."""
            found = refused.get(row_of(message))
            if message.get("field") or not found:
                return False
            name, _written, value = found
            text = message.get("message") or ""
            return field_label(self, name) in text and str(value) in text

        refusal_texts = {m.get("message") for m in result["messages"] if is_refusal(m)}
        messages = []
        for message in result["messages"]:
            if is_refusal(message):
                name, written, _value = refused[row_of(message)]
                message = {
                    **message,
                    "field": name,
                    "field_name": field_label(self, name),
                    "field_path": [name],
                    "value": written,
                }
            elif (
                not message.get("field")
                and row_of(message) not in refused
                and message.get("message") in refusal_texts
            ):
                continue  # the batch's copy of a row's refusal, put on the batch's first row
            messages.append(message)
        result["messages"] = messages
        return result

    @api.model
    def _micro_import_refusals(self, fields_list, data):
        """``{row: (field, value as written, value)}``: the first field of
        ``_input_ranges`` whose value each row's creation is refused for (out of its
        range, or not a finite number)."""
        columns = [
            (name, fields_list.index(name))
            for name in self._input_ranges
            if name in fields_list and self._fields[name].type in _READ
        ]
        refused = {}
        for number, row in enumerate(data):
            for name, index in columns:
                written = row[index] if index < len(row) else ""
                if not written:
                    continue
                try:
                    value = _READ[self._fields[name].type](written)
                except (TypeError, ValueError):
                    continue  # not a value: Odoo's own message names it
                if isinstance(value, float) and not math.isfinite(value):
                    refused[number] = (name, written, value)  # "1e309": not a number
                    break
                low, high, strict_low, _source = self._input_ranges[name]
                if self._micro_range_rule(value, low, high, strict_low):
                    refused[number] = (name, written, value)
                    break
        return refused
