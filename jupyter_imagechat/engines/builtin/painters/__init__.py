"""Drawn artwork for nouns with no fitting emoji: each module holds painters that draw in a
512-unit square; :mod:`..painted` joins them and renders them at any size.
"""
