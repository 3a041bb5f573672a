"""Facts that differ inside a link: numbers, dates, names, quotes, attribution, hedges, negation.

Rule-based (regular expressions and small word lists, standard library only) so that it can run
on every link. One module per fact type says how that type is found and what counts as the same
fact; ``words`` holds the word lists, ``base`` the item and pairing helpers, ``changes`` the entry
point.
"""
from viewer.engine.facts.changes import fact_changes

__all__ = ["fact_changes"]
