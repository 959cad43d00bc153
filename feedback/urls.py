from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("comment/<int:page_id>/", views.post_comment, name="post_comment"),
    path("comment/<int:page_id>/start/", views.start_comment, name="start_comment"),
    path("rate/<int:page_id>/", views.rate_review, name="rate_review"),
]
