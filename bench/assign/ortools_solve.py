#!/usr/bin/env python3
"""Solves an assignment instance file (the CSV format of the project's benchmark material) with
Google OR-tools' SimpleMinCostFlow, for comparison in the same run. Prints one JSON line:
{"objective", "assignments", "seconds" (solve only), "build_seconds", "peak_rss_mb"}."""
import json
import resource
import sys
import time

import numpy as np
from ortools.graph.python import min_cost_flow


def load(path):
    with open(path) as f:
        f.readline()
        P, R, D, L, MIN = (int(x) for x in f.readline().split(",")[:5])
        f.readline()
        text = f.read()
    edges_text, _, conflicts_text = text.partition("# conflicts\n")
    e = np.loadtxt(edges_text.splitlines(), delimiter=",", dtype=np.float64, ndmin=2)
    conflicts_lines = conflicts_text.splitlines()[1:]
    c = np.loadtxt(conflicts_lines, delimiter=",", dtype=np.int64, ndmin=2) if conflicts_lines else np.zeros((0, 2), dtype=np.int64)
    ep, er = e[:, 0].astype(np.int64), e[:, 1].astype(np.int64)
    es = np.rint(e[:, 2] * 10000).astype(np.int64)
    keep = ~np.isin(ep * R + er, c[:, 0] * R + c[:, 1])
    return P, R, D, L, MIN, ep[keep], er[keep], es[keep]


def main():
    P, R, D, L, MIN, ep, er, es = load(sys.argv[1])
    if MIN != 0:
        raise SystemExit("minimum loads are not supported by this comparison")
    t0 = time.perf_counter()
    smcf = min_cost_flow.SimpleMinCostFlow()
    src, sink = 0, P + R + 1
    tails = np.concatenate([np.zeros(P, dtype=np.int32), (ep + 1).astype(np.int32), np.arange(P + 1, P + R + 1, dtype=np.int32)])
    heads = np.concatenate([np.arange(1, P + 1, dtype=np.int32), (er + P + 1).astype(np.int32), np.full(R, sink, dtype=np.int32)])
    caps = np.concatenate([np.full(P, D, dtype=np.int64), np.ones(len(ep), dtype=np.int64), np.full(R, L, dtype=np.int64)])
    costs = np.concatenate([np.zeros(P, dtype=np.int64), -es, np.zeros(R, dtype=np.int64)])
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supplies = np.zeros(P + R + 2, dtype=np.int64)
    supplies[src], supplies[sink] = P * D, -P * D
    smcf.set_nodes_supplies(np.arange(P + R + 2), supplies)
    t1 = time.perf_counter()
    status = smcf.solve()
    t2 = time.perf_counter()
    if status != smcf.OPTIMAL:
        raise SystemExit(f"OR-tools status {status}")
    flows = smcf.flows(np.arange(P, P + len(ep)))
    print(json.dumps({
        "objective": int(-smcf.optimal_cost()),
        "assignments": int(flows.sum()),
        "seconds": round(t2 - t1, 3),
        "build_seconds": round(t1 - t0, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }))


if __name__ == "__main__":
    main()
