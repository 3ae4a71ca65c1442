from django.urls import path

from . import views

app_name = "riskreview"
urlpatterns = [
    path("", views.decision_list, name="list"),
    path("new/", views.decision_new, name="new"),
    path("d/<str:number>/", views.decision_detail, name="detail"),
    path("d/<str:number>/act/<str:action>/", views.decision_act, name="act"),
]
