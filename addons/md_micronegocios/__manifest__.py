{
    "name": "Micro-business Accompaniment (UNIMINUTO MD)",
    "summary": "Case management on CRM for the program that accompanies informal "
    "micro-businesses: pipeline, diagnostic, attention plans, mentors, evidence",
    "version": "18.0.1.0.0",
    "category": "Services/Micro-enterprise Programs",
    "author": "Micro-enterprise Programs Suite",
    "website": "https://github.com/micro-enterprise-programs/suite",
    "license": "LGPL-3",
    "depends": ["micro_base", "crm", "calendar"],
    "data": [
        "security/md_micronegocios_groups.xml",
        "security/ir.model.access.csv",
        "security/md_micronegocios_rules.xml",
        "data/crm_team_data.xml",
        "data/crm_stage_data.xml",
        "data/md_program_data.xml",
        "views/md_cycle_views.xml",
        "views/crm_lead_views.xml",
        "views/res_users_views.xml",
        "views/md_micronegocios_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "md_micronegocios/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
