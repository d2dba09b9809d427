import { registry } from "@web/core/registry";

// The facilitator, on a phone: looks up the services on offer (one card each, with a
// phone to tap), then links a service of her city to an activity of an owner's plan —
// the choice offers her city's services and the national ones, not another city's.
registry.category("web_tour.tours").add("md_micronegocios_services_phone", {
    steps: () => [
        {
            content: "Services as cards on a phone",
            trigger: ".o_kanban_view .o_kanban_record:contains('Formación complementaria SENA')",
            run: "click",
        },
        {
            content: "Its contact phone can be tapped",
            trigger: ".o_form_view .o_field_widget[name=contact_phone] a[href^='tel:']",
            run: () => {
                window.location.href = "/odoo/action-md_micronegocios.md_plan_activity_action";
            },
        },
        {
            content: "An activity of the owner's plan",
            trigger: ".o_kanban_record:contains('Keep a daily record of sales and expenses')",
            run: "click",
        },
        {
            content: "Service: on a phone the field opens a search",
            trigger: ".o_form_view .o_field_widget[name=service_id] input",
            run: "click",
        },
        {
            content: "Her city's and the national services, not another city's",
            trigger:
                ".modal:has(.o_kanban_record:contains('Formalización Confecámaras')):not(:has(.o_kanban_record:contains('Taller Neiva')))",
        },
        {
            content: "Pick the SENA training",
            trigger: ".modal .o_kanban_record:contains('Formación complementaria SENA')",
            run: "click",
        },
        {
            content: "Chosen",
            trigger:
                "body:not(:has(.modal)) .o_field_widget[name=service_id] input:value(Formación complementaria SENA)",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view:not(:has(.o_form_button_save:visible))",
        },
    ],
});
