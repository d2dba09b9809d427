{
    "name": "FONAES Supports",
    "summary": "FONAES supports to social enterprises: applications by folio, "
    "agreements, disbursements, proof of use, revolving repayment, trust funds, "
    "prudential rules and standardized financial statements",
    "version": "18.0.1.0.0",
    "category": "Services/Micro-enterprise Programs",
    "author": "Micro-enterprise Programs Suite",
    "website": "https://github.com/micro-enterprise-programs/suite",
    "license": "LGPL-3",
    "depends": ["micro_base", "account", "portal", "mail"],
    "data": [
        "security/fonaes_support_groups.xml",
        "security/ir.model.access.csv",
        "security/fonaes_support_rules.xml",
        "data/ir_sequence_data.xml",
        "data/fonaes_support_type_data.xml",
        "data/fonaes_document_type_data.xml",
        "data/fonaes_provision_bucket_data.xml",
        "data/ir_cron_data.xml",
        "report/fonaes_report_templates.xml",
        "report/fonaes_application_report.xml",
        "report/fonaes_agreement_report.xml",
        "report/fonaes_certificate_report.xml",
        "views/fonaes_application_views.xml",
        "views/fonaes_support_type_views.xml",
        "views/fonaes_agreement_views.xml",
        "views/fonaes_indicator_period_views.xml",
        "views/res_partner_views.xml",
        "views/fonaes_loan_views.xml",
        "views/fonaes_provision_run_views.xml",
        "views/fonaes_support_menus.xml",
    ],
    "demo": [
        "demo/fonaes_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "fonaes_support/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
