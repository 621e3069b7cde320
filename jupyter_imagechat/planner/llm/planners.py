"""Planners backed by a language model: an OpenAI-compatible endpoint or a local model.

Both are :class:`~.base.LLMPlanner`: they ask the model for the scene graph as JSON
against a schema with the diagram vocabulary (:mod:`.schema`), for new pictures, for edits
of the current picture (with the scene, the conversation's earlier prompts and the
follow-up; nothing the follow-up did not name is lost or changed) and for corrections of
what the checker found wrong; they fall back to the rules planner when the model cannot be
reached or answers nothing usable, and the notes say which model planned a turn.

:class:`EndpointPlanner` asks any OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM,
llama.cpp) through the project's one client on the official ``openai`` package
(:class:`~jupyter_imagechat.openai_api.Chat`: timeouts, retries with backoff on 429 and
5xx, structured output where the server takes it); :class:`TransformersPlanner` runs a
local transformers model.

>>> planner = EndpointPlanner(base_url="http://localhost:11434/v1", model="llama3.2")
... # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from ...errors import Cancelled, EngineError
from ...openai_api.client import Endpoint
from ...openai_api.faults import CHAT
from ..text import PlanError
from .base import LLMError, LLMPlanner
from .prompts import SYSTEM_PROMPT, new_messages

build_messages = new_messages
"""The messages that ask for a new picture's scene graph (the name of earlier versions)."""


class EndpointPlanner(LLMPlanner):
    """Plan with any OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, llama.cpp).

    Needs the ``openai`` package (``pip install "jupyter-imagechat[remote]"``); without it
    every prompt falls back to the rules planner and the note names the pip command.

    Parameters
    ----------
    base_url : str, optional
        E.g. ``"http://localhost:11434/v1"``; default ``$IMAGECHAT_LLM_BASE_URL``, then
        ``$OPENAI_BASE_URL``, then ``https://api.openai.com/v1``.
    model : str, optional
        Default ``$IMAGECHAT_LLM_MODEL``, then ``"gpt-4o-mini"``.
    api_key : str, optional
        Default ``$IMAGECHAT_LLM_API_KEY``, then ``$OPENAI_API_KEY`` for OpenAI's own
        endpoint or the one ``$OPENAI_BASE_URL`` names (never for another ``base_url``);
        never shown, logged or written anywhere.
    timeout : float
        Seconds to wait for one answer before retrying or falling back to the rules planner.
    max_retries : int
        Attempts after the first on 429, 5xx, timeouts and dropped connections, with
        backoff (a ``Retry-After`` is waited for, up to a minute).
    json_schema : bool
        Ask for structured output (the ``json_schema`` response format). A server that
        refuses it is asked again in JSON mode, then without; the answer is repaired
        either way.
    corrections : int
        Rounds of self-correction after the checker (see :class:`~.base.LLMPlanner`).
    max_tokens : int or None
        The longest answer, in tokens (a runaway local model stops there; a cut-off answer
        is repaired); None leaves it to the server. A model that refuses the parameter is
        asked again without it.
    """

    name = "openai"

    def __init__(
        self,
        base_url: str | None = None,
        model: str | None = None,
        api_key: str | None = None,
        *,
        timeout: float = 30.0,
        max_retries: int = 2,
        json_schema: bool = True,
        corrections: int = 1,
        max_tokens: int | None = 4096,
    ) -> None:
        super().__init__(corrections=corrections)
        env = os.environ
        named = base_url or env.get("IMAGECHAT_LLM_BASE_URL")
        url = (named or env.get("OPENAI_BASE_URL") or "https://api.openai.com/v1").rstrip("/")
        if not url.startswith(("http://", "https://")):
            raise PlanError(f"base_url must start with http:// or https://, got {url!r}")
        self.model = model or env.get("IMAGECHAT_LLM_MODEL") or "gpt-4o-mini"
        openai_pair = not named or urlsplit(url).hostname == "api.openai.com"
        key = api_key or env.get("IMAGECHAT_LLM_API_KEY")
        if key is None and openai_pair:  # never an OpenAI key to another server
            key = env.get("OPENAI_API_KEY")
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
            raise PlanError(f"timeout must be a positive number of seconds, got {timeout!r}")
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise PlanError(f"max_retries must be a whole number from 0, got {max_retries!r}")
        self.timeout = float(timeout)
        self.json_schema = json_schema
        self.max_tokens = max_tokens
        self.endpoint = Endpoint(
            url,
            key,
            timeout=self.timeout,
            max_retries=max_retries,
            openai_only_headers=urlsplit(url).hostname == "api.openai.com",
            role=CHAT,
        )
        self._chat: Any = None

    @property
    def base_url(self) -> str:
        """The endpoint's address as users may see it (no credentials)."""
        return self.endpoint.shown

    def __repr__(self) -> str:
        return f"EndpointPlanner({self.base_url!r}, model={self.model!r})"

    def describe(self) -> str:
        """Return ``"<model> at <base_url>"``."""
        return f"{self.model} at {self.base_url}"

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        schema: dict[str, Any] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> str:
        """Ask the endpoint; return the first choice's text. ``should_stop`` (the turn's
        Stop) is polled while waiting: the request is abandoned when it returns True.

        Raises
        ------
        Cancelled
            ``should_stop()`` returned True.
        LLMError
            In plain words: the ``openai`` package is missing, the endpoint cannot be
            reached, did not answer in time, refused, failed after its retries, declined
            or sent no text.
        """
        from ...openai_api.chat import Chat

        try:
            if self._chat is None:
                self._chat = Chat(self.endpoint, self.model, max_tokens=self.max_tokens)
            wanted = schema if self.json_schema else None
            answer = self._chat.ask(
                messages, schema=wanted, name="scene_graph", should_stop=should_stop
            )
            return str(answer.text)
        except EngineError as exc:
            raise LLMError(str(exc)) from None


