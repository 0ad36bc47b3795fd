"""Installed plugins are found without importlib.metadata, and exactly as importlib.metadata finds them.

The reader in `netfiles.plugin_api.entrypoints` is checked against
importlib.metadata itself (the oracle) on this environment and on folders laid
out as installers lay them out: the same entry points, in the same order, with
the same distribution names and versions. Plugins found this way load,
a broken one becomes NF001, and a second plugin with a taken name is refused,
as before.
"""
from __future__ import annotations

import sys
import tempfile
import warnings
import zipfile
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netfiles import get_plugin_manager
from netfiles.plugin_api.entrypoints import _module_and_attribute, installed_entry_points


def oracle(group: str) -> list[tuple[str, str, str, str]]:
    return [(ep.name, ep.value, ep.dist.name, ep.dist.version) for ep in entry_points(group=group)]


def found(group: str) -> list[tuple[str, str, str, str]]:
    return [(ep.name, ep.value, ep.dist_name, ep.dist_version) for ep in installed_entry_points(group)]


def dist_info(site: Path, folder: str, metadata: str | None, entry_points_txt: str | None) -> Path:
    """A distribution's metadata folder as an installer writes it."""
    path = site / folder
    path.mkdir(parents=True)
    if metadata is not None:
        (path / ("PKG-INFO" if folder.endswith(".egg-info") else "METADATA")).write_text(metadata, encoding="utf-8")
    if entry_points_txt is not None:
        (path / "entry_points.txt").write_text(entry_points_txt, encoding="utf-8")
    return path


def metadata(name: str, version: str) -> str:
    return f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: a plugin\n\nLong description: x\n"


@pytest.mark.parametrize("group", ["netfiles", "console_scripts", "pytest11"])
def test_this_environment_gives_what_importlib_metadata_gives(group):
    assert found(group) == oracle(group)


def test_netfiles_own_plugins_are_found_with_their_distribution():
    names = {(name, dist) for name, _, dist, _ in found("netfiles")}
    assert {("reminders", "netfiles"), ("health", "netfiles"), ("import", "netfiles")} <= names


def test_installer_layouts_give_what_importlib_metadata_gives(tmp_path, monkeypatch):
    first, second = tmp_path / "site-a", tmp_path / "site-b"
    # the same distribution in two folders on the path, and twice (two versions) in one folder
    dist_info(first, "netfiles_alpha-1.0.dist-info", metadata("netfiles-alpha", "1.0"),
              "[netfiles]\nalpha = netfiles_alpha\n")
    dist_info(second, "netfiles_alpha-2.0.dist-info", metadata("netfiles-alpha", "2.0"),
              "[netfiles]\nalpha = netfiles_alpha_v2\n")
    dist_info(first, "Zeta.Tools-3.1.dist-info", metadata("Zeta.Tools", "3.1"),
              "# made by hand\n\n[console_scripts]\nzeta = zeta.cli:main\n\n[netfiles]\n"
              "  zeta=zeta_plugin:Plugin  \nbeta = beta_mod [extra]\n")
    dist_info(first, "zeta_tools-0.9.dist-info", metadata("zeta-tools", "0.9"), "[netfiles]\nold = old_zeta\n")
    dist_info(first, "legacy.egg-info", metadata("legacy", "0.3"), "[netfiles]\nlegacy = legacy_plugin\n")
    dist_info(first, "no_entry_points-1.dist-info", metadata("no-entry-points", "1"), None)
    (second / "old_style-1.0.egg-info").write_text(metadata("old-style", "1.0"), encoding="utf-8")  # a file
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])

    for group in ("netfiles", "console_scripts"):
        assert found(group) == oracle(group)
    assert ("alpha", "netfiles_alpha", "netfiles-alpha", "1.0") in found("netfiles")


@pytest.mark.parametrize("layout", ["zip on the path", "folded Name header", "Name missing", "line without ="])
def test_unusual_layouts_still_give_what_importlib_metadata_gives(layout, tmp_path, monkeypatch):
    site = tmp_path / "site"
    dist_info(site, "plain-1.0.dist-info", metadata("plain", "1.0"), "[netfiles]\nplain = plain_plugin\n")
    path = [str(site)]
    if layout == "zip on the path":
        archive = tmp_path / "bundle.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            zf.writestr("zipped-2.0.dist-info/METADATA", metadata("zipped", "2.0"))
            zf.writestr("zipped-2.0.dist-info/entry_points.txt", "[netfiles]\nzipped = zipped_plugin\n")
        path.append(str(archive))
    elif layout == "folded Name header":
        dist_info(site, "folded-1.0.dist-info", "Metadata-Version: 2.1\nName: folded\n  -name\nVersion: 1.0\n\n",
                  "[netfiles]\nfolded = folded_plugin\n")
    elif layout == "Name missing":
        dist_info(site, "nameless-1.0.dist-info", "Metadata-Version: 2.1\nVersion: 1.0\n\n",
                  "[netfiles]\nnameless = nameless_plugin\n")
    else:
        dist_info(site, "broken_txt-1.0.dist-info", metadata("broken-txt", "1.0"), "[netfiles]\nno equals sign\n")
    monkeypatch.setattr(sys, "path", path)

    with warnings.catch_warnings():  # a missing Name is deprecated in importlib.metadata before Python 3.12
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            expected = oracle("netfiles")
        except Exception as exc:  # importlib.metadata fails on this layout: the reader fails the same way
            with pytest.raises(type(exc)):
                found("netfiles")
            return
        assert found("netfiles") == expected


