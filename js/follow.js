// Keep the chat's message list at its newest message while the reader is there.
//
// The list grows in three ways that must all keep the newest message in view: messages are
// appended (Run All sends many at once), a thumbnail arrives and loads after its message
// was drawn, and the list is laid out for the first time (a page reload, a cell scrolled
// into view) or resized. Checking "near the bottom?" only when a message arrives misses the
// last two, and one late thumbnail then stops the following for good. Here the reader's own
// scrolling decides: scrolled up to read, the list stays put; back at the bottom (or a
// prompt sent, see `jump`), it follows again.

/** Within this many pixels of the bottom counts as at the bottom. */
export const SLACK = 24;

/**
 * @param {HTMLElement} list the scrolled element
 * @returns {{jump(): void, dispose(): void, readonly following: boolean}}
 */
export function followNewest(list) {
  let following = true;
  let ours = -1; // where `toBottom` last put the list
  const atBottom = () => list.scrollHeight - list.scrollTop - list.clientHeight <= SLACK;
  const toBottom = () => {
    if (!following) return;
    list.scrollTop = list.scrollHeight;
    ours = list.scrollTop;
  };
  // Scroll events come a frame late: the event of our own scroll may arrive after the list
  // got shorter (the progress bar shows while a turn runs), so it would look like the reader
  // left the bottom. Only a scroll elsewhere than ours stops the following; reaching the
  // bottom, by any means, starts it again. Growing content scrolls nothing.
  const onScroll = () => {
    if (atBottom()) following = true;
    else if (list.scrollTop !== ours) following = false;
  };
  const added = new MutationObserver(toBottom); // messages, and thumbnails shown
  added.observe(list, { childList: true, subtree: true, attributes: true, attributeFilter: ["hidden", "src"] });
  const resized = new ResizeObserver(toBottom); // first layout, reload, narrower output
  resized.observe(list);
  list.addEventListener("scroll", onScroll, { passive: true });
  list.addEventListener("load", toBottom, true); // an image loaded (load does not bubble)
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
    },
  };
}
