"""Lesson requests: topics from the knowledge base and your own (:mod:`.topics`,
:mod:`.user_topics`, :mod:`.saved_topics`), sums and maths things (:mod:`.maths`,
:mod:`.maths_things`), charts of counts and sorted sets (:mod:`.families`), read around the
description by :mod:`.request`.
"""
