from django.urls import path

from . import views

app_name = "servicepoints"
urlpatterns = [
    path("", views.need_list, name="list"),
    path("new/", views.need_new, name="new"),
    path("p/<int:point>/", views.point_detail, name="point"),
    path("n/<str:number>/", views.need_detail, name="detail"),
    path("n/<str:number>/act/<str:action>/", views.need_act, name="act"),
]
