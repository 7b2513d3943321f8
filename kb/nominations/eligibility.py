"""The rules engine of nominations: conditions as data, checked against the facts of a dossier.

A nomination for a title (danh hiệu thi đua) or an award (hình thức khen thưởng) must meet
conditions set by the Law on Emulation and Commendation 2022 and its implementing decree, which
changes (Nghị định 98/2023/NĐ-CP was replaced by Nghị định 152/2025/NĐ-CP on 1/7/2025). So each
condition is a :class:`Rule` — a *kind* of check with its parameters and the article it comes
from — grouped in a :class:`RuleSet` valid between two dates. The next decree is a new rule set
stored as JSON (:meth:`RuleSet.to_dict` / :meth:`RuleSet.from_dict`); this module only knows how
to apply each kind.

:func:`evaluate` returns one :class:`Finding` per failed condition, in Vietnamese, naming what
is missing (the years, the initiative, the share with its arithmetic) and citing the basis.
A finding either blocks a decision (``"block"``) or only warns (``"warn"``); the proposer sees
both when submitting, the reviewer cannot decide while a blocking one remains (:func:`blocking`).

The facts are gathered by the caller (titles on record, initiatives and what they already back,
counts for the quotas, the council's vote): this module does no I/O and imports nothing from
Django. Conflicts of interest are a separate question about a reviewer, :func:`must_recuse`.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any, NamedTuple

__all__ = [
    "KINDS",
    "NOMINEE_KINDS",
    "RATINGS",
    "REPLICATION",
    "SCOPES",
    "TITLE_NAMES",
    "Facts",
    "Finding",
    "InitiativeFact",
    "MemberStats",
    "NoRuleSetInForce",
    "OverlappingRuleSets",
    "Rule",
    "RuleSet",
    "Vote",
    "blocking",
    "check_no_overlap",
    "evaluate",
    "must_recuse",
    "ruleset_in_force",
]

BLOCK = "block"
WARN = "warn"
SEVERITIES = (BLOCK, WARN)
#: For ``if_unknown`` only: say nothing when the fact a rule needs is not known.
SKIP = "skip"
#: Parameters every kind accepts.
COMMON_PARAMS = frozenset({"if_unknown"})

#: The pseudo title code a rule names to apply to proposals for replication (no title).
REPLICATION = "nhan-rong"
#: A rule naming this applies to every nomination for a title or an award.
ANY_TITLE = "*"

NOMINEE_KINDS = ("individual", "collective", "initiative")

#: Scopes of effect of an initiative, narrowest first, with their Vietnamese names.
SCOPES: dict[str, str] = {
    "unit": "cơ sở (đơn vị)",
    "province": "cấp tỉnh",
    "sector": "toàn ngành",
    "national": "toàn quốc",
}

#: The year's assessment of a person or a collective, lowest first (đánh giá, xếp loại).
RATINGS: dict[str, str] = {
    "incomplete": "không hoàn thành nhiệm vụ",
    "complete": "hoàn thành nhiệm vụ",
    "good": "hoàn thành tốt nhiệm vụ",
    "excellent": "hoàn thành xuất sắc nhiệm vụ",
}

#: Names for the title codes when the caller passes none from the catalogue.
TITLE_NAMES: dict[str, str] = {
    "ldtt": "Lao động tiên tiến",
    "cstd-co-so": "Chiến sĩ thi đua cơ sở",
    "cstd-nganh": "Chiến sĩ thi đua ngành BHXH",
    "cstd-toan-quoc": "Chiến sĩ thi đua toàn quốc",
    "tt-ldtt": "Tập thể lao động tiên tiến",
    "tt-ldxs": "Tập thể lao động xuất sắc",
    "co-bhxh": "Cờ thi đua của BHXH Việt Nam",
    "co-chinh-phu": "Cờ thi đua của Chính phủ",
    "giay-khen": "Giấy khen",
    "bang-khen-bhxh": "Bằng khen của Tổng Giám đốc BHXH Việt Nam",
    "bang-khen-ttg": "Bằng khen của Thủ tướng Chính phủ",
    "huan-chuong-ld-3": "Huân chương Lao động hạng Ba",
    REPLICATION: "giới thiệu nhân rộng",
}


# ---------------------------------------------------------------------------------------------
# Facts


@dataclass(frozen=True)
class InitiativeFact:
    """An initiative (or a research topic, which the law accepts in its place) on the dossier.

    ``used_for`` lists the references of the *other* nominations or awards it already backs:
    an initiative backs only one award, so a used one does not count again.
    """

    key: str
    scope: str
    recognised_year: int | None
    used_for: tuple[str, ...] = ()
    name: str = ""

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            raise ValueError(
                f"Phạm vi ảnh hưởng «{self.scope}» của sáng kiến «{self.key}» không hợp lệ; "
                f"dùng một trong: {', '.join(SCOPES)}."
            )

    @property
    def label(self) -> str:
        return self.name or self.key


@dataclass(frozen=True)
class Vote:
    """A council's vote (written opinions of absent members counted, as the rules allow)."""

    votes_for: int
    votes_against: int
    members: int
    abstain: int = 0

    def __post_init__(self) -> None:
        if self.members <= 0:
            raise ValueError("Số thành viên hội đồng phải lớn hơn 0.")
        if min(self.votes_for, self.votes_against, self.abstain) < 0:
            raise ValueError("Số phiếu không được âm.")
        if self.cast > self.members:
            raise ValueError(
                f"Tổng số phiếu ({self.cast}) vượt số thành viên hội đồng ({self.members})."
            )

    @property
    def cast(self) -> int:
        return self.votes_for + self.votes_against + self.abstain


