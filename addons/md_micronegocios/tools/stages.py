"""The bulletin's six stages read from the board's seven (issue 18, item 8).

The observatory's bulletin counts a case in six stages: its table of drop-outs by reason
and stage (bulletin 004, «Principales razones de no continuidad», 811 cases) has the
columns "1. Primer encuentro", "2. Segundo encuentro", "3. Tercer encuentro", "4. En
espera de plan de atención", "5. Planes de atención diseñados" and "6. Proceso finalizado
(Completo)". The case board keeps seven (spec md_micronegocios §2): it adds "6. En
seguimiento" between the designed plan and the finished process. A case in follow-up has a
designed plan and has not finished: the bulletin counts it in "5. Planes de atención
diseñados" (its text: "9 % contaban con plan de atención"), and the board's "7. Proceso
finalizado" is the bulletin's 6.

The board's stages are read by what each one requires (``crm.stage.md_gate``), not by
name or position: the first stage requires nothing.
"""

from .input_rules import BULLETIN

#: Where the six stages come from (cited wherever the six-stage figures are shown).
SOURCE_BULLETIN_STAGES = (
    BULLETIN + ", «Principales razones de no continuidad»: tabla de razones × etapa (6 etapas)"
)

#: The bulletin's six stages (selection values and English labels), in order.
BULLETIN_STAGES = [
    ("1", "1. First Meeting"),
    ("2", "2. Second Meeting"),
    ("3", "3. Third Meeting"),
    ("4", "4. Waiting for Attention Plan"),
    ("5", "5. Attention Plans Designed"),
    ("6", "6. Process Completed"),
]

#: The board's stage, by what it requires to enter (``md_gate``; ``False`` for the first
#: stage, which requires nothing), to the bulletin's stage it counts in.
BULLETIN_STAGE_OF_GATE = {
    False: "1",
    "meeting_1": "2",
    "meeting_2": "3",
    "diagnostic": "4",
    "plan": "5",
    "followup": "5",  # "6. En seguimiento": a designed plan, not finished yet
    "completed": "6",
}


def bulletin_stage(gate):
    """The bulletin's stage (``"1"``..``"6"``) of a board stage given by its ``md_gate``
    (``False``/``None`` for the first stage); ``None`` for an unknown requirement."""
    return BULLETIN_STAGE_OF_GATE.get(gate or False)


def to_bulletin_stages(counts_by_gate):
    """Counts per board stage (``{gate: n}``) summed per bulletin stage, every one of the
    six present (0 when empty), in the bulletin's order; counts of an unknown gate are left
    out (they are not a stage of the program's board)."""
    result = {value: 0 for value, _label in BULLETIN_STAGES}
    for gate, count in counts_by_gate.items():
        stage = bulletin_stage(gate)
        if stage is not None:
            result[stage] += count
    return result
