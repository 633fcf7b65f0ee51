app_name = "retex"

urlpatterns = []
