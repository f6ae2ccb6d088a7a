"""copydesk.distributions answers as importlib.metadata does, without importing it where it can."""

from __future__ import annotations

import importlib.metadata
import sys
import zipfile
from pathlib import Path

import pytest
from copydesk import distributions

#: Each test reads as a session without the importlib_metadata backport's finder would.
pytestmark = pytest.mark.usefixtures("standard_distribution_finders")

#: Metadata folders in two sys.path entries: (entry, metadata folder, METADATA text or None, entry_points.txt or None).
PLAIN = [
    (
        "a",
        "alpha-1.0.dist-info",
        "Name: Alpha\nVersion: 1.0\n\nbody",
        "[copydesk]\nzed = alpha.z\nalp = alpha:plugin\n",
    ),
    (
        "a",
        "beta_pkg-2.0.dist-info",
        "Metadata-Version: 2.1\nName: beta.pkg\nVersion: 2.0\n",
        "# c\n[other]\nx = y\n\n[copydesk]\n  b = beta.mod [extra] \n",
    ),
    ("a", "gamma-0.1.egg-info", None, "[copydesk]\ng = gamma\n"),
    ("b", "Alpha-9.0.dist-info", "Name: Alpha\nVersion: 9.0\n", "[copydesk]\nshadowed = alpha.nine\n"),
    ("b", "delta-3.dist-info", "Name:\nVersion: 3\n", "stray = line before any section\n[copydesk]\nd=delta\n"),
    ("b", "epsilon-1.dist-info", "Name: epsilon\nVersion: 1\n", None),
]
PKG_INFO = {"gamma-0.1.egg-info": "Name: gamma\nVersion: 0.1\n"}


def _site(tmp_path: Path, rows: list[tuple[str, str, str | None, str | None]]) -> list[str]:
    roots: dict[str, str] = {}
    for entry, folder, metadata, points in rows:
        where = tmp_path / entry / folder
        where.mkdir(parents=True)
        roots.setdefault(entry, str(tmp_path / entry))
        if metadata is not None:
            (where / "METADATA").write_text(metadata)
        if folder in PKG_INFO:
            (where / "PKG-INFO").write_text(PKG_INFO[folder])
        if points is not None:
            (where / "entry_points.txt").write_text(points)
    return list(roots.values())


def _standard(group: str) -> list[tuple[str, str, str, str]]:
    found = importlib.metadata.entry_points(group=group)
    return [(ep.name, ep.value, ep.dist.metadata["Name"] or "unknown", ep.dist.metadata["Version"]) for ep in found]  # type: ignore[union-attr]


def _ours(group: str) -> list[tuple[str, str, str, str]]:
    return [(ep.name, ep.value, ep.distribution, ep.version) for ep in distributions.entry_points(group)]


@pytest.mark.parametrize(
    ("rows", "extra"),
    [
        (PLAIN, []),
        (PLAIN[::-1], []),
        ([*PLAIN, ("b", "zeta-1.dist-info", "Name: zeta\nVersion:\n 1\n", "[copydesk]\nz = zeta\n")], []),  # folded
        ([*PLAIN, ("b", "eta-1.dist-info", "Name: eta\n", "[copydesk]\ne = eta\n")], []),  # no Version: None
        ([*PLAIN, ("b", "theta-1.dist-info", "Name: theta\nVersion: 1\n", "[copydesk]\nno equals\n")], []),
        (PLAIN, ["zip"]),
    ],
    ids=["plain", "reversed", "folded-version", "no-version", "line-without-equals", "zip-on-path"],
)
def test_entry_points_and_versions_are_importlib_metadatas(
    rows: list[tuple[str, str, str | None, str | None]],
    extra: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same points, order, distribution names and versions; the same error for a line importlib rejects (TypeError)."""
    path = _site(tmp_path, rows)
    if "zip" in extra:
        archive = tmp_path / "z.zip"
        with zipfile.ZipFile(archive, "w") as z:
            z.writestr("iota-1.dist-info/METADATA", "Name: iota\nVersion: 1\n")
            z.writestr("iota-1.dist-info/entry_points.txt", "[copydesk]\ni = iota\n")
        path.append(str(archive))
    monkeypatch.setattr(sys, "path", path)
    importlib.invalidate_caches()
    try:
        expected: object = _standard("copydesk")
    except (TypeError, ValueError) as exc:
        expected = type(exc)
    try:
        got: object = _ours("copydesk")
    except (TypeError, ValueError) as exc:
        got = type(exc)
    assert got == expected and expected
    for name in ("alpha", "Beta.Pkg", "gamma", "epsilon"):
        assert distributions.version(name) == importlib.metadata.version(name)
    with pytest.raises(LookupError):
        distributions.version("missing")


def test_a_distributions_metadata_is_read_once_for_all_its_points(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Alpha's two points share one read of its METADATA."""
    monkeypatch.setattr(sys, "path", _site(tmp_path, PLAIN))
    reads: list[str] = []
    read = distributions._read

    def counted(folder: str, name: str) -> str | None:
        reads.append(f"{Path(folder).name}/{name}")
        return read(folder, name)

    monkeypatch.setattr(distributions, "_read", counted)
    assert [ep.name for ep in distributions.entry_points("copydesk")][:2] == ["zed", "alp"]
    assert reads.count("alpha-1.0.dist-info/METADATA") == 1
    assert not any(r.startswith("Alpha-9.0") for r in reads)  # shadowed by the first alpha on the path
