"""Periodic jobs (run by the minute tick of core.tasks; they catch up after downtime)."""

from xinfang.core.jobs import periodic_job


@periodic_job("joint.part_sweep", hour=6, minute=25)
def sweep_joint_parts() -> str:
    """Every day at 06:25: flag joint-handling parts past their deadline and escalate them once to
    the bureau that assigned the case (Art. 40)."""
    from .workflow import part_sweep

    return part_sweep().line()
