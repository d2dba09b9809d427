{
    "name": "PRONAFIM Credit Lines",
    "summary": "Credit lines from the PRONAFIM trust to microfinance institutions, "
    "committee, schedules, accounting, non-credit supports; FONDESO emergency "
    "microcredit; CONDUSEF complaints desk",
    "version": "18.0.1.0.0",
    "category": "Services/Micro-enterprise Programs",
    "author": "Micro-enterprise Programs Suite",
    "website": "https://github.com/micro-enterprise-programs/suite",
    "license": "LGPL-3",
    "depends": ["micro_base", "account", "portal"],
    "data": [
        "security/pronafim_credit_groups.xml",
        "security/ir.model.access.csv",
        "security/pronafim_credit_rules.xml",
        "data/pronafim_size_class_data.xml",
        "data/pronafim_eligibility_item_data.xml",
        "data/pronafim_deadline_data.xml",
        "data/pronafim_credit_type_data.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "report/pronafim_committee_reports.xml",
        "views/res_partner_views.xml",
        "views/pronafim_config_views.xml",
        "views/pronafim_application_views.xml",
        "views/pronafim_committee_views.xml",
        "views/pronafim_credit_line_views.xml",
        "views/pronafim_portal_templates.xml",
        "views/pronafim_credit_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "pronafim_credit/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
