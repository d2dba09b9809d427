"""Ranges of the program's values and the official text each comes from (issue 16).

Cited in the refusal messages by document name and section (never a file name). The
source is the UNIMINUTO bulletin on the program (June 2021) and, for personal data, the
Colombian data-protection law.
"""

#: The program's official description.
BULLETIN = "Boletín «Programa Acompañamiento a Micronegocios MD», UNIMINUTO 2021"

#: The case's business data is the "valoración integral ... de su micronegocio": sales,
#: years operating and workers are amounts and counts, never negative.
SOURCE_VALUATION = BULLETIN + ", presentación: valoración integral del micronegocio"
#: "Plan de Atención de 10 o hasta 12 semanas".
SOURCE_PLAN = BULLETIN + ", presentación: Plan de Atención de 10 o hasta 12 semanas"
#: "Durante el semestre se destinan 16 semanas": a cycle is one semester.
SOURCE_CYCLE = BULLETIN + ", «Línea de tiempo de Acompañamiento»: 16 semanas por semestre"
#: Figure 9: lever scores and the five competence levels on a 0-100 scale.
SOURCE_LEVELS = BULLETIN + ", Figura 9: niveles de diagnóstico de las palancas (0 a 100)"
#: The diagnostic: each question is answered with one of its own answers.
SOURCE_DIAGNOSTIC = BULLETIN + ", «Diagnóstico y Plan de Atención»: diagnóstico por palancas"
#: Mentors take a number of plans at a time.
SOURCE_MENTORS = BULLETIN + ", Figura 10: planes de atención con mentorías"
#: Consent to personal-data processing is given before the data is stored.
SOURCE_CONSENT = "Ley 1581 de 2012 (Colombia), art. 9"

#: A semester has at most 26 weeks.
MAX_CYCLE_WEEKS = 26
#: Settings of the program (res.config.settings): (low, high, source) of each.
SETTING_RANGES = {
    "md_plan_weeks": (10, 12, SOURCE_PLAN),
    "md_weakest_levers": (1, 10, SOURCE_LEVELS),
    "md_templates_per_lever": (1, 10, SOURCE_PLAN),
    # "al realizar la mayoría de las actividades": a share of the plan's activities.
    "md_completion_threshold": (0.0, 1.0, SOURCE_PLAN),
    "md_mentor_wait_days": (0, 365, SOURCE_MENTORS),
}
