"""`manage.py allocate_seats`: CSV in, CSV out, errors that name the line. No database."""

import io

import pytest
from django.core.management import CommandError, call_command


def run(tmp_path, text, *args, encoding="utf-8", bom=False):
    path = tmp_path / "units.csv"
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    out, err = io.StringIO(), io.StringIO()
    call_command("allocate_seats", "--input", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


PARTIES = "unit,weight\nA,100000\nB,80000\nC,30000\nD,20000\n"


@pytest.mark.parametrize(
    ("method", "seats"),
    [
        ("hamilton", [3, 3, 1, 1]),
        ("dhondt", [4, 3, 1, 0]),
        ("sainte-lague", [3, 3, 1, 1]),
        ("huntington-hill", [3, 3, 1, 1]),
    ],
)
def test_each_method(tmp_path, method, seats):
    out, err = run(tmp_path, PARTIES, "--seats", "8", "--method", method, "--minimum", "0")
    assert out.splitlines() == [
        "unit,weight,seats",
        f"A,100000,{seats[0]}",
        f"B,80000,{seats[1]}",
        f"C,30000,{seats[2]}",
        f"D,20000,{seats[3]}",
    ]
    assert err == ""


def test_defaults_are_hamilton_and_minimum_one(tmp_path):
    # D'Hondt with M = 0 would give D nothing; the default minimum 1 gives it a seat, and the
    # 4 seats left go by largest remainder: quotas 1.74 1.39 .52 .35 → 1 1 0 0 + A, C.
    out, _ = run(tmp_path, PARTIES, "--seats", "8")
    assert out.splitlines()[1:] == ["A,100000,3", "B,80000,2", "C,30000,2", "D,20000,1"]


def test_input_order_unicode_bom_and_weights_as_written(tmp_path):
    text = (
        "unit,weight\r\n"
        "Khối cơ quan BHXH Việt Nam,350\r\n"
        '"BHXH TP Hà Nội, phía Bắc",1.2e2\r\n'
        "\r\n"
        "BHXH Đà Nẵng , 0030.50 \r\n"
        "BHXH Cà Mau,0\r\n"
    )
    out, _ = run(tmp_path, text, "--seats", "20", "--method", "sainte-lague", bom=True)
    rows = out.splitlines()
    assert rows[0] == "unit,weight,seats"
    assert [r.rsplit(",", 1)[0] for r in rows[1:]] == [
        "Khối cơ quan BHXH Việt Nam,350",
        '"BHXH TP Hà Nội, phía Bắc",1.2e2',
        "BHXH Đà Nẵng,0030.50",
        "BHXH Cà Mau,0",
    ]
    seats = [int(r.rsplit(",", 1)[1]) for r in rows[1:]]
    assert sum(seats) == 20
    assert seats[3] == 1  # weight 0: the minimum only


def test_show_working_goes_to_stderr(tmp_path):
    out, err = run(
        tmp_path, PARTIES, "--seats", "8", "--method", "dhondt", "--minimum", "0", "--show-working"
    )
    assert out.startswith("unit,weight,seats\n")
    assert "method: D'Hondt" in err
    assert "rounds:" in err
    assert "tie rule:" in err


def test_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(PARTIES.encode())))
    out = io.StringIO()
    call_command("allocate_seats", "--input", "-", "--seats", "8", "--minimum", "0", stdout=out)
    assert out.getvalue().splitlines()[1] == "A,100000,3"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("unit,weight\nA,10\nB,-3\n", "line 3: weight '-3' of unit 'B' is negative"),
        ("unit,weight\nA,10\nB,ten\n", "line 3: weight 'ten' of unit 'B' is not a number"),
        ("unit,weight\nA,10\nB,nan\n", "line 3: weight 'nan' of unit 'B' is not a number"),
        ("unit,weight\nA,10\n\nB,1,2\n", "line 4: expected 2 fields (unit,weight), got 3"),
        ("unit,weight\nA,10\n,5\n", "line 3: the unit name is empty"),
        ("unit,weight\nA,10\nB,5\nA,7\n", "line 4: unit 'A' already appears on line 2"),
        ("name,size\nA,10\n", "line 1: expected the header unit,weight, got 'name,size'"),
        ("", "the file is empty; expected the header unit,weight"),
        ("unit,weight\n", "no units after the header"),
    ],
)
def test_bad_rows_name_the_line(tmp_path, text, message):
    with pytest.raises(CommandError) as info:
        run(tmp_path, text, "--seats", "5")
    assert message in str(info.value)


def test_allocation_errors_become_command_errors(tmp_path):
    with pytest.raises(CommandError, match="need at least 8 seats to give each of 4 units"):
        run(tmp_path, PARTIES, "--seats", "7", "--minimum", "2")
    with pytest.raises(CommandError, match="every weight is 0"):
        run(tmp_path, "unit,weight\nA,0\nB,0\n", "--seats", "3")


def test_file_errors(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("allocate_seats", "--input", str(tmp_path / "missing.csv"), "--seats", "3")
    with pytest.raises(CommandError, match="not UTF-8"):
        run(tmp_path, "unit,weight\nĐà Nẵng,3\n", "--seats", "3", encoding="utf-16")


def test_unknown_method_is_refused(tmp_path):
    with pytest.raises(CommandError, match="invalid choice: 'borda'"):
        run(tmp_path, PARTIES, "--seats", "8", "--method", "borda")
