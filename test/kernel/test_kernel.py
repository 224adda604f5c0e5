"""Jupyter's own kernel test suite (jupyter_kernel_test) run against the course kernel "nn-course".

Run from the project root:

    JUPYTER_PATH=$PWD/.jupyter /usr/bin/python3 -m unittest -v test/kernel/test_kernel.py

(test/kernel.test.ts runs this from mocha). The kernelspec is written by `npx tsx tools/setup.ts`.
Besides the generic protocol tests, CourseKernelTests checks what students see when a cell fails.
"""
import os
import sys
import time
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The course kernelspec lives in the project-local Jupyter folder, never in the user's global one.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    p for p in [str(ROOT / ".jupyter"), os.environ.get("JUPYTER_PATH", "")] if p
)

import jupyter_kernel_test  # noqa: E402
from jupyter_client.manager import start_new_kernel  # noqa: E402

KERNEL_NAME = "nn-course"

if not (ROOT / ".jupyter" / "kernels" / KERNEL_NAME / "kernel.json").exists():
    sys.exit(f"kernelspec {KERNEL_NAME} not found under {ROOT / '.jupyter'}: run `npx tsx tools/setup.ts` first")


def start_kernel():
    """Starts the course kernel in the project root with the default exercise implementation (exercises/)."""
    env = dict(os.environ)
    env.pop("NN_COURSE_IMPL", None)
    return start_new_kernel(kernel_name=KERNEL_NAME, cwd=str(ROOT), env=env, startup_timeout=60)


class NnCourseKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "typescript"
    file_extension = ".ts"

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_kernel()

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("something went wrong")'

    completion_samples = [
        {"text": "Math.sq", "matches": {"sqrt", "SQRT1_2", "SQRT2"}},
        {"text": "const numbers = [3, 1, 2];\nnumbers.so", "matches": {"some", "sort"}},
    ]

    complete_code_samples = ["1 + 1", "const x = 1;", "function f(a: number) {\n  return a * 2;\n}"]
    incomplete_code_samples = ["function f(a: number) {", "const xs = [1, 2,", "if (x > 0) {\n  f(x);"]
    invalid_code_samples = ["const = 5;", "let y = );", "x +* 2"]

    # No pager: TypeScript has no `?` help syntax; documentation comes from inspect (Shift+Tab) instead.
    code_page_something = ""

    code_generate_error = 'throw new Error("boom")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"ab" + "cd"', "result": "'abcd'"},
        {"code": "[1, 2].map((v) => v * 10)", "result": "[ 10, 20 ]"},
    ]

    code_display_data = [
        {"code": 'import * as tslab from "tslab";\ntslab.display.html("<b>bold</b>")', "mime": "text/html"},
        {"code": 'import * as tslab from "tslab";\ntslab.display.markdown("*it*")', "mime": "text/markdown"},
    ]

    # tslab keeps no input history (no history_request handler); the history tests skip themselves.
    supported_history_operations = ()

    code_inspect_sample = "Math.sqrt"

    code_clear_output = 'console.log("before");\nclearOutput();'


