"""`python -m tui_nn.bench` runs the benchmark (see `tui_nn.bench.run`)."""

from tui_nn.bench.run import main

raise SystemExit(main())
