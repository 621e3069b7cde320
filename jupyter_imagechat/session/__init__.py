"""Session records and files: what a conversation keeps, and how it is written and read.

- :mod:`.history`: :class:`Turn` and :class:`History`, plain records;
- writers, which see a turn only through its fields (:mod:`.fields`): PNG provenance
  (:mod:`.provenance`), code (:mod:`.code`), notebooks (:mod:`.notebook`), masks as text
  (:mod:`.masktext`), atomic files (:mod:`.files`);
- readers, above the records: autosave folders (:mod:`.autosave`) and notebooks
  (:mod:`.restore`).

Nothing here imports the turn pipeline or the widget.
"""

from .autosave import SessionBusy, SessionStore, default_root, list_sessions, new_session_name
from .history import History
from .masktext import mask_from_text, mask_to_text
from .provenance import plan_from_png, read_metadata
from .restore import NotebookSession, read_notebook
from .turn import Turn

__all__ = [
    "History",
    "NotebookSession",
    "SessionBusy",
    "SessionStore",
    "Turn",
    "default_root",
    "list_sessions",
    "mask_from_text",
    "mask_to_text",
    "new_session_name",
    "plan_from_png",
    "read_metadata",
    "read_notebook",
]
