"""The seat allocation arithmetic (kb.conferences.apportionment): no Django, no database.

Checked against published results anyone can look up (the U.S. House apportionments of 2010
and 2020, by Huntington–Hill with one seat per state first), the worked examples of the
textbooks (verified by hand in the comments), the paradoxes each method is known for, general
properties on random inputs, and an independent implementation (the `apportionment` package).
"""

import math
import random
from decimal import Decimal
from fractions import Fraction

import pytest

from kb.conferences.apportionment import (
    METHODS,
    AllocationError,
    DuplicateUnitError,
    EmptyInputError,
    InvalidWeightError,
    NotEnoughSeatsError,
    UnknownMethodError,
    allocate,
    normalise_method,
)

DIVISOR_METHODS = ("dhondt", "sainte-lague", "huntington-hill")


def seat_list(result):
    return list(result.seats.values())


def boundary_tie(result):
    """Whether the last seat given by weight was decided by the tie rule.

    Hamilton: the last remainder that won a seat equals the first that did not. Divisor
    methods: the priority of the last seat handed out equals the best priority left.
    """
    if result.method == "hamilton":
        remainders = sorted((w.remainder for w in result.working), reverse=True)
        won = sum(w.remainder_seat for w in result.working)
        return 0 < won < len(remainders) and remainders[won - 1] == remainders[won]
    if not result.rounds:
        return False

    def value(key):
        return math.inf if key is None else key

    return value(result.rounds[-1].key) == max(value(w.next_key) for w in result.working)


# --- (a) published results: the U.S. House of Representatives ----------------------------------

# Apportionment population (resident population plus federal employees overseas) and seats,
# 2020 Census, as published by the Census Bureau (Table 1, April 2021). Total 331,108,434.
US_2020 = {
    "Alabama": (5_030_053, 7),
    "Alaska": (736_081, 1),
    "Arizona": (7_158_923, 9),
    "Arkansas": (3_013_756, 4),
    "California": (39_576_757, 52),
    "Colorado": (5_782_171, 8),
    "Connecticut": (3_608_298, 5),
    "Delaware": (990_837, 1),
    "Florida": (21_570_527, 28),
    "Georgia": (10_725_274, 14),
    "Hawaii": (1_460_137, 2),
    "Idaho": (1_841_377, 2),
    "Illinois": (12_822_739, 17),
    "Indiana": (6_790_280, 9),
    "Iowa": (3_192_406, 4),
    "Kansas": (2_940_865, 4),
    "Kentucky": (4_509_342, 6),
    "Louisiana": (4_661_468, 6),
    "Maine": (1_363_582, 2),
    "Maryland": (6_185_278, 8),
    "Massachusetts": (7_033_469, 9),
    "Michigan": (10_084_442, 13),
    "Minnesota": (5_709_752, 8),
    "Mississippi": (2_963_914, 4),
    "Missouri": (6_160_281, 8),
    "Montana": (1_085_407, 2),
    "Nebraska": (1_963_333, 3),
    "Nevada": (3_108_462, 4),
    "New Hampshire": (1_379_089, 2),
    "New Jersey": (9_294_493, 12),
    "New Mexico": (2_120_220, 3),
    "New York": (20_215_751, 26),
    "North Carolina": (10_453_948, 14),
    "North Dakota": (779_702, 1),
    "Ohio": (11_808_848, 15),
    "Oklahoma": (3_963_516, 5),
    "Oregon": (4_241_500, 6),
    "Pennsylvania": (13_011_844, 17),
    "Rhode Island": (1_098_163, 2),
    "South Carolina": (5_124_712, 7),
    "South Dakota": (887_770, 1),
    "Tennessee": (6_916_897, 9),
    "Texas": (29_183_290, 38),
    "Utah": (3_275_252, 4),
    "Vermont": (643_503, 1),
    "Virginia": (8_654_542, 11),
    "Washington": (7_715_946, 10),
    "West Virginia": (1_795_045, 2),
    "Wisconsin": (5_897_473, 8),
    "Wyoming": (577_719, 1),
}

