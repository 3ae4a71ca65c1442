from django.urls import path

from . import views

app_name = "suggestions"
urlpatterns = [
    path("", views.suggestion_list, name="list"),
    path("topics/", views.topic_list, name="topics"),
    path("new/", views.suggestion_new, name="new"),
    path("s/<str:number>/", views.suggestion_detail, name="detail"),
    path("s/<str:number>/act/<str:action>/", views.suggestion_act, name="act"),
]
