"""The checker's world model (:mod:`.model`): support, frame, size, overlap, legibility,
and what stays between turns.
"""
