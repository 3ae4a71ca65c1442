from django.urls import path

from . import views

app_name = "warning"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.xlsx", views.dashboard_export, name="export"),
    path("list/", views.warning_list, name="list"),
    path("overdue/", views.overdue_list, name="overdue"),
    path("w/<str:number>/", views.warning_detail, name="detail"),
    path("w/<str:number>/act/<str:action>/", views.warning_act, name="act"),
    path("w/<str:number>/letter.docx", views.warning_letter, name="letter"),
]
