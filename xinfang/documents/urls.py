from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.home, name="home"),
    path("<int:pk>/docx/", views.download_docx, name="docx"),
    path("<int:pk>/pdf/", views.download_pdf, name="pdf"),
    path("<int:pk>/delivery/", views.record_delivery, name="delivery"),
    path("case/<str:number>/issue/<str:kind>/", views.issue, name="issue"),
    path("templates/<int:pk>/download/", views.template_download, name="template-download"),
]
