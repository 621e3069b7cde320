"""Request bodies as fields: JSON objects and ``multipart/form-data`` forms.

Both come from anyone who can reach the server: every parser here is bounded (the body was
already cut at the size limit) and raises :class:`BadRequest` with a reason a client can
act on.
"""

from __future__ import annotations

import json
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

__all__ = ["BadRequest", "parse_body"]

MAX_PARTS = 32
"""A form with more parts than this is refused."""


class BadRequest(ValueError):
    """A request the server will not serve, answered with ``status`` and this message."""

    def __init__(self, message: str, *, status: int = 400, code: str = "invalid_request") -> None:
        super().__init__(message)
        self.status = status
        self.code = code


def parse_body(body: bytes, content_type: str) -> dict[str, Any]:
    """The request's fields: a JSON object's members, or a form's (files as bytes).

    Raises
    ------
    BadRequest
        For a body that is neither, or malformed.
    """
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/json" or (not kind and body[:1] == b"{"):
        return _json(body)
    if kind == "multipart/form-data":
        return _form(body, content_type)
    sent = kind or "nothing"
    raise BadRequest(f"send application/json (generations) or multipart/form-data, not {sent}")


def _json(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRequest(f"the body is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object")
    return data


def _form(body: bytes, content_type: str) -> dict[str, Any]:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1", "replace")
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise BadRequest("the multipart body has no parts (is the boundary right?)")
    fields: dict[str, Any] = {}
    for count, part in enumerate(message.iter_parts()):
        if count >= MAX_PARTS:
            raise BadRequest(f"the form has more than {MAX_PARTS} parts")
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or not name:
            continue
        name = name.removesuffix("[]")
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            payload = b""
        if part.get_filename() is not None:
            if name in fields:
                raise BadRequest(f"send one {name!r} file, not several")
            fields[name] = payload
        else:
            try:
                fields[name] = payload.decode("utf-8")
            except UnicodeDecodeError:
                raise BadRequest(f"the form field {name!r} is not UTF-8 text") from None
    return fields
