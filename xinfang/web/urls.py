from django.urls import path

from . import followups, views, workbench

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("queue/", workbench.queue, name="queue"),
    path("queue/export.xlsx", workbench.queue_export, name="queue-export"),
    path("queue/bulk/", workbench.queue_bulk, name="queue-bulk"),
    path("queue/views/", workbench.saved_view_save, name="saved-view-save"),
    path("queue/views/<int:pk>/delete/", workbench.saved_view_delete, name="saved-view-delete"),
    path("search/", views.search, name="search"),
    path("cases/new/", views.intake, name="intake"),
    path("cases/<str:number>/", views.case_detail, name="case"),
    path("cases/<str:number>/act/<str:action>/", views.case_act, name="case-act"),
    path("cases/<str:number>/attach/", views.case_attach, name="case-attach"),
    path("cases/<str:number>/attachments/<int:pk>/", views.case_attachment, name="case-attachment"),
    path("cases/<str:number>/print/", workbench.case_print, name="case-print"),
    path("cases/<str:number>/reveal/", views.case_reveal, name="case-reveal"),
    path("cases/<str:number>/route-followup/<int:pk>/", followups.route_followup,
         name="route-followup"),
    path("route-tracking/", followups.route_tracking, name="route-tracking"),
    path("prefs/<str:name>/<str:value>/", views.preference, name="pref"),
]
