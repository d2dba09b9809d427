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
        "views/pronafim_credit_menus.xml",
    ],
    "application": True,
    "installable": True,
}
