"""Admin reports: readers' clicks on offers (table, chart, spreadsheet) and the offers' links.

Both are Wagtail report views, so the filters, the CSV and XLSX downloads and the permission
checks are Wagtail's own.
"""

import datetime
from dataclasses import dataclass

import django_filters
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import BROKEN_FOR, ClickCount, Offer, Service

DEFAULT_PERIOD = datetime.timedelta(days=29)  # thirty days, today included
LONGEST_PERIOD = datetime.timedelta(days=366)


def day_of(moment):
    return moment and timezone.localtime(moment).date()


def edit_review_url(review_id):
    return reverse("wagtailadmin_pages:edit", args=[review_id]) if review_id else None


# Clicks


@dataclass(frozen=True)
class Grouping:
    """What clicks are added up by: the field, its heading, what labels a row, the order."""

    key: str
    heading: str
    label: str
    order: tuple


GROUPINGS = {
    "review": Grouping("review", "Review", "review__title", ("-clicks", "label")),
    "service": Grouping("service", "Service", "service__name", ("-clicks", "label")),
    "day": Grouping("day", "Day", "day", ("day",)),
}


class ClickFilterSet(WagtailFilterSet):
    period = django_filters.DateFromToRangeFilter(
        label="Period",
        widget=DateRangePickerWidget,
        method="leave_to_the_view",
        help_text="The last 30 days unless you choose; at most a year.",
    )
    group_by = django_filters.ChoiceFilter(
        label="Clicks per",
        choices=[(key, grouping.heading) for key, grouping in GROUPINGS.items()],
        empty_label=None,
        method="leave_to_the_view",
    )
    service = django_filters.ModelChoiceFilter(
        label="Service", queryset=Service.objects.filter(is_affiliate=True)
    )

    class Meta:
        model = ClickCount
        fields = []

    def leave_to_the_view(self, queryset, name, value):
        return queryset  # the view applies the period (with its default) and the grouping


class ClickReportView(ReportView):
    """Clicks per review, per service or per day in a period, as a table and a bar chart."""

    page_title = "Clicks on offers"
    header_icon = "link"
    results_template_name = "offers/admin/click_report_results.html"
    filterset_class = ClickFilterSet
    paginate_by = None  # the whole period, as the chart shows it
    permission_policy = ModelPermissionPolicy(ClickCount)
    permission_required = "view"
    list_export = ["label", "clicks"]
    index_url_name = "offer_clicks:index"
    index_results_url_name = "offer_clicks:results"

    @cached_property
    def grouping(self):
        chosen = self.cleaned_filter("group_by")
        return GROUPINGS.get(chosen, GROUPINGS["review"])

    @cached_property
    def period(self):
        """(first day, last day) of the period chosen, or of the last 30 days."""
        chosen = self.cleaned_filter("period")  # a slice of datetimes, either end optional
        last = day_of(chosen and chosen.stop) or timezone.localdate()
        first = day_of(chosen and chosen.start) or last - DEFAULT_PERIOD
        first, last = min(first, last), max(first, last)
        return max(first, last - LONGEST_PERIOD), last

    def cleaned_filter(self, name):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get(name)
        return None

    def get_queryset(self):
        return ClickCount.objects.filter(day__range=self.period)

    def get_filtered_queryset(self):
        counts = super().get_filtered_queryset()
        grouping = self.grouping
        rows = (
            counts.values(grouping.key, label=F(grouping.label))
            .annotate(clicks=Sum("clicks"))
            .order_by(*grouping.order)
        )
        if grouping.key == "day":
            return self.every_day(rows)
        missing = f"(deleted {grouping.heading.lower()})"
        return [{**row, "label": row["label"] or missing} for row in rows]

    def every_day(self, rows):
        """One row per day of the period, days without clicks included."""
        by_day = {row["day"]: row["clicks"] for row in rows}
        first, last = self.period
        days = (first + datetime.timedelta(days=n) for n in range((last - first).days + 1))
        return [{"day": day, "label": day, "clicks": by_day.get(day, 0)} for day in days]

    @property
    def columns(self):
        heading = self.grouping.heading
        if self.grouping.key == "review":
            label = TitleColumn(
                "label", label=heading, get_url=lambda row: edit_review_url(row["review"])
            )
        else:
            label = Column("label", label=heading)
        return [label, NumberColumn("clicks", label="Clicks")]

    def get_heading(self, queryset, field):
        return self.grouping.heading if field == "label" else "Clicks"

    def get_filename(self):
        first, last = self.period
        return f"offer-clicks-per-{self.grouping.key}-{first}-to-{last}"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = context["object_list"]
        first, last = self.period
        context["period"] = {"first": first, "last": last}
        context["total_clicks"] = sum(row["clicks"] for row in rows)
        context["chart"] = daily_chart(rows) if self.grouping.key == "day" else bar_chart(rows)
        return context


