"""The fixed costs a notebook pays, measured through Jupyter the way a notebook front end meets them.

Usage: /usr/bin/python3 fixed_costs.py CONFIG.json
CONFIG: {"repeats": 3, "kernel": "nn-course", "anchor": "python3", "notebooks": [paths], "cwd": notebooks folder,
         "timeout": seconds}
Prints one JSON object per measurement: {"name", "impl", "seconds", "runs": [seconds of each repetition]}, seconds
being the median. Kernel starts alternate between the course kernel and IPython's (the anchor), so that both meet
the same load on the machine. JUPYTER_PATH (set by the caller) makes the course kernelspec visible.
"""
import json
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel


def emit(name, impl, runs):
    print(json.dumps({"name": name, "impl": impl, "seconds": statistics.median(runs), "runs": runs}), flush=True)


def start(kernel, cwd):
    """(seconds until the kernel answers kernel_info, manager, client)."""
    t = time.perf_counter()
    km, kc = start_new_kernel(kernel_name=kernel, cwd=cwd, startup_timeout=120)
    return time.perf_counter() - t, km, kc


def run_cell(kc, code, timeout):
    """Seconds from execute_request to the kernel going idle; raises when the cell fails."""
    t = time.perf_counter()
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=lambda msg: None)
    seconds = time.perf_counter() - t
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell failed: {code!r}: {reply['content'].get('ename')}: {reply['content'].get('evalue')}")
    return seconds


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


FIRST_IMPORT = 'import { Matrix } from "nn-course";\nimport { losses } from "nn-course/exercises";\nMatrix.zeros(1, 1);'
CHECK = 'import { check } from "nn-course";\nawait check("losses", { show: false });'


def kernel_costs(cfg):
    starts = {cfg["kernel"]: [], cfg["anchor"]: []}
    first_import, first_check, warm_check = [], [], []
    for _ in range(cfg["repeats"]):
        for kernel in (cfg["anchor"], cfg["kernel"]):
            seconds, km, kc = start(kernel, cfg["cwd"])
            starts[kernel].append(seconds)
            try:
                if kernel == cfg["kernel"]:
                    first_import.append(run_cell(kc, FIRST_IMPORT, cfg["timeout"]))
                    first_check.append(run_cell(kc, CHECK, cfg["timeout"]))
                    warm_check.append(run_cell(kc, CHECK, cfg["timeout"]))
            finally:
                stop(km, kc)
    emit("kernel ready (start to kernel_info reply)", f"IPython ({cfg['anchor']})", starts[cfg["anchor"]])
    emit("kernel ready (start to kernel_info reply)", cfg["kernel"], starts[cfg["kernel"]])
    emit("first cell importing nn-course and the exercises", cfg["kernel"], first_import)
    emit('first check("losses") in a kernel', cfg["kernel"], first_check)
    emit('check("losses") again (warm)', cfg["kernel"], warm_check)


def run_all(cfg):
    import nbformat
    from nbclient import NotebookClient

    for path in cfg["notebooks"]:
        runs = []
        for _ in range(cfg["notebook_repeats"]):
            nb = nbformat.read(path, as_version=4)
            client = NotebookClient(nb, kernel_name=cfg["kernel"], timeout=cfg["timeout"], allow_errors=False,
                                    resources={"metadata": {"path": cfg["cwd"]}})
            t = time.perf_counter()
            try:
                client.execute()
            except Exception as e:  # noqa: BLE001 - a failing notebook is reported, and the others still run
                print(json.dumps({"name": f"Run All {name(path)}", "impl": cfg["kernel"],
                                  "failed": f"{type(e).__name__}: {str(e).strip().splitlines()[-1][:300]}"}),
                      flush=True)
                break
            runs.append(time.perf_counter() - t)
        else:
            emit(f"Run All {name(path)} (kernel start included)", cfg["kernel"], runs)


def name(path):
    return path.rsplit("/", 1)[-1]


def main():
    cfg = json.load(open(sys.argv[1]))
    if cfg["repeats"] > 0:
        kernel_costs(cfg)
    if cfg["notebooks"]:
        run_all(cfg)


main()