@dataclass(frozen=True)
class MemberStats:
    """The members of a collective nominee in the year (for Tập thể lao động xuất sắc)."""

    total: int
    completed: int
    ldtt: int
    cstd_co_so: int
    disciplined: int = 0

    def __post_init__(self) -> None:
        if self.total < 0 or not (
            0 <= self.completed <= self.total
            and 0 <= self.ldtt <= self.total
            and 0 <= self.cstd_co_so <= self.total
            and 0 <= self.disciplined <= self.total
        ):
            raise ValueError(f"Số liệu thành viên của tập thể không hợp lệ: {self}.")


@dataclass(frozen=True)
class Facts:
    """What the engine knows of one nomination; gathered by the caller from the database.

    Counts describe the *other* nominations (never the one being evaluated), so the same facts
    give the same answer at submission and at decision time.
    """

    nominee_kind: str
    title: str | None
    year: int
    history: Mapping[str, frozenset[int]] = field(default_factory=dict)
    initiatives: tuple[InitiativeFact, ...] = ()
    is_leader: bool = False
    led_collective_excellent: bool | None = None
    vote: Vote | None = None
    group_key: str | None = None
    same_group_same_title: int = 0
    group_rank: int | None = None
    quota_counts: Mapping[str, int] = field(default_factory=dict)
    #: The nominee's own assessment for the year (a key of :data:`RATINGS`), None if unknown.
    rating: str | None = None
    #: For a collective: its members' results in the year.
    members: MemberStats | None = None

    def __post_init__(self) -> None:
        if self.nominee_kind not in NOMINEE_KINDS:
            raise ValueError(
                f"Loại đối tượng «{self.nominee_kind}» không hợp lệ; "
                f"dùng một trong: {', '.join(NOMINEE_KINDS)}."
            )
        if self.rating is not None and self.rating not in RATINGS:
            raise ValueError(f"Mức đánh giá «{self.rating}» không hợp lệ.")

    def held(self, title: str) -> frozenset[int]:
        return frozenset(self.history.get(title, ()))


# ---------------------------------------------------------------------------------------------
# Rules


@dataclass(frozen=True)
class Finding:
    """A failed condition: what is wrong, what is missing, and the article it comes from."""

    rule: str
    severity: str
    message: str
    basis: str
    missing: tuple[str, ...] = ()
    kind: str = ""

    @property
    def blocks(self) -> bool:
        return self.severity == BLOCK

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "kind": self.kind,
            "severity": self.severity,
            "message": self.message,
            "basis": self.basis,
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class _Kind:
    required: frozenset[str]
    optional: frozenset[str]
    check: Callable[[Rule, Facts, Mapping[str, str]], Result]


