"""What each kind of images server is sent: OpenAI itself, or any OpenAI-compatible server.

A turn's settings use this project's names (``steps``, ``guidance_scale``,
``negative_prompt``, ``strength``, ``width``, ``height``). An OpenAI-compatible server
(vLLM-Omni, this project's ``jupyter-imagechat serve``) takes the diffusion settings as
extra fields named as vLLM-Omni names them, plus ``scene_graph`` (the plan); OpenAI's
images API takes none of them, nor a seed: those are recorded as not honoured.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...openai_api import size_text

__all__ = ["OPENAI", "REMOTE", "Dialect"]

REMOTE_FIELDS: dict[str, str] = {
    "steps": "num_inference_steps",
    "guidance_scale": "guidance_scale",
    "negative_prompt": "negative_prompt",
    "strength": "strength",
}
"""A turn's setting -> the extra field an OpenAI-compatible server reads (vLLM-Omni's names)."""

SIZE_SETTINGS = ("width", "height")

_SETTING_OF = {field: setting for setting, field in REMOTE_FIELDS.items()}


def unused_by_server(sent: dict[str, Any], honoured: list[str]) -> list[str]:
    """The turn's settings among ``sent`` (extra fields and ``size``) that a server's reply
    says it did not use (this project's server lists the fields it ``honoured``)."""
    used = set(honoured)
    return [_SETTING_OF.get(name, name) for name in sent if name not in used]


OPENAI_PASSED = ("quality",)
"""Settings OpenAI's images API takes under the same name."""

_OPENAI_SIZES: dict[str, tuple[tuple[int, int], ...]] = {
    "dall-e-2": ((256, 256), (512, 512), (1024, 1024)),
    "dall-e-3": ((1024, 1024), (1792, 1024), (1024, 1792)),
    "": ((1024, 1024), (1536, 1024), (1024, 1536)),  # gpt-image-*
}


@dataclass(frozen=True)
class Dialect:
    """How one kind of server is spoken to.

    Attributes
    ----------
    name : str
        ``"remote"`` or ``"openai"``.
    extra_fields : bool
        Whether seed, diffusion settings and the scene graph are sent (vLLM-Omni's names).
    exact_sizes : bool
        Whether any ``WIDTHxHEIGHT`` is asked for as it is (else the nearest size the
        model offers, and the reply is resized).
    sends_user : bool
        Whether a pseudonymous ``user`` goes with each request (a class server's rate
        limits are kept per student); never sent to OpenAI.
    default_model : str or None
        The model when none is given.
    """

    name: str
    extra_fields: bool
    exact_sizes: bool
    sends_user: bool
    default_model: str | None

    def fields(
        self, settings: dict[str, Any], seed: int, negative: str
    ) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
        """Return ``(params, extra, not_honoured)`` for a turn's settings.

        ``params`` are the images API's own parameters, ``extra`` the extra fields, and
        ``not_honoured`` the settings (and ``seed``) the server is not told.
        """
        params: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        left: list[str] = []
        if self.extra_fields:
            extra["seed"] = int(seed)
            if negative and "negative_prompt" not in settings:
                extra["negative_prompt"] = negative
        else:
            left.append("seed")
        for key, value in settings.items():
            if key in SIZE_SETTINGS:
                continue
            if self.extra_fields and key in REMOTE_FIELDS:
                extra[REMOTE_FIELDS[key]] = value
            elif not self.extra_fields and key in OPENAI_PASSED:
                params[key] = value
            else:
                left.append(key)
        if not self.extra_fields and negative and "negative_prompt" not in left:
            left.append("negative_prompt")
        return params, extra, left

    def size(self, model: str | None, width: int, height: int) -> str:
        """The ``size`` to ask for a ``width`` x ``height`` picture."""
        if self.exact_sizes:
            return size_text(width, height)
        name = (model or "").lower()
        sizes = next(v for k, v in _OPENAI_SIZES.items() if name.startswith(k))
        aspect = width / height
        best = min(sizes, key=lambda s: (abs(s[0] / s[1] - aspect), abs(s[0] - width)))
        return size_text(*best)

    def response_format(self, model: str | None) -> str | None:
        """``"b64_json"`` where the model takes the parameter (gpt-image models always
        answer with base64 and refuse it)."""
        if self.extra_fields or (model or "").lower().startswith("dall-e"):
            return "b64_json"
        return None


REMOTE = Dialect("remote", extra_fields=True, exact_sizes=True, sends_user=True, default_model=None)
OPENAI = Dialect(
    "openai", extra_fields=False, exact_sizes=False, sends_user=False, default_model="gpt-image-1"
)
