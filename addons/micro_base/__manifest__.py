{
    "name": "Micro-enterprise Programs: Base",
    "summary": "Shared base of the micro-enterprise programs suite: business-day "
    "deadlines on official calendars, identity numbers, amounts in Spanish words",
    "version": "18.0.1.0.0",
    "category": "Services/Micro-enterprise Programs",
    "author": "Micro-enterprise Programs Suite",
    "website": "https://github.com/micro-enterprise-programs/suite",
    "license": "LGPL-3",
    "depends": ["mail", "resource", "contacts", "report_xlsx", "base_import"],
    "external_dependencies": {
        "python": ["python-stdnum", "num2words", "holidays", "openpyxl", "xlsxwriter"]
    },
    "data": [
        "security/micro_base_groups.xml",
        "security/micro_base_rules.xml",
        "security/ir.model.access.csv",
        "data/resource_calendar_data.xml",
        "data/ir_cron_data.xml",
        "views/resource_calendar_views.xml",
        "views/res_partner_views.xml",
    ],
    "demo": ["demo/micro_base_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "micro_base/static/src/**/*",
        ],
        "web.assets_tests": [
            "micro_base/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
