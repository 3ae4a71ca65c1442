from django.urls import path

from . import views

app_name = "reception"
urlpatterns = [
    path("", views.session_list, name="list"),
    path("new/", views.session_new, name="new"),
    path("s/<str:number>/", views.session_detail, name="detail"),
    path("s/<str:number>/act/<str:action>/", views.session_act, name="act"),
    path("s/<str:number>/walk-in/", views.walk_in, name="walk-in"),
    path("b/<int:pk>/act/<str:action>/", views.booking_act, name="booking-act"),
]
