"""A Jupyter front end in a few lines, for the scripted student (test/student/*.test.ts): it starts the course
kernel with jupyter_client and runs cells the way a notebook front end does, answering in JSON lines.

One request per line on stdin, one answer per line on stdout:

    {"op": "start", "cwd": DIR}                   start the kernel "nn-course" (JUPYTER_PATH must name its spec);
                                                  answers {"seconds": startup time, "pid": the kernel's process}
    {"op": "run", "cells": [CODE, ...],           send every execute_request at once (as Notebook 6's Run All does)
     "stop_on_error": true, "timeout": SECONDS,   and wait for each reply and each cell's output;
     "interrupt_after": SECONDS or null}          optionally interrupt the kernel that many seconds after sending
    {"op": "shutdown"}                            stop the kernel; the driver exits after answering

A "run" answers {"cells": [CELL, ...], "interrupted_at": seconds since sending or null}, CELL being
    {"reply": execute_reply content or null if none came in time, "reply_at": seconds since sending,
     "outputs": [{"type": msg_type, "content": content}, ...], "output_count": all outputs received,
     "stream_messages": stream messages received, "complete": the reply and the idle status both arrived}.
A flood of output (a printing loop) is not returned whole: the first and the last KEEP outputs of a cell are kept,
the counts say how many arrived. Any failure of the driver itself answers {"error": text}.
"""
import json
import os
import signal
import sys
import time
import traceback
from queue import Empty

from jupyter_client.manager import KernelManager

KEEP = 200  # outputs kept from the start and from the end of each cell
QUIET = 2.0  # seconds without output, once every reply is in, before a run is taken as finished
LONG = 4000  # characters kept of rich output data (text/plain is kept whole)
OUTPUT_TYPES = ("stream", "display_data", "update_display_data", "execute_result", "error", "clear_output")

km = None
kc = None


def answer(obj):
    sys.stdout.write(json.dumps(obj, default=str) + "\n")
    sys.stdout.flush()


def start(req):
    global km, kc
    env = dict(os.environ)
    env.pop("NN_COURSE_IMPL", None)  # the student's exercises/, as in a student's Jupyter
    began = time.monotonic()
    km = KernelManager(kernel_name="nn-course")
    km.start_kernel(cwd=req["cwd"], env=env)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=req.get("timeout", 60))
    return {"seconds": time.monotonic() - began, "pid": km.provisioner.pid}


def shorten(content):
    """An output's content with rich data (HTML, plotly.js) cut to LONG characters; text/plain stays whole."""
    data = content.get("data")
    if isinstance(data, dict):
        content = dict(content, data={
            mime: value[:LONG] if mime != "text/plain" and isinstance(value, str) else value
            for mime, value in data.items()
        })
    return content


class Cell:
    def __init__(self, msg_id):
        self.msg_id = msg_id
        self.reply = None
        self.reply_at = None
        self.idle = False
        self.head = []
        self.tail = []
        self.output_count = 0
        self.stream_messages = 0

    def add_output(self, msg):
        self.output_count += 1
        if msg["msg_type"] == "stream":
            self.stream_messages += 1
        out = {"type": msg["msg_type"], "content": shorten(msg["content"])}
        if len(self.head) < KEEP:
            self.head.append(out)
        else:
            self.tail.append(out)
            if len(self.tail) > KEEP:
                del self.tail[0]

    def done(self):
        return self.reply is not None and self.idle

    def result(self):
        return {
            "reply": self.reply,
            "reply_at": self.reply_at,
            "outputs": self.head + self.tail,
            "output_count": self.output_count,
            "stream_messages": self.stream_messages,
            "complete": self.done(),
        }


def pending(get, wait, most=None):
    """The messages waiting on a channel (the first one waited for up to `wait` seconds), at most `most` of them."""
    n = 0
    while most is None or n < most:
        try:
            yield get(timeout=wait if n == 0 else 0)
        except Empty:
            return
        n += 1


def run(req):
    sent = time.monotonic()
    cells = [kc.execute(code, stop_on_error=req.get("stop_on_error", True)) for code in req["cells"]]
    by_id = {msg_id: Cell(msg_id) for msg_id in cells}
    deadline = sent + req.get("timeout", 120)
    interrupt_after = req.get("interrupt_after")
    interrupted_at = None
    # once every reply is in, outputs still on their way get until iopub has been quiet for QUIET seconds
    last_output = sent
    while time.monotonic() < deadline:
        now = time.monotonic()
        if interrupt_after is not None and interrupted_at is None and now - sent >= interrupt_after:
            km.interrupt_kernel()
            interrupted_at = time.monotonic() - sent
        # replies first: their arrival time matters, and a flood on iopub must not delay reading them
        for msg in pending(kc.get_shell_msg, 0):
            cell = by_id.get(msg["parent_header"].get("msg_id"))
            if cell is not None and cell.reply is None:
                cell.reply = msg["content"]
                cell.reply_at = time.monotonic() - sent
        for msg in pending(kc.get_iopub_msg, 0.02, most=100):
            cell = by_id.get(msg["parent_header"].get("msg_id"))
            if cell is not None:
                last_output = time.monotonic()
                if msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
                    cell.idle = True
                elif msg["msg_type"] in OUTPUT_TYPES:
                    cell.add_output(msg)
        if all(c.done() for c in by_id.values()):
            break
        if all(c.reply is not None for c in by_id.values()) and time.monotonic() - last_output > QUIET:
            break
    return {"cells": [by_id[m].result() for m in cells], "interrupted_at": interrupted_at}


def shutdown(_req):
    global km, kc
    if kc is not None:
        kc.stop_channels()
        kc = None
    if km is not None:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
        km = None
    return {}


OPS = {"start": start, "run": run, "shutdown": shutdown}


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped by the test: still shut the kernel down
    try:
        serve()
    finally:
        shutdown({})


def serve():
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        try:
            answer(OPS[req["op"]](req))
        except Exception as e:  # noqa: BLE001 - reported to the test, which fails with it
            answer({"error": f"{type(e).__name__}: {e}\n{traceback.format_exc()}"})
        if req["op"] == "shutdown":
            break


if __name__ == "__main__":
    main()
