"""Where reports go: the requested outputs, their writers, and files written atomically.

A report file is never left half-written: it is written to a temporary sibling and
renamed into place when the run is done (:func:`atomic_writer`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import io
import os
import stat
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from copydesk.errors import UsageError, WriteError, describe, plugins_fault
from copydesk.manager import PluginInfo, PluginSet
from copydesk.models import ArticleReport, ReportWriter, RunInfo, RunSummary
from copydesk.safety import shown

STDOUT = "-"
#: Paths that name the process's own standard output: the report goes to the stream kept
#: for it (while plugin code runs, descriptor 1 itself points at standard error: see
#: :func:`copydesk.pipes.report_only`), as for ``-``.
STDOUT_PATHS = frozenset({STDOUT, "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


#: What ends a path that names a folder (``out/``), on this system.
_SEPARATORS = tuple(sep for sep in (os.sep, os.altsep) if sep)


def _guess(name: str, known: Iterable[str]) -> str:
    """``; did you mean 'json'?`` for a format name that is another's in another case, or a letter or two off."""
    names = sorted(known)
    cased = [k for k in names if k.casefold() == name.strip().casefold()]
    close = cased or difflib.get_close_matches(name.strip().casefold(), names, n=1, cutoff=0.75)
    return f"; did you mean {shown(close[0])}?" if close else ""


@dataclass(frozen=True)
class Output:
    """One requested output: a format name and a path (``-`` for standard output)."""

    format: str
    path: str = STDOUT


def check_target(path: str) -> None:
    """Refuse an output path that cannot take a report, before anything is scored."""
    if not path:
        raise UsageError("an output file name is empty")
    if os.path.isdir(path):
        raise UsageError(f"{path}: is a directory, not a file to write the report to")
    if path.endswith(_SEPARATORS) or os.path.basename(path) in (".", ".."):
        # 'out/' names a folder: resolved, it would be a file 'out' (or the file 'a.json' of 'a.json/')
        raise UsageError(f"{path}: names a folder, not a file to write the report to")
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        pass  # a new file, or a folder missing on the way: said below
    except OSError as exc:  # a link loop, a name too long: the path, not copydesk, is at fault
        raise WriteError(path, exc) from None
    folder = Path(os.path.realpath(path)).parent
    if os.path.islink(path) and not folder.exists():  # a dangling link: the folder it points into is missing
        raise UsageError(f"{path}: a link to {os.readlink(path)}, whose folder {folder} does not exist")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{path}: {Path(path).parent} is a file, not a folder to write the report in")
    if not folder.is_dir():
        given = Path(path).parent
        for above in given.parents:  # a file higher up ("story.txt/sub/r.json") is the cause, not a missing folder
            if above.exists():
                if not above.is_dir():
                    raise UsageError(f"{path}: {above} is a file, not a folder to write the report in")
                break
        raise UsageError(f"{path}: folder {given} does not exist")


class _Target(io.TextIOWrapper):
    """A report stream whose write failures name the report's path (a broken pipe stays a broken pipe)."""

    #: :meth:`write_encoded` writes bytes as :meth:`write` would encode the text.
    encoded_utf8 = True

    def __init__(self, fd: int, path: str) -> None:
        super().__init__(io.FileIO(fd, "w"), encoding="utf-8", newline="\n")
        self.path = path

    def write(self, text: str) -> int:
        with _naming(self.path):
            return super().write(text)

    def write_encoded(self, data: bytes) -> None:
        """Write ``data``, text already encoded as :meth:`write` would encode it (UTF-8), after any text written before it.

        What a worker rendered and encoded (:attr:`Renderer`'s ``encoded`` writers) goes
        to the file as it is: this process neither decodes it from the worker's message
        nor encodes it again.
        """
        with _naming(self.path):
            super().flush()
            raw: Any = self.buffer  # the FileIO under this wrapper: a short write goes on from where it stopped
            view = memoryview(data)
            while view:
                view = view[raw.write(view) :]

    def flush(self) -> None:
        with _naming(self.path):
            super().flush()

    def close(self) -> None:
        with _naming(self.path):
            super().close()


