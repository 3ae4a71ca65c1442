"""Keep the cached working-day calendar in step with the editable holiday table."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import calendar
from .models import CalendarYear, Holiday


@receiver([post_save, post_delete], sender=Holiday)
@receiver([post_save, post_delete], sender=CalendarYear)
def _calendar_changed(**kwargs: object) -> None:
    calendar.invalidate()
