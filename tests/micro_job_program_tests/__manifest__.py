{
    "name": "Micro-enterprise Programs: Background Jobs of the Programs (Tests)",
    "summary": "Test-only addon: the programs' long operations (CONDUSEF file import, FONAES "
    "month-end provisioning, FONAES statements workbook) as background jobs with OCA "
    "queue_job (installed by make test only)",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "author": "Micro-enterprise Programs Suite",
    "website": "https://github.com/micro-enterprise-programs/suite",
    "license": "LGPL-3",
    "depends": ["md_micronegocios", "pronafim_credit", "fonaes_support", "queue_job"],
    "data": [],
    "assets": {
        "web.assets_tests": [
            "micro_job_program_tests/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
