from django.urls import path

from . import views

app_name = "whistle"
urlpatterns = [
    path("", views.whistle_list, name="list"),
    path("new/", views.whistle_new, name="new"),
    path("w/<str:number>/", views.whistle_detail, name="detail"),
    path("w/<str:number>/act/<str:action>/", views.whistle_act, name="act"),
    path("w/<str:number>/photo/<int:pk>/", views.whistle_photo, name="photo"),
    path("w/<str:number>/photo/<int:pk>/thumb/", views.whistle_photo, {"thumb": True},
         name="photo-thumb"),
]
