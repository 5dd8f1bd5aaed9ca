#!/usr/bin/env python3
"""scripts/run-beside.sh, which make test uses to run clang-tidy beside the tests: both steps'
failures fail the run with their output shown, and a failure on one side ends the other side's
processes instead of waiting for them. The commands are small shell programs that hand-shake
through FIFOs, so which side ends first is fixed without any timing."""
import os
import pathlib
import subprocess
import tempfile
import unittest

RUNNER = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "run-beside.sh"
# A side that would run for ever: a child blocked on a FIFO nobody writes, its pid in a file.
FOREVER = 'cat never & echo $! > child; echo go > started; wait'


def ended(pid):
    """Whether process PID has exited (a zombie waiting for init has)."""
    try:
        stat = pathlib.Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


class RunBesideTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.path = pathlib.Path(self.dir.name)
        for fifo in ("never", "started", "done"):
            os.mkfifo(self.path / fifo)

    def run_beside(self, beside, main):
        log = self.path / "beside.log"
        run = subprocess.run(
            ["bash", str(RUNNER), str(log), "sh", "-c", beside, "--", "sh", "-c", main],
            cwd=self.path, capture_output=True, text=True, timeout=60)
        return run.returncode, run.stdout + run.stderr

    def test_both_passing_pass_and_the_beside_output_follows_the_main_output(self):
        code, output = self.run_beside("cat done > /dev/null; echo 'no findings'",
                                       "echo 'tests passed'; echo over > done")
        self.assertEqual(code, 0, output)
        self.assertIn("tests passed", output)
        self.assertIn("no findings", output)
        self.assertLess(output.index("tests passed"), output.index("no findings"))

    def test_a_beside_failure_after_the_main_passed_fails_the_run_with_its_output(self):
        code, output = self.run_beside("cat done > /dev/null; echo 'finding: x.cc:3'; exit 3",
                                       "echo 'tests passed'; echo over > done")
        self.assertEqual(code, 3, output)
        self.assertIn("finding: x.cc:3", output)

    def test_a_beside_failure_stops_the_main_side_and_shows_why(self):
        code, output = self.run_beside("cat started > /dev/null; echo 'finding: y.cc:7'; exit 4",
                                       FOREVER)
        self.assertEqual(code, 4, output)
        self.assertIn("finding: y.cc:7", output)
        self.assertIn("failed; stopping", output)
        self.assertTrue(ended(int((self.path / "child").read_text())), "the main side still runs")

    def test_a_main_failure_stops_the_beside_side(self):
        code, output = self.run_beside(FOREVER,
                                       "cat started > /dev/null; echo 'a test broke'; exit 5")
        self.assertEqual(code, 5, output)
        self.assertIn("a test broke", output)
        self.assertIn("(exit status 5); stopping", output)
        self.assertTrue(ended(int((self.path / "child").read_text())), "the beside side still runs")

    def test_a_command_missing_either_side_is_refused(self):
        run = subprocess.run(["bash", str(RUNNER), str(self.path / "log"), "true"],
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(run.returncode, 2)
        self.assertIn("usage:", run.stderr)


if __name__ == "__main__":
    unittest.main()