DIST_NAMES = st.sampled_from(["netfiles-x", "netfiles_x", "Netfiles.X", "other", "Other-Tool", "third"])
EP_LINES = st.lists(st.tuples(st.sampled_from(["netfiles", "console_scripts"]), st.sampled_from(["a", "b", "x"]),
                              st.sampled_from(["mod_one", "mod.two:attr", "three:Obj.method"])), max_size=4)


@settings(derandomize=True, max_examples=40, deadline=None)
@given(st.lists(st.lists(st.tuples(DIST_NAMES, st.sampled_from(["1.0", "2.0b1"]), EP_LINES), max_size=4),
                min_size=1, max_size=3))
def test_any_set_of_folders_gives_what_importlib_metadata_gives(folders):
    """Folders of distributions (names differing only in case and punctuation, entry points in several groups)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = []
        for i, dists in enumerate(folders):
            site = Path(tmp) / f"site{i}"
            site.mkdir()
            path.append(str(site))
            for name, version, lines in dists:
                folder = f"{name.replace('-', '_')}-{version}.dist-info"
                if (site / folder).exists():
                    continue
                text = "".join(f"[{group}]\n{ep} = {value}\n" for group, ep, value in lines)
                dist_info(site, folder, metadata(name, version), text)
        saved = sys.path
        sys.path = path
        try:
            for group in ("netfiles", "console_scripts"):
                assert found(group) == oracle(group)
        finally:
            sys.path = saved


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.one_of(
    st.text(alphabet="ab_1.: [x]\u0301\u00e9-", max_size=16),
    st.from_regex(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*(:[a-zA-Z_]\w*(\.\w+)?)?", fullmatch=True)))
def test_entry_point_values_are_read_as_importlib_metadata_reads_them(value):
    """The module and attribute an entry point names, as importlib.metadata's own pattern reads them."""
    match = EntryPoint.pattern.match(value)
    assert _module_and_attribute(value) == ((match.group("module"), match.group("attr")) if match else (None, None))


# plugins found this way load as before ---------------------------------------------------------------------

GOOD = '''\
import netfiles


@netfiles.hookimpl
def netfiles_check_contact(contact):
    return []
'''


def test_installed_plugins_load_and_a_broken_one_becomes_nf001(tmp_path, monkeypatch):
    first, second = tmp_path / "site-a", tmp_path / "site-b"
    for site, dist, module, source in [
        (first, "netfiles-good", "nf_entry_good", GOOD),
        (first, "netfiles-broken", "nf_entry_broken", 'raise RuntimeError("no API key")\n'),
        (second, "netfiles-good-too", "nf_entry_good_too", GOOD),  # the same plugin name, later on the path
    ]:
        (site / module).mkdir(parents=True)
        (site / module / "__init__.py").write_text(source, encoding="utf-8")
        ep_name = "broken" if "broken" in dist else "good"
        dist_info(site, f"{dist.replace('-', '_')}-0.2.dist-info", metadata(dist, "0.2"),
                  f"[netfiles]\n{ep_name} = {module}\n")
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    try:
        pm = get_plugin_manager(None)
        infos = {(info.name, info.location): info for info in pm.infos}
        good, broken, taken = infos["good", "nf_entry_good"], infos["broken", "nf_entry_broken"], infos[
            "good", "nf_entry_good_too"]
        assert (good.status, good.source) == ("loaded", "package netfiles-good 0.2")
        assert pm.get_plugin("good") is sys.modules["nf_entry_good"]
        assert (broken.status, broken.source) == ("failed", "package netfiles-broken 0.2")
        assert [d.message for d in pm.load_diagnostics if "broken" in d.message] == [
            "plugin 'broken' failed in loading: RuntimeError: no API key (at __init__.py:1)"]
        assert taken.status == "failed" and "already named 'good'" in taken.message
        assert "nf_entry_good_too" not in sys.modules
        assert [info.name for info in pm.infos if info.source == "bundled"] == ["health", "import", "reminders"]
    finally:
        for module in ("nf_entry_good", "nf_entry_broken", "nf_entry_good_too"):
            sys.modules.pop(module, None)
