import { registry } from "@web/core/registry";

// Program staff take an IMF application from the single window to a formalized line:
// reception, committee (quorum, decision), notification, credit line, formalization.
const status = (value) => ({
    content: `The application is ${value}`,
    trigger: `.o_statusbar_status button[data-value='${value}'].o_arrow_button_current`,
});
const menu = (xmlid) => ({
    content: `Open menu ${xmlid}`,
    trigger: `[data-menu-xmlid='pronafim_credit.${xmlid}']`,
    run: "click",
});

registry.category("web_tour.tours").add("pronafim_credit_application_to_line", {
    url: "/odoo/action-pronafim_credit.pronafim_application_action",
    steps: () => [
        {
            content: "Open the captured application",
            trigger: ".o_data_row td:contains('Microfinanciera Tour')",
            run: "click",
        },
        status("draft"),
        {
            content: "Receive it at the single window",
            trigger: "button[name='action_receive']",
            run: "click",
        },
        status("received"),
        {
            content: "The clarification deadline is shown",
            trigger: ".o_field_widget[name='deadline_clarification'] :not(:empty)",
        },
        {
            content: "Send it to the committee",
            trigger: "button[name='action_send_to_committee']",
            run: "click",
        },
        status("committee"),
        menu("pronafim_credits_menu"),
        menu("pronafim_committee_session_menu"),
        {
            content: "Open the session",
            trigger: ".o_data_row td:contains('Sesión tour')",
            run: "click",
        },
        {
            content: "Install the session (quorum)",
            trigger: "button[name='action_hold']",
            run: "click",
        },
        status("held"),
        menu("pronafim_credits_menu"),
        menu("pronafim_committee_decision_menu"),
        {
            content: "Open the agenda item",
            trigger: ".o_data_row td:contains('Microfinanciera Tour')",
            run: "click",
        },
        {
            content: "Record the committee's decision",
            trigger: "button[name='action_decide']",
            run: "click",
        },
        {
            content: "The decision is authorized",
            trigger: ".o_field_widget[name='outcome']:contains('Authorized')",
        },
        menu("pronafim_credits_menu"),
        menu("pronafim_application_menu"),
        {
            content: "Back to the application",
            trigger: ".o_data_row td:contains('Microfinanciera Tour')",
            run: "click",
        },
        status("authorized"),
        {
            content: "Notify the decision",
            trigger: "button[name='action_notify']",
            run: "click",
        },
        status("notified"),
        menu("pronafim_credits_menu"),
        menu("pronafim_credit_line_menu"),
        {
            content: "New credit line",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the application",
            trigger: ".o_field_widget[name='application_id'] input",
            run: "edit Microfinanciera Tour",
        },
        {
            content: "Pick it (its folio)",
            trigger: ".ui-autocomplete > li > a:contains('TRA/')",
            run: "click",
        },
        {
            content: "Credit type",
            trigger: ".o_field_widget[name='credit_type_id'] input",
            run: "edit Simple credit",
        },
        {
            content: "Pick simple credit",
            trigger: ".ui-autocomplete > li > a:contains('Simple credit')",
            run: "click",
        },
        {
            content: "Authorized amount",
            trigger: ".o_field_widget[name='amount'] input",
            run: "edit 1000000",
        },
        {
            content: "Term",
            trigger: ".o_field_widget[name='term_months'] input",
            run: "edit 12",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Formalize",
            trigger: "button[name='action_formalize']",
            run: "click",
        },
        {
            content: "The line is formalized",
            trigger: ".o_statusbar_status button[data-value='formalized'].o_arrow_button_current",
        },
    ],
});
