"""Planners backed by a language model: an OpenAI-compatible endpoint or a local model.

Both ask the model for the scene graph as JSON against :data:`.schema.SCENE_SCHEMA`, read
the answer with :func:`.schema.parse_scene` (prose, code fences and cut-off answers are
repaired where possible) and fall back to the rules planner when the model cannot be
reached or its answer holds nothing usable. Every fallback and repair is reported in the
notes, which the chat pane shows.

Edits of the current picture ("make the bowl green") go to the rules planner, which keeps
every unchanged thing's id and layout box; the language model plans new scenes.

>>> planner = EndpointPlanner(base_url="http://localhost:11434/v1", model="llama3.2")
... # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from ..scene import MAX_COUNT, MAX_ENTITIES, PREDICATES, SceneGraph
from .reading import Reading
from .rules import RulesPlanner
from .schema import SCENE_SCHEMA, describe_colors, parse_scene
from .text import PlanError, check_prompt

log = logging.getLogger(__name__)

SYSTEM_PROMPT = f"""You turn a picture description into a scene graph, as JSON only.
Entities: id ("e1", "e2", ...), name (a lowercase singular noun), count (1-{MAX_COUNT}),
attributes (lowercase words: color, size, material, shape, texture, state; "text": words
written on the thing exactly as quoted, e.g. a sign that says 'Exit' -> {{"text": "Exit"}}).
Colors: {describe_colors()}.
Relations: subject id, predicate, object id; predicates: {", ".join(PREDICATES)}.
"A left of B" is subject A, object B. At most {MAX_ENTITIES} entities.
exclude: things the description says must not appear ("no cars" -> {{"name": "car"}}).
style: e.g. watercolor, pixel art, pencil sketch, cartoon, oil painting, or null.
background: the place or time, e.g. forest, beach, night, or null.
texts: other strings the picture must show as written text (captions).
Answer with one JSON object matching the schema and nothing else."""

EXAMPLE_USER = "three red apples left of a blue bowl at night"
EXAMPLE_ANSWER = json.dumps(
    {
        "entities": [
            {"id": "e1", "name": "apple", "count": 3, "attributes": {"color": "red"}},
            {"id": "e2", "name": "bowl", "count": 1, "attributes": {"color": "blue"}},
        ],
        "relations": [{"subject": "e1", "predicate": "left of", "object": "e2"}],
        "exclude": [],
        "style": None,
        "background": "night",
        "texts": [],
    }
)


def build_messages(text: str) -> list[dict[str, str]]:
    """Return the chat messages that ask for ``text``'s scene graph (one worked example)."""
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": EXAMPLE_USER},
        {"role": "assistant", "content": EXAMPLE_ANSWER},
        {"role": "user", "content": text},
    ]


class LLMPlanner:
    """Base class: ask a model, repair its answer, fall back to the rules planner.

    Subclasses implement :meth:`complete`, which returns the model's answer text or raises
    :class:`LLMError` when the model cannot be asked.
    """

    name = "llm"

    def __init__(self) -> None:
        self.fallback = RulesPlanner()

    def complete(self, messages: list[dict[str, str]]) -> str:
        """Return the model's answer to ``messages``."""
        raise NotImplementedError

    def plan(self, text: str, *, current: SceneGraph | None = None) -> SceneGraph:
        """Return the scene ``text`` describes (see :meth:`plan_with_notes`)."""
        return self.plan_with_notes(text, current=current)[0]

    def is_edit(self, text: str, current: SceneGraph | None = None) -> bool:
        """Whether ``text`` changes the ``current`` picture (the rules planner decides)."""
        return self.fallback.is_edit(text, current)

    def plan_with_notes(
        self, text: str, *, current: SceneGraph | None = None
    ) -> tuple[SceneGraph, list[str]]:
        """Plan ``text`` with the model; notes say what was repaired or fallen back on.

        Raises
        ------
        PlanError
            For a prompt that is not text, empty or too long, or when the model failed
            and the rules planner found nothing to draw either.
        """
        check_prompt(text)
        if current is not None and self.fallback.is_edit(text, current):
            return self.fallback.plan_with_notes(text, current=current)
        try:
            answer = self.complete(build_messages(text))
        except LLMError as exc:
            return self._fall_back(text, f"the language model could not be asked ({exc})")
        try:
            scene, notes = parse_scene(answer)
        except ValueError as exc:
            return self._fall_back(text, f"the language model's answer was unusable ({exc})")
        return scene, [f"planned by {self.describe()}", *notes]

    def read(
        self,
        text: str,
        *,
        current: SceneGraph | None = None,
        focus: str | None = None,
        **options: Any,
    ) -> Reading:
        """Read ``text``: an edit of ``current`` goes to the rules planner, which keeps every
        unchanged thing; a new picture is planned by the model (see :meth:`plan_with_notes`).
        ``options`` (``masked``, ``new``: see :meth:`RulesPlanner.read`) go to the rules
        planner; ``new=False`` (the user said "change this picture") is always an edit."""
        edit = options.get("new") is False or self.fallback.is_edit(text, current)
        if current is not None and edit:
            return self.fallback.read(text, current=current, focus=focus, **options)
        scene, notes = self.plan_with_notes(text)
        return Reading(scene, notes, edit=False)

    def describe(self) -> str:
        """Return a short name for notes, e.g. ``"llama3.2 at http://localhost:11434/v1"``."""
        return self.name

    def _fall_back(self, text: str, why: str) -> tuple[SceneGraph, list[str]]:
        log.warning("%s: %s", self.describe(), why)
        scene, notes = self.fallback.plan_with_notes(text)
        return scene, [f"{why}; used the rules planner instead", *notes]


