"""The Textual front end: renders Trainer snapshots and turns keys into settings and commands."""
