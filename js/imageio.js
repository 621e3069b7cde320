// Pictures in and out of the canvas pane: an image file dropped on the stage or pasted into
// the widget becomes the kernel's current picture; Download saves the kernel's PNG.

import { h } from "./dom.js";

const MAX_FILE_BYTES = 8 * 1024 * 1024; // keep in step with protocol.MAX_IMAGE_BYTES

/**
 * @param {import("./widget.js").Model} model
 * @param {ReturnType<import("./rpc.js").createRpc>} rpc
 * @param {HTMLElement} stage where files are dropped
 * @param {(text: string) => void} showLocalError
 */
export function createImageIO(model, rpc, stage, showLocalError) {
  /** Send an image file to the kernel as the new current picture. */
  async function loadFile(/** @type {File} */ file) {
    const name = file.name || "pasted image";
    if (!file.type.startsWith("image/") && file.type !== "") {
      showLocalError(`${name} is not an image (${file.type}); drop or paste a PNG or JPEG`);
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      showLocalError(`${name} is ${(file.size / 2 ** 20).toFixed(1)} MiB; the limit is 8 MiB`);
      return;
    }
    try {
      const data = await file.arrayBuffer();
      await rpc.request("load_image", { name: name.slice(0, 255) }, [data]);
    } catch (err) {
      // The kernel puts its own refusals in the chat; show only what it never saw.
      if (!(err && /** @type {any} */ (err).kind) || /** @type {any} */ (err).local) {
        showLocalError(`could not load ${name}: ${/** @type {any} */ (err)?.message ?? err}`);
      }
    }
  }

  function onDragOver(/** @type {DragEvent} */ event) {
    if (!event.dataTransfer?.types.includes("Files")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    stage.classList.add("ic-drop");
  }

  const onDragLeave = () => stage.classList.remove("ic-drop");

  function onDrop(/** @type {DragEvent} */ event) {
    stage.classList.remove("ic-drop");
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    event.preventDefault();
    loadFile(file);
  }

  /** A pasted image file becomes the picture; pasted text is left alone. */
  function onPaste(/** @type {ClipboardEvent} */ event) {
    const items = [...(event.clipboardData?.items ?? [])];
    const file = items.find((i) => i.kind === "file" && i.type.startsWith("image/"))?.getAsFile();
    if (!file) return;
    event.preventDefault();
    event.stopPropagation();
    loadFile(file);
  }

  function download() {
    /** @type {DataView | null} */
    const data = model.get("_image");
    if (!data || data.byteLength === 0) return;
    // The kernel's PNG as it is: it carries the turn's metadata in its text chunks.
    const url = URL.createObjectURL(new Blob([data], { type: "image/png" }));
    const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
    const a = /** @type {HTMLAnchorElement} */ (
      h("a", { href: url, download: `imagechat-${stamp}.png`, hidden: true })
    );
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  stage.addEventListener("dragover", onDragOver);
  stage.addEventListener("dragleave", onDragLeave);
  stage.addEventListener("drop", onDrop);
  return {
    loadFile,
    onPaste,
    download,
    dispose() {
      stage.removeEventListener("dragover", onDragOver);
      stage.removeEventListener("dragleave", onDragLeave);
      stage.removeEventListener("drop", onDrop);
    },
  };
}
