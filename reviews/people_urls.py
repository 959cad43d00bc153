from django.urls import path, re_path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.people_index, name="index"),
    re_path(r"^(?P<slug>[-\w]+)/$", views.person_page, name="person"),
]
