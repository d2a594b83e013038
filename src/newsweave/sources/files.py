"""Load the files and folders named on the command line, in the order given.

Folders are walked depth first in sorted name order, skipping dotfiles and
dot-folders. Sizes are checked with stat before anything is read, so a huge
file is refused without being loaded into memory. Feed files (.xml, .rss,
.atom) are read as feeds wherever they are met, named or inside a folder.
Loading files never touches the network on its own: a feed item with only a
link is skipped with a problem unless the caller passes a `read_feed` that
fetches it, as `load_sources` (and so `newsweave ingest`) does.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator, Sequence

import httpx

from newsweave.config import DEFAULT_SETTINGS, Settings
from newsweave.model import InputProblem, LoadResult, RawDocument

from .address_guard import DEFAULT_POLICY, FetchPolicy
from .feeds import FeedResult, feed_documents, parse_feed
from .formats import JSONL_EXTENSION, extension_of, is_feed_name, is_supported, load_bytes, unsupported_type_problem
from .jsonfiles import stream_jsonl
from .limits import too_large_problem

NOT_FOUND = "no such file or folder"
# What `newsweave brief` says of a feed item it cannot use without the network.
LINK_ONLY_ITEM = "the item has no text and would need fetching; ingest the feed with `newsweave ingest`"

FeedReader = Callable[[FeedResult], LoadResult]


def load_inputs(
    paths: Sequence[str | os.PathLike[str]],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    read_feed: FeedReader | None = None,
) -> LoadResult:
    """Load every article in `paths` (files or folders) and report every input that could not be used.

    Documents keep the order of `paths`, and inside a folder the sorted order of
    its files. A file reached twice (named twice, or also inside a named folder)
    is loaded once. Bad input never raises; it becomes an InputProblem.

    A feed file is parsed and handed to `read_feed`; without one, nothing is
    fetched and each item with only a link is skipped with a problem naming it.
    """
    if isinstance(paths, (str, bytes)):
        # A lone string would be read as a sequence of one-letter paths.
        raise TypeError("load_inputs takes a sequence of paths, not a single path")

    documents: list[RawDocument] = []
    problems: list[InputProblem] = []
    loaded_files: set[tuple[int, int]] = set()
    for given in paths:
        for item in _files_under(str(os.fspath(given))):
            if isinstance(item, InputProblem):
                problems.append(item)
                continue
            path, status = item
            if not (is_supported(path) or is_feed_name(path)):
                problems.append(InputProblem(path, unsupported_type_problem(path)))
                continue
            identity = (status.st_dev, status.st_ino)
            if identity in loaded_files:
                problems.append(InputProblem(path, "already loaded (reached more than once); skipped"))
                continue
            loaded_files.add(identity)
            result = _load_file(path, status, settings, read_feed or _feed_without_fetching)
            documents.extend(result.documents)
            problems.extend(result.problems)
    return LoadResult(documents=tuple(documents), problems=tuple(problems))


def load_feed_file(
    path: str,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    fetch_links: bool = True,
    allow_private: bool = False,
    client: httpx.Client | None = None,
    policy: FetchPolicy = DEFAULT_POLICY,
) -> LoadResult:
    """Load a feed saved as a file; items with only a link are fetched unless `fetch_links` is False."""
    data = _read_feed_file(path, settings.max_input_bytes)
    if isinstance(data, InputProblem):
        return LoadResult(documents=(), problems=(data,))
    feed = parse_feed(path, data)
    return feed_documents(
        feed, settings, fetch_links=fetch_links, allow_private=allow_private, client=client, policy=policy
    )


def _feed_without_fetching(feed: FeedResult) -> LoadResult:
    """The feed's items with full text; each item with only a link is skipped, with one problem per item."""
    skipped = (InputProblem(link.source, LINK_ONLY_ITEM) for link in feed.links)
    return LoadResult(documents=feed.documents, problems=(*feed.problems, *skipped))


def input_files(paths: Sequence[str | os.PathLike[str]]) -> Iterator[tuple[str, os.stat_result] | InputProblem]:
    """Every file the `paths` name or hold, in the order `load_inputs` reads them, with a problem for each
    bad entry; for readers that split files themselves (the batch job). A file reached twice comes twice."""
    for given in paths:
        yield from _files_under(str(os.fspath(given)))


