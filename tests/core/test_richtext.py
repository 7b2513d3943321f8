from kb.core.richtext import clean_html


def test_plain_text_becomes_escaped_paragraphs():
    assert clean_html("Dòng một\n\nA < B & C") == "<p>Dòng một</p><p>A &lt; B &amp; C</p>"


def test_scripts_and_event_handlers_are_removed():
    dirty = '<p onclick="steal()">Tốt</p><script>alert(1)</script><a href="javascript:x()">l</a>'
    cleaned = clean_html(dirty)
    assert "script" not in cleaned
    assert "onclick" not in cleaned
    assert "javascript:" not in cleaned
    assert "Tốt" in cleaned


def test_allowed_markup_is_kept():
    html = '<p><b>Đậm</b> và <a href="https://baohiemxahoi.gov.vn">liên kết</a></p>'
    assert clean_html(html) == html
