from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.home, name="home"),
    path("<int:pk>/", views.batch_page, name="batch"),
    path("<int:pk>/mapping/", views.batch_mapping, name="mapping"),
    path("<int:pk>/run/", views.batch_run, name="run"),
    path("<int:pk>/progress/", views.batch_progress, name="progress"),
    path("<int:pk>/errors.xlsx", views.batch_errors, name="errors"),
]
