"""The report page (mounted at the site's root) and the report-link API (under /api/v1/)."""

from django.urls import path

from reports import api, views

app_name = "reports"

urlpatterns = [
    path("report/<str:secret>/", views.report_page, name="page"),
]

api_urlpatterns = (
    [
        path(
            "babies/<uuid:baby_id>/report-links/", api.ReportLinkListView.as_view(), name="links"
        ),
        path(
            "babies/<uuid:baby_id>/report-links/<uuid:link_id>/",
            api.ReportLinkDetailView.as_view(),
            name="link",
        ),
    ],
    "report_links",
)
