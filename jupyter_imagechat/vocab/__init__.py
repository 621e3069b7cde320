"""Shared vocabulary: what the planner, the layout, the engines and the checker all know.

The floor just above ``scene`` and ``errors`` (it imports nothing else of the package):

- :mod:`.world`: where the ground is for each background (``HORIZON``, ``HORIZONS``,
  ``ground_level``, ``horizon``) and what flies or floats (``IN_THE_AIR``), so the layout
  and the built-in engine put the ground in the same place;
- :mod:`.sizes`: how big things are drawn (``TYPICAL_SIZE``, ``SIZE_FACTORS``,
  ``typical_size``), for the layout's boxes and the planner's "fits in a hand";
- :mod:`.support`: what holds what (what hangs on an indoor wall, what a board holds on
  its face, which containers are open, what rests on top of what) and how far drawn sizes
  may stray from the typical ones, for the layout, the checker and the built-in engine;
- :mod:`.files`: :func:`~.files.read_json`, which reads a package data file once.

The tables themselves are data, in ``vocab/data/*.json`` (listed in ``docs/coverage.md``,
validated by ``tests/test_vocab_data.py``).
"""