# The same for the 2010 Census (December 2010). Total 309,183,463.
US_2010 = {
    "California": (37_341_989, 53),
    "Texas": (25_268_418, 36),
    "New York": (19_421_055, 27),
    "Florida": (18_900_773, 27),
    "Illinois": (12_864_380, 18),
    "Pennsylvania": (12_734_905, 18),
    "Ohio": (11_568_495, 16),
    "Michigan": (9_911_626, 14),
    "Georgia": (9_727_566, 14),
    "North Carolina": (9_565_781, 13),
    "New Jersey": (8_807_501, 12),
    "Virginia": (8_037_736, 11),
    "Washington": (6_753_369, 10),
    "Massachusetts": (6_559_644, 9),
    "Indiana": (6_501_582, 9),
    "Arizona": (6_412_700, 9),
    "Tennessee": (6_375_431, 9),
    "Missouri": (6_011_478, 8),
    "Maryland": (5_789_929, 8),
    "Wisconsin": (5_698_230, 8),
    "Minnesota": (5_314_879, 8),
    "Colorado": (5_044_930, 7),
    "Alabama": (4_802_982, 7),
    "South Carolina": (4_645_975, 7),
    "Louisiana": (4_553_962, 6),
    "Kentucky": (4_350_606, 6),
    "Oregon": (3_848_606, 5),
    "Oklahoma": (3_764_882, 5),
    "Connecticut": (3_581_628, 5),
    "Iowa": (3_053_787, 4),
    "Mississippi": (2_978_240, 4),
    "Arkansas": (2_926_229, 4),
    "Kansas": (2_863_813, 4),
    "Utah": (2_770_765, 4),
    "Nevada": (2_709_432, 4),
    "New Mexico": (2_067_273, 3),
    "West Virginia": (1_859_815, 3),
    "Nebraska": (1_831_825, 3),
    "Idaho": (1_573_499, 2),
    "Hawaii": (1_366_862, 2),
    "Maine": (1_333_074, 2),
    "New Hampshire": (1_321_445, 2),
    "Rhode Island": (1_055_247, 2),
    "Montana": (994_416, 1),
    "Delaware": (900_877, 1),
    "South Dakota": (819_761, 1),
    "Alaska": (721_523, 1),
    "North Dakota": (675_905, 1),
    "Vermont": (630_337, 1),
    "Wyoming": (568_300, 1),
}


@pytest.mark.parametrize(
    ("data", "population"), [(US_2020, 331_108_434), (US_2010, 309_183_463)], ids=["2020", "2010"]
)
def test_us_house_apportionment_by_huntington_hill(data, population):
    assert len(data) == 50
    assert sum(p for p, _ in data.values()) == population
    assert sum(s for _, s in data.values()) == 435

    result = allocate({state: p for state, (p, _) in data.items()}, 435, "huntington-hill")

    assert result.seats == {state: s for state, (_, s) in data.items()}
    assert list(result.seats) == list(data)  # input order
    assert len(result.rounds) == 435 - 50
    assert result.rounds[0].seat == 51


def test_us_house_2020_the_last_seat():
    """Seat 435 went to Minnesota (its 8th, priority value 762,997); New York was next in line
    for its 27th and would have taken seat 435 with 89 more residents, as was widely reported.
    """
    populations = {state: p for state, (p, _) in US_2020.items()}
    result = allocate(populations, 435, "huntington-hill", minimum=1)

    last = result.rounds[-1]
    assert (last.seat, last.unit, last.held) == (435, "Minnesota", 7)
    assert int(last.priority) == 762_997
    assert last.key == Fraction(5_709_752**2, 7 * 8)  # the square, compared exactly
    next_in_line = max(result.working, key=lambda w: w.next_key)
    assert (next_in_line.unit, next_in_line.seats) == ("New York", 26)
    assert int(next_in_line.next_priority) == 762_994

    def with_new_york(extra):
        return allocate(
            {**populations, "New York": populations["New York"] + extra}, 435, "huntington-hill"
        ).seats

    assert (with_new_york(88)["New York"], with_new_york(88)["Minnesota"]) == (26, 8)
    assert (with_new_york(89)["New York"], with_new_york(89)["Minnesota"]) == (27, 7)


