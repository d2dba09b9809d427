import { registry } from "@web/core/registry";
import { loginSteps, screenStep } from "@micro_base/../tests/tours/micro_tour_steps";

// PRONAFIM after the committee (issue 17), each role on its own desk at 1400x900, in
// Mexican Spanish, from /web/login and only through what the screen shows: the committee
// secretary decides the application on the agenda, the analyst notifies the authorized
// one, finance creates its credit line, formalizes it, records a disposal and registers a
// payment; the complaints officer takes, answers and closes a complaint. Each record tells
// its next step and deadline (banner) and offers the button to take it.

const screen = (name) =>
    screenStep(name, "body:not(:has(.o_loading_indicator)):not(:has(.o_dialog .o_loading))");
const menu = (xmlid) => ({
    content: `Open menu ${xmlid}`,
    trigger: `[data-menu-xmlid='pronafim_credit.${xmlid}']`,
    run: "click",
});
const status = (value) => ({
    content: `The record is ${value}`,
    trigger: `.o_form_view .o_statusbar_status button[data-value='${value}'].o_arrow_button_current`,
});
const nextStep = (text) => ({
    content: `The next step is shown: ${text}`,
    trigger: text
        ? `.o_form_view .o_pronafim_next_step:contains('${text}')`
        : ".o_form_view .o_pronafim_next_step",
});
// Every PRONAFIM menu is in the navbar at 1400 px: no "+" overflow.
const noOverflow = {
    content: "Every menu fits: no '+' overflow in the navbar",
    trigger: ".o_main_navbar .o_menu_sections:not(:has(.o_menu_sections_more))",
};

registry.category("web_tour.tours").add("pronafim_flow_secretary_decides", {
    steps: () => [
        ...loginSteps("pronafim_secretaria"),
        {
            content: "Lands on the next committee sessions",
            timeout: 60000,
            trigger: ".o_list_view .o_data_row:contains('Sesión ordinaria 2/')",
        },
        noOverflow,
        screen("01_secretaria_sesiones"),
        {
            content: "Open the convened session",
            trigger: ".o_list_view .o_data_row:contains('Sesión ordinaria 2/') .o_data_cell",
            run: "click",
        },
        status("draft"),
        nextStep("§VI.b"),
        screen("02_secretaria_sesion_convocada"),
        {
            content: "Install the session (quorum)",
            trigger: ".o_form_view button[name=action_hold]",
            run: "click",
        },
        status("held"),
        {
            content: "The agenda",
            trigger: ".o_form_view .o_notebook .nav-link:contains('Orden del día')",
            run: "click",
        },
        {
            content: "Open the agenda item",
            trigger: ".o_form_view .o_field_widget[name=decision_ids] button[name=action_open_form]",
            run: "click",
        },
        {
            content: "The authorized terms are on the agenda item",
            trigger: ".o_form_view .o_field_widget[name=term_months] input:value(18)",
        },
        screen("03_secretaria_acuerdo"),
        {
            content: "Record the decision",
            trigger: ".o_form_view button[name=action_decide]",
            run: "click",
        },
        {
            content: "Authorized",
            trigger: ".o_form_view .o_field_widget[name=outcome]:contains('Autorizado')",
        },
        nextStep("§IX.2.d"),
        screen("04_secretaria_acuerdo_registrado"),
        {
            content: "Go to the application decided",
            trigger: ".o_form_view button[name=action_open_application]",
            run: "click",
        },
        status("authorized"),
        screen("05_secretaria_solicitud_autorizada"),
    ],
});

registry.category("web_tour.tours").add("pronafim_flow_analyst_notifies", {
    steps: () => [
        ...loginSteps("pronafim_analista"),
        {
            content: "Lands on the applications by deadline",
            timeout: 60000,
            trigger: ".o_list_view .o_data_row:contains('1,500,000.00')",
        },
        noOverflow,
        screen("06_analista_solicitudes"),
        {
            content: "Open the authorized application",
            trigger: ".o_list_view .o_data_row:contains('1,500,000.00') .o_data_cell",
            run: "click",
        },
        status("authorized"),
        nextStep("§IX.2.d"),
        {
            content: "Its committee decision is one click away",
            trigger: ".o_form_view .o-form-buttonbox button[name=action_open_committee]",
        },
        screen("07_analista_autorizada"),
        {
            content: "Notify the decision",
            trigger: ".o_form_view button[name=action_notify]",
            run: "click",
        },
        status("notified"),
        nextStep("§IX.3"),
        {
            content: "The analyst does not create credit lines (finance does)",
            trigger: ".o_form_view:not(:has(button[name=action_create_credit_line]))",
        },
        screen("08_analista_notificada"),
    ],
});

