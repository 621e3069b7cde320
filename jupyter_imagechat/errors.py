"""Errors the user sees. Each has a ``kind`` the front end shows with the message."""

from __future__ import annotations


class ImageChatError(Exception):
    """Base of every error jupyter-imagechat raises on purpose."""

    kind = "error"


class InputError(ImageChatError, ValueError):
    """Bad input from the user or the browser: empty prompt, wrong mask size, not an image."""

    kind = "input"


class EngineError(ImageChatError, RuntimeError):
    """An engine could not load or draw; the message says why and what to do."""

    kind = "engine"


class Cancelled(ImageChatError):
    """The run was stopped by the user before it finished."""

    kind = "cancelled"


class Busy(ImageChatError):
    """A request arrived while another one is running."""

    kind = "busy"

    def __init__(self, message: str = "still working on the previous request; press Stop or wait"):
        super().__init__(message)


class Unsure(InputError):
    """The prompt could change the current picture or start a new one; nothing was drawn.

    Attributes
    ----------
    prompt : str
        The prompt that was asked about.
    question : str
        What to ask the user.
    choices : dict of str to str
        The answers: ``"edit"`` ("Change this picture") and ``"new"`` ("New picture").
        Send the prompt again with ``new=False`` or ``new=True`` (in the widget: the
        buttons under the question).
    """

    kind = "question"

    def __init__(self, prompt: str, question: str, choices: dict[str, str]) -> None:
        self.prompt, self.question, self.choices = prompt, question, dict(choices)
        super().__init__(
            f"{question} Send it again with new=False to change this picture or new=True "
            "for a new one."
        )
