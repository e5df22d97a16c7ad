"""Modal screens: help, share links, parameter editing."""
