import { registry } from "@web/core/registry";
import { loginSteps } from "@micro_base/../tests/tours/micro_tour_steps";

// First contact (issue 15): the FONAES accountant logs in from /web/login in Mexican
// Spanish, lands on the financial statements (not on Discuss), opens the statements of the
// last month-end built from the demo month of postings, checks them on screen (Balance
// General and Estado de Resultados, Anexo XII-2/XII-3) and files them.
registry.category("web_tour.tours").add("fonaes_accountant_statements", {
    steps: () => [
        ...loginSteps("fonaes_contadora"),
        {
            content: "Lands on the financial statements: last month-end's, in draft",
            // The first load after logging in builds the web client's assets.
            timeout: 60000,
            trigger: ".o_list_view .o_data_row:contains('Borrador')",
        },
        {
            content: "Not the Discuss inbox; the list's title in Spanish",
            trigger: ".o_action_manager:not(:has(.o-mail-Discuss)) .o_breadcrumb:contains('Estados financieros')",
            run() {
                console.log("micro-screen:01_estados_financieros");
            },
        },
        {
            content: "Open the draft statements",
            trigger: ".o_list_view .o_data_row:contains('Borrador') .o_data_cell",
            run: "click",
        },
        {
            content: "The statements' form, named in Spanish",
            trigger: ".o_form_view .oe_title:contains('Estados financieros al')",
            run() {
                console.log("micro-screen:02_estado_en_borrador");
            },
        },
        {
            content: "View them on screen",
            trigger: ".o_form_view .o_statusbar_buttons button:has(i.fa-eye)",
            run: "click",
        },
        {
            content: "The balance sheet of the demo books: current portfolio",
            timeout: 30000,
            trigger: ":iframe .fonaes-statement:contains('BALANCE GENERAL AL') td:contains('CARTERA DE CREDITO VIGENTE')",
        },
        {
            content: "And the income statement",
            trigger: ":iframe .fonaes-statement:contains('ESTADO DE RESULTADOS') td:contains('Ingresos por intereses')",
            run() {
                console.log("micro-screen:03_estados_en_pantalla");
            },
        },
        {
            content: "Back to the statements' form",
            trigger: ".o_breadcrumb .breadcrumb-item:not(.active):last a:contains('Estados financieros al')",
            run: "click",
        },
        {
            content: "File them with FONAES",
            trigger: ".o_form_view button[name=action_mark_filed]:contains('Marcar como presentado')",
            run: "click",
        },
        {
            content: "Filed: dated today",
            trigger: ".o_form_view:has(.o_arrow_button_current:contains('Presentado')) .o_field_widget[name=filed_date]:contains('/')",
            run() {
                console.log("micro-screen:04_presentados");
            },
        },
        {
            content: "No error dialog",
            trigger: "body:not(:has(.o_error_dialog, .modal .o_dialog_error))",
        },
    ],
});