def test_huntington_hill_minimum_zero_gives_first_seats_first():
    """With M = 0 the priority of a unit without a seat is infinite: enough seats for everyone
    gives the same result as M = 1 (so the 2020 House again)."""
    populations = {state: p for state, (p, _) in US_2020.items()}
    zero = allocate(populations, 435, "huntington-hill", minimum=0)
    assert zero.seats == {state: s for state, (_, s) in US_2020.items()}
    assert all(math.isinf(r.priority) and r.key is None for r in zero.rounds[:50])
    assert [r.unit for r in zero.rounds[:3]] == ["California", "Texas", "Florida"]


# --- (b) textbook examples, checked by hand ----------------------------------------------------

# Four parties, 8 seats (the worked example of the D'Hondt method on Wikipedia).
PARTIES = [("A", 100_000), ("B", 80_000), ("C", 30_000), ("D", 20_000)]


def test_dhondt_worked_example():
    # Quotients v/1, v/2, …: A 100000 50000 33333 25000 20000; B 80000 40000 26667 20000;
    # C 30000 15000; D 20000. The eight largest: 100000 80000 50000 40000 33333 30000 26667
    # 25000, so A 4, B 3, C 1, D 0, and the next (20000) is a three-way tie outside the house.
    result = allocate(PARTIES, 8, "dhondt", minimum=0)
    assert seat_list(result) == [4, 3, 1, 0]
    assert [r.unit for r in result.rounds] == ["A", "B", "A", "B", "A", "C", "B", "A"]
    assert [r.key for r in result.rounds] == [
        100_000,
        80_000,
        50_000,
        40_000,
        Fraction(100_000, 3),
        30_000,
        Fraction(80_000, 3),
        25_000,
    ]
    assert [w.next_key for w in result.working] == [20_000, 20_000, 15_000, 20_000]


def test_sainte_lague_worked_example():
    # Quotients v/1, v/3, v/5, …: A 100000 33333 20000 14286; B 80000 26667 16000; C 30000
    # 10000; D 20000 6667. The eight largest: 100000 80000 33333 30000 26667 20000 (A) 20000
    # (D) 16000, so A 3, B 3, C 1, D 1.
    result = allocate(PARTIES, 8, "sainte-lague", minimum=0)
    assert seat_list(result) == [3, 3, 1, 1]
    # A's third seat and D's first tie at 20000: the larger weight (A) goes first.
    assert [(r.unit, r.key) for r in result.rounds[5:7]] == [("A", 20_000), ("D", 20_000)]


def test_hamilton_worked_example():
    # Quotas 8v/230000: A 3.478, B 2.783, C 1.043, D 0.696; floors 3 2 1 0 = 6 seats; the two
    # left go to the largest remainders, B (.783) and D (.696): 3, 3, 1, 1.
    result = allocate(PARTIES, 8, "hamilton", minimum=0)
    assert seat_list(result) == [3, 3, 1, 1]
    a, b, c, d = result.working
    assert a.quota == Fraction(80, 23) and a.floor == 3 and a.remainder == Fraction(11, 23)
    assert [w.remainder_seat for w in result.working] == [False, True, False, True]
    assert [w.remainder_rank for w in result.working] == [3, 1, 4, 2]
    assert result.total_weight == 230_000


