"""The project served under another path, for `test_urls.test_both_follow_the_urlconf`."""

from django.urls import include, path

urlpatterns = [path("elders/", include("bereik.urls"))]
