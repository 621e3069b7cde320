"""A 2048x2048 mask from a browser canvas to a numpy array in the kernel: binary buffers
against a base64 data-URL PNG, in the same run, in JupyterLab and headless chromium.

Run from the project root (needs chromium and the test extra)::

    python benchmarks/browser_mask_transfer.py [--size 2048] [--repeats 10]

Both paths start from the same painted canvas (40 random round strokes, 80 px wide). The
figure that counts ends when the kernel holds the bool numpy array (kernel ``time.time()``
minus the browser's ``performance.timeOrigin + now()``: the same machine, the same clock);
the round trip until the browser has the kernel's reply is printed too. The reply's way
back (kernel -> server -> browser) costs a fixed ~45 ms here whatever it carries, which
no encoding can change.

- binary (the widget's path): the painted mask as the widget holds it (one weight byte per
  pixel, read once from the canvas before timing) -> the widget's encoder
  (``js/maskcodec.js``: run lengths, or one bit per pixel if that is smaller) ->
  ``model.send(content, undefined, [buffer])`` -> ``protocol.parse_request`` (the widget's
  own ``mask`` request parsing).
- raw (for reference): the same bytes thresholded to one byte per pixel (4 MiB), no encoding.
- empty (for reference): a message round trip carrying nothing, the floor of any path.
- base64 PNG: ``canvas.toDataURL("image/png")`` -> JSON string -> base64 decode -> PIL
  -> alpha channel >= 128.

Prints the median and 95th percentile of each path, the kernel's decoding time, the bytes
sent and the speed-up of binary over PNG (goal: >= 5x).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from _browser import lab_page, percentile  # noqa: E402

# The widget's own encoder (js/maskcodec.js), inlined.
CODEC = (ROOT / "js" / "maskcodec.js").read_text()
CODEC = "const THRESHOLD = 128;\n" + "\n".join(
    line.replace("export function", "function")
    for line in CODEC.splitlines()
    if not line.startswith("import ")
)
ESM = (
    CODEC
    + r"""
export default { render({ model, el }) {
  const W = model.get("size"), H = W;
  const canvas = document.createElement("canvas");
  canvas.width = W; canvas.height = H; canvas.style.width = "256px";
  el.append(canvas);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  ctx.strokeStyle = "rgb(255, 40, 160)"; ctx.lineWidth = 80; ctx.lineCap = "round";
  for (let i = 0; i < 40; i++) {
    ctx.beginPath(); ctx.moveTo(rand() * W, rand() * H);
    ctx.lineTo(rand() * W, rand() * H); ctx.stroke();
  }
  let pending = null;
  model.on("msg:custom", (msg) => { const p = pending; pending = null; if (p) p(msg); });
  const roundTrip = (content, buffers) =>
    new Promise((resolve) => { pending = resolve; model.send(content, undefined, buffers); });
  // The widget holds its mask as one weight byte per pixel (js/mask.js): the same strokes.
  const rgba = ctx.getImageData(0, 0, W, H).data;
  const weights = new Uint8Array(W * H);
  for (let i = 0, j = 3; i < weights.length; i++, j += 4) weights[i] = rgba[j];
  window.__maskBench = {
    async binary() {
      const t0 = performance.now(); const start = performance.timeOrigin + t0;
      const { encoding, buffer } = encodeMask(weights);
      const reply = await roundTrip({ kind: "binary", encoding }, [buffer]);
      return { start, ms: performance.now() - t0, bytes: buffer.byteLength, reply };
    },
    async empty() {
      const t0 = performance.now(); const start = performance.timeOrigin + t0;
      const reply = await roundTrip({ kind: "empty" });
      return { start, ms: performance.now() - t0, bytes: 0, reply };
    },
    async raw() {
      const t0 = performance.now(); const start = performance.timeOrigin + t0;
      const mask = weights.map((v) => (v >= 128 ? 1 : 0));
      const reply = await roundTrip({ kind: "binary", encoding: "bytes" }, [mask.buffer]);
      return { start, ms: performance.now() - t0, bytes: mask.byteLength, reply };
    },
    async png() {
      const t0 = performance.now(); const start = performance.timeOrigin + t0;
      const url = canvas.toDataURL("image/png");
      const reply = await roundTrip({ kind: "png", data: url });
      return { start, ms: performance.now() - t0, bytes: url.length, reply };
    },
  };
}};
"""
)

CELL = """
import base64, io, time
import anywidget, numpy as np, traitlets
from PIL import Image
from jupyter_imagechat import protocol

