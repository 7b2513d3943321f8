"""The rule sets a new installation starts with, as data (loaded into the database, then edited).

Two rule sets under the Law on Emulation and Commendation 2022 (Luật Thi đua, khen thưởng số
06/2022/QH15, in force from 1/1/2024):

- **Nghị định 98/2023/NĐ-CP** (quy định chi tiết thi hành Luật), for decisions from 1/1/2024 to
  30/6/2025;
- **Nghị định 152/2025/NĐ-CP** (phân cấp, phân quyền và quy định chi tiết Luật), which replaced
  it from 1/7/2025.

The conditions of each title cite the article of the Law that sets them (Điều 21 to 28 for the
emulation titles, Điều 5 for the principles "one achievement, one award" and the leader rule).
The quotas of the sector — one unit per block or cluster for the ministry's flag, no more than
20% of those for the Government's flag — come from BHXH Việt Nam's own emulation guidance as
reported in the press articles the project started from.

**The figures and article numbers are a starting point, not legal advice: verify every one
against the official texts (vbpl.vn, the Official Gazette) before relying on it**, in particular
the council's quorum and approval thresholds, the 15% ratio of Chiến sĩ thi đua cơ sở and the
decree's article numbers, which are not given here where we could not confirm them. Both rule
sets carry the same figures because we found no change we could confirm between the decrees;
what differs is the basis each finding cites. A correction — or next year's decree — is an edit
of these rows in the admin (or a new row with its dates), not a change of code.

Where a rule needs a fact the dossier may not carry yet (the year's assessment, the members'
results of a collective), ``if_unknown: warn`` makes its absence a warning, not a block; a wrong
value still blocks.
"""

from __future__ import annotations

from typing import Any

from .eligibility import RuleSet

__all__ = ["DEFAULT_RULESETS", "ND_98_2023", "ND_152_2025", "default_ruleset_dicts"]

LAW = "Luật Thi đua, khen thưởng 2022"
SECTOR_GUIDANCE = "Hướng dẫn thi đua, khen thưởng của BHXH Việt Nam (khối, cụm thi đua)"

VERIFY_NOTE = (
    "Số liệu và điều khoản lấy từ các bản tóm tắt công khai; phải đối chiếu với văn bản chính "
    "thức trước khi áp dụng."
)


