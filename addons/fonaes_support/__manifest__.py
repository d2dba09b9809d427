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
    "depends": ["micro_base", "account", "portal"],
    "data": [
        "security/fonaes_support_groups.xml",
        "views/fonaes_support_menus.xml",
    ],
    "application": True,
    "installable": True,
}
