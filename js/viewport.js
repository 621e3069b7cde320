// Zoom and pan of the picture inside its stage, as a CSS transform on one element.
//
// The view element holds the picture and mask canvases and fills the stage at zoom 1. Zoom
// runs from 1 (the whole picture) to MAX_ZOOM; the picture always covers the stage, so a pan
// never shows empty space. Pointer positions map to picture pixels through the canvases'
// bounding boxes, which include the transform, so painting needs no extra maths.

export const MAX_ZOOM = 16;

/**
 * @param {HTMLElement} stage the clipping box (overflow: hidden)
 * @param {HTMLElement} view the transformed element inside it
 * @param {(zoom: number) => void} [onChange]
 */
export function createViewport(stage, view, onChange = () => {}) {
  let zoom = 1;
  let tx = 0;
  let ty = 0;

  function apply() {
    const w = stage.clientWidth;
    const h = stage.clientHeight;
    zoom = Math.min(Math.max(zoom, 1), MAX_ZOOM);
    tx = Math.min(0, Math.max(tx, w - w * zoom));
    ty = Math.min(0, Math.max(ty, h - h * zoom));
    view.style.transform = zoom === 1 ? "" : `translate(${tx}px, ${ty}px) scale(${zoom})`;
    stage.classList.toggle("ic-zoomed", zoom > 1);
    onChange(zoom);
  }

  /**
   * Zoom by `factor` keeping the point (cx, cy) (client coordinates; the stage's centre by
   * default) where it is.
   */
  function zoomBy(/** @type {number} */ factor, /** @type {number} */ cx = NaN, /** @type {number} */ cy = NaN) {
    const rect = stage.getBoundingClientRect();
    const x = Number.isNaN(cx) ? rect.width / 2 : cx - rect.left;
    const y = Number.isNaN(cy) ? rect.height / 2 : cy - rect.top;
    const next = Math.min(Math.max(zoom * factor, 1), MAX_ZOOM);
    tx = x - ((x - tx) * next) / zoom;
    ty = y - ((y - ty) * next) / zoom;
    zoom = next;
    apply();
  }

  function panBy(/** @type {number} */ dx, /** @type {number} */ dy) {
    tx += dx;
    ty += dy;
    apply();
  }

  function reset() {
    zoom = 1;
    tx = ty = 0;
    apply();
  }

  /** Ctrl/Cmd + wheel (and trackpad pinch, which browsers report so) zooms at the pointer. */
  function onWheel(/** @type {WheelEvent} */ event) {
    if (!(event.ctrlKey || event.metaKey)) {
      if (zoom === 1) return; // let the notebook scroll
      event.preventDefault();
      panBy(-event.deltaX, -event.deltaY);
      return;
    }
    event.preventDefault();
    zoomBy(Math.exp(-event.deltaY * 0.002), event.clientX, event.clientY);
  }

  stage.addEventListener("wheel", onWheel, { passive: false });
  return {
    zoomBy,
    panBy,
    reset,
    get zoom() {
      return zoom;
    },
    dispose() {
      stage.removeEventListener("wheel", onWheel);
    },
  };
}

/**
 * Two-finger pinch and pan from touch pointers: call `down`/`move`/`up` with pointer events;
 * `active` is true while two fingers are down.
 * @param {ReturnType<typeof createViewport>} viewport
 */
export function createPinch(viewport) {
  /** @type {Map<number, {x: number, y: number}>} */
  const points = new Map();
  /** @type {{x: number, y: number, d: number} | null} */
  let last = null;

  const measure = () => {
    const [a, b] = [...points.values()];
    return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, d: Math.hypot(a.x - b.x, a.y - b.y) || 1 };
  };

  return {
    get active() {
      return points.size >= 2;
    },
    down(/** @type {PointerEvent} */ e) {
      if (e.pointerType !== "touch") return;
      points.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (points.size === 2) last = measure();
    },
    move(/** @type {PointerEvent} */ e) {
      if (!points.has(e.pointerId)) return false;
      points.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (points.size < 2 || !last) return false;
      const now = measure();
      viewport.panBy(now.x - last.x, now.y - last.y);
      viewport.zoomBy(now.d / last.d, now.x, now.y);
      last = now;
      return true;
    },
    up(/** @type {PointerEvent} */ e) {
      points.delete(e.pointerId);
      last = points.size >= 2 ? measure() : null;
    },
  };
}
