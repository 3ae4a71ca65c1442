from django.urls import path

from xinfang.deliberation import portal_views as deliberation
from xinfang.reception import portal_views as reception
from xinfang.servicepoints import portal_needs as needs
from xinfang.servicepoints import portal_views as sitting
from xinfang.suggestions import portal_views as suggestions

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("guide/", views.guide, name="guide"),
    path("privacy/", views.privacy, name="privacy"),
    path("submit/", views.submit, name="submit"),
    path("track/", views.track, name="track"),
    path("track/case/", views.case, name="case"),
    path("track/rate/", views.rate, name="rate"),
    path("track/request/<str:stage>/", views.request_review, name="request"),
    path("track/documents/<int:pk>/<str:fmt>/", views.document, name="document"),
    path("track/leave/", views.leave, name="leave"),
    path("suggestions/", suggestions.index, name="suggestions"),
    path("suggestions/new/", suggestions.submit, name="suggestion-submit"),
    path("suggestions/track/", suggestions.track, name="suggestion-track"),
    path("deliberation/", deliberation.index, name="deliberation"),
    path("deliberation/<str:number>/", deliberation.topic, name="deliberation-topic"),
    path("deliberation/<str:number>/verify/", deliberation.verify, name="deliberation-verify"),
    path("deliberation/<str:number>/vote/", deliberation.vote, name="deliberation-vote"),
    path("deliberation/<str:number>/comment/", deliberation.comment, name="deliberation-comment"),
    path("deliberation/<str:number>/leave/", deliberation.leave, name="deliberation-leave"),
    path("reception/", reception.rota, name="reception"),
    path("reception/<str:number>/book/", reception.book, name="reception-book"),
    path("reception/booking/", reception.lookup, name="reception-lookup"),
    path("reception/booking/cancel/", reception.cancel, name="reception-cancel"),
    path("sitting/", sitting.index, name="sitting"),
    path("sitting/<int:day>/<str:date>/book/", sitting.book, name="sitting-book"),
    path("sitting/booking/", sitting.lookup, name="sitting-lookup"),
    path("sitting/booking/cancel/", sitting.cancel, name="sitting-cancel"),
    path("needs/", needs.index, name="needs"),
    path("needs/<int:point>/new/", needs.submit, name="need-submit"),
    path("needs/track/", needs.track, name="need-track"),
]
