"""E3002, second step: a property that belongs one level deeper or shallower is moved there; one that
exists on no level is removed (unsafe). (Being written — issue 7.)"""
from __future__ import annotations


def move_or_remove(doc, match, schemas):
    return None
