from django.urls import path

from . import views

app_name = "resolution"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/<str:flow>/<str:action>/", views.new, name="new"),
    path("<str:flow>/<int:pk>/act/<str:action>/", views.act, name="act"),
    path("<str:flow>/<int:pk>/document/", views.document, name="document"),
    path("cases/<str:number>/rate/", views.rate, name="rate"),
    path("cases/<str:number>/retrospective/", views.retrospective, name="retrospective"),
]
