from django.urls import path

from . import views

app_name = "institutions"
urlpatterns = [
    path("urgent/", views.urgent_list, name="urgent-list"),
    path("urgent/<int:pk>/", views.urgent_detail, name="urgent-detail"),
    path("urgent/receipt/<int:pk>/act/<str:action>/", views.receipt_act, name="receipt-act"),
    path("urgent/case/<str:number>/report/", views.report_create, name="urgent-report"),
    path("annual/", views.annual_page, name="annual"),
]
