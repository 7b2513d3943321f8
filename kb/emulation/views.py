"""Admin screens of emulation scoring ("Chấm điểm thi đua"): the groups, a group's year
(pact, sheets, ranking with its rule, charts, meetings, log), a member's sheet (self-score,
review, adjustment, evidence, spreadsheet), a unit's year-on-year view, and the meetings.

Every view checks access with `kb.emulation.access` and answers 404 for a group, sheet or
meeting the user may not open; every change goes through `kb.emulation.services`.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import registry as log_registry

from kb.units.models import Unit

from . import access, charts, exports, scoring, services
from .forms import ElectionForm, EvidenceForm, MeetingForm, UploadForm
from .models import (
    EmulationGroup,
    Evidence,
    Meeting,
    MeetingKind,
    Pact,
    ScoreSheet,
    SheetStatus,
)

INDEX_LABEL = "Chấm điểm thi đua"


# --- lookups ------------------------------------------------------------------------------


def _group(request, pk: int) -> EmulationGroup:
    return get_object_or_404(access.visible_groups(request.user), pk=pk)


def _pact(group: EmulationGroup) -> Pact:
    pact = Pact.objects.filter(group=group).first()
    if pact is None:
        raise Http404("Khối/cụm chưa có giao ước.")
    return pact


def _sheet(request, pk: int, unit_pk: int) -> tuple[EmulationGroup, Pact, ScoreSheet]:
    group = _group(request, pk)
    if not group.memberships.filter(unit_id=unit_pk).exists():
        raise Http404
    if not access.can_view_sheet(request.user, group, unit_pk):
        raise Http404
    pact = _pact(group)
    services.ensure_sheets(pact)
    sheet = get_object_or_404(ScoreSheet.objects.select_related("unit"), pact=pact, unit_id=unit_pk)
    return group, pact, sheet


def _group_url(group) -> str:
    return reverse("emulation_scores:group", args=[group.pk])


def _sheet_url(group, unit_id) -> str:
    return reverse("emulation_scores:sheet", args=[group.pk, unit_id])


def _file(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _error(request, exc: services.EmulationError) -> None:
    messages.error(request, " ".join(exc.messages) + " Chưa lưu gì.")


def log_rows(instance) -> list[dict]:
    """The audit log of ``instance`` as lines a person reads: when, who, what, the figures."""
    rows = []
    for entry in log_registry.get_logs_for_instance(instance).select_related("user")[:200]:
        data = entry.data or {}
        details = []
        for change in data.get("changes", []):
            text = f"{change.get('tiêu chí')}: {change.get('trước') or '—'} → "
            text += f"{change.get('sau') or '—'}"
            if change.get("lý do"):
                text += f" ({change['lý do']})"
            details.append(text)
        if data.get("flagged"):
            details.append("Chênh lệch: " + ", ".join(data["flagged"]))
        if data.get("ý kiến"):
            details.append(data["ý kiến"])
        if data.get("tệp"):
            details.append(f"{data.get('tiêu chí')}: {data['tệp']}")
        for row in data.get("ranking", []):
            details.append(f"Hạng {row['hạng']}: {row['đơn vị']} ({row['tổng']})")
        details.extend(data.get("skipped", []))
        details.extend(f"Đã mở hồ sơ: {name}" for name in data.get("opened", []))
        if data.get("năm"):
            details.append(f"Năm {data['năm']}: trưởng {data['trưởng']}, phó {data['phó']}")
        if data.get("hội nghị"):
            details.append(data["hội nghị"])
        rows.append(
            {
                "timestamp": entry.timestamp,
                "user": entry.user.get_full_name() or entry.user.get_username()
                if entry.user
                else "",
                "action": ACTION_LABELS.get(entry.action, entry.action),
                "details": details,
            }
        )
    return rows


ACTION_LABELS = {
    "emulation.self_score": "Tự chấm điểm",
    "emulation.import": "Nhập bảng điểm từ Excel",
    "emulation.evidence": "Thêm minh chứng",
    "emulation.review": "Thẩm định",
    "emulation.agree": "Đơn vị đồng ý kết quả thẩm định",
    "emulation.object": "Đơn vị không đồng ý kết quả thẩm định",
    "emulation.adjust": "Hội đồng điều chỉnh",
    "emulation.lock": "Khoá kết quả",
    "emulation.nominate": "Đề nghị khen thưởng",
    "emulation.meeting": "Ghi hội nghị",
    "emulation.elect": "Bầu trưởng, phó năm sau",
}


class _Base(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"

    def crumbs(self, *items):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("emulation_scores:index"), "label": INDEX_LABEL},
            *items,
        ]


# --- the groups ---------------------------------------------------------------------------


class IndexView(_Base):
    template_name = "emulation/admin/index.html"
    page_title = INDEX_LABEL

    def dispatch(self, request, *args, **kwargs):
        if not access.uses_scoring(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": INDEX_LABEL}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = list(access.visible_groups(self.request.user).order_by("-year", "kind", "name"))
        pacts = {p.group_id: p for p in Pact.objects.filter(group__in=[g.pk for g in groups])}
        context["rows"] = [(g, pacts.get(g.pk)) for g in groups]
        context["is_council"] = access.is_council(self.request.user)
        return context


class GroupView(_Base):
    template_name = "emulation/admin/group.html"

    def dispatch(self, request, pk, *args, **kwargs):
        self.group = _group(request, pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.group.name} năm {self.group.year}"

    def get_breadcrumbs_items(self):
        return self.crumbs({"url": "", "label": str(self.group)})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, group = self.request.user, self.group
        pact = Pact.objects.filter(group=group).select_related("locked_by").first()
        is_council = access.is_council(user)
        context.update(group=group, pact=pact, is_council=is_council,
                       can_edit_pact=user.has_perm("emulation.change_pact"),
                       can_record=access.can_record_meetings(user, group),
                       meetings=group.meetings.select_related("host", "elected_group"),
                       group_log=log_rows(group))  # fmt: skip
        if pact is None:
            return context
        standings = services.ranking(pact)
        visible_sheets = [
            s for s in standings if access.can_view_sheet(user, group, s.sheet.unit_id)
        ]
        shows_ranking = access.sees_ranking(user, group, pact.is_locked)
        spec = services.pact_spec(pact)
        context.update(
            spec=spec,
            criteria_by_section=_criteria_by_section(pact),
            sheets=sorted(visible_sheets, key=lambda s: s.sheet.unit.name),
            standings=standings if shows_ranking else [],
            rule=scoring.TIE_BREAK_RULE,
            deadline_passed=services.deadline_passed(pact),
            pact_log=log_rows(pact),
            fmt=scoring.fmt,
        )
        if shows_ranking and standings:
            context.update(_section_comparison(group, spec, standings))
        return context


def _section_comparison(group, spec: scoring.Pact, standings) -> dict:
    """The members side by side: each section's points, then bonus and deductions; drawn on
    the scale of the largest section's maximum, and the same figures as a table."""
    maxima: dict[str, object] = {}
    for criterion in spec.criteria:
        if criterion.kind == scoring.SCORE:
            maxima[criterion.section] = maxima.get(criterion.section, 0) + criterion.max_points
    sections = [s for s in spec.sections if s.code in maxima]
    labels = [f"{s.code}. {s.title}" for s in sections] + ["Điểm thưởng", "Điểm trừ"]
    rows = []
    for st in standings:
        total = st.ranked.entry.total
        values = [total.by_section.get(s.code, 0) for s in sections]
        rows.append((st.sheet.unit.name, [*values, total.bonus, total.deduction]))
    chart = charts.grouped_bars(
        f"Điểm theo phần tiêu chí – {group.name} {group.year}",
        labels,
        rows,
        scale_max=max(maxima.values(), default=None),
    )
    return {
        "section_chart": mark_safe(chart),  # noqa: S308 - built with html.escape
        "section_labels": labels,
        "section_table": [(name, [scoring.fmt(v) for v in values]) for name, values in rows],
    }


