{
    "name": "Micro-enterprise Programs: Background Job Tests",
    "summary": "Test-only addon: micro_base's background jobs (micro.job.mixin) with OCA "
    "queue_job, on a model of its own (installed by make test only)",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "author": "Micro-enterprise Programs Suite",
    "website": "https://github.com/micro-enterprise-programs/suite",
    "license": "LGPL-3",
    "depends": ["micro_base", "queue_job"],
    "data": ["security/ir.model.access.csv"],
    "installable": True,
}
