"""Sub-commands of the `yingdu` console script, one leaf module per area.

Each module has `register(subparsers)` adding its commands; a command that needs Django
declares it with `set_defaults(needs_django=True)` and `yingdu.cli.main()` sets Django up
once before calling it. Leaves never import `yingdu.cli`; what they share (Django set-up,
is the database there) lives in `runtime.py`. The Django-free lexicon commands stay in
`yingdu/lexicon/cli.py` and the import command in `yingdu/imports/cli.py`.
"""
