import { registry } from "@web/core/registry";

// An applicant applies online for the emergency micro-credit (FONDESO, Atención por
// medios digitales, §2): form, three documents uploaded, legal documents accepted, then
// follows the application.
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

// Save the screen as the user sees it (MicroScreensMixin), then let the capture happen.
const screen = (name) => ({
    content: `Screenshot ${name}`,
    trigger: "body",
    async run() {
        console.log(`micro-screen:${name}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
    },
});

// A visitor of Mexico City, logged out, on a phone: from the public page of the program,
// signs up, fills in the form (one refusal: nothing typed, ticked or attached is lost),
// sends it, reads the receipt in Mexico City time and finds the tile in "My Account".
registry.category("web_tour.tours").add("pronafim_emergency_visitor", {
    url: "/credito-emergencia",
    steps: () => [
        {
            content: "The public page says who qualifies and what to bring, in Spanish",
            trigger: "html[lang='es-MX'] .o_emergency_public .o_emergency_source",
        },
        screen("01_pagina_publica"),
        {
            content: "Create my account and apply",
            trigger: "a.o_emergency_signup",
            run: "click",
        },
        {
            content: "The sign-up page names the program",
            trigger: ".o_emergency_auth_banner",
        },
        { content: "E-mail", trigger: "input[name='login']", run: "edit rosa.tour@example.com" },
        { content: "Name", trigger: "input[name='name']", run: "edit Rosa Gómez Martínez" },
        { content: "Password", trigger: "input[name='password']", run: "edit Fondeso.2021!" },
        {
            content: "Confirm password",
            trigger: "input[name='confirm_password']",
            run: "edit Fondeso.2021!",
        },
        screen("02_registro"),
        { content: "Sign up", trigger: ".oe_signup_form button[type='submit']", run: "click" },
        {
            content: "Back on the application form, only Mexico City offered",
            trigger: "form[action='/my/emergency/apply'] select[name='state_id']",
            run() {
                const options = [...this.anchor.options];
                if (options.length !== 1 || options[0].dataset.code !== "CMX") {
                    throw new Error(`States offered: ${options.map((o) => o.text)}`);
                }
            },
        },
        {
            content: "CURP (a typo in the last digit)",
            trigger: "input[name='curp']",
            run: "edit GOMA900215MDFRRN05",
        },
        {
            content: "Micro-business",
            trigger: "input[name='business_name']",
            run: "edit Fonda del Tour",
        },
        {
            content: "Business activity",
            trigger: "input[name='business_activity']",
            run: "edit Comida corrida",
        },
        {
            content: "CLABE of the account",
            trigger: "input[name='clabe']",
            run: "edit 032180000118359719",
        },
        upload("id_document"),
        upload("address_proof"),
        upload("business_proof"),
        { content: "Accept the legal documents", trigger: "#accept_legal", run: "click" },
        screen("03_solicitud"),
        {
            content: "Submit",
            trigger: "form[action='/my/emergency/apply'] button[type='submit']",
            run: "click",
        },
        {
            content: "Refused: the reason, with what was typed, ticked and attached kept",
            trigger: ".o_emergency_errors",
        },
        { trigger: "input[name='business_name'][value='Fonda del Tour']" },
        { trigger: "input[name='clabe'][value='032180000118359719']" },
        { trigger: "#accept_legal:checked" },
        { trigger: ".o_emergency_kept[data-document='id_document']" },
        { trigger: ".o_emergency_kept[data-document='address_proof']" },
        { trigger: ".o_emergency_kept[data-document='business_proof']" },
        screen("04_rechazo_conserva_datos"),
        {
            content: "The documents received are kept, the terms still accepted",
            trigger: ".o_emergency_kept[data-document='business_proof']",
            run() {
                document.querySelector("#accept_legal").scrollIntoView({ block: "end" });
            },
        },
        screen("05_documentos_conservados"),
        {
            content: "Correct the CURP only",
            trigger: "input[name='curp']",
            run: "edit GOMA900215MDFRRN04",
        },
        {
            content: "Submit again",
            trigger: "form[action='/my/emergency/apply'] button[type='submit']",
            run: "click",
        },
        {
            content: "The receipt, in Mexico City time",
            trigger: ".o_emergency_receipt",
        },
        {
            content: "Submitted",
            trigger: ".o_emergency_state:contains('Enviada'), .o_emergency_state:contains('Submitted')",
        },
        screen("06_acuse"),
        {
            content: "Back to My Account",
            trigger: ".o_portal_submenu a[href='/my/home']",
            run: "click",
        },
        {
            content: "The emergency micro-credit tile",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/emergency']",
        },
        { content: "Counters loaded", trigger: "body:not(:has(.o_portal_doc_spinner))" },
        screen("07_mi_cuenta"),
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
