"""One widget per module; each draws plain data from the core and posts its own messages."""
