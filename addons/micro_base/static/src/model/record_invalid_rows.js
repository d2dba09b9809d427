import { markup } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { escape } from "@web/core/utils/strings";
import { Record } from "@web/model/relational_model/record";

const X2MANY_TYPES = ["one2many", "many2many"];

/**
 * The label of a field as the user sees it.
 *
 * @param {Record} record
 * @param {string} fieldName
 * @returns {string}
 */
function fieldLabel(record, fieldName) {
    return record.fields[fieldName]?.string || fieldName;
}

/**
 * The lines naming what is invalid in the field ``fieldName`` of ``record`` (issue 16): a
 * plain field gives its label; a one2many/many2many field whose rows are invalid gives one
 * line per invalid row, with the row's invalid columns and its number as the list shows
 * it, e.g. "Disposiciones: Fecha (fila 2)". Rows of rows are named the same way, nested.
 *
 * @param {Record} record
 * @param {string} fieldName
 * @param {string} [prefix] the labels of the enclosing x2many fields and rows
 * @returns {string[]}
 */
function invalidFieldLines(record, fieldName, prefix = "") {
    const label = prefix + fieldLabel(record, fieldName);
    const list = X2MANY_TYPES.includes(record.fields[fieldName]?.type)
        ? record.data[fieldName]
        : null;
    const rowLines = [];
    for (const [index, row] of (list?.records || []).entries()) {
        if (!row._invalidFields.size) {
            continue;
        }
        const rowNumber = (list.offset || 0) + index + 1;
        const plain = [];
        for (const rowField of row._invalidFields) {
            if (X2MANY_TYPES.includes(row.fields[rowField]?.type)) {
                const rowPrefix = _t("%(field)s (row %(row)s): ", {
                    field: label,
                    row: rowNumber,
                });
                rowLines.push(...invalidFieldLines(row, rowField, String(rowPrefix)));
            } else {
                plain.push(fieldLabel(row, rowField));
            }
        }
        if (plain.length) {
            rowLines.push(
                _t("%(field)s: %(columns)s (row %(row)s)", {
                    field: label,
                    columns: plain.join(", "),
                    row: rowNumber,
                })
            );
        }
    }
    return (rowLines.length ? rowLines : [label]).map(String);
}

/**
 * Odoo's "Invalid fields" notification names only the form's own fields: an editable
 * one2many list with an empty required cell said "Disposals" and nothing more. The
 * notification now names the row's columns and the row's number; everything else (which
 * fields are invalid, the red cells, the returned validity) is Odoo's.
 */
patch(Record.prototype, {
    _checkValidity(options = {}) {
        const { displayNotification, ...others } = options;
        if (!displayNotification || others.silent) {
            return super._checkValidity(options);
        }
        const isValid = super._checkValidity(others);
        if (!isValid) {
            const items = [...this._invalidFields]
                .flatMap((fieldName) => invalidFieldLines(this, fieldName))
                .map((line) => `<li>${escape(line)}</li>`);
            this._closeInvalidFieldsNotification = this.model.notification.add(
                markup(`<ul>${items.join("")}</ul>`),
                {
                    title: _t("Invalid fields: "),
                    type: "danger",
                }
            );
        }
        return isValid;
    },
});
