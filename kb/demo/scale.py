"""Scale data for benchmarks: 100,000 real, published pages in about a minute.

`generate()` appends exemplars, initiatives and stories (and province units) to the site built
by `ensure_site_structure()`. Every page is a genuine Wagtail page: a `wagtailcore_page` row
with a correct treebeard `path`/`depth`, the parent's `numchild`, `url_path`, `content_type`,
`draft_title`, `live=True` and both publication dates, plus the row of its own table
(`exemplars_exemplarpage`, …), its fields of work, titles won, initiative authors and story
links. The site, `Page.find_problems()` and the admin see ordinary pages.

How, and why not `parent.add_child()`
-------------------------------------
`add_child()` costs several queries per page (it locks and reads the parent, finds the last
child, checks the slug, inserts two rows, updates the parent, saves the relations, enqueues
index tasks). Here a chunk of pages (2,000 by default) takes a handful of statements, in one
transaction per chunk, so the tree is consistent after every commit:

1. the parent row is locked (`SELECT … FOR UPDATE` on PostgreSQL; SQLite's IMMEDIATE
   transactions lock the file) and its last child's path read once; each new page takes the
   next step of treebeard's materialised path (`Page._get_path(parent.path, depth, step)`:
   base-36 steps of `Page.steplen` characters) and `url_path = parent.url_path + slug + "/"`;
2. the `wagtailcore_page` rows go in, many per statement, and their new primary keys come
   back (SQLite ≥ 3.35: `INSERT … VALUES (…), (…) RETURNING id`, in order, as
   `bulk_create()` relies on; PostgreSQL: drawn from the sequence, then `COPY`);
3. the child-table rows (`page_ptr_id` plus the model's own columns) go in the same way;
4. the parent's `numchild` grows by the chunk's size (one `F()` update);
5. the through rows (fields of work, story links) and inline rows (titles won, authors) too.

Steps 2 and 3 are the two INSERTs `Model.save()` makes for a multi-table-inherited model (the
parent's table, then the child's), for many pages at once: `bulk_create()` refuses such models.
`_TableWriter` writes them, and the relation rows, from plain dicts: the columns are the
model's `_meta.local_concrete_fields`, names are quoted by the backend, and every value goes
through its field's own `get_db_prep_save()`, so JSON (StreamField), UUIDs, aware datetimes
and booleans are adapted for the backend exactly as `save()` adapts them. On SQLite the
statement is `INSERT INTO t (…) VALUES (…), (…) [RETURNING pk]`, as many rows per statement as
`connection.ops.bulk_batch_size()` allows; on PostgreSQL it is `COPY t (…) FROM STDIN`
(see `_TableWriter` for why).

The first version used `Model._base_manager._insert(instances, fields=…)`, the call `save()`
itself ends in. It needed a model instance per row — a Wagtail page's `__init__` is slow
(modelcluster inspects the relations of every instance) — and ran Django's SQL compiler for
every value: 85 s for the 100,000-record set on SQLite and 124 s on PostgreSQL, against about
40 s on either now. The price is that no model code runs: defaults come from
`field.get_default()`, and nothing may rely on `save()`, `clean()` or signals (see below);
the tests run `full_clean()` on generated pages.

What is deliberately not done
-----------------------------
- No revisions: `latest_revision` and `live_revision` stay null, which Wagtail accepts (the
  admin edit view edits the page itself when it has no revision). The first edit in the admin
  makes the first revision.
- No search index and no reference index, as no signals fire. Afterwards run
  `python manage.py kb_reindex` (the search index) and, if "usage" counts matter,
  `python manage.py rebuild_references_index`.
- No tags and no images.

Keys and unit codes carry a "gen" marker and a serial that continues after the highest one
already stored (`ex-gen-000001`, `sk-gen-…`, `bv-gen-…`, units `gen-u-…`), and slugs end in the
same serial, so a second run appends without collisions.
"""

from __future__ import annotations

import datetime
import functools
import random
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models import F
from django.db.models.functions import Length
from treebeard.exceptions import PathOverflow
from wagtail.models import Page

from kb.core.vietnamese import slugify_vi
from kb.exemplars.models import ExemplarKind, ExemplarPage, ExemplarTitleAward, Gender
from kb.home.structure import ensure_site_structure
from kb.initiatives.models import InitiativeAuthor, InitiativePage, Scope
from kb.stories.models import StoryPage
from kb.taxonomy.models import FieldOfWork, Title, TitleRecipient
from kb.units.models import Unit, UnitLevel

ProgressCallback = Callable[[str, int, int], None]
"""Called after every chunk as `progress(phase, done, total)`; phases: PHASES."""

PHASES = ("units", "exemplars", "initiatives", "stories")
DEFAULT_CHUNK_SIZE = 2000
GEN = "gen"  # the marker in generated keys and unit codes
UNIT_CODE_STEM = "gen-u-"
POSTGRES_MAX_PARAMS = 65_535  # per statement, with server-side binding

Row = dict[str, Any]  # column values keyed by field attname ("unit_id", "title", …)


# --- Vocabulary (written for this generator; combined at random) ------------------------------

