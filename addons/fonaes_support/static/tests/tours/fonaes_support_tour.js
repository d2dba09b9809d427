import { registry } from "@web/core/registry";

// A state representative: register the complete application (folio), field validation,
// evaluation, authorization, the agreement with its disbursement program and revolving
// terms, signature, and the first ministration posted.
registry.category("web_tour.tours").add("fonaes_support_state_representative_flow", {
    steps: () => [
        {
            content: "Register the complete application: it gets its folio",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "The folio is shown",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(FONAES-)",
        },
        {
            content: "Open the validation and evaluation page",
            trigger: ".o_notebook .nav-link:contains(Validation and Evaluation)",
            run: "click",
        },
        {
            content: "Members exist",
            trigger: ".o_field_widget[name=validation_members] input",
            run: "click",
        },
        {
            content: "Contributed assets checked",
            trigger: ".o_field_widget[name=validation_assets] input",
            run: "click",
        },
        {
            content: "Conditions for the project checked",
            trigger: ".o_field_widget[name=validation_conditions] input",
            run: "click",
        },
        {
            content: "Field validation done",
            trigger: "button[name=action_validate]",
            run: "click",
        },
        {
            content: "Field-validated",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Field-validated)",
        },
        {
            content: "Evaluated as feasible",
            trigger: ".o_field_widget[name=evaluation_result] input[data-value=feasible]",
            run: "click",
        },
        {
            content: "Record the evaluation",
            trigger: "button[name=action_evaluate]",
            run: "click",
        },
        {
            content: "Evaluated",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Evaluated)",
        },
        {
            content: "Authorize within the state representative's limit",
            trigger: "button[name=action_authorize]",
            run: "click",
        },
        {
            content: "Authorized",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Authorized)",
        },
        {
            content: "Formalize the agreement",
            trigger: "button[name=action_create_agreement]",
            run: "click",
        },
        {
            content: "The agreement states the amount in words",
            trigger: ".o_field_widget[name=amount_in_words]:contains(CIENTO CINCUENTA MIL PESOS 00/100 M.N.)",
        },
        {
            content: "Two years to repay the working capital (CTS table)",
            trigger: ".o_field_widget[name=revolving_months_working] input",
            run: "edit 24",
        },
        {
            content: "Leave the field so the value is committed",
            trigger: ".o_field_widget[name=revolving_grace_months] input",
            run: "click",
        },
        {
            content: "Two years kept",
            trigger: ".o_field_widget[name=revolving_months_working] input:value(24)",
        },
        {
            content: "Program the first ministration",
            trigger: ".o_field_widget[name=ministration_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "First ministration date",
            trigger: ".o_field_widget[name=ministration_ids] .o_data_row:eq(0) .o_field_widget[name=planned_date] input",
            run: "edit 12/01/2026",
        },
        {
            content: "First ministration amount",
            trigger: ".o_field_widget[name=ministration_ids] .o_data_row:eq(0) .o_field_widget[name=amount] input",
            run: "edit 100000",
        },
        {
            content: "Program the second ministration",
            trigger: ".o_field_widget[name=ministration_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Second ministration date",
            trigger: ".o_field_widget[name=ministration_ids] .o_data_row:eq(1) .o_field_widget[name=planned_date] input",
            run: "edit 02/01/2027",
        },
        {
            content: "Second ministration amount",
            trigger: ".o_field_widget[name=ministration_ids] .o_data_row:eq(1) .o_field_widget[name=amount] input",
            run: "edit 50000",
        },
        {
            content: "Insurance",
            trigger: ".o_notebook .nav-link:contains(Obligations and Insurance)",
            run: "click",
        },
        {
            content: "Insurance policy",
            trigger: ".o_field_widget[name=insurance_policy] input",
            run: "edit POL-2026-001",
        },
        {
            content: "Sign the agreement",
            trigger: "button[name=action_sign]",
            run: "click",
        },
        {
            content: "Signed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Signed)",
        },
        {
            content: "Back to the disbursement program",
            trigger: ".o_notebook .nav-link:contains(Disbursement Program)",
            run: "click",
        },
        {
            content: "Post the first ministration",
            trigger: ".o_field_widget[name=ministration_ids] .o_data_row:eq(0) button[name=action_post]",
            run: "click",
        },
        {
            content: "The first ministration is posted",
            trigger: ".o_field_widget[name=ministration_ids] .o_data_row:eq(0):contains(Posted)",
        },
    ],
});
