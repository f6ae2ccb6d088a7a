"""Hook specifications: the ``copydesk_*`` hooks a plugin may implement.

Hooks hand the core objects (scorers, reporters); the core owns every loop and calls
those objects itself, one at a time, so it can time them and isolate their failures.
"""

from __future__ import annotations

import pluggy
from copydesk.models import Reporter, Scorer

PROJECT = "copydesk"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def copydesk_scorers() -> list[Scorer]:
    """Return the scorers this plugin provides.

    Called once per run, after every plugin is registered. Each scorer's rule codes
    must be unique across all plugins and share the scorer's prefix.

    :returns: a list of :class:`copydesk.Scorer` objects (may be empty).
    """
    raise NotImplementedError


@hookspec
def copydesk_reporters() -> list[Reporter]:
    """Return the output formats this plugin provides.

    Called once per run; each reporter's ``name`` is what ``--format`` accepts, and
    must be unique across all plugins.

    :returns: a list of :class:`copydesk.Reporter` objects (may be empty).
    """
    raise NotImplementedError