class MaskBench(anywidget.AnyWidget):
    _esm = {esm!r}
    size = traitlets.Int({size}).tag(sync=True)

    def __init__(self):
        super().__init__()
        self.on_msg(self._on)

    def _on(self, _w, content, buffers):
        t0 = time.perf_counter()
        if content["kind"] == "empty":  # the message round trip alone
            self.send({{"pixels": None, "kernel_ms": 0.0, "done": time.time() * 1000}})
            return
        if content["kind"] == "binary":
            req = protocol.parse_request(
                {{"id": "b1", "kind": "mask", "width": self.size, "height": self.size,
                  "encoding": content["encoding"]}},
                buffers, image_size=(self.size, self.size))
            mask = req.mask
        else:
            data = base64.b64decode(content["data"].split(",", 1)[1])
            mask = np.asarray(Image.open(io.BytesIO(data)).getchannel("A")) >= 128
        done = time.time() * 1000  # the numpy array is ready (same clock as the browser's)
        kernel_ms = (time.perf_counter() - t0) * 1000
        assert mask.dtype == bool and mask.shape == (self.size, self.size)
        self.send({{"pixels": int(mask.sum()), "kernel_ms": kernel_ms, "done": done}})

bench = MaskBench()
bench
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2048)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    with lab_page([CELL.format(esm=ESM, size=args.size)]) as page:
        page.wait_for_function("() => window.__maskBench", timeout=60_000)
        results: dict[str, list[dict]] = {"binary": [], "raw": [], "png": [], "empty": []}
        for i in range(args.repeats + 2):  # two warm-up rounds
            for path in results:
                r = page.evaluate(f"() => window.__maskBench.{path}()")
                if i >= 2:
                    results[path].append(r)
    pixels = {r["reply"]["pixels"] for rs in results.values() for r in rs} - {None}
    assert len(pixels) == 1, f"the two paths disagree on the mask: {pixels}"
    print(f"{args.size}x{args.size} mask, {pixels.pop():,} pixels masked, {args.repeats} runs each")
    print("  path    canvas -> numpy in the kernel    round trip (with the reply)")
    medians = {}
    trips = {}
    for path, rs in results.items():
        arrive = [r["reply"]["done"] - r["start"] for r in rs]
        ms = [r["ms"] for r in rs]
        medians[path] = statistics.median(arrive)
        trips[path] = statistics.median(ms)
        kernel = statistics.median(r["reply"]["kernel_ms"] for r in rs)
        print(
            f"  {path:<6}  median {medians[path]:6.1f} ms  p95 {percentile(arrive, 95):6.1f} ms"
            f"   median {trips[path]:6.1f} ms   (kernel decode {kernel:5.1f} ms,"
            f" {rs[0]['bytes'] / 2**20:5.2f} MiB sent)"
        )
    speedup = medians["png"] / medians["binary"]
    verdict = "meets" if speedup >= 5 else "MISSES"
    print(
        f"canvas -> numpy: binary buffers are {speedup:.1f}x faster than a base64 PNG "
        f"({verdict} the 5x goal); round trip {trips['png'] / trips['binary']:.1f}x "
        f"(the reply's way back costs every path the same ~{trips['empty']:.0f} ms)"
    )


if __name__ == "__main__":
    main()
