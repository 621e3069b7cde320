import assert from "node:assert/strict";
import { afterEach, beforeEach, test } from "node:test";

import { SLACK, followNewest } from "./follow.js";

/** Something events are fired on by hand: the document, or the list below. */
class Listeners {
  constructor() {
    /** @type {Record<string, Function[]>} */
    this.listeners = {};
  }
  addEventListener(type, fn) {
    (this.listeners[type] ??= []).push(fn);
  }
  removeEventListener(type, fn) {
    this.listeners[type] = (this.listeners[type] ?? []).filter((f) => f !== fn);
  }
  fire(type) {
    for (const fn of this.listeners[type] ?? []) fn();
  }
}

/** A scrolled list: content height, visible height, scroll position, listeners. */
class FakeList extends Listeners {
  constructor(content, visible) {
    super();
    this.scrollHeight = content;
    this.clientHeight = visible;
    this._top = 0;
    this.ownerDocument = new Listeners(); // where a pointer let go outside the list is heard
  }
  get scrollTop() {
    return this._top;
  }
  set scrollTop(v) {
    const top = Math.max(0, Math.min(v, this.scrollHeight - this.clientHeight));
    const moved = top !== this._top;
    this._top = top;
    if (moved) this.pending = true; // a browser fires "scroll" at the next frame
  }
  /** The next frame: the scroll event of a scroll since the last frame. */
  frame() {
    if (this.pending) this.fire("scroll");
    this.pending = false;
  }
  /** The reader scrolls with the wheel to `top`. */
  wheelTo(top) {
    this.fire("wheel");
    this.scrollTop = top;
    this.frame();
  }
  /** Content grows (a message, a loaded thumbnail): the position stays, as in a browser. */
  grow(px) {
    this.scrollHeight += px;
  }
  get bottomGap() {
    return this.scrollHeight - this.scrollTop - this.clientHeight;
  }
}

/** Observers that the test triggers by hand. */
const observers = [];
class FakeObserver {
  constructor(callback) {
    this.callback = callback;
    this.connected = false;
    observers.push(this);
  }
  observe() {
    this.connected = true;
  }
  disconnect() {
    this.connected = false;
  }
}
const notify = () => observers.filter((o) => o.connected).forEach((o) => o.callback());

beforeEach(() => {
  observers.length = 0;
  globalThis.MutationObserver = FakeObserver;
  globalThis.ResizeObserver = FakeObserver;
});
afterEach(() => {
  delete globalThis.MutationObserver;
  delete globalThis.ResizeObserver;
});

test("opens at the newest message and follows every kind of growth", () => {
  const list = new FakeList(1600, 500);
  followNewest(list);
  assert.equal(list.bottomGap, 0); // a reload opens at the bottom, not the oldest message
  for (let i = 0; i < 6; i++) {
    list.grow(120); // Run All: one message after another...
    notify();
    list.frame();
    list.grow(96); // ...and each thumbnail late, after its message was drawn
    list.fire("load");
    list.frame();
    assert.equal(list.bottomGap, 0);
  }
});

test("a reader who scrolled up keeps their place until back at the bottom or a prompt is sent", () => {
  const list = new FakeList(1600, 500);
  const follow = followNewest(list);
  list.wheelTo(300); // the reader scrolls up
  assert.equal(follow.following, false);
  list.grow(200);
  notify();
  list.fire("load");
  assert.equal(list.scrollTop, 300);

  list.wheelTo(list.scrollHeight - list.clientHeight - (SLACK - 1)); // back near the bottom
  assert.equal(follow.following, true);
  list.grow(200);
  notify();
  assert.equal(list.bottomGap, 0);

  list.scrollTop = 0;
  follow.jump(); // the user sent a prompt: show it
  assert.equal(list.bottomGap, 0);
  assert.equal(follow.following, true);
});

test("our own scroll, seen after the list got shorter, does not stop the following", () => {
  const list = new FakeList(1600, 500);
  followNewest(list);
  list.frame();
  list.grow(120);
  notify(); // a message: scrolled to the bottom, its scroll event not yet fired...
  list.clientHeight -= 59; // ...when the progress bar shows and the list gets shorter
  list.frame();
  notify(); // the list's resize
  assert.equal(list.bottomGap, 0);
  list.clientHeight += 59; // the turn ends: the progress bar goes
  notify();
  list.frame();
  list.grow(96);
  list.fire("load");
  assert.equal(list.bottomGap, 0);
});

test("a scroll the browser makes by itself does not stop the following", () => {
  // Scroll anchoring: thumbnails above the anchor message load and the browser moves the
  // list to keep that message in place, leaving the newest one below the visible part.
  const list = new FakeList(1400, 500);
  const follow = followNewest(list);
  list.frame();
  list.grow(750);
  list.scrollTop += 376;
  list.frame();
  assert.equal(follow.following, true);
  assert.equal(list.bottomGap, 0);
});

test("a reader dragging the scrollbar keeps their place however long the drag", async () => {
  const list = new FakeList(1600, 500);
  const follow = followNewest(list);
  list.fire("pointerdown");
  list.scrollTop = 600;
  list.frame();
  await new Promise((resolve) => setTimeout(resolve, 900)); // longer than a wheel's intent
  list.scrollTop = 200;
  list.frame();
  assert.equal(follow.following, false);
  list.ownerDocument.fire("pointerup"); // let go outside the list
  list.grow(200);
  notify();
  assert.equal(list.scrollTop, 200);
});

test("a click elsewhere in the page is not the reader scrolling", () => {
  const list = new FakeList(1600, 500);
  const follow = followNewest(list);
  list.ownerDocument.fire("pointerup"); // the chat box clicked, a prompt typed and sent
  follow.jump();
  list.frame();
  list.grow(120);
  notify();
  list.clientHeight -= 59; // the progress bar shows, and the browser moves the list a little
  list.scrollTop -= 30;
  list.frame();
  assert.equal(follow.following, true);
  assert.equal(list.bottomGap, 0);
});

test("dispose stops following", () => {
  const list = new FakeList(1000, 500);
  const follow = followNewest(list);
  follow.dispose();
  assert.ok(observers.every((o) => !o.connected));
  assert.deepEqual(list.listeners.scroll, []);
  assert.deepEqual(list.listeners.load, []);
  assert.deepEqual(list.listeners.wheel, []);
  assert.deepEqual(list.listeners.pointerdown, []);
  assert.deepEqual(list.ownerDocument.listeners.pointerup, []);
});
