"""Starting Spark for the batch job, and turning its failures into one line.

pyspark is optional (the `spark` extra) and is imported only here and only
when a job starts, so `import newsweave` never pays for it; a missing pyspark
or Java is refused with the command that fixes it before anything runs.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from newsweave.errors import NewsweaveError, UsageError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

INSTALL_HINT = "pip install 'newsweave[spark]'"
JAVA_HINT = "a Java 17 runtime (Debian/Ubuntu: apt-get install openjdk-17-jre-headless), or set JAVA_HOME to one"
APP_NAME = "newsweave batch"

# Spark logs at WARN and above (at any other level pyspark announces the level on every start),
# each on one line marked as Spark's; the routine notices of a local run (no native Hadoop
# library) and advice on task sizes are left out.
_LOG_CONFIG = """\
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = newsweave: spark %p %c{1}: %m%n
logger.native.name = org.apache.hadoop.util.NativeCodeLoader
logger.native.level = error
logger.tasks.name = org.apache.spark.scheduler.TaskSetManager
logger.tasks.level = error
"""
_TRACEBACK = "Traceback (most recent call last):"
_MASTER = re.compile(r"^(local(\[(\*|[1-9]\d*)(,\s*[1-9]\d*)?\])?|yarn|(spark|k8s|mesos)://\S+)$")
_OWN_ERROR = re.compile(r"^newsweave\.errors\.\w+: ")


def require_spark() -> None:
    """Refuse, with what to install, a job that pyspark or Java is missing for."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise UsageError(f"newsweave batch needs the optional pyspark package; install it with  {INSTALL_HINT}") from None
    if java_command() is None:
        raise UsageError(f"newsweave batch runs Spark, which needs Java: install {JAVA_HINT}")


def check_master(master: str) -> None:
    """Refuse a master Spark would only reject with a page of Java stack."""
    if not _MASTER.match(master):
        raise UsageError(
            f"--master {master!r}: give local, local[N], local[*], spark://HOST:PORT, yarn, k8s://URL or mesos://URL"
        )


def java_command() -> str | None:
    """The java Spark will start: $JAVA_HOME/bin/java when JAVA_HOME is set, else the one on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / "java"
        return str(candidate) if os.access(candidate, os.X_OK) else None
    return shutil.which("java")


def is_local(master: str) -> bool:
    return master == "local" or master.startswith("local[")


@contextlib.contextmanager
def spark_session(master: str) -> Iterator[SparkSession]:
    """A Spark session for one job, stopped at the end whatever happens.

    On a local master the workers run this very Python (so they import this very newsweave)
    and everything binds to the loopback address; on a cluster, every worker needs newsweave
    and its models installed in the Python that PYSPARK_PYTHON names there.
    """
    check_master(master)
    require_spark()
    from pyspark.sql import SparkSession

    with tempfile.TemporaryDirectory(prefix="newsweave-spark-") as scratch:
        log_config = Path(scratch) / "log4j2.properties"
        log_config.write_text(_LOG_CONFIG, encoding="utf-8")
        builder = (
            SparkSession.builder.master(master)
            .appName(APP_NAME)
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={log_config.as_uri()}")
        )
        if is_local(master):
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            builder = builder.config("spark.ui.enabled", "false")
        try:
            session = builder.getOrCreate()
        except Exception as error:  # noqa: BLE001 - the JVM's failures come as many kinds; each gets one line
            raise NewsweaveError(f"Spark could not start on {master}: {spark_failure(error)}") from None
        try:
            yield session
        finally:
            session.stop()


def spark_failure(error: BaseException) -> str:
    """The line that says what went wrong, out of a Spark error's pages of Java and Python stack."""
    text = str(error)
    if _TRACEBACK in text:
        # A worker's Python traceback (the last one, when exceptions were chained) ends with its
        # exception: the first unindented line after the frames. The Java frames around it only wrap it.
        for line in text.rsplit(_TRACEBACK, 1)[1].splitlines()[1:]:
            if line.strip() and not line.startswith((" ", "\t")):
                # newsweave's own errors say all in their message; their class path adds nothing.
                return _shorten(_OWN_ERROR.sub("", line.strip()))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return _shorten(lines[0] if lines else type(error).__name__)


def _shorten(text: str, limit: int = 400) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