# Six parties, 100,000 votes, 10 seats (the worked example of the largest remainder method).
SIX = [("Y", 47_000), ("W", 16_000), ("R", 15_800), ("G", 12_000), ("B", 6_100), ("P", 3_100)]


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        # Quotas 4.70 1.60 1.58 1.20 0.61 0.31; floors 4 1 1 1 0 0 = 7; three seats to the
        # remainders .70 (Y), .61 (B), .60 (W).
        ("hamilton", [5, 2, 1, 1, 1, 0]),
        # Quotients 47000 23500 16000 15800 15667 12000 11750 9400 8000 7900; next 7833 (Y).
        ("dhondt", [5, 2, 2, 1, 0, 0]),
        # Quotients 47000 16000 15800 15667 12000 9400 6714 6100 5333 5267; next 5222 (Y).
        ("sainte-lague", [4, 2, 2, 1, 1, 0]),
    ],
)
def test_six_party_worked_example(method, expected):
    assert seat_list(allocate(SIX, 10, method, minimum=0)) == expected


def test_hamilton_with_a_minimum_splits_the_rest_by_weight():
    # 11 seats, minimum 1: 3 held, 8 shared. Quotas 8·6/14 = 3.43, 3.43, 8·2/14 = 1.14; floors
    # 3 3 1 = 7; the last seat: A and B tie on remainder and weight, A comes first.
    result = allocate([("A", 6), ("B", 6), ("C", 2)], 11, "hamilton", minimum=1)
    assert seat_list(result) == [5, 4, 2]
    assert result.remaining == 8
    assert [w.quota for w in result.working] == [Fraction(24, 7), Fraction(24, 7), Fraction(8, 7)]
    assert [w.standard_quota for w in result.working] == [
        Fraction(33, 7),
        Fraction(33, 7),
        Fraction(11, 7),
    ]


def test_divisor_method_with_a_minimum_starts_from_the_held_seats():
    # Minimum 2 for three units, 9 seats: the three rounds are computed on n = 2 already held.
    # D'Hondt w/(n+1): A 90/3=30, B 30/3=10, C 9/3=3 → A (30), A 90/4=22.5, A 90/5=18: 5, 2, 2.
    result = allocate([("A", 90), ("B", 30), ("C", 9)], 9, "dhondt", minimum=2)
    assert seat_list(result) == [5, 2, 2]
    assert [(r.seat, r.unit, r.held, r.key) for r in result.rounds] == [
        (7, "A", 2, 30),
        (8, "A", 3, Fraction(45, 2)),
        (9, "A", 4, 18),
    ]


# --- (c) paradoxes ------------------------------------------------------------------------------


def test_alabama_paradox_of_hamilton():
    # 10 seats: quotas 4.29 4.29 1.43 → 4 4 1 + the last seat to C (.43): 4 4 2.
    # 11 seats: quotas 4.71 4.71 1.57 → 4 4 1 + two seats to A, B (.71): 5 5 1. C loses a seat
    # although the house grew.
    weights = [("A", 6), ("B", 6), ("C", 2)]
    assert seat_list(allocate(weights, 10, "hamilton", minimum=0)) == [4, 4, 2]
    assert seat_list(allocate(weights, 11, "hamilton", minimum=0)) == [5, 5, 1]
    for method in DIVISOR_METHODS:
        smaller = allocate(weights, 10, method, minimum=0).seats
        larger = allocate(weights, 11, method, minimum=0).seats
        assert all(larger[u] >= smaller[u] for u in smaller), method


def test_population_paradox_of_hamilton():
    # 8 seats. Before: weights 25 3 14 (total 42): quotas 4.76 0.57 2.67 → 4 0 2 + two seats to
    # A (.76) and C (.67): 5 0 3. After A grows 16% and B not at all: 29 3 22 (total 54):
    # quotas 4.30 0.44 3.26 → 4 0 3 + one seat to B (.44): 4 1 3. A loses a seat to B.
    before = allocate([("A", 25), ("B", 3), ("C", 14)], 8, "hamilton", minimum=0)
    after = allocate([("A", 29), ("B", 3), ("C", 22)], 8, "hamilton", minimum=0)
    assert seat_list(before) == [5, 0, 3]
    assert seat_list(after) == [4, 1, 3]
    for method in DIVISOR_METHODS:
        b = allocate([("A", 25), ("B", 3), ("C", 14)], 8, method, minimum=0).seats
        a = allocate([("A", 29), ("B", 3), ("C", 22)], 8, method, minimum=0).seats
        assert not (a["A"] < b["A"] and a["B"] > b["B"]), method


