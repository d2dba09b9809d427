import { registry } from "@web/core/registry";

// An applicant applies online for the emergency micro-credit (seed 000 §2): form,
// three documents uploaded, legal documents accepted, then follows the application.
const upload = (name) => ({
    content: `Upload ${name}`,
    trigger: `input[type='file'][name='${name}']`,
    run() {
        const input = document.querySelector(`input[type='file'][name='${name}']`);
        const transfer = new DataTransfer();
        transfer.items.add(new File(["%PDF-1.4 tour"], `${name}.pdf`, { type: "application/pdf" }));
        input.files = transfer.files;
    },
});

registry.category("web_tour.tours").add("pronafim_emergency_apply", {
    url: "/my/emergency",
    steps: () => [
        {
            content: "Apply",
            trigger: "a.o_emergency_apply",
            run: "click",
        },
        { content: "CURP", trigger: "input[name='curp']", run: "edit GOMA900215MDFRRN04" },
        {
            content: "Micro-business",
            trigger: "input[name='business_name']",
            run: "edit Fonda del Tour",
        },
        {
            content: "CLABE of the account",
            trigger: "input[name='clabe']",
            run: "edit 032180000118359719",
        },
        {
            content: "State: Mexico City",
            trigger: "select[name='state_id']",
            run() {
                const select = document.querySelector("select[name='state_id']");
                const option = [...select.options].find((o) => o.dataset.code === "CMX");
                select.value = option.value;
            },
        },
        upload("id_document"),
        upload("address_proof"),
        upload("business_proof"),
        { content: "Accept the legal documents", trigger: "#accept_legal", run: "click" },
        {
            content: "Submit",
            trigger: "form[action='/my/emergency/apply'] button[type='submit']",
            run: "click",
        },
        {
            content: "The application is submitted",
            trigger: ".o_emergency_state:contains('Submitted')",
        },
    ],
});

// A complaints officer (UNE) takes a complaint received from CONDUSEF and answers it.
registry.category("web_tour.tours").add("pronafim_complaint_answer", {
    url: "/odoo/action-pronafim_credit.pronafim_complaint_action",
    steps: () => [
        {
            content: "Open the complaint",
            trigger: ".o_data_row td:contains('F-TOUR-1')",
            run: "click",
        },
        { content: "Take it", trigger: "button[name='action_take']", run: "click" },
        {
            content: "In progress",
            trigger:
                ".o_statusbar_status button[data-value='in_progress'].o_arrow_button_current",
        },
        {
            content: "Write the response",
            trigger: ".o_field_widget[name='response'] textarea",
            run: "edit Se bonifica el cargo indebido.",
        },
        {
            content: "Outcome",
            trigger: ".o_field_widget[name='outcome'] select",
            run: 'select "in_favor"',
        },
        { content: "Answer", trigger: "button[name='action_answer']", run: "click" },
        {
            content: "Answered",
            trigger: ".o_statusbar_status button[data-value='answered'].o_arrow_button_current",
        },
    ],
});
