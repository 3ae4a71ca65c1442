from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.message_list, name="list"),
    path("read-all/", views.message_read_all, name="read-all"),
    path("<int:pk>/open/", views.message_open, name="open"),
    path("<int:pk>/read/", views.message_read, name="read"),
]
