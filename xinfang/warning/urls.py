app_name = "warning"
urlpatterns: list = []
