"""newsweave: read one news story across many outlets."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsweave")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