# The 34 provinces and centrally-run cities after the 2025 merger: (kind, name).
PROVINCES = [
    ("thành phố", "Hà Nội"), ("thành phố", "Huế"), ("tỉnh", "Lai Châu"),
    ("tỉnh", "Điện Biên"), ("tỉnh", "Sơn La"), ("tỉnh", "Lạng Sơn"),
    ("tỉnh", "Quảng Ninh"), ("tỉnh", "Thanh Hóa"), ("tỉnh", "Nghệ An"),
    ("tỉnh", "Hà Tĩnh"), ("tỉnh", "Cao Bằng"), ("tỉnh", "Tuyên Quang"),
    ("tỉnh", "Lào Cai"), ("tỉnh", "Thái Nguyên"), ("tỉnh", "Phú Thọ"),
    ("tỉnh", "Bắc Ninh"), ("tỉnh", "Hưng Yên"), ("thành phố", "Hải Phòng"),
    ("tỉnh", "Ninh Bình"), ("tỉnh", "Quảng Trị"), ("thành phố", "Đà Nẵng"),
    ("tỉnh", "Quảng Ngãi"), ("tỉnh", "Gia Lai"), ("tỉnh", "Khánh Hòa"),
    ("tỉnh", "Lâm Đồng"), ("tỉnh", "Đắk Lắk"), ("thành phố", "Hồ Chí Minh"),
    ("tỉnh", "Đồng Nai"), ("tỉnh", "Tây Ninh"), ("thành phố", "Cần Thơ"),
    ("tỉnh", "Vĩnh Long"), ("tỉnh", "Đồng Tháp"), ("tỉnh", "Cà Mau"),
    ("tỉnh", "An Giang"),
]  # fmt: skip

FAMILY_NAMES = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lương", "Trịnh", "Mai",
]  # fmt: skip
MIDDLE_NAMES = {
    Gender.MALE: ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân", "Anh"],
    Gender.FEMALE: ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Kim", "Phương", "Diệu"],
}
GIVEN_NAMES = {
    Gender.MALE: [
        "Anh", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khánh", "Long", "Nam",
        "Phong", "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt", "Vinh", "Hiếu",
    ],
    Gender.FEMALE: [
        "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân", "Nhung", "Phương", "Thảo", "Trang",
        "Vân", "Yến", "Hà", "Hạnh", "Huyền", "Loan", "Oanh", "Quyên", "Tâm", "Thủy",
    ],
}  # fmt: skip

# Departments of a provincial BHXH, with the field of work (catalogue name) each serves.
DEPARTMENTS = [
    ("Phòng Quản lý thu", "Thu BHXH, BHYT, BHTN"),
    ("Phòng Cấp sổ, thẻ", "Cấp sổ BHXH, thẻ BHYT"),
    ("Phòng Chế độ BHXH", "Thực hiện chính sách BHXH"),
    ("Phòng Giám định BHYT", "Giám định BHYT"),
    ("Phòng Kế hoạch - Tài chính", "Kế hoạch - Tài chính"),
    ("Phòng Công nghệ thông tin", "Công nghệ thông tin"),
    ("Phòng Kiểm tra", "Kiểm tra"),
    ("Phòng Truyền thông và Phát triển đối tượng", "Tuyên truyền"),
    ("Phòng Tổ chức - Hành chính", "Tổ chức cán bộ"),
    ("Bộ phận Tiếp nhận và Trả kết quả", "Cải cách thủ tục hành chính"),
    ("Tổ Giao dịch điện tử", "Giao dịch điện tử"),
    ("Văn phòng", "Văn phòng"),
]
POSITIONS = [  # (position, is a leader or manager)
    ("Chuyên viên", False), ("Chuyên viên chính", False), ("Viên chức", False),
    ("Kế toán viên", False), ("Giám định viên", False), ("Nhân viên", False),
    ("Phó Trưởng phòng", True), ("Trưởng phòng", True), ("Tổ trưởng", True),
]  # fmt: skip
DIRECTORS = [("Phó Giám đốc", True), ("Giám đốc", True)]

EXEMPLAR_OPENINGS = [
    "Nhiều năm liền", "Trong {n} năm liên tục", "Giai đoạn {y0}–{year}", "Năm {year}",
    "Từ khi nhận nhiệm vụ mới", "Trong bối cảnh khối lượng công việc tăng mạnh",
]  # fmt: skip
EXEMPLAR_ACHIEVEMENTS = [
    "hoàn thành xuất sắc nhiệm vụ được giao",
    "dẫn đầu phong trào thi đua của đơn vị",
    "luôn đi đầu trong cải cách thủ tục hành chính",
    "tận tụy phục vụ người tham gia BHXH, BHYT",
    "chủ động đổi mới cách làm, không ngại khó",
    "giữ vững kỷ cương, không để xảy ra sai sót",
]
EXEMPLAR_RESULTS = [
    "góp phần nâng tỷ lệ bao phủ BHYT lên {pct}% dân số",
    "giảm {pct_small}% số tiền chậm đóng BHXH so với cùng kỳ",
    "giải quyết đúng hạn {pct}% hồ sơ hưởng chế độ",
    "phát triển thêm {count} người tham gia BHXH tự nguyện",
    "tiếp nhận và xử lý hơn {count} hồ sơ mà không để tồn đọng",
    "phát hiện, thu hồi {money} triệu đồng chi phí khám chữa bệnh không đúng quy định",
    "đưa tỷ lệ hồ sơ giao dịch điện tử lên {pct}%",
]
EXEMPLAR_CLOSINGS = {
    ExemplarKind.INDIVIDUAL: [
        "Đồng chí luôn sẵn sàng hướng dẫn, hỗ trợ đồng nghiệp trẻ.",
        "Tinh thần trách nhiệm của đồng chí được người dân và đơn vị sử dụng lao động ghi nhận.",
        "Đồng chí là tác giả của nhiều đề xuất cải tiến được áp dụng trong đơn vị.",
        "Với đồng nghiệp, đồng chí là tấm gương về sự tận tâm và kỷ luật.",
    ],
    ExemplarKind.COLLECTIVE: [
        "Tập thể đoàn kết, phân công rõ người, rõ việc, rõ trách nhiệm.",
        "Tập thể chủ động phối hợp với các sở, ngành và chính quyền cơ sở.",
        "Nhiều cách làm của tập thể đã được nhân rộng trong toàn tỉnh.",
        "Tập thể duy trì tốt việc chấm điểm, đánh giá hằng tháng.",
    ],
}

