import { registry } from "@web/core/registry";

// The observatory analyst, at a desk: from the services pivot, Reporting → Program Report,
// picks the cycle and downloads the XLSX in one click.
registry.category("web_tour.tours").add("md_micronegocios_program_report", {
    steps: () => [
        {
            content: "Open the Reporting menu",
            trigger: ".o_menu_sections button:contains(Reporting)",
            run: "click",
        },
        {
            content: "Open the program report",
            trigger: ".dropdown-item:contains(Program Report)",
            run: "click",
        },
        {
            content: "Choose the cycle",
            trigger: ".modal .o_field_widget[name=cycle_id] input",
            run: "edit Tour 2021-1",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains(Tour 2021-1)",
            run: "click",
        },
        {
            content: "Download the XLSX: one click, no link to follow",
            trigger: ".modal footer button:contains(Download XLSX)",
            run: "click",
        },
        {
            content: "The dialog offers no second step (no file field to click)",
            trigger: ".modal:not(:has(.o_field_binary))",
        },
        {
            content: "Close",
            trigger: ".modal footer button:contains(Close)",
            run: "click",
        },
        {
            content: "Back on the services pivot",
            trigger: "body:not(:has(.modal)) .o_pivot",
        },
    ],
});