def test_new_states_paradox_of_hamilton():
    # 8 seats among 1 12 4 (total 17): quotas .47 5.65 1.88 → 0 5 1 + C (.88), B (.65): 0 6 2.
    # D (weight 3, quota 3·8/17 = 1.41) joins with one seat more, 9 seats (total 20): quotas
    # .45 5.40 1.80 1.35 → 0 5 1 1 + C (.80), A (.45): 1 5 2 1. B loses a seat to A although
    # D brought its own.
    before = allocate([("A", 1), ("B", 12), ("C", 4)], 8, "hamilton", minimum=0)
    after = allocate([("A", 1), ("B", 12), ("C", 4), ("D", 3)], 9, "hamilton", minimum=0)
    assert seat_list(before) == [0, 6, 2]
    assert seat_list(after) == [1, 5, 2, 1]


@pytest.mark.parametrize(
    ("method", "weights", "seats", "unit", "expected", "quota"),
    [
        # D'Hondt favours the large: A's quotients 16 8 5.3 4 3.2 2.7 2.3 beat B's 2 and C's 2.
        ("dhondt", [16, 4, 2], 8, 0, [7, 1, 0], Fraction(64, 11)),
        # Sainte-Laguë can break quota too: A 67 22.3 13.4 9.6 7.4 6.1 5.2 4.5 beat B's 4.3.
        ("sainte-lague", [67, 13, 4, 3], 9, 0, [8, 1, 0, 0], Fraction(603, 87)),
        # Huntington–Hill favours the small: A's quota is 12.07 but it gets 11.
        ("huntington-hill", [127, 29, 28, 16], 19, 0, [11, 3, 3, 2], Fraction(2413, 200)),
    ],
)
def test_divisor_methods_can_violate_quota(method, weights, seats, unit, expected, quota):
    result = allocate([(str(i), w) for i, w in enumerate(weights)], seats, method, minimum=0)
    assert seat_list(result) == expected
    assert result.working[unit].standard_quota == quota
    got = expected[unit]
    assert got > math.ceil(quota) or got < math.floor(quota)
    assert not boundary_tie(result)


@pytest.mark.parametrize("minimum", [0, 1])
@pytest.mark.parametrize("method", DIVISOR_METHODS)
def test_divisor_methods_are_house_monotone(method, minimum):
    rng = random.Random(f"house-{method}-{minimum}")
    for _ in range(60):
        units = rng.randint(2, 8)
        weights = [(f"u{i}", rng.randint(0, 1000)) for i in range(units)]
        weights[0] = ("u0", rng.randint(1, 1000))
        previous = None
        for seats in range(minimum * units, minimum * units + 25):
            current = allocate(weights, seats, method, minimum).seats
            if previous is not None:
                grown = [u for u in current if current[u] != previous[u]]
                assert len(grown) == 1 and current[grown[0]] == previous[grown[0]] + 1
            previous = current


