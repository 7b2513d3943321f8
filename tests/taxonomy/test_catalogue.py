from kb.taxonomy.models import FieldOfWork, Title, TitleLevel


def test_default_catalogue_is_loaded_and_editable(db):
    assert FieldOfWork.objects.filter(name="Giám định BHYT").exists()
    flag = Title.objects.get(name="Cờ thi đua của BHXH Việt Nam")
    assert flag.level == TitleLevel.SECTOR
    flag.name = "Cờ thi đua của Bộ Tài chính"
    flag.save()
    assert Title.objects.filter(name="Cờ thi đua của Bộ Tài chính").exists()


def test_field_slug_is_made_from_vietnamese_name(db):
    field = FieldOfWork.objects.create(name="Đối thoại chính sách")
    assert field.slug == "doi-thoai-chinh-sach"
