import { registry } from "@web/core/registry";
import { loginSteps, screenStep } from "@micro_base/../tests/tours/micro_tour_steps";

// First contact (issue 15): the complaints officer (UNE) logs in from /web/login in
// Mexican Spanish, lands on the open complaints by due date (not on Discuss) and takes
// the first one in charge.
registry.category("web_tour.tours").add("pronafim_first_contact_complaints_officer", {
    steps: () => [
        ...loginSteps("une_quejas"),
        {
            content: "Lands on the open complaints, in Spanish",
            // The first load after logging in builds the web client's assets.
            timeout: 60000,
            trigger: ".o_list_view .o_data_row:contains('DEMO-2026-0001'):contains('Recibido')",
        },
        {
            content: "Not the Discuss inbox",
            trigger: ".o_action_manager:not(:has(.o-mail-Discuss))",
        },
        {
            content: "Open the complaint received, not yet taken",
            trigger: ".o_list_view .o_data_row:contains('DEMO-2026-0001') .o_data_cell",
            run: "click",
        },
        {
            content: "Take it in charge",
            trigger: ".o_form_view button[name=action_take]:contains('Tomar')",
            run: "click",
        },
        {
            content: "In progress",
            trigger: ".o_form_view .o_statusbar_status button.active:contains('En atención'), .o_form_view .o_statusbar_status .o_arrow_button_current:contains('En atención')",
        },
    ],
});

// First contact of the IMF's portal user (issue 15): logs in from /web/login and lands on
// "My Account" in Mexican Spanish (Odoo's own portal texts too), under the demo
// operator's name and logo (not Odoo's "Your logo" placeholder).
registry.category("web_tour.tours").add("pronafim_first_contact_imf_portal", {
    steps: () => [
        ...loginSteps("imf_tepeyac"),
        {
            content: "Lands on the portal, in Mexican Spanish",
            timeout: 60000,
            trigger: ".o_portal_my_home:contains('Conexión y seguridad')",
        },
        {
            content: "The header shows the operator's logo",
            trigger: "header .navbar-brand.logo img[title*='Programas de Apoyo a Micronegocios']",
        },
        {
            content: "Odoo's own portal texts in Spanish (the user menu)",
            trigger: "header .dropdown-toggle:contains('Rocío')",
            run: "click",
        },
        {
            content: "The user menu reads 'Cerrar sesión'",
            trigger: "header .dropdown-menu a[href*='/web/session/logout']:contains('Cerrar sesión')",
        },
        screenStep("01_mi_cuenta"),
    ],
});