INITIATIVE_KINDS = ["Giải pháp", "Sáng kiến", "Mô hình", "Cách làm"]
INITIATIVE_SUBJECTS = [  # (what it does, field of work)
    ("số hóa hồ sơ hưởng chế độ ốm đau, thai sản", "Thực hiện chính sách BHXH"),
    ("rút ngắn thời gian cấp lại sổ BHXH", "Cấp sổ BHXH, thẻ BHYT"),
    ("đôn đốc thu nợ BHXH bằng tin nhắn tự động", "Thu BHXH, BHYT, BHTN"),
    ("phát triển người tham gia BHXH tự nguyện qua tổ dịch vụ thu", "Thu BHXH, BHYT, BHTN"),
    ("chi trả lương hưu qua tài khoản cá nhân", "Thực hiện chính sách BHXH"),
    ("giám định BHYT điện tử theo chuyên đề", "Giám định BHYT"),
    ("đối soát dữ liệu thẻ BHYT học sinh, sinh viên", "Cấp sổ BHXH, thẻ BHYT"),
    ("nhắc hạn đóng BHYT hộ gia đình", "Thu BHXH, BHYT, BHTN"),
    ("tiếp nhận hồ sơ giao dịch điện tử ngoài giờ hành chính", "Giao dịch điện tử"),
    ("liên thông dữ liệu với cơ quan thuế", "Công nghệ thông tin"),
    ("cảnh báo chi phí khám chữa bệnh bất thường", "Giám định BHYT"),
    ("lưu trữ hồ sơ nghiệp vụ bằng bản điện tử", "Văn phòng"),
    ("kiểm tra chuyên ngành dựa trên dữ liệu rủi ro", "Kiểm tra"),
    ("tuyên truyền chính sách qua mạng xã hội", "Tuyên truyền"),
    ("cài đặt và hướng dẫn sử dụng ứng dụng VssID", "Giao dịch điện tử"),
    ("quản lý đối tượng hưởng trợ cấp thất nghiệp", "Thực hiện chính sách BHXH"),
    ("lập kế hoạch tài chính theo dữ liệu thu, chi hằng tháng", "Kế hoạch - Tài chính"),
    ("đánh giá cán bộ theo kết quả công việc", "Tổ chức cán bộ"),
]
INITIATIVE_PLACES = [
    "tại bộ phận một cửa", "tại BHXH cơ sở", "trên địa bàn tỉnh", "cho doanh nghiệp nhỏ và vừa",
    "cho người lao động tự do", "ở vùng đồng bào dân tộc thiểu số", "",
]  # fmt: skip
INITIATIVE_PROBLEMS = [
    "hồ sơ giấy phải đi qua nhiều khâu, người dân chờ lâu",
    "số doanh nghiệp chậm đóng kéo dài, khó đôn đốc",
    "dữ liệu giữa các phòng nghiệp vụ chưa khớp nhau",
    "người tham gia chưa nắm được quyền lợi của mình",
    "cán bộ phải nhập lại cùng một thông tin nhiều lần",
    "việc kiểm tra phụ thuộc nhiều vào kinh nghiệm cá nhân",
]
INITIATIVE_SOLUTIONS = [
    "xây dựng quy trình mới, phân rõ đầu mối và thời hạn từng bước",
    "dùng phần mềm dùng chung để theo dõi và nhắc việc tự động",
    "phối hợp với chính quyền cơ sở lập danh sách, đối chiếu hằng tháng",
    "tổ chức tập huấn ngắn cho cán bộ và đại lý thu",
    "công khai kết quả xử lý để người dân tự tra cứu",
]
INITIATIVE_RESULTS = [
    "thời gian giải quyết giảm từ {a} ngày xuống còn {b} ngày",
    "tiết kiệm khoảng {money} triệu đồng mỗi năm",
    "tỷ lệ hồ sơ điện tử đạt {pct}%",
    "số tiền chậm đóng giảm {pct_small}% so với trước khi áp dụng",
    "thêm {count} người được cấp thẻ BHYT đúng hạn",
]

