"""Benchmark: allocate 500 seats among 10,000 units with each method.

    .venv/bin/python bench/bench_apportionment.py [--units 10000] [--seats 500] [--repeat 5]

Weights are random integers (fixed seed) and the minimum is 0 (with 10,000 units and 500
seats no minimum of 1 is possible). Each method of `kb.conferences.apportionment.allocate`
is timed (best of --repeat, time.perf_counter) against a naive baseline written here: the
same rule, exact integer arithmetic and the same tie rule, but each seat found by a linear
scan over all units (O(S·U) instead of a heap, O(S log U)). The results must be identical.
"""

import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from kb.conferences.apportionment import METHODS, allocate  # noqa: E402


def _beats(num_a, den_a, w_a, num_b, den_b, w_b):
    """Whether claim a beats claim b (a comes later in the input than b): a strictly higher
    priority num/den (den 0 = infinite), else a strictly larger weight."""
    left, right = num_a * den_b, num_b * den_a
    if left != right:
        return left > right
    return w_a > w_b


def _claim(method, w, n):
    if method == "dhondt":
        return w, n + 1
    if method == "sainte-lague":
        return w, 2 * n + 1
    den = n * (n + 1)  # Huntington–Hill, compared through squares
    return (0, 1) if w == 0 else (w * w, den)


def naive_divisor(method, weights, seats, minimum=0):
    held = [minimum] * len(weights)
    claims = [_claim(method, w, minimum) for w in weights]
    for _ in range(seats - minimum * len(weights)):
        best = 0
        for i in range(1, len(weights)):
            if _beats(*claims[i], weights[i], *claims[best], weights[best]):
                best = i
        held[best] += 1
        claims[best] = _claim(method, weights[best], held[best])
    return held


def naive_hamilton(weights, seats, minimum=0):
    shared = seats - minimum * len(weights)
    total = sum(weights)
    parts = [divmod(w * shared, total) for w in weights]
    held = [minimum + floor for floor, _ in parts]
    taken = [False] * len(weights)
    for _ in range(shared - sum(floor for floor, _ in parts)):
        best = None
        for i, (_, rem) in enumerate(parts):
            if taken[i]:
                continue
            if (
                best is None
                or rem > parts[best][1]
                or (rem == parts[best][1] and weights[i] > weights[best])
            ):
                best = i
        taken[best] = True
        held[best] += 1
    return held


def best_of(repeat, func):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--seats", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2019)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    weights = [rng.randint(1, 5_000) for _ in range(args.units)]
    named = [(f"unit-{i:05d}", w) for i, w in enumerate(weights)]
    print(
        f"{args.seats} seats among {args.units} units, minimum 0, "
        f"best of {args.repeat} (Python {sys.version.split()[0]})"
    )
    print(f"{'method':<16} {'seconds':>9} {'baseline s':>11} {'speed-up':>9}")
    for method in METHODS:
        ours_s, ours = best_of(args.repeat, lambda m=method: allocate(named, args.seats, m, 0))
        if method == "hamilton":
            base_s, base = best_of(args.repeat, lambda: naive_hamilton(weights, args.seats))
        else:
            base_s, base = best_of(
                args.repeat, lambda m=method: naive_divisor(m, weights, args.seats)
            )
        assert list(ours.seats.values()) == base, f"{method}: differs from the baseline"
        assert sum(base) == args.seats
        print(f"{method:<16} {ours_s:>9.4f} {base_s:>11.4f} {base_s / ours_s:>8.1f}x")


if __name__ == "__main__":
    main()
