from django.urls import path

from . import views

app_name = "api"
urlpatterns = [
    path("cases/", views.CaseListCreate.as_view(), name="cases"),
    path("cases/search/", views.CaseSearch.as_view(), name="case-search"),
    path("cases/<str:number>/", views.CaseDetail.as_view(), name="case"),
    path("cases/<str:number>/actions/", views.CaseActions.as_view(), name="case-actions"),
    path("cases/<str:number>/transitions/", views.CaseTransition.as_view(), name="case-transition"),
]
