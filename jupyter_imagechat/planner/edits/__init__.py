"""Follow-ups: whether a prompt changes the picture shown, asks, or starts a new one
(:mod:`.followup`), and the edit commands that change the scene (:mod:`.commands` and the
modules it dispatches to: what "it" and "the left one" mean in :mod:`.refs`, looks, counts,
instances, places, moves, texts and the scene's time, weather, place and style).
"""
