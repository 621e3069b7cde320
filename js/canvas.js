// The canvas pane: the current picture, a mask overlay painted with a soft brush / eraser,
// undo / redo, clear, invert, zoom and pan, Select, download, and pictures dropped or pasted.
//
// The mask lives at the picture's pixel size (not its CSS size) as weights 0..255 (mask.js).
// A stroke paints into it directly (brush.js) and redraws only the rectangle it touched; when
// the stroke ends, the boolean mask is sent to the kernel, which is authoritative: its `_mask`
// trait redraws the overlay when it differs.

import { Stroke } from "./brush.js";
import { h, isTyping } from "./dom.js";
import { createImageIO } from "./imageio.js";
import { UndoStack, invert, isEmpty, maskFromKernel, maskToImageData, sameMask } from "./mask.js";
import { encodeMask } from "./maskcodec.js";
import { SIZE_MAX, SIZE_MIN, createToolbar } from "./toolbar.js";
import { createPinch, createViewport } from "./viewport.js";

/** Show the Select tool (the kernel's `select` request: the clicked object becomes the mask). */
const SELECT_TOOL = true;

/** @typedef {import("./toolbar.js").Tool} Tool */

/**
 * @param {import("./widget.js").Model} model
 * @param {ReturnType<import("./rpc.js").createRpc>} rpc
 * @param {(text: string) => void} showLocalError
 */