def _files_under(given: str) -> Iterator[tuple[str, os.stat_result] | InputProblem]:
    """Yield (path, stat) of each file `given` names or holds, or a problem for each bad entry, in order."""
    root_status = _stat_or_problem(given)
    # Depth-first stack; children are pushed in reverse so they come out in sorted order.
    pending: list[tuple[str, os.stat_result] | InputProblem] = [
        root_status if isinstance(root_status, InputProblem) else (given, root_status)
    ]
    visited_folders: set[tuple[int, int]] = set()
    while pending:
        item = pending.pop()
        if isinstance(item, InputProblem):
            yield item
            continue
        path, status = item
        if stat.S_ISREG(status.st_mode):
            yield path, status
            continue
        if not stat.S_ISDIR(status.st_mode):
            # FIFOs and devices could block or never end; never open them.
            yield InputProblem(path, "not a regular file or folder")
            continue
        identity = (status.st_dev, status.st_ino)
        if identity in visited_folders:
            continue  # a linked folder already walked; walking it again could loop forever
        visited_folders.add(identity)
        try:
            with os.scandir(path) as scan:
                names = sorted(entry.name for entry in scan if not entry.name.startswith("."))
        except OSError as error:
            yield InputProblem(path, _os_problem(error))
            continue
        children: list[tuple[str, os.stat_result] | InputProblem] = []
        for name in names:
            child = os.path.join(path, name)
            child_status = _stat_or_problem(child)
            children.append(child_status if isinstance(child_status, InputProblem) else (child, child_status))
        pending.extend(reversed(children))


def _load_file(path: str, status: os.stat_result, settings: Settings, read_feed: FeedReader) -> LoadResult:
    """Read one regular file with a supported extension, never more than the size limit allows."""
    limit = settings.max_input_bytes
    if extension_of(path) == JSONL_EXTENSION:
        # JSONL is read line by line, so only each line is held to the limit.
        try:
            with open(path, "rb") as stream:
                return stream_jsonl(path, stream, limit)
        except OSError as error:
            return _problem(path, _os_problem(error))
    data = _read_within_limit(path, status, limit)
    if isinstance(data, InputProblem):
        return LoadResult(documents=(), problems=(data,))
    if is_feed_name(path):
        return read_feed(parse_feed(path, data))
    return load_bytes(path, data, settings)


def _read_feed_file(path: str, limit: int) -> bytes | InputProblem:
    """The bytes of a feed file named directly, which (unlike a folder's entries) has not been checked yet."""
    status = _stat_or_problem(path)
    if isinstance(status, InputProblem):
        return status
    if not stat.S_ISREG(status.st_mode):
        return InputProblem(path, "not a regular file")  # a FIFO or device could block forever
    return _read_within_limit(path, status, limit)


def _read_within_limit(path: str, status: os.stat_result, limit: int) -> bytes | InputProblem:
    """The whole of a regular file, or a problem when it is (or has grown) over `limit` or cannot be read."""
    if status.st_size > limit:
        return InputProblem(path, too_large_problem(status.st_size, limit))
    try:
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)  # one byte more reveals a file that grew since stat
    except OSError as error:
        return InputProblem(path, _os_problem(error))
    if len(data) > limit:
        return InputProblem(path, too_large_problem(max(len(data), status.st_size), limit))
    return data


def _stat_or_problem(path: str) -> os.stat_result | InputProblem:
    try:
        return os.stat(path)
    except OSError as error:
        return InputProblem(path, _os_problem(error))
    except ValueError:  # a NUL character in the path
        return InputProblem(path, "not a valid path (it contains a NUL character)")


def _os_problem(error: OSError) -> str:
    """Say in one line why the operating system refused an input."""
    if error.errno == errno.ENOENT:
        return NOT_FOUND
    if error.errno == errno.ENOTDIR:
        return f"{NOT_FOUND} (a part of the path is a file, not a folder)"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "cannot read: permission denied"
    if error.errno == errno.EISDIR:
        return "is a folder where a file was expected"
    if error.errno == errno.ELOOP:
        return "cannot read: the symbolic links loop"
    if error.errno == errno.ENAMETOOLONG:
        return "cannot read: the file name is too long"
    reason = error.strerror or type(error).__name__
    return f"cannot read: {' '.join(reason.split()).lower()}"


def _problem(path: str, problem: str) -> LoadResult:
    return LoadResult(documents=(), problems=(InputProblem(path, problem),))
