from django.urls import path

from . import views

app_name = "deliberation"
urlpatterns = [
    path("", views.topic_list, name="list"),
    path("new/", views.topic_new, name="new"),
    path("roster/", views.roster_page, name="roster"),
    path("t/<str:number>/", views.topic_detail, name="detail"),
    path("t/<str:number>/act/<str:action>/", views.topic_act, name="act"),
]
