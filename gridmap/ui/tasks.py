"""Run a core function on a worker thread behind a progress dialog with a Cancel button."""

from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressDialog, QWidget

from gridmap.core.errors import Cancelled, GridMapError
from gridmap.core.progress import ProgressFn
from gridmap.ui.messages import show_message


class _Worker(QThread):
    """Calls ``fn(progress)`` and keeps the result or the exception."""

    progressed = Signal(float, str)

    def __init__(self, fn: Callable[[ProgressFn], Any], parent: QObject):
        super().__init__(parent)
        self._fn = fn
        self._cancel = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.details = ""

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, fraction: float, message: str) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.progressed.emit(fraction, message)

    def run(self) -> None:
        try:
            self.result = self._fn(self._progress)
        except BaseException as exc:  # reported on the GUI thread, never crashes the app
            self.error = exc
            self.details = traceback.format_exc()


def run_in_thread(fn: Callable[[], Any], parent: QObject) -> Any:
    """``fn()`` on a worker thread for short work (about a second, no Cancel): the caller waits for its result
    (or its exception, re-raised), while the GUI keeps painting and the map page keeps loading; user input
    waits until it is done, so nothing can re-enter the caller meanwhile."""
    worker = _Worker(lambda _progress: fn(), parent)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    loop.exec(QEventLoop.ExcludeUserInputEvents)
    worker.wait()
    worker.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result


class Task(QObject):
    """A long core operation: ``Task(parent, title, fn).start()`` where ``fn(progress)`` does the work.

    ``finished(result)`` or ``failed(message)`` is emitted on the GUI thread. Bad input (GridMapError)
    is shown to the user as its message; anything unexpected as a generic error with details.
    A cancelled task emits ``cancelled``. An ``announced`` task shows its dialog at once (else after 400 ms),
    with the title as the first line above each progress message.
    """

    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget, title: str, fn: Callable[[ProgressFn], Any], show_errors: bool = True,
                 announced: bool = False):
        super().__init__(parent)
        self._announced = announced
        self._parent = parent
        self._title = title
        self._show_errors = show_errors
        self._worker = _Worker(fn, self)
        self._dialog = QProgressDialog(title, self.tr("Cancel"), 0, 1000, parent)
        self._dialog.findChild(QLabel).setTextFormat(Qt.PlainText)  # progress messages can name files and columns
        self._dialog.setWindowTitle(title)
        self._dialog.setWindowModality(Qt.WindowModal)
        self._dialog.setMinimumDuration(0 if announced else 400)
        self._dialog.setAutoClose(False)
        self._dialog.setAutoReset(False)
        self._dialog.canceled.connect(self._on_cancel)
        self._worker.progressed.connect(self._on_progress)
        self._worker.finished.connect(self._on_done)

    def start(self) -> "Task":
        self._dialog.setValue(0)
        if self._announced:
            self._dialog.show()
        self._worker.start()
        return self

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker thread ends (for shutdown)."""
        return self._worker.wait() if msecs < 0 else self._worker.wait(msecs)

    def _on_cancel(self) -> None:
        self._worker.cancel()
        self._dialog.setLabelText(self.tr("Cancelling…"))

    def _on_progress(self, fraction: float, message: str) -> None:
        self._dialog.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        if message:
            self._dialog.setLabelText(f"{self._title}\n{message}" if self._announced else message)

    def _on_done(self) -> None:
        self._worker.wait()  # `finished` arrives just before the thread ends; it must end before deletion
        self._dialog.canceled.disconnect(self._on_cancel)
        self._dialog.close()
        self._dialog.deleteLater()
        error = self._worker.error
        if error is None:
            self.finished.emit(self._worker.result)
        elif isinstance(error, Cancelled):
            self.cancelled.emit()
        elif isinstance(error, GridMapError):
            if self._show_errors:
                show_message(self._parent, self._title, str(error))
            self.failed.emit(str(error))
        else:
            message = self.tr("An unexpected error occurred: {error}").format(error=error)
            if self._show_errors:
                show_message(self._parent, self._title, message, self._worker.details, QMessageBox.Critical)
            self.failed.emit(message)
        # No deleteLater() here: deleting the task from the deferred-delete queue while PySide still holds its
        # wrapper crashed in ~QObject. The finished task stays a child of its parent widget and goes with it.
