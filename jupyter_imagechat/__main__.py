"""``python -m jupyter_imagechat`` runs the command line."""

from .cli import main

raise SystemExit(main())