let disposalDate = "";
registry.category("web_tour.tours").add("pronafim_flow_finance_line_to_payment", {
    steps: () => [
        ...loginSteps("pronafim_finanzas"),
        {
            content: "Lands on the payments due",
            timeout: 60000,
            trigger: ".o_action_manager .o_list_view, .o_action_manager .o_view_nocontent",
        },
        noOverflow,
        menu("pronafim_credits_menu"),
        screen("09_finanzas_menu_creditos"),
        menu("pronafim_application_menu"),
        {
            content: "Open the notified application",
            trigger: ".o_list_view .o_data_row:contains('1,500,000.00') .o_data_cell",
            run: "click",
        },
        status("notified"),
        screen("10_finanzas_solicitud_notificada"),
        {
            content: "Create its credit line",
            trigger: ".o_form_view button[name=action_create_credit_line]",
            run: "click",
        },
        {
            content: "The line takes the committee's credit type",
            trigger: ".o_form_view .o_field_widget[name=credit_type_id] input:value(/.+/)",
        },
        {
            content: "... amount",
            trigger: ".o_form_view .o_field_widget[name=amount] input:value(/^1.500.000/)",
        },
        {
            content: "... term",
            trigger: ".o_form_view .o_field_widget[name=term_months] input:value(24)",
        },
        {
            content: "... and margin",
            trigger: ".o_form_view .o_field_widget[name=margin] input:value(/^2.5/)",
        },
        screen("11_finanzas_linea_prellenada"),
        { content: "Save", trigger: ".o_form_button_save", run: "click" },
        status("draft"),
        nextStep("§IX.3"),
        {
            content: "Formalize",
            trigger: ".o_form_view button[name=action_formalize]",
            run: "click",
        },
        status("formalized"),
        nextStep("§VIII.1"),
        screen("12_finanzas_linea_formalizada"),
        {
            content: "Record a disposal",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Registrar disposición'), .o_form_view .o_statusbar_buttons button:contains('Record Disposal')",
            run: "click",
        },
        {
            content: "The disposal opens as its own form, dated today",
            trigger: ".o_form_view .o_field_widget[name=date] input:value(/\\d/)",
            run() {
                disposalDate = this.anchor.value;
            },
        },
        {
            content: "Empty the date",
            trigger: ".o_form_view .o_field_widget[name=date] input",
            run: "clear",
        },
        {
            content: "Amount",
            trigger: ".o_form_view .o_field_widget[name=amount] input",
            run: "edit 500000",
        },
        { content: "Save without a date", trigger: ".o_form_button_save", run: "click" },
        {
            content: "The empty date is highlighted on its field",
            trigger: ".o_form_view .o_field_widget.o_field_invalid[name=date]",
        },
        screen("13_finanzas_disposicion_sin_fecha"),
        {
            content: "Dismiss the notice",
            trigger: ".o_notification .o_notification_close",
            run: "click",
        },
        {
            content: "Date it",
            trigger: ".o_form_view .o_field_widget[name=date] input",
            async run(helpers) {
                await helpers.edit(disposalDate);
            },
        },
        { content: "Save the disposal", trigger: ".o_form_button_save", run: "click" },
        {
            content: "Its schedule is there",
            trigger: ".o_form_view .o_field_widget[name=installment_ids] .o_data_row",
        },
        nextStep(""),
        screen("14_finanzas_disposicion_calendario"),
        {
            content: "Register the institution's payment",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Registrar pago'), .o_form_view .o_statusbar_buttons button:contains('Register Payment')",
            run: "click",
        },
        {
            content: "The amount of the next installment is proposed",
            trigger: ".modal .o_field_widget[name=amount] input:value(/[1-9]/)",
        },
        screen("15_finanzas_registrar_pago"),
        {
            content: "Confirm",
            trigger: ".modal button[name=action_register]",
            run: "click",
        },
        {
            content: "The payment is on the disposal",
            trigger: ".o_form_view:not(:has(.modal)) .o_field_widget[name=repayment_ids] .o_data_row",
        },
        screen("16_finanzas_pago_registrado"),
    ],
});

registry.category("web_tour.tours").add("pronafim_flow_complaints_officer", {
    steps: () => [
        ...loginSteps("une_quejas"),
        {
            content: "Lands on the open complaints by due date",
            timeout: 60000,
            trigger: ".o_list_view .o_data_row:contains('DEMO-2026-0001')",
        },
        noOverflow,
        screen("17_une_reclamaciones"),
        {
            content: "Open the complaint received",
            trigger: ".o_list_view .o_data_row:contains('DEMO-2026-0001') .o_data_cell",
            run: "click",
        },
        status("received"),
        {
            content: "Answer is not offered before Take",
            trigger: ".o_form_view:not(:has(button[name=action_answer])) button[name=action_take]",
        },
        nextStep(""),
        screen("18_une_recibida"),
        {
            content: "Take it in charge",
            trigger: ".o_form_view button[name=action_take]:contains('Tomar')",
            run: "click",
        },
        status("in_progress"),
        {
            content: "Write the response",
            trigger: ".o_form_view .o_field_widget[name=response] textarea",
            run: "edit Se revisó el caso con la institución y se bonificó el cargo.",
        },
        {
            content: "Its outcome",
            trigger: ".o_form_view .o_field_widget[name=outcome] select",
            run: 'select "in_favor"',
        },
        screen("19_une_respuesta"),
        {
            content: "Answer",
            trigger: ".o_form_view button[name=action_answer]:contains('Responder')",
            run: "click",
        },
        status("answered"),
        {
            content: "The due status says whether the answer was in time",
            trigger: ".o_form_view .o_field_widget[name=due_status] span:not(:empty)",
        },
        screen("20_une_respondida"),
        {
            content: "Close it",
            trigger: ".o_form_view button[name=action_close]",
            run: "click",
        },
        status("closed"),
        screen("21_une_cerrada"),
    ],
});
