from django.urls import path

from . import views

app_name = "joint"
urlpatterns = [
    path("", views.parts_mine, name="mine"),
    path("parts/<int:pk>/act/<str:action>/", views.part_act, name="act"),
    path("case/<str:number>/assign/", views.part_create, name="assign"),
]
