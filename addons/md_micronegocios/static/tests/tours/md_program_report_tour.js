import { registry } from "@web/core/registry";

// The observatory analyst, at a desk: from the services pivot, Reporting → Program Report,
// picks the cycle, generates the XLSX and downloads it.
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
            content: "Generate the XLSX",
            trigger: ".modal button[name=action_generate_xlsx]",
            run: "click",
        },
        {
            content: "The report is ready to download",
            trigger: ".modal .o_field_widget[name=report_file]:contains(program_report_Tour 2021-1.xlsx)",
        },
        {
            content: "Download it",
            trigger: ".modal .o_field_widget[name=report_file] a, .modal .o_field_widget[name=report_file] button",
            run: "click",
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
