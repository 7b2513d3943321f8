"""Admin screens of the nomination pipeline. Every view starts from
``access.visible_nominations(user)``: a dossier outside it is a 404, whatever the ID."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kb.core import charts
from kb.taxonomy.models import Title
from kb.units.models import Unit

from . import access, exports, facts, services, workdays
from .forms import DecisionForm, EvidenceForm, NominationForm
from .models import Decision, Evidence, Level, Nomination, Status

INDEX_LABEL = "Hồ sơ đề nghị khen thưởng"


def _nomination(request, pk: int) -> Nomination:
    return get_object_or_404(
        access.visible_nominations(request.user).select_related(
            "title", "proposing_unit", "nominee_unit", "intermediate_unit", "exemplar"
        ),
        pk=pk,
    )


def _require_user(request) -> None:
    if not access.uses_nominations(request.user):
        raise Http404


def deadline_days() -> dict[int, int]:
    """Working days allowed at each level, from the route's steps (one query per list)."""
    from .models import LevelReviewTask

    return dict(LevelReviewTask.objects.filter(active=True).values_list("level", "working_days"))


def clock_for(nomination: Nomination, days: dict[int, int] | None = None):
    """The working-day clock of the step a dossier waits at (None when nobody is waiting)."""
    if nomination.status != Status.IN_REVIEW or not nomination.step_started_at:
        return None
    days = deadline_days() if days is None else days
    allowed = days.get(nomination.current_level, 10)
    received = timezone.localtime(nomination.step_started_at).date()
    today = timezone.localdate()
    try:
        return workdays.clock(received, allowed, today)
    except workdays.UnknownHolidayYear:
        return workdays.clock(received, allowed, today, holidays=set(), make_up_days=set())


def _filtered(request, qs):
    params = request.GET
    if params.get("status"):
        qs = qs.filter(status=params["status"])
    if params.get("year", "").isdigit():
        qs = qs.filter(year=int(params["year"]))
    if params.get("title"):
        qs = qs.filter(title__code=params["title"])
    if params.get("level", "").isdigit():
        qs = qs.filter(current_level=int(params["level"]))
    if params.get("province"):
        province = Unit.objects.filter(code=params["province"]).first()
        qs = qs.filter(proposing_unit__path__startswith=province.path) if province else qs.none()
    return qs


class IndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "nominations/admin/index.html"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        _require_user(request)
        self.mine = request.GET.get("mine") == "1"
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return "Hồ sơ chờ tôi xử lý" if self.mine else INDEX_LABEL

    def get_queryset(self):
        user = self.request.user
        qs = access.waiting_for(user) if self.mine else access.visible_nominations(user)
        qs = _filtered(self.request, qs)
        return qs.select_related("title", "proposing_unit", "nominee_unit").order_by("-year", "-pk")

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            nominations = list(self.get_queryset()[:5000])
            days = deadline_days()
            clocks = {n.pk: clock_for(n, days) for n in nominations}
            data = exports.list_workbook(nominations, clocks, self.get_page_title())
            response = HttpResponse(
                data,
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = 'attachment; filename="ho-so-de-nghi.xlsx"'
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        nominations = list(self.get_queryset()[:500])
        days = deadline_days()
        context.update(
            rows=[(n, clock_for(n, days)) for n in nominations],
            mine=self.mine,
            can_create=access.can_create(self.request.user),
            is_ministry=access.is_ministry_office(self.request.user),
            statuses=Status.choices,
            levels=Level.choices,
            titles=Title.objects.exclude(code=None),
            provinces=Unit.objects.provinces().order_by("name"),
            params=self.request.GET,
            export_url=self.request.get_full_path()
            + ("&" if "?" in self.request.get_full_path() else "?")
            + "export=xlsx",
        )
        return context


class NominationFormView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "nominations/admin/form.html"
    header_icon = "doc-full"

    def dispatch(self, request, pk=None, *args, **kwargs):
        _require_user(request)
        if pk is None:
            if not access.can_create(request.user):
                raise PermissionDenied
            self.nomination = Nomination()
        else:
            self.nomination = _nomination(request, pk)
            if not access.can_edit(request.user, self.nomination):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return "Sửa hồ sơ đề nghị" if self.nomination.pk else "Lập hồ sơ đề nghị"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or NominationForm(instance=self.nomination, user=self.request.user)
        context["nomination"] = self.nomination
        return context

    def post(self, request, *args, **kwargs):
        form = NominationForm(request.POST, instance=self.nomination, user=request.user)
        if not form.is_valid():
            messages.error(request, "Hồ sơ chưa lưu được: hãy sửa các mục được đánh dấu.")
            return self.render_to_response(self.get_context_data(form=form))
        nomination = form.save(commit=False)
        services.save_dossier(
            nomination, request.user, initiatives=form.cleaned_data["backing_initiatives"]
        )
        messages.success(request, "Đã lưu hồ sơ.")
        return redirect("nominations:detail", nomination.pk)


class DetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "nominations/admin/detail.html"
    header_icon = "doc-full"

    def dispatch(self, request, pk, *args, **kwargs):
        _require_user(request)
        self.nomination = _nomination(request, pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Hồ sơ #{self.nomination.pk}: {self.nomination.nominee_name}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("nominations:index"), "label": INDEX_LABEL},
            {"url": "", "label": f"Hồ sơ #{self.nomination.pk}"},
        ]

    def get_context_data(self, decision_form=None, evidence_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        nomination = self.nomination
        user = self.request.user
        can_decide = access.can_decide(user, nomination)
        level = nomination.current_level
        state = nomination.current_workflow_state
        try:
            findings = facts.findings_for(nomination)
        except Exception as exc:  # noqa: BLE001 - a rule set missing must not hide the dossier
            findings = []
            messages.warning(self.request, f"Không kiểm tra được điều kiện: {exc}")
        context.update(
            nomination=nomination,
            can_edit=access.can_edit(user, nomination),
            can_decide=can_decide,
            recusal=access.recused(user, nomination),
            decision_form=decision_form
            or (
                DecisionForm(initial={"version": nomination.version}, level=level)
                if can_decide
                else None
            ),
            evidence_form=evidence_form or EvidenceForm(),
            findings=findings,
            decisions=nomination.decisions.select_related("user"),
            evidence=nomination.evidence.all(),
            steps=state.all_tasks_with_status() if state else [],
            clock=clock_for(nomination),
            initiatives=nomination.backing_initiatives.all(),
            is_final_level=bool(level and level == services.routing.deciding_level(nomination)),
        )
        return context

    def post(self, request, *args, **kwargs):
        """Upload a piece of evidence."""
        if not access.can_edit(request.user, self.nomination):
            raise PermissionDenied
        form = EvidenceForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, "Tệp chưa được nhận: " + " ".join(form.errors.get("file", [])))
            return self.render_to_response(self.get_context_data(evidence_form=form))
        evidence = form.save(commit=False)
        evidence.nomination = self.nomination
        evidence.uploaded_by = request.user
        evidence.size = evidence.file.size
        evidence.save()
        messages.success(request, f"Đã thêm tài liệu “{evidence.name}”.")
        return redirect("nominations:detail", self.nomination.pk)


@require_POST
def submit(request, pk: int):
    _require_user(request)
    nomination = _nomination(request, pk)
    if not access.can_edit(request.user, nomination):
        raise PermissionDenied
    try:
        findings = services.submit(nomination, request.user)
    except services.DecisionRefused as exc:
        messages.error(request, exc.message)
        return redirect("nominations:detail", pk)
    messages.success(request, "Đã trình hồ sơ lên cấp xét.")
    for finding in findings:
        messages.warning(request, f"{finding.message} ({finding.basis})")
    return redirect("nominations:detail", pk)


@require_POST
def decide(request, pk: int):
    _require_user(request)
    nomination = _nomination(request, pk)
    form = DecisionForm(request.POST, level=nomination.current_level)
    if not form.is_valid():
        view = DetailView()
        view.setup(request, pk=pk)
        view.nomination = nomination
        messages.error(request, "Quyết định chưa ghi được: hãy sửa các mục được đánh dấu.")
        return view.render_to_response(view.get_context_data(decision_form=form))
    data = form.cleaned_data
    vote = None
    if data.get("members") is not None:
        vote = services.VoteInput(data["votes_for"], data["votes_against"], data["members"])
    try:
        services.decide(
            nomination,
            request.user,
            data["action"],
            comment=data["comment"],
            version=data["version"],
            vote=vote,
            decision_number=data.get("decision_number") or "",
            decision_date=data.get("decision_date"),
        )
    except services.DecisionRefused as exc:
        messages.error(request, exc.message)
        return redirect("nominations:detail", pk)
    messages.success(request, "Đã ghi quyết định.")
    return redirect("nominations:detail", pk)


def evidence_file(request, pk: int, evidence_pk: int):
    _require_user(request)
    nomination = _nomination(request, pk)
    evidence = get_object_or_404(Evidence, pk=evidence_pk, nomination=nomination)
    response = FileResponse(evidence.file.open("rb"), as_attachment=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def evidence_delete(request, pk: int, evidence_pk: int):
    _require_user(request)
    nomination = _nomination(request, pk)
    if not access.can_edit(request.user, nomination):
        raise PermissionDenied
    evidence = get_object_or_404(Evidence, pk=evidence_pk, nomination=nomination)
    with transaction.atomic():
        evidence.file.delete(save=False)
        evidence.delete()
    messages.success(request, "Đã xoá tài liệu.")
    return redirect("nominations:detail", pk)


def dossier_pdf(request, pk: int):
    _require_user(request)
    nomination = _nomination(request, pk)
    decisions = Decision.objects.filter(nomination=nomination).select_related("user")
    try:
        data = exports.dossier_pdf(nomination, decisions)
    except exports.ExportError as exc:
        messages.error(request, str(exc))
        return redirect("nominations:detail", pk)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ho-so-{nomination.pk}.pdf"'
    return response


class OverviewView(WagtailAdminTemplateMixin, TemplateView):
    """The ministry's overview: dossiers by province, status and year, as charts and tables."""

    template_name = "nominations/admin/overview.html"
    page_title = "Tổng hợp hồ sơ đề nghị"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not access.is_ministry_office(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        qs = access.visible_nominations(self.request.user)
        year = self.request.GET.get("year", "")
        if year.isdigit():
            qs = qs.filter(year=int(year))
        rows = list(qs.values_list("status", "year", "proposing_unit__path"))
        provinces = {u.path: u for u in Unit.objects.provinces()}
        by_status = Counter(status for status, _, _ in rows)
        by_year = Counter(y for _, y, _ in rows)
        by_province: Counter = Counter()
        for _, _, path in rows:
            name = next(
                (u.name for p, u in provinces.items() if path.startswith(p)), "Khối cơ quan"
            )
            by_province[name] += 1
        labels = dict(Status.choices)
        status_bars = [
            charts.Bar(str(labels[s]), by_status[s]) for s in Status.values if by_status[s]
        ]
        province_bars = [charts.Bar(n, c) for n, c in by_province.most_common(15)]
        year_bars = [charts.Bar(str(y), by_year[y]) for y in sorted(by_year)]
        context.update(
            total=len(rows),
            year=year,
            status_bars=status_bars,
            province_bars=province_bars,
            year_bars=year_bars,
            status_chart=mark_safe(  # noqa: S308 - the chart module escapes every label
                charts.horizontal_bars(
                    status_bars,
                    title="Hồ sơ theo trạng thái",
                    description="Số hồ sơ đề nghị theo trạng thái",
                    ident="status",
                )
            ),
            province_chart=mark_safe(  # noqa: S308
                charts.horizontal_bars(
                    province_bars,
                    title="Hồ sơ theo tỉnh",
                    description="Số hồ sơ đề nghị theo BHXH tỉnh, khu vực",
                    ident="province",
                )
            ),
            year_chart=mark_safe(  # noqa: S308
                charts.columns(
                    year_bars,
                    title="Hồ sơ theo năm",
                    description="Số hồ sơ đề nghị theo năm",
                    ident="year",
                )
            )
            if year_bars
            else "",
        )
        return context
