from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/domains/<int:number>/", views.entry_edit, name="entry"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
]