@pytest.mark.parametrize("method", DIVISOR_METHODS)
def test_divisor_methods_are_population_monotone(method):
    """If A's weight grows by a larger factor than B's, A does not lose a seat while B gains
    one (Balinski and Young); cases decided by the tie rule are left out."""
    rng = random.Random(f"population-{method}")
    checked = 0
    for _ in range(300):
        units = rng.randint(3, 6)
        seats = rng.randint(units, 20)
        before = [rng.randint(1, 500) for _ in range(units)]
        after = [w + rng.randint(-w // 3, 200) for w in before]
        b = allocate([(str(i), w) for i, w in enumerate(before)], seats, method, minimum=0)
        a = allocate([(str(i), w) for i, w in enumerate(after)], seats, method, minimum=0)
        if boundary_tie(a) or boundary_tie(b):
            continue
        checked += 1
        for i in range(units):
            for j in range(units):
                if Fraction(after[i], before[i]) > Fraction(after[j], before[j]):
                    lost = a.seats[str(i)] < b.seats[str(i)]
                    gained = a.seats[str(j)] > b.seats[str(j)]
                    assert not (lost and gained), (before, after, seats)
    assert checked > 250


# --- (d) properties, ties, validation, working --------------------------------------------------


def random_case(rng, minimum):
    units = rng.randint(1, 15)
    weights = [
        (f"unit {i}", rng.choice([0, rng.randint(1, 50), rng.randint(1, 10**6)]))
        for i in range(units)
    ]
    if not any(w for _, w in weights):
        weights[0] = ("unit 0", 1)
    seats = minimum * units + rng.randint(0, 60)
    return weights, seats


@pytest.mark.parametrize("minimum", [0, 1, 3])
@pytest.mark.parametrize("method", METHODS)
def test_totals_minimums_and_zero_weights(method, minimum):
    rng = random.Random(f"props-{method}-{minimum}")
    for _ in range(150):
        weights, seats = random_case(rng, minimum)
        result = allocate(weights, seats, method, minimum)
        assert sum(result.seats.values()) == seats == result.total
        assert list(result.seats) == [u for u, _ in weights]
        assert all(n >= minimum for n in result.seats.values())
        for (unit, weight), w in zip(weights, result.working, strict=True):
            assert w.unit == unit and w.weight == weight and w.seats == result.seats[unit]
            if weight == 0:
                assert w.seats == minimum  # a unit of weight 0 gets the minimum only


def test_hamilton_stays_within_quota():
    rng = random.Random("quota")
    for _ in range(400):
        weights, seats = random_case(rng, 0)
        result = allocate(weights, seats, "hamilton", minimum=0)
        for w in result.working:
            assert math.floor(w.standard_quota) <= w.seats <= math.ceil(w.standard_quota)
            assert w.quota == w.standard_quota  # no minimum: the same share


@pytest.mark.parametrize("method", METHODS)
def test_deterministic_exact_and_scale_free(method):
    rng = random.Random(f"determinism-{method}")
    for _ in range(50):
        weights, seats = random_case(rng, 1)
        first = allocate(weights, seats, method)
        assert allocate(list(weights), seats, method) == first
        assert allocate(dict(weights), seats, method).seats == first.seats
        # Multiplying every weight by the same factor changes nothing: the arithmetic is exact.
        scaled = [(u, Fraction(w, 7) * Fraction(Decimal("1.5"))) for u, w in weights]
        assert allocate(scaled, seats, method).seats == first.seats
        # Without a tie, the order of the input does not matter.
        if not boundary_tie(first):
            shuffled = list(weights)
            rng.shuffle(shuffled)
            assert allocate(shuffled, seats, method).seats == first.seats


def test_decimal_and_fraction_weights_are_exact():
    # 0.1 + 0.2 != 0.3 in binary floats; as decimals the remainders tie exactly and the tie rule
    # (larger weight) decides: C has 0.3.
    weights = [("A", Decimal("0.1")), ("B", Decimal("0.2")), ("C", Decimal("0.3"))]
    assert seat_list(allocate(weights, 3, "hamilton", minimum=0)) == [0, 1, 2]
    assert seat_list(allocate([("A", 1), ("B", 2), ("C", 3)], 3, "hamilton", minimum=0)) == [
        0,
        1,
        2,
    ]
    assert seat_list(allocate([("A", Fraction(1, 3)), ("B", Fraction(2, 3))], 3, minimum=0)) == [
        1,
        2,
    ]


@pytest.mark.parametrize(
    ("method", "weights", "seats", "expected", "why"),
    [
        # Remainders .5 and .5: the larger weight (B) wins.
        ("hamilton", [("A", 1), ("B", 3)], 2, [0, 2], "remainder tie, larger weight"),
        # Equal weights, equal remainders: the earlier unit wins.
        ("hamilton", [("A", 1), ("B", 1)], 1, [1, 0], "full tie, earlier"),
        ("hamilton", [("B", 1), ("A", 1)], 1, [1, 0], "full tie, earlier"),
        # D'Hondt: 6 4 3 then 6/3 = 2 and 4/2 = 2 tie: A (larger weight).
        ("dhondt", [("A", 6), ("B", 4)], 4, [3, 1], "priority tie, larger weight"),
        ("dhondt", [("B", 4), ("A", 6)], 4, [1, 3], "priority tie, larger weight"),
        # Sainte-Laguë: 3, then 3/3 = 1 and 1/1 = 1 tie: A.
        ("sainte-lague", [("A", 3), ("B", 1)], 2, [2, 0], "priority tie, larger weight"),
        ("sainte-lague", [("A", 2), ("B", 2), ("C", 2)], 2, [1, 1, 0], "full tie, earlier"),
        # Huntington–Hill, M = 0: infinite priorities, largest weights first.
        ("huntington-hill", [("A", 1), ("B", 5), ("C", 3)], 2, [0, 1, 1], "infinite, weight"),
        ("huntington-hill", [("A", 2), ("B", 2), ("C", 2)], 2, [1, 1, 0], "infinite, earlier"),
        # 8/√2 = 5.657 vs 8/√2: exact tie of squares 64/2 = 32: earlier.
        ("huntington-hill", [("A", 8), ("B", 8)], 3, [2, 1], "priority tie, earlier"),
    ],
)
def test_tie_rule(method, weights, seats, expected, why):
    assert seat_list(allocate(weights, seats, method, minimum=0)) == expected, why


@pytest.mark.parametrize(
    ("weights", "seats", "kwargs", "error", "message"),
    [
        ([], 5, {}, EmptyInputError, "no units"),
        ({}, 5, {}, EmptyInputError, "no units"),
        ([("A", 1), ("A", 2)], 5, {}, DuplicateUnitError, "'A' appears more than once"),
        ([("A", -1)], 5, {}, InvalidWeightError, "must not be negative"),
        ([("A", float("nan"))], 5, {}, InvalidWeightError, "must be finite"),
        ([("A", float("inf"))], 5, {}, InvalidWeightError, "must be finite"),
        ([("A", Decimal("NaN"))], 5, {}, InvalidWeightError, "must be finite"),
        ([("A", "12")], 5, {}, InvalidWeightError, "must be a number"),
        ([("A", True)], 5, {}, InvalidWeightError, "must be a number"),
        ([("A", 1)], 5, {"method": "borda"}, UnknownMethodError, "unknown method 'borda'"),
        (
            [("A", 1), ("B", 2), ("C", 3)],
            5,
            {"minimum": 2},
            NotEnoughSeatsError,
            "need at least 6 seats to give each of 3 units its minimum 2; got 5",
        ),
        ([("A", 1)], -1, {}, AllocationError, "seats must not be negative"),
        ([("A", 1)], 2.0, {}, AllocationError, "seats must be a whole number"),
        ([("A", 1)], 2, {"minimum": -1}, AllocationError, "minimum must not be negative"),
        ([("A", 0), ("B", 0)], 3, {}, InvalidWeightError, "every weight is 0"),
        ([("A",)], 3, {}, AllocationError, "expected (unit, weight) pairs"),
    ],
)
def test_validation(weights, seats, kwargs, error, message):
    with pytest.raises(error) as info:
        allocate(weights, seats, **kwargs)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


def test_all_zero_weights_need_no_sharing():
    result = allocate([("A", 0), ("B", 0)], 2, "dhondt", minimum=1)
    assert seat_list(result) == [1, 1]
    assert result.rounds == ()


def test_method_names():
    assert METHODS == ("hamilton", "dhondt", "sainte-lague", "huntington-hill")
    assert normalise_method("D'Hondt") == "dhondt"
    assert normalise_method("Sainte_Lague") == "sainte-lague"
    assert normalise_method("webster") == "sainte-lague"
    assert normalise_method("Huntington–Hill") == "huntington-hill"
    assert normalise_method("largest remainder") == "hamilton"
    assert allocate([("A", 1)], 1).method == "hamilton"  # the default


def test_working_can_be_checked_by_hand():
    result = allocate(PARTIES, 8, "dhondt", minimum=0)
    # The check a council does: every seat handed out beat every priority left over.
    last = result.rounds[-1].key
    assert all(w.next_key <= last for w in result.working)
    keys = [r.key for r in result.rounds]
    assert keys == sorted(keys, reverse=True)
    assert result.columns() == ("unit", "weight", "quota", "seats", "next_priority")
    assert [tuple(row.values()) for row in result.rows()] == [
        ("A", "100000", "3.4783", "4", "20000.0000"),
        ("B", "80000", "2.7826", "3", "20000.0000"),
        ("C", "30000", "1.0435", "1", "15000.0000"),
        ("D", "20000", "0.6957", "0", "20000.0000"),
    ]
    text = result.format_working()
    assert "method: D'Hondt" in text
    assert "priority: weight / (n + 1)" in text
    assert "8     A     3     25000.0000" in text

    hamilton = allocate(PARTIES, 8, "hamilton", minimum=0)
    assert hamilton.columns() == (
        "unit",
        "weight",
        "quota",
        "floor",
        "remainder",
        "remainder_rank",
        "seats",
    )
    assert hamilton.rows(digits=3)[1] == {
        "unit": "B",
        "weight": "80000",
        "quota": "2.783",
        "floor": "2",
        "remainder": "0.783",
        "remainder_rank": "1",
        "seats": "3",
    }
    assert "quota = weight × 8 / 230000; weight per seat: 28750" in hamilton.format_working()


def test_a_change_of_cap_or_weights_re_runs():
    first = allocate(PARTIES, 8, "hamilton")
    assert allocate(PARTIES, 9, "hamilton") != first
    assert allocate([*PARTIES[:3], ("D", 40_000)], 8, "hamilton") != first
    with pytest.raises(AttributeError):
        first.total = 9  # frozen


@pytest.mark.parametrize("method", METHODS)
def test_500_seats_among_10000_units_need_minimum_zero(method):
    """Speed is measured in bench/bench_apportionment.py; here only the outcome."""
    rng = random.Random(500)
    weights = [(f"u{i}", rng.randint(1, 5_000)) for i in range(10_000)]
    with pytest.raises(NotEnoughSeatsError):
        allocate(weights, 500, method, minimum=1)
    result = allocate(weights, 500, method, minimum=0)
    assert sum(result.seats.values()) == 500


# --- (e) an independent implementation: the `apportionment` package -----------------------------

THEIRS = {
    "hamilton": "largest_remainder",
    "dhondt": "dhondt",
    "sainte-lague": "saintelague",
    "huntington-hill": "huntington",
}


@pytest.mark.parametrize("method", METHODS)
def test_agrees_with_the_apportionment_package(method):
    package = pytest.importorskip("apportionment.methods")
    rng = random.Random(f"package-{method}")
    compared = 0
    for _ in range(300):
        units = rng.randint(2, 12)
        names = [f"P{i}" for i in range(units)]
        big = rng.random() < 0.5
        votes = [rng.randint(1, 10**6 if big else 60) for _ in range(units)]
        seats = rng.randint(1, 60)
        ours = allocate(list(zip(names, votes, strict=True)), seats, method, minimum=0)
        if boundary_tie(ours):
            continue  # the package breaks ties its own way (or reports them)
        try:
            theirs = package.compute(
                THEIRS[method], votes, seats, fractions=True, parties=names, tiesallowed=False
            )
        except package.TiesException:
            continue
        assert seat_list(ours) == list(theirs), (votes, seats)
        compared += 1
    assert compared >= 200
