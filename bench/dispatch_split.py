#!/usr/bin/env python3
"""Where a simulated day's courier metres went, per delivery, from the server's database.

bench/simulate_dispatch.sh keeps each run's SQLite database; this reads the delivered
deliveries and splits the metres the simulator's couriers rode for each one (docs/simulator.md,
"Dispatch quality") into the approach (from where the courier was when they accepted to the
pickup) and the carry (pickup to drop-off, the same whoever rides it), by the courier's vehicle
and by whether the delivery was declined or lapsed before someone took it.

The simulator's couriers ride the street grid of src/simulate (City::route: along the avenue
nearest where they are, the street nearest where they go, then to the door, times the area's
circuity) and stand still while idle, so a courier's approach starts exactly at the drop-off of
their previous delivery; for the first delivery of a courier it starts at the first point of the
delivery's path (one step after accepting: an estimate, counted apart).
Usage: bench/dispatch_split.py DB [DB...]  (env: SPLIT_BLOCK_M 120, SPLIT_CIRCUITY 1.2, the
peak-hour scenario's area; SPLIT_LAT, SPLIT_LNG its centre)
"""
import math
import os
import sqlite3
import sys

BLOCK = float(os.environ.get("SPLIT_BLOCK_M", 120))
CIRCUITY = float(os.environ.get("SPLIT_CIRCUITY", 1.2))
LAT0 = float(os.environ.get("SPLIT_LAT", 52.52))
LNG0 = float(os.environ.get("SPLIT_LNG", 13.405))
M_PER_DEG = 111320.0


def metres(lat, lng):
    return ((lng - LNG0) * M_PER_DEG * math.cos(math.radians(LAT0)), (lat - LAT0) * M_PER_DEG)


def snap(v):
    return round(v / BLOCK) * BLOCK


def ride_m(a, b):
    """City::route's length from a to b, with the circuity the simulator adds."""
    avenue, street = snap(a[0]), snap(b[1])
    legs = [(a, (avenue, a[1])), ((avenue, a[1]), (avenue, street)),
            ((avenue, street), (b[0], street)), ((b[0], street), b)]
    return CIRCUITY * sum(math.hypot(q[0] - p[0], q[1] - p[1]) for p, q in legs)


def split(db):
    con = sqlite3.connect(db)
    vehicle = dict(con.execute("SELECT driver_id, vehicle FROM drivers_profiles"))
    passed = dict(con.execute(
        "SELECT delivery_id, COUNT(*) FROM deliveries_offers "
        "WHERE status IN ('declined', 'expired') GROUP BY delivery_id"))
    first_point = {}
    for did, lat, lng in con.execute(
            "SELECT delivery_id, lat, lng FROM deliveries_path p WHERE at_us = "
            "(SELECT MIN(at_us) FROM deliveries_path q WHERE q.delivery_id = p.delivery_id)"):
        first_point[did] = metres(lat, lng)
    rows = con.execute(
        "SELECT id, driver_id, status, pickup_lat, pickup_lng, dropoff_lat, dropoff_lng, "
        "assigned_at_us, delivered_at_us FROM deliveries_deliveries "
        "WHERE assigned_at_us IS NOT NULL AND driver_id <> '' ORDER BY assigned_at_us").fetchall()
    last_dropoff, busy_until, out = {}, {}, []
    for did, driver, status, plat, plng, dlat, dlng, assigned, delivered in rows:
        pickup, dropoff = metres(plat, plng), metres(dlat, dlng)
        start = last_dropoff.get(driver)
        exact = start is not None
        if not exact:
            start = first_point.get(did)
        overlapping = busy_until.get(driver, 0) > assigned
        if status in ("delivered", "failed"):
            last_dropoff[driver] = dropoff
        busy_until[driver] = delivered or assigned
        if status != "delivered" or start is None:
            continue
        out.append({"vehicle": vehicle.get(driver, "?"), "approach": ride_m(start, pickup),
                    "carry": ride_m(pickup, dropoff), "exact": exact,
                    "passed": passed.get(did, 0), "batched": overlapping})
    return out


def line(label, ds):
    if not ds:
        return "%-34s %5d" % (label, 0)
    n = len(ds)
    a = sum(d["approach"] for d in ds) / n
    c = sum(d["carry"] for d in ds) / n
    return "%-34s %5d %9.0f %9.0f %9.0f" % (label, n, a, c, a + c)


def main():
    for db in sys.argv[1:]:
        ds = split(db)
        print("\n%s\n%-34s %5s %9s %9s %9s" % (db, "delivered", "n", "approach", "carry", "total"))
        print(line("all", ds))
        for v in ("bike", "scooter", "car"):
            print(line("  by " + v, [d for d in ds if d["vehicle"] == v]))
        print(line("  first offer taken", [d for d in ds if d["passed"] == 0]))
        print(line("  declined or lapsed first", [d for d in ds if d["passed"] > 0]))
        print(line("  on a route under way (batched)", [d for d in ds if d["batched"]]))
        print(line("  approach exact (not 1st of courier)", [d for d in ds if d["exact"]]))


if __name__ == "__main__":
    main()