class LLMError(RuntimeError):
    """The language model could not be asked (no connection, timeout, HTTP error)."""


class EndpointPlanner(LLMPlanner):
    """Plan with any OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, llama.cpp).

    Parameters
    ----------
    base_url : str, optional
        E.g. ``"http://localhost:11434/v1"``; default ``$IMAGECHAT_LLM_BASE_URL``, then
        ``$OPENAI_BASE_URL``, then ``https://api.openai.com/v1``.
    model : str, optional
        Default ``$IMAGECHAT_LLM_MODEL``, then ``"gpt-4o-mini"``.
    api_key : str, optional
        Default ``$IMAGECHAT_LLM_API_KEY``, then ``$OPENAI_API_KEY``; none is sent if unset.
    timeout : float
        Seconds to wait for the answer before falling back to the rules planner.
    json_schema : bool
        Ask for structured output (``response_format`` with the schema). Servers that do
        not support it usually ignore it; the answer is repaired either way.
    """

    name = "openai"

    def __init__(
        self,
        base_url: str | None = None,
        model: str | None = None,
        api_key: str | None = None,
        *,
        timeout: float = 30.0,
        json_schema: bool = True,
    ) -> None:
        super().__init__()
        env = os.environ
        url = base_url or env.get("IMAGECHAT_LLM_BASE_URL") or env.get("OPENAI_BASE_URL")
        self.base_url = (url or "https://api.openai.com/v1").rstrip("/")
        if not self.base_url.startswith(("http://", "https://")):
            raise PlanError(f"base_url must start with http:// or https://, got {self.base_url!r}")
        self.model = model or env.get("IMAGECHAT_LLM_MODEL") or "gpt-4o-mini"
        self.api_key = api_key or env.get("IMAGECHAT_LLM_API_KEY") or env.get("OPENAI_API_KEY")
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
            raise PlanError(f"timeout must be a positive number of seconds, got {timeout!r}")
        self.timeout = float(timeout)
        self.json_schema = json_schema

    def describe(self) -> str:
        """Return ``"<model> at <base_url>"``."""
        return f"{self.model} at {self.base_url}"

    def payload(self, messages: list[dict[str, str]]) -> dict[str, Any]:
        """Return the request body for ``/chat/completions``."""
        body: dict[str, Any] = {"model": self.model, "messages": messages, "temperature": 0}
        if self.json_schema:
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "scene_graph", "schema": SCENE_SCHEMA},
            }
        return body

    def complete(self, messages: list[dict[str, str]]) -> str:
        """POST the messages and return the first choice's content."""
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(
            f"{self.base_url}/chat/completions",
            data=json.dumps(self.payload(messages)).encode(),
            headers=headers,
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read(2_000_000)
        except urllib.error.HTTPError as exc:
            raise LLMError(f"HTTP {exc.code} from {self.base_url}") from None
        except TimeoutError:
            raise LLMError(f"no answer from {self.base_url} within {self.timeout:g} s") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                raise LLMError(
                    f"no answer from {self.base_url} within {self.timeout:g} s"
                ) from None
            raise LLMError(f"cannot reach {self.base_url}: {reason}") from None
        try:
            data = json.loads(raw)
            content = data["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise LLMError(f"{self.base_url} did not answer like a chat endpoint") from None
        if not isinstance(content, str):
            raise LLMError(f"{self.base_url} sent no text")
        return content


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
    **load_options
        Passed to ``from_pretrained`` (e.g. ``gguf_file=``, ``local_files_only=True``).
    """

    name = "transformers"

    def __init__(
        self,
        model: Any = None,
        tokenizer: Any = None,
        *,
        max_new_tokens: int = 384,
        generate: Generate | None = None,
        **load_options: Any,
    ) -> None:
        super().__init__()
        if model is None and generate is None:
            raise PlanError("TransformersPlanner needs a model id, folder or model object")
        self.model, self.tokenizer = model, tokenizer
        self.max_new_tokens = max_new_tokens
        self.load_options = load_options
        self._generate = generate

    def describe(self) -> str:
        """Return the model's id or class name."""
        if isinstance(self.model, str):
            return self.model
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

    def complete(self, messages: list[dict[str, str]]) -> str:
        """Generate the answer greedily."""
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
