"""``python -m graph`` runs the ``kg`` command line."""

from graph.command_line import main

main()
