/** @odoo-module **/
import { registry } from "@web/core/registry";

// One person across programs: the contact form of a person known to every program. The
// form shows the first stat buttons and keeps the others under More (which ones depends on
// the width and on the order the addons were installed in): each program's button is
// looked for in either place, with More open.
const button = (name, count) => {
    const value = count ? " .o_stat_value:contains(" + count + ")" : "";
    return [".o_form_view .o-form-buttonbox", ".o_dropdown_more"]
        .map((box) => box + " button[name=" + name + "]" + value)
        .join(", ");
};

registry.category("web_tour.tours").add("micro_suite_one_person", {
    steps: () => [
        {
            content: "The other programs' buttons wait under More",
            trigger: ".o_form_view .o-form-buttonbox button.o_button_more",
            run: "click",
        },
        {
            content: "The FONAES support of the social enterprise whose roster lists them",
            trigger: button("action_fonaes_person_applications", 1),
        },
        {
            content: "The person's micro-business cases",
            trigger: button("action_md_person_cases", 1),
        },
        {
            content: "Their IMF micro-credits, found by the CURP",
            trigger: button("action_pronafim_person_microcredits", 1),
        },
        {
            content: "Their emergency credit",
            trigger: button("action_pronafim_person_emergency"),
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
