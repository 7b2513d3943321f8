"""The roles of the product, held as Wagtail groups (created by a migration).

The names are what administrators see in the admin, so they are Vietnamese; code refers to
them through these constants only.
"""

READER = "Độc giả"
EDITOR = "Biên tập viên"
MODERATOR = "Kiểm duyệt viên"
UNIT_OFFICER = "Cán bộ thi đua đơn vị"
COUNCIL_MEMBER = "Thành viên Hội đồng TĐKT"
MINISTRY_OFFICE = "Vụ Thi đua - Khen thưởng"
ADMINISTRATOR = "Quản trị viên"

ALL_ROLES = [
    READER,
    EDITOR,
    MODERATOR,
    UNIT_OFFICER,
    COUNCIL_MEMBER,
    MINISTRY_OFFICE,
    ADMINISTRATOR,
]

# Roles whose scope is the whole sector rather than the user's own unit and its subtree.
SECTOR_WIDE_ROLES = {MINISTRY_OFFICE, ADMINISTRATOR}
