"""Execute one notebook with Jupyter's nbclient and the course kernel; write the executed copy.

usage: python3 execute.py IN.ipynb OUT.ipynb [--kernel NAME] [--timeout SECONDS]
Exit status 0 when every cell ran, 1 when a cell failed (the executed part is still written), 2 on bad usage.
"""
import argparse
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("src")
    p.add_argument("dst")
    p.add_argument("--kernel", default="nn-course")
    p.add_argument("--timeout", type=int, default=300)
    a = p.parse_args()
    nb = nbformat.read(a.src, as_version=4)
    client = NotebookClient(nb, kernel_name=a.kernel, timeout=a.timeout, allow_errors=False,
                            resources={"metadata": {"path": str(__import__("pathlib").Path(a.src).resolve().parent)}})
    status = 0
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
        print(f"{a.src}: {type(e).__name__}: {e}", file=sys.stderr)
        status = 1
    nbformat.write(nb, a.dst)
    return status


if __name__ == "__main__":
    sys.exit(main())
