"""The ``jupyter-imagechat`` command line.

``jupyter-imagechat plan "PROMPT"`` prints the scene graph JSON; with no prompt it
reads one prompt per line from standard input and prints one JSON object per line.
``jupyter-imagechat render "PROMPT" -o out.png [--size N] [--seed S]`` draws with
the built-in engine.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from .errors import ImageChatError
from .session.provenance import png_with_provenance
from .turns import Conversation


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jupyter-imagechat", description="Build pictures by conversation."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    plan = sub.add_parser("plan", help="print the scene graph JSON a prompt means")
    plan.add_argument("prompt", nargs="?", help="the prompt; omit to read one per line from stdin")
    plan.add_argument("--seed", type=int, default=0, help="layout seed (default 0)")
    plan.add_argument("--indent", type=int, default=None, help="indent the JSON (single prompt)")
    render = sub.add_parser("render", help="draw a prompt with the built-in engine")
    render.add_argument("prompt", help="what to draw")
    render.add_argument("-o", "--output", required=True, help="PNG file to write")
    render.add_argument("--size", type=int, default=512, help="side in pixels (64-2048)")
    render.add_argument("--seed", type=int, default=0, help="seed (default 0)")
    return parser


def _plan_one(text: str, seed: int) -> dict[str, Any]:
    """The laid-out plan of one prompt, made by the same pipeline as every turn."""
    return Conversation(seed=seed).plan(text).to_dict()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "plan":
            if args.prompt is not None:
                print(json.dumps(_plan_one(args.prompt, args.seed), indent=args.indent))
                return 0
            status = 0
            for line in sys.stdin:
                if not line.strip():
                    continue
                try:
                    print(json.dumps(_plan_one(line, args.seed)), flush=True)
                except ImageChatError as exc:
                    print(json.dumps({"error": str(exc), "kind": exc.kind}), flush=True)
                    status = 1
            return status
        conversation = Conversation(size=args.size, seed=args.seed)
        turn = conversation.send(args.prompt)
        with open(args.output, "wb") as fh:
            legacy = {"prompt": turn.prompt}  # plain keys too
            if turn.scene is not None:  # always, for a prompt's turn
                legacy["plan"] = turn.scene.to_json()
            fh.write(png_with_provenance(turn.image, turn, extra=legacy))
        checked = f" [{turn.verdict.summary()}]" if turn.verdict is not None else ""
        print(f"{args.output}: {turn.summary()}{checked}", file=sys.stderr)
        return 0
    except ImageChatError as exc:
        print(f"jupyter-imagechat: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"jupyter-imagechat: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
