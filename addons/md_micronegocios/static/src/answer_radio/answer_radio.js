import { registry } from "@web/core/registry";
import { RadioField, radioField } from "@web/views/fields/radio/radio_field";

/**
 * A question of the diagnostic answered in one tap (issue 17): the answers as radio
 * buttons on the question's card of the questionnaire, on a phone. Odoo keeps the cards of
 * a one2many read-only (they open a dialog to edit); here the card is the editor, as long
 * as the diagnostic itself is being edited.
 */
export class MdAnswerRadio extends RadioField {
    static template = "md_micronegocios.MdAnswerRadio";

    get isDisabled() {
        const root = this.props.record.model.root;
        return !root.isInEdition || root.data.state !== "draft";
    }
}

export const mdAnswerRadio = {
    ...radioField,
    component: MdAnswerRadio,
};

registry.category("fields").add("md_answer_radio", mdAnswerRadio);
