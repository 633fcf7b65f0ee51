app_name = "roadmaps"

urlpatterns = []
