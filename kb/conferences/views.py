"""Admin screens of delegate planning ("Kế hoạch đại biểu"): the conferences, a conference's
plan (cap, allocation with its working, history, units, invited delegates and guests), a
unit's list of elected delegates, and the exports. Access is checked in every view
(`kb.conferences.access`); the changes go through `kb.conferences.services`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kb.exemplars.models import ExemplarKind, ExemplarPage
from kb.units.models import Unit

from . import access, exports, services
from .composition import summarise
from .forms import AllocationForm, CapacityForm, DelegateForm
from .models import (
    AllocationBasis,
    ConferencePage,
    ConferenceRules,
    Delegate,
    DelegateCategory,
    SeatAllocation,
)

INDEX_LABEL = "Hội nghị & đại biểu"


def _conference(request, pk: int) -> ConferencePage:
    conference = get_object_or_404(ConferencePage.objects.select_related("unit"), pk=pk)
    if not access.can_view_plan(request.user, conference):
        raise PermissionDenied
    return conference


def _plan_url(conference) -> str:
    return reverse("conference_plans:plan", args=[conference.pk])


def _unit_url(conference, unit) -> str:
    return reverse("conference_plans:unit", args=[conference.pk, unit.pk])


def _require_planner(request, conference) -> None:
    if not access.can_plan(request.user, conference):
        raise PermissionDenied


class ConferenceIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "conferences/admin/index.html"
    page_title = INDEX_LABEL
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not access.uses_planning(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": INDEX_LABEL}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        conferences = list(access.visible_conferences(self.request.user).order_by("-date", "pk"))
        current = {
            a.conference_id: a
            for a in SeatAllocation.objects.filter(
                is_current=True, conference__in=[c.pk for c in conferences]
            )
        }
        context["rows"] = [(c, current.get(c.pk)) for c in conferences]
        return context


class PlanView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "conferences/admin/plan.html"
    header_icon = "group"

    def dispatch(self, request, pk, *args, **kwargs):
        self.conference = _conference(request, pk)
        self.can_plan = access.can_plan(request.user, self.conference)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Kế hoạch đại biểu: {self.conference.title}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("conference_plans:index"), "label": INDEX_LABEL},
            {"url": "", "label": self.conference.title},
        ]

    def get_context_data(self, allocation_form=None, capacity_form=None, delegate_form=None):
        context = super().get_context_data()
        conference = self.conference
        user = self.request.user
        allocation = services.current_allocation(conference)
        units = services.subordinate_units(conference)
        rules = ConferenceRules.load()
        cap = conference.effective_capacity
        invited = services.count_invited(conference)
        if self.can_plan:
            if allocation_form is None:
                initial = {"method": rules.default_method, "minimum": rules.default_minimum}
                weights = {u.pk: u.staff_count if u.staff_count is not None else "" for u in units}
                if allocation is not None:
                    initial = {
                        "method": allocation.method,
                        "minimum": allocation.minimum,
                        "basis": allocation.basis,
                    }
                    if allocation.basis == AllocationBasis.MANUAL:
                        for line in allocation.lines.all():
                            weight = exports.plain_weight(line.weight)
                            weights[line.unit_id] = exports.display(weight)
                allocation_form = AllocationForm(
                    initial=initial, units=units, initial_weights=weights
                )
            capacity_form = capacity_form or CapacityForm(initial={"capacity": cap})
            delegate_form = delegate_form or _invited_form(conference)
        editable = {u.pk for u in access.editable_units(user, conference)}
        plans = services.unit_plans(conference, allocation)
        if not self.can_plan:
            plans = [p for p in plans if p.unit.pk in editable]
        others = (
            Delegate.objects.filter(conference=conference)
            .exclude(category=DelegateCategory.ELECTED)
            .select_related("unit", "field_of_work", "exemplar")
            .order_by("category", "pk")
        )
        context.update(
            conference=conference,
            can_plan=self.can_plan,
            cap=cap,
            cap_is_default=conference.capacity is None,
            late=bool(conference.deadline and conference.date > conference.deadline),
            invited=invited,
            guests=sum(1 for d in others if d.category == DelegateCategory.GUEST),
            elected_seats=(cap - invited) if cap is not None else None,
            allocation=allocation,
            allocation_table=exports.allocation_table(allocation) if allocation else None,
            rounds_table=(
                exports.rounds_table(allocation)
                if allocation and allocation.working.get("rounds")
                else None
            ),
            working_lines=services.working_lines(allocation) if allocation else [],
            stale=services.allocation_warnings(conference, allocation) if allocation else [],
            history=(
                SeatAllocation.objects.filter(conference=conference)
                .select_related("created_by")
                .order_by("-created_at", "-pk")
                if self.can_plan
                else []
            ),
            plans=plans,
            editable=editable,
            total=(
                services.conference_composition(conference, allocation) if self.can_plan else None
            ),
            others=others if self.can_plan else [],
            allocation_form=allocation_form,
            capacity_form=capacity_form,
            delegate_form=delegate_form,
            units=units,
        )
        return context


def _invited_form(conference, data=None, instance=None):
    units = conference.unit.get_descendants(include_self=True).filter(is_active=True)
    exemplars = ExemplarPage.objects.filter(
        kind=ExemplarKind.INDIVIDUAL, unit__path__startswith=conference.unit.path
    )
    return DelegateForm(
        data,
        instance=instance or Delegate(conference=conference, category=DelegateCategory.INVITED),
        exemplars=exemplars,
        units=units,
        categories=None
        if instance is not None
        else [DelegateCategory.INVITED, DelegateCategory.GUEST],
        prefix="delegate",
    )


def _unit_form(conference, unit, data=None, instance=None):
    exemplars = ExemplarPage.objects.filter(
        kind=ExemplarKind.INDIVIDUAL, unit__path__startswith=unit.path
    )
    return DelegateForm(
        data,
        instance=instance
        or Delegate(conference=conference, category=DelegateCategory.ELECTED, unit=unit),
        exemplars=exemplars,
        prefix="delegate",
    )


def plan(request, pk):
    return PlanView.as_view()(request, pk=pk)


def _render_plan(request, conference, **forms):
    """The plan again, with the forms as submitted (after an error)."""
    view = PlanView()
    view.setup(request, pk=conference.pk)
    view.conference = conference
    view.can_plan = access.can_plan(request.user, conference)
    return view.render_to_response(view.get_context_data(**forms))


@require_POST
def set_capacity(request, pk):
    conference = _conference(request, pk)
    _require_planner(request, conference)
    form = CapacityForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Số đại biểu tối đa không hợp lệ: " + _errors(form))
        return redirect(_plan_url(conference))
    try:
        allocation = services.set_capacity(
            conference, form.cleaned_data["capacity"], user=request.user
        )
    except services.PlanningError as exc:
        messages.error(request, exc.message + " Chưa lưu gì.")
        return redirect(_plan_url(conference))
    conference.refresh_from_db()
    text = f"Đã lưu số đại biểu tối đa: {conference.capacity}."
    if allocation is not None:
        text += f" Đã chạy lại phân bổ: {allocation.seats} ghế bầu."
    messages.success(request, text)
    return redirect(_plan_url(conference))


@require_POST
def run_allocation(request, pk):
    conference = _conference(request, pk)
    _require_planner(request, conference)
    units = services.subordinate_units(conference)
    form = AllocationForm(request.POST, units=units)
    if not form.is_valid():
        messages.error(request, "Chưa chạy phân bổ: " + _errors(form))
        return _render_plan(request, conference, allocation_form=form)
    try:
        allocation = services.run_allocation(
            conference,
            method=form.cleaned_data["method"],
            minimum=form.cleaned_data["minimum"],
            basis=form.cleaned_data["basis"],
            user=request.user,
            weights=form.manual_weights(),
        )
    except services.PlanningError as exc:
        messages.error(request, exc.message + " Chưa lưu gì.")
        return _render_plan(request, conference, allocation_form=form)
    messages.success(
        request,
        f"Đã phân bổ {allocation.seats} ghế bầu cho {allocation.lines.count()} đơn vị "
        f"({allocation.get_method_display()}).",
    )
    return redirect(_plan_url(conference) + "#phan-bo")


def _errors(form) -> str:
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return "; ".join(parts)


@require_POST
def add_invited(request, pk):
    conference = _conference(request, pk)
    _require_planner(request, conference)
    form = _invited_form(conference, request.POST)
    if form.is_valid():
        try:
            delegate = services.add_delegate(
                conference,
                category=form.cleaned_data["category"],
                unit=form.cleaned_data.get("unit"),
                user=request.user,
                **form.delegate_data(),
            )
        except services.PlanningError as exc:
            messages.error(request, exc.message + " Chưa lưu gì.")
        else:
            messages.success(
                request, f"Đã thêm {delegate.get_category_display().lower()}: {delegate}."
            )
            return redirect(_plan_url(conference) + "#dai-bieu-moi")
    else:
        messages.error(request, "Chưa thêm đại biểu: " + _errors(form))
    return _render_plan(request, conference, delegate_form=form)


class UnitListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "conferences/admin/unit.html"
    header_icon = "user"

    def dispatch(self, request, pk, unit_pk, *args, **kwargs):
        self.conference = _conference(request, pk)
        self.unit = get_object_or_404(Unit, pk=unit_pk, parent_id=self.conference.unit_id)
        if not access.can_edit_unit_list(request.user, self.conference, self.unit):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Đại biểu bầu của {self.unit.name}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("conference_plans:index"), "label": INDEX_LABEL},
            {"url": _plan_url(self.conference), "label": self.conference.title},
            {"url": "", "label": self.unit.name},
        ]

    def get_context_data(self, form=None):
        context = super().get_context_data()
        allocation = services.current_allocation(self.conference)
        plan = services.unit_plans(self.conference, allocation, units=[self.unit])
        plan = (
            plan[0]
            if plan
            else services.UnitPlan(
                self.unit,
                None,
                [],
                summarise([], seats=None),
            )
        )
        context.update(
            conference=self.conference,
            unit=self.unit,
            allocation=allocation,
            plan=plan,
            composition=plan.composition,
            form=form or _unit_form(self.conference, self.unit),
            candidates=services.candidates_for(self.conference, self.unit),
            full=plan.seats is not None and len(plan.delegates) >= plan.seats,
        )
        return context

    def post(self, request, *args, **kwargs):
        form = _unit_form(self.conference, self.unit, request.POST)
        if not form.is_valid():
            messages.error(request, "Chưa thêm đại biểu: " + _errors(form))
            return self.render_to_response(self.get_context_data(form=form))
        try:
            delegate = services.add_delegate(
                self.conference,
                category=DelegateCategory.ELECTED,
                unit=self.unit,
                user=request.user,
                **form.delegate_data(),
            )
        except services.PlanningError as exc:
            messages.error(request, exc.message + " Chưa lưu gì.")
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, f"Đã thêm đại biểu bầu: {delegate}.")
        return redirect(_unit_url(self.conference, self.unit))


def unit_list(request, pk, unit_pk):
    return UnitListView.as_view()(request, pk=pk, unit_pk=unit_pk)


@require_POST
def pick_candidate(request, pk, unit_pk, candidate_pk):
    conference = _conference(request, pk)
    unit = get_object_or_404(Unit, pk=unit_pk, parent_id=conference.unit_id)
    if not access.can_edit_unit_list(request.user, conference, unit):
        raise PermissionDenied
    candidate = get_object_or_404(Delegate, pk=candidate_pk)
    try:
        delegate = services.pick_candidate(conference, unit, candidate, user=request.user)
    except services.PlanningError as exc:
        messages.error(request, exc.message + " Chưa lưu gì.")
    else:
        messages.success(request, f"Đã chọn {delegate} làm đại biểu bầu.")
    return redirect(_unit_url(conference, unit))


def _delegate_for_change(request, pk, delegate_pk) -> tuple[ConferencePage, Delegate]:
    conference = _conference(request, pk)
    delegate = get_object_or_404(
        Delegate.objects.select_related("unit"), pk=delegate_pk, conference=conference
    )
    if delegate.category == DelegateCategory.ELECTED:
        if not access.can_edit_unit_list(request.user, conference, delegate.unit):
            raise PermissionDenied
    else:
        _require_planner(request, conference)
    return conference, delegate


def _back(conference, delegate) -> str:
    if delegate.category == DelegateCategory.ELECTED:
        return _unit_url(conference, delegate.unit)
    return _plan_url(conference) + "#dai-bieu-moi"


class EditDelegateView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "conferences/admin/delegate_edit.html"
    header_icon = "user"

    def dispatch(self, request, pk, delegate_pk, *args, **kwargs):
        self.conference, self.delegate = _delegate_for_change(request, pk, delegate_pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Sửa đại biểu: {self.delegate.full_name}"

    def get_breadcrumbs_items(self):
        items = [
            *self.breadcrumbs_items,
            {"url": reverse("conference_plans:index"), "label": INDEX_LABEL},
            {"url": _plan_url(self.conference), "label": self.conference.title},
        ]
        if self.delegate.category == DelegateCategory.ELECTED:
            items.append(
                {
                    "url": _unit_url(self.conference, self.delegate.unit),
                    "label": self.delegate.unit.name,
                }
            )
        return [*items, {"url": "", "label": self.delegate.full_name}]

    def _form(self, data=None):
        if self.delegate.category == DelegateCategory.ELECTED:
            return _unit_form(self.conference, self.delegate.unit, data, instance=self.delegate)
        return _invited_form(self.conference, data, instance=self.delegate)

    def get_context_data(self, form=None):
        context = super().get_context_data()
        context.update(
            conference=self.conference,
            delegate=self.delegate,
            form=form or self._form(),
            back_url=_back(self.conference, self.delegate),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST)
        if form.is_valid():
            data = form.delegate_data()
            if "unit" in form.cleaned_data:
                data["unit"] = form.cleaned_data["unit"]
            try:
                services.update_delegate(self.delegate, **data)
            except services.PlanningError as exc:
                messages.error(request, exc.message + " Chưa lưu gì.")
            else:
                messages.success(request, f"Đã lưu đại biểu {self.delegate}.")
                return redirect(_back(self.conference, self.delegate))
        else:
            messages.error(request, "Chưa lưu: " + _errors(form))
        return self.render_to_response(self.get_context_data(form=form))


def edit_delegate(request, pk, delegate_pk):
    return EditDelegateView.as_view()(request, pk=pk, delegate_pk=delegate_pk)


@require_POST
def delete_delegate(request, pk, delegate_pk):
    conference, delegate = _delegate_for_change(request, pk, delegate_pk)
    back = _back(conference, delegate)
    name = delegate.full_name
    services.delete_delegate(delegate)
    messages.success(request, f"Đã xoá đại biểu {name}.")
    return redirect(back)


# --- exports ------------------------------------------------------------------------------


def _file(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _name(conference, what: str, fmt: str) -> str:
    base = slugify(conference.slug or str(conference.pk)) or str(conference.pk)
    return f"{what}-{base}.{fmt}"


def export_allocation(request, pk, fmt):
    conference = _conference(request, pk)
    allocations = SeatAllocation.objects.filter(conference=conference).select_related(
        "created_by", "conference__unit"
    )
    wanted = request.GET.get("allocation")
    if wanted:
        if not access.can_plan(request.user, conference) or not wanted.isdigit():
            raise Http404
        allocation = get_object_or_404(allocations, pk=int(wanted))
    else:
        allocation = allocations.filter(is_current=True).first()
    if allocation is None:
        messages.error(request, "Hội nghị chưa có bảng phân bổ để xuất.")
        return redirect(_plan_url(conference))
    name = _name(conference, "phan-bo-dai-bieu", fmt)
    if fmt == "xlsx":
        return _file(exports.allocation_workbook(allocation), exports.XLSX_TYPE, name)
    try:
        return _file(exports.allocation_pdf(allocation), exports.PDF_TYPE, name)
    except exports.ExportError as exc:
        messages.error(request, str(exc))
        return redirect(_plan_url(conference))


def export_delegates(request, pk, fmt):
    conference = _conference(request, pk)
    allocation = services.current_allocation(conference)
    unit = None
    delegates = Delegate.objects.filter(conference=conference).select_related(
        "unit", "field_of_work", "exemplar"
    )
    if request.GET.get("unit"):
        if not request.GET["unit"].isdigit():
            raise Http404
        unit = get_object_or_404(Unit, pk=int(request.GET["unit"]), parent_id=conference.unit_id)
        if not access.can_edit_unit_list(request.user, conference, unit):
            raise PermissionDenied
        delegates = delegates.filter(category=DelegateCategory.ELECTED, unit=unit)
        plans = services.unit_plans(conference, allocation, units=[unit])
        total = None
    elif access.can_plan(request.user, conference):
        plans = services.unit_plans(conference, allocation)
        total = services.conference_composition(conference, allocation)
    else:
        editable = list(access.editable_units(request.user, conference))
        delegates = delegates.filter(category=DelegateCategory.ELECTED, unit__in=editable)
        plans = services.unit_plans(conference, allocation, units=editable)
        total = None
    ordered = exports.ordered_delegates(delegates, allocation)
    what = "dai-bieu" if unit is None else f"dai-bieu-{slugify(unit.code)}"
    name = _name(conference, what, fmt)
    if fmt == "xlsx":
        data = exports.delegates_workbook(conference, ordered, unit=unit, plans=plans, total=total)
        return _file(data, exports.XLSX_TYPE, name)
    try:
        data = exports.delegates_pdf(conference, ordered, unit=unit, plans=plans, total=total)
    except exports.ExportError as exc:
        messages.error(request, str(exc))
        return redirect(_unit_url(conference, unit) if unit else _plan_url(conference))
    return _file(data, exports.PDF_TYPE, name)
