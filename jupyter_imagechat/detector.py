"""Compatibility: ``from jupyter_imagechat.detector import OwlVitDetector`` keeps working.

The detectors live in :mod:`jupyter_imagechat.checker.detector`.
"""

from .checker.detector import Detection, Detector, OwlVitDetector

__all__ = ["Detection", "Detector", "OwlVitDetector"]