def _rules(decree: str) -> list[dict[str, Any]]:
    """The rows of one rule set; ``decree`` is cited where the decree details the Law."""
    return [
        # --- Individuals -----------------------------------------------------------------------
        {
            "code": "ldtt-danh-gia",
            "kind": "min_rating",
            "titles": ["ldtt"],
            "params": {"min": "good", "if_unknown": "warn"},
            "basis": f"{LAW}, Điều 24",
        },
        {
            "code": "cstd-co-so-ldtt",
            "kind": "same_year",
            "titles": ["cstd-co-so"],
            "params": {"requires": "ldtt"},
            "basis": f"{LAW}, Điều 23",
        },
        {
            "code": "cstd-co-so-sang-kien",
            "kind": "initiative",
            "titles": ["cstd-co-so"],
            "params": {"min_scope": "unit", "or_rating": "excellent"},
            "basis": f"{LAW}, Điều 23",
        },
        {
            "code": "cstd-co-so-ty-le",
            "kind": "ratio_quota",
            "titles": ["cstd-co-so"],
            "params": {"of": "ldtt", "share": 0.15, "rounding": "floor"},
            "basis": f"{decree} (tỷ lệ Chiến sĩ thi đua cơ sở); {LAW}, Điều 23",
        },
        {
            "code": "cstd-nganh-3-nam",
            "kind": "consecutive_years",
            "titles": ["cstd-nganh"],
            "params": {"requires": "cstd-co-so", "times": 3, "step": 1, "offset": 1},
            "basis": f"{LAW}, Điều 22",
        },
        {
            "code": "cstd-nganh-sang-kien",
            "kind": "initiative",
            "titles": ["cstd-nganh"],
            "params": {"min_scope": "sector"},
            "basis": f"{LAW}, Điều 22",
        },
        {
            "code": "cstd-toan-quoc-2-lan",
            "kind": "consecutive_years",
            "titles": ["cstd-toan-quoc"],
            "params": {"requires": "cstd-nganh", "times": 2, "step": 3, "offset": 1},
            "basis": f"{LAW}, Điều 21",
        },
        {
            "code": "cstd-toan-quoc-sang-kien",
            "kind": "initiative",
            "titles": ["cstd-toan-quoc"],
            "params": {"min_scope": "national"},
            "basis": f"{LAW}, Điều 21",
        },
        {
            "code": "lanh-dao",
            "kind": "leader",
            "titles": ["*"],
            "nominee_kinds": ["individual"],
            "params": {},
            "basis": f"{LAW}, Điều 5 (khen thưởng người đứng đầu căn cứ thành tích tập thể); "
            f"{decree}",
        },
        # --- Collectives -----------------------------------------------------------------------
        {
            "code": "tt-ldtt-danh-gia",
            "kind": "min_rating",
            "titles": ["tt-ldtt"],
            "params": {"min": "good", "if_unknown": "warn"},
            "basis": f"{LAW}, Điều 28",
        },
        {
            "code": "tt-ldxs-danh-gia",
            "kind": "min_rating",
            "titles": ["tt-ldxs"],
            "params": {"min": "excellent", "if_unknown": "warn"},
            "basis": f"{LAW}, Điều 27",
        },
        {
            "code": "tt-ldxs-thanh-vien",
            "kind": "collective_members",
            "titles": ["tt-ldxs"],
            "params": {
                "all_complete": True,
                "min_ldtt_share": 0.7,
                "min_cstd_co_so": 1,
                "no_discipline": True,
                "if_unknown": "warn",
            },
            "basis": f"{LAW}, Điều 27",
        },
        {
            "code": "co-danh-gia",
            "kind": "min_rating",
            "titles": ["co-bhxh", "co-chinh-phu"],
            "params": {"min": "excellent", "if_unknown": "warn"},
            "basis": f"{LAW}, Điều 25, Điều 26",
        },
        {
            "code": "co-bhxh-moi-khoi-mot",
            "kind": "one_per_group",
            "titles": ["co-bhxh"],
            "params": {"max_per_group": 1, "max_rank": 1},
            "basis": f"{LAW}, Điều 26; {SECTOR_GUIDANCE}",
        },
        {
            "code": "co-chinh-phu-tu-co-bhxh",
            "kind": "same_year",
            "titles": ["co-chinh-phu"],
            "params": {"requires": "co-bhxh"},
            "basis": f"{LAW}, Điều 25; {SECTOR_GUIDANCE}",
        },
        {
            "code": "co-chinh-phu-20",
            "kind": "share_cap",
            "titles": ["co-chinh-phu"],
            "params": {"of": "co-bhxh", "share": 0.2, "rounding": "floor"},
            "basis": f"{SECTOR_GUIDANCE}; {LAW}, Điều 25",
        },
        # --- Council votes (share of ALL members; figures to verify) ---------------------------
        {
            "code": "bieu-quyet-cstd",
            "kind": "council_vote",
            "titles": ["cstd-nganh", "cstd-toan-quoc"],
            "params": {"quorum": "2/3", "approval": 0.9},
            "basis": f"{decree} (bỏ phiếu kín của Hội đồng Thi đua – Khen thưởng)",
        },
        {
            "code": "bieu-quyet-co-bang-khen",
            "kind": "council_vote",
            "titles": ["co-bhxh", "co-chinh-phu", "bang-khen-ttg", "huan-chuong-ld-3"],
            "params": {"quorum": "2/3", "approval": 0.8},
            "basis": f"{decree} (bỏ phiếu kín của Hội đồng Thi đua – Khen thưởng)",
        },
        # --- Warnings --------------------------------------------------------------------------
        {
            "code": "khong-luan-phien",
            "kind": "rotation",
            "titles": ["co-bhxh", "co-chinh-phu", "bang-khen-bhxh", "bang-khen-ttg"],
            "params": {"years": 2},
            "severity": "warn",
            "basis": f"{LAW}, Điều 5 (khen thưởng theo thành tích, không luân phiên)",
        },
    ]


def default_ruleset_dicts() -> list[dict[str, Any]]:
    """The default rule sets as JSON-able dicts, one per legal basis (rows for the database)."""
    return [
        {
            "name": "Luật TĐKT 2022 – Nghị định 98/2023/NĐ-CP",
            "basis": f"{LAW}; Nghị định 98/2023/NĐ-CP",
            "effective_from": "2024-01-01",
            "effective_to": "2025-06-30",
            "note": VERIFY_NOTE,
            "rules": _rules("Nghị định 98/2023/NĐ-CP"),
        },
        {
            "name": "Luật TĐKT 2022 – Nghị định 152/2025/NĐ-CP",
            "basis": f"{LAW}; Nghị định 152/2025/NĐ-CP",
            "effective_from": "2025-07-01",
            "effective_to": None,
            "note": VERIFY_NOTE,
            "rules": _rules("Nghị định 152/2025/NĐ-CP"),
        },
    ]


ND_98_2023, ND_152_2025 = (RuleSet.from_dict(data) for data in default_ruleset_dicts())
DEFAULT_RULESETS: tuple[RuleSet, ...] = (ND_98_2023, ND_152_2025)
