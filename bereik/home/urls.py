from django.urls import path

from bereik.home import views

urlpatterns = [path("", views.home, name="home")]
