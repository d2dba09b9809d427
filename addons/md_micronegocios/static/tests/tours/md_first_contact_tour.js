import { registry } from "@web/core/registry";
import { loginSteps } from "@micro_base/../tests/tours/micro_tour_steps";

// First contact (issue 15): each role logs in from /web/login, in Colombian Spanish, and
// its first screen is its work of the day, not an empty Discuss inbox.

const notDiscuss = {
    content: "Not the Discuss inbox",
    trigger: ".o_action_manager:not(:has(.o-mail-Discuss))",
};

// The facilitator, on her phone: her week's plan activities; she logs one done with its
// evidence.
registry.category("web_tour.tours").add("md_first_contact_facilitator", {
    steps: () => [
        ...loginSteps("facilitadora_neiva_1"),
        {
            content: "Lands on her week: plan activities to do, in Spanish",
            // The first load after logging in builds the web client's assets.
            timeout: 60000,
            trigger: ".o_md_plan_activity_kanban .o_kanban_record:contains('Planeada')",
        },
        notDiscuss,
        {
            content: "Opens the first activity due",
            trigger: ".o_md_plan_activity_kanban .o_kanban_record:first",
            run: "click",
        },
        {
            content: "Writes the evidence",
            trigger: ".o_form_view .o_field_widget[name=evidence_note] textarea",
            run: "edit Visita al negocio: registro de ventas revisado con la propietaria.",
        },
        {
            content: "Marks it done (Spanish button, on the phone bar)",
            trigger: ".o_md_phone_actions button[name=action_done]:contains('Marcar como realizada')",
            run: "click",
        },
        {
            content: "Done: the buttons are gone",
            trigger: ".o_form_view:not(:has(.o_md_phone_actions button[name=action_done]))",
        },
    ],
});

// The mentor, on a phone: the plans assigned to her.
registry.category("web_tour.tours").add("md_first_contact_mentor", {
    steps: () => [
        ...loginSteps("mentora_innovacion"),
        {
            content: "Lands on her mentored plans",
            // The first load after logging in builds the web client's assets.
            timeout: 60000,
            trigger: ".o_action_manager .o_view_controller:has(.o_data_row, .o_kanban_record)",
        },
        notDiscuss,
        {
            content: "Opens the plan",
            trigger: ".o_data_row:first .o_data_cell, .o_kanban_record:first",
            run: "click",
        },
        {
            content: "The plan, in Spanish",
            trigger: ".o_form_view:contains('Seguimiento')",
        },
    ],
});

// The case coordinator, at the desk: the queue of approved plans waiting for a mentor.
registry.category("web_tour.tours").add("md_first_contact_coordinator", {
    steps: () => [
        ...loginSteps("coordinadora_casos"),
        {
            content: "Lands on the mentor queue, in Spanish",
            // The first load after logging in builds the web client's assets.
            timeout: 60000,
            trigger: ".o_list_view th:contains('En espera desde'), .o_list_view th[data-name=designed_date]",
        },
        notDiscuss,
        {
            content: "The queue filter is on",
            trigger: ".o_searchview .o_facet_values:contains('mentor')",
        },
        {
            content: "Program users see no CRM app",
            trigger: "body:not(:has(.o_navbar_apps_menu .dropdown-item[data-menu-xmlid='crm.crm_menu_root']))",
        },
    ],
});

// The orientador, at the desk: the plans her facilitators agreed, to approve.
registry.category("web_tour.tours").add("md_first_contact_orientador", {
    steps: () => [
        ...loginSteps("orientador_neiva"),
        {
            content: "Lands on the plans to approve, in Spanish",
            // The first load after logging in builds the web client's assets.
            timeout: 60000,
            trigger: ".o_list_view .o_data_row:contains('Borrador')",
        },
        notDiscuss,
        {
            content: "Opens the plan",
            trigger: ".o_list_view .o_data_row:contains('Borrador') .o_data_cell",
            run: "click",
        },
        {
            content: "Approves it",
            trigger: ".o_form_view button[name=action_design]:contains('Aprobar plan')",
            run: "click",
        },
        {
            content: "Approved: no approval button any more",
            trigger: ".o_form_view:not(:has(button[name=action_design]:visible))",
        },
    ],
});
