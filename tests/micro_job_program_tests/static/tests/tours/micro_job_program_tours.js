import { registry } from "@web/core/registry";

// Issue 20: the FONAES accountant's month-end provisioning run as a background job, seen on
// its form: a progress bar while it waits or runs; its error and a Retry button when failed.
registry.category("web_tour.tours").add("micro_job_provision_run_queued", {
    steps: () => [
        {
            content: "The run is queued: its progress bar, no figures yet",
            trigger: ".o_form_view .alert-info .o_field_progressbar",
        },
        {
            content: "No Retry button while it waits",
            trigger: ".o_form_view:not(:has(button[name=action_micro_job_retry]:visible))",
            run() {
                console.log("micro-screen:01_corrida_en_cola");
            },
        },
    ],
});

registry.category("web_tour.tours").add("micro_job_provision_run_failed", {
    steps: () => [
        {
            content: "The failed run shows the error of its rating",
            trigger: ".o_form_view .o_field_widget[name=micro_job_message]:contains('FONAES')",
        },
        {
            content: "and a Retry button, no progress bar",
            trigger:
                ".o_form_view:not(:has(.o_field_progressbar)) button[name=action_micro_job_retry]",
            run() {
                console.log("micro-screen:02_corrida_fallida");
            },
        },
    ],
});
