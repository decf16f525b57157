app_name = "lac"

urlpatterns = []
