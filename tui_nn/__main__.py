"""`python -m tui_nn` runs the command-line front end."""

from tui_nn.cli.main import main

raise SystemExit(main())
