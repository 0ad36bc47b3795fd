"""`python -m netfiles`: the `netfiles` command, without importing modules from the current folder.

`python -m` puts the current folder first on `sys.path`. Run inside a vault, a
`pluggy.py` or `click.py` lying there (a file that came with a git pull) would
be imported instead of the real library and run unseen. The documented
command, the `netfiles` script, never has that entry; this drops it before
anything else is imported. Only that entry goes: `-P`/PYTHONSAFEPATH adds none,
and PYTHONPATH entries come after it.
"""
import os
import sys


def _drop_current_folder_entry() -> None:
    if getattr(sys.flags, "safe_path", False) or not sys.path:  # safe_path (-P) is new in Python 3.11
        return
    try:
        cwd = os.getcwd()
    except OSError:  # the current folder was deleted: `-m` put "" or its old path first
        cwd = None
    first = sys.path[0]
    if first == "" or (cwd is not None and os.path.abspath(first) == cwd):
        del sys.path[0]


def main() -> None:
    """The `netfiles` script's entry point (pyproject names this module); the CLI is imported only now."""
    from netfiles.cli.main import main as run

    run()


if __name__ == "__main__":
    _drop_current_folder_entry()
    main()
