"""The ``jupyter-imagechat`` command line.

``jupyter-imagechat plan "PROMPT"`` prints the scene graph JSON; with no prompt it
reads one prompt per line from standard input and prints one JSON object per line.
``jupyter-imagechat render "PROMPT" -o out.png [--size N] [--seed S]`` draws with
the built-in engine. ``jupyter-imagechat serve [--host H] [--port P] [--engine E]
[--model ID] [--token T]`` serves the engines behind an OpenAI-compatible images API on Ray
Serve (see :mod:`jupyter_imagechat.server`) until Ctrl+C.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
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
    _serve_parser(sub)
    return parser


def _serve_parser(sub: Any) -> None:
    serve = sub.add_parser(
        "serve",
        help="serve the engines as an OpenAI-compatible images API (Ray Serve)",
        description="Serve /v1/images/generations, /v1/images/edits and /v1/models on Ray "
        'Serve (pip install "jupyter-imagechat[serve]"). Ctrl+C stops it.',
    )
    add = serve.add_argument
    add("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    add("--port", type=int, default=8000, help="port (default 8000)")
    add("--engine", choices=("builtin", "diffusers"), default="builtin", help="engine to serve")
    add("--model", action="append", help="diffusers model id or folder; repeat for more models")
    add("--token", action="append", help="accepted token (else $JUPYTER_IMAGECHAT_TOKEN)")
    add("--address", help="join a running Ray cluster ('auto', 'ray://head:10001')")
    add("--replicas", type=int, help="replicas per model (a fixed number)")
    add("--min-replicas", type=int, help="autoscaling: fewest replicas per model")
    add("--max-replicas", type=int, help="autoscaling: most replicas per model")
    add("--num-gpus", type=float, help="GPUs per replica (default: 1 for diffusers with GPUs)")
    add("--max-queued", type=int, help="requests waiting per replica before 429 (default 16)")
    add("--max-batch-size", type=int, help="requests drawn in one step (default 4; 1: none)")
    add("--batch-wait-timeout-s", type=float, help="seconds a batch waits to fill (0.02)")
    add("--max-side", type=int, help="largest picture side a request may ask for (default 1024)")
    add("--rate-per-minute", type=float, help="pictures a minute per student (default 30)")
    add("--burst", type=int, help="pictures a student may ask for at once (default 10)")
    add("--device", help="diffusers device, e.g. cuda")
    add("--dtype", help="diffusers dtype, e.g. float16")
    add("--detach", action="store_true", help="with --address: leave it running and return")


def _serve(args: argparse.Namespace) -> int:
    """Run the server until Ctrl+C (or SIGTERM); then stop it."""
    from .server import serve_options, start_server

    values = {k: v for k, v in vars(args).items() if k not in ("command", "detach")}
    options = serve_options({k: v for k, v in values.items() if v is not None})
    served = start_server(options)
    print(f"jupyter-imagechat: serving at {served.url} (Ctrl+C stops)", file=sys.stderr)
    if args.detach and options.address is not None:
        return 0
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    try:
        while not done.wait(1.0):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        served.stop()
    return 0


def _plan_one(text: str, seed: int) -> dict[str, Any]:
    """The laid-out plan of one prompt, made by the same pipeline as every turn."""
    return Conversation("builtin", seed=seed).plan(text).to_dict()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "serve":
            return _serve(args)
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
        conversation = Conversation("builtin", size=args.size, seed=args.seed)
        for note in conversation.settings.notes:  # an administrator's lock, a file not read
            print(f"jupyter-imagechat: {note}", file=sys.stderr)
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
