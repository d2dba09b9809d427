import { registry } from "@web/core/registry";
import { loginSteps, screenStep } from "@micro_base/../tests/tours/micro_tour_steps";

// The general directorate on the demo data (issue 15), in Mexican Spanish at 1400x900,
// from /web/login: its home lists the applications pending resolution by state; it opens
// the women's coffee cooperative of Chiapas (IPM), above the state representative's limit,
// gives its favorable opinion (§4.3.1.5.E.ii) and authorizes the support (§6.3.1.V.a).

const screen = (name) => screenStep(name);

registry.category("web_tour.tours").add("fonaes_directorate_opinion", {
    steps: () => [
        ...loginSteps("fonaes_direccion"),
        {
            content: "Lands on the applications pending resolution, by state",
            // The first load after logging in builds the web client's assets.
            timeout: 60000,
            trigger: ".o_breadcrumb:contains('Solicitudes pendientes de resolución')",
        },
        {
            content: "Chiapas has applications pending",
            trigger: ".o_list_view .o_group_name:contains('Chiapas')",
        },
        {
            content: "Open the Chiapas group",
            trigger: ".o_list_view .o_group_name:contains('Chiapas')",
            run: "click",
        },
        {
            content: "Its applications, the coffee cooperative's among them",
            trigger: ".o_list_view .o_data_row:contains('Cooperativa Cafetalera Tierra Roja')",
        },
        screen("01_pendientes_por_estado"),
        {
            content: "Open the coffee cooperative's application",
            trigger: ".o_list_view .o_data_row:contains('Cooperativa Cafetalera Tierra Roja') .o_data_cell[name=partner_id]",
            run: "click",
        },
        {
            content: "Above the state limit: the opinion is requested from the directorate",
            trigger: ".o_form_view .o_field_widget[name=authorization_level]:contains('Dirección General')",
        },
        {
            content: "Its favorable-opinion button (Spanish)",
            trigger: ".o_form_view button[name=action_opinion_favorable]:contains('Opinión favorable')",
        },
        screen("02_opinion_solicitada"),
        {
            content: "Gives its favorable opinion",
            trigger: ".o_form_view button[name=action_opinion_favorable]",
            run: "click",
        },
        {
            content: "The opinion is recorded",
            trigger: ".o_form_view:not(:has(button[name=action_opinion_favorable])) .o_field_widget[name=directorate_opinion]:contains('Favorable')",
        },
        {
            content: "Authorizes the support",
            trigger: ".o_form_view button[name=action_authorize]:contains('Autorizar')",
            run: "click",
        },
        {
            content: "Authorized",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Autorizada')",
        },
        {
            content: "No error dialog",
            trigger: "body:not(:has(.o_error_dialog, .modal .o_dialog_error))",
        },
        screen("03_autorizada"),
    ],
});
