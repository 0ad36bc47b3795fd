"""Read a pseudo-terminal until some text appears (tests of interactive prompts and terminal output)."""
from __future__ import annotations

import os


def read_terminal(fd: int, needle: bytes, timeout: float = 60.0, already: bytes = b"") -> bytes:
    """Read a pseudo-terminal until `needle` is in `already` plus what is read; returns both, `already` first.

    Uses poll, not select: a long test run can hold file descriptors above select's limit of 1024.
    """
    import select
    import time

    output, deadline = already, time.monotonic() + timeout
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    while needle not in output:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"timed out waiting for {needle!r}; the screen so far ends {output[-500:]!r}")
        if poller.poll(min(left, 1.0) * 1000):
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
    return output
