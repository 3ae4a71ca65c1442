"""Signals of the unit tree."""

from django.dispatch import Signal

# sent after a unit moved to another parent and its subtree's paths were rewritten; kwargs: unit
# (with its new path), old_path. Receivers: records that copy the tree's shape (cases/reach.py).
unit_moved = Signal()
