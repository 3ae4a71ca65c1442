from django.urls import path

from . import views

app_name = "triage"
urlpatterns: list = [
    path("", views.home, name="home"),
    path("case/<str:number>/accept/", views.accept, name="accept"),
    path("case/<str:number>/correct/", views.correct, name="correct"),
    path("case/<str:number>/propose/", views.propose, name="propose"),
]