def is_report_file(stream: object) -> bool:
    """Whether ``stream`` is a report file copydesk opened (``-o FILE``, ``-f FORMAT:FILE``), not standard output."""
    return isinstance(stream, _Target)


@contextlib.contextmanager
def _naming(path: str) -> Iterator[None]:
    """Turn the system's refusal to write ``path`` into a :class:`WriteError` (a reader going away excepted)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise WriteError(path, exc) from None


@contextlib.contextmanager
def atomic_writer(path: str) -> Iterator[TextIO]:
    """Write a file via a temporary sibling renamed into place: never half a file.

    A symbolic link is written through (its target is replaced, the link stays); a
    path that is not a regular file (``/dev/null``, a FIFO, ``/dev/stdout`` on a pipe)
    is written directly, since a device or pipe cannot be replaced by a rename. The new
    file gets the permissions a plain ``open`` would give it (``0o666`` less the umask),
    or those of the file it replaces. A target that cannot be written (read-only, full,
    no permission) is a :class:`WriteError` naming ``path``; the temporary file is removed.
    """
    check_target(path)
    if _is_special(path):
        with _naming(path):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        with _Target(fd, path) as direct:
            yield direct
        return
    target = Path(os.path.realpath(path))
    with _naming(path):
        fd, tmp = _sibling(path, target)
    try:
        with _naming(path):
            os.fchmod(fd, _file_mode(target))
        with _Target(fd, path) as handle:
            yield handle
            handle.flush()
            with _naming(path):
                os.fsync(handle.fileno())
        with _naming(path):
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _sibling(path: str, target: Path) -> tuple[int, str]:
    """Create the temporary file beside ``target``: its descriptor and name.

    A folder that exists but takes no new file (``/proc``, ``/sys``: the kernel answers
    "no such file") is named as the cause, not left to read as a missing path.
    """
    try:
        return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except FileNotFoundError as exc:
        if target.parent.is_dir():
            # the folder as given ("/proc/self", not "/proc/4242"), unless the path is a link to elsewhere
            shown = target.parent if os.path.islink(path) else Path(path).parent
            raise WriteError(path, exc, f"its folder {shown} takes no new file") from None
        raise


def _is_special(path: str) -> bool:
    """Whether ``path`` (its symbolic links followed) exists and is not a regular file: a device, FIFO or pipe.

    The path as given is stat-ed, not its ``realpath``: ``/dev/stdout`` on a pipe resolves to
    ``/proc/PID/fd/pipe:[N]``, which is no path at all.
    """
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False


def _file_mode(target: Path) -> int:
    """The mode a report file should get: the replaced file's, else ``0o666`` less the umask."""
    with contextlib.suppress(FileNotFoundError):
        return target.stat().st_mode & 0o7777
    umask = os.umask(0o22)
    os.umask(umask)
    return 0o666 & ~umask


class RenderFailed(Exception):
    """A writer's ``render`` failed in a worker: ``label`` names its format and plugin, ``why`` what happened."""

    def __init__(self, label: str, why: str) -> None:
        super().__init__(f"{label} failed in render: {why}")
        self.label, self.why = label, why