@dataclass(frozen=True)
class Rule:
    """One condition, as data: a kind of check, its parameters and its legal basis.

    Parameters by kind (``KINDS``), all JSON values:

    - ``consecutive_years``: ``requires`` (title code), ``times``; ``step`` (years between two
      awards, 1; 3 for "twice in a row" of a three-year title), ``offset`` (1: ending the year
      before the nomination; 0: ending with it);
    - ``same_year``: ``requires`` (a code, or a list meaning any of them); ``offset`` (0);
    - ``initiative``: ``min_scope`` (a key of ``SCOPES``); ``count`` (1), ``within_years``,
      ``or_rating`` (an assessment that replaces the initiative, e.g. "excellent");
    - ``leader``: none; ``one_per_group``: ``max_per_group`` (1), ``max_rank``;
    - ``share_cap`` / ``ratio_quota``: ``of`` (the title counted as the base), ``share`` (0.2
      for 20%, or a string such as "2/3"), ``rounding`` ("floor", "ceil", "round");
    - ``council_vote``: ``approval``, ``quorum`` (shares of all the council's members);
    - ``rotation``: ``years``; ``min_rating``: ``min`` (a key of ``RATINGS``);
    - ``collective_members``: ``all_complete``, ``min_ldtt_share``, ``min_cstd_co_so``,
      ``no_discipline``.

    Every kind also takes ``if_unknown`` ("block", "warn" or "skip"): the severity of the
    finding when the fact it needs (the vote, the assessment, the block) is not known yet;
    by default the rule's own severity.
    """

    code: str
    kind: str
    titles: tuple[str, ...]
    params: Mapping[str, Any]
    basis: str
    severity: str = BLOCK
    message: str = ""
    #: Restrict to some kinds of nominee ("individual", "collective", "initiative"); () = all.
    nominee_kinds: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "titles", tuple(self.titles))
        object.__setattr__(self, "nominee_kinds", tuple(self.nominee_kinds))
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))
        where = f"Quy tắc «{self.code or '?'}»"
        if not self.code:
            raise ValueError("Quy tắc thiếu mã (code).")
        if self.kind not in KINDS:
            raise ValueError(
                f"{where}: loại «{self.kind}» không được hỗ trợ; dùng một trong: "
                f"{', '.join(sorted(KINDS))}."
            )
        if self.severity not in SEVERITIES:
            raise ValueError(f"{where}: mức «{self.severity}» phải là «block» hoặc «warn».")
        if not self.titles:
            raise ValueError(f"{where}: cần ít nhất một mã danh hiệu (hoặc «*»).")
        if not self.basis:
            raise ValueError(f"{where}: thiếu căn cứ pháp lý (basis).")
        for kind in self.nominee_kinds:
            if kind not in NOMINEE_KINDS:
                raise ValueError(f"{where}: loại đối tượng «{kind}» không hợp lệ.")
        spec = KINDS[self.kind]
        missing = spec.required - set(self.params)
        if missing:
            raise ValueError(f"{where}: thiếu tham số {', '.join(sorted(missing))}.")
        unknown = set(self.params) - spec.required - spec.optional - COMMON_PARAMS
        if unknown:
            raise ValueError(f"{where}: tham số không được hỗ trợ: {', '.join(sorted(unknown))}.")
        _validate_params(where, self.params)

    def applies_to(self, facts: Facts) -> bool:
        if self.nominee_kinds and facts.nominee_kind not in self.nominee_kinds:
            return False
        if facts.title is None:
            return REPLICATION in self.titles
        return ANY_TITLE in self.titles or facts.title in self.titles

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "kind": self.kind,
            "titles": list(self.titles),
            "params": _plain(self.params),
            "basis": self.basis,
            "severity": self.severity,
        }
        if self.message:
            data["message"] = self.message
        if self.nominee_kinds:
            data["nominee_kinds"] = list(self.nominee_kinds)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Rule:
        try:
            return cls(
                code=str(data["code"]),
                kind=str(data["kind"]),
                titles=tuple(data["titles"]),
                params=dict(data.get("params") or {}),
                basis=str(data["basis"]),
                severity=str(data.get("severity", BLOCK)),
                message=str(data.get("message", "")),
                nominee_kinds=tuple(data.get("nominee_kinds", ())),
            )
        except KeyError as exc:
            raise ValueError(
                f"Quy tắc «{data.get('code', '?')}» thiếu trường {exc.args[0]}."
            ) from None