STORY_EXEMPLAR_TAGLINES = [
    "tận tụy vì người tham gia BHXH", "người giữ lửa ở bộ phận một cửa",
    "lặng lẽ cống hiến", "gương sáng trong phong trào thi đua",
    "khi tâm huyết đi cùng đổi mới", "vững vàng nơi tuyến đầu phục vụ",
]  # fmt: skip
STORY_INITIATIVE_LEADS = [
    "Lan tỏa", "Nhân rộng", "Hiệu quả từ", "Dấu ấn của", "Bài học từ",
]  # fmt: skip
STORY_GENERIC = [
    "Nhân rộng điển hình tiên tiến trong công tác {field}",
    "Phong trào thi đua sôi nổi ở {unit}",
    "Những cách làm hay trong công tác {field}",
]
STORY_AUTHORS = ["Minh Anh", "Thu Hà", "Hoàng Lâm", "Ngọc Mai", "Phòng Truyền thông", "Việt Dũng"]
STORY_PARAGRAPHS = [
    "Trong những năm qua, phong trào thi đua yêu nước trong ngành BHXH được triển khai sâu "
    "rộng, gắn với nhiệm vụ chính trị của từng đơn vị.",
    "Điều dễ nhận thấy là mỗi cách làm hay đều bắt đầu từ những vướng mắc rất cụ thể trong "
    "công việc hằng ngày.",
    "Lãnh đạo đơn vị cho biết sẽ tiếp tục tổng kết, đánh giá để nhân rộng mô hình trong thời "
    "gian tới.",
    "Nhiều người tham gia BHXH, BHYT bày tỏ sự hài lòng khi thủ tục được giải quyết nhanh "
    "chóng, thuận tiện.",
    "Từ kết quả đạt được, đơn vị đã đề nghị cấp trên khen thưởng và giới thiệu điển hình để "
    "học tập.",
]


# --- Results ------------------------------------------------------------------------------------


@dataclass
class GenerationResult:
    units: int = 0
    exemplars: int = 0
    initiatives: int = 0
    stories: int = 0
    relations: int = 0  # fields of work, titles won, authors, story links
    seconds: float = 0.0

    @property
    def pages(self) -> int:
        return self.exemplars + self.initiatives + self.stories


@dataclass(frozen=True)
class _UnitRef:
    id: int
    name: str


@dataclass(frozen=True)
class _ExemplarRef:
    id: int
    title: str
    unit_id: int
    individual: bool


@dataclass
class _Pools:
    units: list[_UnitRef]
    fields: dict[str, int]  # field of work name -> id
    titles: dict[str, list[int]]  # "individual" / "collective" -> title ids
    exemplars: list[_ExemplarRef] = field(default_factory=list)
    initiatives: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Record:
    """One page's column values, and the rows that hang off it once it has a primary key."""

    page: Row
    fields_of_work: list[int] = field(default_factory=list)
    titles: list[tuple[int, int, str]] = field(default_factory=list)  # title id, year, decision
    authors: list[int] = field(default_factory=list)  # exemplar page ids
    linked_exemplars: list[int] = field(default_factory=list)
    linked_initiatives: list[int] = field(default_factory=list)


# --- Entry point --------------------------------------------------------------------------------


def generate(
    *,
    exemplars: int = 0,
    initiatives: int = 0,
    stories: int = 0,
    units: int = 0,
    seed: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: ProgressCallback | None = None,
) -> GenerationResult:
    """Append `units` province units and the given numbers of published pages to the site.

    Pages are attached to the units made here, or to the existing active units when
    `units` is 0 (on a database without units, one unit per province is made first).
    Stories link to the exemplars and initiatives made in the same run (or to existing
    ones). The same seed on the same starting database gives the same content.
    """
    started = time.perf_counter()
    using = DEFAULT_DB_ALIAS  # where ensure_site_structure() works
    connection = connections[using]
    if (exemplars or initiatives or stories) and not (
        connection.features.can_return_rows_from_bulk_insert
    ):
        raise RuntimeError(
            "The database cannot return primary keys from a multi-row INSERT "
            "(SQLite ≥ 3.35 or PostgreSQL needed)."
        )
    report = progress or (lambda phase, done, total: None)
    structure = ensure_site_structure()
    result = GenerationResult()

    # Serials continue after what is stored, so keys, codes and slugs never collide.
    serials = {
        "units": _next_serial(Unit.objects.using(using), "code", UNIT_CODE_STEM),
        **{
            phase: _next_serial(model.objects.using(using), "key", _key_stem(model))
            for phase, model in (
                ("exemplars", ExemplarPage),
                ("initiatives", InitiativePage),
                ("stories", StoryPage),
            )
        },
    }
    # Content, not security: a seeded generator, varied by where the serials start.
    rng = random.Random(f"{seed}:" + ":".join(str(serials[p]) for p in PHASES))  # noqa: S311

    if not units and not Unit.objects.using(using).filter(is_active=True).exists():
        units = len(PROVINCES)  # an empty database: one unit per province
    new_units = _create_units(units, serials["units"], rng, chunk_size, report, using)
    result.units = len(new_units)
    pools = _load_pools(new_units, using)

    # Initiatives need authors and stories need something to tell about: when this run makes
    # none, the existing ones serve.
    if (initiatives or stories) and not exemplars:
        pools.exemplars = _existing_exemplars(using)
    if stories and not initiatives:
        pools.initiatives = _existing_initiatives(using)
    composer = _Composer(rng, pools)
    relations = _RelationWriter(connection)
    plans = [
        ("exemplars", exemplars, ExemplarPage, structure.exemplars, composer.exemplar),
        ("initiatives", initiatives, InitiativePage, structure.initiatives, composer.initiative),
        ("stories", stories, StoryPage, structure.stories, composer.story),
    ]
    for phase, count, model, parent, build in plans:
        if not count:
            continue
        writer = _PageWriter(parent, model, connection)
        first = serials[phase]
        for done, serials_chunk in _chunks(range(first, first + count), chunk_size):
            with transaction.atomic(using=using):
                records = [build(serial) for serial in serials_chunk]
                writer.insert([record.page for record in records])
                result.relations += relations.insert(model, records)
            composer.remember(model, records)
            setattr(result, phase, getattr(result, phase) + len(records))
            report(phase, done, count)

    result.seconds = time.perf_counter() - started
    return result