Generate = Callable[[list[dict[str, str]]], str]


class TransformersPlanner(LLMPlanner):
    """Plan with a local transformers causal language model, by hub id or folder.

    transformers and torch are imported on the first prompt, not before.

    Parameters
    ----------
    model : str or model object
        Hub id or local folder (loaded with ``AutoModelForCausalLM``), or a loaded model.
    tokenizer : optional
        A loaded tokenizer; by default loaded from ``model``.
    max_new_tokens : int
        Longest answer; a cut-off answer is repaired.
    generate : callable, optional
        ``messages -> answer text``; replaces the model (for tests and custom runtimes).
    corrections : int
        Rounds of self-correction after the checker (see :class:`~.base.LLMPlanner`).
    **load_options
        Passed to ``from_pretrained`` (e.g. ``gguf_file=``, ``local_files_only=True``).
    """

    name = "transformers"

    def __init__(
        self,
        model: Any = None,
        tokenizer: Any = None,
        *,
        max_new_tokens: int = 768,
        generate: Generate | None = None,
        corrections: int = 1,
        **load_options: Any,
    ) -> None:
        super().__init__(corrections=corrections)
        if model is None and generate is None:
            raise PlanError("TransformersPlanner needs a model id, folder or model object")
        self.model, self.tokenizer = model, tokenizer
        self.model_id = model if isinstance(model, str) else None
        self.max_new_tokens = max_new_tokens
        self.load_options = load_options
        self._generate = generate

    def describe(self) -> str:
        """Return the model's id or folder (also once loaded), else its class name."""
        if self.model_id is not None:
            return self.model_id
        return type(self.model).__name__ if self.model is not None else "a local model"

    def _load(self) -> None:
        try:
            import transformers
        except ImportError:
            raise LLMError(
                "transformers is not installed: pip install 'jupyter-imagechat[diffusers]'"
            ) from None
        try:
            if isinstance(self.model, str):
                name = self.model
                self.model = transformers.AutoModelForCausalLM.from_pretrained(
                    name, **self.load_options
                )
                if self.tokenizer is None:
                    self.tokenizer = transformers.AutoTokenizer.from_pretrained(
                        name, **self.load_options
                    )
        except (OSError, ValueError) as exc:
            raise LLMError(f"cannot load {self.model!r}: {exc}") from None
        if self.tokenizer is None:
            raise LLMError("a model object needs its tokenizer (tokenizer=...)")

    def prompt_text(self, messages: list[dict[str, str]]) -> str:
        """Return the messages as one prompt, through the chat template when there is one."""
        tok = self.tokenizer
        if getattr(tok, "chat_template", None):
            text = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            return str(text)
        lines = [f"{m['role']}: {m['content']}" for m in messages]
        return "\n".join(lines) + "\nassistant: "

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        schema: dict[str, Any] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> str:
        """Generate the answer greedily (no structured output: the answer is repaired).
        ``should_stop`` is checked before generating (a local generation runs to its end)."""
        if should_stop is not None and should_stop():
            raise Cancelled("stopped before the local language model was asked")
        if self._generate is not None:
            return self._generate(messages)
        self._load()
        import torch

        inputs = self.tokenizer(self.prompt_text(messages), return_tensors="pt")
        try:
            with torch.no_grad():
                out = self.model.generate(
                    **inputs,
                    max_new_tokens=self.max_new_tokens,
                    do_sample=False,
                    pad_token_id=getattr(self.tokenizer, "pad_token_id", None)
                    or getattr(self.tokenizer, "eos_token_id", None),
                )
        except (RuntimeError, ValueError) as exc:
            raise LLMError(f"generation failed: {exc}") from None
        new = out[0][inputs["input_ids"].shape[1] :]
        return str(self.tokenizer.decode(new, skip_special_tokens=True))


__all__ = [
    "SYSTEM_PROMPT",
    "EndpointPlanner",
    "LLMError",
    "LLMPlanner",
    "TransformersPlanner",
    "build_messages",
]
