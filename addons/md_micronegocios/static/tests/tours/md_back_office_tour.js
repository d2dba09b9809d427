import { registry } from "@web/core/registry";
import { loginSteps, screenStep } from "@micro_base/../tests/tours/micro_tour_steps";

// The back office at the desk (issue 17), in Colombian Spanish at 1400x900, from
// /web/login and only through what the screen shows: the orientador approves the oldest
// plan of her "to approve" list; the case coordinator gives the longest-waiting plan its
// suggested mentor in one click from the mentor queue.

const screen = (name) => screenStep(name);

registry.category("web_tour.tours").add("md_back_office_orientador", {
    steps: () => [
        ...loginSteps("orientador_neiva"),
        {
            content: "Lands on the plans to approve, with their waiting days",
            // The first load after logging in builds the web client's assets.
            timeout: 60000,
            trigger: ".o_list_view th[data-name=waiting_days]",
        },
        {
            content: "Plans to approve, the oldest first",
            trigger: ".o_list_view .o_data_row .o_data_cell[name=waiting_days]",
        },
        {
            content: "Its title, inside the app (its menu bar), and no New button",
            trigger: ".o_breadcrumb:contains('Planes por aprobar')",
        },
        {
            content: "No New button: plans come from diagnostics",
            trigger: ".o_control_panel:not(:has(.o_list_button_add))",
        },
        screen("01_planes_por_aprobar"),
        {
            content: "Opens the oldest plan",
            trigger: ".o_list_view .o_data_row:first .o_data_cell[name=lead_id]",
            run: "click",
        },
        {
            content: "The plan with its activities, to approve",
            trigger: ".o_form_view button[name=action_design]:contains('Aprobar plan')",
        },
        {
            content: "Its activities are listed",
            trigger: ".o_form_view .o_field_widget[name=plan_activity_ids] .o_data_row",
        },
        screen("02_plan_por_aprobar"),
        {
            content: "Approves it",
            trigger: ".o_form_view button[name=action_design]",
            run: "click",
        },
        {
            content: "Approved: no approval button any more",
            trigger:
                ".o_form_view:not(:has(button[name=action_design])) " +
                ".o_statusbar_status button.o_arrow_button_current:contains('Diseñado')",
        },
        screen("03_plan_aprobado"),
        {
            content: "Back to the list",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('Planes por aprobar')",
            run: "click",
        },
        {
            content: "The approved plan left the list: nothing else waits for her",
            trigger: ".o_view_nocontent:contains('Ningún plan espera su aprobación')",
        },
        screen("04_planes_por_aprobar_despues"),
    ],
});

registry.category("web_tour.tours").add("md_back_office_coordinator", {
    steps: () => [
        ...loginSteps("coordinadora_casos"),
        {
            content: "Lands on the mentor queue, with waiting days and the suggested mentor",
            // The first load after logging in builds the web client's assets.
            timeout: 60000,
            trigger: ".o_list_view th[data-name=suggested_mentor_id]",
        },
        {
            content: "Waiting days shown, inside the app, no New button",
            trigger: ".o_list_view th[data-name=waiting_days]",
        },
        {
            content: "Inside the app: its menu bar",
            trigger: ".o_main_navbar .o_menu_brand",
        },
        {
            content: "No New button: plans come from diagnostics",
            trigger: ".o_control_panel:not(:has(.o_list_button_add))",
        },
        {
            content: "The longest waiting plan comes first, with its waiting days",
            trigger:
                ".o_list_view .o_data_row:first:contains('Tienda La Espera') " +
                ".o_data_cell[name=waiting_days]:contains('3')",
        },
        {
            content: "and its suggested mentor",
            trigger:
                ".o_list_view .o_data_row:first " +
                ".o_data_cell[name=suggested_mentor_id]:contains('Paula Andrea Quintero')",
        },
        screen("01_cola_de_mentoria"),
        {
            content: "Assigns the suggested mentor in one click",
            trigger: ".o_list_view .o_data_row:first button[name=action_assign_mentor]",
            run: "click",
        },
        {
            content: "The plan has its mentor: it left the queue",
            trigger:
                ".o_list_view:not(:has(.o_data_row:contains('Tienda La Espera')))",
        },
        screen("02_mentor_asignado"),
    ],
});
