import { registry } from "@web/core/registry";
import { inputFiles } from "@web/../tests/utils";

// A 1×1 PNG: the "photo" the facilitator takes with the phone.
const PHOTO =
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVQIW2P4v5ThPwAG7wKklwQ/bwAAAABJRU5ErkJggg==";
const QUESTIONS = 20;
const ANSWERS = ["Not at all", "A little", "Mostly", "Fully"];

function answerSteps() {
    // One tap per question: the answers are radio buttons on each question's card.
    const steps = [];
    for (let i = 0; i < QUESTIONS; i++) {
        const answer = ANSWERS[i % ANSWERS.length];
        const card = `.o_field_widget[name=response_ids] .o_kanban_record:not(.o_kanban_ghost):eq(${i})`;
        steps.push(
            {
                content: `Answer question ${i + 1}: ${answer}`,
                trigger: `${card} .o_md_answer label:contains("${answer}")`,
                run: "click",
            },
            {
                content: `Question ${i + 1} answered`,
                trigger: `${card} .o_md_answer input:checked`,
            }
        );
    }
    return steps;
}

// The facilitator's day on a phone: register a micro-business with its owner (consent
// first), record a meeting, fill and generate the diagnostic, then log evidence of an
// activity of an approved plan with a photo.
registry.category("web_tour.tours").add("md_micronegocios_facilitator_flow", {
    url: "/odoo/action-md_micronegocios.md_case_action",
    steps: () => [
        {
            content: "The facilitator's own case is on the board, nobody else's",
            trigger: ".o_kanban_record:contains('Tienda Doña Rosa')",
            run: function () {
                if (document.body.textContent.includes("Caso de otra facilitadora")) {
                    throw new Error("A case of another facilitator is visible");
                }
            },
        },
        {
            content: "Register a micro-business",
            trigger: ".o_kanban_renderer",
            run: () => {
                window.location.href = "/odoo/action-md_micronegocios.md_case_action/new";
            },
        },
        {
            content: "Name of the micro-business",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Tienda La Esquina",
        },
        {
            content: "Owner: on a phone the field opens a search",
            trigger: ".o_form_view .o_field_widget[name=partner_id] input",
            run: "click",
        },
        {
            content: "A new contact",
            trigger: ".modal .modal-footer button:contains('New')",
            run: "click",
        },
        {
            content: "The owner's name",
            trigger: ".modal .o_form_view .o_field_widget[name=name] input",
            run: "edit Carmen Ruiz",
        },
        {
            content: "Consent comes first",
            trigger: ".modal .o_field_widget[name=md_consent_date] input",
            run: "edit 03/01/2021",
        },
        {
            content: "Consent channel",
            trigger: ".modal .o_field_widget[name=md_consent_channel] select",
            run: 'select "written"',
        },
        {
            content: "Identity document",
            trigger: ".modal .o_field_widget[name=md_identity_type] select",
            run: 'select "cc"',
        },
        {
            content: "Document number",
            trigger: ".modal .o_field_widget[name=identity_number] input",
            run: "edit 1020304050",
        },
        {
            content: "Birth date",
            trigger: ".modal .o_field_widget[name=birth_date] input",
            run: "edit 05/14/1975",
        },
        {
            content: "Save the owner",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The owner is on the case",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=partner_id] input:value(Carmen Ruiz)",
        },
        {
            content: "Save the case",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Record a meeting",
            trigger: ".o_md_phone_actions button[name=action_md_record_meeting]",
            run: "click",
        },
        {
            content: "By phone",
            trigger: ".o_form_view .o_field_widget[name=md_mode] select",
            run: 'select "phone"',
        },
        {
            content: "What was talked about",
            trigger: ".o_form_view .o_field_widget[name=description] .odoo-editor-editable, .o_form_view .o_field_widget[name=description] textarea",
            run: "editor Primer encuentro: valoración integral.",
        },
        {
            content: "Back to the case (the meeting is saved on the way)",
            trigger: ".o_back_button, .o_breadcrumb .o_back_button",
            run: "click",
        },
        {
            content: "The case shows its meeting",
            trigger: ".o_form_view .o_field_widget[name=name] input:value(Tienda La Esquina)",
        },
        {
            content: "The case counts the meeting",
            trigger: ".o_md_phone_actions button[name=action_md_diagnostic]",
            run: "click",
        },
        {
            content: "The questionnaire is on the phone",
            trigger: ".o_field_widget[name=response_ids] .o_kanban_record",
        },
        ...answerSteps(),
        {
            content: "Generate the diagnostic",
            trigger: ".o_md_phone_actions button[name=action_generate]",
            run: "click",
        },
        {
            content: "The diagnostic is generated",
            trigger: ".o_md_phone_actions button[name=action_print]",
        },
        {
            content: "Go to the plan activities",
            trigger: ".o_form_view",
            run: () => {
                window.location.href = "/odoo/action-md_micronegocios.md_plan_activity_action";
            },
        },
        {
            content: "An activity of an approved plan",
            trigger: ".o_kanban_record:contains('Keep a daily record of sales and expenses')",
            run: "click",
        },
        {
            content: "What was done",
            trigger: ".o_form_view .o_field_widget[name=evidence_note] textarea",
            run: "edit Registra ventas diarias en el cuaderno desde el lunes.",
        },
        {
            content: "Take a photo",
            trigger: ".o_form_view .o_field_widget[name=evidence_photo]",
            async run() {
                const blob = await (await fetch(PHOTO)).blob();
                await inputFiles(".o_field_widget[name=evidence_photo] input[type=file]", [
                    new File([blob], "evidencia.png", { type: "image/png" }),
                ]);
            },
        },
        {
            content: "The photo is there",
            trigger: ".o_field_widget[name=evidence_photo] img[src*='image/png'], .o_field_widget[name=evidence_photo] img[src*='evidence_photo']",
        },
        {
            content: "Mark the activity done",
            trigger: ".o_md_phone_actions button[name=action_done]",
            run: "click",
        },
        {
            content: "Done",
            trigger: ".o_form_view .o_field_widget[name=done_date]:not(:has(.o_field_empty))",
        },
    ],
});