def _criteria_by_section(pact: Pact):
    out = []
    for section in pact.sections.order_by("sort_order", "pk").prefetch_related("criteria"):
        out.append((section, list(section.criteria.order_by("sort_order", "pk"))))
    return out


# --- a sheet ------------------------------------------------------------------------------


class SheetView(_Base):
    template_name = "emulation/admin/sheet.html"

    def dispatch(self, request, pk, unit_pk, *args, **kwargs):
        self.group, self.pact, self.sheet = _sheet(request, pk, unit_pk)
        user = request.user
        open_ = not self.pact.is_locked
        self.can_self = (
            open_
            and access.is_member(user, self.group, unit_pk)
            and not services.deadline_passed(self.pact)
        )
        self.can_review = open_ and access.can_review(user, self.group, unit_pk)
        self.can_respond = (
            open_
            and access.is_member(user, self.group, unit_pk)
            and self.sheet.status == SheetStatus.REVIEWED
        )
        self.can_adjust = open_ and access.is_council(user)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Bảng điểm {self.sheet.unit.name}"

    def get_breadcrumbs_items(self):
        return self.crumbs(
            {"url": _group_url(self.group), "label": str(self.group)},
            {"url": "", "label": self.sheet.unit.name},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lines = services.sheet_lines(self.sheet)
        spec = services.pact_spec(self.pact)
        sections = []
        for line in lines:
            if not sections or sections[-1][0].pk != line.criterion.section_id:
                sections.append((line.criterion.section, []))
            sections[-1][1].append(line)
        context.update(
            group=self.group,
            pact=self.pact,
            sheet=self.sheet,
            sections=sections,
            total=services.sheet_total(spec, lines),
            self_total=services.sheet_total(spec, lines, "self_points"),
            can_self=self.can_self,
            can_review=self.can_review,
            can_adjust=self.can_adjust,
            can_respond=self.can_respond,
            deadline_passed=services.deadline_passed(self.pact),
            evidence_form=EvidenceForm(criteria=[line.criterion for line in lines]),
            upload_form=UploadForm(),
            log=log_rows(self.sheet),
            fmt=scoring.fmt,
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        version = request.POST.get("version")
        ids = [line.criterion_id for line in self.sheet.lines.all()]
        data = request.POST
        try:
            if action == "self" or action == "submit":
                if not self.can_self:
                    raise Http404
                services.save_self_score(
                    self.sheet,
                    {cid: services.SelfScore(data.get(f"self-{cid}-points"),
                                             data.get(f"self-{cid}-note", ""))
                     for cid in ids if f"self-{cid}-points" in data},
                    user=request.user, version=version,
                    staff_count=_int(data.get("staff_count")),
                    women_count=_int(data.get("women_count")),
                    submit=action == "submit",
                )  # fmt: skip
                messages.success(
                    request,
                    "Đã gửi bảng tự chấm điểm để thẩm định."
                    if action == "submit"
                    else "Đã lưu điểm tự chấm.",
                )
            elif action == "review":
                if not self.can_review:
                    raise Http404
                services.save_review(
                    self.sheet,
                    {cid: services.Review(bool(data.get(f"review-{cid}-flag")),
                                          data.get(f"review-{cid}-points"),
                                          data.get(f"review-{cid}-note", ""))
                     for cid in ids if f"review-{cid}-note" in data},
                    user=request.user, version=version,
                )  # fmt: skip
                messages.success(request, "Đã lưu ý kiến thẩm định.")
            elif action in ("agree", "object"):
                if not self.can_respond:
                    raise Http404
                services.respond_to_review(
                    self.sheet, agree=action == "agree", note=data.get("response_note", ""),
                    user=request.user, version=version,
                )  # fmt: skip
                messages.success(
                    request,
                    "Đã ghi: đơn vị đồng ý kết quả thẩm định."
                    if action == "agree"
                    else "Đã gửi ý kiến không đồng ý tới Hội đồng.",
                )
            elif action == "adjust":
                if not self.can_adjust:
                    raise Http404
                services.adjust(
                    self.sheet,
                    {cid: services.Adjustment(data.get(f"adjust-{cid}-points"),
                                              data.get(f"adjust-{cid}-reason", ""))
                     for cid in ids if f"adjust-{cid}-points" in data},
                    user=request.user, version=version,
                )  # fmt: skip
                messages.success(request, "Đã lưu điều chỉnh của Hội đồng.")
            else:
                raise Http404
        except services.EmulationError as exc:
            _error(request, exc)
        return redirect(_sheet_url(self.group, self.sheet.unit_id))


def _int(value):
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise services.EmulationError(f"“{value}” không phải là số nguyên.") from None
    if number < 0:
        raise services.EmulationError(f"“{value}” không được âm.")
    return number


@require_POST
def add_evidence(request, pk, unit_pk):
    group, pact, sheet = _sheet(request, pk, unit_pk)
    if not access.is_member(request.user, group, unit_pk):
        raise Http404
    form = EvidenceForm(
        request.POST, request.FILES, criteria=[line.criterion for line in sheet.lines.all()]
    )
    if not form.is_valid():
        messages.error(request, "Chưa thêm minh chứng: chọn tiêu chí và tệp.")
    else:
        try:
            services.add_evidence(
                sheet, form.cleaned_data["criterion"], form.cleaned_data["file"], user=request.user
            )
        except services.EmulationError as exc:
            _error(request, exc)
        else:
            messages.success(request, f"Đã thêm minh chứng {form.cleaned_data['file'].name}.")
    return redirect(_sheet_url(group, unit_pk))


def evidence_file(request, pk, unit_pk, evidence_pk):
    """An evidence file, to those who may see the sheet (404 for anyone else)."""
    group, pact, sheet = _sheet(request, pk, unit_pk)
    evidence = get_object_or_404(
        Evidence.objects.select_related("document"), pk=evidence_pk, line__sheet=sheet
    )
    document = evidence.document
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)


def export_sheet(request, pk, unit_pk):
    group, pact, sheet = _sheet(request, pk, unit_pk)
    name = f"bang-diem-{slugify(sheet.unit.code)}-{group.year}.xlsx"
    return _file(exports.score_sheet_workbook(sheet), name)


@require_POST
def import_sheet(request, pk, unit_pk):
    group, pact, sheet = _sheet(request, pk, unit_pk)
    if not access.is_member(request.user, group, unit_pk):
        raise Http404
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Chọn tệp .xlsx để nhập.")
        return redirect(_sheet_url(group, unit_pk))
    try:
        parsed = exports.read_sheet(sheet, form.cleaned_data["file"].read())
        services.save_self_score(
            sheet, parsed.scores, user=request.user, source="xlsx",
            staff_count=sheet.staff_count, women_count=sheet.women_count,
        )  # fmt: skip
    except services.EmulationError as exc:
        messages.error(
            request,
            "Không nhập được bảng điểm, chưa lưu gì: " + " ".join(exc.messages),
        )
    else:
        messages.success(request, f"Đã nhập {len(parsed.scores)} tiêu chí từ tệp Excel.")
    return redirect(_sheet_url(group, unit_pk))


# --- the council's decisions --------------------------------------------------------------


@require_POST
def lock(request, pk):
    group = _group(request, pk)
    if not access.is_council(request.user):
        raise Http404
    pact = _pact(group)
    try:
        services.lock_results(pact, user=request.user)
    except services.EmulationError as exc:
        _error(request, exc)
    else:
        messages.success(request, "Đã khoá kết quả chấm điểm; không ai sửa được điểm nữa.")
    return redirect(_group_url(group))


@require_POST
def nominate(request, pk):
    group = _group(request, pk)
    if not access.is_council(request.user):
        raise Http404
    pact = _pact(group)
    try:
        outcome = services.open_nominations(pact, user=request.user)
    except services.EmulationError as exc:
        _error(request, exc)
    else:
        for nomination in outcome.opened:
            messages.success(request, f"Đã mở hồ sơ đề nghị (dự thảo): {nomination}.")
        for text in outcome.skipped:
            messages.warning(request, text)
    return redirect(_group_url(group))


def export_ranking(request, pk):
    group = _group(request, pk)
    pact = _pact(group)
    if not access.sees_ranking(request.user, group, pact.is_locked):
        raise Http404
    data = exports.ranking_workbook(group, services.ranking(pact), scoring.TIE_BREAK_RULE)
    return _file(data, f"xep-hang-{slugify(group.name)}-{group.year}.xlsx")


# --- a unit across the years --------------------------------------------------------------


class HistoryView(_Base):
    template_name = "emulation/admin/history.html"

    def dispatch(self, request, pk, unit_pk, *args, **kwargs):
        self.group = _group(request, pk)
        if not self.group.memberships.filter(unit_id=unit_pk).exists():
            raise Http404
        if not access.can_view_sheet(request.user, self.group, unit_pk):
            raise Http404
        self.unit = get_object_or_404(Unit, pk=unit_pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Kết quả qua các năm: {self.unit.name}"

    def get_breadcrumbs_items(self):
        return self.crumbs(
            {"url": _group_url(self.group), "label": str(self.group)},
            {"url": "", "label": self.unit.name},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = services.unit_history(self.unit, kind=self.group.kind)
        context.update(
            group=self.group,
            unit=self.unit,
            rows=[(y, name, scoring.fmt(total), rank, n) for y, name, total, rank, n in rows],
            chart=mark_safe(  # noqa: S308 - built with html.escape
                charts.columns(
                    f"Tổng điểm thi đua qua các năm – {self.unit.name}",
                    [(str(y), total, f"hạng {rank}/{n}") for y, _, total, rank, n in rows],
                )
            )
            if rows
            else "",
        )
        return context


# --- meetings -----------------------------------------------------------------------------


class MeetingAddView(_Base):
    template_name = "emulation/admin/meeting_form.html"
    page_title = "Ghi hội nghị khối/cụm"

    def dispatch(self, request, pk, *args, **kwargs):
        self.group = _group(request, pk)
        if not access.can_record_meetings(request.user, self.group):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.crumbs(
            {"url": _group_url(self.group), "label": str(self.group)},
            {"url": "", "label": "Ghi hội nghị"},
        )

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            group=self.group,
            form=form or MeetingForm(units=services.members(self.group)),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = MeetingForm(request.POST, units=services.members(self.group))
        if not form.is_valid():
            messages.error(request, "Chưa ghi hội nghị: kiểm tra các ô được đánh dấu.")
            return self.render_to_response(self.get_context_data(form=form))
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        meeting = services.record_meeting(self.group, user=request.user, **data)
        messages.success(request, f"Đã ghi {meeting}.")
        return redirect("emulation_scores:meeting", self.group.pk, meeting.pk)


class MeetingView(_Base):
    template_name = "emulation/admin/meeting.html"

    def dispatch(self, request, pk, meeting_pk, *args, **kwargs):
        self.group = _group(request, pk)
        self.meeting = get_object_or_404(
            Meeting.objects.select_related("host", "elected_group"), pk=meeting_pk, group=self.group
        )
        self.can_elect = (
            access.can_record_meetings(request.user, self.group)
            and self.meeting.kind == MeetingKind.YEAR_END
            and self.meeting.elected_group_id is None
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.meeting)

    def get_breadcrumbs_items(self):
        return self.crumbs(
            {"url": _group_url(self.group), "label": str(self.group)},
            {"url": "", "label": str(self.meeting)},
        )

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            group=self.group,
            meeting=self.meeting,
            can_elect=self.can_elect,
            form=form or ElectionForm(units=services.members(self.group)),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.can_elect:
            raise Http404
        form = ElectionForm(request.POST, units=services.members(self.group))
        if not form.is_valid():
            messages.error(request, "Chọn đơn vị trưởng và đơn vị phó trong các thành viên.")
            return self.render_to_response(self.get_context_data(form=form))
        try:
            successor = services.elect_next_year(
                self.meeting, leader=form.cleaned_data["leader"],
                deputy=form.cleaned_data["deputy"], user=request.user,
            )  # fmt: skip
        except services.EmulationError as exc:
            _error(request, exc)
            return redirect("emulation_scores:meeting", self.group.pk, self.meeting.pk)
        messages.success(
            request,
            f"Đã thành lập {successor}: trưởng {successor.leader.name}, "
            f"phó {successor.deputy.name}.",
        )
        return redirect("emulation_scores:meeting", self.group.pk, self.meeting.pk)