CHART_WIDTH = 720
BAR_LABEL_WIDTH = 260
BAR_HEIGHT = 26
MOST_BARS = 15
COLUMN_AREA_HEIGHT = 180
AXIS_SPACE = 24


def bar_chart(rows):
    """A horizontal bar for each of the first rows (the most clicked), to scale."""
    shown = rows[:MOST_BARS]
    most = max((row["clicks"] for row in shown), default=0) or 1
    space = CHART_WIDTH - BAR_LABEL_WIDTH - 60  # room for the number after the longest bar
    bars = []
    for n, row in enumerate(shown):
        width = round(space * row["clicks"] / most, 1)
        bars.append(
            {
                "label": Truncator(str(row["label"])).chars(38),
                "clicks": row["clicks"],
                "y": n * BAR_HEIGHT,
                "width": width,
                "value_x": round(BAR_LABEL_WIDTH + width + 6, 1),
            }
        )
    return {
        "kind": "bars",
        "width": CHART_WIDTH,
        "height": len(bars) * BAR_HEIGHT,
        "label_x": BAR_LABEL_WIDTH - 8,
        "bar_x": BAR_LABEL_WIDTH,
        "bars": bars,
        "left_out": len(rows) - len(shown),
    }


def daily_chart(rows):
    """A column per day, to scale, with the first and last day and the highest count marked."""
    most = max((row["clicks"] for row in rows), default=0)
    step = CHART_WIDTH / max(len(rows), 1)
    columns = []
    for n, row in enumerate(rows):
        height = round(COLUMN_AREA_HEIGHT * row["clicks"] / (most or 1), 1)
        columns.append(
            {
                "day": row["day"],
                "clicks": row["clicks"],
                "x": round(n * step, 1),
                "width": round(max(step - 2, 1), 1),
                "y": round(COLUMN_AREA_HEIGHT - height, 1),
                "height": height,
            }
        )
    return {
        "kind": "columns",
        "width": CHART_WIDTH,
        "height": COLUMN_AREA_HEIGHT + AXIS_SPACE,
        "area_height": COLUMN_AREA_HEIGHT,
        "columns": columns,
        "most": most,
    }


# Offer links


class OfferLinkFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label="Link",
        choices=[("broken", "Broken now"), ("flagged", "Broken for a week or more")],
        method="in_state",
    )
    service = django_filters.ModelChoiceFilter(label="Service", queryset=Service.objects.all())

    class Meta:
        model = Offer
        fields = []

    def in_state(self, queryset, name, value):
        broken = queryset.filter(link_check__broken_since__isnull=False)
        if value == "flagged":
            return broken.filter(link_check__broken_since__lte=timezone.now() - BROKEN_FOR)
        return broken


def check_result(check):
    if check is None:
        return "Not checked yet"
    if check.works:
        return f"Works ({check.status_code})"
    return f"Broken: {check.error or check.status_code}"


class FlagColumn(Column):
    """A status tag for a flagged row, nothing for the others."""

    cell_template_name = "offers/admin/flag_cell.html"


class OfferLinkView(ReportView):
    """Every offer with what `manage.py check_offers` last found; week-long breakages first."""

    page_title = "Offer links"
    header_icon = "link"
    filterset_class = OfferLinkFilterSet
    permission_policy = ModelPermissionPolicy(Offer)
    permission_required = "view"
    index_url_name = "offer_links:index"
    index_results_url_name = "offer_links:results"
    list_export = ["review.title", "service.name", "url", "check_result", "checked", "flag"]
    export_headings = {
        "review.title": "Review",
        "service.name": "Service",
        "url": "Address",
        "check_result": "Link",
        "checked": "Checked",
        "flag": "Flag",
    }
    columns = [
        TitleColumn(
            "review", label="Review", get_url=lambda offer: edit_review_url(offer.review_id)
        ),
        Column("service", label="Service"),
        Column("kind", label="Kind", accessor="get_shown_kind_display"),
        Column("url", label="Address"),
        Column("check_result", label="Link"),
        Column("checked", label="Checked"),
        FlagColumn("flag", label="Flag"),
    ]

    def get_queryset(self):
        return Offer.objects.select_related("review", "service", "link_check").order_by(
            F("link_check__broken_since").asc(nulls_last=True), "review__title", "sort_order"
        )

    def decorate_paginated_queryset(self, object_list):
        for offer in object_list:
            check = getattr(offer, "link_check", None)  # None until the first check
            offer.check_result = check_result(check)
            offer.checked = check and check.checked_at
            offer.flag = "Broken for a week" if check and check.broken_for_a_week() else ""
        return object_list
