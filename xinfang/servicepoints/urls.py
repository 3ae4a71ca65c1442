from django.urls import path

from . import views

app_name = "servicepoints"
urlpatterns = [
    path("", views.need_list, name="list"),
    path("new/", views.need_new, name="new"),
    path("p/<int:point>/", views.point_detail, name="point"),
    path("n/<str:number>/", views.need_detail, name="detail"),
    path("n/<str:number>/act/<str:action>/", views.need_act, name="act"),
    path("consults/", views.consult_list, name="consults"),
    path("consults/new/<str:action>/", views.consult_new, name="consult-new"),
    path("consults/c/<str:number>/", views.consult_detail, name="consult"),
    path("consults/c/<str:number>/act/<str:action>/", views.consult_act, name="consult-act"),
    path("consults/day/<int:day>/<str:date>/", views.sitting_day, name="sitting-day"),
    path("sittings/<int:pk>/act/<str:action>/", views.sitting_act, name="sitting-act"),
]
