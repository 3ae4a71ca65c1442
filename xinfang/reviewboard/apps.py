from django.apps import AppConfig


class ReviewboardConfig(AppConfig):
    name = "xinfang.reviewboard"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "复查复核律师与委员会"

    def ready(self) -> None:
        from xinfang.web.panels import case_form_initial, case_panel

        from . import events, workflow  # noqa: F401  (event types; the case guard of Art. 35, 36)
        from .panels import opinion_initial, review_panel

        case_panel(order=45)(review_panel)
        case_form_initial(opinion_initial)
