from django.urls import path

from . import conference_views as cv
from . import views

app_name = "institutions"
urlpatterns = [
    path("urgent/", views.urgent_list, name="urgent-list"),
    path("urgent/<int:pk>/", views.urgent_detail, name="urgent-detail"),
    path("urgent/receipt/<int:pk>/act/<str:action>/", views.receipt_act, name="receipt-act"),
    path("urgent/case/<str:number>/report/", views.report_create, name="urgent-report"),
    path("annual/", views.annual_page, name="annual"),
    path("conference/", cv.conference_page, name="conference"),
    path("conference/plan/", cv.meeting_plan, name="meeting-plan"),
    path("meetings/<int:pk>/", cv.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/act/<str:action>/", cv.meeting_act, name="meeting-act"),
    path("meetings/<int:pk>/decide/", cv.decision_create, name="decision-create"),
    path("decisions/", cv.decisions_mine, name="decisions"),
    path("decisions/<int:pk>/act/<str:action>/", cv.decision_act, name="decision-act"),
    path("disputes/", cv.disputes_list, name="disputes"),
    path("disputes/<int:pk>/", cv.dispute_detail, name="dispute"),
    path("disputes/<int:pk>/act/<str:action>/", cv.dispute_act, name="dispute-act"),
    path("disputes/case/<str:number>/raise/", cv.dispute_create, name="dispute-raise"),
]
