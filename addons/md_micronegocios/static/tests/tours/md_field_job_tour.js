import { registry } from "@web/core/registry";
import { loginSteps } from "@micro_base/../tests/tours/micro_tour_steps";
import { inputFiles } from "@web/../tests/utils";

// A 1×1 PNG: the photo the facilitator takes with the phone's camera.
const PHOTO =
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVQIW2P4v5ThPwAG7wKklwQ/bwAAAABJRU5ErkJggg==";
const QUESTIONS = 20;

// The steps that are a tap or a fill of the facilitator (issue 17: at most 45 from the
// login page to the first evidence). Checks and screenshots are not taps.
const taps = new WeakSet();
function tap(step) {
    taps.add(step);
    return step;
}
function screen(name, scrollTo) {
    return {
        content: `Screenshot ${name}`,
        trigger: scrollTo || "body",
        run() {
            if (scrollTo) {
                document.querySelector(scrollTo).scrollIntoView({ block: "start" });
            }
            console.log(`micro-screen:${name}`);
        },
    };
}

function answerSteps() {
    const steps = [];
    for (let i = 0; i < QUESTIONS; i++) {
        // One tap per question: an answer of the card's radio buttons (weakest to best).
        const k = i % 4;
        steps.push(
            tap({
                content: `Question ${i + 1}: one tap on an answer`,
                trigger: `.o_md_question_kanban .o_kanban_record:not(.o_kanban_ghost):eq(${i}) .o_md_answer input:eq(${k})`,
                run: "click",
            }),
            {
                content: `Question ${i + 1} answered`,
                trigger: `.o_md_question_kanban .o_kanban_record:not(.o_kanban_ghost):eq(${i}) .o_md_answer input:eq(${k}):checked`,
            }
        );
        if (i === 4) {
            steps.push(screen("06_diagnostico_un_toque"));
        }
    }
    return steps;
}

