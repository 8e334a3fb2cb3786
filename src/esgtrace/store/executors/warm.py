"""Imported once by the fork server the worker processes are forked from: warm it up.

Importing this module loads esgtrace's parser, extractor, catalogues and unit registry
and runs the extractor on a tiny report, so every worker forked afterwards starts warm.
"""

from esgtrace.store.work import warm_up

warm_up()
