"""Keep the libraries' own output out of the chat and the notebook: route it to the log.

diffusers, transformers and accelerate print warnings and progress bars to stderr as
they load and run ("There are modules in AutoencoderKL that should be kept in
float32" on every fp16 cast of an SDXL VAE, deprecation notices, "Loading pipeline
components..." bars). In a notebook each lands under the cell, once per turn. While
:func:`library_output_to_log` is active:

- Python warnings (``FutureWarning``, ``UserWarning``...) that would be shown are
  logged instead (``warnings.showwarning``);
- the ``diffusers``, ``transformers``, ``accelerate`` and ``torch`` loggers write to
  the logger :data:`LIBRARY_LOG` instead of their stderr handlers;
- the loading bars of diffusers and transformers are off (huggingface_hub's download
  bars stay: the widget shows a download as it happens).

Everything is logged at INFO (``logging.getLogger("jupyter_imagechat").setLevel("INFO")``
with a handler shows it) and put back as it was on exit. The state changed is
process-wide: a warning another thread raises meanwhile is logged too.
"""

from __future__ import annotations

import importlib
import logging
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any, TextIO

__all__ = ["LIBRARY_LOG", "library_output_to_log"]

log = logging.getLogger(__name__)

LIBRARY_LOG = logging.getLogger("jupyter_imagechat.engines.diffusers.library")
"""Where the libraries' warnings and log records go while a model loads or draws."""

_LOGGERS = ("diffusers", "transformers", "accelerate", "torch")
_PROGRESS_FLAGS = ("diffusers.utils.logging", "transformers.utils.logging")
_LOCK = threading.Lock()
_users = 0
_restore: list[Callable[[], None]] = []


class _Forward(logging.Handler):
    """Re-emit a library's records on :data:`LIBRARY_LOG`, at INFO at most."""

    def emit(self, record: logging.LogRecord) -> None:
        level = min(record.levelno, logging.INFO)
        LIBRARY_LOG.log(level, "%s: %s", record.name, record.getMessage())


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    LIBRARY_LOG.info("%s: %s (%s:%s)", category.__name__, message, filename, lineno)


def _library_logging() -> list[Any]:
    """The logging modules of diffusers and transformers, their handlers set up now (they
    add a stderr handler the first time a logger is asked for, even after ours)."""
    modules = []
    for name in _PROGRESS_FLAGS:
        try:
            module = importlib.import_module(name)
            module.get_logger()
        except Exception:  # not installed, or another layout: nothing to route
            log.debug("no %s to route", name, exc_info=True)
            continue
        modules.append(module)
    return modules


def _install() -> list[Callable[[], None]]:
    """Route everything; return the undo steps."""
    undo: list[Callable[[], None]] = []
    modules = _library_logging()
    shown = warnings.showwarning
    warnings.showwarning = _show_warning
    undo.append(lambda: setattr(warnings, "showwarning", shown))
    forward = _Forward()
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        handlers, propagate = list(logger.handlers), logger.propagate
        logger.handlers = [forward]
        logger.propagate = False
        undo.append(partial(_set_handlers, logger, handlers, propagate))
    # the libraries' public switches also turn huggingface_hub's download bars off and
    # on (and warn when an environment variable forbids it): flip their own flag only
    for module in modules:
        if hasattr(module, "_tqdm_active"):
            undo.append(partial(setattr, module, "_tqdm_active", module._tqdm_active))
            setattr(module, "_tqdm_active", False)  # noqa: B010 (a private flag mypy cannot see)
    return undo


def _set_handlers(logger: logging.Logger, handlers: list[logging.Handler], propagate: bool) -> None:
    logger.handlers = handlers
    logger.propagate = propagate


@contextmanager
def library_output_to_log() -> Iterator[None]:
    """Route the libraries' warnings, log records and loading bars to :data:`LIBRARY_LOG`.

    Re-entrant and shared between threads: the first to enter routes, the last to
    leave puts everything back. Warnings that the filters turn into errors (or ignore)
    still are (or still are not).
    """
    global _users
    with _LOCK:
        _users += 1
        if _users == 1:
            _restore[:] = _install()
    try:
        yield
    finally:
        with _LOCK:
            _users -= 1
            if _users == 0:
                for undo in reversed(_restore):
                    undo()
                _restore.clear()
