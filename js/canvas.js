// The canvas pane: the current picture, a mask overlay painted with brush / eraser, undo,
// clear, and image files dropped onto it.
//
// The mask lives at the picture's pixel size (not its CSS size). A stroke is drawn on the
// overlay canvas; when it ends, the overlay is read back into the mask and the whole mask is
// sent to the kernel, which is authoritative: its `_mask` trait redraws the overlay.

import { h, isTyping } from "./dom.js";
import { MASK_RGB, UndoStack, isEmpty, maskFromKernel, maskFromRGBA, maskToImageData, sameMask } from "./mask.js";

const MAX_FILE_BYTES = 8 * 1024 * 1024; // keep in step with protocol.MAX_IMAGE_BYTES
const SIZE_MIN = 2;
const SIZE_MAX = 200;

/**
 * @param {import("./widget.js").Model} model
 * @param {ReturnType<import("./rpc.js").createRpc>} rpc
 * @param {(text: string) => void} showLocalError
 */
export function createCanvasPane(model, rpc, showLocalError) {
  const toolButton = (/** @type {string} */ id, /** @type {string} */ label, /** @type {string} */ key) =>
    /** @type {HTMLButtonElement} */ (
      h("button", {
        class: "ic-button ic-tool",
        type: "button",
        "data-testid": id,
        title: `${label} (${key})`,
        "aria-pressed": "false",
        text: label,
      })
    );
  const brushButton = toolButton("brush", "Brush", "B");
  const eraserButton = toolButton("eraser", "Eraser", "E");
  const sizeInput = /** @type {HTMLInputElement} */ (
    h("input", {
      type: "range",
      min: SIZE_MIN,
      max: SIZE_MAX,
      value: 32,
      "data-testid": "brush-size",
      "aria-label": "Brush size in pixels",
      title: "Brush size ([ and ])",
    })
  );
  const undoButton = /** @type {HTMLButtonElement} */ (
    h("button", { class: "ic-button", type: "button", "data-testid": "undo", title: "Undo (Ctrl+Z)", text: "Undo" })
  );
  const clearButton = /** @type {HTMLButtonElement} */ (
    h("button", { class: "ic-button", type: "button", "data-testid": "clear", title: "Clear the mask", text: "Clear" })
  );
  const imageCanvas = /** @type {HTMLCanvasElement} */ (
    h("canvas", { class: "ic-image", "data-testid": "canvas", width: 512, height: 512, "aria-label": "Picture" })
  );
  const maskCanvas = /** @type {HTMLCanvasElement} */ (
    h("canvas", { class: "ic-mask", "data-testid": "mask-canvas", width: 512, height: 512, "aria-label": "Mask" })
  );
  const placeholder = h("div", {
    class: "ic-placeholder",
    text: "Send a prompt to draw a picture, or drop an image file here.",
  });
  const stage = h("div", { class: "ic-stage ic-empty-stage" }, [imageCanvas, maskCanvas, placeholder]);
  const el = h("section", { class: "ic-canvas-pane", tabindex: 0, "aria-label": "Picture and mask" }, [
    h("div", { class: "ic-toolbar", role: "toolbar" }, [
      brushButton,
      eraserButton,
      h("label", { class: "ic-size" }, ["Size ", sizeInput]),
      undoButton,
      clearButton,
    ]),
    stage,
  ]);

  const imageCtx = /** @type {CanvasRenderingContext2D} */ (imageCanvas.getContext("2d"));
  const maskCtx = /** @type {CanvasRenderingContext2D} */ (maskCanvas.getContext("2d", { willReadFrequently: true }));

  let width = 0;
  let height = 0;
  /** 0/1 per picture pixel; the last state sent to (or received from) the kernel. */
  let mask = new Uint8Array(0);
  const undoStack = new UndoStack();
  let tool = /** @type {"brush" | "eraser"} */ ("brush");
  /** @type {{pointerId: number, x: number, y: number} | null} */
  let stroke = null;
  let imageGeneration = 0;
  let masksInFlight = 0;
  let disposed = false;

  // -- picture -----------------------------------------------------------------
  async function renderImage() {
    const generation = ++imageGeneration;
    /** @type {DataView | null} */
    const data = model.get("_image");
    if (!data || data.byteLength === 0) {
      setSize(0, 0);
      return;
    }
    const url = URL.createObjectURL(new Blob([data], { type: "image/png" }));
    try {
      const img = new Image();
      img.src = url;
      await img.decode();
      if (disposed || generation !== imageGeneration) return; // a newer picture arrived
      setSize(img.naturalWidth, img.naturalHeight);
      imageCtx.drawImage(img, 0, 0);
    } catch (err) {
      if (generation === imageGeneration) showLocalError(`could not show the picture: ${err}`);
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  function setSize(/** @type {number} */ w, /** @type {number} */ h_) {
    const empty = w === 0 || h_ === 0;
    stage.classList.toggle("ic-empty-stage", empty);
    if (w === width && h_ === height) return;
    width = w;
    height = h_;
    stroke = null;
    undoStack.clear();
    if (!empty) {
      imageCanvas.width = maskCanvas.width = w;
      imageCanvas.height = maskCanvas.height = h_;
      stage.style.setProperty("--ic-aspect", `${w} / ${h_}`);
    }
    mask = new Uint8Array(w * h_);
    renderMaskFromKernel();
    updateButtons();
  }

  // -- mask ----------------------------------------------------------------------
  function drawMask() {
    if (width === 0) return;
    maskCtx.putImageData(maskToImageData(mask, maskCtx.createImageData(width, height)), 0, 0);
  }

  function renderMaskFromKernel() {
    // While painting, or while our own masks are on their way, the kernel's value is stale;
    // the last request's reply brings us back here.
    if (stroke || masksInFlight > 0) return;
    const next = maskFromKernel(model.get("_mask"), width * height);
    if (next === null) return; // for another picture size: the new picture is still decoding
    if (!sameMask(next, mask)) {
      // Changed elsewhere (a turn used it up, Python set it): old undo states no longer apply.
      undoStack.clear();
      mask = next;
      drawMask();
    }
    updateButtons();
  }

  function sendMask() {
    masksInFlight++;
    const request = !isEmpty(mask)
      ? rpc.request("mask", { width, height }, [mask.slice().buffer])
      : rpc.request("clear_mask");
    request
      .catch((err) => {
        if (err.local) showLocalError(err.message); // the kernel shows its own errors
      })
      .finally(() => {
        masksInFlight--;
        renderMaskFromKernel(); // normally our own mask; after a refusal, the kernel's
      });
    updateButtons();
  }

  function undo() {
    if (!canPaint() || undoStack.size === 0) return;
    mask = /** @type {Uint8Array} */ (undoStack.pop());
    drawMask();
    sendMask();
  }

  function clear() {
    if (!canPaint() || isEmpty(mask)) return;
    undoStack.push(mask);
    mask = new Uint8Array(width * height);
    drawMask();
    sendMask();
  }

  // -- painting ------------------------------------------------------------------
  function canPaint() {
    return width > 0 && !model.get("_busy");
  }

  /** Pointer position in picture pixels. */
  function toImage(/** @type {PointerEvent} */ event) {
    const rect = maskCanvas.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) * width) / Math.max(rect.width, 1),
      y: ((event.clientY - rect.top) * height) / Math.max(rect.height, 1),
    };
  }

  function brushSize() {
    return Number(sizeInput.value) || 32;
  }

  function setupStrokeStyle() {
    maskCtx.globalCompositeOperation = tool === "eraser" ? "destination-out" : "source-over";
    const color = `rgb(${MASK_RGB.join(",")})`;
    maskCtx.strokeStyle = color;
    maskCtx.fillStyle = color;
    maskCtx.lineWidth = brushSize();
    maskCtx.lineCap = "round";
    maskCtx.lineJoin = "round";
  }

  function onPointerDown(/** @type {PointerEvent} */ event) {
    if (event.button !== 0 || stroke || !canPaint()) return;
    event.preventDefault();
    maskCanvas.setPointerCapture(event.pointerId);
    el.focus({ preventScroll: true });
    const p = toImage(event);
    stroke = { pointerId: event.pointerId, ...p };
    undoStack.push(mask);
    setupStrokeStyle();
    maskCtx.beginPath();
    maskCtx.arc(p.x, p.y, brushSize() / 2, 0, Math.PI * 2);
    maskCtx.fill();
  }

  function onPointerMove(/** @type {PointerEvent} */ event) {
    if (!stroke || event.pointerId !== stroke.pointerId) return;
    const events = typeof event.getCoalescedEvents === "function" ? event.getCoalescedEvents() : [];
    for (const e of events.length ? events : [event]) {
      const p = toImage(e);
      maskCtx.beginPath();
      maskCtx.moveTo(stroke.x, stroke.y);
      maskCtx.lineTo(p.x, p.y);
      maskCtx.stroke();
      stroke.x = p.x;
      stroke.y = p.y;
    }
  }

  function onPointerEnd(/** @type {PointerEvent} */ event) {
    if (!stroke || event.pointerId !== stroke.pointerId) return;
    stroke = null;
    maskCtx.globalCompositeOperation = "source-over";
    if (maskCanvas.hasPointerCapture(event.pointerId)) maskCanvas.releasePointerCapture(event.pointerId);
    mask = maskFromRGBA(maskCtx.getImageData(0, 0, width, height).data);
    drawMask(); // snap the anti-aliased edge to what the kernel will get
    sendMask();
  }

  // -- tools and keys ------------------------------------------------------------
  function setTool(/** @type {"brush" | "eraser"} */ next) {
    tool = next;
    brushButton.setAttribute("aria-pressed", String(next === "brush"));
    eraserButton.setAttribute("aria-pressed", String(next === "eraser"));
  }

  function updateButtons() {
    const paintable = canPaint();
    undoButton.disabled = !paintable || undoStack.size === 0;
    clearButton.disabled = !paintable || isEmpty(mask);
    el.classList.toggle("ic-locked", !paintable);
  }

  function onKeydown(/** @type {KeyboardEvent} */ event) {
    if (isTyping(event.target) || event.altKey) return;
    const mod = event.ctrlKey || event.metaKey;
    let handled = true;
    if (mod && event.key.toLowerCase() === "z" && !event.shiftKey) undo();
    else if (mod) handled = false;
    else if (event.key === "b") setTool("brush");
    else if (event.key === "e") setTool("eraser");
    else if (event.key === "[") sizeInput.value = String(brushSize() - 4);
    else if (event.key === "]") sizeInput.value = String(brushSize() + 4);
    else handled = false;
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  // -- dropping a picture ----------------------------------------------------------
  function onDragOver(/** @type {DragEvent} */ event) {
    if (!event.dataTransfer?.types.includes("Files")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    stage.classList.add("ic-drop");
  }

  function onDragLeave() {
    stage.classList.remove("ic-drop");
  }

  async function onDrop(/** @type {DragEvent} */ event) {
    stage.classList.remove("ic-drop");
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    event.preventDefault();
    if (file.size > MAX_FILE_BYTES) {
      showLocalError(`${file.name} is ${(file.size / 2 ** 20).toFixed(1)} MiB; the limit is 8 MiB`);
      return;
    }
    try {
      const data = await file.arrayBuffer();
      await rpc.request("load_image", { name: file.name.slice(0, 255) }, [data]);
    } catch (err) {
      if (!(err && /** @type {any} */ (err).kind) || /** @type {any} */ (err).local) {
        showLocalError(`could not load ${file.name}: ${/** @type {any} */ (err)?.message ?? err}`);
      }
    }
  }

  const onBrush = () => setTool("brush");
  const onEraser = () => setTool("eraser");
  /** @type {[EventTarget, string, (e: any) => void][]} */
  const listeners = [
    [maskCanvas, "pointerdown", onPointerDown],
    [maskCanvas, "pointermove", onPointerMove],
    [maskCanvas, "pointerup", onPointerEnd],
    [maskCanvas, "pointercancel", onPointerEnd],
    [maskCanvas, "lostpointercapture", onPointerEnd],
    [brushButton, "click", onBrush],
    [eraserButton, "click", onEraser],
    [undoButton, "click", undo],
    [clearButton, "click", clear],
    [el, "keydown", onKeydown],
    [stage, "dragover", onDragOver],
    [stage, "dragleave", onDragLeave],
    [stage, "drop", onDrop],
  ];
  for (const [target, type, fn] of listeners) target.addEventListener(type, fn);
  model.on("change:_image", renderImage);
  model.on("change:_mask", renderMaskFromKernel);
  model.on("change:_busy", updateButtons);
  setTool("brush");
  updateButtons();
  renderImage();

  return {
    el,
    dispose() {
      disposed = true;
      for (const [target, type, fn] of listeners) target.removeEventListener(type, fn);
      model.off("change:_image", renderImage);
      model.off("change:_mask", renderMaskFromKernel);
      model.off("change:_busy", updateButtons);
    },
  };
}
