{
    "name": "Micro-enterprise Programs: Cross-program Tests",
    "summary": "Test-only addon: one person across the programs (installed by make test only)",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "author": "Micro-enterprise Programs Suite",
    "website": "https://github.com/micro-enterprise-programs/suite",
    "license": "LGPL-3",
    "depends": ["micro_base", "md_micronegocios", "pronafim_credit", "fonaes_support"],
    "data": [],
    "assets": {
        "web.assets_tests": [
            "micro_suite_tests/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
