"""Plugin failures as values: a hook implementation that raises becomes NF001 and the others still run.

Hooks are ordinary pluggy calls (`pm.hook.netfiles_...(...)`), so plugins may
use `wrapper=True`, `firstresult` specs and hook tracing. Two pieces keep a
crash from stopping the command:

- each plain implementation is guarded when it is registered: it runs inside
  a `try` (iterables drained there, so a generator failing half-way is caught),
  and a failure is recorded and counts as "no result", so pluggy goes on with
  the next implementation (for a `firstresult` hook, the next one answers);
- netfiles' own outermost `wrapper=True` implementation of every netfiles hook
  catches what plugins' wrappers raise, records it against the plugin whose
  code raised, and returns an empty result.

Failures go to the sink of the running `call_hook` or, for a direct
`pm.hook` call, to the manager's `hook_diagnostics`.
"""
from __future__ import annotations

import contextvars
import functools
import inspect
from pathlib import Path
from typing import Any, Callable

import pluggy

from ..model.diagnostics import Diagnostic

#: (sink, path) of the running `call_hook`, or None for a direct `pm.hook` call.
_SINK: contextvars.ContextVar[tuple[list[Diagnostic], str] | None] = contextvars.ContextVar("netfiles_hook_sink",
                                                                                             default=None)


def describe(exc: BaseException) -> str:
    import traceback  # only when a plugin failed: every command pays for an import at the top

    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


def crash_diagnostic(plugin: str, hook: str, exc: BaseException, path: str = ".", line: int = 0) -> Diagnostic:
    """NF001: the plugin's failure as a value, naming the plugin, the hook and where it raised."""
    return Diagnostic.core(path, line, 0, "NF001", f"plugin {plugin!r} failed in {hook}: {describe(exc)}")


def record(pm: pluggy.PluginManager, plugin: str, hook: str, exc: BaseException) -> None:
    current = _SINK.get()
    sink, path = current if current is not None else (getattr(pm, "hook_diagnostics", []), ".")
    sink.append(crash_diagnostic(plugin, hook, exc, path=path))


def _drained(result: Any) -> Any:
    if result is not None and not isinstance(result, (str, bytes, dict)) and hasattr(result, "__iter__"):
        return list(result)
    return result


def _guarded(pm: pluggy.PluginManager, plugin: str, hook: str, function: Callable) -> Callable:
    @functools.wraps(function)
    def guarded(*args, **kwargs):
        try:
            return _drained(function(*args, **kwargs))
        except (Exception, SystemExit) as exc:  # a broken plugin must not stop netfiles
            record(pm, plugin, hook, exc)
            return None

    guarded.netfiles_guarded = True  # type: ignore[attr-defined]
    return guarded


def guard_plugin(pm: pluggy.PluginManager, plugin: object) -> None:
    """Guard the plain (non-wrapper) hook implementations of a just-registered plugin."""
    for caller in pm.get_hookcallers(plugin) or []:
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin and not (impl.wrapper or impl.hookwrapper) \
                    and not getattr(impl.function, "netfiles_guarded", False):
                # pluggy marks `function` Final, but replacing it is how an implementation gets guarded without
                # touching the plugin's own module; HookImpl reads it on every call
                impl.function = _guarded(  # type: ignore[misc]
                    pm, impl.plugin_name, caller.name, impl.function)


def culprit(pm: pluggy.PluginManager, hook: str, exc: BaseException) -> str:
    """The plugin whose hook code raised `exc` (the innermost of its frames), else "unknown"."""
    caller = getattr(pm.hook, hook, None)
    owners = {getattr(impl.function, "__code__", None): impl.plugin_name
              for impl in (caller.get_hookimpls() if caller is not None else [])
              if not getattr(impl.function, "netfiles_guarded", False)}
    import traceback

    name = "unknown"
    for frame, _line in traceback.walk_tb(exc.__traceback__):
        name = owners.get(frame.f_code, name)
    return name


def firstresult(pm: pluggy.PluginManager, hook: str) -> bool:
    caller = getattr(pm.hook, hook, None)
    return bool(caller is not None and caller.spec is not None and caller.spec.opts.get("firstresult"))


def outer_wrapper_plugin(pm: pluggy.PluginManager, specs: object) -> object:
    """netfiles' own plugin: an outermost `wrapper=True` implementation of each hook in `specs`."""
    hookimpl = pluggy.HookimplMarker(pm.project_name)
    names = [name for name, _ in inspect.getmembers(specs, inspect.isfunction) if name.startswith("netfiles_")]
    return type("NetfilesHookGuard", (), {name: hookimpl(wrapper=True, tryfirst=True)(_wrapper(pm, name))
                                          for name in names})()


def _wrapper(pm: pluggy.PluginManager, hook: str) -> Callable:
    def wrapper(self):
        try:
            return (yield)
        except (Exception, SystemExit) as exc:  # raised by a plugin's wrapper inside this one
            record(pm, culprit(pm, hook, exc), hook, exc)
            return None if firstresult(pm, hook) else []

    wrapper.__name__ = hook
    return wrapper


def call_hook(pm: pluggy.PluginManager, name: str, sink: list[Diagnostic], path: str = ".", **kwargs) -> Any:
    """`pm.hook.<name>(**kwargs)`, with every plugin failure during the call added to `sink` as NF001 at `path`.

    Returns what pluggy returns: the list of non-None results (iterables drained
    to lists), or one value for a `firstresult` hook. Plugins' own `wrapper=True`
    hooks and hook tracing work as with any pluggy call.
    """
    token = _SINK.set((sink, path))
    try:
        return getattr(pm.hook, name)(**kwargs)
    except (Exception, SystemExit) as exc:  # raised by a plugin's wrapper outside netfiles' own
        sink.append(crash_diagnostic(culprit(pm, name, exc), name, exc, path=path))
        return None if firstresult(pm, name) else []
    finally:
        _SINK.reset(token)
