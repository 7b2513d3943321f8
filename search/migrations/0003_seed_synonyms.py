"""The acronyms and terms of the sector every installation starts with (editable after)."""

from django.db import migrations

SYNONYMS = {
    "BHXH": ["bảo hiểm xã hội"],
    "BHYT": ["bảo hiểm y tế"],
    "BHTN": ["bảo hiểm thất nghiệp"],
    "TTHC": ["thủ tục hành chính"],
    "CCHC": ["cải cách hành chính"],
    "CNTT": ["công nghệ thông tin"],
    "CBCCVC": ["cán bộ công chức viên chức"],
    "CCVC": ["công chức viên chức"],
    "NLĐ": ["người lao động"],
    "TĐKT": ["thi đua khen thưởng"],
    "HĐTĐKT": ["hội đồng thi đua khen thưởng"],
    "KCB": ["khám chữa bệnh", "khám bệnh chữa bệnh"],
    "CSTĐ": ["chiến sĩ thi đua"],
    "LĐTT": ["lao động tiên tiến"],
    "DVC": ["dịch vụ công"],
    "GDĐT": ["giao dịch điện tử"],
    "TP": ["thành phố"],
    "HCM": ["Hồ Chí Minh"],
    "UBND": ["ủy ban nhân dân"],
    "DN": ["doanh nghiệp"],
    "ĐVSDLĐ": ["đơn vị sử dụng lao động"],
    "VNeID": ["định danh điện tử"],
}


def seed(apps, schema_editor):
    Synonym = apps.get_model("kbsearch", "Synonym")
    for term, expansions in SYNONYMS.items():
        Synonym.objects.get_or_create(term=term, defaults={"expansions": "\n".join(expansions)})


def unseed(apps, schema_editor):
    apps.get_model("kbsearch", "Synonym").objects.filter(term__in=SYNONYMS).delete()


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0002_fulltext")]

    operations = [migrations.RunPython(seed, unseed)]
