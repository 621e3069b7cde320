"""Load on the served built-in engine: N concurrent clients on loopback, one replica, then
two, each without request batching and with it.

Run from the project root (needs ``pip install ".[serve]"``)::

    python benchmarks/serve_load.py [--clients 8 32 64] [--seconds 20] [--size 128]
        [--replicas 1 2] [--batch-sizes 1 4] [--batch-wait 0.02]

Starts Ray in this process (every CPU), serves the built-in engine with
``jupyter-imagechat serve``'s application on 127.0.0.1, and for each number of clients N
runs N client threads, each sending ``POST /v1/images/generations`` one after another
(varied prompts, ``size`` x ``size`` pictures, its own ``user``, so per-student rate limits
do not apply across clients). A client answered 429 waits the ``Retry-After`` it is given
(at most 2 s) and goes on, as the remote engine's retries do.

Every loop is bounded: each client stops after ``--requests`` requests or when the level's
``--seconds`` are up (a request already sent is still waited for, at most ``--timeout``
seconds). Printed per level: requests sent, answered with a picture (200), refused as busy
(429), errors (anything else, timeouts included), lost (sent but never answered: must be
0), throughput (pictures per second), the p50/p95 latency of the answered requests and
the mean number of requests drawn in one step (the replies' ``batch``). Each number of
replicas runs once per ``--batch-sizes`` value (``max_batch_size``; 1: no batching). The
last tables are the batching ratio (pictures per second batched / unbatched, same
replicas) and the scaling ratio (two replicas / one, same batch size). The built-in engine
draws a batch one by one (a picture takes about 20 ms; there is no model call to share),
so for it batching only changes how requests wait; the diffusers engine shares one
pipeline call per batch where it can (tests/test_diffusers_batch.py). On a machine with
fewer cores than replicas plus the proxy and gateway, the scaling ratio says how much the
extra replica is starved, not how Ray Serve scales.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jupyter_imagechat.server import ModelSpec, RateLimit, ServeOptions  # noqa: E402
from jupyter_imagechat.server.app import build_app, require_ray  # noqa: E402

PROMPTS = [
    "three red apples left of a blue bowl",
    "a cat on a bed at night",
    "two dogs and a cat in the park",
    "a red and white striped cat",
    "five yellow ducks on the beach",
    "a teacher and a student in a classroom",
    "a wooden chair next to a glass vase",
    "a giraffe next to an elephant at sunset",
]


@dataclass
class Tally:
    """What one level's clients saw."""

    sent: int = 0
    ok: int = 0
    busy: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)
    batches: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, outcome: str, seconds: float, batch: int = 1) -> None:
        with self.lock:
            if outcome == "ok":
                self.ok += 1
                self.latencies.append(seconds)
                self.batches.append(batch)
            elif outcome == "busy":
                self.busy += 1
            else:
                self.errors += 1