export function createCanvasPane(model, rpc, showLocalError) {
  const toolbar = createToolbar({ select: SELECT_TOOL });
  const { tools, buttons } = toolbar;
  const { size: sizeInput, softness: softnessInput } = toolbar;
  const {
    undo: undoButton,
    redo: redoButton,
    invert: invertButton,
    clear: clearButton,
    zoomOut: zoomOutButton,
    zoomIn: zoomInButton,
    fit: fitButton,
    download: downloadButton,
  } = buttons;
  const imageCanvas = /** @type {HTMLCanvasElement} */ (
    h("canvas", { class: "ic-image", "data-testid": "canvas", width: 512, height: 512, "aria-label": "Picture" })
  );
  const maskCanvas = /** @type {HTMLCanvasElement} */ (
    h("canvas", { class: "ic-mask", "data-testid": "mask-canvas", width: 512, height: 512, "aria-label": "Mask" })
  );
  const placeholder = h("div", {
    class: "ic-placeholder",
    text: "Send a prompt to draw a picture, or drop or paste an image here.",
  });
  const view = h("div", { class: "ic-view" }, [imageCanvas, maskCanvas]);
  const stage = h("div", { class: "ic-stage ic-empty-stage", "data-testid": "stage" }, [view, placeholder]);
  const el = h("section", { class: "ic-canvas-pane", tabindex: 0, "aria-label": "Picture and mask" }, [
    toolbar.el,
    toolbar.extend.panel, // wired by extend.js
    stage,
  ]);
  // The Extend panel's preview of the bigger frame goes over the picture (extend.js).
  Object.assign(toolbar.extend, { stage });

  const imageCtx = /** @type {CanvasRenderingContext2D} */ (imageCanvas.getContext("2d"));
  const maskCtx = /** @type {CanvasRenderingContext2D} */ (maskCanvas.getContext("2d"));
  const viewport = createViewport(stage, view, (zoom) => {
    fitButton.disabled = zoom === 1;
    stage.style.setProperty("--ic-zoom", String(zoom));
  });
  const pinch = createPinch(viewport);

  let width = 0;
  let height = 0;
  /** Weights 0..255 per picture pixel (see mask.js). */
  let mask = new Uint8Array(0);
  /** The overlay's pixels, kept to redraw only what a stroke touches. */
  let overlay = /** @type {ImageData | null} */ (null);
  /** @type {Uint8Array | undefined} reused between strokes */
  let coverage;
  const undoStack = new UndoStack();
  let tool = /** @type {Tool} */ ("brush");
  /** @type {{pointerId: number, x: number, y: number, stroke: Stroke} | null} */
  let stroke = null;
  /** @type {{pointerId: number, x: number, y: number} | null} */
  let drag = null;
  let spaceHeld = false;
  let imageGeneration = 0;
  let masksInFlight = 0;
  let disposed = false;

  // -- picture -----------------------------------------------------------------
  async function renderImage() {
    const generation = ++imageGeneration;
    /** @type {DataView | null} */
    const data = model.get("_image");
    downloadButton.disabled = !data || data.byteLength === 0;
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
    overlay = empty ? null : maskCtx.createImageData(w, h_);
    coverage = undefined;
    viewport.reset();
    renderMaskFromKernel();
    updateButtons();
  }

  // -- mask ----------------------------------------------------------------------
  function drawMask(/** @type {import("./brush.js").Rect | null} */ rect = null) {
    if (width === 0 || !overlay) return;
    const r = rect ?? { x: 0, y: 0, w: width, h: height };
    maskToImageData(mask, overlay, r);
    maskCtx.putImageData(overlay, 0, 0, r.x, r.y, r.w, r.h);
  }

  function renderMaskFromKernel() {
    // While painting, or while our own masks are on their way, the kernel's value is stale;
    // the last request's reply brings us back here.
    if (stroke || masksInFlight > 0) return;
    const next = maskFromKernel(model.get("_mask"), width * height);
    if (next === null) return; // for another picture size: the new picture is still decoding
    if (!sameMask(next, mask)) {
      // Changed elsewhere (a turn used it up, Python set it, Select): old undo states no longer apply.
      undoStack.clear();
      mask = next;
      drawMask();
    }
    updateButtons();
  }

  function sendMask() {
    masksInFlight++;
    let request;
    if (isEmpty(mask)) request = rpc.request("clear_mask");
    else {
      const { encoding, buffer } = encodeMask(mask); // run lengths: a few KiB, not 4 MiB
      request = rpc.request("mask", { width, height, encoding }, [buffer]);
    }
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

  /** Replace the mask by `next` (undoable unless `fromHistory`), redraw and send it. */
  function change(/** @type {Uint8Array | undefined} */ next, fromHistory = false) {
    if (!next || !canPaint() || stroke) return;
    if (!fromHistory) undoStack.push(mask);
    mask = next;
    drawMask();
    sendMask();
  }

  const undo = () => canPaint() && !stroke && change(undoStack.pop(mask), true);
  const redo = () => canPaint() && !stroke && change(undoStack.redo(mask), true);
  const clear = () => !isEmpty(mask) && change(new Uint8Array(width * height));
  const invertMask = () => change(invert(mask));

  // -- painting ------------------------------------------------------------------
  function canPaint() {
    return width > 0 && !model.get("_busy");
  }

  /** Pointer position in picture pixels (the bounding box includes zoom and pan). */
  function toImage(/** @type {{clientX: number, clientY: number}} */ event) {
    const rect = maskCanvas.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) * width) / Math.max(rect.width, 1),
      y: ((event.clientY - rect.top) * height) / Math.max(rect.height, 1),
    };
  }

  const brushSize = () => Number(sizeInput.value) || 32;

  function paint(/** @type {number} */ x0, /** @type {number} */ y0, /** @type {number} */ x1, /** @type {number} */ y1) {
    if (!stroke) return;
    const rect = stroke.stroke.segment(x0, y0, x1, y1);
    if (rect) drawMask(rect);
  }

  function cancelStroke() {
    if (!stroke) return;
    coverage = stroke.stroke.finish();
    mask = /** @type {Uint8Array} */ (undoStack.pop());
    stroke = null;
    drawMask();
  }

  /** Keep getting a pointer's events outside the canvas (not possible for every pointer). */
  function capture(/** @type {number} */ pointerId) {
    try {
      maskCanvas.setPointerCapture(pointerId);
    } catch {
      // e.g. a pointer the browser no longer tracks; the stroke still ends on pointerup
    }
  }

  function onPointerDown(/** @type {PointerEvent} */ event) {
    pinch.down(event);
    if (pinch.active) {
      cancelStroke(); // a second finger: this is a pinch, not a stroke
      drag = null;
      return;
    }
    if (stroke || drag) return;
    el.focus({ preventScroll: true });
    const panning = event.button === 1 || (event.button === 0 && (tool === "pan" || spaceHeld));
    if (panning) {
      event.preventDefault();
      capture(event.pointerId);
      drag = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
      return;
    }
    if (event.button !== 0 || !canPaint()) return;
    event.preventDefault();
    const p = toImage(event);
    if (tool === "select") {
      selectAt(p.x, p.y);
      return;
    }
    capture(event.pointerId);
    const s = new Stroke(mask, width, height, {
      erase: tool === "eraser",
      size: brushSize(),
      softness: Number(softnessInput.value) / 100,
      coverage,
    });
    undoStack.push(s.base);
    stroke = { pointerId: event.pointerId, ...p, stroke: s };
    paint(p.x, p.y, p.x, p.y);
  }

  function onPointerMove(/** @type {PointerEvent} */ event) {
    if (pinch.move(event)) return;
    if (drag && event.pointerId === drag.pointerId) {
      viewport.panBy(event.clientX - drag.x, event.clientY - drag.y);
      drag.x = event.clientX;
      drag.y = event.clientY;
      return;
    }
    if (!stroke || event.pointerId !== stroke.pointerId) return;
    const events = typeof event.getCoalescedEvents === "function" ? event.getCoalescedEvents() : [];
    for (const e of events.length ? events : [event]) {
      const p = toImage(e);
      paint(stroke.x, stroke.y, p.x, p.y);
      stroke.x = p.x;
      stroke.y = p.y;
    }
  }

  function onPointerEnd(/** @type {PointerEvent} */ event) {
    pinch.up(event);
    if (drag && event.pointerId === drag.pointerId) drag = null;
    if (!stroke || event.pointerId !== stroke.pointerId) return;
    coverage = stroke.stroke.finish();
    stroke = null;
    if (maskCanvas.hasPointerCapture(event.pointerId)) maskCanvas.releasePointerCapture(event.pointerId);
    sendMask();
  }

  function selectAt(/** @type {number} */ x, /** @type {number} */ y) {
    const px = Math.min(Math.max(Math.floor(x), 0), width - 1);
    const py = Math.min(Math.max(Math.floor(y), 0), height - 1);
    masksInFlight++; // the kernel's new mask is applied here, as an undoable change
    rpc
      .request("select", { x: px, y: py })
      .catch((err) => err.local && showLocalError(err.message))
      .finally(() => {
        masksInFlight--;
        const next = maskFromKernel(model.get("_mask"), width * height);
        if (next && masksInFlight === 0 && !stroke && !sameMask(next, mask)) {
          undoStack.push(mask);
          mask = next;
          drawMask();
        }
        renderMaskFromKernel();
      });
  }

  // -- tools and keys ------------------------------------------------------------
  function setTool(/** @type {Tool} */ next) {
    tool = next;
    for (const [name, b] of Object.entries(tools)) b.setAttribute("aria-pressed", String(name === next));
    stage.dataset.tool = next;
  }

  function updateButtons() {
    const hadFocus = el.contains(document.activeElement);
    const paintable = canPaint();
    undoButton.disabled = !paintable || undoStack.size === 0;
    redoButton.disabled = !paintable || undoStack.redoSize === 0;
    clearButton.disabled = !paintable || isEmpty(mask);
    invertButton.disabled = !paintable;
    el.classList.toggle("ic-locked", !paintable);
    // A button that just got disabled drops the focus; keep it in the pane for the shortcuts.
    const active = /** @type {HTMLButtonElement | null} */ (document.activeElement);
    if (hadFocus && (active?.disabled || !el.contains(active))) el.focus({ preventScroll: true });
  }

  function setBrushSize(/** @type {number} */ value) {
    sizeInput.value = String(Math.min(Math.max(value, SIZE_MIN), SIZE_MAX));
  }

  function onKeydown(/** @type {KeyboardEvent} */ event) {
    if (isTyping(event.target) || event.altKey) return;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    let handled = true;
    if (mod && key === "z") event.shiftKey ? redo() : undo();
    else if (mod && key === "y") redo();
    else if (mod) handled = false;
    else if (key === "b") setTool("brush");
    else if (key === "e") setTool("eraser");
    else if (key === "h") setTool("pan");
    else if (key === "s" && SELECT_TOOL) setTool("select");
    else if (key === "i") invertMask();
    else if (key === "[") setBrushSize(brushSize() - 4);
    else if (key === "]") setBrushSize(brushSize() + 4);
    else if (key === "+" || key === "=") viewport.zoomBy(1.5);
    else if (key === "-") viewport.zoomBy(1 / 1.5);
    else if (key === "0") viewport.reset();
    else if (key === " ") spaceHeld = true;
    else handled = false;
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  function onKeyup(/** @type {KeyboardEvent} */ event) {
    if (event.key === " ") spaceHeld = false;
  }

  const io = createImageIO(model, rpc, stage, showLocalError);

  /** @type {[EventTarget, string, (e: any) => void][]} */
  const listeners = [
    [maskCanvas, "pointerdown", onPointerDown],
    [maskCanvas, "pointermove", onPointerMove],
    [maskCanvas, "pointerup", onPointerEnd],
    [maskCanvas, "pointercancel", onPointerEnd],
    [maskCanvas, "lostpointercapture", onPointerEnd],
    [maskCanvas, "contextmenu", (e) => stroke && e.preventDefault()],
    [undoButton, "click", undo],
    [redoButton, "click", redo],
    [clearButton, "click", clear],
    [invertButton, "click", invertMask],
    [zoomInButton, "click", () => viewport.zoomBy(1.5)],
    [zoomOutButton, "click", () => viewport.zoomBy(1 / 1.5)],
    [fitButton, "click", () => viewport.reset()],
    [downloadButton, "click", io.download],
    [el, "keydown", onKeydown],
    [el, "keyup", onKeyup],
  ];
  for (const [name, b] of Object.entries(tools)) listeners.push([b, "click", () => setTool(/** @type {Tool} */ (name))]);
  for (const [target, type, fn] of listeners) target.addEventListener(type, fn);
  model.on("change:_image", renderImage);
  model.on("change:_mask", renderMaskFromKernel);
  model.on("change:_busy", updateButtons);
  setTool("brush");
  updateButtons();
  renderImage();

  return {
    el,
    /** The toolbar's elements (the Extend control is wired by extend.js). */
    toolbar,
    /** The picture's box: overlays (plan boxes) go in here, positioned in % of the picture. */
    stage,
    /** The zoomed and panned element inside `stage` that holds the canvases. */
    view,
    loadFile: io.loadFile,
    onPaste: io.onPaste,
    dispose() {
      disposed = true;
      for (const [target, type, fn] of listeners) target.removeEventListener(type, fn);
      viewport.dispose();
      io.dispose();
      model.off("change:_image", renderImage);
      model.off("change:_mask", renderMaskFromKernel);
      model.off("change:_busy", updateButtons);
    },
  };
}
