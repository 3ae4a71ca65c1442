from django.urls import path

from . import views

app_name = "xborder"
urlpatterns = [
    path("cases/<str:number>/new/<str:action>/", views.new, name="new"),
    path("<int:pk>/act/<str:action>/", views.act, name="act"),
]
