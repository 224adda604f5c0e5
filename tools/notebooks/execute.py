"""Execute one notebook with Jupyter's nbclient and the course kernel; write the executed copy, signed.

The copy is signed with nbformat's NotebookNotary for the Jupyter of this environment (its data folder holds the
secret and the signature database; the caller runs this with the project's Jupyter environment), so Jupyter Notebook
and JupyterLab open it trusted: its figures' scripts run and the plots are drawn.

usage: python3 execute.py IN.ipynb OUT.ipynb [--kernel NAME] [--timeout SECONDS] [--no-sign]
Exit status 0 when every cell ran, 1 when a cell failed (the executed part is still written), 2 on bad usage.
"""
import argparse
import sys
from pathlib import Path

import nbformat
from nbformat.sign import NotebookNotary
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("src")
    p.add_argument("dst")
    p.add_argument("--kernel", default="nn-course")
    p.add_argument("--timeout", type=int, default=300)
    p.add_argument("--no-sign", action="store_true")
    a = p.parse_args()
    for attempt in (1, 2):
        nb = nbformat.read(a.src, as_version=4)
        client = NotebookClient(nb, kernel_name=a.kernel, timeout=a.timeout, allow_errors=False,
                                resources={"metadata": {"path": str(Path(a.src).resolve().parent)}})
        status = 0
        try:
            client.execute()
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
            print(f"{a.src}: {type(e).__name__}: {e}", file=sys.stderr)
            status = 1
        except Exception as e:  # noqa: BLE001 - the kernel did not start (e.g. a port taken by another kernel)
            print(f"{a.src}: the kernel did not start: {type(e).__name__}: {e}", file=sys.stderr)
            status = 1
        # A kernel that never ran a cell (it could not start) gets one more try; a notebook's own failure does not.
        if status == 0 or attempt == 2 or any(c.get("execution_count") for c in nb.cells if c.cell_type == "code"):
            break
        print(f"{a.src}: starting a new kernel and running the notebook again", file=sys.stderr)
    # signed as written: nbformat.write adds nothing the signature covers
    if not a.no_sign:
        NotebookNotary().sign(nb)
    nbformat.write(nb, a.dst)
    return status


if __name__ == "__main__":
    sys.exit(main())
