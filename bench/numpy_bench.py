"""The benchmark's workloads in numpy, on the same inputs (read from the files bench/run.ts writes).

Usage: python3 numpy_bench.py MANIFEST.json
Prints one JSON object per workload: {"name", "seconds", "cpuSeconds", "check", "reps"}. The thread count of the BLAS is set by the
caller through OPENBLAS_NUM_THREADS / OMP_NUM_THREADS.
"""
import json
import sys
import time

import numpy as np


def load(d):
    return np.fromfile(d["file"], dtype="<f8").reshape(d["rows"], d["cols"])


def prepare(inputs):
    if inputs["kind"] == "matmul":
        A, B = load(inputs["A"]), load(inputs["B"])
        return lambda: float((A @ B).sum())
    if inputs["kind"] == "init":
        X = load(inputs["X"])
        Ws = [load(w) for w in inputs["Ws"]]

        def init():
            H = X
            means, stds = [], []
            for W in Ws:
                H = np.tanh(H @ W)
                means.append(H.mean())
                stds.append(H.std())
            return float(stds[-1])

        return init
    X, Y = load(inputs["X"]), load(inputs["Y"])
    params = {k: load(inputs[k]).copy() for k in ("W1", "b1", "W2", "b2")}
    lr = inputs["lr"]
    batch = X.shape[0]

    def step():
        W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
        Z1 = X @ W1 + b1
        H = np.maximum(Z1, 0)
        S = H @ W2 + b2
        E = np.exp(S - S.max(axis=1, keepdims=True))
        P = E / E.sum(axis=1, keepdims=True)
        loss = -np.sum(Y * np.log(P)) / batch
        dS = (P - Y) / batch
        dW2 = H.T @ dS
        db2 = dS.sum(axis=0, keepdims=True)
        dZ1 = (dS @ W2.T) * (H > 0)
        dW1 = X.T @ dZ1
        db1 = dZ1.sum(axis=0, keepdims=True)
        params["W1"] = W1 - lr * dW1
        params["b1"] = b1 - lr * db1
        params["W2"] = W2 - lr * dW2
        params["b2"] = b2 - lr * db2
        return float(loss)

    return step


def timed(run):
    """(wall seconds, CPU seconds of all threads, check value) of one run."""
    cpu, t = time.process_time(), time.perf_counter()
    check = run()
    return time.perf_counter() - t, time.process_time() - cpu, check


def measure(run, budget):
    first = timed(run)  # warm-up
    if first[0] > budget["single_run_above"]:
        return first, 1
    best, reps, start = first, 0, time.perf_counter()
    while reps < budget["min_reps"] or (
        time.perf_counter() - start < budget["min_seconds"] and reps < budget["max_reps"]
    ):
        best = min(best, timed(run))
        reps += 1
    return (best[0], best[1], first[2]), reps


def main():
    manifest = json.load(open(sys.argv[1]))
    for w in manifest["workloads"]:
        (seconds, cpu_seconds, check), reps = measure(prepare(w["inputs"]), manifest["budget"])
        line = {"name": w["name"], "seconds": seconds, "cpuSeconds": cpu_seconds, "check": check, "reps": reps}
        print(json.dumps(line), flush=True)


main()
