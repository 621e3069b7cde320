// Keep the chat's message list at its newest message while the reader is there.
//
// The list grows in three ways that must all keep the newest message in view: messages are
// appended (Run All sends many at once), a thumbnail arrives and loads after its message
// was drawn, and the list is laid out for the first time (a page reload, a cell scrolled
// into view) or resized. Checking "near the bottom?" only when a message arrives misses the
// last two, and one late thumbnail then stops the following for good.
//
// Only the reader stops the following: a scroll away from the bottom while they wheel,
// touch, press a key in the list or hold its scrollbar. The browser scrolls the list by
// itself too (scroll anchoring keeps a message in place while thumbnails above it load; a
// shorter list clamps its position), and those scrolls must not count as the reader leaving.
// Back at the bottom, by any means, or a prompt sent (see `jump`), it follows again.

/** Within this many pixels of the bottom counts as at the bottom. */
export const SLACK = 24;

/** A scroll this soon (ms) after the reader's wheel, touch or key is theirs. */
export const INTENT_MS = 800;

/** Input by which a reader scrolls a list. */
const READER_INPUT = ["wheel", "touchstart", "touchmove", "keydown"];

/**
 * @param {HTMLElement} list the scrolled element
 * @returns {{jump(): void, dispose(): void, readonly following: boolean}}
 */
export function followNewest(list) {
  let following = true;
  let inputAt = -Infinity; // when the reader last wheeled, touched or pressed a key here
  let holding = false; // the pointer is down on the list (dragging its scrollbar)
  const now = () => performance.now();
  const readerScrolls = () => holding || now() - inputAt < INTENT_MS;
  const atBottom = () => list.scrollHeight - list.scrollTop - list.clientHeight <= SLACK;
  const toBottom = () => {
    if (following) list.scrollTop = list.scrollHeight;
  };
  const onScroll = () => {
    if (atBottom()) following = true;
    else if (readerScrolls()) following = false;
    else toBottom(); // the browser moved it (anchoring, clamping): back to the newest
  };
  const onInput = () => {
    inputAt = now();
  };
  const onPress = () => {
    holding = true;
  };
  const onRelease = () => {
    if (!holding) return; // a click elsewhere (the chat box, the Send button)
    holding = false;
    inputAt = now(); // the last scroll of a drag may come a frame after the release
  };
  const doc = list.ownerDocument;
  const added = new MutationObserver(toBottom); // messages, and thumbnails shown
  added.observe(list, { childList: true, subtree: true, attributes: true, attributeFilter: ["hidden", "src"] });
  const resized = new ResizeObserver(toBottom); // first layout, reload, narrower output
  resized.observe(list);
  list.addEventListener("scroll", onScroll, { passive: true });
  list.addEventListener("load", toBottom, true); // an image loaded (load does not bubble)
  for (const type of READER_INPUT) list.addEventListener(type, onInput, { passive: true });
  list.addEventListener("pointerdown", onPress, { passive: true });
  // The pointer may be let go outside the list (a scrollbar dragged past its end).
  doc?.addEventListener("pointerup", onRelease, true);
  doc?.addEventListener("pointercancel", onRelease, true);
  toBottom();
  return {
    /** Follow again and show the newest message (the user sent a prompt). */
    jump() {
      following = true;
      toBottom();
    },
    get following() {
      return following;
    },
    dispose() {
      added.disconnect();
      resized.disconnect();
      list.removeEventListener("scroll", onScroll);
      list.removeEventListener("load", toBottom, true);
      for (const type of READER_INPUT) list.removeEventListener(type, onInput);
      list.removeEventListener("pointerdown", onPress);
      doc?.removeEventListener("pointerup", onRelease, true);
      doc?.removeEventListener("pointercancel", onRelease, true);
    },
  };
}
