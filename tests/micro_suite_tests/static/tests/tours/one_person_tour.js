/** @odoo-module **/
import { registry } from "@web/core/registry";

// One person across programs: the contact form of a person known to every program.
registry.category("web_tour.tours").add("micro_suite_one_person", {
    steps: () => [
        {
            content: "The FONAES support of the social enterprise whose roster lists them",
            trigger:
                ".o_form_view button[name=action_fonaes_person_applications] .o_stat_value:contains(1)",
        },
        {
            content: "The other programs' buttons wait under More",
            trigger: ".o_form_view .o-form-buttonbox button.o_button_more",
            run: "click",
        },
        {
            content: "The person's micro-business cases",
            trigger: ".o_dropdown_more button[name=action_md_person_cases] .o_stat_value:contains(1)",
        },
        {
            content: "Their IMF micro-credits, found by the CURP",
            trigger:
                ".o_dropdown_more button[name=action_pronafim_person_microcredits] .o_stat_value:contains(1)",
        },
        {
            content: "Their emergency credit",
            trigger: ".o_dropdown_more button[name=action_pronafim_person_emergency]",
            run: "click",
        },
        {
            content: "Exactly that application",
            trigger: ".o_list_view .o_data_row:only-child:contains(Fonda María)",
        },
        {
            content: "Back to the person",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(María Gómez Rangel)",
            run: "click",
        },
    ],
});
