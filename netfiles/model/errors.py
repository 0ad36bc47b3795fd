"""The library's exceptions: what netfiles raises for expected failures, whoever calls it.

The library never raises click exceptions. The command line (netfiles.cli.main)
turns a `NetfilesError` into `Error: MESSAGE` on stderr and its `exit_code`
(1, or 2 for a usage or configuration problem, as `netfiles check` documents
in docs/format.md, section 5); scripts and plugins catch them as ordinary
exceptions. A plugin command may raise them too and gets the same exits.
"""
from __future__ import annotations


class NetfilesError(Exception):
    """A clear, expected failure (bad input, unknown name): a message, and exit status 1 on the command line."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageProblem(NetfilesError):
    """A usage or configuration problem (no vault here, a file that cannot be written): exit status 2."""

    exit_code = 2


class SettingError(UsageProblem):
    """A value in `.netfiles/config.toml` that netfiles cannot use; the message names the file and the key."""


class InvalidValue(NetfilesError):
    """A value given for a contact (an email, a cadence, a folder) that netfiles would not write."""


class DuplicateContact(NetfilesError):
    """The person already has a file: an email or LinkedIn profile given belongs to `owner` (vault-relative)."""

    def __init__(self, message: str, owner: str):
        super().__init__(message)
        self.owner = owner