@dataclass(frozen=True)
class RuleSet:
    """The rules of one legal basis, in force from ``effective_from`` to ``effective_to``."""

    name: str
    basis: str
    effective_from: datetime.date
    effective_to: datetime.date | None
    rules: tuple[Rule, ...]
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules", tuple(self.rules))
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError(
                f"Bộ quy tắc «{self.name}»: ngày hết hiệu lực {_d(self.effective_to)} "
                f"trước ngày có hiệu lực {_d(self.effective_from)}."
            )
        seen: set[str] = set()
        for rule in self.rules:
            if rule.code in seen:
                raise ValueError(f"Bộ quy tắc «{self.name}»: mã quy tắc «{rule.code}» bị trùng.")
            seen.add(rule.code)

    def in_force(self, on: datetime.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def rules_for(self, facts: Facts) -> list[Rule]:
        return [rule for rule in self.rules if rule.applies_to(facts)]

    def rule(self, code: str) -> Rule:
        for rule in self.rules:
            if rule.code == code:
                return rule
        raise KeyError(code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "basis": self.basis,
            "effective_from": self.effective_from.isoformat(),
            "effective_to": self.effective_to.isoformat() if self.effective_to else None,
            "note": self.note,
            "rules": [rule.to_dict() for rule in self.rules],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RuleSet:
        name = str(data.get("name", "?"))
        try:
            effective_from = datetime.date.fromisoformat(str(data["effective_from"]))
            end = data.get("effective_to")
            effective_to = datetime.date.fromisoformat(str(end)) if end else None
            return cls(
                name=name,
                basis=str(data["basis"]),
                effective_from=effective_from,
                effective_to=effective_to,
                rules=tuple(Rule.from_dict(item) for item in data.get("rules", ())),
                note=str(data.get("note", "")),
            )
        except KeyError as exc:
            raise ValueError(f"Bộ quy tắc «{name}» thiếu trường {exc.args[0]}.") from None


class NoRuleSetInForce(LookupError):
    """No rule set covers the date."""


class OverlappingRuleSets(ValueError):
    """Two rule sets claim the same date."""


def ruleset_in_force(rulesets: Iterable[RuleSet], on: datetime.date) -> RuleSet:
    """The one rule set in force on ``on``; a clear error when there is none or more than one."""
    candidates = [ruleset for ruleset in rulesets if ruleset.in_force(on)]
    if not candidates:
        raise NoRuleSetInForce(f"Không có bộ quy tắc khen thưởng nào có hiệu lực ngày {_d(on)}.")
    if len(candidates) > 1:
        names = "; ".join(f"«{r.name}»" for r in candidates)
        raise OverlappingRuleSets(
            f"Nhiều bộ quy tắc cùng có hiệu lực ngày {_d(on)}: {names}. "
            "Sửa ngày hiệu lực để chỉ một bộ áp dụng."
        )
    return candidates[0]


def check_no_overlap(rulesets: Iterable[RuleSet]) -> None:
    """Raise :class:`OverlappingRuleSets` naming the first two rule sets whose periods meet."""
    ordered = sorted(rulesets, key=lambda r: r.effective_from)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if earlier.effective_to is None or later.effective_from <= earlier.effective_to:
            raise OverlappingRuleSets(
                f"Bộ quy tắc «{earlier.name}» và «{later.name}» có thời gian hiệu lực chồng nhau "
                f"(từ {_d(later.effective_from)})."
            )


def evaluate(
    ruleset: RuleSet, facts: Facts, *, title_names: Mapping[str, str] | None = None
) -> list[Finding]:
    """Every condition of ``ruleset`` the nomination fails, in the order of the rules.

    ``title_names`` (code → name from the catalogue) overrides :data:`TITLE_NAMES` in messages.
    A rule's own ``message``, when set, replaces the generated one; it may use ``{title}``,
    ``{year}``, ``{detail}`` (the generated text) and ``{missing}``.
    """
    names = {**TITLE_NAMES, **(title_names or {})}
    findings: list[Finding] = []
    for rule in ruleset.rules_for(facts):
        for item in KINDS[rule.kind].check(rule, facts, names):
            detail, missing, unknown = _Fail(*item)
            severity = rule.params.get("if_unknown", rule.severity) if unknown else rule.severity
            if severity == SKIP:
                continue
            message = detail
            if rule.message:
                message = _format_override(rule.message, facts, names, detail, missing)
            findings.append(
                Finding(
                    rule=rule.code,
                    severity=severity,
                    message=message,
                    basis=rule.basis,
                    missing=missing,
                    kind=rule.kind,
                )
            )
    return findings


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that stop a decision (warnings never do)."""
    return [finding for finding in findings if finding.severity == BLOCK]


# ---------------------------------------------------------------------------------------------
# The kinds of check. Each returns a _Fail for every failure, [] when the condition is met.


class _Fail(NamedTuple):
    message: str
    missing: tuple[str, ...] = ()
    #: The fact needed is not known (no vote yet, no assessment): see the ``if_unknown`` param.
    unknown: bool = False


Result = list[_Fail | tuple[Any, ...]]


def _consecutive_years(rule: Rule, facts: Facts, names: Mapping[str, str]) -> Result:
    """The lower title held in each of ``times`` consecutive years (or cycles) before."""
    requires = rule.params["requires"]
    times = int(rule.params["times"])
    step = int(rule.params.get("step", 1))
    offset = int(rule.params.get("offset", 1))
    last = facts.year - offset
    expected = sorted(last - step * i for i in range(times))
    missing = [year for year in expected if year not in facts.held(requires)]
    if not missing:
        return []
    lower = _q(names, requires)
    years = ", ".join(str(y) for y in missing)
    if step == 1:
        need = f"{times} năm liên tục đạt danh hiệu {lower} ({expected[0]}–{expected[-1]})"
    else:
        need = (
            f"{times} lần liên tục đạt danh hiệu {lower} "
            f"(các năm {', '.join(str(y) for y in expected)})"
        )
    return [
        (
            f"Để được xét {_q(names, facts.title)} năm {facts.year} cần {need}; "
            f"còn thiếu năm {years}.",
            tuple(str(y) for y in missing),
        )
    ]


def _same_year(rule: Rule, facts: Facts, names: Mapping[str, str]) -> Result:
    """A prerequisite title held in the nomination year (any of several when a list)."""
    requires = rule.params["requires"]
    options = [requires] if isinstance(requires, str) else list(requires)
    year = facts.year - int(rule.params.get("offset", 0))
    if any(year in facts.held(code) for code in options):
        return []
    wanted = " hoặc ".join(_q(names, code) for code in options)
    return [
        (
            f"Năm {year} chưa đạt {wanted}, điều kiện để xét {_q(names, facts.title)}.",
            tuple(names.get(code, code) for code in options),
        )
    ]


def _initiative(rule: Rule, facts: Facts, names: Mapping[str, str]) -> Result:
    """Recognised initiatives of at least the scope, not yet backing another award."""
    min_scope = rule.params["min_scope"]
    count = int(rule.params.get("count", 1))
    within = rule.params.get("within_years")
    or_rating = rule.params.get("or_rating")
    if or_rating and _rating_at_least(facts.rating, or_rating):
        return []
    floor = _scope_rank(min_scope)
    free: list[InitiativeFact] = []
    used: list[InitiativeFact] = []
    narrow: list[InitiativeFact] = []
    unrecognised: list[InitiativeFact] = []
    stale: list[InitiativeFact] = []
    for item in facts.initiatives:
        if item.recognised_year is None:
            unrecognised.append(item)
        elif within is not None and not (
            facts.year - int(within) <= item.recognised_year <= facts.year
        ):
            stale.append(item)
        elif _scope_rank(item.scope) < floor:
            narrow.append(item)
        elif item.used_for:
            used.append(item)
        else:
            free.append(item)
    if len(free) >= count:
        return []
    scope_name = SCOPES[min_scope]
    need = "một sáng kiến" if count == 1 else f"{count} sáng kiến"
    parts = [
        f"Để được xét {_q(names, facts.title)} cần {need} (hoặc đề tài, giải pháp) đã được "
        f"công nhận, có phạm vi ảnh hưởng {scope_name} trở lên"
        + (f", công nhận trong {within} năm gần đây" if within is not None else "")
        + ", chưa dùng làm căn cứ cho khen thưởng khác"
        + (f", hoặc được đánh giá «{RATINGS[or_rating]}»" if or_rating else "")
        + f"; hồ sơ hiện có {len(free)} sáng kiến đáp ứng."
    ]
    missing: list[str] = []
    for item in used:
        parts.append(
            f"Sáng kiến «{item.label}» đã là căn cứ của: {', '.join(item.used_for)} "
            "(mỗi sáng kiến chỉ dùng cho một khen thưởng)."
        )
        missing.append(item.label)
    for item in narrow:
        parts.append(
            f"Sáng kiến «{item.label}» chỉ có phạm vi ảnh hưởng {SCOPES[item.scope]}, "
            f"chưa đạt {scope_name}."
        )
    for item in unrecognised:
        parts.append(f"Sáng kiến «{item.label}» chưa được cấp có thẩm quyền công nhận.")
    for item in stale:
        parts.append(
            f"Sáng kiến «{item.label}» được công nhận năm {item.recognised_year}, "
            f"ngoài {within} năm tính thành tích."
        )
    if not missing:
        missing.append(f"sáng kiến phạm vi {scope_name}")
    return [(" ".join(parts), tuple(missing))]


def _leader(rule: Rule, facts: Facts, names: Mapping[str, str]) -> Result:
    """A leader only when the collective he or she heads completed its tasks excellently."""
    if not facts.is_leader or facts.led_collective_excellent is True:
        return []
    if facts.led_collective_excellent is None:
        return [
            (
                f"Người được đề nghị là lãnh đạo, quản lý: cần xác nhận tập thể do người này "
                f"đứng đầu «{RATINGS['excellent']}» năm {facts.year}.",
                (f"kết quả đánh giá tập thể năm {facts.year}",),
                True,
            )
        ]
    return [
        (
            f"Người được đề nghị là lãnh đạo, quản lý nhưng tập thể do người này đứng đầu không "
            f"«{RATINGS['excellent']}» năm {facts.year}, nên không đủ điều kiện xét "
            f"{_q(names, facts.title)}.",
            (f"tập thể «{RATINGS['excellent']}» năm {facts.year}",),
        )
    ]


def _one_per_group(rule: Rule, facts: Facts, names: Mapping[str, str]) -> Result:
    """At most ``max_per_group`` per block/cluster a year, chosen among its leading units."""
    limit = int(rule.params.get("max_per_group", 1))
    max_rank = rule.params.get("max_rank")
    title = _q(names, facts.title)
    if facts.group_key is None:
        return [
            (
                f"Đơn vị chưa được xếp vào khối/cụm thi đua nào năm {facts.year}, "
                f"nên chưa xét được {title}.",
                ("khối/cụm thi đua",),
                True,
            )
        ]
    results: Result = []
    if facts.same_group_same_title >= limit:
        results.append(
            (
                f"Khối/cụm «{facts.group_key}» đã có {facts.same_group_same_title} đề nghị khác "
                f"cho {title} năm {facts.year}; mỗi khối/cụm chỉ được đề nghị tối đa {limit}.",
                (),
            )
        )
    if max_rank is not None and facts.group_rank is not None and facts.group_rank > max_rank:
        leading = "đơn vị dẫn đầu" if int(max_rank) == 1 else f"{max_rank} đơn vị dẫn đầu"
        results.append(
            (
                f"Đơn vị xếp thứ {facts.group_rank} trong khối/cụm «{facts.group_key}» năm "
                f"{facts.year}; chỉ {leading} được đề nghị {title}.",
                (),
            )
        )
    return results


def _share(rule: Rule, facts: Facts, names: Mapping[str, str], of_what: str) -> Result:
    of = rule.params["of"]
    share = _fraction(rule.params["share"])
    rounding = rule.params.get("rounding", "floor")
    base = int(facts.quota_counts.get(of, 0))
    others = int(facts.quota_counts.get(facts.title or "", 0))
    exact = share * base
    limit = {"floor": math.floor, "ceil": math.ceil, "round": _round_half_up}[rounding](exact)
    if others + 1 <= limit:
        return []
    title = _q(names, facts.title)
    return [
        (
            f"{title} năm {facts.year} không quá {_pct(share)} {of_what} {_q(names, of)}: "
            f"{_pct(share)} × {base} = {_num(exact)} → tối đa {limit}; đã có {others}, "
            f"thêm đề nghị này là {others + 1}.",
            (),
        )
    ]


def _share_cap(rule: Rule, facts: Facts, names: Mapping[str, str]) -> Result:
    """No more than a share of those proposed for another title (the Government's flag)."""
    return _share(rule, facts, names, "số được đề nghị")


def _ratio_quota(rule: Rule, facts: Facts, names: Mapping[str, str]) -> Result:
    """Individual titles as a ratio of those holding a lower title (configurable)."""
    return _share(rule, facts, names, "số cá nhân đạt")


def _council_vote(rule: Rule, facts: Facts, names: Mapping[str, str]) -> Result:
    """Quorum and approval, both as a share of *all* the council's members."""
    vote = facts.vote
    title = _q(names, facts.title)
    if vote is None:
        return [
            (
                f"Chưa có kết quả biểu quyết của hội đồng thi đua – khen thưởng cho {title}.",
                ("biên bản họp và kết quả biểu quyết",),
                True,
            )
        ]
    results: Result = []
    quorum = rule.params.get("quorum")
    if quorum is not None:
        need = math.ceil(_fraction(quorum) * vote.members)
        if vote.cast < need:
            results.append(
                (
                    f"Hội đồng chưa đủ số thành viên tham gia biểu quyết: {vote.cast}/"
                    f"{vote.members}, cần ít nhất {_pct(_fraction(quorum))} ({need} thành viên).",
                    (),
                )
            )
    approval = _fraction(rule.params["approval"])
    need = math.ceil(approval * vote.members)
    if vote.votes_for < need:
        got = Fraction(vote.votes_for, vote.members)
        results.append(
            (
                f"{title}: {vote.votes_for}/{vote.members} thành viên hội đồng đồng ý "
                f"({_pct(got)}); cần từ {_pct(approval)} tổng số thành viên trở lên "
                f"({need} phiếu).",
                (),
            )
        )
    return results


def _rotation(rule: Rule, facts: Facts, names: Mapping[str, str]) -> Result:
    """The same title in the previous ``years`` years: a hint of rotation (luân phiên)."""
    span = int(rule.params["years"])
    if facts.title is None:
        return []
    held = sorted(y for y in facts.held(facts.title) if facts.year - span <= y < facts.year)
    if not held:
        return []
    return [
        (
            f"Đối tượng đã được tặng {_q(names, facts.title)} năm "
            f"{', '.join(str(y) for y in held)}: cần bảo đảm khen thưởng theo thành tích, "
            "không luân phiên.",
            (),
        )
    ]


def _min_rating(rule: Rule, facts: Facts, names: Mapping[str, str]) -> Result:
    """The year's assessment at least the given level."""
    wanted = rule.params["min"]
    title = _q(names, facts.title)
    if facts.rating is None:
        return [
            (
                f"Chưa có kết quả đánh giá, xếp loại năm {facts.year} để xét {title}.",
                (f"kết quả đánh giá năm {facts.year}",),
                True,
            )
        ]
    if _rating_at_least(facts.rating, wanted):
        return []
    return [
        (
            f"Năm {facts.year} được đánh giá «{RATINGS[facts.rating]}»; {title} cần "
            f"«{RATINGS[wanted]}»" + ("" if wanted == "excellent" else " trở lên") + ".",
            (RATINGS[wanted],),
        )
    ]


def _collective_members(rule: Rule, facts: Facts, names: Mapping[str, str]) -> Result:
    """The members' results a collective title needs (shares of all members)."""
    stats = facts.members
    title = _q(names, facts.title)
    if stats is None or stats.total == 0:
        return [
            (
                f"Chưa có số liệu thành viên của tập thể năm {facts.year} để xét {title}.",
                ("số liệu thành viên",),
                True,
            )
        ]
    problems: list[str] = []
    missing: list[str] = []
    if rule.params.get("all_complete", False) and stats.completed < stats.total:
        problems.append(
            f"{stats.total - stats.completed}/{stats.total} thành viên chưa hoàn thành nhiệm vụ"
        )
        missing.append("100% thành viên hoàn thành nhiệm vụ")
    share = rule.params.get("min_ldtt_share")
    if share is not None:
        wanted = _fraction(share)
        need = math.ceil(wanted * stats.total)
        if stats.ldtt < need:
            problems.append(
                f"{stats.ldtt}/{stats.total} thành viên đạt {_q(names, 'ldtt')} "
                f"({_pct(Fraction(stats.ldtt, stats.total))}), cần ít nhất {_pct(wanted)} "
                f"({need} người)"
            )
            missing.append(f"{need - stats.ldtt} thành viên đạt {names.get('ldtt', 'ldtt')}")
    min_cstd = rule.params.get("min_cstd_co_so")
    if min_cstd is not None and stats.cstd_co_so < int(min_cstd):
        problems.append(
            f"có {stats.cstd_co_so} thành viên đạt {_q(names, 'cstd-co-so')}, cần ít nhất "
            f"{min_cstd}"
        )
        missing.append(names.get("cstd-co-so", "cstd-co-so"))
    if rule.params.get("no_discipline", False) and stats.disciplined:
        problems.append(f"{stats.disciplined} thành viên bị kỷ luật trong năm")
    if not problems:
        return []
    return [(f"{title} năm {facts.year}: " + "; ".join(problems) + ".", tuple(missing))]


KINDS: dict[str, _Kind] = {
    "consecutive_years": _Kind(
        frozenset({"requires", "times"}), frozenset({"step", "offset"}), _consecutive_years
    ),
    "same_year": _Kind(frozenset({"requires"}), frozenset({"offset"}), _same_year),
    "initiative": _Kind(
        frozenset({"min_scope"}), frozenset({"count", "within_years", "or_rating"}), _initiative
    ),
    "leader": _Kind(frozenset(), frozenset(), _leader),
    "one_per_group": _Kind(frozenset(), frozenset({"max_per_group", "max_rank"}), _one_per_group),
    "share_cap": _Kind(frozenset({"of", "share"}), frozenset({"rounding"}), _share_cap),
    "ratio_quota": _Kind(frozenset({"of", "share"}), frozenset({"rounding"}), _ratio_quota),
    "council_vote": _Kind(frozenset({"approval"}), frozenset({"quorum"}), _council_vote),
    "rotation": _Kind(frozenset({"years"}), frozenset(), _rotation),
    "min_rating": _Kind(frozenset({"min"}), frozenset(), _min_rating),
    "collective_members": _Kind(
        frozenset(),
        frozenset({"all_complete", "min_ldtt_share", "min_cstd_co_so", "no_discipline"}),
        _collective_members,
    ),
}


# ---------------------------------------------------------------------------------------------
# Conflict of interest


def _path(value: str, what: str) -> tuple[str, ...]:
    parts = value.split("/")
    if len(parts) < 3 or parts[0] or parts[-1] or not all(p.isdigit() for p in parts[1:-1]):
        raise ValueError(f"Đường dẫn đơn vị ({what}) không hợp lệ: «{value}»; dạng đúng: /1/7/42/.")
    return tuple(parts[1:-1])


def must_recuse(
    reviewer_unit_path: str,
    nominee_unit_path: str,
    council_unit_path: str,
    *,
    reviewer_is_nominee: bool = False,
) -> bool:
    """Whether a reviewer must stand aside from a nomination (xung đột lợi ích).

    The reviewer recuses when he or she is the individual nominated, or when his or her unit is
    the nominee's unit, lies inside the nominee's unit's subtree, or lies on the line of
    supervision from the nominee's unit up to the deciding council's unit, that unit itself
    excluded. When the council's unit is not above the nominee's (a block or cluster council
    seated at another province), the line runs up to, and excludes, the nearest unit above both.

    When the council sits at the nominee's own unit or above it within that unit (a unit
    council proposing its own collective), membership cannot disqualify anyone — all its members
    belong there — and only ``reviewer_is_nominee`` counts.
    """
    if reviewer_is_nominee:
        return True
    reviewer = _path(reviewer_unit_path, "người thẩm định")
    nominee = _path(nominee_unit_path, "đối tượng đề nghị")
    council = _path(council_unit_path, "hội đồng")
    if council[: len(nominee)] == nominee:
        return False  # the council is the nominee's unit or inside it
    if reviewer == council:
        return False
    if reviewer[: len(nominee)] == nominee:
        return True  # the nominee's unit or its subtree
    if nominee[: len(reviewer)] == reviewer:  # an ancestor of the nominee's unit
        common = 0
        for a, b in zip(nominee, council, strict=False):
            if a != b:
                break
            common += 1
        return len(reviewer) > common
    return False


# ---------------------------------------------------------------------------------------------
# Helpers


def _validate_params(where: str, params: Mapping[str, Any]) -> None:
    if "min_scope" in params and params["min_scope"] not in SCOPES:
        raise ValueError(f"{where}: phạm vi «{params['min_scope']}» không hợp lệ.")
    for key in ("min", "or_rating"):
        if key in params and params[key] is not None and params[key] not in RATINGS:
            raise ValueError(f"{where}: mức đánh giá «{params[key]}» không hợp lệ.")
    for key in ("share", "approval", "quorum", "min_ldtt_share"):
        if key in params and params[key] is not None:
            try:
                value = _fraction(params[key])
            except (TypeError, ValueError):
                raise ValueError(f"{where}: {key} phải là một số từ 0 đến 1.") from None
            if not 0 <= value <= 1:
                raise ValueError(f"{where}: {key} phải từ 0 đến 1 (ví dụ 0.2 cho 20%).")
    for key in ("times", "years", "count", "max_per_group"):
        if key in params and (not isinstance(params[key], int) or params[key] < 1):
            raise ValueError(f"{where}: {key} phải là số nguyên từ 1 trở lên.")
    if "if_unknown" in params and params["if_unknown"] not in (*SEVERITIES, SKIP):
        raise ValueError(f"{where}: if_unknown phải là block, warn hoặc skip.")
    if "rounding" in params and params["rounding"] not in ("floor", "ceil", "round"):
        raise ValueError(f"{where}: rounding phải là floor, ceil hoặc round.")


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _fraction(value: Any) -> Fraction:
    """Exact arithmetic for shares: 0.9 × 10 is 9, not 8.999…"""
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, float):
        return Fraction(str(value))
    return Fraction(value)


def _round_half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def _num(value: Fraction) -> str:
    """A number the Vietnamese way: decimal comma, at most two decimals."""
    if value.denominator == 1:
        return str(value.numerator)
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _pct(value: Fraction) -> str:
    return f"{_num(value * 100)}%"


def _q(names: Mapping[str, str], code: str | None) -> str:
    code = code or REPLICATION
    return f"«{names.get(code, code)}»"


def _scope_rank(scope: str) -> int:
    return list(SCOPES).index(scope)


def _rating_at_least(rating: str | None, wanted: str) -> bool:
    if rating is None:
        return False
    order = list(RATINGS)
    return order.index(rating) >= order.index(wanted)


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


class _Defaulting(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _format_override(
    template: str,
    facts: Facts,
    names: Mapping[str, str],
    detail: str,
    missing: Sequence[str],
) -> str:
    values = _Defaulting(
        title=names.get(facts.title or REPLICATION, facts.title or ""),
        year=facts.year,
        detail=detail,
        missing=", ".join(missing),
    )
    try:
        return template.format_map(values)
    except (ValueError, IndexError):
        return template
