from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.people_index, name="index"),
    path("<str:slug>/", views.person_page, name="person"),
]
