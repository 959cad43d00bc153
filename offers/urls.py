from django.urls import path

from . import views

app_name = "offers"

urlpatterns = [path("<slug:code>/", views.go, name="go")]
