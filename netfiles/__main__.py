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


_ENDED: list[SystemExit] = []  # how the command ended, once it has (see `_end_without_freeing`)


def main() -> None:
    """The `netfiles` script's entry point (pyproject names this module); the CLI is imported only now.

    Code that wants the command in its own process calls `netfiles.main()`, not this: this one ends the
    process its own way when it exits (`_end_without_freeing`).
    """
    import atexit

    atexit.register(_end_without_freeing)  # registered before anything the command loads: it runs last
    from netfiles.cli.main import main as run

    try:
        run(ending_process=True)
    except SystemExit as ended:
        _ENDED.append(ended)  # its traceback keeps the command's objects to the end (freed by the system)
        raise
    _ENDED.append(SystemExit(0))


def _end_without_freeing() -> None:
    """The last exit handler: end the process as Python would, without freeing each object the command built.

    A command on 100,000 contacts ends holding millions of small objects; freeing them one by
    one took 0.02 s of `due` at 10k and about ten times that at 100k, for memory the system
    takes back whole anyway. The other exit handlers have run (they were registered later, and
    run first), and what was printed is flushed here. After an exception other than SystemExit
    (Ctrl-C, say) nothing is changed: Python ends the process its usual way.
    """
    if not _ENDED:
        return
    code = _ENDED[0].code
    if code is not None and not isinstance(code, int):  # SystemExit("message"): Python printed it; status 1
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and not stream.closed:
                stream.flush()
        except BrokenPipeError:  # the reader went away (`netfiles ls | head`): status 1, as inside a command
            code = code or 1
    os._exit(code or 0)


if __name__ == "__main__":
    _drop_current_folder_entry()
    main()
