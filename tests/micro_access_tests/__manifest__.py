{
    "name": "Micro-enterprise Programs: External Access Tests",
    "summary": "Test-only addon: every role through the external API, production settings "
    "(installed by make test only)",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "author": "Micro-enterprise Programs Suite",
    "website": "https://github.com/micro-enterprise-programs/suite",
    "license": "LGPL-3",
    "depends": ["micro_base", "md_micronegocios", "pronafim_credit", "fonaes_support"],
    "data": [],
    "installable": True,
}
