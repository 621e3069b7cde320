"""The diffusers engine: any diffusers text-to-image model, by hub id or local folder.

:class:`~.engine.DiffusersEngine` loads one pipeline and shares its components for
text-to-image, img2img and inpainting (:mod:`.pipelines`, :mod:`.loading`), runs the
denoising with previews and Stop (:mod:`.steps`, :mod:`.previews`), grounds the picture in
the plan (:mod:`.grounding`) and reads its settings (:mod:`.settings`). Importing this
package does not import torch; creating the engine does.
"""
