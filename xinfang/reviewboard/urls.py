from django.urls import path

from . import views

app_name = "reviewboard"
urlpatterns = [
    path("", views.board, name="board"),
    path("referral/<int:pk>/", views.referral_detail, name="referral"),
    path("referral/<int:pk>/act/<str:action>/", views.referral_act, name="referral-act"),
    path("opinion/<int:pk>/act/<str:action>/", views.opinion_act, name="opinion-act"),
    path("case/<str:number>/opinion/", views.opinion_create, name="opinion-request"),
    path("case/<str:number>/refer/", views.referral_new, name="refer"),
]
