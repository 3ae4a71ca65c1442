app_name = "resolution"
urlpatterns: list = []
