"""World and word knowledge shared by the planner, the layout, the engines and the checker:
where the ground is, what flies (:mod:`.world`).
"""
