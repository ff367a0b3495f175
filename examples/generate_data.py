#!/usr/bin/env python3
"""Writes the demo's made-up dataset to examples/data/: nations, customers, orders.

Deterministic: its own small random generator (not Python's `random`, whose algorithms may change
between versions), so running it again rewrites the committed files byte for byte.

    python3 examples/generate_data.py
"""
import csv
import datetime
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data")


class Rng:
    """xorshift64*: tiny, fast, and the same on every Python."""

    def __init__(self, seed):
        self.s = seed or 1

    def next(self):
        x = self.s
        x ^= (x >> 12)
        x ^= (x << 25) & 0xFFFFFFFFFFFFFFFF
        x ^= (x >> 27)
        self.s = x
        return (x * 0x2545F4914F6CDD1D) & 0xFFFFFFFFFFFFFFFF

    def below(self, n):
        return self.next() % n

    def pick(self, items):
        return items[self.below(len(items))]

    def chance(self, percent):
        return self.below(100) < percent


NATIONS = [
    (0, "France", "Europe"), (1, "Germany", "Europe"), (2, "Norway", "Europe"),
    (3, "Japan", "Asia"), (4, "China", "Asia"), (5, "India", "Asia"),
    (6, "Brazil", "America"), (7, "Canada", "America"), (8, "Kenya", "Africa"),
    (9, "Egypt", "Africa"),
]

FIRST = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "John", "Margaret",
         "Niklaus", "Radia", "Tony", "Zoë", "Håkon", "Chidi", "Aiko", "Mateo", "Priya"]
LAST = ["Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "Backus",
        "Hamilton", "Wirth", "Perlman", "Hoare", "Ångström", "Okafor", "Tanaka", "García",
        "O'Brien", "Sharma"]
# A few names that need CSV quoting or are wide in a terminal, so loading and display get exercised.
SPECIAL = ["Smith, Jones & Co", "李娜", "\"Quoted\" Ltd", "山田 太郎"]
SEGMENTS = ["AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD", "MACHINERY"]
PRIORITIES = ["1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"]


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = Rng(20240611)

    with open(os.path.join(OUT, "nations.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["n_nationkey", "n_name", "n_region"])
        w.writerows(NATIONS)

    customers = []
    epoch = datetime.date(2015, 1, 1)
    for key in range(1, 201):
        if key % 50 == 7:
            name = SPECIAL[(key // 50) % len(SPECIAL)]
        else:
            name = rng.pick(FIRST) + " " + rng.pick(LAST)
        nation = rng.below(len(NATIONS))
        segment = "" if rng.chance(4) else rng.pick(SEGMENTS)  # empty: NULL
        balance = (rng.below(1100000) - 100000) / 100  # -1000.00 .. 9999.99
        since = epoch + datetime.timedelta(days=rng.below(8 * 365))
        customers.append((key, name, nation, segment, "%.2f" % balance, since.isoformat()))
    with open(os.path.join(OUT, "customers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["c_custkey", "c_name", "c_nationkey", "c_segment", "c_acctbal", "c_since"])
        w.writerows(customers)

    start = datetime.date(2022, 1, 1)
    days = (datetime.date(2024, 12, 31) - start).days + 1
    with open(os.path.join(OUT, "orders.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["o_orderkey", "o_custkey", "o_orderdate", "o_status", "o_priority",
                    "o_items", "o_totalprice", "o_discount"])
        for key in range(1, 2001):
            cust = 1 + rng.below(200)
            date = start + datetime.timedelta(days=rng.below(days))
            status = "F" if date < datetime.date(2024, 10, 1) else rng.pick(["O", "P", "F"])
            priority = rng.pick(PRIORITIES)
            items = 1 + rng.below(12)
            price = items * (500 + rng.below(250000)) / 100
            discount = "" if rng.chance(5) else "%.2f" % (rng.below(11) / 100)  # empty: NULL
            w.writerow([key, cust, date.isoformat(), status, priority, items, "%.2f" % price, discount])


if __name__ == "__main__":
    main()