// The facilitator's field job on her phone, in Colombian Spanish, on the demo data: log in,
// register a micro-business with its owner, record the meeting, answer the diagnostic, see
// the plan, log an activity of an approved plan with a photo.
function fieldJobSteps() {
    const steps = [
        ...loginSteps("facilitadora_neiva_1").map(tap),
        {
            content: "Lands on her week",
            // The first load after logging in builds the web client's assets.
            timeout: 60000,
            trigger: ".o_md_plan_activity_kanban .o_kanban_record",
        },
        screen("01_mi_semana"),
        tap({ content: "The program's menu", trigger: ".o_menu_toggle", run: "click" }),
        tap({
            content: "Cases",
            trigger: ".o_app_menu_sidebar [data-menu-xmlid='md_micronegocios.md_case_menu']",
            run: "click",
        }),
        {
            content: "Her board",
            trigger: ".o_md_case_kanban .o_kanban_record",
        },
        screen("02_tablero"),
        tap({ content: "Register a micro-business", trigger: ".o-kanban-button-new", run: "click" }),
        tap({
            content: "Name of the micro-business",
            trigger: ".o_md_case_form .o_field_widget[name=name] input",
            run: "edit Tienda La Esquina",
        }),
        tap({
            content: "Owner: the field opens the search of her owners",
            trigger: ".o_md_case_form .o_field_widget[name=partner_id] input",
            run: "click",
        }),
        {
            content: "Only program owners are offered (no companies of the demo)",
            trigger: ".modal .o_kanban_record, .modal .o_view_nocontent, .modal .o_data_row",
            run() {
                const text = document.querySelector(".modal").textContent;
                for (const other of ["Azure Interior", "Deco Addict", "Gemini Furniture"]) {
                    if (text.includes(other)) {
                        throw new Error(`The owner picker offers ${other}`);
                    }
                }
            },
        },
        screen("03_selector_propietarios"),
        tap({
            content: "A new owner",
            trigger: ".modal .modal-footer button.o_create_button, .modal .modal-footer button:contains('Nuevo')",
            run: "click",
        }),
        {
            content: "The program's owner form: no contact clutter",
            trigger: ".modal .o_md_owner_form",
            run() {
                const form = document.querySelector(".modal .o_md_owner_form");
                for (const name of ["company_type", "function", "website", "category_id", "vat"]) {
                    if (form.querySelector(`.o_field_widget[name=${name}]`)) {
                        throw new Error(`The owner form shows ${name}`);
                    }
                }
                const options = [
                    ...form.querySelectorAll(".o_field_widget[name=md_identity_type] option"),
                ].map((o) => o.textContent);
                if (options.some((o) => /CURP|RFC/.test(o))) {
                    throw new Error("The owner form offers Mexican documents");
                }
            },
        },
        tap({
            content: "The owner's name",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Carmen Ruiz",
        }),
        tap({
            content: "Consent first: its date",
            trigger: ".modal .o_field_widget[name=md_consent_date] input",
            run: "edit 01/03/2021",
        }),
        tap({
            content: "Consent channel",
            trigger: ".modal .o_field_widget[name=md_consent_channel] select",
            run: 'select "written"',
        }),
        tap({
            content: "Document number (a cédula unless changed)",
            trigger: ".modal .o_field_widget[name=identity_number] input:not([readonly])",
            run: "edit 1020304050",
        }),
        screen("04_propietaria"),
        tap({ content: "Save the owner", trigger: ".modal .o_form_button_save", run: "click" }),
        {
            content: "The owner is on the case",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=partner_id] input:value(Carmen Ruiz)",
        },
        tap({
            content: "Record a meeting (the case is saved on the way)",
            trigger: ".o_md_phone_actions button[name=action_md_record_meeting]",
            run: "click",
        }),
        tap({
            content: "What was talked about",
            trigger: ".o_form_view .o_field_widget[name=description] .odoo-editor-editable",
            run: "editor Primer encuentro: valoración integral.",
        }),
        screen("05_encuentro"),
        tap({
            content: "Back to the case (the meeting is saved on the way)",
            trigger: ".o_back_button",
            run: "click",
        }),
        {
            content: "The meeting is counted in sight, and the case moved on its own",
            trigger: ".o_md_phone_actions .o_md_meetings:contains(1)",
        },
        {
            content: "The board followed the fact: the case is in the second stage",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(2.), .o_statusbar_status button.active:contains(2.), .o_statusbar_status .dropdown-toggle:contains(2.)",
        },
        screen("05b_caso_con_encuentro"),
        tap({
            content: "The diagnostic",
            trigger: ".o_md_phone_actions button[name=action_md_diagnostic]",
            run: "click",
        }),
        ...answerSteps(),
        screen("07_diagnostico_respondido"),
        tap({
            content: "Generate the diagnostic",
            trigger: ".o_md_phone_actions button[name=action_generate]",
            run: "click",
        }),
        {
            content: "The results, levers by name",
            trigger: ".o_md_lever_result_kanban .o_kanban_record",
        },
        screen("08_resultados", ".o_md_lever_result_kanban"),
        tap({
            content: "Its attention plan",
            trigger: ".o_md_phone_actions button[name=action_generate_plan]",
            run: "click",
        }),
        {
            content: "The plan proposed from the diagnostic, activities as cards",
            trigger: ".o_form_view .o_field_widget[name=plan_activity_ids] .o_kanban_record",
        },
        screen("09_plan", ".o_field_widget[name=plan_activity_ids]"),
        tap({ content: "The program's menu", trigger: ".o_menu_toggle", run: "click" }),
        tap({
            content: "Activities",
            trigger: ".o_app_menu_sidebar [data-menu-xmlid='md_micronegocios.md_plan_activity_menu']",
            run: "click",
        }),
        {
            content: "Activities of approved plans, as cards",
            trigger: ".o_md_plan_activity_kanban .o_kanban_record",
        },
        screen("10_actividades"),
        tap({
            content: "The first one due",
            trigger: ".o_md_plan_activity_kanban .o_kanban_record:first",
            run: "click",
        }),
        {
            content: "The camera is one tap away",
            trigger: ".o_form_view .o_field_widget[name=evidence_photo] img",
            run() {
                const input = document.querySelector(
                    ".o_field_widget[name=evidence_photo] input[type=file]"
                );
                input.addEventListener("click", (ev) => {
                    window.mdCameraOpened = true;
                    ev.preventDefault(); // no file chooser in a headless browser
                });
                document
                    .querySelector(".o_field_widget[name=evidence_note]")
                    .scrollIntoView({ block: "start" });
                console.log("micro-screen:11_actividad");
            },
        },
        tap({
            content: "Tap the picture: the camera opens",
            trigger: ".o_form_view .o_field_widget[name=evidence_photo] img",
            run: "click",
        }),
        {
            content: "The photo taken",
            trigger: "body",
            async run() {
                if (!window.mdCameraOpened) {
                    throw new Error("Tapping the picture did not open the camera");
                }
                const blob = await (await fetch(PHOTO)).blob();
                await inputFiles(".o_field_widget[name=evidence_photo] input[type=file]", [
                    new File([blob], "evidencia.png", { type: "image/png" }),
                ]);
            },
        },
        {
            content: "The first evidence is there",
            trigger: ".o_field_widget[name=evidence_photo] img[src*='image/png'], .o_field_widget[name=evidence_photo] img[src*='evidence_photo']",
        },
    ];
    const firstEvidence = steps.filter((step) => taps.has(step)).length;
    steps.push(
        tap({
            content: "What was done",
            trigger: ".o_form_view .o_field_widget[name=evidence_note] textarea",
            run: "edit Registra ventas diarias en el cuaderno desde el lunes.",
        }),
        screen("12_evidencia", ".o_field_widget[name=evidence_note]"),
        tap({
            content: "Mark it done",
            trigger: ".o_md_phone_actions button[name=action_done]",
            run: "click",
        }),
        {
            content: "Done",
            trigger: ".o_form_view:not(:has(.o_md_phone_actions button[name=action_done]))",
        },
        screen("13_hecho"),
        // Her plans, as cards on the phone.
        tap({ content: "The program's menu", trigger: ".o_menu_toggle", run: "click" }),
        tap({
            content: "Attention plans",
            trigger: ".o_app_menu_sidebar [data-menu-xmlid='md_micronegocios.md_plan_menu']",
            run: "click",
        }),
        {
            content: "Plans as cards: case, owner, facilitator, share done and state",
            trigger: ".o_md_plan_kanban .o_kanban_record:contains('Tienda La Esquina')",
        }
    );
    const total = steps.filter((step) => taps.has(step)).length;
    steps.push({
        content: "Count the taps",
        trigger: "body",
        run() {
            console.log(`md-taps:${firstEvidence}:${total}`);
            console.log("micro-screen:14_planes");
        },
    });
    return steps;
}

registry.category("web_tour.tours").add("md_facilitator_field_job", {
    steps: fieldJobSteps,
});
