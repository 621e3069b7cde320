"""A kernel killed (SIGKILL) at a random point loses no finished turn, and the turn that
was current comes back as current: 10 runs, each killed after a random number of turns
plus a random moment of the next turn (within the time a turn takes: planning, drawing,
checking, or between the files it saves).

Starting Python and importing the package for each run would take most of the test's time,
so one helper process imports it once and forks a fresh child per run; the child is the
"kernel" that is killed. The runs are seeded (the same each time); set
``IMAGECHAT_CRASH_RANDOM=1`` for fresh random points.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import random
import select
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from jupyter_imagechat import ImageChat

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")

RUNS = 10
SIZE = 128

HELPER = textwrap.dedent(
    """
    import hashlib, os, signal, sys
    import numpy as np
    from jupyter_imagechat import ImageChat
    from jupyter_imagechat.errors import InputError

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed children are reaped at once
    PROMPTS = ["three red apples left of a blue bowl", "make the bowl green", "a cat",
               "add two more apples", "make the apples purple", "a dog", "remove the cat",
               "make the bowl blue"]

    def session(root):
        chat = ImageChat(size=%(size)d, autosave=root, session="crash")
        i = 0
        while True:  # until killed
            prompt = PROMPTS[i %% len(PROMPTS)]
            mask = None
            if prompt in ("a cat", "a dog"):
                mask = np.zeros((%(size)d, %(size)d), bool)
                mask[(i * 7) %% 60:(i * 7) %% 60 + 50, 10:70] = True
            if i == 2 and len(chat.history) == 2:
                chat.checkout("t1")  # a branch, early: later turns make the head
            i += 1
            try:
                turn = chat.send(prompt, mask=mask, seed=i)
            except InputError:  # a question ("change this picture or a new one?")
                continue
            digest = hashlib.sha256(np.asarray(turn.image).tobytes()).hexdigest()
            print("DONE", turn.id, digest, flush=True)

    print("READY", flush=True)
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                session(line.strip())
            finally:
                os._exit(1)
        print("CHILD", pid, flush=True)
    """
)


def digest(image) -> str:
    return hashlib.sha256(np.asarray(image).tobytes()).hexdigest()


class Lines:
    """The helper's output, line by line, read from its pipe without Python's buffering
    (a buffered reader would hide lines from ``select``)."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc, self.fd, self.pending = proc, proc.stdout.fileno(), b""

    def next(self, timeout: float) -> str | None:
        """The next line, or ``None`` when none comes within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise AssertionError(f"the helper ended: {self.proc.stderr.read()}")
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return line.decode().strip()

    def wait(self, timeout: float = 60) -> str:
        line = self.next(timeout)
        assert line is not None, "the helper did not answer in time"
        return line


def test_sigkill_at_random_points_loses_no_finished_turn_and_keeps_the_head(tmp_path):
    script = tmp_path / "helper.py"
    script.write_text(HELPER % {"size": SIZE})
    chooser = random.Random(None if os.environ.get("IMAGECHAT_CRASH_RANDOM") == "1" else 16)
    proc = subprocess.Popen(
        [sys.executable, str(script)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines = Lines(proc)
    try:
        assert lines.wait(120) == "READY"
        for run in range(RUNS):
            root = tmp_path / f"run{run}"
            proc.stdin.write(f"{root}\n")
            proc.stdin.flush()
            word, child = lines.wait().split()
            assert word == "CHILD"
            wanted = chooser.randint(3, 7)  # finished turns before the kill...
            done: dict[str, str] = {}
            times: list[float] = []
            while len(done) < wanted:
                _, tid, sha = lines.wait().split()
                done[tid] = sha
                times.append(time.monotonic())
            turn_time = min(b - a for a, b in itertools.pairwise(times))
            time.sleep(chooser.uniform(0.0, turn_time))  # ...then anywhere in the next turn
            os.kill(int(child), signal.SIGKILL)
            while (line := lines.next(0.3)) is not None:  # finished before the kill
                _, tid, sha = line.split()
                done[tid] = sha

            chat = ImageChat.restore("crash", root=root)
            try:
                ids = [t.id for t in chat.history]
                assert ids[: len(done)] == list(done), f"run {run}: lost a finished turn"
                assert len(ids) <= len(done) + 1, f"run {run}: a turn from nowhere"
                for turn in chat.history:  # every restored turn is whole
                    if turn.id in done:
                        assert digest(turn.image) == done[turn.id]
                    turn.image  # noqa: B018
                newest = max(ids, key=lambda t: int(t[1:]))
                assert chat.history.head.id == newest, f"run {run}: {newest} is not current"
                assert chat.history["t3"].parent == "t1"  # the branch survived
            finally:
                chat.close()
    finally:
        proc.kill()
        proc.wait(10)