class CourseKernelTests(unittest.TestCase):
    """What a student sees when a cell fails, beyond the generic protocol tests."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_kernel()

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel()

    def run_cell(self, code, stop_on_error=True):
        """Executes `code`; returns (execute_reply content, [iopub output messages])."""
        msg_id = self.kc.execute(code, stop_on_error=stop_on_error)
        reply = self.kc.get_shell_msg(timeout=60)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=60)
        outputs = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=10)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            if msg["msg_type"] in ("stream", "display_data", "execute_result", "error", "clear_output"):
                outputs.append(msg)
        return reply["content"], outputs

    def only_error(self, code, stop_on_error=True):
        """Runs a failing cell; asserts it produced exactly one output, an error; returns its content."""
        reply, outputs = self.run_cell(code, stop_on_error)
        if stop_on_error:
            # tslab aborts requests that arrive within 200 ms after a failure (the queued cells of "Run All").
            time.sleep(0.3)
        self.assertEqual(reply["status"], "error")
        self.assertEqual([m["msg_type"] for m in outputs], ["error"], outputs)
        error = outputs[0]["content"]
        for key in ("ename", "evalue", "traceback"):
            self.assertEqual(reply[key], error[key])
        return error

    def test_unimplemented_exercise_shows_one_notice_and_does_not_fail_the_cell(self):
        reply, outputs = self.run_cell(
            'import { Matrix } from "nn-course";\n'
            'import { losses } from "nn-course/exercises";\n'
            "losses.softmax(Matrix.from2D([[1, 2, 3]]));"
        )
        self.assertEqual(reply["status"], "ok")  # Run All goes on to the next cell
        self.assertEqual([m["msg_type"] for m in outputs], ["display_data"], outputs)
        notice = outputs[0]["content"]
        self.assertEqual(notice["metadata"]["nn_course"]["kind"], "exercise-pending")
        self.assertEqual(notice["metadata"]["nn_course"]["exercise"], "softmax")
        text = notice["data"]["text/plain"]
        self.assertIn("softmax is not implemented yet", text)
        self.assertIn("exercises/losses.ts", text)
        self.assertNotIn("\n", text)  # one line

    def test_type_error_names_the_diagnostic(self):
        error = self.only_error("const n: number = 1;\nconst s: string = n;")
        self.assertEqual(error["ename"], "TypeScriptError")
        self.assertIn("Type 'number' is not assignable to type 'string'", error["evalue"])
        self.assertIn("Line 2, column 7: ", error["evalue"])  # the position in the cell

    def test_thrown_error_has_name_message_and_a_clean_traceback(self):
        error = self.only_error(
            "function check(v: number) {\n  if (v < 0) throw new RangeError(`negative: ${v}`);\n}\ncheck(-1);"
        )
        self.assertEqual(error["ename"], "RangeError")
        self.assertEqual(error["evalue"], "negative: -1")
        text = "\n".join(error["traceback"])
        self.assertIn("RangeError: negative: -1", text)
        self.assertIn("check", text)
        self.assertNotIn("node_modules", text)
        self.assertNotIn("node:internal", text)

    def test_thrown_non_error_value(self):
        error = self.only_error('throw "plain string"')
        self.assertEqual(error["ename"], "Uncaught")
        self.assertEqual(error["evalue"], "'plain string'")

    def test_execute_result_carries_the_execution_count(self):
        reply, outputs = self.run_cell("const answer = 40 + 2;\nanswer")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual([m["msg_type"] for m in outputs], ["execute_result"])
        self.assertEqual(outputs[0]["content"]["execution_count"], reply["execution_count"])
        self.assertEqual(outputs[0]["content"]["data"]["text/plain"], "42")

    def test_kernel_keeps_working_after_an_error(self):
        self.only_error('throw new Error("first")')
        reply, outputs = self.run_cell("1 + 2")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "3")

    def test_object_shorthand_reaches_variables_of_earlier_cells(self):
        self.run_cell("const train = 1;\nconst val = 2;")
        reply, outputs = self.run_cell("const data = { train, val };\ndata.train + data.val")
        self.assertEqual(reply["status"], "ok", outputs)
        self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "3")

    def test_a_failure_with_stop_on_error_false_aborts_nothing(self):
        # nbclient's allow_errors mode: the next cell is sent as soon as the failed one is idle.
        self.only_error('throw new Error("shown, then go on")', stop_on_error=False)
        reply, outputs = self.run_cell('"next"')
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(outputs[-1]["content"]["data"]["text/plain"], "'next'")

    def test_clear_output_type_checks_and_runs_in_later_cells(self):
        self.run_cell("let progress = 0;")
        reply, outputs = self.run_cell('progress += 1;\nclearOutput(true);\nconsole.log(`step ${progress}`);')
        self.assertEqual(reply["status"], "ok")
        self.assertEqual([m["msg_type"] for m in outputs], ["clear_output", "stream"])
        self.assertEqual(outputs[0]["content"], {"wait": True})


if __name__ == "__main__":
    unittest.main()