# --- Writing rows -------------------------------------------------------------------------------


class _TableWriter:
    """Rows into one model's own table, from dicts of values keyed by attname.

    The columns are the model's local concrete fields but its auto-incremented primary key;
    a value missing from a row is the field's default. Values are prepared by the field's
    `get_db_prep_save()`, as in `Model.save()`, and the statements are built from the quoted
    table and column names of the model.

    - In general (SQLite): `INSERT INTO t (…) VALUES (…), (…) [RETURNING pk]`, as many rows
      per statement as the backend's parameter limit allows (`ops.bulk_batch_size()`).
    - On PostgreSQL (psycopg 3): `COPY t (…) FROM STDIN`, the primary keys drawn beforehand
      from the table's sequence (`nextval(pg_get_serial_sequence(…))`). A VALUES list of
      2,000 rows costs PostgreSQL more to parse and plan than to store, and Django's
      client-side binding first quotes every value into the SQL text; COPY streams the same
      values. Measured: 0.11 s instead of 0.5 s per 2,000 `wagtailcore_page` rows.
    """

    def __init__(self, model: type[models.Model], connection):
        opts = model._meta
        self.connection = connection
        self.fields = [
            f
            for f in opts.local_concrete_fields
            if f is not opts.auto_field and not getattr(f, "generated", False)
        ]
        custom = [f.name for f in self.fields if hasattr(f, "get_placeholder")]
        if custom:  # e.g. BinaryField: its SQL placeholder is not a plain %s
            raise NotImplementedError(f"{model.__name__}: fields need placeholders: {custom}")
        quote = connection.ops.quote_name
        self.table = quote(opts.db_table)
        self.pk_name = opts.pk.column
        self.pk_column = quote(opts.pk.column)
        self.columns = ", ".join(quote(f.column) for f in self.fields)
        self.placeholders = f"({', '.join(['%s'] * len(self.fields))})"

    def insert(self, rows: list[Row], *, returning: bool = False) -> list[int]:
        """Insert `rows`; with `returning`, give back their new primary keys in order."""
        connection = self.connection
        prepare = [(f.attname, f.get_default, f.get_db_prep_save) for f in self.fields]
        values = [
            [prep(row[attname] if attname in row else default(), connection)
             for attname, default, prep in prepare]
            for row in rows
        ]  # fmt: skip
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and hasattr(cursor.cursor, "copy"):
                pks = self._copy(cursor, values, returning)
            else:
                pks = self._insert_values(cursor, values, returning)
        if returning and len(pks) != len(rows):
            raise RuntimeError(f"Inserted {len(rows)} rows but got {len(pks)} primary keys.")
        return pks

    def _insert_values(self, cursor, values: list[list], returning: bool) -> list[int]:
        size = max(self.connection.ops.bulk_batch_size(self.fields, values), 1)
        size = min(size, POSTGRES_MAX_PARAMS // len(self.fields))  # server-side binding
        # Names come from the model and are quoted; every value is a parameter.
        head = f"INSERT INTO {self.table} ({self.columns}) VALUES "  # noqa: S608
        pks: list[int] = []
        for start in range(0, len(values), size):
            batch = values[start : start + size]
            sql = head + ", ".join([self.placeholders] * len(batch))
            params = [value for row in batch for value in row]
            if returning:
                cursor.execute(f"{sql} RETURNING {self.pk_column}", params)
                pks.extend(pk for (pk,) in cursor.fetchall())
            else:
                cursor.execute(sql, params)
        return pks

    def _copy(self, cursor, values: list[list], returning: bool) -> list[int]:
        columns, pks = self.columns, []
        if returning:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [self.table, self.pk_name, len(values)],
            )
            pks = [pk for (pk,) in cursor.fetchall()]
            columns = f"{self.pk_column}, {columns}"
            values = [[pk, *row] for pk, row in zip(pks, values, strict=True)]
        with cursor.cursor.copy(f"COPY {self.table} ({columns}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
        return pks


class _PageWriter:
    """Insert many pages of one type as the next children of one parent."""

    def __init__(self, parent: Page, model: type[Page], connection):
        self.parent_id = parent.pk
        self.using = connection.alias
        self.content_type_id = (
            ContentType.objects.db_manager(self.using)
            .get_for_model(model, for_concrete_model=True)
            .pk
        )
        self.page_table = _TableWriter(Page, connection)  # every Page column but id
        self.child_table = _TableWriter(model, connection)  # page_ptr_id + own columns
        self.taken_slugs = set(
            parent.get_children().using(self.using).values_list("slug", flat=True)
        )

    def insert(self, pages: list[Row]) -> None:
        """Write `pages` (column values) and set their "id"; call inside a transaction."""
        parent = (
            Page.objects.using(self.using)
            .select_for_update()
            .only("path", "depth", "url_path", "locale_id")
            .get(pk=self.parent_id)
        )
        depth = parent.depth + 1
        last_path = (
            Page.objects.using(self.using)
            .filter(depth=depth, path__range=Page._get_children_path_interval(parent.path))
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        start = Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1
        if start + len(pages) > len(Page.alphabet) ** Page.steplen:
            raise PathOverflow(f"No room left under page {parent.pk} for {len(pages)} pages.")

        for step, page in enumerate(pages, start=start):
            slug = self._unique_slug(page["slug"])
            page.update(
                path=Page._get_path(parent.path, depth, step),
                depth=depth,
                numchild=0,
                slug=slug,
                url_path=f"{parent.url_path}{slug}/",
                locale_id=parent.locale_id,
                content_type_id=self.content_type_id,
                draft_title=page["title"],
                live=True,
                has_unpublished_changes=False,
                translation_key=uuid.uuid4(),
            )
        pks = self.page_table.insert(pages, returning=True)
        for page, pk in zip(pages, pks, strict=True):
            page["id"] = page["page_ptr_id"] = pk
        self.child_table.insert(pages)
        Page.objects.using(self.using).filter(pk=parent.pk).update(
            numchild=F("numchild") + len(pages)
        )

    def _unique_slug(self, slug: str) -> str:
        candidate, n = slug, 1
        while candidate in self.taken_slugs:
            n += 1
            candidate = f"{slug}-{n}"
        self.taken_slugs.add(candidate)
        return candidate


class _RelationWriter:
    """The many-to-many and inline rows of freshly written pages."""

    def __init__(self, connection):
        self.connection = connection
        self.tables: dict[type[models.Model], _TableWriter] = {}

    def insert(self, model: type[Page], records: list[_Record]) -> int:
        rows: dict[type[models.Model], list[Row]] = defaultdict(list)
        for record in records:
            pk = record.page["id"]
            for name, targets in (
                ("fields_of_work", record.fields_of_work),
                ("exemplars", record.linked_exemplars),
                ("initiatives", record.linked_initiatives),
            ):
                if targets:
                    through, source, target = _through(model, name)
                    rows[through].extend({source: pk, target: t} for t in targets)
            rows[ExemplarTitleAward].extend(
                {
                    "page_id": pk,
                    "title_id": title_id,
                    "year": year,
                    "decision": decision,
                    "sort_order": i,
                }
                for i, (title_id, year, decision) in enumerate(record.titles)
            )
            rows[InitiativeAuthor].extend(
                {"page_id": pk, "exemplar_id": exemplar_id, "sort_order": i}
                for i, exemplar_id in enumerate(record.authors)
            )
        total = 0
        for related_model, related_rows in rows.items():
            if related_rows:
                if related_model not in self.tables:
                    self.tables[related_model] = _TableWriter(related_model, self.connection)
                self.tables[related_model].insert(related_rows)
                total += len(related_rows)
        return total


@functools.cache
def _through(model: type[models.Model], name: str) -> tuple[type[models.Model], str, str]:
    """(through model, column of the page, column of the target) of a many-to-many field."""
    m2m = model._meta.get_field(name)
    return (
        m2m.remote_field.through,
        f"{m2m.m2m_field_name()}_id",
        f"{m2m.m2m_reverse_field_name()}_id",
    )


# --- Units --------------------------------------------------------------------------------------


def _create_units(count, first_serial, rng, chunk_size, report, using) -> list[_UnitRef]:
    """Province units under the sector unit, named after real provinces ("… 2" beyond 34).

    `Unit.save()` costs three queries for its materialised path of primary keys; here the
    rows are bulk-created and their paths ("/<sector>/<pk>/") set in one bulk update.
    """
    if count <= 0:
        return []
    sector = (
        Unit.objects.using(using)
        .filter(level=UnitLevel.SECTOR, parent__isnull=True)
        .order_by("pk")
        .first()
    )
    if sector is None:
        sector = Unit(code=f"{GEN}-sector", name="BHXH Việt Nam", level=UnitLevel.SECTOR)
        sector.save(using=using)
    taken = set(Unit.objects.using(using).values_list("name", flat=True))
    created: list[_UnitRef] = []
    for done, serials in _chunks(range(first_serial, first_serial + count), chunk_size):
        with transaction.atomic(using=using):
            batch = []
            for serial in serials:
                kind, province = PROVINCES[(serial - 1) % len(PROVINCES)]
                base = f"BHXH {kind} {province}"
                round_ = (serial - 1) // len(PROVINCES) + 1
                name = base if round_ == 1 else f"{base} {round_}"
                while name in taken:  # a unit of that name exists already
                    round_ += 1
                    name = f"{base} {round_}"
                taken.add(name)
                batch.append(
                    Unit(
                        code=f"{UNIT_CODE_STEM}{serial:06d}",
                        name=name,
                        level=UnitLevel.PROVINCE,
                        parent_id=sector.pk,
                        staff_count=rng.randint(80, 600),
                        depth=sector.depth + 1,
                    )
                )
            Unit.objects.using(using).bulk_create(batch)
            for unit in batch:
                unit.path = f"{sector.path}{unit.pk}/"
            Unit.objects.using(using).bulk_update(batch, ["path"])
        created.extend(_UnitRef(unit.pk, unit.name) for unit in batch)
        report("units", done, count)
    return created


# --- Pools of things to refer to ----------------------------------------------------------------


def _load_pools(new_units: list[_UnitRef], using: str) -> _Pools:
    units = new_units or [
        _UnitRef(pk, name)
        for pk, name in Unit.objects.using(using).filter(is_active=True).values_list("pk", "name")
    ]
    fields = dict(FieldOfWork.objects.using(using).values_list("name", "pk"))
    titles: dict[str, list[int]] = {"individual": [], "collective": []}
    for pk, recipient in (
        Title.objects.using(using).filter(is_active=True).values_list("pk", "recipient")
    ):
        for who in titles:
            if recipient in (who, TitleRecipient.BOTH):
                titles[who].append(pk)
    return _Pools(units=units, fields=fields, titles=titles)


def _existing_exemplars(using: str) -> list[_ExemplarRef]:
    return [
        _ExemplarRef(pk, title, unit_id, kind == ExemplarKind.INDIVIDUAL)
        for pk, title, unit_id, kind in ExemplarPage.objects.using(using)
        .order_by()
        .values_list("pk", "title", "unit_id", "kind")
    ]


def _existing_initiatives(using: str) -> list[tuple[int, str]]:
    return list(InitiativePage.objects.using(using).order_by().values_list("pk", "title"))


# --- Composing the content ----------------------------------------------------------------------


class _Composer:
    """Composes one page's values (and its relations) at a time from the word lists."""

    def __init__(self, rng: random.Random, pools: _Pools):
        self.rng = rng
        self.pools = pools
        self.now = datetime.datetime.now(tz=datetime.UTC)
        self.individuals_by_unit: dict[int, list[int]] = defaultdict(list)
        self.individuals: list[int] = []
        self._index_exemplars(pools.exemplars)

    def _index_exemplars(self, refs: list[_ExemplarRef]) -> None:
        for ref in refs:
            if ref.individual:
                self.individuals_by_unit[ref.unit_id].append(ref.id)
                self.individuals.append(ref.id)

    def remember(self, model: type[Page], records: list[_Record]) -> None:
        """Make freshly written pages available as authors and story links."""
        pages = [record.page for record in records]
        if model is ExemplarPage:
            refs = [
                _ExemplarRef(p["id"], p["title"], p["unit_id"], p["kind"] == "individual")
                for p in pages
            ]
            self.pools.exemplars.extend(refs)
            self._index_exemplars(refs)
        elif model is InitiativePage:
            self.pools.initiatives.extend((p["id"], p["title"]) for p in pages)

    # -- helpers
    def _figures(self, year: int) -> dict[str, object]:
        r = self.rng
        a = r.randint(5, 20)
        return {
            "pct": f"{r.uniform(85, 99.9):.1f}".replace(".", ","),
            "pct_small": r.randint(5, 45),
            "count": f"{r.randint(2, 120) * 100:,}".replace(",", "."),
            "money": r.randint(12, 950),
            "a": a,
            "b": r.randint(1, max(1, a // 3)),
            "months": r.choice([3, 6, 9, 12, 18]),
            "n": r.randint(3, 10),
            "y0": year - r.randint(2, 5),
            "year": year,
        }

    def _published(self, year: int) -> datetime.datetime:
        start = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
        moment = start + datetime.timedelta(seconds=self.rng.randrange(365 * 24 * 3600))
        return min(moment, self.now)

    def _fields(self, main: str | None, extra: int) -> list[int]:
        chosen = {self.pools.fields[main]} if main in self.pools.fields else set()
        ids = list(self.pools.fields.values())
        for _ in range(extra):
            if ids:
                chosen.add(self.rng.choice(ids))
        return sorted(chosen)

    @staticmethod
    def _slug(title: str, serial: int) -> str:
        return f"{slugify_vi(title, max_length=80) or 'trang'}-{serial}"

    @staticmethod
    def _paragraphs(*texts: str) -> list[dict]:
        return [
            {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}
            for text in texts
        ]

    # -- pages
    def exemplar(self, serial: int) -> _Record:
        r = self.rng
        unit = r.choice(self.pools.units)
        kind = ExemplarKind.INDIVIDUAL if r.random() < 0.7 else ExemplarKind.COLLECTIVE
        department, main_field = r.choice(DEPARTMENTS)
        year = r.randint(2015, 2025)
        figures = self._figures(year)
        gender, position, is_leader = "", "", False
        if kind == ExemplarKind.INDIVIDUAL:
            gender = r.choice([Gender.FEMALE, Gender.MALE])
            title = " ".join(
                (
                    r.choice(FAMILY_NAMES),
                    r.choice(MIDDLE_NAMES[gender]),
                    r.choice(GIVEN_NAMES[gender]),
                )
            )
            if r.random() < 0.05:
                position, is_leader = r.choice(DIRECTORS)
                position = f"{position} {unit.name}"
            else:
                role, is_leader = r.choice(POSITIONS)
                if role.endswith(" phòng") and department.startswith("Phòng "):
                    position = f"{role} {department.removeprefix('Phòng ')}"
                else:
                    position = f"{role}, {department}"
            subject = f"đồng chí {title}"
        else:
            whole_unit = r.random() < 0.2
            title = unit.name if whole_unit else f"{department} - {unit.name}"
            subject = f"tập thể {unit.name if whole_unit else department}"
        sentence = (
            f"{r.choice(EXEMPLAR_OPENINGS).format(**figures)}, {subject} "
            f"{r.choice(EXEMPLAR_ACHIEVEMENTS)}, "
            f"{r.choice(EXEMPLAR_RESULTS).format(**figures)}."
        )
        summary = f"{sentence} {r.choice(EXEMPLAR_CLOSINGS[kind])}"
        published = self._published(year)
        page = dict(
            title=title,
            slug=self._slug(title, serial),
            key=f"{_key_stem(ExemplarPage)}{serial:06d}",
            kind=kind.value,
            unit_id=unit.id,
            position=position,
            gender=gender.value if gender else "",
            ethnic_minority=r.random() < 0.08,
            is_leader=is_leader,
            good_deed=r.random() < 0.1,
            year=year,
            summary=summary,
            body=self._paragraphs(summary, r.choice(STORY_PARAGRAPHS)),
            first_published_at=published,
            last_published_at=published,
        )
        who = "individual" if kind == ExemplarKind.INDIVIDUAL else "collective"
        titles = []
        if self.pools.titles[who]:
            for back in sorted(r.sample(range(0, 6), r.randint(1, 3))):
                titles.append(
                    (
                        r.choice(self.pools.titles[who]),
                        year - back,
                        f"{r.randint(100, 3999)}/QĐ-BHXH",
                    )
                )
        fields_of_work = self._fields(main_field, r.randint(0, 2))
        return _Record(page, fields_of_work=fields_of_work, titles=titles)

    def initiative(self, serial: int) -> _Record:
        r = self.rng
        unit = r.choice(self.pools.units)
        subject, main_field = r.choice(INITIATIVE_SUBJECTS)
        kind = r.choice(INITIATIVE_KINDS)
        title = " ".join(filter(None, (kind, subject, r.choice(INITIATIVE_PLACES))))
        year = r.randint(2015, 2025)
        figures = self._figures(year)
        problem = r.choice(INITIATIVE_PROBLEMS)
        solution = r.choice(INITIATIVE_SOLUTIONS)
        results = r.choice(INITIATIVE_RESULTS).format(**figures)
        summary = (
            f"Trước đây {problem}. {kind} của {unit.name} {solution}; sau khi áp dụng, {results}."
        )
        published = self._published(year)
        page = dict(
            title=title,
            slug=self._slug(title, serial),
            key=f"{_key_stem(InitiativePage)}{serial:06d}",
            unit_id=unit.id,
            summary=summary,
            problem=f"<p>{problem.capitalize()}.</p>",
            solution=f"<p>Đơn vị {solution}.</p>",
            results=f"<p>Sau {figures['months']} tháng áp dụng, {results}.</p>",
            scope=r.choices([Scope.UNIT, Scope.PROVINCE, Scope.SECTOR], [6, 3, 1])[0].value,
            year=year,
            first_published_at=published,
            last_published_at=published,
        )
        candidates = self.individuals_by_unit.get(unit.id) or self.individuals
        authors = r.sample(candidates, min(len(candidates), r.randint(1, 3))) if candidates else []
        return _Record(
            page, fields_of_work=self._fields(main_field, r.randint(0, 1)), authors=authors
        )

    def story(self, serial: int) -> _Record:
        r = self.rng
        exemplars = self.pools.exemplars
        initiatives = self.pools.initiatives
        linked_exemplars: list[_ExemplarRef] = []
        linked_initiatives: list[tuple[int, str]] = []
        if exemplars and (not initiatives or r.random() < 0.6):
            linked_exemplars = r.sample(exemplars, min(len(exemplars), r.randint(1, 2)))
            if initiatives and r.random() < 0.3:
                linked_initiatives = [r.choice(initiatives)]
            title = f"{linked_exemplars[0].title}: {r.choice(STORY_EXEMPLAR_TAGLINES)}"
        elif initiatives:
            linked_initiatives = [r.choice(initiatives)]
            subject = linked_initiatives[0][1]
            title = f"{r.choice(STORY_INITIATIVE_LEADS)} {subject[0].lower()}{subject[1:]}"
        else:
            unit = r.choice(self.pools.units).name if self.pools.units else "ngành BHXH"
            field_name = r.choice(list(self.pools.fields) or ["thi đua"]).lower()
            title = r.choice(STORY_GENERIC).format(field=field_name, unit=unit)
        title = title[:255]
        date = datetime.date(r.randint(2018, 2025), r.randint(1, 12), r.randint(1, 28))
        published = min(
            datetime.datetime.combine(
                date, datetime.time(r.randint(6, 21), r.randint(0, 59)), tzinfo=datetime.UTC
            ),
            self.now,
        )
        summary = r.choice(STORY_PARAGRAPHS)
        body = self._paragraphs(*r.sample(STORY_PARAGRAPHS, r.randint(2, 4)))
        page = dict(
            title=title,
            slug=self._slug(title, serial),
            key=f"{_key_stem(StoryPage)}{serial:06d}",
            date=date,
            author=r.choice(STORY_AUTHORS),
            summary=summary,
            body=body,
            first_published_at=published,
            last_published_at=published,
        )
        return _Record(
            page,
            linked_exemplars=sorted({ref.id for ref in linked_exemplars}),
            linked_initiatives=sorted({pk for pk, _ in linked_initiatives}),
        )


# --- Small helpers ------------------------------------------------------------------------------


def _key_stem(model: type[Page]) -> str:
    return f"{model.key_prefix}-{GEN}-"


def _next_serial(queryset: models.QuerySet, field_name: str, stem: str) -> int:
    """One more than the highest number following `stem` in `field_name` (1 if none).

    Longest values first, then descending, so "…-1000000" sorts above "…-999999"; values
    whose tail is not a number (typed by hand) are skipped.
    """
    values = (
        queryset.filter(**{f"{field_name}__startswith": stem})
        .order_by(Length(field_name).desc(), f"-{field_name}")
        .values_list(field_name, flat=True)
    )
    for value in values.iterator(chunk_size=100):
        tail = value[len(stem) :]
        if tail.isdigit():
            return int(tail) + 1
    return 1


def _chunks(serials: range, size: int) -> Iterator[tuple[int, range]]:
    """(how many are done after this chunk, the chunk) over a range of serials."""
    size = max(size, 1)
    for offset in range(0, len(serials), size):
        chunk = serials[offset : offset + size]
        yield offset + len(chunk), chunk