def client(port: int, number: int, tally: Tally, args: argparse.Namespace, end: float) -> None:
    """One client: requests one after another until its budget or the level's time is up."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=args.timeout)
    for i in range(args.requests):
        if time.monotonic() >= end:
            break
        body = json.dumps(
            {
                "prompt": PROMPTS[(number + i) % len(PROMPTS)],
                "size": f"{args.size}x{args.size}",
                "seed": i,
                "user": f"client-{number}",
            }
        )
        with tally.lock:
            tally.sent += 1
        started = time.monotonic()
        outcome, wait, batch = "error", 0.0, 1
        try:
            connection.request(
                "POST", "/v1/images/generations", body, {"Content-Type": "application/json"}
            )
            reply = connection.getresponse()
            data = reply.read()
            if reply.status == 200 and b"b64_json" in data:
                outcome = "ok"
                batch = int(json.loads(data)["jupyter_imagechat"]["batch"]["requests"])
            elif reply.status == 429:
                outcome, wait = "busy", min(2.0, float(reply.getheader("Retry-After") or 1))
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=args.timeout)
        tally.add(outcome, time.monotonic() - started, batch)
        if wait:
            time.sleep(min(wait, max(0.0, end - time.monotonic())))
    connection.close()


def run_level(port: int, clients: int, args: argparse.Namespace) -> tuple[Tally, float]:
    tally = Tally()
    started = time.monotonic()
    end = started + args.seconds
    threads = [
        threading.Thread(target=client, args=(port, n, tally, args, end), daemon=True)
        for n in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(args.seconds + args.timeout + 5)
    return tally, time.monotonic() - started


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def serve(replicas: int, batch: int, port: int, args: argparse.Namespace) -> None:
    _, serve_module = require_ray()
    options = ServeOptions(
        port=port,
        models=(
            ModelSpec(
                "builtin",
                num_cpus=0.5,
                min_replicas=replicas,
                max_replicas=replicas,
                max_queued=args.max_queued,
                max_batch_size=batch,
                batch_wait_timeout_s=args.batch_wait,
            ),
        ),
        rate=RateLimit(per_minute=1e6, burst=10_000),
    )
    serve_module.run(build_app(options), name="bench", route_prefix="/", blocking=False)


def ratios(
    title: str,
    results: dict[tuple[int, int], dict[int, float]],
    args: argparse.Namespace,
    pairs: list[tuple[tuple[int, int], tuple[int, int], str]],
) -> None:
    """Print ``results[top] / results[bottom]`` per number of clients, for each pair run."""
    shown = [(top, bottom, label) for top, bottom, label in pairs
             if top in results and bottom in results]  # fmt: skip
    if not shown:
        return
    print(f"\n## {title}")
    for top, bottom, label in shown:
        for clients in args.clients:
            a, b = results[top].get(clients), results[bottom].get(clients)
            if a and b:
                print(f"- {label}, {clients} clients: {a / b:.2f} ({a:.1f} / {b:.1f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 32, 64])
    parser.add_argument("--seconds", type=float, default=20.0, help="time per level")
    parser.add_argument("--requests", type=int, default=200, help="most requests per client")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    parser.add_argument("--size", type=int, default=128, help="picture side in pixels")
    parser.add_argument("--max-queued", type=int, default=16, help="requests waiting per replica")
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--batch-sizes", type=int, nargs="+", default=[1, 4], help="max_batch_size (1: none)"
    )
    parser.add_argument("--batch-wait", type=float, default=0.02, help="batch_wait_timeout_s")
    args = parser.parse_args()

    ray, serve_module = require_ray()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    cpus = os.cpu_count() or 2
    for attempt in range(5):  # a machine under load can miss Ray's start-up windows
        try:
            ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False,
                     object_store_memory=200 * 1024 * 1024)  # fmt: skip
            break
        except Exception:
            ray.shutdown()
            if attempt == 4:
                raise
            time.sleep(10)
    serve_module.start(http_options={"host": "127.0.0.1", "port": port})
    print(f"# {cpus} CPUs, {args.size}px pictures, {args.seconds:g} s per level, queue "
          f"{args.max_queued} per replica", flush=True)  # fmt: skip
    results: dict[tuple[int, int], dict[int, float]] = {}
    try:
        for replicas in args.replicas:
            for batch in args.batch_sizes:
                serve(replicas, batch, port, args)
                run_level(port, 2, argparse.Namespace(**{**vars(args), "seconds": 3.0}))  # warm
                kind = "no batching" if batch == 1 else f"batches of up to {batch}"
                print(f"\n## {replicas} replica(s), {kind}")
                print("| clients | sent | 200 | 429 | errors | lost | pictures/s | p50 s | p95 s "
                      "| mean batch |")  # fmt: skip
                print("|---|---|---|---|---|---|---|---|---|---|")
                for clients in args.clients:
                    tally, wall = run_level(port, clients, args)
                    lost = tally.sent - tally.ok - tally.busy - tally.errors
                    rate = tally.ok / wall
                    results.setdefault((replicas, batch), {})[clients] = rate
                    p50 = percentile(tally.latencies, 0.5)
                    p95 = percentile(tally.latencies, 0.95)
                    mean = sum(tally.batches) / len(tally.batches) if tally.batches else 0.0
                    print(f"| {clients} | {tally.sent} | {tally.ok} | {tally.busy} "
                          f"| {tally.errors} | {lost} | {rate:.1f} | {p50:.3f} | {p95:.3f} "
                          f"| {mean:.2f} |", flush=True)  # fmt: skip
                serve_module.delete("bench")
    finally:
        serve_module.shutdown()
        ray.shutdown()
    ratios("batching: pictures/s batched / unbatched", results, args,
           [((r, b), (r, 1), f"{r} replica(s), batches of {b}") for r in args.replicas
            for b in args.batch_sizes if b != 1])  # fmt: skip
    ratios("scaling: pictures/s with 2 replicas / with 1", results, args,
           [((2, b), (1, b), f"batch size {b}") for b in args.batch_sizes])  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
