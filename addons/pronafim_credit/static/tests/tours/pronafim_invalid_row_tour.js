import { registry } from "@web/core/registry";
import { loginSteps, screenStep } from "@micro_base/../tests/tours/micro_tour_steps";

// Issue 16: where the user types in a form, the message shows next to the field. The
// analyst (Mexican Spanish) records a third analysis of an application (§IX.1) and saves
// it without its result: the empty cell of the row is highlighted and the "Invalid fields"
// notification names the list, the column and the row, not only "Análisis".
const ANALYSES = ".o_form_view .o_field_widget[name=analysis_ids]";

registry.category("web_tour.tours").add("pronafim_invalid_row_analysis", {
    steps: () => [
        ...loginSteps("pronafim_analista"),
        {
            content: "The application's form, in Spanish",
            // The first load after logging in builds the web client's assets.
            timeout: 60000,
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Análisis (§IX.1)')",
            run: "click",
        },
        {
            content: "Two analyses recorded",
            trigger: `${ANALYSES} .o_data_row:eq(1):contains('Favorable')`,
        },
        {
            content: "Add a line",
            trigger: `${ANALYSES} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: "The financial analysis",
            trigger: `${ANALYSES} .o_data_row:eq(2).o_selected_row td[name=kind] select`,
            run: "selectByLabel Financiero",
        },
        {
            content: "Chosen; its result left empty",
            trigger: `${ANALYSES} .o_data_row:eq(2) td[name=kind]:contains('Financiero')`,
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The notification names the list, the column and the row",
            trigger:
                ".o_notification:has(.o_notification_title:contains('Campos no válidos')) " +
                ".o_notification_content li:contains('Análisis: Resultado (fila 3)')",
        },
        {
            content: "The empty cell of the third row is highlighted (cell and field)",
            trigger:
                `${ANALYSES} .o_data_row:eq(2) td.o_invalid_cell[name=result]` +
                " .o_field_widget.o_field_invalid",
        },
        {
            content: "Only that cell: not the row's chosen kind",
            trigger: `${ANALYSES} .o_data_row:eq(2) td[name=kind]:not(.o_invalid_cell)`,
        },
        {
            content: "Nor the rows already recorded",
            trigger:
                `${ANALYSES}:not(:has(.o_data_row:eq(0) .o_invalid_cell))` +
                ":not(:has(.o_data_row:eq(1) .o_invalid_cell))",
        },
        screenStep("01_analisis_sin_resultado"),
        {
            content: "Choose the result",
            trigger: `${ANALYSES} .o_data_row:eq(2) td[name=result] select`,
            run: `select "favorable"`,
        },
        {
            content: "Chosen: the highlight goes",
            trigger: `${ANALYSES} .o_data_row:eq(2) td[name=result]:not(.o_invalid_cell)`,
        },
        {
            content: "Save again",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: three analyses, no highlighted cell, no error dialog",
            trigger:
                ".o_form_saved .o_field_widget[name=analysis_ids]" +
                ":has(.o_data_row:eq(2)):has(.o_data_row:contains('Financiero'))" +
                ":not(:has(.o_invalid_cell))",
        },
        {
            content: "No error dialog",
            trigger: "body:not(:has(.o_error_dialog, .modal .o_dialog_error))",
        },
    ],
});