@dataclass(frozen=True)
class Renderer:
    """Each writer's text for a report (:meth:`Outputs.renderer`); only the formats that want it get the body."""

    text_writers: tuple[ReportWriter, ...]
    writers: tuple[ReportWriter, ...]
    #: Each writer's format and plugin, for a message (text writers first).
    labels: tuple[str, ...] = ()

    def __call__(self, report: ArticleReport) -> tuple[str | bytes, ...]:
        """The pieces; a :class:`RenderFailed` naming the writer whose ``render`` raised (``sys.exit()`` too).

        The text of a writer whose ``encoded`` attribute is true comes UTF-8-encoded (its
        ``add_rendered`` takes bytes too): the main process then neither decodes it from
        the worker's message nor encodes it to write it. Text that UTF-8 cannot encode (a
        lone surrogate) stays text, and fails where it did.
        """
        lean = dataclasses.replace(report, text="") if report.text and self.writers else report
        jobs = [(w, report) for w in self.text_writers] + [(w, lean) for w in self.writers]
        pieces: list[str | bytes] = []
        for place, (writer, given) in enumerate(jobs):
            try:
                piece = writer.render(given)  # type: ignore[attr-defined]
            except BaseException as exc:  # isolation point: plugin (a report writer's render, in a worker)
                if not plugins_fault(exc):
                    raise
                label = self.labels[place] if place < len(self.labels) else "a report format"
                raise RenderFailed(label, describe(exc)) from None
            if type(piece) is str and getattr(writer, "encoded", False) is True:
                with contextlib.suppress(UnicodeEncodeError):
                    piece = piece.encode("utf-8")
            pieces.append(piece)
        return tuple(pieces)

    @property
    def culprits(self) -> str:
        """The formats that render, for a message naming them."""
        return ", ".join(self.labels) or "the report formats"


def label(format: str, info: PluginInfo) -> str:
    """A format and the plugin that provides it, for a message."""
    return f"format {shown(format)} of plugin {shown(info.name)} ({info.distribution} {info.version})"


