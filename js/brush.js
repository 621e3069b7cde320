// Brush strokes on a weight mask, in plain typed arrays (no DOM: testable in node, fast).
//
// A stroke is a chain of segments. Each segment is a capsule of radius `size / 2` whose edge
// is feathered over `softness * size / 2` pixels, centred on the radius: the coverage is 1
// inside, 0 outside and exactly 0.5 at the nominal radius, whatever the softness. Coverage
// of the whole stroke is the maximum over its segments (overlaps do not build up), and the
// stroke is combined with the mask it started from: the brush takes the maximum, the eraser
// removes the coverage.

/**
 * @typedef {{x: number, y: number, w: number, h: number}} Rect
 */

/** A stroke in progress over a mask of `width` x `height` pixels. */
export class Stroke {
  /**
   * @param {Uint8Array} mask the mask to paint on (changed in place)
   * @param {number} width
   * @param {number} height
   * @param {{erase?: boolean, size?: number, softness?: number, coverage?: Uint8Array}} [options]
   *   `coverage`: a reusable zeroed buffer of width * height bytes
   */
  constructor(mask, width, height, { erase = false, size = 32, softness = 0, coverage } = {}) {
    this.mask = mask;
    this.base = mask.slice(); // the mask before the stroke (the undo state)
    this.width = width;
    this.height = height;
    this.erase = erase;
    const radius = Math.max(size, 1) / 2;
    const feather = Math.max(1, Math.min(Math.max(softness, 0), 1) * radius);
    this.inner = Math.max(radius - feather / 2, 0);
    this.outer = radius + feather / 2;
    this.coverage = coverage && coverage.length === mask.length ? coverage : new Uint8Array(mask.length);
    /** @type {Rect | null} everything the stroke touched, to clear the coverage buffer */
    this.touched = null;
    /** @type {{x: number, y: number} | null} where the last segment ended */
    this.last = null;
  }

  /**
   * Paint the segment (x0, y0) -> (x1, y1) in picture pixels; return the rectangle that
   * changed (null if none).
   * @returns {Rect | null}
   */
  segment(/** @type {number} */ x0, /** @type {number} */ y0, /** @type {number} */ x1, /** @type {number} */ y1) {
    const { width, height, inner, outer, coverage, mask, base } = this;
    const left = Math.max(Math.floor(Math.min(x0, x1) - outer), 0);
    const top = Math.max(Math.floor(Math.min(y0, y1) - outer), 0);
    const right = Math.min(Math.ceil(Math.max(x0, x1) + outer), width);
    const bottom = Math.min(Math.ceil(Math.max(y0, y1) + outer), height);
    if (left >= right || top >= bottom) return null;
    const dx = x1 - x0;
    const dy = y1 - y0;
    const len2 = dx * dx + dy * dy;
    const ramp = 255 / (outer - inner);
    const outer2 = outer * outer;
    const inner2 = inner * inner;
    // Continuing from the last segment's end: pixels nearest to (x0, y0) already have their
    // coverage from that end point, so only the part ahead of it needs painting.
    const continues = this.last !== null && this.last.x === x0 && this.last.y === y0 && len2 > 0;
    this.last = { x: x1, y: y1 };
    const yLow = Math.min(y0, y1);
    const yHigh = Math.max(y0, y1);
    const xLow = Math.min(x0, x1);
    const xHigh = Math.max(x0, x1);
    for (let y = top; y < bottom; y++) {
      const py = y + 0.5 - y0;
      // The capsule's extent on this row: within the segment's x-range widened by the
      // half-chord of the outer circle at the row's distance from the segment's y-range.
      const cy = y + 0.5;
      const gap = cy < yLow ? yLow - cy : cy > yHigh ? cy - yHigh : 0;
      if (gap >= outer) continue;
      const half = Math.sqrt(outer2 - gap * gap);
      const rowLeft = Math.max(left, Math.floor(xLow - half));
      const rowRight = Math.min(right, Math.ceil(xHigh + half));
      let i = y * width + rowLeft;
      for (let x = rowLeft; x < rowRight; x++, i++) {
        const px = x + 0.5 - x0;
        // Squared distance from the pixel centre to the segment.
        let t = len2 > 0 ? (px * dx + py * dy) / len2 : 0;
        if (t <= 0 && continues) continue;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ex = px - t * dx;
        const ey = py - t * dy;
        const d2 = ex * ex + ey * ey;
        if (d2 >= outer2) continue;
        const c = d2 <= inner2 ? 255 : Math.round((outer - Math.sqrt(d2)) * ramp);
        if (c <= coverage[i]) continue;
        coverage[i] = c;
        mask[i] = this.erase ? Math.min(base[i], 255 - c) : Math.max(base[i], c);
      }
    }
    const rect = { x: left, y: top, w: right - left, h: bottom - top };
    this.touched = this.touched ? union(this.touched, rect) : rect;
    return rect;
  }

  /** End the stroke: zero the coverage buffer for the next one and return it. */
  finish() {
    const r = this.touched;
    if (r) for (let y = r.y; y < r.y + r.h; y++) this.coverage.fill(0, y * this.width + r.x, y * this.width + r.x + r.w);
    return this.coverage;
  }
}

/** @param {Rect} a @param {Rect} b @returns {Rect} */
export function union(a, b) {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}
