{
    "name": "Micro-enterprise Programs: Base for Accounting",
    "summary": "Bridge of micro_base and account: a journal entry posted by a program's "
    "step is corrected by that record's reversing step, not reset to draft by hand",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "author": "Micro-enterprise Programs Suite",
    "website": "https://github.com/micro-enterprise-programs/suite",
    "license": "LGPL-3",
    "depends": ["micro_base", "account"],
    "demo": ["demo/micro_base_account_demo.xml"],
    "auto_install": True,
    "installable": True,
}
