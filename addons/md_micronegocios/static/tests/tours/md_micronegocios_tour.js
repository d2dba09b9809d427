import { registry } from "@web/core/registry";

// A facilitator on a phone opens the program's cases and one of their own cases.
registry.category("web_tour.tours").add("md_micronegocios_facilitator_cases", {
    url: "/odoo/action-md_micronegocios.md_case_action",
    steps: () => [
        {
            content: "The facilitator's own case is on the board",
            trigger: ".o_kanban_record:contains('Tienda Doña Rosa')",
            run: "click",
        },
        {
            content: "The case opens in its form",
            trigger: ".o_form_view .o_field_widget[name='name'] textarea, .o_form_view .o_field_widget[name='name'] input",
        },
        {
            content: "Nobody else's case is listed",
            trigger: ".o_breadcrumb, .o_back_button",
            run: function () {
                if (document.body.textContent.includes("Caso de otra facilitadora")) {
                    throw new Error("A case of another facilitator is visible");
                }
            },
        },
    ],
});
