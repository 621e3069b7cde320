"""Settings for a whole hub: arguments, then environment variables, then
``jupyter_imagechat_config.json`` (or ``.py``) in the folders ``jupyter --paths`` lists, with
an administrator's locks (see :mod:`.settings`; every setting is listed in :data:`FIELDS`).

Importing this package reads nothing; :func:`resolve_settings` reads the files each time
it is called (a chat is made once, and a changed file then takes effect at once).
"""

from __future__ import annotations

from .fields import ENV_PREFIX, FIELDS, LOCKED_ENV
from .files import CONFIG_NAME, config_folders
from .settings import DEFAULT_GENERATION_MESSAGE, Settings, resolve_settings

__all__ = [
    "CONFIG_NAME",
    "DEFAULT_GENERATION_MESSAGE",
    "ENV_PREFIX",
    "FIELDS",
    "LOCKED_ENV",
    "Settings",
    "config_folders",
    "resolve_settings",
]