class Outputs:
    """The open report writers of a run, each on its own (atomic) stream.

    A writer is a plugin's code: one that raises (or calls ``sys.exit()``) in ``open``,
    ``add`` or ``close`` fails alone. One error line names its format and plugin, its
    report is not written (an earlier file is kept), the other reports are written, and
    the run exits 3 (:attr:`failures`).
    """

    def __init__(
        self,
        outputs: Sequence[Output],
        plugins: PluginSet,
        info: RunInfo,
        stdout: TextIO,
        stderr: Callable[[str], None] | None = None,
    ) -> None:
        """Open a writer per requested output: UsageError for an unknown format, WriteError for a target that cannot be written."""
        unknown = [o.format for o in outputs if o.format not in plugins.reporters]
        if unknown:
            known = ", ".join(sorted(plugins.reporters))
            raise UsageError(
                f"unknown format {shown(unknown[0])}{_guess(unknown[0], plugins.reporters)} (available: {known})"
            )
        self.stack = contextlib.ExitStack()
        self.stdout = stdout
        self.stderr = stderr
        self.to_stdout = any(o.path in STDOUT_PATHS for o in outputs)
        #: Writers fed reports without the article body (extra writers may be appended).
        self.writers: list[ReportWriter] = []
        #: Writers of formats that declared ``wants_text``: fed the body too.
        self.text_writers: list[ReportWriter] = []
        #: The error line of each writer that failed (the run exits 3).
        self.failures: list[str] = []
        self._labels: dict[int, str] = {}
        self._plugins: dict[int, str] = {}
        self._own: dict[int, contextlib.ExitStack] = {}
        self._dead: set[int] = set()
        self._unrendered: Counter[str] = Counter()
        try:
            for o in outputs:
                self._open(o, plugins, info)
        except BaseException:  # a target that cannot be written: no other output's temporary file stays behind
            self.abort()
            raise

    def _open(self, output: Output, plugins: PluginSet, info: RunInfo) -> None:
        """Open one output's stream and writer; a writer that fails to open is that format's failure."""
        own = self.stack.enter_context(contextlib.ExitStack())
        stream = self.stdout if output.path in STDOUT_PATHS else own.enter_context(atomic_writer(output.path))
        owner, reporter = plugins.reporters[output.format]
        name = label(output.format, owner)
        try:
            writer = reporter.open(stream, info)
        except BaseException as exc:  # isolation point: plugin (a report writer's open)
            if not plugins_fault(exc):
                raise
            self._failed(name, owner.name, own, "open", exc)
            return
        self._labels[id(writer)], self._plugins[id(writer)], self._own[id(writer)] = name, owner.name, own
        (self.text_writers if reporter.wants_text else self.writers).append(writer)

    def _failed(self, name: str, plugin: str, own: contextlib.ExitStack | None, step: str, exc: BaseException) -> None:
        """Say that a writer failed; drop its temporary file (an earlier report file stays)."""
        if own is not None:
            own.__exit__(RuntimeError, RuntimeError("its writer failed"), None)
        message = f"{name} failed in {step}: {describe(exc)}; its report was not written"
        if plugin:
            message += f"; run with --disable {plugin} to go on without it"
        self.failures.append(message)
        if self.stderr is not None:
            self.stderr(f"copydesk: error: {message}")

    def _call(self, writer: ReportWriter, step: str, action: Callable[[], object]) -> None:
        """Call one writer's ``step``, unless it failed before; a failure of its own is that writer's alone."""
        if id(writer) in self._dead:
            return
        try:
            action()
        except BaseException as exc:  # isolation point: plugin (a report writer)
            if not plugins_fault(exc):
                raise
            self._dead.add(id(writer))
            name, plugin = self._labels.get(id(writer), "a report writer"), self._plugins.get(id(writer), "")
            self._failed(name, plugin, self._own.get(id(writer)), step, exc)

    def add(self, report: ArticleReport) -> None:
        """Hand a report to every writer; only the formats that want it get the body."""
        for writer in self.text_writers:
            self._call(writer, "add", lambda w=writer: w.add(report))  # type: ignore[misc]
        lean = dataclasses.replace(report, text="") if report.text and self.writers else report
        for writer in self.writers:
            self._call(writer, "add", lambda w=writer: w.add(lean))  # type: ignore[misc]

    def renderer(self) -> Renderer | None:
        """A function giving each writer's text for a report, to run in a worker process; None unless every writer renders.

        A writer renders when it has ``render(report) -> str`` (what ``add`` would write
        or keep, a pure function of the report) and ``add_rendered(text)``: the workers
        then serialise the reports, and the main process only writes (or keeps) the text
        in input order (:meth:`add_rendered`). Called once the writers are all open,
        before the workers are forked. The function pickles (for a cluster's workers)
        when every writer does (the built-in ones leave their stream behind).
        """
        text_writers, writers = tuple(self.text_writers), tuple(self.writers)
        every = (*text_writers, *writers)
        if not every or not all(callable(getattr(w, "render", None)) for w in every):
            return None
        return Renderer(text_writers, writers, tuple(self._labels.get(id(w), "a report writer") for w in every))

    def add_rendered(self, pieces: Sequence[str | bytes]) -> None:
        """Hand each writer the text :meth:`renderer`'s function gave it for one report (in input order)."""
        for writer, piece in zip((*self.text_writers, *self.writers), pieces, strict=True):
            self._call(writer, "add_rendered", lambda w=writer, p=piece: w.add_rendered(p))  # type: ignore[misc]

    def unrendered(self, pieces: tuple[str | bytes, ...] | str | None) -> tuple[str | bytes, ...] | None:
        """``pieces``, or None when (a str) a worker could not render the report: warned once per run, counted.

        The report then came back whole and is written through the writers' ``add``.
        """
        if not isinstance(pieces, str):
            return pieces
        if not self._unrendered and self.stderr is not None:
            self.stderr(f"copydesk: warning: {pieces}; such reports are written through add() instead")
        self._unrendered[pieces.split(" failed in render:", 1)[0]] += 1
        return None

    def abort(self) -> None:
        """Give up: remove every temporary file, keep the files the outputs would have replaced."""
        self.stack.__exit__(RuntimeError, RuntimeError("run aborted"), None)

    def close(self, summary: RunSummary) -> None:
        """Close every writer, then move the files into place (a writer that failed leaves its file as it was)."""
        with self.stack:
            for writer in (*self.writers, *self.text_writers):
                self._call(writer, "close", lambda w=writer: w.close(summary))  # type: ignore[misc]
            for name, count in self._unrendered.items():
                if self.stderr is not None and count > 1:
                    self.stderr(f"copydesk: warning: {name} failed in render on {count:,} reports in all")
            if self.to_stdout:
                self.stdout.flush()  # a full disk under standard output fails the run here, as under a file
