import { registry } from "@web/core/registry";
import { loginSteps } from "@micro_base/../tests/tours/micro_tour_steps";

// First contact (issue 15): the state representative of Oaxaca, who has no e-mail
// address, logs in from /web/login in Mexican Spanish, lands on her folio inbox (not on
// Discuss) and registers an application: the folio is assigned.
registry.category("web_tour.tours").add("fonaes_first_contact_state_representative", {
    steps: () => [
        ...loginSteps("fonaes_oaxaca"),
        {
            content: "Lands on her folio inbox: the application received, in draft",
            // The first load after logging in builds the web client's assets.
            timeout: 60000,
            trigger: ".o_list_view .o_group_name:contains('Borrador'), .o_list_view .o_data_row:contains('Grupo Las Palmas')",
        },
        {
            content: "Not the Discuss inbox",
            trigger: ".o_action_manager:not(:has(.o-mail-Discuss))",
        },
        {
            content: "Open the draft group",
            trigger: ".o_list_view .o_group_name:contains('Borrador')",
            run: "click",
        },
        {
            content: "A draft's folio column is not blank: Odoo's draft reference (* id)",
            trigger: ".o_list_view .o_data_row:contains('Grupo Las Palmas') .o_data_cell[name=folio_label]:contains('(* ')",
        },
        {
            content: "Open the application of Grupo Las Palmas",
            trigger: ".o_list_view .o_data_row:contains('Grupo Las Palmas') .o_data_cell",
            run: "click",
        },
        {
            content: "Register it: the folio is assigned (Spanish button)",
            trigger: ".o_form_view button[name=action_submit]:contains('Registrar (asignar folio)')",
            run: "click",
        },
        {
            content: "The folio shows, no e-mail error",
            trigger: ".o_form_view .o_field_widget[name=name]:contains('FONAES-')",
        },
        {
            content: "No error dialog",
            trigger: "body:not(:has(.o_error_dialog, .modal .o_dialog_error))",
        },
    ],
});
